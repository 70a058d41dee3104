/**
 * The chart specs of a backtest report, each pointing at columns of a table of its section, so
 * a chart is never left without its data when sections are filtered. Builders label series and
 * axes for people (`Risk parity crypto (synthetic)`, `Value (USD)`), give every series its role
 * (the strategy's fixed colour, benchmarks muted), name the data's frequency in titles
 * ("monthly returns" for monthly data) and take the data-dependent decisions once (log scale,
 * shaded drawdowns), recording them on the spec so every renderer draws the same chart.
 */
import type { BacktestResult } from '../engine/types';
import { formatChartValue, prefersLogScale } from './chart-style';
import { toNumber } from './format';
import type { ChartBand, ChartSeries, ChartSpec, IsoDate, ReportTable } from './model.types';
import type { DayRange } from './range';

/** What the spec builders know of the run besides the tables. */
export interface ChartContext {
  /** Strategy first, then benchmarks, with their column keys (`<key>_value`, yearly columns). */
  portfolios: { key: string; name: string; role: 'strategy' | 'benchmark' }[];
  /** Base currency, named in money axis titles. */
  currency: string;
  /** Periods per year of the data (365 or 252 daily, 52 weekly, 12 monthly, …). */
  periodsPerYear: number;
  /** Periods in a rolling window. */
  rollingWindow: number;
  /** Day 0 of the run: its `daily_return` is the initial purchase, not a market period. */
  day0?: IsoDate;
  /** First and last date of the exported range (partial years are named in the yearly chart). */
  range?: { from: IsoDate; to: IsoDate };
}

/** The chart context of a backtest: its portfolios (with their report column keys), currency, frequency, window and the exported range. */
export function chartContextFor(result: BacktestResult, portfolios: { portfolio: { name: string; role: 'strategy' | 'benchmark' }; key: string }[], range: DayRange): ChartContext {
  const context: ChartContext = {
    portfolios: portfolios.map(({ portfolio, key }) => ({ key, name: portfolio.name, role: portfolio.role })),
    currency: result.config.base_currency,
    periodsPerYear: result.config.periods_per_year,
    rollingWindow: result.config.rolling_window,
    range: { from: result.dates[range.start] ?? '', to: result.dates[range.end] ?? '' },
  };
  const day0 = result.dates[0];
  if (day0 !== undefined) context.day0 = day0;
  return context;
}

/** How the data's frequency is named in titles. */
export interface PeriodWords {
  /** `daily`, `weekly`, `monthly`, `quarterly`, `yearly`, `periodic`. */
  adjective: string;
  /** `day`, `week`, … */
  unit: string;
  /** `days`, `weeks`, … */
  units: string;
}

/** The words for data with `periodsPerYear` periods a year (365 and 252 are both daily). */
export function periodWords(periodsPerYear: number): PeriodWords {
  const p = periodsPerYear;
  if (p >= 200) return { adjective: 'daily', unit: 'day', units: 'days' };
  if (p >= 40 && p <= 60) return { adjective: 'weekly', unit: 'week', units: 'weeks' };
  if (p >= 10 && p <= 14) return { adjective: 'monthly', unit: 'month', units: 'months' };
  if (p >= 3 && p <= 6) return { adjective: 'quarterly', unit: 'quarter', units: 'quarters' };
  if (p >= 1 && p <= 2) return { adjective: 'yearly', unit: 'year', units: 'years' };
  return { adjective: 'periodic', unit: 'period', units: 'periods' };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function hasColumn(table: ReportTable, key: string): boolean {
  return table.columns.some((c) => c.key === key);
}

function strategyName(context: ChartContext): string {
  return context.portfolios.find((p) => p.role === 'strategy')?.name ?? 'Strategy';
}

function benchmarks(context: ChartContext): ChartContext['portfolios'] {
  return context.portfolios.filter((p) => p.role === 'benchmark');
}

function columnValues(table: ReportTable, key: string): (number | null)[] {
  const index = table.columns.findIndex((c) => c.key === key);
  return index < 0 ? [] : table.rows.map((row) => toNumber(row[index] ?? null));
}

function windowText(context: ChartContext): string {
  return `${context.rollingWindow}-${periodWords(context.periodsPerYear).unit} window`;
}

/**
 * Equity of the strategy against its benchmarks (`daily_portfolio_data`), on a log scale when
 * the largest value is more than 3× the smallest (a run that grew more than 3×).
 */
export function equityChart(daily: ReportTable, context: ChartContext): ChartSpec {
  const series: ChartSeries[] = [
    { column: 'portfolio_value', name: strategyName(context), role: 'strategy' },
    ...benchmarks(context)
      .filter((b) => hasColumn(daily, `${b.key}_value`))
      .map((b): ChartSeries => ({ column: `${b.key}_value`, name: b.name, role: 'benchmark' })),
  ];
  const log = prefersLogScale(series.flatMap((s) => columnValues(daily, s.column)));
  const words = periodWords(context.periodsPerYear);
  return {
    id: 'equity',
    title: series.length > 1 ? 'Equity curve vs benchmarks' : 'Equity curve',
    subtitle: `End-of-${words.unit} value in ${context.currency}${log ? ', log scale' : ''}`,
    kind: 'line',
    tableId: daily.id,
    x: 'date',
    series,
    xLabel: 'Date',
    yLabel: `Value (${context.currency})`,
    yFormat: 'currency',
    currency: context.currency,
    yScale: log ? 'log' : 'linear',
  };
}

/** The strategy's drawdown from its running peak (`daily_portfolio_data.drawdown`). */
export function drawdownChart(daily: ReportTable, context: ChartContext): ChartSpec {
  return {
    id: 'drawdown',
    title: 'Drawdown',
    subtitle: `Decline of the ${periodWords(context.periodsPerYear).adjective} value from its running peak`,
    kind: 'area',
    tableId: daily.id,
    x: 'date',
    series: [{ column: 'drawdown', name: strategyName(context), role: 'strategy' }],
    xLabel: 'Date',
    yLabel: 'Drawdown',
    yFormat: 'percent',
  };
}

/** Periods shaded on the underwater chart. */
export const UNDERWATER_BANDS = 5;

/**
 * The underwater chart: the strategy's drawdown with its worst five drawdown periods shaded
 * (from `drawdown_periods`, start to recovery, or to the last date when not recovered), each
 * labelled with its rank.
 */
export function underwaterChart(daily: ReportTable, periods: ReportTable, context: ChartContext): ChartSpec {
  const bands = worstBands(daily, periods, UNDERWATER_BANDS);
  const shaded = bands.length === 1 ? 'the worst drawdown shaded' : bands.length === 0 ? 'no drawdown' : `the ${bands.length === UNDERWATER_BANDS ? 'five' : bands.length} worst drawdowns shaded`;
  return {
    ...drawdownChart(daily, context),
    id: 'underwater',
    title: 'Underwater chart',
    subtitle: `Drawdown from the running peak, ${shaded}`,
    bands,
  };
}

/** The `count` deepest periods of `drawdown_periods` as bands clipped to the dates of `daily`. */
function worstBands(daily: ReportTable, periods: ReportTable, count: number): ChartBand[] {
  const col = (key: string): number => periods.columns.findIndex((c) => c.key === key);
  const [start, trough, recovery, depth] = [col('start'), col('trough'), col('recovery'), col('depth')];
  if (start < 0 || depth < 0) return [];
  const dates = daily.rows.map((r) => String(r[daily.columns.findIndex((c) => c.key === 'date')] ?? '')).filter((d) => d !== '');
  const first = dates[0] ?? '';
  const last = dates[dates.length - 1] ?? '';
  const ranked = periods.rows
    .map((row) => ({ row, depth: toNumber(row[depth] ?? null) }))
    .filter((p): p is { row: (typeof periods.rows)[number]; depth: number } => p.depth !== null && p.depth < 0)
    .sort((a, b) => a.depth - b.depth)
    .slice(0, count);
  return ranked.flatMap(({ row, depth: value }, i) => {
    const from = String(row[start] ?? '');
    const recovered = recovery >= 0 && row[recovery] !== null && row[recovery] !== '' ? String(row[recovery]) : null;
    const to = recovered ?? last;
    const clippedFrom = from < first ? first : from;
    const clippedTo = to > last ? last : to;
    if (clippedFrom === '' || clippedTo === '' || clippedFrom > clippedTo) return [];
    const troughText = trough >= 0 && row[trough] ? `, trough ${String(row[trough])}` : '';
    const band: ChartBand = {
      from: clippedFrom,
      to: clippedTo,
      label: String(i + 1),
      description: `#${i + 1}: ${formatChartValue(value, 'percent', 1)} from ${from}${troughText}, ${recovered ? `recovered ${recovered}` : 'not recovered'}`,
    };
    return [band];
  });
}

/** End-of-day weights over time, stacked to 1 (`asset_allocations`): assets, then cash. */
export function allocationChart(allocations: ReportTable, context: ChartContext): ChartSpec {
  const series = allocations.columns.slice(1).map(
    (c): ChartSeries =>
      c.key === 'cash_weight' ? { column: c.key, name: 'Cash', role: 'other' } : { column: c.key, name: c.label.replace(/ weight$/, ''), role: 'asset' },
  );
  return {
    id: 'allocation',
    title: 'Allocation over time',
    subtitle: `End-of-${periodWords(context.periodsPerYear).unit} weights of ${strategyName(context)}`,
    kind: 'stacked_area',
    tableId: allocations.id,
    x: 'date',
    series,
    xLabel: 'Date',
    yLabel: 'Weight',
    yFormat: 'percent',
    yRange: [0, 1],
  };
}

/** Rolling annualized volatility of the strategy (`rolling_metrics.rolling_volatility`). */
export function rollingVolatilityChart(rolling: ReportTable, context: ChartContext): ChartSpec {
  return {
    id: 'rolling_volatility',
    title: 'Rolling volatility',
    subtitle: `${capitalize(windowText(context))}, annualized`,
    kind: 'line',
    tableId: rolling.id,
    x: 'date',
    series: [{ column: 'rolling_volatility', name: strategyName(context), role: 'strategy' }],
    xLabel: 'Date',
    yLabel: 'Annualized volatility',
    yFormat: 'percent',
  };
}

/** Rolling Sharpe ratio of the strategy (`rolling_metrics.rolling_sharpe`). */
export function rollingSharpeChart(rolling: ReportTable, context: ChartContext): ChartSpec {
  return {
    id: 'rolling_sharpe',
    title: 'Rolling Sharpe ratio',
    subtitle: `${capitalize(windowText(context))}, annualized, over the risk-free rate`,
    kind: 'line',
    tableId: rolling.id,
    x: 'date',
    series: [{ column: 'rolling_sharpe', name: strategyName(context), role: 'strategy' }],
    xLabel: 'Date',
    yLabel: 'Sharpe ratio',
    yFormat: 'number',
  };
}

/** Rolling beta against the first benchmark (`rolling_metrics.rolling_beta`); `null` without a benchmark or the column. */
export function rollingBetaChart(rolling: ReportTable, context: ChartContext): ChartSpec | null {
  const benchmark = benchmarks(context)[0];
  if (!benchmark || !hasColumn(rolling, 'rolling_beta')) return null;
  return {
    id: 'rolling_beta',
    title: `Rolling beta vs ${benchmark.name}`,
    subtitle: `${capitalize(windowText(context))}; 1 moves with the benchmark`,
    kind: 'line',
    tableId: rolling.id,
    x: 'date',
    series: [{ column: 'rolling_beta', name: strategyName(context), role: 'strategy' }],
    xLabel: 'Date',
    yLabel: 'Beta',
    yFormat: 'number',
    referenceLines: [{ value: 1, label: 'Beta 1' }],
  };
}

/** Correlation heatmap (`correlation_matrix`: rows labelled by `asset`), on the diverging scale centred on 0, values in the cells. */
export function correlationChart(correlation: ReportTable, context: ChartContext): ChartSpec {
  return {
    id: 'correlation',
    title: `Correlation of ${periodWords(context.periodsPerYear).adjective} returns`,
    subtitle: 'Pearson correlation of the assets’ simple returns; −1 red, 0 white, +1 blue',
    kind: 'heatmap',
    tableId: correlation.id,
    x: 'asset',
    series: correlation.columns.slice(1).map((c): ChartSeries => ({ column: c.key, name: c.label, role: 'asset' })),
    xLabel: '',
    yLabel: '',
    yFormat: 'number',
    colorScale: 'diverging',
  };
}

/** Each asset's contribution to portfolio volatility (`volatility_decomposition.contribution`). */
export function riskContributionsChart(decomposition: ReportTable, context: ChartContext): ChartSpec {
  return {
    id: 'risk_contributions',
    title: 'Risk contributions',
    subtitle: `Each asset’s part of the annualized volatility of ${strategyName(context)} at the final weights`,
    kind: 'bar',
    tableId: decomposition.id,
    x: 'asset',
    series: [{ column: 'contribution', name: 'Contribution to volatility', role: 'strategy' }],
    xLabel: 'Asset',
    yLabel: 'Contribution to volatility',
    yFormat: 'percent',
  };
}

/** Calendar-year returns of every portfolio, grouped by year (`yearly_returns`: `year`, then one column per portfolio). */
export function yearlyReturnsChart(yearly: ReportTable, context: ChartContext): ChartSpec {
  const byKey = new Map(context.portfolios.map((p) => [p.key, p]));
  const series = yearly.columns
    .filter((c) => c.key !== 'year')
    .map((c, i): ChartSeries => {
      const portfolio = byKey.get(c.key);
      return { column: c.key, name: portfolio?.name ?? c.label, role: portfolio?.role ?? (i === 0 ? 'strategy' : 'benchmark') };
    });
  return {
    id: 'yearly_returns',
    title: series.length > 1 ? 'Yearly returns vs benchmarks' : 'Yearly returns',
    subtitle: partialYearsText(context) ?? 'Calendar-year returns',
    kind: 'grouped_bar',
    tableId: yearly.id,
    x: 'year',
    series,
    xLabel: 'Year',
    yLabel: 'Return',
    yFormat: 'percent',
  };
}

/** "Calendar-year returns; 2020 from 2020-03-02, 2024 to 2024-06-28" when the range starts or ends inside a year. */
function partialYearsText(context: ChartContext): string | null {
  if (!context.range) return null;
  const { from, to } = context.range;
  const parts: string[] = [];
  // A year is whole when the range starts in its first week and ends in its last.
  if (from.slice(5) > '01-07') parts.push(`${from.slice(0, 4)} from ${from}`);
  if (to.slice(5) < '12-24') parts.push(`${to.slice(0, 4)} to ${to}`);
  return parts.length === 0 ? null : `Calendar-year returns; ${parts.join(', ')}`;
}

/** Month keys of `monthly_returns`, January first, with their labels. */
const MONTHS: [string, string][] = [
  ['jan', 'Jan'],
  ['feb', 'Feb'],
  ['mar', 'Mar'],
  ['apr', 'Apr'],
  ['may', 'May'],
  ['jun', 'Jun'],
  ['jul', 'Jul'],
  ['aug', 'Aug'],
  ['sep', 'Sep'],
  ['oct', 'Oct'],
  ['nov', 'Nov'],
  ['dec', 'Dec'],
];

/** Monthly returns heatmap (`monthly_returns`: a row per year, a column per month), losses red, gains green, values in the cells. */
export function monthlyHeatmapChart(monthly: ReportTable, context: ChartContext): ChartSpec {
  return {
    id: 'monthly_heatmap',
    title: 'Monthly returns',
    subtitle: `${strategyName(context)}: each month-end value over the previous month-end; losses red, gains green`,
    kind: 'heatmap',
    tableId: monthly.id,
    x: 'year',
    series: MONTHS.filter(([key]) => hasColumn(monthly, key)).map(([column, name]): ChartSeries => ({ column, name, role: 'other' })),
    xLabel: '',
    yLabel: '',
    yFormat: 'percent',
    colorScale: 'returns',
  };
}

/**
 * Histogram of the strategy's market-period returns r_1..r_N (`daily_portfolio_data.daily_return`
 * without day 0, whose return is the initial purchase) with the normal curve of the same mean
 * and volatility.
 */
export function returnDistributionChart(daily: ReportTable, context: ChartContext): ChartSpec {
  const words = periodWords(context.periodsPerYear);
  const dateIndex = daily.columns.findIndex((c) => c.key === 'date');
  const firstDate = dateIndex < 0 ? undefined : daily.rows[0]?.[dateIndex];
  const omitDay0 = context.day0 !== undefined && firstDate === context.day0;
  const spec: ChartSpec = {
    id: 'return_distribution',
    title: `Distribution of ${words.adjective} returns`,
    subtitle: `${strategyName(context)}${omitDay0 ? ' (day 0 left out)' : ''}, with the normal curve of the same mean and volatility`,
    kind: 'histogram',
    tableId: daily.id,
    x: 'date',
    series: [{ column: 'daily_return', name: `${capitalize(words.adjective)} returns`, role: 'strategy' }],
    xLabel: `${capitalize(words.adjective)} return`,
    xFormat: 'percent',
    yLabel: `Share of ${words.units}`,
    yFormat: 'percent',
  };
  if (omitDay0 && context.day0 !== undefined) spec.omitX = [context.day0];
  return spec;
}
