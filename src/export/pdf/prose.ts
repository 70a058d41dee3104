/**
 * The one or two plain sentences each section opens with, and the footnote facts (data source,
 * costs, rebalancing rule), written from the report's tables and configuration. Every number is
 * one the report already holds, formatted as its table prints it.
 */
import { formatDisplayValue, toNumber } from '../../report/format';
import { cellType, type Report, type ReportTable } from '../../report/model.types';
import { dataOrigin, syntheticNotice } from '../../report/provenance';
import { columnIndex, makeNamer, rowIndex } from './convert';
import { displayName, formatCount, periodWords, plural } from './labels';
import { reasonLabel } from './derive';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Lookup of the report's tables by id. */
export type TableLookup = (id: string) => ReportTable | undefined;

/** A metric of the performance summary for one portfolio column: value and printed text. */
export interface MetricCell {
  value: number | null;
  text: string;
}

/** The summary value of `key` for portfolio column `portfolio` (0 = strategy). */
export function summaryMetric(summary: ReportTable | undefined, key: string, portfolio = 0): MetricCell | null {
  if (!summary) return null;
  const r = rowIndex(summary, key);
  const column = summary.columns[portfolio + 1];
  if (r < 0 || !column) return null;
  const value = summary.rows[r]?.[portfolio + 1] ?? null;
  const text = formatDisplayValue(value, cellType(column, r));
  return text === '' ? null : { value: toNumber(value), text };
}

/** Calendar days from one ISO date to another. */
export function daysBetween(from: string, to: string): number | null {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 86_400_000) : null;
}

function strategyName(report: Report): string {
  const strategy = report.meta.portfolios.find((p) => p.role === 'strategy');
  return displayName(strategy?.name ?? report.meta.title);
}

/** Performance: what the strategy returned, how volatile, against the benchmarks. */
export function performanceSentences(report: Report, tables: TableLookup): string[] {
  const summary = tables('performance_summary');
  const total = summaryMetric(summary, 'total_return');
  if (!total) return [];
  const annual = summaryMetric(summary, 'annualized_return');
  const vol = summaryMetric(summary, 'volatility');
  const sharpe = summaryMetric(summary, 'sharpe_ratio');
  const range = report.meta.run?.exportedRange;
  const period = range ? ` from ${range.from} to ${range.to}` : '';
  const parts = [annual ? `${annual.text} a year` : '', vol ? `with ${vol.text} volatility` : '', sharpe ? `a Sharpe ratio of ${sharpe.text}` : ''].filter(Boolean);
  const first = `${strategyName(report)} returned ${total.text}${period}${parts.length > 0 ? `, ${parts.join(', ')}` : ''}.`;
  const name = makeNamer(report.meta);
  const benchmarks = report.meta.portfolios
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.role === 'benchmark')
    .slice(0, 3)
    .map(({ p, i }) => {
      const m = summaryMetric(summary, 'total_return', i);
      return m ? `${name(p.name)} ${m.text}` : '';
    })
    .filter(Boolean);
  return benchmarks.length > 0 ? [first, `Over the same period the benchmarks returned: ${benchmarks.join(', ')}.`] : [first];
}

/** Drawdowns: the deepest fall, when, how long, whether it recovered. */
export function drawdownSentences(report: Report, tables: TableLookup): string[] {
  const periods = tables('drawdown_periods');
  const row = periods?.rows[0];
  if (!periods || !row) return [];
  const get = (key: string) => row[columnIndex(periods, key)] ?? null;
  const depthColumn = periods.columns[columnIndex(periods, 'depth')];
  const depth = depthColumn ? formatDisplayValue(get('depth'), depthColumn.type) : '';
  const start = String(get('start') ?? '');
  const trough = String(get('trough') ?? '');
  const recovery = get('recovery');
  const end = typeof recovery === 'string' && recovery !== '' ? recovery : (report.meta.run?.exportedRange.to ?? '');
  const lengthDays = toNumber(get('length_days')) ?? daysBetween(start, end);
  const lasted = lengthDays === null ? '' : `; it lasted ${plural(lengthDays, 'day')}`;
  const recovered = typeof recovery === 'string' && recovery !== '' ? ` and recovered on ${recovery}` : ` and had not recovered by ${end}`;
  const sentences = [`The deepest drawdown was ${depth}, from the peak on ${start} to the trough on ${trough}${lasted}${recovered}.`];
  sentences.push(`The chart shades the ${Math.min(5, periods.rows.length)} deepest of ${plural(periods.rows.length, 'drawdown period')}.`);
  return sentences;
}

/** Risk: volatility and the asset with the largest share of risk. */
export function riskSentences(report: Report, tables: TableLookup): string[] {
  const decomposition = tables('volatility_decomposition');
  const vol = summaryMetric(tables('performance_summary'), 'volatility');
  const out: string[] = [];
  if (decomposition && decomposition.rows.length > 0) {
    const share = columnIndex(decomposition, 'contribution_share');
    const weight = columnIndex(decomposition, 'weight');
    let top = 0;
    decomposition.rows.forEach((row, i) => {
      if ((toNumber(row[share] ?? null) ?? -Infinity) > (toNumber(decomposition.rows[top]?.[share] ?? null) ?? -Infinity)) top = i;
    });
    const row = decomposition.rows[top] ?? [];
    const pct = (v: unknown): string => formatDisplayValue((v ?? null) as never, { kind: 'percent', decimals: 2 });
    out.push(
      `${vol ? `Annualized volatility was ${vol.text}. ` : ''}${String(row[0] ?? '')} carries the largest share of risk, ${pct(row[share])}, at a ${pct(row[weight])} weight.`,
    );
  } else if (vol) out.push(`Annualized volatility was ${vol.text}.`);
  const window = report.meta.run?.config.rolling_window;
  if (typeof window === 'number') out.push(`Rolling figures use a ${window}-${periodWords(report.meta.run?.periodsPerYear).unit} window.`);
  return out;
}

/** Allocation: the latest weights, largest first. */
export function allocationSentences(report: Report, tables: TableLookup): string[] {
  const allocations = tables('asset_allocations');
  const last = allocations?.rows[allocations.rows.length - 1];
  if (!allocations || !last) return [];
  const weights = allocations.columns
    .map((c, i) => ({ name: c.label.replace(/ weight$/i, ''), value: toNumber(last[i] ?? null), i }))
    .filter((w) => w.i > 0 && w.value !== null)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const shown = weights.slice(0, 4).map((w) => `${w.name} ${formatDisplayValue(w.value, { kind: 'percent', decimals: 2 })}`);
  return [`On ${String(last[0] ?? '')} the portfolio held ${shown.join(', ')}${weights.length > 4 ? ` and ${weights.length - 4} more` : ''}.`];
}

/** Trading: rebalances, trades, costs and turnover. */
export function tradingSentences(report: Report, tables: TableLookup): string[] {
  const rebalances = tables('rebalancing_events');
  const trades = tables('transaction_log');
  const summary = tables('performance_summary');
  const costs = summaryMetric(summary, 'total_costs');
  const turnover = summaryMetric(summary, 'turnover');
  const currency = report.meta.run?.baseCurrency ?? '';
  const parts: string[] = [];
  if (rebalances) parts.push(plural(rebalances.rows.length, 'rebalance'));
  if (trades) parts.push(`${rebalances ? 'executed ' : ''}${plural(trades.rows.length, 'trade')}`);
  const first = parts.length > 0 ? `${parts.join(' ')}${costs ? ` costing ${currency} ${costs.text} in total` : ''}` : '';
  const sentences: string[] = [];
  if (first) sentences.push(`${first.charAt(0).toUpperCase()}${first.slice(1)}${turnover ? `; annualized turnover was ${turnover.text}` : ''}.`);
  const reasons = rebalances ? [...new Set(rebalances.rows.map((r) => String(r[columnIndex(rebalances, 'trigger_reason')] ?? '')))] : [];
  if (reasons.length > 0) sentences.push(`Rebalances were triggered by: ${reasons.map((r) => reasonLabel(r).toLowerCase()).join(', ')}.`);
  return sentences;
}

/** Monthly returns: best and worst month, share of positive months. */
export function monthlySentences(tables: TableLookup): string[] {
  const monthly = tables('monthly_returns');
  if (!monthly) return [];
  let best: { v: number; at: string } | null = null;
  let worst: { v: number; at: string } | null = null;
  let positive = 0;
  let count = 0;
  for (const row of monthly.rows) {
    for (let m = 0; m < 12; m++) {
      const v = toNumber(row[m + 1] ?? null);
      if (v === null) continue;
      count += 1;
      if (v > 0) positive += 1;
      const at = `${MONTHS[m] ?? ''} ${String(row[0] ?? '')}`;
      if (!best || v > best.v) best = { v, at };
      if (!worst || v < worst.v) worst = { v, at };
    }
  }
  if (!best || !worst) return [];
  const pct = (v: number): string => formatDisplayValue(v, { kind: 'percent', decimals: 2 });
  return [`The best month was ${best.at} (${pct(best.v)}), the worst ${worst.at} (${pct(worst.v)}); ${formatCount(positive)} of ${formatCount(count)} months were positive.`];
}

/** Return distribution: shape and tail. */
export function distributionSentences(report: Report, tables: TableLookup): string[] {
  const summary = tables('performance_summary');
  const skew = summaryMetric(summary, 'skewness');
  const kurt = summaryMetric(summary, 'kurtosis');
  const worst = summaryMetric(summary, 'worst_period');
  const varMetric = summaryMetric(summary, 'var_95') ?? summaryMetric(summary, 'value_at_risk_95');
  const { adjective, unit } = periodWords(report.meta.run?.periodsPerYear);
  const out: string[] = [];
  if (skew && kurt) out.push(`${capitalize(adjective)} returns had a skewness of ${skew.text} and an excess kurtosis of ${kurt.text} (0 for a normal distribution).`);
  if (worst) out.push(`The worst ${unit} lost ${worst.text.replace(/^-/, '')}${varMetric ? `; on 95% of ${unit}s the loss was smaller than ${varMetric.text.replace(/^-/, '')}` : ''}.`);
  return out;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Where the data comes from, in plain words, from what the report records about its inputs
 * (`synthetic`, `source`, the file's name and hash): "Synthetic prices, not market data. …"
 * whenever the price file (or a host's data) is marked synthetic.
 */
export function dataSource(report: Report): string {
  const inputs = report.meta.inputs;
  const prices = inputs?.prices;
  const fx = inputs?.fx;
  const origin = dataOrigin(report.meta);
  const source = origin?.source?.trim() ? ` Source: ${withStop(origin.source.trim())}` : '';
  const synthetic = syntheticNotice(report.meta);
  const parts: string[] = [];
  if (synthetic !== null) parts.push(`${synthetic}${prices ? ` (${prices.name})` : ''}.${source}`);
  else if (prices) parts.push(`Prices from ${prices.name} (SHA-256 ${prices.sha256.slice(0, 12)}…).${source}`);
  else if (source) parts.push(source.trim());
  else parts.push(report.meta.run ? 'Price file not recorded.' : 'Tables supplied by the host application.');
  if (fx) parts.push(`${fx.synthetic === true ? 'Synthetic FX rates' : 'FX rates'} from ${fx.name}${fx.source?.trim() ? ` (${fx.source.trim()})` : ''}.`);
  return parts.join(' ');
}

/** `text` ending with a full stop (unless it ends with other closing punctuation). */
function withStop(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** The cost model in words. */
export function costRule(report: Report): string | null {
  const config = report.meta.run?.config;
  if (!config) return null;
  const costs = config.transaction_costs as { fixed_per_trade?: unknown; percentage?: unknown } | undefined;
  const currency = report.meta.run?.baseCurrency ?? '';
  const pct = Number(costs?.percentage ?? 0);
  const fixed = Number(costs?.fixed_per_trade ?? 0);
  const parts: string[] = [];
  if (pct > 0) parts.push(`${formatDisplayValue(pct, { kind: 'percent', decimals: 2 })} of each trade’s value`);
  if (fixed > 0) parts.push(`${currency} ${formatDisplayValue(fixed, { kind: 'number', decimals: 2 })} per trade`);
  const min = Number(config.min_trade_value ?? 0);
  const base = parts.length > 0 ? `Costs: ${parts.join(' plus ')}, deducted from the portfolio.` : 'Costs: none.';
  return min > 0 ? `${base} Trades below ${currency} ${formatDisplayValue(min, { kind: 'number', decimals: 2 })} are skipped.` : base;
}

/** The rebalancing rule in words. */
export function rebalancingRule(report: Report): string | null {
  const config = report.meta.run?.config;
  if (!config) return null;
  const frequency = String(config.rebalancing_frequency ?? 'never');
  const threshold = config.rebalance_threshold;
  const calendar = frequency === 'never' ? 'no calendar rebalancing' : `${frequency} calendar rebalancing`;
  let band = '';
  if (threshold === '5/25') band = ', and whenever a weight drifts out of the 5/25 band (5 points, or 25% of its target, whichever is narrower)';
  else if (threshold !== undefined && threshold !== null) band = `, and whenever a weight drifts more than ${formatDisplayValue(Number(threshold), { kind: 'percent', decimals: 2 })} from its target`;
  return `Rebalancing: ${calendar}${band}.`;
}
