/**
 * Hand-made report tables in the shapes of the export contract (and of the brief's "Interfaces
 * fixed now" for the new sections), for testing chart spec builders without a backtest.
 */
import type { ChartContext } from '../../src/report/charts';
import type { CellValue, Column, ColumnType, ReportTable } from '../../src/report/model.types';

const DATE: ColumnType = { kind: 'date' };
const PERCENT: ColumnType = { kind: 'percent', decimals: 2 };
const RATIO: ColumnType = { kind: 'number', decimals: 2 };
const INTEGER: ColumnType = { kind: 'integer' };
const TEXT: ColumnType = { kind: 'text' };
const MONEY: ColumnType = { kind: 'currency', currency: 'USD', decimals: 2 };

function col(key: string, label: string, type: ColumnType): Column {
  return { key, label, type };
}

/** ISO date `n` days after 2020-01-01. */
export function dayAfter(n: number, start = '2020-01-01'): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** `table` with its first (date) column moved to start on `start` (e.g. `0050-01-01`), one day a row. */
export function withDatesFrom(table: ReportTable, start: string): ReportTable {
  return { ...table, rows: table.rows.map((row, i) => [dayAfter(i, start), ...row.slice(1)]) };
}

/** A context: strategy "Risk parity crypto (synthetic)" with key `risk_parity_crypto_synthetic`, benchmarks as given. */
export function makeContext(overrides: Partial<ChartContext> = {}, benchmarks: { key: string; name: string }[] = [{ key: 'bitcoin', name: 'Bitcoin buy and hold' }]): ChartContext {
  return {
    portfolios: [{ key: 'risk_parity_crypto_synthetic', name: 'Risk parity crypto (synthetic)', role: 'strategy' }, ...benchmarks.map((b) => ({ ...b, role: 'benchmark' as const }))],
    currency: 'USD',
    periodsPerYear: 365,
    rollingWindow: 30,
    day0: '2020-01-01',
    range: { from: '2020-01-01', to: dayAfter(400) },
    ...overrides,
  };
}

/** `daily_portfolio_data` of `days` dates: the strategy grows by `growth` over the run, the benchmark by half of it. */
export function makeDaily(days: number, growth: number, benchmarkKeys: string[] = ['bitcoin']): ReportTable {
  const columns: Column[] = [
    col('date', 'Date', DATE),
    col('portfolio_value', 'Portfolio value', MONEY),
    col('daily_return', 'Daily return', PERCENT),
    col('cumulative_return', 'Cumulative return', PERCENT),
    col('drawdown', 'Drawdown', PERCENT),
    col('volatility_rolling', 'Rolling volatility', PERCENT),
    col('cash', 'Cash', MONEY),
    ...benchmarkKeys.map((k) => col(`${k}_value`, `${k} value`, MONEY)),
  ];
  const rows: CellValue[][] = [];
  let peak = 10_000;
  let previous = 10_000;
  for (let d = 0; d < days; d++) {
    const trend = 10_000 * growth ** (d / Math.max(1, days - 1));
    const value = trend * (1 + 0.08 * Math.sin(d / 9));
    peak = Math.max(peak, value);
    const bench = 10_000 * (1 + ((growth - 1) / 2) * (d / Math.max(1, days - 1)));
    rows.push([dayAfter(d), value, d === 0 ? -0.001 : value / previous - 1, value / 10_000 - 1, value / peak - 1, null, 0, ...benchmarkKeys.map(() => bench)]);
    previous = value;
  }
  return { id: 'daily_portfolio_data', title: 'Daily portfolio data', columns, rows };
}

/** `drawdown_periods` with the given (start, trough, recovery, depth) rows, in the order given. */
export function makeDrawdownPeriods(periods: [string, string, string | null, number][]): ReportTable {
  return {
    id: 'drawdown_periods',
    title: 'Drawdown periods',
    columns: [
      col('start', 'Start (peak)', DATE),
      col('trough', 'Trough', DATE),
      col('recovery', 'Recovery', DATE),
      col('depth', 'Depth', PERCENT),
      col('length', 'Length (periods)', INTEGER),
      col('length_days', 'Length (days)', INTEGER),
      col('days_to_recover', 'Days to recover', INTEGER),
    ],
    rows: periods.map(([start, trough, recovery, depth]) => [start, trough, recovery, depth, 10, 10, recovery ? 5 : null]),
  };
}

/** `rolling_metrics` of `days` dates, empty until the window fills. */
export function makeRolling(days: number, window = 30, withBeta = true): ReportTable {
  const columns: Column[] = [
    col('date', 'Date', DATE),
    col('rolling_return', 'Rolling return', PERCENT),
    col('rolling_volatility', 'Rolling volatility', PERCENT),
    col('rolling_sharpe', 'Rolling Sharpe ratio', RATIO),
    ...(withBeta ? [col('rolling_beta', 'Rolling beta', RATIO)] : []),
  ];
  const rows = Array.from({ length: days }, (_, d): CellValue[] => {
    const full = d >= window;
    return [dayAfter(d), full ? 0.01 * Math.sin(d) : null, full ? 0.5 + 0.1 * Math.cos(d / 7) : null, full ? Math.sin(d / 5) * 2 : null, ...(withBeta ? [full ? 0.8 + 0.2 * Math.sin(d / 11) : null] : [])];
  });
  return { id: 'rolling_metrics', title: 'Rolling metrics', columns, rows };
}

/** `yearly_returns`: `year`, then one percent column per portfolio key. */
export function makeYearly(keys: { key: string; label: string }[], years: [number, ...number[]][]): ReportTable {
  return {
    id: 'yearly_returns',
    title: 'Yearly returns',
    columns: [col('year', 'Year', INTEGER), ...keys.map((k) => col(k.key, k.label, PERCENT))],
    rows: years.map((row) => [...row]),
  };
}

const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `monthly_returns`: a row per year with 12 months (null outside the run) and the year total. */
export function makeMonthly(years: number[], value: (year: number, month: number) => number | null): ReportTable {
  return {
    id: 'monthly_returns',
    title: 'Monthly returns',
    columns: [col('year', 'Year', INTEGER), ...MONTH_KEYS.map((k) => col(k, k.charAt(0).toUpperCase() + k.slice(1), PERCENT)), col('year_total', 'Year', PERCENT)],
    rows: years.map((y) => [y, ...MONTH_KEYS.map((_, m) => value(y, m)), 0.1]),
  };
}

/** `correlation_matrix` of the given assets (1 on the diagonal, `off` elsewhere). */
export function makeCorrelation(assets: string[], off = 0.5): ReportTable {
  return {
    id: 'correlation_matrix',
    title: 'Correlation matrix',
    columns: [col('asset', 'Asset', TEXT), ...assets.map((a) => col(a, a, RATIO))],
    rows: assets.map((a, i) => [a, ...assets.map((_, j) => (i === j ? 1 : i < j ? off : -off))]),
  };
}

/** `volatility_decomposition` of the given assets. */
export function makeDecomposition(assets: string[]): ReportTable {
  return {
    id: 'volatility_decomposition',
    title: 'Volatility decomposition',
    columns: [col('asset', 'Asset', TEXT), col('weight', 'Weight', PERCENT), col('volatility', 'Volatility', PERCENT), col('contribution', 'Contribution', PERCENT), col('contribution_share', 'Share of risk', PERCENT)],
    rows: assets.map((a, i) => [a, 1 / assets.length, 0.5 + i / 10, 0.1 + i / 100, 1 / assets.length]),
  };
}

/** `asset_allocations` of `assets` (equal weights, no cash) over `days` dates. */
export function makeAllocations(assets: string[], days: number): ReportTable {
  return {
    id: 'asset_allocations',
    title: 'Asset allocations',
    columns: [col('date', 'Date', DATE), ...assets.map((a) => col(`${a}_weight`, `${a} weight`, PERCENT)), col('cash_weight', 'Cash weight', PERCENT)],
    rows: Array.from({ length: days }, (_, d) => [dayAfter(d), ...assets.map((_, i) => (i + 1) / ((assets.length * (assets.length + 1)) / 2)), 0]),
  };
}
