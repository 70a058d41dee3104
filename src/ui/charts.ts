/**
 * The page's charts: any `ChartSpec` with its `ChartData` (both built in the worker, the same
 * model the PDF draws as vectors) drawn with Plotly's cartesian bundle, loaded on first use so it
 * costs nothing before a run finishes. Colours, order, scales, tick labels and number formats
 * come from the one style table (src/report/chart-style.ts), so the page shows what both PDFs
 * print. Names are passed as escaped text: Plotly reads a small HTML subset in labels, and an
 * asset called `<b>` must show as itself.
 */
import type { PlotlyStatic } from 'plotly.js-cartesian-dist-min';
import type { ChartData } from '../report/chart-data';
import {
  abbreviate,
  AREA_OPACITY,
  axisTitle,
  BENCHMARK_HALO,
  CHART_COLORS,
  dateTicks,
  drawOrder,
  FONT_SIZES,
  formatCellValue,
  formatChartValue,
  hasBenchmarkHalo,
  heatmapLimit,
  heatmapStops,
  hoverFormat,
  LINE_WIDTH,
  NORMAL_CURVE_NAME,
  parseIsoDay,
  SCREEN_FONT_FAMILY,
  showsLegend,
  valueAxis,
  withAlpha,
  xAxisTitle,
  type DateTickPlan,
  type ValueAxis,
} from '../report/chart-style';
import type { ChartSpec } from '../report/model.types';
import type { ChartView, ResultView } from '../worker/viewModel.types';

export { groupAllocation } from '../report/chart-data';
export { MAX_ALLOCATION_SERIES } from '../report/chart-style';

/** Charts the page lays out today (containers `#chart-<id>` in index.html). */
export const CHART_IDS = ['equity', 'drawdown', 'allocation', 'rolling_volatility', 'correlation', 'risk_contributions'] as const;
/** One of the charts laid out on the page. */
export type ChartId = (typeof CHART_IDS)[number];
/** Every chart a backtest report specifies, in report order (the page may lay out any of them). */
export const REPORT_CHART_IDS = [
  'equity',
  'drawdown',
  'underwater',
  'return_distribution',
  'allocation',
  'correlation',
  'risk_contributions',
  'rolling_volatility',
  'rolling_sharpe',
  'rolling_beta',
  'monthly_heatmap',
  'yearly_returns',
] as const;

let plotlyPromise: Promise<PlotlyStatic> | null = null;

/** Loads Plotly once. */
export function loadPlotly(): Promise<PlotlyStatic> {
  if (!plotlyPromise) {
    plotlyPromise = import('plotly.js-cartesian-dist-min').then((m) => {
      const mod = m as unknown as { default?: PlotlyStatic } & PlotlyStatic;
      return mod.default ?? mod;
    });
    plotlyPromise.catch(() => {
      plotlyPromise = null;
    });
  }
  return plotlyPromise;
}

/** Text for a Plotly label: `&`, `<`, `>` as entities, so Plotly shows them instead of reading tags. */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `meta` of a benchmark's halo trace (drawn under its line, no legend entry, no hover). */
export const HALO = 'halo';

/** Plotly's configuration for every chart. */
export const PLOTLY_CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['lasso2d', 'select2d'] };

/** A Plotly figure: traces, layout and configuration. */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  config: Record<string, unknown>;
}

/** Width in CSS px of `text` set at `sizePx` in the screen font. */
export type TextMeasure = (text: string, sizePx: number) => number;

/**
 * Text widths without a browser (Node tests): 0.6 em a character, wider than the screen font's
 * average, so margins sized with it err on the roomy side.
 */
export const estimateTextWidth: TextMeasure = (text, sizePx) => [...text].length * sizePx * 0.6;

let measureContext: CanvasRenderingContext2D | null | undefined;

/**
 * Text widths in the screen font, read from a canvas: the widths Plotly's SVG labels get, without
 * laying out the page. Falls back to `estimateTextWidth` where there is no canvas.
 */
export function measureScreenText(text: string, sizePx: number): number {
  if (measureContext === undefined) measureContext = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measureContext) return estimateTextWidth(text, sizePx);
  measureContext.font = `${sizePx}px ${SCREEN_FONT_FAMILY}`;
  return measureContext.measureText(text).width;
}

/** Size the figure is laid out for (CSS px); the chart resizes with its container afterwards. */
export interface FigureSize {
  width: number;
  height?: number;
  /** Widths of tick labels, to reserve their margins up front (default `estimateTextWidth`). */
  measureText?: TextMeasure;
}

const FONT = FONT_SIZES.screen;
const LEGEND_ROW = FONT.legend + 10;

/**
 * The Plotly figure of `spec` with `data`: traces in drawing order (strategy last, on top) with
 * legend ranks in spec order (strategy first), the value axis and its tick labels from the
 * style table (`valueAxis`, the same ticks the PDF prints), hover formats of the same decimals.
 */
export function plotlyFigure(spec: ChartSpec, data: ChartData, size: FigureSize = { width: 960 }): PlotlyFigure {
  const legendNames = data.series.map((s) => s.name).concat(spec.kind === 'histogram' ? [NORMAL_CURVE_NAME] : []);
  const legend = showsLegend(spec, data.series.length);
  // Plotly does not wrap titles: lines break at words to the width (about 0.55 em a character).
  const titleLines = wrapWords(spec.title, Math.floor((size.width - 24) / (FONT.title * 0.6)));
  const subtitleLines = spec.subtitle ? wrapWords(spec.subtitle, Math.floor((size.width - 24) / (FONT.subtitle * 0.55))) : [];
  const top =
    12 +
    titleLines.length * (FONT.title + 6) +
    subtitleLines.length * (FONT.subtitle + 5) +
    (subtitleLines.length > 0 ? 6 : 0) +
    // Room for the top tick label, which sits half above the plot.
    (legend ? legendRows(legendNames, size.width) * LEGEND_ROW + 12 : 20);
  const layout: Record<string, unknown> = {
    title: {
      text: titleLines.map(plotlyText).join('<br>'),
      ...(subtitleLines.length > 0 ? { subtitle: { text: subtitleLines.map(plotlyText).join('<br>'), font: { size: FONT.subtitle, color: CHART_COLORS.muted } } } : {}),
      font: { size: FONT.title, color: CHART_COLORS.text, weight: 'bold' },
      x: 0,
      xref: 'container',
      xanchor: 'left',
      y: 1,
      yref: 'container',
      yanchor: 'top',
      pad: { t: 10, l: 12 },
    },
    showlegend: legend,
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1, yanchor: 'bottom', traceorder: 'normal', font: { size: FONT.legend }, itemwidth: 30 },
    margin: { l: 12, r: 16, t: top, b: 12, autoexpand: true },
    paper_bgcolor: CHART_COLORS.background,
    plot_bgcolor: CHART_COLORS.background,
    font: { family: SCREEN_FONT_FAMILY, size: FONT.tick, color: CHART_COLORS.text },
    hoverlabel: { font: { family: SCREEN_FONT_FAMILY } },
    ...(size.height ? { height: size.height } : {}),
  };
  const traces = figureTraces(spec, data, layout, size);
  // A tall legend (many assets on a narrow screen) makes the figure taller instead of squeezing
  // the plot to nothing; heatmaps size themselves to their rows.
  const margin = layout.margin as { t: number; b: number };
  const height = typeof layout.height === 'number' ? layout.height : FIGURE_HEIGHT;
  if (spec.kind !== 'heatmap' && margin.t + margin.b + MIN_PLOT_HEIGHT > height) layout.height = margin.t + margin.b + MIN_PLOT_HEIGHT;
  return { data: traces, layout, config: PLOTLY_CONFIG };
}

/** Height of a chart whose container does not set one (the page's `.chart` min-height). */
export const FIGURE_HEIGHT = 360;

/**
 * The height `spec` takes when drawn `width` px wide without a set height: its own (heatmaps,
 * tall legends) or `FIGURE_HEIGHT`. Cheap enough to ask for every chart before drawing: a chart
 * without a legend never grows, and a date chart's height does not depend on its points, so it
 * is laid out over its first and last date only.
 */
export function naturalHeight(spec: ChartSpec, data: ChartData, width: number): number {
  if (spec.kind !== 'heatmap' && !showsLegend(spec, data.series.length)) return FIGURE_HEIGHT;
  const dated = spec.kind === 'line' || spec.kind === 'area' || spec.kind === 'stacked_area';
  const { layout } = plotlyFigure(spec, dated ? endsOf(data) : data, { width, measureText: measureScreenText });
  return typeof layout.height === 'number' ? layout.height : FIGURE_HEIGHT;
}

/** `data` at its first and last x only. */
function endsOf(data: ChartData): ChartData {
  const ends = data.x.length > 2 ? [0, data.x.length - 1] : data.x.map((_, i) => i);
  const pick = <T>(values: readonly T[]): T[] => ends.map((i) => values[i] as T);
  return { ...data, x: pick(data.x), labels: pick(data.labels), series: data.series.map((s) => ({ ...s, values: pick(s.values) })) };
}
/** The least height of a plot area under its title and legend. */
const MIN_PLOT_HEIGHT = 180;

function figureTraces(spec: ChartSpec, data: ChartData, layout: Record<string, unknown>, size: FigureSize): Record<string, unknown>[] {
  switch (spec.kind) {
    case 'line':
    case 'area':
    case 'stacked_area':
      return xyTraces(spec, data, layout, size);
    case 'bar':
    case 'grouped_bar':
      return barTraces(spec, data, layout, size);
    case 'histogram':
      return histogramTraces(spec, data, layout, size);
    case 'heatmap':
      return heatmapTraces(spec, data, layout, size);
  }
}

/** `text` in lines of at most `maxChars` characters, broken at spaces (a longer word keeps its own line). */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > Math.max(8, maxChars)) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Rows a horizontal legend takes at `width` px, as Plotly lays it out: one row when every entry
 * fits; else a grid of equal columns as wide as the widest entry.
 */
function legendRows(names: string[], width: number): number {
  const charWidth = FONT.legend * 0.6;
  const entries = names.map((name) => 48 + name.length * charWidth);
  // The legend starts at the plot's left edge, after the y axis labels and title (~70 px).
  const available = Math.max(120, width - 90);
  if (entries.reduce((a, b) => a + b, 0) <= available) return 1;
  const columns = Math.max(1, Math.floor(available / Math.max(...entries)));
  return Math.ceil(names.length / columns);
}

/** A Plotly value axis from the shared axis plan: its range, type and the same ticks as the PDF. */
function plotlyValueAxis(axis: ValueAxis, title: string): Record<string, unknown> {
  const log = axis.scale === 'log';
  return {
    type: log ? 'log' : 'linear',
    range: log ? [Math.log10(axis.min), Math.log10(axis.max)] : [axis.min, axis.max],
    tickmode: 'array',
    tickvals: axis.ticks.map((t) => t.value),
    ticktext: axis.ticks.map((t) => t.label),
    title: { text: plotlyText(title), font: { size: FONT.axisTitle, color: CHART_COLORS.muted } },
    tickfont: { size: FONT.tick, color: CHART_COLORS.muted },
    gridcolor: CHART_COLORS.grid,
    zeroline: !log,
    zerolinecolor: CHART_COLORS.axis,
    showline: false,
    automargin: true,
  };
}

/** Milliseconds of a day: Plotly's date axes take numbers as ms since 1970-01-01 (any year, no parsing). */
const DAY_MS = 86_400_000;

/**
 * A date x axis with the PDF's tick plan: same step, same labels, thinned to the width. Values,
 * range and ticks are numbers (ms), so Plotly parses no date strings (thousands of them per
 * chart, a tenth of its drawing time) and years before 100 stay themselves.
 */
function plotlyDateAxis(data: ChartData, width: number): { axis: Record<string, unknown>; plan: DateTickPlan } {
  const first = data.x[0] ?? 0;
  const last = data.x[data.x.length - 1] ?? first;
  const plan = dateTicks(first, last, Math.max(2, Math.floor((width - 90) / (FONT.tick * 0.62 * 11))));
  const axis = {
    type: 'date',
    range: [first * DAY_MS, last * DAY_MS],
    tickmode: 'array',
    tickvals: plan.ticks.map((t) => t.day * DAY_MS),
    ticktext: plan.ticks.map((t) => t.label),
    ticks: 'outside',
    ticklen: X_TICK_LENGTH,
    tickcolor: CHART_COLORS.axis,
    tickfont: { size: FONT.tick, color: CHART_COLORS.muted },
    showgrid: false,
    showline: true,
    linecolor: CHART_COLORS.axis,
    automargin: true,
  };
  return { axis, plan };
}

// ------------------------------------------------------------------------------------------
// Margins reserved up front
// ------------------------------------------------------------------------------------------
//
// Plotly grows a margin that its tick labels or titles need ("automargin") by drawing the whole
// chart again: one extra pass per chart, about half of its main-thread time. The margins below
// already hold what the labels need, so the first pass is the last. The depths are Plotly 4's
// (its 12 px pad around pushed margins, label offsets measured on its SVG); every estimate errs
// on the roomy side, and where one still falls short Plotly grows the margin as before, so no
// label is ever clipped (tests/e2e/charts.test.ts checks that charts draw in one pass).

/** Plotly's padding around every margin it grows. */
const MARGIN_PAD = 12;
/** Length of the outside ticks under a date or histogram axis. */
const X_TICK_LENGTH = 4;
/** Depth of a row of x tick labels under the axis line (ticks excluded); date labels sit 2 px lower. */
const X_LABEL_DEPTH = { plain: FONT.tick + 6.5, date: FONT.tick + 8.5 };
/** sin 45°: tick labels turned −45° take their width and height times this, across and down. */
const SIN_45 = Math.SQRT1_2;

/** The widest of `labels` at `sizePx`. */
function widest(labels: readonly string[], sizePx: number, measure: TextMeasure): number {
  let most = 0;
  for (const label of labels) most = Math.max(most, measure(label, sizePx));
  return most;
}

/** Grows the figure's margins to at least `room` (whole px, so Plotly's rounding changes nothing). */
function reserveMargins(layout: Record<string, unknown>, room: { l?: number; r?: number; t?: number; b?: number }): void {
  const margin = layout.margin as { l: number; r: number; t: number; b: number };
  for (const side of ['l', 'r', 't', 'b'] as const) margin[side] = Math.ceil(Math.max(margin[side], room[side] ?? 0));
}

/** Room left of a value axis: its widest tick label, the gap to the plot, its title (one line, rotated). */
function valueAxisRoom(ticks: readonly string[], title: string, measure: TextMeasure): number {
  return MARGIN_PAD + 2 + widest(ticks, FONT.tick, measure) + (title !== '' ? FONT.axisTitle : 0);
}

/**
 * Room a centred x tick label at `fraction` of the axis needs beyond the plot's edge on its side:
 * half its width less its distance to that edge (0 when it fits inside).
 */
function overhang(labelWidth: number, fraction: number, plotWidth: number): number {
  const toEdge = Math.min(fraction, 1 - fraction) * plotWidth;
  const beyond = labelWidth / 2 - toEdge;
  return beyond > 0 ? MARGIN_PAD + beyond + 1 : 0;
}

/** Room of an x axis with centred labels at `fractions`: below (ticks, labels, title) and at both ends. */
function xAxisRoom(
  ticks: readonly { label: string; fraction: number }[],
  options: { date: boolean; tickLength: number; titleSize: number; width: number; margin: { l: number; r: number } },
  measure: TextMeasure,
): { b: number; l: number; r: number } {
  const plotWidth = Math.max(1, options.width - options.margin.l - options.margin.r);
  let l = 0;
  let r = 0;
  for (const tick of ticks) {
    const extra = overhang(measure(tick.label, FONT.tick), tick.fraction, plotWidth);
    if (tick.fraction < 0.5) l = Math.max(l, extra);
    else r = Math.max(r, extra);
  }
  const depth = options.date ? X_LABEL_DEPTH.date : X_LABEL_DEPTH.plain;
  return { b: MARGIN_PAD + options.tickLength + depth + options.titleSize + 1, l, r };
}

/** Hover text of one value: `12,345.68 USD`, `−12.34%`, `0.85`. */
function hoverValue(spec: ChartSpec, axis: 'y' | 'x' = 'y'): string {
  const format = axis === 'x' ? (spec.xFormat ?? 'number') : spec.yFormat;
  const unit = format === 'currency' && spec.currency ? ` ${plotlyText(spec.currency)}` : '';
  return `%{${axis}:${hoverFormat(format)}}${unit}`;
}

function xyTraces(spec: ChartSpec, data: ChartData, layout: Record<string, unknown>, size: FigureSize): Record<string, unknown>[] {
  const stacked = spec.kind === 'stacked_area';
  const values: number[] = [];
  if (stacked) values.push(0, ...data.x.map((_, i) => data.series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0)));
  else {
    for (const s of data.series) for (const v of s.values) if (v !== null) values.push(v);
    for (const line of spec.referenceLines ?? []) values.push(line.value);
  }
  const axis = valueAxis(values, spec.yFormat, spec.yScale ?? 'linear', { includeZero: spec.kind !== 'line', ...(spec.yRange ? { fixed: spec.yRange } : {}) });
  const yTitle = axisTitle(spec.yLabel, spec.yFormat, spec.currency);
  const xTitle = xAxisTitle(spec, data.xKind);
  const measure = size.measureText ?? estimateTextWidth;
  const date = plotlyDateAxis(data, size.width);
  layout.yaxis = plotlyValueAxis(axis, yTitle);
  layout.xaxis = { ...date.axis, title: { text: plotlyText(xTitle) } };
  reserveMargins(layout, { l: valueAxisRoom(axis.ticks.map((t) => t.label), yTitle, measure) });
  const first = data.x[0] ?? 0;
  const span = Math.max(1, (data.x[data.x.length - 1] ?? first) - first);
  const margin = layout.margin as { l: number; r: number };
  // The x title has the layout's font; an empty one still takes its line in Plotly.
  const titleSize = FONT.tick;
  reserveMargins(
    layout,
    xAxisRoom(
      date.plan.ticks.map((t) => ({ label: t.label, fraction: (t.day - first) / span })),
      { date: true, tickLength: X_TICK_LENGTH, titleSize, width: size.width, margin },
      measure,
    ),
  );
  layout.hovermode = 'x unified';
  layout.shapes = [...bandShapes(spec), ...referenceShapes(spec)];
  layout.annotations = [...bandLabels(spec), ...referenceLabels(spec)];
  // One x array (ms) shared by every trace: Plotly reads numbers without parsing dates.
  const x = data.x.map((day) => day * DAY_MS);
  const roles = data.series.map((s) => s.role);
  const order = stacked ? data.series.map((_, i) => i) : drawOrder(roles);
  return order.flatMap((k) => {
    const s = data.series[k];
    if (!s) return [];
    // A benchmark's halo, under its line: it shows where the benchmark runs along the strategy.
    const halo: Record<string, unknown>[] = hasBenchmarkHalo(spec, s.role, roles)
      ? [{ type: 'scatter', mode: 'lines', name: plotlyText(s.name), x, y: s.values, line: { color: s.color, width: BENCHMARK_HALO.screen }, opacity: BENCHMARK_HALO.opacity, connectgaps: false, showlegend: false, hoverinfo: 'skip', meta: HALO }]
      : [];
    const trace: Record<string, unknown> = {
      type: 'scatter',
      mode: 'lines',
      name: plotlyText(s.name),
      x,
      y: s.values,
      legendrank: k + 1,
      line: { color: s.color, width: LINE_WIDTH[s.role].screen },
      connectgaps: false,
      hovertemplate: `${hoverValue(spec)}<extra>${plotlyText(s.name)}</extra>`,
    };
    if (stacked) {
      trace.stackgroup = 'weights';
      trace.fillcolor = s.color;
    } else if (spec.kind === 'area') {
      trace.fill = 'tozeroy';
      trace.fillcolor = withAlpha(s.color, AREA_OPACITY);
    }
    return [...halo, trace];
  });
}

/** An ISO date on a Plotly date axis: ms since 1970 (the text itself if it is not a date). */
function dateValue(iso: string): number | string {
  const day = parseIsoDay(iso);
  return day === null ? iso : day * DAY_MS;
}

function bandShapes(spec: ChartSpec): Record<string, unknown>[] {
  return (spec.bands ?? []).map((band) => ({
    type: 'rect',
    xref: 'x',
    yref: 'paper',
    x0: dateValue(band.from),
    x1: dateValue(band.to),
    y0: 0,
    y1: 1,
    fillcolor: CHART_COLORS.band,
    line: { width: 0 },
    layer: 'below',
  }));
}

function bandLabels(spec: ChartSpec): Record<string, unknown>[] {
  return (spec.bands ?? []).map((band) => ({
    x: dateValue(band.from),
    xref: 'x',
    xanchor: 'left',
    y: 1,
    yref: 'paper',
    yanchor: 'top',
    text: `<b>${plotlyText(band.label)}</b>`,
    hovertext: plotlyText(band.description ?? band.label),
    showarrow: false,
    font: { size: FONT.band, color: CHART_COLORS.muted },
  }));
}

function referenceShapes(spec: ChartSpec): Record<string, unknown>[] {
  return (spec.referenceLines ?? []).map((line) => ({
    type: 'line',
    xref: 'paper',
    x0: 0,
    x1: 1,
    yref: 'y',
    y0: line.value,
    y1: line.value,
    line: { color: CHART_COLORS.muted, width: 1, dash: 'dash' },
    layer: 'below',
  }));
}

function referenceLabels(spec: ChartSpec): Record<string, unknown>[] {
  return (spec.referenceLines ?? []).map((line) => ({
    x: 1,
    xref: 'paper',
    xanchor: 'right',
    y: line.value,
    yref: 'y',
    yanchor: 'bottom',
    text: plotlyText(line.label),
    showarrow: false,
    bgcolor: CHART_COLORS.background,
    font: { size: FONT.tick, color: CHART_COLORS.muted },
  }));
}

/** Category tick labels: shortened to 14 characters when the slots are too narrow (the PDF's rule). */
function categoryAxis(labels: string[], width: number, title: string): { axis: Record<string, unknown>; shown: string[]; rotated: boolean } {
  const slot = (width - 90) / Math.max(1, labels.length);
  const widestChars = Math.max(0, ...labels.map((l) => l.length)) * FONT.tick * 0.6;
  const rotated = widestChars + 6 > slot;
  const shown = labels.map((l) => (rotated ? abbreviate(l, 14) : l));
  // Turned labels still need a line's height across each: too many slots show every k-th (the PDF's rule).
  const every = rotated ? Math.max(1, Math.ceil((FONT.tick * 1.5) / Math.max(1, slot))) : 1;
  const kept = labels.map((_, i) => i).filter((i) => i % every === 0);
  const axis = {
    type: 'category',
    tickmode: 'array',
    tickvals: kept.map((i) => labels[i]),
    ticktext: kept.map((i) => plotlyText(shown[i] ?? '')),
    tickangle: rotated ? -45 : 0,
    tickfont: { size: FONT.tick, color: CHART_COLORS.muted },
    title: { text: plotlyText(title), font: { size: FONT.axisTitle, color: CHART_COLORS.muted } },
    showgrid: false,
    showline: true,
    linecolor: CHART_COLORS.axis,
    automargin: true,
  };
  return { axis, shown, rotated };
}

/**
 * Room of a category axis: under it (labels, turned −45° when long, and the title) and left of
 * it (a turned first label reaches back past the plot's left edge).
 */
function categoryAxisRoom(shown: string[], rotated: boolean, title: string, width: number, margin: { l: number; r: number }, measure: TextMeasure): { b: number; l: number } {
  const titleSize = title !== '' ? FONT.axisTitle : FONT.tick;
  if (!rotated) return { b: MARGIN_PAD + X_LABEL_DEPTH.plain + titleSize + 1, l: 0 };
  const slot = Math.max(1, width - margin.l - margin.r) / Math.max(1, shown.length);
  const turned = (label: string): number => (measure(label, FONT.tick) + FONT.tick * 1.3) * SIN_45;
  const deepest = Math.max(0, ...shown.map(turned));
  return { b: MARGIN_PAD + deepest + 8 + titleSize + 1, l: MARGIN_PAD + turned(shown[0] ?? '') - slot / 2 + 2 };
}

function barTraces(spec: ChartSpec, data: ChartData, layout: Record<string, unknown>, size: FigureSize): Record<string, unknown>[] {
  const values = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const axis = valueAxis(values, spec.yFormat, 'linear', { includeZero: true });
  const yTitle = axisTitle(spec.yLabel, spec.yFormat, spec.currency);
  const xTitle = xAxisTitle(spec, data.xKind);
  const measure = size.measureText ?? estimateTextWidth;
  const category = categoryAxis(data.labels, size.width, xTitle);
  layout.yaxis = plotlyValueAxis(axis, yTitle);
  layout.xaxis = category.axis;
  reserveMargins(layout, { l: valueAxisRoom(axis.ticks.map((t) => t.label), yTitle, measure) });
  reserveMargins(layout, categoryAxisRoom(category.shown, category.rotated, xTitle, size.width, layout.margin as { l: number; r: number }, measure));
  layout.barmode = 'group';
  layout.bargap = data.series.length > 1 ? 0.2 : 0.35;
  layout.bargroupgap = 0;
  layout.hovermode = data.series.length > 1 ? 'x unified' : 'closest';
  return data.series.map((s, k) => ({
    type: 'bar',
    name: plotlyText(s.name),
    x: data.labels,
    y: s.values,
    legendrank: k + 1,
    marker: { color: s.color },
    hovertemplate: `${hoverValue(spec)}<extra>${plotlyText(s.name)}</extra>`,
  }));
}

function histogramTraces(spec: ChartSpec, data: ChartData, layout: Record<string, unknown>, size: FigureSize): Record<string, unknown>[] {
  const h = data.histogram;
  if (!h) return [];
  const yAxis = valueAxis([0, ...h.shares, ...h.curveY], spec.yFormat, 'linear', { includeZero: true });
  const xFormat = spec.xFormat ?? 'number';
  const xAxis = valueAxis([h.edges[0] ?? 0, h.edges[h.edges.length - 1] ?? 1], xFormat, 'linear', { maxTicks: Math.max(3, Math.floor((size.width - 90) / 84)) });
  const yTitle = axisTitle(spec.yLabel, spec.yFormat, spec.currency);
  const measure = size.measureText ?? estimateTextWidth;
  layout.yaxis = plotlyValueAxis(yAxis, yTitle);
  layout.xaxis = { ...plotlyValueAxis(xAxis, spec.xLabel), showgrid: false, zeroline: false, ticks: 'outside', ticklen: X_TICK_LENGTH, showline: true, linecolor: CHART_COLORS.axis };
  reserveMargins(layout, { l: valueAxisRoom(yAxis.ticks.map((t) => t.label), yTitle, measure) });
  const xSpan = Math.max(Number.MIN_VALUE, xAxis.max - xAxis.min);
  reserveMargins(
    layout,
    xAxisRoom(
      xAxis.ticks.map((t) => ({ label: t.label, fraction: (t.value - xAxis.min) / xSpan })),
      { date: false, tickLength: X_TICK_LENGTH, titleSize: spec.xLabel !== '' ? FONT.axisTitle : FONT.tick, width: size.width, margin: layout.margin as { l: number; r: number } },
      measure,
    ),
  );
  layout.bargap = 0.02;
  layout.hovermode = 'closest';
  const centres = h.counts.map((_, i) => ((h.edges[i] ?? 0) + (h.edges[i + 1] ?? 0)) / 2);
  const width = (h.edges[1] ?? 0) - (h.edges[0] ?? 0);
  const strategy = data.series[0];
  const inside = h.curveX.map((x, i) => ({ x, y: h.curveY[i] ?? 0 })).filter((p) => p.x >= xAxis.min && p.x <= xAxis.max);
  return [
    {
      type: 'bar',
      name: plotlyText(strategy?.name ?? 'Returns'),
      x: centres,
      y: h.shares,
      width,
      legendrank: 1,
      marker: { color: strategy?.color ?? CHART_COLORS.strategy },
      customdata: h.counts,
      hovertemplate: `${hoverValue(spec, 'x')}: ${hoverValue(spec)} (%{customdata})<extra></extra>`,
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: plotlyText(NORMAL_CURVE_NAME),
      x: inside.map((p) => p.x),
      y: inside.map((p) => p.y),
      legendrank: 2,
      line: { color: CHART_COLORS.curve, width: LINE_WIDTH.strategy.screen },
      hoverinfo: 'skip',
    },
  ];
}

/** Smallest cell (px) that gets its value printed: below it the colour alone tells the story, as in the PDF. */
const MIN_TEXT_CELL = 34;

function heatmapTraces(spec: ChartSpec, data: ChartData, layout: Record<string, unknown>, size: FigureSize): Record<string, unknown>[] {
  const scale = spec.colorScale ?? 'diverging';
  const measure = size.measureText ?? estimateTextWidth;
  const columnNames = data.series.map((s) => abbreviate(s.name, 16));
  const rowNames = data.labels.map((l) => abbreviate(l, 16));
  const columns = columnNames.map(plotlyText);
  const rows = rowNames.map(plotlyText);
  const z = data.labels.map((_, i) => data.series.map((s) => s.values[i] ?? null));
  const limit = heatmapLimit(scale, data.series.flatMap((s) => s.values));
  const stops = heatmapStops(scale);
  // The PDF's layout: the grid from the left, row labels before it, the colour bar right after it.
  // The row labels' room is reserved in the left margin, so the grid's width is known here.
  reserveMargins(layout, { l: MARGIN_PAD + 2 + widest(rowNames, FONT.tick, measure) });
  const columnLabelWidth = widest(columnNames, FONT.tick, measure);
  const margin = layout.margin as { l: number; r: number; t: number; b: number };
  const plotWidth = Math.max(120, size.width - margin.l - margin.r);
  const square = scale === 'diverging';
  const cellWidth = Math.min(square ? 64 : 140, (plotWidth - 70) / Math.max(1, columns.length));
  const rotate = columnLabelWidth + 6 > cellWidth;
  const labelSpace = rotate ? Math.min(90, columnLabelWidth * 0.71 + FONT.tick) : FONT.tick + 8;
  const cellHeight = square ? cellWidth : Math.max(22, Math.min(36, cellWidth * 0.45));
  margin.t += labelSpace;
  // A turned last column label reaches past the grid's right end.
  const lastTurned = rotate ? (measure(columnNames[columnNames.length - 1] ?? '', FONT.tick) + FONT.tick) * SIN_45 : 0;
  // Row labels taller than their rows reach half a line past the grid's bottom.
  const rowOverhang = (FONT.tick * 1.3 - cellHeight) / 2;
  reserveMargins(layout, { t: margin.t, r: rotate ? MARGIN_PAD + lastTurned - cellWidth / 2 + 2 : 0, b: rowOverhang > 0 ? MARGIN_PAD + rowOverhang + 1 : 0 });
  layout.height = Math.round(margin.t + rows.length * cellHeight + margin.b + 4);
  const gridFraction = Math.min(1, (columns.length * cellWidth) / plotWidth);
  layout.xaxis = { side: 'top', type: 'category', domain: [0, gridFraction], tickfont: { size: FONT.tick }, tickangle: rotate ? -45 : 0, showgrid: false, automargin: true, ticks: '' };
  layout.yaxis = { type: 'category', autorange: 'reversed', tickfont: { size: FONT.tick }, showgrid: false, automargin: true, ticks: '' };
  layout.hovermode = 'closest';
  const tick = (v: number): string => (scale === 'diverging' ? formatChartValue(v, 'number', 0) : formatChartValue(v, spec.yFormat, 0));
  return [
    {
      type: 'heatmap',
      x: columns,
      y: rows,
      z,
      zmin: -limit,
      zmax: limit,
      colorscale: stops.map((color, i) => [i / (stops.length - 1), color]),
      xgap: 1,
      ygap: 1,
      text: z.map((row) => row.map((v) => formatCellValue(v, spec.yFormat))),
      // Values only where they can be read, as in the PDF; the hover shows every one.
      texttemplate: cellWidth >= MIN_TEXT_CELL && cellHeight >= 16 ? '%{text}' : '',
      textfont: { size: FONT.cell },
      hovertemplate: `%{y} / %{x}: %{text}<extra></extra>`,
      hoverongaps: false,
      colorbar: {
        x: gridFraction + 0.015,
        xanchor: 'left',
        y: 1,
        yanchor: 'top',
        len: Math.min(1, 160 / Math.max(1, rows.length * cellHeight)),
        lenmode: 'fraction',
        thickness: 10,
        tickvals: [-limit, 0, limit],
        ticktext: [tick(-limit), tick(0), tick(limit)],
        tickfont: { size: FONT.tick, color: CHART_COLORS.muted },
        outlinewidth: 0,
      },
    },
  ];
}

/**
 * Draws one chart into `element` with Plotly (replacing what was there) and marks the element
 * with the spec id (`data-chart-spec`), so the PDF export draws it from the spec as vectors
 * instead of capturing it. `height` sets the figure's height (else its container's, or its own
 * for heatmaps and tall legends).
 *
 * @example
 * await renderChart(document.querySelector('#chart-equity')!, view.charts[0].spec, view.charts[0].data);
 */
export async function renderChart(element: HTMLElement, spec: ChartSpec, data: ChartData, options: { height?: number } = {}): Promise<void> {
  const Plotly = await loadPlotly();
  const started = performance.now();
  const size = { width: element.clientWidth || 960, measureText: measureScreenText, ...(options.height ? { height: options.height } : {}) };
  const { data: traces, layout, config } = plotlyFigure(spec, data, size);
  await Plotly.react(element, traces, layout, config);
  element.dataset.chartSpec = spec.id;
  // Visible in the browser's performance timeline (and read by bench/ui.bench.ts).
  performance.measure(`chart:${spec.id}`, { start: started, end: performance.now() });
}

/** The chart of `id` in a result view, if the report has one. */
export function findChart(view: Pick<ResultView, 'charts'>, id: string): ChartView | undefined {
  return view.charts.find((c) => c.spec.id === id);
}

/** Draws every chart that has a container (`containers[id]`), one main-thread task each. */
export async function renderCharts(containers: Partial<Record<string, HTMLElement>>, view: Pick<ResultView, 'charts'>): Promise<void> {
  for (const chart of view.charts) {
    const root = containers[chart.spec.id];
    if (!root) continue;
    // Let the page breathe between charts: each plot is a main-thread task of its own.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await renderChart(root, chart.spec, chart.data);
  }
}

/**
 * Draws and removes a small chart of each trace type off screen, so Plotly's one-time set-up
 * (styles, font measurement) happens while the page is idle rather than in the first result chart.
 */
export async function warmUpPlotly(): Promise<void> {
  const Plotly = await loadPlotly();
  const root = document.createElement('div');
  root.style.cssText = 'position:absolute;left:-10000px;top:0;width:400px;height:300px;';
  document.body.appendChild(root);
  try {
    await Plotly.newPlot(
      root,
      [
        { type: 'scatter', mode: 'lines', x: ['2020-01-01', '2020-01-02'], y: [0, 1], stackgroup: 'w' },
        { type: 'heatmap', z: [[1]], text: [['1']], texttemplate: '%{text}' },
        { type: 'bar', x: ['a'], y: [1] },
      ],
      { font: { family: SCREEN_FONT_FAMILY } },
      { ...PLOTLY_CONFIG, responsive: false },
    );
  } finally {
    Plotly.purge(root);
    root.remove();
  }
}

/** Removes the charts (before a new run, or when its data is gone). */
export async function clearCharts(containers: Partial<Record<string, HTMLElement>>): Promise<void> {
  if (!plotlyPromise) return;
  const Plotly = await plotlyPromise;
  for (const root of Object.values(containers)) {
    if (!root) continue;
    Plotly.purge(root);
    delete root.dataset.chartSpec;
  }
}
