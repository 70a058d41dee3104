/**
 * Turning a `BacktestResult` (Decimals inside) into the plain `ResultView` the page draws.
 * Display text goes through `formatDisplayValue`, so the screen rounds exactly like the PDF.
 */
import type Decimal from 'decimal.js';
import type { BacktestResult, MetricUnit, MetricValue, PortfolioResult } from '../engine/types';
import { formatDisplayValue } from '../report/format';
import type { ColumnType } from '../report/model.types';
import type { FigureCard, PortfolioSeries, ResultView, TradePage } from './viewModel.types';

/** Most points per chart series sent to the page (a 960 px chart shows no more). */
export const MAX_CHART_POINTS = 600;

/**
 * Indexes of an even sample of `n` points, at most `max` plus `keep`: first and last always,
 * and the indexes in `keep` (e.g. drawdown troughs) so extremes survive sampling.
 */
export function sampleIndexes(n: number, max: number, keep: number[] = []): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>([0, n - 1]);
  const step = (n - 1) / (max - 1);
  for (let k = 0; k < max; k += 1) chosen.add(Math.round(k * step));
  for (const i of keep) if (i >= 0 && i < n) chosen.add(i);
  return [...chosen].sort((a, b) => a - b);
}

function pick<T>(values: T[], indexes: number[]): T[] {
  return indexes.map((i) => values[i] as T);
}

function argMin(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if ((values[i] as number) < (values[best] as number)) best = i;
  return best;
}

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

/** Drawdown series `V_t / max(C, max_{s≤t} V_s) − 1` (capital is the first peak). */
export function computeDrawdown(values: number[], capital: number): number[] {
  let peak = capital;
  return values.map((v) => {
    if (v > peak) peak = v;
    return peak > 0 ? v / peak - 1 : 0;
  });
}

function toNumbers(values: Decimal[]): number[] {
  return values.map((v) => v.toNumber());
}

function seriesOf(p: PortfolioResult, capital: number): PortfolioSeries {
  const values = toNumbers(p.values);
  return { name: p.name, key: p.key, role: p.role, values, drawdown: computeDrawdown(values, capital) };
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

/** Builds the page's view of a result: plain numbers and display strings only. */
export function buildResultView(result: BacktestResult): ResultView {
  const capital = result.config.initial_capital.toNumber();
  const a = result.analytics;
  const full = [result.strategy, ...result.benchmarks].map((p) => seriesOf(p, capital));
  const idx = sampleIndexes(result.dates.length, MAX_CHART_POINTS, full.map((p) => argMin(p.drawdown)));
  return {
    name: result.config.name,
    baseCurrency: result.config.base_currency,
    periodsPerYear: result.config.periods_per_year,
    periodsPerYearSource: result.periods_per_year_source,
    rollingWindow: result.config.rolling_window,
    dateCount: result.dates.length,
    firstDate: result.dates[0] ?? '',
    lastDate: result.dates[result.dates.length - 1] ?? '',
    dates: pick(result.dates, idx),
    cards: buildCards(result),
    portfolios: full.map((p) => ({ ...p, values: pick(p.values, idx), drawdown: pick(p.drawdown, idx) })),
    allocation: {
      assets: [...result.strategy.assets],
      weights: result.strategy.weights.map((w) => pick(w, idx)),
      cash: pick(result.strategy.cash_weights, idx),
    },
    rolling: { return: pick(a.rolling.return, idx), volatility: pick(a.rolling.volatility, idx), sharpe: pick(a.rolling.sharpe, idx) },
    correlation: { assets: [...a.assets], matrix: a.correlation.map((row) => [...row]) },
    risk: a.volatility_decomposition.map((r) => ({
      asset: r.asset,
      weight: r.weight,
      volatility: r.volatility,
      contribution: r.contribution,
      share: r.contribution_share,
    })),
    portfolioVolatility: a.portfolio_volatility,
    metrics: buildMetrics(result),
    trades: { columns: TRADE_COLUMNS, total: result.strategy.trades.length },
    warnings: result.warnings.map((w) => w.message),
  };
}
