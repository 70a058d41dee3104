/**
 * Analytics tables: the strategy's `correlation_matrix`, `volatility_decomposition`,
 * `drawdown_periods`, `monthly_returns`, and every portfolio's `yearly_returns` and
 * `trailing_returns`. They are built from the analytics of the exported period
 * (`computePeriodAnalytics`): an export date range recomputes them over its own values.
 */
import { TRAILING_PERIODS } from '../engine/analytics';
import type { RiskAnalytics, TrailingPeriod, TrailingReturns, YearlyReturn } from '../engine/types';
import { DATE, INTEGER, makeColumn, PERCENT, RATIO, TEXT, YEAR } from './columns';
import type { CellValue, Column, ReportTable } from './model.types';

/** Month column keys of `monthly_returns`, January first. */
export const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

function withNote(table: ReportTable, note: string | undefined): ReportTable {
  if (note !== undefined) table.note = note;
  return table;
}

/** `correlation_matrix`: `asset` then one column per strategy asset (daily simple returns over the run). */
export function buildCorrelationTable(analytics: RiskAnalytics, note?: string): ReportTable {
  const { assets, correlation } = analytics;
  const columns: Column[] = [
    makeColumn('asset', 'Asset', TEXT),
    ...assets.map((symbol) => makeColumn(symbol, symbol, RATIO, `Correlation with ${symbol}`)),
  ];
  const rows: CellValue[][] = assets.map((symbol, i) => [symbol, ...assets.map((_, j) => finiteOrNull(correlation[i]?.[j]))]);
  return withNote({ id: 'correlation_matrix', title: 'Correlation matrix', columns, rows }, note);
}

/** `volatility_decomposition`: each asset's final weight, volatility and contribution to portfolio volatility. */
export function buildVolatilityTable(analytics: RiskAnalytics, note?: string): ReportTable {
  const columns: Column[] = [
    makeColumn('asset', 'Asset', TEXT),
    makeColumn('weight', 'Weight', PERCENT, 'Final end-of-day weight'),
    makeColumn('volatility', 'Volatility', PERCENT, 'Annualized volatility of the asset alone'),
    makeColumn('contribution', 'Contribution', PERCENT, 'w_a (Σw)_a / √(wᵀΣw); sums to the portfolio volatility'),
    makeColumn('contribution_share', 'Share of risk', PERCENT, 'Contribution / portfolio volatility'),
  ];
  const rows: CellValue[][] = analytics.volatility_decomposition.map((d) => [
    d.asset,
    finiteOrNull(d.weight),
    finiteOrNull(d.volatility),
    finiteOrNull(d.contribution),
    finiteOrNull(d.contribution_share),
  ]);
  return withNote({ id: 'volatility_decomposition', title: 'Volatility decomposition', columns, rows }, note);
}

/** How many of the deepest drawdown periods a reader's summary shows ("worst drawdowns"); the table holds them all. */
export const WORST_DRAWDOWNS = 10;

/**
 * `drawdown_periods`: every drawdown period, deepest first (so the first `WORST_DRAWDOWNS` rows are
 * the worst drawdowns); `recovery` and `days_to_recover` empty when not recovered. `length_days`
 * and `days_to_recover` (calendar days) are additions to the contract's five columns.
 */
export function buildDrawdownTable(analytics: RiskAnalytics, note?: string): ReportTable {
  const columns: Column[] = [
    makeColumn('start', 'Start (peak)', DATE, 'Date the peak was set (the first date when the peak is the starting capital)'),
    makeColumn('trough', 'Trough', DATE),
    makeColumn('recovery', 'Recovery', DATE, 'First date back at the peak; empty when not recovered'),
    makeColumn('depth', 'Depth', PERCENT, 'Trough / peak − 1, ≤ 0'),
    makeColumn('length', 'Length (periods)', INTEGER, 'Periods from start to recovery, or to the last date'),
    makeColumn('length_days', 'Length (days)', INTEGER, 'Calendar days from start to recovery, or to the last date'),
    makeColumn('days_to_recover', 'Days to recover', INTEGER, 'Calendar days from trough to recovery; empty when not recovered'),
  ];
  const rows: CellValue[][] = analytics.drawdown_periods.map((p) => [
    p.start,
    p.trough,
    p.recovery,
    finiteOrNull(p.depth),
    p.length,
    p.length_days,
    p.days_to_recover,
  ]);
  return withNote({ id: 'drawdown_periods', title: 'Drawdown periods', columns, rows }, note);
}

/** `monthly_returns`: one row per year, a return per month (empty outside the run) and the year's total. */
export function buildMonthlyTable(analytics: RiskAnalytics, note?: string): ReportTable {
  const columns: Column[] = [
    makeColumn('year', 'Year', YEAR),
    ...MONTH_KEYS.map((key, i) => makeColumn(key, MONTH_LABELS[i] ?? key, PERCENT)),
    makeColumn('year_total', 'Year', PERCENT, 'Year-end value over the previous year-end value (initial capital first)'),
  ];
  const rows: CellValue[][] = analytics.monthly_returns.map((r) => [
    r.year,
    ...MONTH_KEYS.map((_, i) => finiteOrNull(r.months[i])),
    finiteOrNull(r.year_total),
  ]);
  return withNote({ id: 'monthly_returns', title: 'Monthly returns', columns, rows }, note);
}

/** A portfolio column of the yearly and trailing tables: key, configured name and role. */
export interface PortfolioKey {
  key: string;
  name: string;
  role: 'strategy' | 'benchmark';
}

function portfolioReturnColumns(portfolios: PortfolioKey[], what: string): Column[] {
  return portfolios.map((p) =>
    makeColumn(p.key, p.name, PERCENT, `${p.role === 'strategy' ? 'Strategy' : 'Benchmark'} ${p.name}: ${what}`),
  );
}

/**
 * `yearly_returns`: `year` then one return per portfolio (strategy first), one row per calendar
 * year of the period; a year's last value over the previous year's last value (the first year over
 * the starting capital).
 */
export function buildYearlyTable(portfolios: PortfolioKey[], yearly: YearlyReturn[][], note?: string): ReportTable {
  const columns: Column[] = [
    makeColumn('year', 'Year', YEAR),
    ...portfolioReturnColumns(portfolios, "year-end value over the previous year-end value (the starting capital first)"),
  ];
  const years = yearly[0] ?? [];
  const rows: CellValue[][] = years.map((row, i) => [row.year, ...portfolios.map((_, p) => finiteOrNull(yearly[p]?.[i]?.return))]);
  return withNote({ id: 'yearly_returns', title: 'Yearly returns', columns, rows }, note);
}

/** People-facing labels of the trailing periods, in `TRAILING_PERIODS` order. */
export const TRAILING_LABELS: Readonly<Record<TrailingPeriod, string>> = {
  mtd: 'MTD',
  '3m': '3 months',
  '6m': '6 months',
  ytd: 'YTD',
  '1y': '1 year',
  '3y': '3 years (ann.)',
  '5y': '5 years (ann.)',
  '10y': '10 years (ann.)',
  inception: 'Since inception (ann.)',
};

/**
 * `trailing_returns`: `period` (mtd, 3m, 6m, ytd, 1y, 3y, 5y, 10y, inception) then one return per
 * portfolio at the period's last date; empty where the look-back starts before the first date.
 */
export function buildTrailingTable(portfolios: PortfolioKey[], trailing: TrailingReturns[], note?: string): ReportTable {
  const columns: Column[] = [
    makeColumn('period', 'Period', TEXT, 'mtd, ytd: since the previous month / year end; 3y, 5y, 10y and inception annualized'),
    ...portfolioReturnColumns(portfolios, 'return over the trailing period'),
  ];
  const rows: CellValue[][] = TRAILING_PERIODS.map(({ period }) => [period, ...portfolios.map((_, p) => finiteOrNull(trailing[p]?.[period]))]);
  return withNote(
    {
      id: 'trailing_returns',
      title: 'Trailing returns',
      columns,
      rows,
      rowLabels: TRAILING_PERIODS.map(({ period }) => TRAILING_LABELS[period]),
    },
    note,
  );
}
