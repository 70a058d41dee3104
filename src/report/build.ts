/**
 * Building the report model from a backtest result and export options: the tables of the export
 * contract (exports.md), grouped in sections named like the workbook's sheets, with their charts
 * and complete metadata. Every writer and the dashboard read this model, never the result.
 */
import { toSnakeKey } from '../engine/naming';
import type { BacktestResult, MetricValue, TrailingPeriod } from '../engine/types';
import { BackfolioError } from '../errors';
import { sanitizePrefix } from '../export/naming';
import {
  allocationChart,
  chartContextFor,
  correlationChart,
  drawdownChart,
  equityChart,
  monthlyHeatmapChart,
  returnDistributionChart,
  riskContributionsChart,
  rollingBetaChart,
  rollingSharpeChart,
  rollingVolatilityChart,
  underwaterChart,
  yearlyReturnsChart,
} from './charts';
import { uniqueKeys } from './columns';
import { buildMeta, formatInstant } from './meta';
import type { ExportOptions, InputFileInfo, Report, ReportSection, ReportTable, SectionId } from './model.types';
import { computePeriodAnalytics, resolveDayRange, type DayRange, type PeriodAnalytics } from './range';
import {
  buildCorrelationTable,
  buildDrawdownTable,
  buildMonthlyTable,
  buildTrailingTable,
  buildVolatilityTable,
  buildYearlyTable,
  TRAILING_LABELS,
  type PortfolioKey,
} from './risk';
import { buildAllocationsTable, buildDailyTable, buildRollingTable } from './series';
import { buildSummaryTable, computeRangeMetrics, type PortfolioColumn } from './summary';
import { buildRebalancesTable, buildTransactionTable } from './trades';

export interface BuildReportContext {
  /** Export time, ISO 8601 UTC; defaults to now. */
  generatedAt?: string;
  inputs?: { prices?: InputFileInfo; fx?: InputFileInfo };
}

/** Every section of a backtest report in export order, with its sheet / heading title. */
export const SECTION_TITLES: Readonly<Record<SectionId, string>> = {
  summary: 'Performance',
  daily: 'Daily',
  allocations: 'Allocations',
  trades: 'Trades',
  rebalances: 'Rebalances',
  risk: 'Risk',
  drawdowns: 'Drawdowns',
  rolling: 'Rolling',
  monthly: 'Monthly Returns',
  yearly: 'Yearly Returns',
  trailing: 'Trailing Returns',
};

/** Section ids in export order. */
export const SECTION_IDS = Object.keys(SECTION_TITLES) as SectionId[];

/**
 * The report of a backtest: sections (filtered by `options.sections`, always in export order),
 * dated tables limited to `options.dateRange`, summary metrics and analytics (risk, drawdowns,
 * rolling, monthly, yearly, trailing) recomputed over that range (`meta.run.summaryScope`),
 * charts, and metadata for reproduction.
 *
 * @throws BackfolioError `EXPORT_FAILED` for an unknown section or a range holding no date of the run.
 */
export function buildReport(result: BacktestResult, options: ExportOptions, context: BuildReportContext = {}): Report {
  const wanted = resolveSections(options.sections);
  const range = resolveDayRange(result.dates, options.dateRange);
  const portfolios = portfolioColumns(result);
  const metrics = portfolios.map(({ portfolio }) => computeRangeMetrics(result, portfolio, range));
  const generatedAt = context.generatedAt ?? formatInstant(new Date());
  const resolvedOptions: ExportOptions = {
    ...options,
    prefix: sanitizePrefix(options.prefix === undefined || options.prefix.trim() === '' ? result.config.name : options.prefix),
  };
  const meta = buildMeta({ result, options: resolvedOptions, generatedAt, inputs: context.inputs, portfolios, metrics, range });
  const notes = rangeNotes(result, range);
  const period = computePeriodAnalytics(result, range);
  const sections = wanted.map((id) => buildSection(id, result, range, portfolios, metrics, notes, period));
  return { meta, sections };
}

/** The requested sections in export order; throws naming an unknown id. */
function resolveSections(requested: SectionId[] | undefined): SectionId[] {
  if (requested === undefined) return SECTION_IDS;
  const unknown = requested.filter((id) => !SECTION_IDS.includes(id));
  if (unknown.length > 0) {
    throw new BackfolioError('EXPORT_FAILED', `sections: got "${unknown.join(', ')}", expected some of ${SECTION_IDS.join(', ')}`, {
      issues: unknown.map((id) => ({ path: 'sections', value: id, expected: `one of ${SECTION_IDS.join(', ')}` })),
    });
  }
  return SECTION_IDS.filter((id) => requested.includes(id));
}

/** Strategy then benchmarks, each with a unique snake_case column key. */
function portfolioColumns(result: BacktestResult): PortfolioColumn[] {
  const list = [result.strategy, ...result.benchmarks];
  const keys = uniqueKeys(list.map((p) => (p.key && p.key.trim() !== '' ? p.key : toSnakeKey(p.name))));
  return list.map((portfolio, i) => ({ portfolio, key: keys[i] ?? portfolio.key }));
}

interface RangeNotes {
  /** On the summary when metrics were recomputed. */
  summary?: string;
  /** On per-date tables when rows were left out. */
  rows?: string;
  /** On analytics tables recomputed over the range. */
  recomputed?: string;
  /** On the daily table: which of its columns are recomputed. */
  daily?: string;
  /** On the rolling table: rows left out and windows recomputed. */
  rolling?: string;
}

function rangeNotes(result: BacktestResult, range: DayRange): RangeNotes {
  if (range.whole) return {};
  const from = result.dates[range.start] ?? '';
  const to = result.dates[range.end] ?? '';
  const start =
    range.start === 0
      ? 'the initial capital'
      : `the value at the close of ${result.dates[range.start - 1] ?? ''}, the last date before the range`;
  const window = result.config.rolling_window;
  return {
    summary: `Metrics recomputed over ${from} to ${to} (the exported range); the starting capital is ${start}.`,
    rows: `Rows outside ${from} to ${to} are left out by the date range; values are those of the whole run.`,
    recomputed: `Recomputed over ${from} to ${to} (the exported range) from its own values; the starting value is ${start}.`,
    daily: `Rows outside ${from} to ${to} are left out by the date range. Values, daily and cumulative returns are those of the whole run; drawdown and rolling volatility are recomputed over the range (the starting value, ${start}, is the first peak).`,
    rolling: range.start === 0 ? `Rows after ${to} are left out by the date range.` : `Rows outside ${from} to ${to} are left out by the date range; the windows are recomputed from the range's own returns, so the first ${window - 1 > 0 ? window - 1 : 0} date(s) of the range have no full window.`,
  };
}

function section(id: SectionId, tables: ReportTable[], charts: ReportSection['charts'] = [], paragraphs?: string[]): ReportSection {
  const built: ReportSection = { id, title: SECTION_TITLES[id], tables, charts };
  if (paragraphs !== undefined) built.paragraphs = paragraphs;
  return built;
}

function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const present = notes.filter((n): n is string => n !== undefined && n !== '');
  return present.length === 0 ? undefined : present.join(' ');
}

function withNote(table: ReportTable, note: string | undefined): ReportTable {
  if (note !== undefined) table.note = note;
  return table;
}

function buildSection(
  id: SectionId,
  result: BacktestResult,
  range: DayRange,
  portfolios: PortfolioColumn[],
  metrics: Record<string, MetricValue>[],
  notes: RangeNotes,
  period: PeriodAnalytics,
): ReportSection {
  const name = result.strategy.name;
  const charts = chartContextFor(result, portfolios, range);
  const keys: PortfolioKey[] = portfolios.map(({ portfolio, key }) => ({ key, name: portfolio.name, role: portfolio.role }));
  switch (id) {
    case 'summary': {
      const from = result.dates[range.start] ?? '';
      const to = result.dates[range.end] ?? '';
      const benchmarks = portfolios.slice(1).map((p) => p.portfolio.name);
      const paragraphs = [
        `${name}: ${from} to ${to}, base currency ${result.config.base_currency}, ${result.config.periods_per_year} periods per year (${result.periods_per_year_source}).`,
        benchmarks.length > 0 ? `Benchmarks: ${benchmarks.join(', ')}.` : 'No benchmarks.',
      ];
      return section(id, [buildSummaryTable(result, portfolios, metrics, notes.summary)], [], paragraphs);
    }
    case 'daily': {
      const daily = withNote(buildDailyTable(result, portfolios.slice(1), range, period), notes.daily);
      const underwater = underwaterChart(daily, buildDrawdownTable(period.risk), charts);
      return section(id, [daily], [equityChart(daily, charts), drawdownChart(daily, charts), underwater, returnDistributionChart(daily, charts)]);
    }
    case 'allocations': {
      const table = withNote(buildAllocationsTable(result, range), notes.rows);
      return section(id, [table], [allocationChart(table, charts)]);
    }
    case 'trades':
      return section(id, [withNote(buildTransactionTable(result, range), notes.rows)]);
    case 'rebalances':
      return section(id, [withNote(buildRebalancesTable(result, range), notes.rows)]);
    case 'risk': {
      const correlation = buildCorrelationTable(period.risk, notes.recomputed);
      const decomposition = buildVolatilityTable(period.risk, notes.recomputed);
      return section(id, [correlation, decomposition], [correlationChart(correlation, charts), riskContributionsChart(decomposition, charts)]);
    }
    case 'drawdowns':
      return section(id, [buildDrawdownTable(period.risk, notes.recomputed)]);
    case 'rolling': {
      const table = withNote(buildRollingTable(result, range, period), notes.rolling);
      const beta = rollingBetaChart(table, charts);
      return section(id, [table], [rollingVolatilityChart(table, charts), rollingSharpeChart(table, charts), ...(beta ? [beta] : [])]);
    }
    case 'monthly': {
      const monthly = buildMonthlyTable(period.risk, notes.recomputed);
      return section(id, [monthly], [monthlyHeatmapChart(monthly, charts)]);
    }
    case 'yearly': {
      const from = result.dates[range.start] ?? '';
      const to = result.dates[range.end] ?? '';
      const span = `The first year runs from ${from}, the last to ${to}.`;
      const yearly = buildYearlyTable(keys, period.yearly, joinNotes(notes.recomputed, span));
      return section(id, [yearly], [yearlyReturnsChart(yearly, charts)]);
    }
    case 'trailing': {
      const table = buildTrailingTable(keys, period.trailing);
      const empty = table.rows.filter((row) => row.slice(1).some((cell) => cell === null)).map((row) => TRAILING_LABELS[row[0] as TrailingPeriod]);
      const day0 = result.dates[Math.max(range.start - 1, 0)] ?? '';
      const origin = range.start === 0 ? 'the first date of the data' : 'the close the range starts from';
      const why = empty.length === 0 ? undefined : `Empty: ${empty.join(', ')}, whose look-back starts before ${day0}, ${origin}.`;
      return section(id, [withNote(table, joinNotes(notes.recomputed, why))]);
    }
  }
}
