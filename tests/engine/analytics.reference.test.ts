/**
 * Cross-check of the analytics on top of the value series against an independent pandas
 * implementation (scripts/reference/analytics_reference.py: QuantStats 0.0.84's formulas
 * transcribed, the spec's rolling, calendar and trailing rules): every QuantStats row of the
 * summary, best/worst month and year, rolling metrics, yearly and trailing returns of every
 * portfolio and the drawdown periods, as exported in the report model, for a whole run and for
 * a date range. Every number agrees to 1e-9 relative. Needs Debian's python3 with pandas, numpy
 * and scipy (installed by .ci/run); fails without them.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePriceCsv } from '../../src/data/prices';
import { runBacktest } from '../../src/engine/run';
import type { BacktestResult } from '../../src/engine/types';
import { buildReport } from '../../src/report/build';
import { toNumber } from '../../src/report/format';
import type { CellValue, ExportOptions, Report, ReportTable } from '../../src/report/model.types';
import { requirePython } from '../support/tools';

const python = requirePython(['pandas', 'numpy', 'scipy']);
const SCRIPT = join(__dirname, '../../scripts/reference/analytics_reference.py');

/** The metric keys the reference computes (QuantStats rows and calendar extremes). */
const CHECKED_METRICS = [
  'omega_ratio', 'tail_ratio', 'profit_factor', 'payoff_ratio', 'gain_to_pain_ratio', 'common_sense_ratio', 'cpc_index',
  'max_consecutive_wins', 'max_consecutive_losses', 'avg_win', 'avg_loss', 'kelly_criterion', 'outlier_win_ratio',
  'outlier_loss_ratio', 'risk_of_ruin', 'exposure', 'r_squared', 'ulcer_index', 'ulcer_performance_index', 'recovery_factor',
  'serenity_index', 'best_month', 'worst_month', 'best_year', 'worst_year', 'probabilistic_sharpe_ratio',
];

interface ReferencePortfolio {
  metrics: Record<string, number | null>;
  yearly: { year: number; return: number | null }[];
  trailing: Record<string, number | null>;
  rolling?: { return: (number | null)[]; volatility: (number | null)[]; sharpe: (number | null)[]; beta: (number | null)[] };
  drawdown_periods?: {
    start: string; trough: string; recovery: string | null; depth: number; length: number; length_days: number; days_to_recover: number | null;
  }[];
}

/** Seeded random-walk prices in long form (mulberry32), daily or weekdays only. */
function makePrices(symbols: string[], start: string, days: number, seed: number, weekdaysOnly = false): string {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const prices = symbols.map((_, i) => 30 + 50 * i);
  const lines = ['date,symbol,price'];
  const day = new Date(`${start}T00:00:00Z`);
  for (let k = 0; k < days; k += 1, day.setUTCDate(day.getUTCDate() + 1)) {
    const weekday = day.getUTCDay();
    if (weekdaysOnly && (weekday === 0 || weekday === 6)) continue;
    const iso = day.toISOString().slice(0, 10);
    symbols.forEach((symbol, i) => {
      prices[i] = (prices[i] ?? 1) * (1 + (random() - 0.497) * (0.05 + 0.02 * i));
      // A flat stretch now and then, so zero returns (exposure, win rate) are exercised.
      if (i === 0 && k % 97 < 3) return;
      lines.push(`${iso},${symbol},${(prices[i] ?? 1).toFixed(4)}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

function reference(result: BacktestResult, from: number, to: number, anchored: boolean): ReferencePortfolio[] {
  const portfolios = [result.strategy, ...result.benchmarks];
  const input = {
    dates: result.dates.slice(from, to + 1),
    capital: result.config.initial_capital.toNumber(),
    P: result.config.periods_per_year,
    rf: result.config.risk_free_rate,
    window: result.config.rolling_window,
    anchored,
    portfolios: portfolios.map((p) => p.values.slice(from, to + 1).map((v) => v.toNumber())),
  };
  return JSON.parse(execFileSync(python, [SCRIPT], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20 })) as ReferencePortfolio[];
}

function expectClose(actual: CellValue | undefined, expected: number | null | undefined, label: string): void {
  const value = actual === undefined ? null : toNumber(actual);
  if (expected === null || expected === undefined) {
    expect(value, label).toBeNull();
    return;
  }
  expect(value, label).not.toBeNull();
  const error = Math.abs((value as number) - expected);
  expect(error, `${label}: ${String(value)} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + 1e-15);
}

function table(report: Report, id: string): ReportTable {
  const found = report.sections.flatMap((s) => s.tables).find((t) => t.id === id);
  if (found === undefined) throw new Error(`no table ${id}`);
  return found;
}

/** Compares every new figure of `report` with the reference over the same period. */
function compareReport(report: Report, expected: ReferencePortfolio[], portfolioCount: number): void {
  const summary = table(report, 'performance_summary');
  for (const key of CHECKED_METRICS) {
    const row = summary.rows.find((r) => r[0] === key);
    expect(row, key).toBeDefined();
    for (let p = 0; p < portfolioCount; p += 1) expectClose(row?.[p + 1], expected[p]?.metrics[key], `${key} [${p}]`);
  }
  const yearly = table(report, 'yearly_returns');
  for (let p = 0; p < portfolioCount; p += 1) {
    const years = expected[p]?.yearly ?? [];
    expect(yearly.rows.map((r) => r[0])).toEqual(years.map((y) => y.year));
    years.forEach((y, i) => expectClose(yearly.rows[i]?.[p + 1], y.return, `yearly ${y.year} [${p}]`));
  }
  const trailing = table(report, 'trailing_returns');
  trailing.rows.forEach((row) => {
    for (let p = 0; p < portfolioCount; p += 1) expectClose(row[p + 1], expected[p]?.trailing[String(row[0])], `trailing ${String(row[0])} [${p}]`);
  });
  const rolling = table(report, 'rolling_metrics');
  const ref = expected[0]?.rolling;
  expect(ref?.return).toHaveLength(rolling.rows.length);
  rolling.rows.forEach((row, i) => {
    expectClose(row[1], ref?.return[i], `rolling_return ${String(row[0])}`);
    expectClose(row[2], ref?.volatility[i], `rolling_volatility ${String(row[0])}`);
    expectClose(row[3], ref?.sharpe[i], `rolling_sharpe ${String(row[0])}`);
    expectClose(row[4], ref?.beta[i], `rolling_beta ${String(row[0])}`);
  });
  const drawdowns = table(report, 'drawdown_periods');
  const periods = expected[0]?.drawdown_periods ?? [];
  expect(drawdowns.rows).toHaveLength(periods.length);
  periods.forEach((period, i) => {
    const row = drawdowns.rows[i] ?? [];
    expect(row.slice(0, 3), `drawdown ${i}`).toEqual([period.start, period.trough, period.recovery]);
    expectClose(row[3], period.depth, `drawdown ${i} depth`);
    expect([row[4], row[5], row[6]], `drawdown ${i} lengths`).toEqual([period.length, period.length_days, period.days_to_recover]);
  });
}

const OPTIONS: ExportOptions = { formats: ['csv'], template: 'detailed', bom: true };

describe('analytics agree with an independent pandas / QuantStats-formula implementation', () => {
  const symbols = ['BTC', 'ETH', 'SOL'];
  // A run that starts mid-month and spans five calendar years, daily prices (P inferred 365).
  const result = runBacktest({
    config: {
      name: 'Risk parity crypto',
      start_date: '2019-03-17',
      end_date: '2023-08-09',
      initial_capital: '10000',
      base_currency: 'USD',
      risk_free_rate: '0.03',
      rebalancing_frequency: 'monthly',
      rebalance_threshold: '5/25',
      quantity_decimals: 8,
      rolling_window: 45,
      transaction_costs: { fixed_per_trade: '1', percentage: '0.001' },
      strategy: { type: 'risk_parity', assets: symbols, lookback: 30 },
      benchmarks: [
        { name: 'Bitcoin', type: 'buy_and_hold', asset: 'BTC' },
        { name: 'Equal weight', type: 'equal_weight', assets: symbols },
      ],
    },
    prices: parsePriceCsv(makePrices(symbols, '2019-03-17', 1607, 21)),
  });

  it('over the whole run', () => {
    const report = buildReport(result, OPTIONS);
    compareReport(report, reference(result, 0, result.dates.length - 1, false), 3);
    // The spec's shape: 3y present, 5y and 10y empty for a run of four and a half years.
    const trailing = table(report, 'trailing_returns');
    expect(trailing.rows.find((r) => r[0] === '3y')?.[1]).not.toBeNull();
    expect(trailing.rows.find((r) => r[0] === '5y')?.[1]).toBeNull();
  });

  it('over a date range: recomputed from the close before the range', () => {
    const report = buildReport(result, { ...OPTIONS, dateRange: { from: '2020-05-20', to: '2022-11-07' } });
    const from = result.dates.indexOf('2020-05-20');
    const to = result.dates.indexOf('2022-11-07');
    expect(from).toBeGreaterThan(0);
    compareReport(report, reference(result, from - 1, to, true), 3);
  });

  it('a short weekday run without a second benchmark, shorter than a year', () => {
    const short = runBacktest({
      config: {
        name: 'Short',
        start_date: '2024-01-10',
        end_date: '2024-09-30',
        initial_capital: '5000',
        base_currency: 'USD',
        risk_free_rate: '0',
        rebalancing_frequency: 'weekly',
        transaction_costs: { fixed_per_trade: '0', percentage: '0.002' },
        strategy: { type: 'fixed', weights: { BTC: 0.6, ETH: 0.4 } },
        benchmarks: [{ name: 'Ether', type: 'buy_and_hold', asset: 'ETH' }],
      },
      prices: parsePriceCsv(makePrices(['BTC', 'ETH'], '2024-01-10', 265, 5, true)),
    });
    const report = buildReport(short, OPTIONS);
    compareReport(report, reference(short, 0, short.dates.length - 1, false), 2);
    const trailing = table(report, 'trailing_returns');
    for (const period of ['1y', '3y', '5y', '10y']) expect(trailing.rows.find((r) => r[0] === period)?.[1], period).toBeNull();
  });
});
