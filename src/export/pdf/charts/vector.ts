/**
 * Drawing a ChartSpec with jsPDF vector primitives: title and subtitle, a legend with labels,
 * axes with units, lines (the strategy drawn last, on top), areas with shaded periods, stacked
 * areas, bars and grouped bars, heatmaps with their values in the cells, and histograms with a
 * normal curve. Colours, formats, scales and sizes come from the one style table
 * (src/report/chart-style.ts) that the page's Plotly renderer reads too. Labels never collide:
 * date ticks are thinned by measured width, category labels rotate and shorten when they do not
 * fit. This is the path every PDF takes for spec'd charts (the command line's and the page's).
 */
import type { ChartData } from '../../../report/chart-data';
import {
  abbreviate,
  AREA_OPACITY,
  BENCHMARK_HALO,
  CHART_COLORS,
  DATE_LABEL_CHARS,
  dateTicks,
  drawOrder,
  FONT_SIZES,
  formatCellValue,
  formatChartValue,
  heatmapColor,
  hasBenchmarkHalo,
  heatmapLimit,
  hexToRgb,
  LINE_WIDTH,
  NORMAL_CURVE_NAME,
  parseIsoDay,
  showsLegend,
  textColorOn,
  valueAxis,
  xAxisTitle,
  type ValueAxis,
} from '../../../report/chart-style';
import { thinForSpec } from '../../../report/chart-data';
import type { ChartSpec } from '../../../report/model.types';
import type { PdfContext } from '../context';
import { drawText, measureRuns } from '../text';

/** A rectangle on the page, in points. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the vector renderer needs of a PDF write: the document, its fonts and graphics states. */
export type VectorTarget = Pick<PdfContext, 'doc' | 'fonts' | 'makeGState'>;

/** Options of `drawVectorChart`. */
export interface VectorChartOptions {
  /** Draw the title and subtitle (default true); a layout that prints its own heading turns it off. */
  title?: boolean;
}

/** Most dates drawn per chart: about two per printed point of a full-width chart (extremes kept). */
export const MAX_PRINT_POINTS = 1000;

const FONT = FONT_SIZES.print;
const rgb = hexToRgb;

/** Draws `spec` with `data` inside `box` (title, legend, plot); returns the height used (≤ `box.h`). */
export function drawVectorChart(ctx: VectorTarget, spec: ChartSpec, data: ChartData, box: Box, options: VectorChartOptions = {}): number {
  const { doc } = ctx;
  let top = box.y;
  if (options.title !== false) top = drawTitle(ctx, spec, box);
  const legend = legendEntries(spec, data);
  if (legend.length > 0) top += drawLegend(ctx, legend, { x: box.x, y: top, w: box.w, h: 0 });
  const area: Box = { x: box.x, y: top, w: box.w, h: box.y + box.h - top };
  doc.setLineDashPattern([], 0);
  switch (spec.kind) {
    case 'line':
    case 'area':
    case 'stacked_area':
      drawXYChart(ctx, spec, thinForSpec(spec, data, MAX_PRINT_POINTS), area);
      return box.h;
    case 'bar':
    case 'grouped_bar':
      drawBarChart(ctx, spec, data, area);
      return box.h;
    case 'histogram':
      drawHistogram(ctx, spec, data, area);
      return box.h;
    case 'heatmap':
      // A grid often needs less height than its slot; the rest of the page stays usable.
      return Math.min(box.h, drawHeatmap(ctx, spec, data, area) - box.y + 6);
  }
}

function drawTitle(ctx: VectorTarget, spec: ChartSpec, box: Box): number {
  const { doc } = ctx;
  doc.setTextColor(...rgb(CHART_COLORS.text));
  doc.setFontSize(FONT.title);
  drawText(doc, ctx.fonts, fitText(ctx, spec.title, box.w, 'bold'), box.x, box.y + FONT.title, { style: 'bold' });
  let y = box.y + FONT.title + 4;
  if (spec.subtitle) {
    doc.setFontSize(FONT.subtitle);
    doc.setTextColor(...rgb(CHART_COLORS.muted));
    for (const line of wrapMeasured(ctx, spec.subtitle, box.w, 2)) {
      drawText(doc, ctx.fonts, line, box.x, y + FONT.subtitle, {});
      y += FONT.subtitle + 2.5;
    }
    y += 1.5;
  }
  return y + 2;
}

/** `text` broken at spaces into at most `maxLines` lines of `width` (measured); the last one shortened with `…` if still too long. */
function wrapMeasured(ctx: VectorTarget, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measureRuns(ctx.doc, ctx.fonts, candidate) > width) {
      if (lines.length === maxLines - 1) {
        lines.push(fitText(ctx, [line, ...words.slice(i)].join(' '), width));
        return lines;
      }
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(fitText(ctx, line, width));
  return lines;
}

/** `text` shortened with `…` to fit `width` at the current font size. */
function fitText(ctx: VectorTarget, text: string, width: number, style: 'normal' | 'bold' = 'normal'): string {
  if (measureRuns(ctx.doc, ctx.fonts, text, style) <= width) return text;
  const chars = [...text];
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measureRuns(ctx.doc, ctx.fonts, `${chars.slice(0, mid).join('')}…`, style) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('')}…`;
}

interface LegendEntry {
  name: string;
  color: string;
  mark: 'line' | 'box';
}

function legendEntries(spec: ChartSpec, data: ChartData): LegendEntry[] {
  const mark: LegendEntry['mark'] = spec.kind === 'line' ? 'line' : 'box';
  const entries = data.series.map((s) => ({ name: s.name, color: s.color, mark }));
  if (spec.kind === 'histogram') entries.push({ name: NORMAL_CURVE_NAME, color: CHART_COLORS.curve, mark: 'line' });
  return showsLegend(spec, data.series.length) ? entries : [];
}

/** Legend swatches and names laid out in rows, in spec order (strategy first); returns the height used. */
function drawLegend(ctx: VectorTarget, entries: LegendEntry[], at: Box): number {
  const { doc } = ctx;
  doc.setFontSize(FONT.legend);
  let x = at.x;
  let y = at.y + FONT.legend;
  for (const entry of entries) {
    const name = fitText(ctx, entry.name, at.w - 16);
    const width = 14 + measureRuns(doc, ctx.fonts, name) + 10;
    if (x + width > at.x + at.w && x > at.x) {
      x = at.x;
      y += FONT.legend + 4;
    }
    const [r, g, b] = rgb(entry.color);
    if (entry.mark === 'line') {
      doc.setDrawColor(r, g, b);
      doc.setLineWidth(1.4);
      doc.line(x, y - FONT.legend * 0.35, x + 10, y - FONT.legend * 0.35);
    } else {
      doc.setFillColor(r, g, b);
      doc.rect(x, y - FONT.legend * 0.75, 10, FONT.legend * 0.8, 'F');
    }
    doc.setTextColor(...rgb(CHART_COLORS.text));
    drawText(doc, ctx.fonts, name, x + 13, y);
    x += width;
  }
  return y - at.y + 6;
}

interface PlotFrame {
  plot: Box;
  toY: (value: number) => number;
}

/** Draws the y grid, tick labels and the rotated y axis title; returns the plot box and y mapping. */
function drawYAxis(ctx: VectorTarget, spec: ChartSpec, area: Box, axis: ValueAxis, bottomSpace: number, rightSpace = 4): PlotFrame {
  const { doc } = ctx;
  doc.setFont(ctx.fonts.body, 'normal');
  doc.setFontSize(FONT.tick);
  const labelWidth = Math.max(0, ...axis.ticks.map((t) => measureRuns(doc, ctx.fonts, t.label)));
  const titleSpace = spec.yLabel ? FONT.axisTitle + 4 : 0;
  const plot: Box = {
    x: area.x + titleSpace + labelWidth + 5,
    y: area.y + 4,
    w: Math.max(20, area.w - titleSpace - labelWidth - 5 - rightSpace),
    h: Math.max(20, area.h - 4 - bottomSpace),
  };
  const toY = yMapping(axis, plot);
  if (spec.yLabel) {
    doc.setFontSize(FONT.axisTitle);
    doc.setTextColor(...rgb(CHART_COLORS.muted));
    const title = fitText(ctx, spec.yLabel, plot.h);
    const width = measureRuns(doc, ctx.fonts, title);
    drawText(doc, ctx.fonts, title, area.x + FONT.axisTitle, plot.y + plot.h / 2 + width / 2, { angle: 90 });
  }
  doc.setFont(ctx.fonts.body, 'normal');
  doc.setFontSize(FONT.tick);
  doc.setLineWidth(0.4);
  for (const tick of axis.ticks) {
    const y = toY(tick.value);
    if (y < plot.y - 0.5 || y > plot.y + plot.h + 0.5) continue;
    doc.setDrawColor(...rgb(tick.value === 0 && axis.scale === 'linear' ? CHART_COLORS.axis : CHART_COLORS.grid));
    doc.line(plot.x, y, plot.x + plot.w, y);
    doc.setTextColor(...rgb(CHART_COLORS.muted));
    drawText(doc, ctx.fonts, tick.label, plot.x - 3, y + FONT.tick * 0.35, { align: 'right' });
  }
  doc.setDrawColor(...rgb(CHART_COLORS.axis));
  doc.line(plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h);
  return { plot, toY };
}

function yMapping(axis: ValueAxis, plot: Box): (value: number) => number {
  if (axis.scale === 'log') {
    const lo = Math.log10(axis.min);
    const span = Math.log10(axis.max) - lo || 1;
    return (v) => plot.y + plot.h - ((Math.log10(Math.max(v, axis.min * 1e-3)) - lo) / span) * plot.h;
  }
  const span = axis.max - axis.min || 1;
  return (v) => plot.y + plot.h - ((v - axis.min) / span) * plot.h;
}

function drawXTitle(ctx: VectorTarget, title: string, plot: Box, y: number): void {
  if (!title) return;
  const { doc } = ctx;
  doc.setFontSize(FONT.axisTitle);
  doc.setTextColor(...rgb(CHART_COLORS.muted));
  drawText(doc, ctx.fonts, title, plot.x + plot.w / 2, y, { align: 'center' });
}

/** Draws a polyline through points already in page coordinates. */
function strokePolyline(ctx: VectorTarget, points: { x: number; y: number }[]): void {
  const first = points[0];
  if (!first || points.length < 2) return;
  const deltas: [number, number][] = [];
  for (let i = 1; i < points.length; i++) {
    const p = points[i];
    const q = points[i - 1];
    if (p && q) deltas.push([p.x - q.x, p.y - q.y]);
  }
  ctx.doc.lines(deltas, first.x, first.y, [1, 1], 'S', false);
}

/** Fills a closed polygon given in page coordinates. */
function fillPolygon(ctx: VectorTarget, points: { x: number; y: number }[]): void {
  const first = points[0];
  if (!first || points.length < 3) return;
  const deltas: [number, number][] = [];
  for (let i = 1; i < points.length; i++) {
    const p = points[i];
    const q = points[i - 1];
    if (p && q) deltas.push([p.x - q.x, p.y - q.y]);
  }
  ctx.doc.lines(deltas, first.x, first.y, [1, 1], 'F', true);
}

/** Splits a series at missing values into runs of indices. */
function runsOf(values: (number | null)[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push(i);
  });
  if (current.length > 0) out.push(current);
  return out;
}

function drawXYChart(ctx: VectorTarget, spec: ChartSpec, data: ChartData, area: Box): void {
  const { doc } = ctx;
  const n = data.x.length;
  if (n === 0) return drawEmpty(ctx, area);
  const stacked = spec.kind === 'stacked_area';
  let cumulative: number[][] = [];
  let values: number[] = [];
  if (stacked) {
    const running = data.x.map(() => 0);
    cumulative = data.series.map((s) => data.x.map((_, i) => (running[i] = (running[i] ?? 0) + Math.max(0, s.values[i] ?? 0))));
    values = [0, ...running];
  } else {
    for (const s of data.series) for (const v of s.values) if (v !== null) values.push(v);
    for (const line of spec.referenceLines ?? []) values.push(line.value);
  }
  if (values.length === 0) return drawEmpty(ctx, area);
  const axis = valueAxis(values, spec.yFormat, spec.yScale ?? 'linear', { includeZero: spec.kind !== 'line', ...(spec.yRange ? { fixed: spec.yRange } : {}) });
  const title = xAxisTitle(spec, data.xKind);
  const bottomSpace = FONT.tick + 7 + (title ? FONT.axisTitle + 4 : 0);
  const { plot, toY } = drawYAxis(ctx, spec, area, axis, bottomSpace);
  const xFirst = data.x[0] ?? 0;
  const xLast = data.x[n - 1] ?? 1;
  const xSpan = xLast - xFirst || 1;
  const toX = (v: number): number => plot.x + ((v - xFirst) / xSpan) * plot.w;
  drawBands(ctx, spec, plot, toX, xFirst, xLast);
  drawXTicks(ctx, data, plot, toX);
  drawXTitle(ctx, title, plot, plot.y + plot.h + FONT.tick + 7 + FONT.axisTitle);
  if (stacked) {
    cumulative.forEach((upper, k) => {
      const lower = k === 0 ? data.x.map(() => 0) : (cumulative[k - 1] ?? []);
      const polygon = data.x.map((x, i) => ({ x: toX(x), y: toY(upper[i] ?? 0) }));
      for (let i = n - 1; i >= 0; i--) polygon.push({ x: toX(data.x[i] ?? 0), y: toY(lower[i] ?? 0) });
      doc.setFillColor(...rgb(data.series[k]?.color ?? CHART_COLORS.other));
      fillPolygon(ctx, polygon);
    });
    return;
  }
  drawReferenceLines(ctx, spec, plot, toY, false);
  const roles = data.series.map((s) => s.role);
  for (const k of drawOrder(roles)) {
    const s = data.series[k];
    if (!s) continue;
    const color = rgb(s.color);
    const halo = hasBenchmarkHalo(spec, s.role, roles);
    for (const run of runsOf(s.values)) {
      const points = run.map((i) => ({ x: toX(data.x[i] ?? 0), y: toY(s.values[i] ?? 0) }));
      if (halo) {
        // Under the benchmark's line: it shows where the benchmark runs along the strategy.
        doc.saveGraphicsState();
        doc.setGState(ctx.makeGState({ 'stroke-opacity': BENCHMARK_HALO.opacity }));
        doc.setDrawColor(...color);
        doc.setLineWidth(BENCHMARK_HALO.print);
        // Round joins: a wide stroke's mitred corners would spike out of jagged series.
        doc.setLineJoin('round');
        doc.setLineCap('round');
        strokePolyline(ctx, points);
        doc.restoreGraphicsState();
      }
      if (spec.kind === 'area' && points.length > 1) {
        const baseline = toY(Math.max(axis.min, Math.min(axis.max, 0)));
        const first = points[0];
        const last = points[points.length - 1];
        if (first && last) {
          doc.saveGraphicsState();
          doc.setGState(ctx.makeGState({ opacity: AREA_OPACITY }));
          doc.setFillColor(...color);
          fillPolygon(ctx, [...points, { x: last.x, y: baseline }, { x: first.x, y: baseline }]);
          doc.restoreGraphicsState();
        }
      }
      doc.setDrawColor(...color);
      doc.setLineWidth(LINE_WIDTH[s.role].print);
      strokePolyline(ctx, points);
    }
  }
  drawReferenceLines(ctx, spec, plot, toY, true);
}

/** Shaded spans (worst drawdowns) under the series, each labelled at its top. */
function drawBands(ctx: VectorTarget, spec: ChartSpec, plot: Box, toX: (v: number) => number, first: number, last: number): void {
  const { doc } = ctx;
  for (const band of spec.bands ?? []) {
    const from = parseIsoDay(band.from);
    const to = parseIsoDay(band.to);
    if (from === null || to === null) continue;
    const x1 = toX(Math.max(first, from));
    const x2 = toX(Math.min(last, to));
    if (x2 < x1) continue;
    doc.setFillColor(...rgb(CHART_COLORS.band));
    doc.rect(x1, plot.y, Math.max(0.6, x2 - x1), plot.h, 'F');
    doc.setFontSize(FONT.band);
    doc.setTextColor(...rgb(CHART_COLORS.muted));
    drawText(doc, ctx.fonts, band.label, x1 + 1.5, plot.y + FONT.band + 1, { style: 'bold' });
  }
  doc.setFont(ctx.fonts.body, 'normal');
}

/** Dashed reference lines under the series (`labels` false), or their labels over them (`labels` true). */
function drawReferenceLines(ctx: VectorTarget, spec: ChartSpec, plot: Box, toY: (v: number) => number, labels: boolean): void {
  const { doc } = ctx;
  for (const line of spec.referenceLines ?? []) {
    const y = toY(line.value);
    if (labels) {
      doc.setFont(ctx.fonts.body, 'normal');
      doc.setFontSize(FONT.tick);
      const width = measureRuns(doc, ctx.fonts, line.label);
      doc.setFillColor(...rgb(CHART_COLORS.background));
      doc.rect(plot.x + plot.w - width - 4, y - FONT.tick - 2.5, width + 3, FONT.tick + 1.5, 'F');
      doc.setTextColor(...rgb(CHART_COLORS.muted));
      drawText(doc, ctx.fonts, line.label, plot.x + plot.w - 2, y - 2.5, { align: 'right' });
      continue;
    }
    doc.setDrawColor(...rgb(CHART_COLORS.muted));
    doc.setLineWidth(0.5);
    doc.setLineDashPattern([3, 2], 0);
    doc.line(plot.x, y, plot.x + plot.w, y);
    doc.setLineDashPattern([], 0);
  }
}

/** Date ticks thinned to the plot width: as many as fit with a label width of gap between them. */
function drawXTicks(ctx: VectorTarget, data: ChartData, plot: Box, toX: (v: number) => number): void {
  const { doc } = ctx;
  doc.setFont(ctx.fonts.body, 'normal');
  doc.setFontSize(FONT.tick);
  doc.setTextColor(...rgb(CHART_COLORS.muted));
  doc.setDrawColor(...rgb(CHART_COLORS.axis));
  doc.setLineWidth(0.4);
  const baseY = plot.y + plot.h;
  const first = data.x[0] ?? 0;
  const last = data.x[data.x.length - 1] ?? first;
  const charWidth = measureRuns(doc, ctx.fonts, '0');
  // Size for month labels first; a yearly plan then has room to spare.
  let plan = dateTicks(first, last, Math.max(2, Math.floor(plot.w / (charWidth * (DATE_LABEL_CHARS.month + 3)))));
  if (plan.labelKind === 'day') plan = dateTicks(first, last, Math.max(2, Math.floor(plot.w / (charWidth * (DATE_LABEL_CHARS.day + 3)))));
  let previousRight = -Infinity;
  for (const tick of plan.ticks) {
    const x = toX(tick.day);
    const width = measureRuns(doc, ctx.fonts, tick.label);
    const left = Math.max(plot.x - 4, Math.min(x - width / 2, plot.x + plot.w + 4 - width));
    // Measured: a label that would touch the previous one is left out.
    if (left < previousRight + 4) continue;
    doc.line(x, baseY, x, baseY + 3);
    drawText(doc, ctx.fonts, tick.label, left, baseY + 4 + FONT.tick);
    previousRight = left + width;
  }
}

/** How category labels fit under `slot`-wide slots: as they are, rotated 45°, or every k-th. */
interface CategoryLayout {
  labels: string[];
  rotate: boolean;
  every: number;
  height: number;
}

function layoutCategories(ctx: VectorTarget, labels: string[], slot: number): CategoryLayout {
  const { doc } = ctx;
  doc.setFontSize(FONT.tick);
  const widths = labels.map((l) => measureRuns(doc, ctx.fonts, l));
  const widest = Math.max(0, ...widths);
  if (widest + 4 <= slot) return { labels, rotate: false, every: 1, height: FONT.tick + 7 };
  const short = labels.map((l) => abbreviate(l, 14));
  const shortWidest = Math.max(0, ...short.map((l) => measureRuns(doc, ctx.fonts, l)));
  // Rotated 45°, a label takes ~0.71 of the line height across per label.
  const every = Math.max(1, Math.ceil((FONT.tick * 1.5) / Math.max(1, slot)));
  return { labels: short, rotate: true, every, height: shortWidest * 0.71 + FONT.tick + 6 };
}

function drawCategoryLabels(ctx: VectorTarget, layout: CategoryLayout, centers: number[], baseY: number): void {
  const { doc } = ctx;
  doc.setFontSize(FONT.tick);
  doc.setTextColor(...rgb(CHART_COLORS.muted));
  layout.labels.forEach((label, i) => {
    if (i % layout.every !== 0) return;
    const x = centers[i] ?? 0;
    if (layout.rotate) {
      const width = measureRuns(doc, ctx.fonts, label);
      // Ends at the tick, reading down to the left.
      drawText(doc, ctx.fonts, label, x - width * 0.71 + FONT.tick * 0.25, baseY + 4 + width * 0.71 + FONT.tick * 0.5, { angle: 45 });
    } else drawText(doc, ctx.fonts, label, x, baseY + 4 + FONT.tick, { align: 'center' });
  });
}

function drawBarChart(ctx: VectorTarget, spec: ChartSpec, data: ChartData, area: Box): void {
  const { doc } = ctx;
  const categories = data.labels;
  if (categories.length === 0) return drawEmpty(ctx, area);
  const values = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const axis = valueAxis(values, spec.yFormat, 'linear', { includeZero: true });
  const title = xAxisTitle(spec, data.xKind);
  const guessSlot = (area.w - 40) / categories.length;
  const layout = layoutCategories(ctx, categories, guessSlot);
  const { plot, toY } = drawYAxis(ctx, spec, area, axis, layout.height + (title ? FONT.axisTitle + 4 : 0));
  const slot = plot.w / categories.length;
  const groupWidth = slot * (data.series.length > 1 ? 0.8 : 0.65);
  const barWidth = groupWidth / Math.max(1, data.series.length);
  const zero = toY(0);
  data.series.forEach((s, k) => {
    doc.setFillColor(...rgb(s.color));
    s.values.forEach((v, i) => {
      if (v === null) return;
      const x = plot.x + i * slot + (slot - groupWidth) / 2 + k * barWidth;
      const y = toY(v);
      doc.rect(x, Math.min(y, zero), Math.max(0.3, barWidth - (data.series.length > 1 ? 0.4 : 0)), Math.max(0.3, Math.abs(zero - y)), 'F');
    });
  });
  doc.setDrawColor(...rgb(CHART_COLORS.axis));
  doc.setLineWidth(0.5);
  doc.line(plot.x, zero, plot.x + plot.w, zero);
  drawCategoryLabels(ctx, layout, categories.map((_, i) => plot.x + (i + 0.5) * slot), plot.y + plot.h);
  drawXTitle(ctx, title, plot, plot.y + plot.h + layout.height + FONT.axisTitle);
}

function drawHistogram(ctx: VectorTarget, spec: ChartSpec, data: ChartData, area: Box): void {
  const { doc } = ctx;
  const histogram = data.histogram;
  if (!histogram || histogram.n === 0) return drawEmpty(ctx, area);
  const axis = valueAxis([0, ...histogram.shares, ...histogram.curveY], spec.yFormat, 'linear', { includeZero: true });
  const title = spec.xLabel;
  const { plot, toY } = drawYAxis(ctx, spec, area, axis, FONT.tick + 7 + (title ? FONT.axisTitle + 4 : 0));
  const xFormat = spec.xFormat ?? 'number';
  const xAxis = valueAxis([histogram.edges[0] ?? 0, histogram.edges[histogram.edges.length - 1] ?? 1], xFormat, 'linear', { maxTicks: Math.max(3, Math.floor(plot.w / 45)) });
  const toX = (v: number): number => plot.x + ((v - xAxis.min) / (xAxis.max - xAxis.min || 1)) * plot.w;
  doc.setFillColor(...rgb(data.series[0]?.color ?? CHART_COLORS.strategy));
  histogram.shares.forEach((share, i) => {
    const x1 = toX(histogram.edges[i] ?? 0);
    const x2 = toX(histogram.edges[i + 1] ?? 0);
    const y = toY(share);
    if (share > 0) doc.rect(x1 + 0.2, y, Math.max(0.3, x2 - x1 - 0.4), plot.y + plot.h - y, 'F');
  });
  const curve = histogram.curveX
    .map((x, i) => ({ x, y: histogram.curveY[i] ?? 0 }))
    .filter((p) => p.x >= xAxis.min && p.x <= xAxis.max)
    .map((p) => ({ x: toX(p.x), y: toY(p.y) }));
  doc.setDrawColor(...rgb(CHART_COLORS.curve));
  doc.setLineWidth(LINE_WIDTH.strategy.print);
  strokePolyline(ctx, curve);
  doc.setFont(ctx.fonts.body, 'normal');
  doc.setFontSize(FONT.tick);
  doc.setTextColor(...rgb(CHART_COLORS.muted));
  doc.setDrawColor(...rgb(CHART_COLORS.axis));
  doc.setLineWidth(0.4);
  for (const tick of xAxis.ticks) {
    const x = toX(tick.value);
    doc.line(x, plot.y + plot.h, x, plot.y + plot.h + 3);
    drawText(doc, ctx.fonts, tick.label, x, plot.y + plot.h + 4 + FONT.tick, { align: 'center' });
  }
  drawXTitle(ctx, title, plot, plot.y + plot.h + FONT.tick + 7 + FONT.axisTitle);
}

/** Draws the heatmap with its values in the cells; returns the y of its bottom edge. */
function drawHeatmap(ctx: VectorTarget, spec: ChartSpec, data: ChartData, area: Box): number {
  const { doc } = ctx;
  const rows = data.labels;
  const columns = data.series.map((s) => s.name);
  if (rows.length === 0 || columns.length === 0) {
    drawEmpty(ctx, area);
    return area.y + area.h;
  }
  const scale = spec.colorScale ?? 'diverging';
  const limit = heatmapLimit(scale, data.series.flatMap((s) => s.values));
  doc.setFontSize(FONT.tick);
  doc.setFont(ctx.fonts.body, 'normal');
  const rowLabels = rows.map((r) => abbreviate(r, 16));
  const rowLabelWidth = Math.max(...rowLabels.map((r) => measureRuns(doc, ctx.fonts, r))) + 5;
  const colWidths = columns.map((c) => measureRuns(doc, ctx.fonts, abbreviate(c, 16)));
  const scaleWidth = 34;
  const availableW = area.w - rowLabelWidth - scaleWidth;
  const square = scale === 'diverging';
  const cellW0 = availableW / columns.length;
  const rotate = Math.max(...colWidths) + 3 > cellW0;
  const topSpace = rotate ? Math.min(60, Math.max(...colWidths) * 0.71 + FONT.tick + 2) : FONT.tick + 5;
  const cellH0 = (area.h - topSpace - 4) / rows.length;
  // Correlations: square cells; returns: wide cells, at most 2.6 lines of text tall.
  const cellH = square ? Math.min(cellW0, cellH0, 60) : Math.min(cellH0, FONT.cell * 2.6);
  const cellW = square ? cellH : cellW0;
  const x0 = area.x + rowLabelWidth;
  const y0 = area.y + topSpace;
  doc.setTextColor(...rgb(CHART_COLORS.text));
  columns.forEach((name, j) => {
    const label = abbreviate(name, 16);
    const x = x0 + (j + 0.5) * cellW;
    doc.setFontSize(FONT.tick);
    if (rotate) {
      drawText(doc, ctx.fonts, label, x - FONT.tick * 0.2, y0 - 3, { angle: 45 });
    } else drawText(doc, ctx.fonts, label, x, y0 - 3, { align: 'center' });
  });
  const valueFont = Math.max(3.5, Math.min(FONT.cell, cellH * 0.42, (cellW / 5.2) * 1.15));
  rows.forEach((_, i) => {
    const y = y0 + i * cellH;
    doc.setFontSize(FONT.tick);
    doc.setTextColor(...rgb(CHART_COLORS.text));
    drawText(doc, ctx.fonts, rowLabels[i] ?? '', x0 - 4, y + cellH / 2 + FONT.tick * 0.35, { align: 'right' });
    data.series.forEach((s, j) => {
      const v = s.values[i] ?? null;
      const x = x0 + j * cellW;
      const fill = v === null ? CHART_COLORS.missing : heatmapColor(scale, v, limit);
      doc.setFillColor(...rgb(fill));
      doc.rect(x, y, cellW, cellH, 'F');
      // Values only where they can be read; the colour still tells the story in tiny cells.
      if (v === null || cellH < 7 || cellW < 14) return;
      doc.setFontSize(valueFont);
      doc.setTextColor(...rgb(textColorOn(fill)));
      drawText(doc, ctx.fonts, formatCellValue(v, spec.yFormat), x + cellW / 2, y + cellH / 2 + valueFont * 0.35, { align: 'center' });
    });
  });
  // Thin white lines between cells, as on screen.
  doc.setDrawColor(...rgb(CHART_COLORS.background));
  doc.setLineWidth(0.5);
  for (let i = 1; i < rows.length; i++) doc.line(x0, y0 + i * cellH, x0 + columns.length * cellW, y0 + i * cellH);
  for (let j = 1; j < columns.length; j++) doc.line(x0 + j * cellW, y0, x0 + j * cellW, y0 + rows.length * cellH);
  const gridHeight = rows.length * cellH;
  drawColorScale(ctx, spec, x0 + columns.length * cellW + 8, y0, Math.max(40, Math.min(gridHeight, 160)), limit);
  return y0 + Math.max(40, gridHeight);
}

/** The colour scale beside a heatmap: swatches from +limit (top) to −limit with end and zero labels. */
function drawColorScale(ctx: VectorTarget, spec: ChartSpec, x: number, y: number, height: number, limit: number): void {
  const { doc } = ctx;
  const scale = spec.colorScale ?? 'diverging';
  const steps = 21;
  const step = height / steps;
  for (let i = 0; i < steps; i++) {
    const value = limit * (1 - (2 * i) / (steps - 1));
    doc.setFillColor(...rgb(heatmapColor(scale, value, limit)));
    doc.rect(x, y + i * step, 7, step + 0.2, 'F');
  }
  doc.setFont(ctx.fonts.body, 'normal');
  doc.setFontSize(FONT.tick);
  doc.setTextColor(...rgb(CHART_COLORS.muted));
  const label = (v: number): string => (scale === 'diverging' ? formatChartValue(v, 'number', 0) : formatChartValue(v, spec.yFormat, 0));
  drawText(doc, ctx.fonts, label(limit), x + 10, y + FONT.tick * 0.8);
  drawText(doc, ctx.fonts, label(0), x + 10, y + height / 2 + FONT.tick * 0.35);
  drawText(doc, ctx.fonts, label(-limit), x + 10, y + height);
}

function drawEmpty(ctx: VectorTarget, area: Box): void {
  ctx.doc.setFontSize(9);
  ctx.doc.setTextColor(...rgb(CHART_COLORS.muted));
  ctx.doc.setFont(ctx.fonts.body, 'normal');
  drawText(ctx.doc, ctx.fonts, 'No data to chart.', area.x + area.w / 2, area.y + area.h / 2, { align: 'center' });
}
