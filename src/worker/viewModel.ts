/**
 * Turning a `BacktestResult` (Decimals inside) into the plain `ResultView` the page draws.
 * Display text goes through `formatDisplayValue`, so the screen rounds exactly like the PDF;
 * charts are the report's chart specs with their data (`chartData`), the model both PDFs draw.
 */
import type { BacktestResult, MetricUnit, MetricValue } from '../engine/types';
import { buildReport, SECTION_IDS } from '../report/build';
import { chartDataFor, thinForSpec } from '../report/chart-data';
import { formatDisplayValue } from '../report/format';
import type { ColumnType, SectionId } from '../report/model.types';
import type { ChartView, FigureCard, ResultView, TradePage } from './viewModel.types';

/** Most dates per chart sent to the page (a 960 px chart shows no more); each series' extremes are kept besides. */
export const MAX_CHART_POINTS = 600;

/** Sections without charts whose tables are costly to build (trade logs) or not needed for charts. */
const SECTIONS_WITHOUT_CHARTS: readonly SectionId[] = ['summary', 'trades', 'rebalances'];

/** The column type a metric of this unit is shown with. */
export function metricColumnType(unit: MetricUnit, currency: string): ColumnType {
  switch (unit) {
    case 'percent':
      return { kind: 'percent', decimals: 2 };
    case 'ratio':
      return { kind: 'number', decimals: 2 };
    case 'currency':
      return { kind: 'currency', currency, decimals: 2 };
    case 'integer':
    case 'periods':
      return { kind: 'integer' };
    case 'number':
      return { kind: 'number', decimals: 4 };
  }
}

/** A metric as display text (`''` when undefined). */
export function formatMetric(value: MetricValue | undefined, unit: MetricUnit, currency: string): string {
  if (value === undefined || value === null) return '';
  return formatDisplayValue(value, metricColumnType(unit, currency));
}

const CARD_METRICS: { key: string; label: string; signed: boolean }[] = [
  { key: 'total_return', label: 'Total return', signed: true },
  { key: 'annualized_return', label: 'Annualized return', signed: true },
  { key: 'volatility', label: 'Volatility', signed: false },
  { key: 'sharpe_ratio', label: 'Sharpe ratio', signed: true },
  { key: 'max_drawdown', label: 'Max drawdown', signed: true },
  { key: 'num_trades', label: 'Trades', signed: false },
  { key: 'total_costs', label: 'Total costs', signed: false },
];

function toneOf(value: MetricValue | undefined, signed: boolean): FigureCard['tone'] {
  if (!signed || value === undefined || value === null) return 'neutral';
  const n = typeof value === 'number' ? value : value.toNumber();
  return n > 0 ? 'good' : n < 0 ? 'bad' : 'neutral';
}

function buildCards(result: BacktestResult): FigureCard[] {
  const currency = result.config.base_currency;
  const strategy = result.strategy;
  const last = strategy.values[strategy.values.length - 1];
  const cards: FigureCard[] = [
    {
      key: 'final_value',
      label: 'Final value',
      value: last === undefined ? '' : `${formatDisplayValue(last, { kind: 'currency', currency, decimals: 2 })} ${currency}`,
      tone: 'neutral',
    },
  ];
  const units = new Map(result.metric_definitions.map((d) => [d.key, d.unit]));
  for (const card of CARD_METRICS) {
    const value = strategy.metrics[card.key];
    const unit = units.get(card.key) ?? (card.key === 'num_trades' ? 'integer' : card.key === 'total_costs' ? 'currency' : 'percent');
    const text = formatMetric(value, unit, currency);
    cards.push({
      key: card.key,
      label: card.label,
      value: text === '' ? 'n/a' : unit === 'currency' ? `${text} ${currency}` : text,
      tone: toneOf(value, card.signed),
    });
  }
  return cards;
}

const TRADE_COLUMNS = ['Date', 'Asset', 'Action', 'Quantity', 'Price', 'Currency', 'Trade value', 'Cost', 'Reason'];

/** Rows `offset … offset + limit` of the strategy's trade log as display strings. */
export function buildTradePage(result: BacktestResult, offset: number, limit: number): TradePage {
  const base = result.config.base_currency;
  const qd = result.config.quantity_decimals;
  const all = result.strategy.trades;
  const start = Math.min(Math.max(0, Math.floor(offset)), all.length);
  const rows = all.slice(start, start + Math.max(0, Math.floor(limit))).map((t) => [
    t.date,
    t.asset,
    t.action,
    formatDisplayValue(t.quantity, { kind: 'quantity', decimals: qd }),
    formatDisplayValue(t.price, { kind: 'price' }),
    t.currency,
    formatDisplayValue(t.trade_value, { kind: 'currency', currency: base, decimals: 2 }),
    formatDisplayValue(t.cost, { kind: 'currency', currency: base, decimals: 2 }),
    t.reason,
  ]);
  return { offset: start, total: all.length, rows };
}

function buildMetrics(result: BacktestResult): ResultView['metrics'] {
  const currency = result.config.base_currency;
  const portfolios = [result.strategy, ...result.benchmarks];
  return {
    portfolios: portfolios.map((p) => p.name),
    rows: result.metric_definitions.map((d) => ({
      key: d.key,
      label: d.label,
      formula: d.formula,
      values: portfolios.map((p) => formatMetric(p.metrics[d.key], d.unit, currency)),
    })),
  };
}

/**
 * The report's charts for the page: every chart spec of a report over the whole run, with its
 * data thinned to `MAX_CHART_POINTS` dates (extremes kept), built by the same spec builders and
 * data shaping as the exports.
 */
export function buildChartViews(result: BacktestResult, maxPoints = MAX_CHART_POINTS): ChartView[] {
  const sections = SECTION_IDS.filter((id) => !SECTIONS_WITHOUT_CHARTS.includes(id));
  const report = buildReport(result, { formats: [], template: 'detailed', bom: true, sections }, { generatedAt: '1970-01-01T00:00:00Z' });
  const tables = new Map(report.sections.flatMap((s) => s.tables.map((t) => [t.id, t] as const)));
  return report.sections.flatMap((s) =>
    s.charts.flatMap((spec) => {
      const data = chartDataFor(tables, spec);
      return data ? [{ spec, data: thinForSpec(spec, data, maxPoints) }] : [];
    }),
  );
}

/** Builds the page's view of a result: plain numbers and display strings only. */
export function buildResultView(result: BacktestResult): ResultView {
  return {
    name: result.config.name,
    baseCurrency: result.config.base_currency,
    periodsPerYear: result.config.periods_per_year,
    periodsPerYearSource: result.periods_per_year_source,
    rollingWindow: result.config.rolling_window,
    dateCount: result.dates.length,
    firstDate: result.dates[0] ?? '',
    lastDate: result.dates[result.dates.length - 1] ?? '',
    cards: buildCards(result),
    charts: buildChartViews(result),
    metrics: buildMetrics(result),
    trades: { columns: TRADE_COLUMNS, total: result.strategy.trades.length },
    warnings: result.warnings.map((w) => w.message),
  };
}
