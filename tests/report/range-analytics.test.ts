/**
 * A date-range export restricts every table to the range (backtest.md; brief: "a date-range
 * export restricts every table"): correlations, risk contributions, drawdowns, monthly, yearly,
 * trailing and rolling figures are recomputed from the range's own values, starting from the
 * close before the range, exactly as the summary is. Real engine run of the bundled example.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/data/examples/index';
import { parsePriceCsv } from '../../src/data/prices';
import { runBacktest } from '../../src/engine/run';
import { buildReport } from '../../src/report/build';
import { formatDisplayValue } from '../../src/report/format';
import { cellType, type ExportOptions, type Report, type ReportTable } from '../../src/report/model.types';

const OPTIONS: ExportOptions = { formats: ['csv'], template: 'detailed', bom: true };

function table(report: Report, id: string): ReportTable {
  const found = report.sections.flatMap((s) => s.tables).find((t) => t.id === id);
  if (found === undefined) throw new Error(`no table ${id}`);
  return found;
}

function pearson(a: number[], b: number[]): number {
  const ma = a.reduce((t, x) => t + x, 0) / a.length;
  const mb = b.reduce((t, x) => t + x, 0) / b.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    ab += (x - ma) * (y - mb);
    aa += (x - ma) ** 2;
    bb += (y - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

describe('a 2023-only export of the bundled example', async () => {
  const example = EXAMPLES[0]!;
  const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
  const whole = buildReport(result, OPTIONS);
  const report = buildReport(result, { ...OPTIONS, dateRange: { from: '2023-01-01', to: '2023-12-31' } });
  const start = result.dates.indexOf('2023-01-01');
  const end = result.dates.indexOf('2023-12-31');
  const anchor = result.strategy.values[start - 1]!.toNumber();
  const values = result.strategy.values.map((v) => v.toNumber());

  it('the range is inside the run, not at its ends', () => {
    expect(start).toBeGreaterThan(0);
    expect(end).toBeLessThan(result.dates.length - 1);
  });

  it('monthly and yearly returns cover only 2023, the first month over the close before the range', () => {
    const monthly = table(report, 'monthly_returns');
    expect(monthly.rows.map((r) => r[0])).toEqual([2023]);
    const januaryEnd = result.dates.indexOf('2023-01-31');
    expect(monthly.rows[0]?.[1]).toBeCloseTo(values[januaryEnd]! / anchor - 1, 12);
    const yearly = table(report, 'yearly_returns');
    expect(yearly.rows.map((r) => r[0])).toEqual([2023]);
    expect(yearly.rows[0]?.[1]).toBeCloseTo(values[end]! / anchor - 1, 12);
    expect(monthly.rows[0]?.[13]).toBe(yearly.rows[0]?.[1]);
    // Whole-run export: one row per calendar year of the run.
    expect(table(whole, 'yearly_returns').rows.length).toBeGreaterThan(1);
  });

  it('trailing returns at the range end: ytd and 1y are the range return, 3y empty', () => {
    const trailing = table(report, 'trailing_returns');
    const at = (period: string): unknown => trailing.rows.find((r) => r[0] === period)?.[1];
    expect(at('ytd')).toBeCloseTo(values[end]! / anchor - 1, 12);
    expect(at('1y')).toBeCloseTo(values[end]! / anchor - 1, 12);
    expect(at('3y')).toBeNull();
    const summary = table(report, 'performance_summary');
    expect(at('inception')).toBe(summary.rows.find((r) => r[0] === 'annualized_return')?.[1]);
  });

  it('drawdowns and the daily drawdown column are measured from the range’s own peak', () => {
    const periods = table(report, 'drawdown_periods');
    const summary = table(report, 'performance_summary');
    const maxDrawdown = summary.rows.find((r) => r[0] === 'max_drawdown')?.[1];
    expect(periods.rows[0]?.[3]).toBeCloseTo(maxDrawdown as number, 12);
    for (const row of periods.rows) {
      expect(String(row[1]) >= '2023-01-01' && String(row[1]) <= '2023-12-31').toBe(true);
      expect(String(row[0]) >= result.dates[start - 1]!).toBe(true);
    }
    const daily = table(report, 'daily_portfolio_data');
    const lowest = Math.min(...daily.rows.map((r) => r[4] as number));
    expect(lowest).toBeCloseTo(maxDrawdown as number, 12);
    // The whole run's trough is deeper than 2023's: the range does not inherit it.
    expect(table(whole, 'drawdown_periods').rows[0]?.[3]).not.toBeCloseTo(maxDrawdown as number, 6);
    expect(periods.note).toContain('Recomputed over 2023-01-01 to 2023-12-31');
  });

  it('correlations and risk contributions use the range’s returns and its final weights', () => {
    const correlation = table(report, 'correlation_matrix');
    const prices = result.assets.map((a) => a.base_prices.map((p) => p.toNumber()));
    const returns = prices.map((p) => p.slice(start - 1, end + 1).map((x, i, all) => (i === 0 ? 0 : x / all[i - 1]! - 1)).slice(1));
    const symbols = correlation.rows.map((r) => String(r[0]));
    const i = result.assets.findIndex((a) => a.symbol === symbols[0]);
    const j = result.assets.findIndex((a) => a.symbol === symbols[1]);
    expect(correlation.rows[0]?.[2]).toBeCloseTo(pearson(returns[i]!, returns[j]!), 12);
    const decomposition = table(report, 'volatility_decomposition');
    expect(decomposition.rows[0]?.[1]).toBe(result.strategy.weights[0]![end]);
    expect(decomposition.rows[0]?.[1]).not.toBe(table(whole, 'volatility_decomposition').rows[0]?.[1]);
  });

  it('rolling metrics restart with the range: the first full window is the window-th date of the range', () => {
    const rolling = table(report, 'rolling_metrics');
    const window = result.config.rolling_window;
    expect(rolling.rows[0]?.[0]).toBe('2023-01-01');
    expect(rolling.rows.slice(0, window - 1).every((r) => r[1] === null && r[2] === null)).toBe(true);
    const firstFull = rolling.rows[window - 1]!;
    expect(firstFull[1]).toBeCloseTo(values[start + window - 1]! / anchor - 1, 12);
    expect(rolling.note).toContain('recomputed');
    // The daily table's rolling volatility is the same recomputed series.
    const daily = table(report, 'daily_portfolio_data');
    expect(daily.rows.map((r) => r[5])).toEqual(rolling.rows.map((r) => r[2]));
  });

  it('a range starting at day 0 gives the run’s own figures over its dates', () => {
    const early = buildReport(result, { ...OPTIONS, dateRange: { to: '2022-12-31' } });
    const cut = result.dates.indexOf('2022-12-31');
    const rolling = table(early, 'rolling_metrics');
    expect(rolling.rows.map((r) => r[3])).toEqual(table(whole, 'rolling_metrics').rows.slice(0, cut + 1).map((r) => r[3]));
  });

  it('years print without a thousands separator', () => {
    const yearly = table(whole, 'yearly_returns');
    const column = yearly.columns[0]!;
    expect(formatDisplayValue(yearly.rows[0]![0]!, cellType(column, 0))).toMatch(/^\d{4}$/);
    expect(formatDisplayValue(12345, { kind: 'integer' })).toBe('12,345');
  });
});

describe('notes of the yearly and trailing tables', async () => {
  const example = EXAMPLES[0]!;
  const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
  const report = buildReport(result, OPTIONS);

  it('say which trailing periods are empty and why, and the span of the first and last years', () => {
    const trailing = table(report, 'trailing_returns');
    expect(trailing.note).toBe(`Empty: 5 years (ann.), 10 years (ann.), whose look-back starts before ${result.dates[0]}, the first date of the data.`);
    const yearly = table(report, 'yearly_returns');
    expect(yearly.note).toBe(`The first year runs from ${result.dates[0]}, the last to ${result.dates[result.dates.length - 1]}.`);
  });
});
