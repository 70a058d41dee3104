/**
 * The performance summary (`performance_summary`): one row per metric, one column per portfolio,
 * and the metrics of an export date range, recomputed over that range.
 */
import { computeMetrics } from '../engine/metrics';
import type { BacktestResult, MetricValue, PortfolioResult } from '../engine/types';
import { makeColumn, metricColumnType, TEXT } from './columns';
import type { CellValue, Column, ReportTable } from './model.types';
import type { DayRange } from './range';

/** A portfolio's column in portfolio tables: its configured name and unique snake_case key. */
export interface PortfolioColumn {
  portfolio: PortfolioResult;
  key: string;
}

/**
 * The metrics of `portfolio` over `range`: the run's own metrics for the whole run; otherwise
 * recomputed with `computeMetrics` over the range, where the range's starting capital is the
 * value at the close before the range (the initial capital when it starts at day 0). That close
 * becomes the range's day 0, so every return of a date inside the range is a market period and
 * no cost is counted twice.
 */
export function computeRangeMetrics(
  result: BacktestResult,
  portfolio: PortfolioResult,
  range: DayRange,
): Record<string, MetricValue> {
  if (range.whole) return portfolio.metrics;
  const anchor = range.start === 0 ? 0 : range.start - 1;
  const initialCapital = range.start === 0 ? result.config.initial_capital : portfolio.values[anchor];
  if (initialCapital === undefined) return portfolio.metrics;
  const firstBenchmark = result.benchmarks[0];
  return computeMetrics({
    dates: result.dates.slice(anchor, range.end + 1),
    values: portfolio.values.slice(anchor, range.end + 1),
    initialCapital,
    periodsPerYear: result.config.periods_per_year,
    riskFreeRate: result.config.risk_free_rate,
    // Trades of the range, re-indexed onto the range's timeline (the anchor close is day 0).
    trades: portfolio.trades
      .filter((t) => t.day >= range.start && t.day <= range.end)
      .map((t) => ({ ...t, day: t.day - anchor })),
    // returns[t − 1] = r_t, so r_{anchor+1} … r_end.
    benchmarkReturns: firstBenchmark ? firstBenchmark.returns.slice(anchor, range.end) : null,
    // The anchor close is the range's starting capital, not one of its months.
    anchored: range.start > 0,
  });
}

/**
 * `performance_summary`: `metric` then one column per portfolio (strategy first), one row per
 * metric in `result.metric_definitions` order; each row typed by its metric's unit
 * (`Column.typeByRow`).
 */
export function buildSummaryTable(
  result: BacktestResult,
  portfolios: PortfolioColumn[],
  metrics: Record<string, MetricValue>[],
  note?: string,
): ReportTable {
  const definitions = result.metric_definitions;
  const base = result.config.base_currency;
  const rowTypes = definitions.map((d) => metricColumnType(d.unit, base));
  const columns: Column[] = [
    makeColumn('metric', 'Metric', TEXT, 'Metric key (see the glossary for its formula)'),
    ...portfolios.map(({ portfolio, key }) => ({
      ...makeColumn(key, portfolio.name, rowTypes[0] ?? TEXT, `${portfolio.role === 'strategy' ? 'Strategy' : 'Benchmark'} ${portfolio.name}`),
      typeByRow: rowTypes,
    })),
  ];
  const rows: CellValue[][] = definitions.map((d) => [d.key, ...metrics.map((m) => normalizeMetric(m[d.key]))]);
  const table: ReportTable = {
    id: 'performance_summary',
    title: 'Performance summary',
    columns,
    rows,
    // Money rows name their currency and counts of periods their unit, since people-facing cells
    // show bare numbers (exports.md: units are named).
    rowLabels: definitions.map((d) => (d.unit === 'currency' ? `${d.label} (${base})` : d.unit === 'periods' ? `${d.label} (periods)` : d.label)),
  };
  if (note !== undefined) table.note = note;
  return table;
}

/** A metric as a cell: never NaN or Infinity (written empty instead). */
export function normalizeMetric(value: MetricValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value.isFinite() ? value : null;
}
