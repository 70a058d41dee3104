/**
 * Text alternatives of the result charts, from the same `ChartSpec` and `ChartData` the chart is
 * drawn from: a one-sentence summary (the chart's accessible name) and its data as a table a
 * screen reader can read. Values are formatted by the chart style table, as the chart's hovers.
 */
import { plural } from '../plural';
import type { ChartData } from '../report/chart-data';
import { formatChartValue } from '../report/chart-style';
import type { ChartSpec } from '../report/model.types';

/** A chart's data as display text. */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

/** The chart's data as a table: one row per x value (histograms: per bin), one column per series. */
export function chartTable(spec: ChartSpec, data: ChartData): ChartTable {
  const fmt = (v: number | null | undefined): string => formatChartValue(v ?? null, spec.yFormat);
  if (data.histogram) {
    const h = data.histogram;
    const xf = spec.xFormat ?? 'number';
    return {
      columns: [`${spec.xLabel} from`, 'to', 'Count', 'Share'],
      rows: h.counts.map((count, i) => [formatChartValue(h.edges[i] ?? null, xf), formatChartValue(h.edges[i + 1] ?? null, xf), String(count), formatChartValue(h.shares[i] ?? null, 'percent')]),
    };
  }
  const first = spec.kind === 'heatmap' ? '' : spec.xLabel;
  return {
    columns: [first, ...data.series.map((s) => s.name)],
    rows: data.labels.map((label, i) => [label, ...data.series.map((s) => fmt(s.values[i]))]),
  };
}

function extreme(values: (number | null)[], pick: 'min' | 'max'): number | null {
  let best: number | null = null;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (best === null || (pick === 'min' ? v < best : v > best)) best = v;
  }
  return best;
}

function lastValue(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i -= 1) {
    const v = values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return v;
  }
  return null;
}

/** One sentence saying what the chart shows (its accessible name). */
export function chartSummary(spec: ChartSpec, data: ChartData): string {
  const fmt = (v: number | null): string => formatChartValue(v, spec.yFormat) + (spec.yFormat === 'currency' && spec.currency ? ` ${spec.currency}` : '');
  const span = data.xKind === 'date' && data.labels.length > 0 ? `, ${data.labels[0]} to ${data.labels[data.labels.length - 1]}` : '';
  const title = `${spec.title}${span}`;
  const series = data.series;
  switch (spec.kind) {
    case 'histogram': {
      const h = data.histogram;
      return h ? `${title}: ${plural(h.n, 'return')} in ${plural(h.counts.length, 'bin')}, mean ${formatChartValue(h.mean, spec.xFormat ?? 'percent')}, standard deviation ${formatChartValue(h.stdev, spec.xFormat ?? 'percent')}.` : `${title}.`;
    }
    case 'heatmap':
      return `${title}: ${plural(data.labels.length, 'row')} by ${plural(series.length, 'column')}; the data table below lists every value.`;
    case 'stacked_area':
      return `${title}: ${plural(series.length, 'band')} (${series.slice(0, 6).map((s) => s.name).join(', ')}${series.length > 6 ? ', …' : ''}).`;
    case 'bar':
    case 'grouped_bar': {
      const main = series[0];
      if (!main) return `${title}.`;
      const hi = extreme(main.values, 'max');
      const lo = extreme(main.values, 'min');
      const at = (v: number | null): string => data.labels[main.values.indexOf(v)] ?? '';
      return `${title}: ${main.name} highest ${fmt(hi)} (${at(hi)}), lowest ${fmt(lo)} (${at(lo)})${series.length > 1 ? `; ${plural(series.length - 1, 'other series', 'other series')} alongside` : ''}.`;
    }
    default: {
      const drawdownLike = spec.id === 'drawdown' || spec.id === 'underwater';
      const parts = series.slice(0, 4).map((s) => (drawdownLike ? `${s.name} deepest ${fmt(extreme(s.values, 'min'))}` : `${s.name} ends at ${fmt(lastValue(s.values))}`));
      return `${title}: ${parts.join('; ')}${series.length > 4 ? '; …' : ''}.`;
    }
  }
}
