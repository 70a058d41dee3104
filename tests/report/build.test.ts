import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import { buildReport, SECTION_IDS } from '../../src/report/build';
import { cellType, type ExportOptions, type Report, type ReportTable } from '../../src/report/model.types';
import { makeResult } from '../fixtures/backtestResult';

const OPTIONS: ExportOptions = { formats: ['csv'], template: 'detailed', bom: true };

function table(report: Report, id: string): ReportTable {
  const found = report.sections.flatMap((s) => s.tables).find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

function keys(t: ReportTable): string[] {
  return t.columns.map((c) => c.key);
}

describe('buildReport', () => {
  const result = makeResult();
  const report = buildReport(result, OPTIONS, { generatedAt: '2025-09-06T08:38:40Z' });

  it('has every section in export order with sheet titles', () => {
    expect(report.sections.map((s) => s.id)).toEqual(SECTION_IDS);
    expect(report.sections.map((s) => s.title)).toEqual([
      'Performance', 'Daily', 'Allocations', 'Trades', 'Rebalances', 'Risk', 'Drawdowns', 'Rolling', 'Monthly Returns', 'Yearly Returns', 'Trailing Returns',
    ]);
  });

  it('names the columns exactly as the export contract', () => {
    expect(keys(table(report, 'performance_summary'))).toEqual(['metric', 'crypto_backtest', 'bitcoin']);
    expect(keys(table(report, 'daily_portfolio_data'))).toEqual([
      'date', 'portfolio_value', 'daily_return', 'cumulative_return', 'drawdown', 'volatility_rolling', 'cash', 'bitcoin_value',
    ]);
    expect(keys(table(report, 'asset_allocations'))).toEqual(['date', 'BTC_weight', 'ETH_weight', 'cash_weight']);
    expect(keys(table(report, 'transaction_log'))).toEqual([
      'date', 'event_type', 'asset', 'action', 'quantity', 'price', 'cost', 'reason', 'trade_value', 'currency',
    ]);
    expect(keys(table(report, 'rebalancing_events'))).toEqual(['date', 'trigger_reason', 'transaction_cost', 'assets_changed', 'trade_details']);
    expect(keys(table(report, 'correlation_matrix'))).toEqual(['asset', 'BTC', 'ETH']);
    expect(keys(table(report, 'volatility_decomposition'))).toEqual(['asset', 'weight', 'volatility', 'contribution', 'contribution_share']);
    expect(keys(table(report, 'drawdown_periods'))).toEqual(['start', 'trough', 'recovery', 'depth', 'length', 'length_days', 'days_to_recover']);
    expect(keys(table(report, 'rolling_metrics'))).toEqual(['date', 'rolling_return', 'rolling_volatility', 'rolling_sharpe', 'rolling_beta']);
    expect(keys(table(report, 'yearly_returns'))).toEqual(['year', 'crypto_backtest', 'bitcoin']);
    expect(keys(table(report, 'trailing_returns'))).toEqual(['period', 'crypto_backtest', 'bitcoin']);
    expect(table(report, 'trailing_returns').rows.map((r) => r[0])).toEqual(['mtd', '3m', '6m', 'ytd', '1y', '3y', '5y', '10y', 'inception']);
    expect(table(report, 'trailing_returns').rowLabels).toEqual([
      'MTD', '3 months', '6 months', 'YTD', '1 year', '3 years (ann.)', '5 years (ann.)', '10 years (ann.)', 'Since inception (ann.)',
    ]);
    expect(keys(table(report, 'monthly_returns'))).toEqual([
      'year', 'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'year_total',
    ]);
    for (const t of report.sections.flatMap((s) => s.tables)) {
      for (const c of t.columns) expect(c.label.length).toBeGreaterThan(0);
      for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
    }
  });

  it('types each summary row by its metric unit', () => {
    const summary = table(report, 'performance_summary');
    expect(summary.rows.slice(0, 5).map((r) => r[0])).toEqual(['total_return', 'annualized_return', 'volatility', 'sharpe_ratio', 'max_drawdown']);
    const strategyColumn = summary.columns[1]!;
    const kinds = summary.rows.map((_, i) => cellType(strategyColumn, i).kind);
    expect(kinds).toEqual(['percent', 'percent', 'percent', 'number', 'percent', 'integer', 'currency', 'integer']);
    expect(summary.rows[0]![1]).toBe(result.strategy.metrics.total_return);
    expect(summary.rows[0]![2]).toBe(result.benchmarks[0]!.metrics.total_return);
  });

  it('starts daily returns at V_0 / C − 1 and chains them into the cumulative return', () => {
    const daily = table(report, 'daily_portfolio_data');
    const v0 = result.strategy.values[0]!;
    expect(daily.rows[0]![2]).toBeCloseTo(v0.div(10000).minus(1).toNumber(), 15);
    expect(daily.rows[0]![2]).toBeLessThan(0);
    let growth = 1;
    for (const row of daily.rows) {
      growth *= 1 + (row[2] as number);
      expect(row[3]).toBeCloseTo(growth - 1, 12);
    }
    expect(daily.rows.map((r) => r[1])).toEqual(result.strategy.values);
    expect(daily.rows.map((r) => r[7])).toEqual(result.benchmarks[0]!.values);
    expect(daily.rows[0]![5]).toBeNull();
  });

  it('writes trades with event type, absolute trade value and JSON trade details', () => {
    const log = table(report, 'transaction_log');
    expect(log.rows).toHaveLength(result.strategy.trades.length);
    expect(log.rows[0]!.slice(0, 4)).toEqual(['2024-01-01', 'rebalance', 'BTC', 'buy']);
    const events = table(report, 'rebalancing_events');
    expect(events.rows).toHaveLength(result.strategy.rebalances.length);
    expect(events.rows[0]![3]).toBe('BTC;ETH');
    const details = JSON.parse(events.rows[0]![4] as string) as Record<string, string>[];
    const first = result.strategy.trades[0]!;
    expect(details[0]).toEqual({
      asset: 'BTC',
      action: 'buy',
      quantity: first.quantity.toFixed(6),
      price: first.price.toFixed(),
      cost: first.cost.toFixed(2),
    });
  });

  it('fills the metadata', () => {
    const { meta } = report;
    expect(meta.title).toBe('Crypto backtest');
    expect(meta.generatedAt).toBe('2025-09-06T08:38:40Z');
    expect(meta.portfolios.map((p) => p.key)).toEqual(['crypto_backtest', 'bitcoin']);
    expect(meta.options.prefix).toBe('crypto_backtest');
    expect(meta.run?.config.name).toBe('Crypto backtest');
    expect(meta.run?.config.initial_capital).toBe('10000');
    expect(meta.run?.summaryScope).toBe('run');
    expect(meta.run?.dataRange).toEqual({ first: '2024-01-01', last: '2024-01-05', day0: '2024-01-01' });
    expect(meta.run?.exportedRange).toEqual({ from: '2024-01-01', to: '2024-01-05' });
    expect(meta.keyFigures.map((k) => k.key)).toEqual(['total_return', 'annualized_return', 'volatility', 'sharpe_ratio', 'max_drawdown', 'final_value']);
    expect(meta.keyFigures[5]!.values[0]).toEqual(result.strategy.values[4]);
    expect(meta.glossary).toHaveLength(result.metric_definitions.length);
    expect(meta.warnings).toEqual(['Fixture warning: hand-made data']);
  });

  it('attaches every chart to the section holding its table', () => {
    const charts = report.sections.flatMap((s) => s.charts.map((c) => ({ section: s, chart: c })));
    expect(charts.map((c) => c.chart.id).sort()).toEqual(
      [
        'allocation',
        'correlation',
        'drawdown',
        'equity',
        'monthly_heatmap',
        'return_distribution',
        'risk_contributions',
        'rolling_beta',
        'rolling_sharpe',
        'rolling_volatility',
        'underwater',
        'yearly_returns',
      ].sort(),
    );
    for (const { section, chart } of charts) {
      const t = section.tables.find((x) => x.id === chart.tableId);
      expect(t, chart.id).toBeDefined();
      const columnKeys = keys(t!);
      expect(columnKeys).toContain(chart.x);
      for (const s of chart.series) expect(columnKeys).toContain(s.column);
    }
    expect(report.sections.flatMap((s) => s.charts).find((c) => c.id === 'allocation')?.kind).toBe('stacked_area');
  });

  it('keeps only the requested sections, in export order', () => {
    const partial = buildReport(result, { ...OPTIONS, sections: ['trades', 'summary'] });
    expect(partial.sections.map((s) => s.id)).toEqual(['summary', 'trades']);
  });

  it('rejects an unknown section and a range with no dates, naming them', () => {
    expect(() => buildReport(result, { ...OPTIONS, sections: ['bogus' as never] })).toThrow(/sections: got "bogus"/);
    try {
      buildReport(result, { ...OPTIONS, dateRange: { from: '2030-01-01', to: '2030-02-01' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BackfolioError);
      expect((error as BackfolioError).code).toBe('EXPORT_FAILED');
      expect((error as BackfolioError).message).toContain('2030-01-01 to 2030-02-01');
    }
    expect(() => buildReport(result, { ...OPTIONS, dateRange: { from: '2024-01-04', to: '2024-01-02' } })).toThrow(/from ≤ to/);
    expect(() => buildReport(result, { ...OPTIONS, dateRange: { from: '01/02/2024' } })).toThrow(/dateRange.from/);
  });

  it('makes duplicate portfolio keys unique', () => {
    const twin = buildReport(makeResult({ strategyName: 'Bitcoin', benchmarkName: 'bitcoin' }), OPTIONS);
    expect(keys(table(twin, 'performance_summary'))).toEqual(['metric', 'bitcoin', 'bitcoin_2']);
    expect(keys(table(twin, 'daily_portfolio_data')).at(-1)).toBe('bitcoin_2_value');
  });

  it('uses a prefix given in the options, cleaned', () => {
    expect(buildReport(result, { ...OPTIONS, prefix: 'My Run!' }).meta.options.prefix).toBe('my_run');
  });
});
