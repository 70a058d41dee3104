/**
 * A chart spec's numbers, read out of its report table and shaped for drawing: the same
 * `ChartData` feeds the page's Plotly renderer (sent by the worker) and the PDF's vector
 * renderer, so grouping, binning and thinning happen once, here, and both draw the same points.
 * Floats: charts are statistics.
 */
import { CHART_COLORS, MAX_ALLOCATION_SERIES, parseIsoDay, seriesColors, seriesRole } from './chart-style';
import type { CellValue, ChartSeriesRole, ChartSpec, Report, ReportTable } from './model.types';

/** One named series, aligned with the chart's x values (`null` where missing). */
export interface SeriesData {
  name: string;
  role: ChartSeriesRole;
  /** `#rrggbb`, resolved from the style table. */
  color: string;
  values: (number | null)[];
}

/** A histogram of one series with the normal curve of the same mean and volatility. */
export interface HistogramData {
  /** Bin edges, `counts.length + 1` of them. */
  edges: number[];
  counts: number[];
  /** Each bin's share of the values (counts / n). */
  shares: number[];
  /** The normal density × bin width at `curveX`: on the same scale as `shares`. */
  curveX: number[];
  curveY: number[];
  mean: number;
  /** Sample standard deviation (n − 1). */
  stdev: number;
  n: number;
}

/** A chart's data: x as day numbers (dates) or categories (text), plus its series. */
export interface ChartData {
  xKind: 'date' | 'category';
  /** Day numbers since 1970-01-01 when `xKind` is `date`; row positions otherwise. */
  x: number[];
  /** The x column as text (ISO dates, asset names, years); heatmap row labels. */
  labels: string[];
  /** The series (heatmap: its columns), in legend order, colours resolved. */
  series: SeriesData[];
  /** Histograms only. */
  histogram?: HistogramData;
}

/**
 * A cell as a float for drawing (`null` when missing or not finite). Decimals are read through
 * their `toNumber`, so this module never loads decimal.js: the page imports it.
 */
function cellNumber(value: CellValue): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const parsed = Number(value);
    return value.trim() !== '' && Number.isFinite(parsed) ? parsed : null;
  }
  const n = value.toNumber();
  return Number.isFinite(n) ? n : null;
}

/**
 * Pulls the x column and series columns of `spec` from `table` and shapes them for drawing:
 * allocation bands past 12 grouped into "Other", histogram bins with the normal curve, rows of
 * `omitX` left out. `null` when a column is missing.
 */
export function chartData(spec: ChartSpec, table: ReportTable): ChartData | null {
  const xIndex = table.columns.findIndex((c) => c.key === spec.x);
  if (xIndex < 0) return null;
  const seriesIndices = spec.series.map((s) => table.columns.findIndex((c) => c.key === s.column));
  if (seriesIndices.some((i) => i < 0)) return null;
  const omitted = new Set(spec.omitX ?? []);
  const rows = omitted.size === 0 ? table.rows : table.rows.filter((row) => !omitted.has(String(row[xIndex] ?? '')));
  const isDate = table.columns[xIndex]?.type.kind === 'date';
  const labels = rows.map((row) => String(row[xIndex] ?? ''));
  const x = isDate ? labels.map((l, i) => parseIsoDay(l) ?? i) : labels.map((_, i) => i);
  const raw: RawSeries[] = spec.series.map((s, k) => {
    const column = seriesIndices[k] ?? 0;
    const entry: RawSeries = { name: s.name, role: seriesRole(s, k), values: rows.map((row) => cellNumber(row[column] ?? null)) };
    if (s.color !== undefined) entry.color = s.color;
    return entry;
  });
  const shaped = spec.kind === 'stacked_area' ? groupBands(raw) : raw;
  const colors = seriesColors(shaped);
  const series: SeriesData[] = shaped.map((s, i) => ({ name: s.name, role: s.role, color: colors[i] ?? CHART_COLORS.muted, values: s.values }));
  const data: ChartData = { xKind: isDate ? 'date' : 'category', x, labels, series };
  if (spec.kind === 'histogram') {
    const values = (series[0]?.values ?? []).filter((v): v is number => v !== null);
    data.histogram = histogramOf(values);
  }
  return data;
}

/** The data of `spec` from the report's tables (any section); `null` when its table or a column is not in the report. */
export function chartDataFor(report: Report | Map<string, ReportTable>, spec: ChartSpec): ChartData | null {
  const table = report instanceof Map ? report.get(spec.tableId) : report.sections.flatMap((s) => s.tables).find((t) => t.id === spec.tableId);
  return table ? chartData(spec, table) : null;
}

/** A series before its colour is resolved. */
interface RawSeries {
  name: string;
  role: ChartSeriesRole;
  color?: string;
  values: (number | null)[];
}

/**
 * Allocation bands: the assets as they are when 12 or fewer, else the 11 largest by mean weight
 * (in their order) plus one "Other (n assets)" band summing the rest; non-asset bands (cash)
 * keep their place after the assets.
 */
function groupBands(series: RawSeries[], max = MAX_ALLOCATION_SERIES): RawSeries[] {
  const assets = series.filter((s) => s.role === 'asset');
  if (assets.length <= max) return series;
  const grouped = groupAllocation(
    assets.map((s) => s.name),
    assets.map((s) => s.values.map((v) => v ?? 0)),
    max,
  );
  const byName = new Map(assets.map((s) => [s.name, s]));
  const bands = grouped.map((band): RawSeries => byName.get(band.name) ?? { name: band.name, role: 'other', color: CHART_COLORS.grouped, values: band.values });
  return [...bands, ...series.filter((s) => s.role !== 'asset')];
}

/** Allocation bands: the `max` largest assets by mean weight, in configuration order, then "Other (n assets)". */
export function groupAllocation(assets: string[], weights: number[][], max = MAX_ALLOCATION_SERIES): { name: string; values: number[] }[] {
  if (assets.length <= max) return assets.map((name, i) => ({ name, values: weights[i] ?? [] }));
  const mean = (w: number[]): number => w.reduce((a, b) => a + b, 0) / Math.max(1, w.length);
  const ranked = assets.map((_, i) => i).sort((a, b) => mean(weights[b] ?? []) - mean(weights[a] ?? []) || a - b);
  const top = new Set(ranked.slice(0, max - 1));
  const bands = assets.flatMap((name, i) => (top.has(i) ? [{ name, values: weights[i] ?? [] }] : []));
  const rest = ranked.slice(max - 1);
  const length = weights[0]?.length ?? 0;
  const other = Array.from({ length }, (_, t) => rest.reduce((sum, i) => sum + (weights[i]?.[t] ?? 0), 0));
  return [...bands, { name: `Other (${rest.length} assets)`, values: other }];
}

/** Fewest and most histogram bins. */
const MIN_BINS = 10;
const MAX_BINS = 60;

/**
 * Bins by the Freedman–Diaconis rule (2 IQR / ∛n, clamped to 10–60 bins) and the normal density
 * of the sample's mean and standard deviation, scaled by the bin width so it overlays the shares.
 */
export function histogramOf(values: number[]): HistogramData {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const lo = sorted[0] ?? 0;
  const hi = sorted[n - 1] ?? 0;
  const mean = n > 0 ? values.reduce((a, b) => a + b, 0) / n : 0;
  const stdev = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  const quantile = (q: number): number => {
    const pos = q * (n - 1);
    const i = Math.floor(pos);
    return (sorted[i] ?? 0) + ((sorted[Math.min(n - 1, i + 1)] ?? 0) - (sorted[i] ?? 0)) * (pos - i);
  };
  const iqr = n > 1 ? quantile(0.75) - quantile(0.25) : 0;
  const span = hi - lo;
  let bins = iqr > 0 && span > 0 ? Math.ceil(span / ((2 * iqr) / Math.cbrt(n))) : Math.ceil(Math.sqrt(Math.max(1, n)));
  bins = Math.max(MIN_BINS, Math.min(MAX_BINS, bins));
  const width = span > 0 ? span / bins : 1e-3;
  const start = span > 0 ? lo : lo - (width * bins) / 2;
  const edges = Array.from({ length: bins + 1 }, (_, i) => start + i * width);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor((v - start) / width)));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  const shares = counts.map((c) => (n > 0 ? c / n : 0));
  const curveX: number[] = [];
  const curveY: number[] = [];
  if (stdev > 0) {
    const from = Math.min(start, mean - 4 * stdev);
    const to = Math.max(start + width * bins, mean + 4 * stdev);
    const steps = 120;
    for (let i = 0; i <= steps; i++) {
      const xv = from + ((to - from) * i) / steps;
      const z = (xv - mean) / stdev;
      curveX.push(xv);
      curveY.push((width * Math.exp(-0.5 * z * z)) / (stdev * Math.sqrt(2 * Math.PI)));
    }
  }
  return { edges, counts, shares, curveX, curveY, mean, stdev, n };
}

/**
 * At most about `maxPoints` rows of a date chart, sharing one x for all series (stacked areas
 * need it). `extremes` (lines, areas) keeps the first row of each bucket and every series'
 * lowest and highest point in it, so a max drawdown or a peak survives; `stride` (stacked areas)
 * keeps evenly spaced rows. First and last rows are always kept. Category charts, heatmaps,
 * histograms and short data are returned as they are.
 */
export function thinChartData(data: ChartData, maxPoints: number, mode: 'extremes' | 'stride' = 'extremes'): ChartData {
  const n = data.x.length;
  if (data.xKind !== 'date' || n <= maxPoints || maxPoints < 4 || data.histogram) return data;
  const keep = new Set<number>([0, n - 1]);
  if (mode === 'stride') {
    const step = (n - 1) / (maxPoints - 1);
    for (let i = 0; i < maxPoints; i++) keep.add(Math.round(i * step));
  } else {
    const perBucket = 1 + 2 * data.series.length;
    const buckets = Math.max(Math.floor(maxPoints / 8), Math.floor((maxPoints - 2) / perBucket), 1);
    const size = n / buckets;
    for (let b = 0; b < buckets; b++) {
      const from = Math.floor(b * size);
      const to = Math.min(n, Math.floor((b + 1) * size));
      if (from >= to) continue;
      keep.add(from);
      for (const s of data.series) {
        let lo = -1;
        let hi = -1;
        for (let i = from; i < to; i++) {
          const v = s.values[i];
          if (v === null || v === undefined) continue;
          if (lo < 0 || v < (s.values[lo] ?? Infinity)) lo = i;
          if (hi < 0 || v > (s.values[hi] ?? -Infinity)) hi = i;
        }
        if (lo >= 0) keep.add(lo);
        if (hi >= 0) keep.add(hi);
        // A gap (missing values) keeps its edges, so lines break where the data does.
        for (let i = Math.max(1, from); i < to; i++) if ((s.values[i] === null) !== (s.values[i - 1] === null)) keep.add(i).add(i - 1);
      }
    }
  }
  const indices = [...keep].sort((a, b) => a - b);
  const pick = <T>(list: T[]): T[] => indices.map((i) => list[i] as T);
  return { ...data, x: pick(data.x), labels: pick(data.labels), series: data.series.map((s) => ({ ...s, values: pick(s.values) })) };
}

/** `thinChartData` in the mode that suits the spec's kind (stride for stacked areas). */
export function thinForSpec(spec: ChartSpec, data: ChartData, maxPoints: number): ChartData {
  return thinChartData(data, maxPoints, spec.kind === 'stacked_area' ? 'stride' : 'extremes');
}
