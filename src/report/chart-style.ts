/**
 * The one style table of every chart: colours, series order, axis scales, number formats and
 * font sizes. The page's Plotly renderer (src/ui/charts.ts) and the PDF's vector renderer
 * (src/export/pdf/charts/vector.ts) read only this module, so the dashboard, its PDF and the
 * command line's PDF draw the same chart from the same spec: no colour or format literal lives
 * in a renderer. Format-neutral: colours are `#rrggbb` strings (CSS-valid for Plotly 4) with an
 * RGB reading for jsPDF, sizes are given per medium.
 */
import { civilFromDayNumber, dayNumberFromCivil, formatCivilDate } from '../iso-date';
import type { ChartSeriesRole, ChartSpec, ChartValueFormat } from './model.types';

/** An RGB colour, 0–255 per channel (jsPDF's `setFillColor(...rgb)`). */
export type Rgb = [number, number, number];

/** The chart palette. */
export const CHART_COLORS = {
  /** The strategy: one fixed, saturated colour, always drawn last (on top). */
  strategy: '#0a5fa8',
  /** Benchmarks: muted, distinguishable from the strategy and from each other (colour-vision safe). */
  benchmarks: ['#e69f00', '#7f7f7f', '#2ca02c', '#cc79a7', '#a6761d', '#56b4e9', '#8c564b'],
  /** Assets (allocation bands): a categorical palette. */
  assets: ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#17becf', '#bcbd22', '#8cd17d'],
  /** Cash and other non-asset series. */
  other: '#c8cdd2',
  /** The grouped remainder of many assets ("Other (n assets)"). */
  grouped: '#8a9299',
  /** Titles and cell text. */
  text: '#212529',
  /** Tick labels, axis titles, subtitles, reference lines. */
  muted: '#6c757d',
  /** Grid lines. */
  grid: '#e1e4e8',
  /** Minor grid lines (between the labelled lines of a log axis in the workbook). */
  minorGrid: '#eef0f3',
  /** The zero line and the axis line. */
  axis: '#9aa1a8',
  /** Background of plots and empty heatmap cells. */
  background: '#ffffff',
  missing: '#f0f0f0',
  /** Shaded periods (underwater: the worst drawdowns). */
  band: '#e6e9ee',
  /** The normal curve over a histogram. */
  curve: '#c0392b',
} as const;

/** Fill opacity of a single-series area (drawdown) under its line. */
export const AREA_OPACITY = 0.25;

/** Line widths (points in the PDF, px on screen) by series role: the strategy stands out. */
export const LINE_WIDTH: Record<ChartSeriesRole, { print: number; screen: number }> = {
  strategy: { print: 1.1, screen: 1.8 },
  benchmark: { print: 0.8, screen: 1.4 },
  asset: { print: 0.4, screen: 0.5 },
  other: { print: 0.4, screen: 0.5 },
};

/**
 * The halo under a benchmark's line in a line chart with a strategy: a wider, translucent stroke
 * in the benchmark's colour, drawn first. Where a benchmark runs along the strategy (an equal
 * weight benchmark of a risk parity run that starts equal weighted), it shows on both sides of
 * the strategy's line, which stays on top in its own colour.
 */
export const BENCHMARK_HALO = { print: 2.6, screen: 4.5, opacity: 0.35 } as const;

/** Whether series of `role` get the benchmark halo in `spec` (line charts that also draw a strategy). */
export function hasBenchmarkHalo(spec: Pick<ChartSpec, 'kind'>, role: ChartSeriesRole, roles: readonly ChartSeriesRole[]): boolean {
  return spec.kind === 'line' && role === 'benchmark' && roles.includes('strategy');
}

/** Font sizes: `print` in points (PDF), `screen` in CSS px (dashboard). */
export const FONT_SIZES = {
  print: { title: 10, subtitle: 7.5, axisTitle: 7, tick: 6.5, legend: 7, cell: 6.5, band: 6 },
  screen: { title: 15, subtitle: 12, axisTitle: 12, tick: 11, legend: 12, cell: 11, band: 10 },
} as const;

/** Font family on screen (the PDF embeds DejaVu Sans). */
export const SCREEN_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * The diverging scale of correlations, centred on 0 and fixed to [−1, 1] everywhere:
 * negative red, zero near white, positive blue (ColorBrewer RdBu).
 */
export const DIVERGING_SCALE: readonly string[] = ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'];

/** The returns scale of the monthly heatmap, centred on 0: losses red, gains green. */
export const RETURNS_SCALE: readonly string[] = ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d9f0d3', '#7fbf7b', '#1b7837'];

/** Most asset bands in the allocation chart; the smaller rest is summed into one "Other" band. */
export const MAX_ALLOCATION_SERIES = 12;

/** Equity charts default to a log scale when the largest value is more than this many times the smallest. */
export const LOG_SCALE_GROWTH = 3;

/** `#rrggbb` → RGB. */
export function hexToRgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return [0, 0, 0];
  return [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)];
}

/** RGB → `#rrggbb`. */
export function rgbToHex([r, g, b]: Rgb): string {
  const part = (v: number): string => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
  return `#${part(r)}${part(g)}${part(b)}`;
}

/** `#rrggbb` with an alpha, as CSS `rgba()` (Plotly fills). */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = hexToRgb(hex);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The colour of a series by its role and its position among the series of that role. */
export function roleColor(role: ChartSeriesRole, indexInRole: number): string {
  const pick = (list: readonly string[]): string => list[indexInRole % list.length] ?? CHART_COLORS.muted;
  switch (role) {
    case 'strategy':
      return CHART_COLORS.strategy;
    case 'benchmark':
      return pick(CHART_COLORS.benchmarks);
    case 'asset':
      return pick(CHART_COLORS.assets);
    case 'other':
      return CHART_COLORS.other;
  }
}

/**
 * Colours of a spec's series, in spec order: an explicit `color` wins, else by role (a series
 * without a role is the strategy when first, a benchmark after it).
 */
export function seriesColors(series: { role?: ChartSeriesRole; color?: string }[]): string[] {
  const seen: Partial<Record<ChartSeriesRole, number>> = {};
  return series.map((s, i) => {
    const role = s.role ?? (i === 0 ? 'strategy' : 'benchmark');
    const index = seen[role] ?? 0;
    seen[role] = index + 1;
    return s.color ?? roleColor(role, index);
  });
}

/** The role a series is drawn with (`strategy` for the first series without one). */
export function seriesRole(series: { role?: ChartSeriesRole }, index: number): ChartSeriesRole {
  return series.role ?? (index === 0 ? 'strategy' : 'benchmark');
}

/**
 * Order in which series are drawn: benchmarks and others first, the strategy last so it is never
 * hidden under a benchmark. Legends keep the spec order (strategy first). Stacked areas keep the
 * spec order (their stacking).
 */
export function drawOrder(roles: ChartSeriesRole[]): number[] {
  const indices = roles.map((_, i) => i);
  return [...indices.filter((i) => roles[i] !== 'strategy'), ...indices.filter((i) => roles[i] === 'strategy')];
}

function interpolate(stops: readonly string[], t: number): Rgb {
  const clamped = Math.max(0, Math.min(1, t));
  const position = clamped * (stops.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(stops.length - 1, lower + 1);
  const f = position - lower;
  const a = hexToRgb(stops[lower] ?? '#000000');
  const b = hexToRgb(stops[upper] ?? '#000000');
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f].map(Math.round) as Rgb;
}

/** The colour stops of a heatmap scale. */
export function heatmapStops(scale: NonNullable<ChartSpec['colorScale']>): readonly string[] {
  return scale === 'returns' ? RETURNS_SCALE : DIVERGING_SCALE;
}

/** A heatmap cell's colour: `value` on a scale symmetric around 0 reaching ±`limit`. */
export function heatmapColor(scale: NonNullable<ChartSpec['colorScale']>, value: number, limit: number): string {
  const t = limit > 0 ? (value / limit + 1) / 2 : 0.5;
  return rgbToHex(interpolate(heatmapStops(scale), t));
}

/** Text colour readable on `background` (white on dark cells). */
export function textColorOn(background: string): string {
  const [r, g, b] = hexToRgb(background);
  // Relative luminance (sRGB, approximate): dark backgrounds get white text.
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return luminance < 0.55 ? '#ffffff' : CHART_COLORS.text;
}

/**
 * The limit (±) of a heatmap's colour scale: 1 for correlations; for returns the 95th
 * percentile of |value|, so one extreme month does not wash out the rest (beyond it, cells take
 * the end colour).
 */
export function heatmapLimit(scale: NonNullable<ChartSpec['colorScale']>, values: (number | null)[]): number {
  if (scale === 'diverging') return 1;
  const magnitudes = values.filter((v): v is number => v !== null && Number.isFinite(v)).map(Math.abs).sort((a, b) => a - b);
  if (magnitudes.length === 0) return 1;
  const at = magnitudes[Math.min(magnitudes.length - 1, Math.floor(0.95 * (magnitudes.length - 1)))] ?? 1;
  return at > 0 ? at : (magnitudes[magnitudes.length - 1] ?? 1) || 1;
}

// ------------------------------------------------------------------------------------------
// Number formats
// ------------------------------------------------------------------------------------------

/** Decimals of values in hovers and heatmap cells, per format (and for correlations). */
export const VALUE_DECIMALS = { percent: 2, number: 2, currency: 2, cellPercent: 1, cellNumber: 2 } as const;

function groupThousands(text: string): string {
  const [int = '0', frac] = text.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  // Never "-0.00".
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A value as people read it: `12.35%`, `12,345.68`, `0.85`. The currency code goes in the axis title, not here. */
export function formatChartValue(value: number | null, format: ChartValueFormat, decimals?: number): string {
  if (value === null || !Number.isFinite(value)) return '';
  switch (format) {
    case 'percent':
      return `${groupThousands(fixed(value * 100, decimals ?? VALUE_DECIMALS.percent))}%`;
    case 'currency':
      return groupThousands(fixed(value, decimals ?? VALUE_DECIMALS.currency));
    case 'number':
      return groupThousands(fixed(value, decimals ?? VALUE_DECIMALS.number));
  }
}

/** The text printed in a heatmap cell (percent 1 decimal, numbers 2). */
export function formatCellValue(value: number | null, format: ChartValueFormat): string {
  return formatChartValue(value, format, format === 'percent' ? VALUE_DECIMALS.cellPercent : VALUE_DECIMALS.cellNumber);
}

/**
 * The d3-format string of a hover value (Plotly): the same decimals as `formatChartValue`.
 * Currency hovers append the code in the template, not here.
 */
export function hoverFormat(format: ChartValueFormat): string {
  switch (format) {
    case 'percent':
      return `,.${VALUE_DECIMALS.percent}%`;
    case 'currency':
      return `,.${VALUE_DECIMALS.currency}f`;
    case 'number':
      return `,.${VALUE_DECIMALS.number}f`;
  }
}

/** Fewest decimals that print every multiple of `step` exactly (0.25 → 2, 2,000 → 0). */
function decimalsForStep(step: number): number {
  if (!(step > 0)) return 0;
  for (let d = 0; d < 6; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 6;
}

/** Tick label of `value` under `format`, with the decimals that tell ticks `step` apart (no unit: the axis title names it). */
export function formatTick(value: number, format: ChartValueFormat, step: number): string {
  const v = Math.abs(value) < 1e-12 ? 0 : value;
  switch (format) {
    case 'percent':
      return `${groupThousands(fixed(v * 100, decimalsForStep(step * 100)))}%`;
    case 'currency':
    case 'number':
      if (Math.abs(v) >= 1e6) return compactNumber(v);
      return groupThousands(fixed(v, decimalsForStep(step)));
  }
}

/** Large values in short form: 1.5M, 12B. */
function compactNumber(value: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
  ];
  for (const [size, suffix] of units) {
    if (Math.abs(value) >= size) return `${Number((value / size).toPrecision(3))}${suffix}`;
  }
  return String(value);
}

/** The y axis title with its unit: `Value (USD)`; percent and plain numbers as given. */
export function axisTitle(label: string, format: ChartValueFormat, currency?: string): string {
  if (format === 'currency' && currency && !label.includes(`(${currency})`)) return `${label} (${currency})`;
  return label;
}

// ------------------------------------------------------------------------------------------
// Axis scales
// ------------------------------------------------------------------------------------------

/** One tick of an axis: its value (data units) and label. */
export interface AxisTick {
  value: number;
  label: string;
}

/** A value axis both renderers draw identically: its scale, range (data units) and ticks. */
export interface ValueAxis {
  scale: 'linear' | 'log';
  min: number;
  max: number;
  ticks: AxisTick[];
}

/** "Nice" tick values (1, 2, 2.5, 5 × 10ⁿ) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
  const step = nice * magnitude;
  const start = Math.floor(min / step + 1e-9) * step;
  const end = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step * 1e-6; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return ticks;
}

/** Mantissas tried for log ticks, coarsest first. */
const LOG_MANTISSAS: number[][] = [[1], [1, 2, 5], [1, 2, 3, 5], [1, 1.5, 2, 3, 4, 5, 6, 8]];

/** Log-axis tick values inside [min, max] (min > 0): powers of ten, then 2× and 5×, …, the coarsest set with ≥ 3 ticks and ≤ `maxCount`. */
export function logTicks(min: number, max: number, maxCount = 8): number[] {
  if (!(min > 0) || !(max > min)) return [min];
  let best: number[] = [];
  for (const mantissas of LOG_MANTISSAS) {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(v);
      }
    }
    if (ticks.length > maxCount) break;
    best = ticks;
    if (ticks.length >= 3) break;
  }
  if (best.length >= 2) return best;
  // A span under 1.5×: plain nice steps inside it, still placed on the log scale.
  const inside = niceTicks(min, max, 4).filter((t) => t >= min && t <= max);
  return inside.length >= 2 ? inside : [min, max];
}

/**
 * The value axis of a chart: a log axis (values > 0 only; else linear) padded by 5 % in log
 * space with ticks inside, or a linear axis from the first to the last nice tick. `includeZero`
 * keeps 0 in view (bars, areas).
 */
export function valueAxis(values: number[], format: ChartValueFormat, scale: 'linear' | 'log', options: { includeZero?: boolean; maxTicks?: number; fixed?: [number, number] } = {}): ValueAxis {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = finite.length > 0 ? Math.min(...finite) : 0;
  let hi = finite.length > 0 ? Math.max(...finite) : 1;
  if (options.fixed) [lo, hi] = options.fixed;
  const maxTicks = options.maxTicks ?? 6;
  if (scale === 'log' && lo > 0 && hi > lo) {
    const pad = (Math.log10(hi) - Math.log10(lo)) * 0.05;
    const min = 10 ** (Math.log10(lo) - pad);
    const max = 10 ** (Math.log10(hi) + pad);
    const ticks = logTicks(min, max, maxTicks + 2);
    const step = ticks.length > 1 ? Math.min(...ticks.slice(1).map((t, i) => t - (ticks[i] ?? 0))) : 1;
    return { scale: 'log', min, max, ticks: ticks.map((value) => ({ value, label: formatTick(value, format, step) })) };
  }
  if (options.includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  const ticks = options.fixed ? niceTicks(lo, hi, maxTicks - 1).filter((t) => t >= lo - 1e-12 && t <= hi + 1e-12) : niceTicks(lo, hi, maxTicks - 1);
  const step = ticks.length > 1 ? (ticks[1] ?? 0) - (ticks[0] ?? 0) : 1;
  const min = options.fixed ? lo : (ticks[0] ?? lo);
  const max = options.fixed ? hi : (ticks[ticks.length - 1] ?? hi);
  return { scale: 'linear', min, max, ticks: ticks.map((value) => ({ value, label: formatTick(value, format, step) })) };
}

/** Whether an equity chart should default to a log scale: every value positive and the largest more than 3× the smallest. */
export function prefersLogScale(values: (number | null)[]): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v <= 0) return false;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) && hi / lo > LOG_SCALE_GROWTH;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * ISO date → days since 1970-01-01; `null` when not a date. Integer calendar arithmetic
 * (src/iso-date.ts), not `Date.UTC`, which reads the years 0–99 as 1900–1999.
 */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return null;
  return dayNumberFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days since 1970-01-01 → ISO date (`0050-03-01` for the year 50). */
export function formatIsoDay(day: number): string {
  return formatCivilDate(civilFromDayNumber(Math.round(day)));
}

/** A year as a tick label: four digits, as in the dates (`0050`, `2021`). */
function yearLabel(year: number): string {
  return String(year).padStart(4, '0');
}

/** Date ticks of a time axis: every `stepMonths` months from `first` (or days for short spans), labelled `2021` or `Mar 2021`. */
export interface DateTickPlan {
  /** Months between ticks (0 for a span under two months: ticks on days). */
  stepMonths: number;
  /** `year` labels `2021`; `month` labels `Mar 2021`; `day` labels `2021-03-05`. */
  labelKind: 'year' | 'month' | 'day';
  ticks: { day: number; label: string }[];
}

/** The widest date tick label of each kind, in characters (to size the spacing before drawing). */
export const DATE_LABEL_CHARS = { year: 4, month: 8, day: 10 } as const;

/** Date ticks on month (or year) boundaries within [first, last] days, at most `maxTicks`. */
export function dateTicks(first: number, last: number, maxTicks = 7): DateTickPlan {
  if (last - first < 60) {
    const count = Math.min(Math.max(2, maxTicks), Math.max(2, Math.round(last - first) + 1));
    const ticks = Array.from({ length: count }, (_, i) => {
      const day = Math.round(first + ((last - first) * i) / Math.max(1, count - 1));
      return { day, label: formatIsoDay(day) };
    });
    return { stepMonths: 0, labelKind: 'day', ticks };
  }
  const start = civilFromDayNumber(Math.floor(first));
  const months: { day: number; index: number }[] = [];
  let index = start.year * 12 + start.month - 1 + (start.day === 1 ? 0 : 1);
  for (;;) {
    const day = dayNumberFromCivil(Math.floor(index / 12), (index % 12) + 1, 1);
    if (day > last) break;
    months.push({ day, index });
    index += 1;
  }
  const stepOptions = [1, 2, 3, 6, 12, 24, 60, 120, 240];
  const step = stepOptions.find((s) => months.filter((m) => m.index % s === 0).length <= Math.max(1, maxTicks)) ?? 240;
  const yearly = step >= 12;
  const ticks = months
    .filter((m) => m.index % step === 0)
    .map((m) => ({ day: m.day, label: yearly ? yearLabel(Math.floor(m.index / 12)) : `${MONTHS[m.index % 12] ?? ''} ${yearLabel(Math.floor(m.index / 12))}` }));
  return { stepMonths: step, labelKind: yearly ? 'year' : 'month', ticks };
}

/** Shortens a category label to `maxChars`, ending in `…` when cut. */
export function abbreviate(label: string, maxChars: number): string {
  const chars = [...label];
  return chars.length <= maxChars ? label : `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}

// ------------------------------------------------------------------------------------------
// Layout rules both renderers follow
// ------------------------------------------------------------------------------------------

/** Legend name of a histogram's normal curve. */
export const NORMAL_CURVE_NAME = 'Normal curve (same mean and volatility)';

/** Whether a chart shows a legend: several series (not a heatmap), or a histogram (bars and curve). */
export function showsLegend(spec: Pick<ChartSpec, 'kind'>, seriesCount: number): boolean {
  if (spec.kind === 'heatmap') return false;
  return spec.kind === 'histogram' || seriesCount > 1;
}

/** The x axis title shown: none on a date axis (dates speak for themselves), else the spec's. */
export function xAxisTitle(spec: Pick<ChartSpec, 'xLabel'>, xKind: 'date' | 'category'): string {
  return xKind === 'date' ? '' : spec.xLabel;
}
