/**
 * Whole-run analytics tables of the strategy: `correlation_matrix`, `volatility_decomposition`,
 * `drawdown_periods`, `monthly_returns`. They are not per-date series, so an export date range
 * does not filter them (their note says so).
 */
import type { BacktestResult } from '../engine/types';
import { DATE, INTEGER, makeColumn, PERCENT, RATIO, TEXT } from './columns';
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
export function buildCorrelationTable(result: BacktestResult, note?: string): ReportTable {
  const { assets, correlation } = result.analytics;
  const columns: Column[] = [
    makeColumn('asset', 'Asset', TEXT),
    ...assets.map((symbol) => makeColumn(symbol, symbol, RATIO, `Correlation with ${symbol}`)),
  ];
  const rows: CellValue[][] = assets.map((symbol, i) => [symbol, ...assets.map((_, j) => finiteOrNull(correlation[i]?.[j]))]);
  return withNote({ id: 'correlation_matrix', title: 'Correlation matrix', columns, rows }, note);
}

/** `volatility_decomposition`: each asset's final weight, volatility and contribution to portfolio volatility. */
export function buildVolatilityTable(result: BacktestResult, note?: string): ReportTable {
  const columns: Column[] = [
    makeColumn('asset', 'Asset', TEXT),
    makeColumn('weight', 'Weight', PERCENT, 'Final end-of-day weight'),
    makeColumn('volatility', 'Volatility', PERCENT, 'Annualized volatility of the asset alone'),
    makeColumn('contribution', 'Contribution', PERCENT, 'w_a (Σw)_a / √(wᵀΣw); sums to the portfolio volatility'),
    makeColumn('contribution_share', 'Share of risk', PERCENT, 'Contribution / portfolio volatility'),
  ];
  const rows: CellValue[][] = result.analytics.volatility_decomposition.map((d) => [
    d.asset,
    finiteOrNull(d.weight),
    finiteOrNull(d.volatility),
    finiteOrNull(d.contribution),
    finiteOrNull(d.contribution_share),
  ]);
  return withNote({ id: 'volatility_decomposition', title: 'Volatility decomposition', columns, rows }, note);
}

/** `drawdown_periods`: deepest first; `recovery` empty when not recovered. */
export function buildDrawdownTable(result: BacktestResult, note?: string): ReportTable {
  const columns: Column[] = [
    makeColumn('start', 'Start (peak)', DATE),
    makeColumn('trough', 'Trough', DATE),
    makeColumn('recovery', 'Recovery', DATE, 'First date back at the peak; empty when not recovered'),
    makeColumn('depth', 'Depth', PERCENT, 'Trough / peak − 1, ≤ 0'),
    makeColumn('length', 'Length (periods)', INTEGER, 'Periods from start to recovery, or to the last date'),
  ];
  const rows: CellValue[][] = result.analytics.drawdown_periods.map((p) => [p.start, p.trough, p.recovery, finiteOrNull(p.depth), p.length]);
  return withNote({ id: 'drawdown_periods', title: 'Drawdown periods', columns, rows }, note);
}

/** `monthly_returns`: one row per year, a return per month (empty outside the run) and the year's total. */
export function buildMonthlyTable(result: BacktestResult, note?: string): ReportTable {
  const columns: Column[] = [
    makeColumn('year', 'Year', INTEGER),
    ...MONTH_KEYS.map((key, i) => makeColumn(key, MONTH_LABELS[i] ?? key, PERCENT)),
    makeColumn('year_total', 'Year', PERCENT, 'Year-end value over the previous year-end value (initial capital first)'),
  ];
  const rows: CellValue[][] = result.analytics.monthly_returns.map((r) => [
    r.year,
    ...MONTH_KEYS.map((_, i) => finiteOrNull(r.months[i])),
    finiteOrNull(r.year_total),
  ]);
  return withNote({ id: 'monthly_returns', title: 'Monthly returns', columns, rows }, note);
}
