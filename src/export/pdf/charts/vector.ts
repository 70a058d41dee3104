/**
 * Drawing a ChartSpec with jsPDF vector primitives: axes with ticks and labels, a legend, lines,
 * filled areas, stacked areas as filled polygons, grouped bars and a heatmap of coloured cells
 * with their values. This is the path the command line always takes (no DOM in Node) and the
 * fallback in the browser when the page captured no chart.
 */
import type { ChartSpec } from '../../../report/model.types';
import { setFontFor } from '../fonts';
import type { PdfContext } from '../context';
import { COLORS, drawText, measureRuns } from '../text';
import type { ChartData } from './data';
import { downsampleMinMax, strideIndices, type Point } from './downsample';
import { divergingColor, seriesColor } from './palette';
import { dateTicks, formatTick, niceTicks } from './scale';

/** A rectangle on the page, in points. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const TICK_FONT = 7;
const GRID: [number, number, number] = [225, 228, 232];

/** Draws `spec` with `data` inside `box` (title, legend, plot); returns the height used (≤ `box.h`). */
export function drawVectorChart(ctx: PdfContext, spec: ChartSpec, data: ChartData, box: Box): number {
  const { doc } = ctx;
  doc.setTextColor(...COLORS.text);
  doc.setFontSize(10);
  drawText(doc, ctx.fonts, spec.title, box.x, box.y + 10, { style: 'bold' });
  let top = box.y + 16;
  if (spec.kind !== 'heatmap') top += drawLegend(ctx, data.series.map((s) => s.name), { x: box.x, y: top, w: box.w, h: 0 });
  const area: Box = { x: box.x, y: top, w: box.w, h: box.y + box.h - top };
  switch (spec.kind) {
    case 'line':
    case 'area':
    case 'stacked_area':
      drawXYChart(ctx, spec, data, area);
      return box.h;
    case 'bar':
      drawBarChart(ctx, spec, data, area);
      return box.h;
    case 'heatmap':
      // A square grid often needs less height than its slot; the rest of the page stays usable.
      return Math.min(box.h, drawHeatmap(ctx, data, area) - box.y + 6);
  }
}

/** Legend swatches and names laid out in rows; returns the height used. */
function drawLegend(ctx: PdfContext, names: string[], at: Box): number {
  const { doc } = ctx;
  doc.setFontSize(7.5);
  let x = at.x;
  let y = at.y + 6;
  names.forEach((name, i) => {
    const width = 14 + measureRuns(doc, ctx.fonts, name) + 10;
    if (x + width > at.x + at.w && x > at.x) {
      x = at.x;
      y += 11;
    }
    doc.setFillColor(...seriesColor(i));
    doc.rect(x, y - 5, 10, 6, 'F');
    doc.setTextColor(...COLORS.text);
    drawText(doc, ctx.fonts, name, x + 13, y);
    x += width;
  });
  return y - at.y + 8;
}

interface PlotFrame {
  plot: Box;
  toY: (value: number) => number;
}

/** Draws y grid, y tick labels and the y axis title; returns the plot box and y mapping. */
function drawYAxis(ctx: PdfContext, spec: ChartSpec, area: Box, yMin: number, yMax: number, bottomSpace: number): PlotFrame {
  const { doc } = ctx;
  const ticks = niceTicks(yMin, yMax, 5);
  const lo = ticks[0] ?? yMin;
  const hi = ticks[ticks.length - 1] ?? yMax;
  const step = ticks.length > 1 ? (ticks[1] ?? 0) - (ticks[0] ?? 0) : 1;
  const labels = ticks.map((t) => formatTick(t, spec.yFormat, step));
  doc.setFont(ctx.fonts.body, 'normal');
  doc.setFontSize(TICK_FONT);
  const labelWidth = Math.max(...labels.map((l) => doc.getTextWidth(l)));
  const axisTitleHeight = spec.yLabel ? 10 : 0;
  const plot: Box = {
    x: area.x + labelWidth + 6,
    y: area.y + axisTitleHeight + 4,
    w: area.w - labelWidth - 10,
    h: area.h - axisTitleHeight - 4 - bottomSpace,
  };
  const span = hi - lo || 1;
  const toY = (v: number): number => plot.y + plot.h - ((v - lo) / span) * plot.h;
  if (spec.yLabel) {
    doc.setTextColor(...COLORS.muted);
    drawText(doc, ctx.fonts, spec.yLabel, area.x, area.y + 7);
    doc.setFont(ctx.fonts.body, 'normal');
  }
  doc.setLineWidth(0.4);
  ticks.forEach((t, i) => {
    const y = toY(t);
    doc.setDrawColor(...(t === 0 ? COLORS.muted : GRID));
    doc.line(plot.x, y, plot.x + plot.w, y);
    doc.setTextColor(...COLORS.muted);
    doc.text(labels[i] ?? '', plot.x - 3, y + TICK_FONT * 0.35, { align: 'right' });
  });
  doc.setDrawColor(...COLORS.muted);
  doc.line(plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h);
  return { plot, toY };
}

function drawXLabel(ctx: PdfContext, spec: ChartSpec, area: Box): void {
  if (!spec.xLabel) return;
  const { doc } = ctx;
  doc.setFontSize(TICK_FONT);
  doc.setTextColor(...COLORS.muted);
  drawText(doc, ctx.fonts, spec.xLabel, area.x + area.w / 2, area.y + area.h - 2, { align: 'center' });
}

/** Draws a polyline through points already in page coordinates. */
function strokePolyline(ctx: PdfContext, points: Point[]): void {
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
function fillPolygon(ctx: PdfContext, points: Point[]): void {
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

/** Splits a series at missing values into runs of points (x in data units). */
function segments(x: number[], values: (number | null)[]): Point[][] {
  const out: Point[][] = [];
  let current: Point[] = [];
  values.forEach((v, i) => {
    const xi = x[i];
    if (v === null || xi === undefined) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push({ x: xi, y: v });
  });
  if (current.length > 0) out.push(current);
  return out;
}

function drawXYChart(ctx: PdfContext, spec: ChartSpec, data: ChartData, area: Box): void {
  const { doc } = ctx;
  const n = data.x.length;
  if (n === 0) return drawEmpty(ctx, area);
  const stacked = spec.kind === 'stacked_area';
  const indices = stacked ? strideIndices(n) : [];
  let cumulative: number[][] = [];
  let yMin = Infinity;
  let yMax = -Infinity;
  if (stacked) {
    const running = indices.map(() => 0);
    cumulative = data.series.map((s) =>
      indices.map((row, k) => {
        running[k] = (running[k] ?? 0) + Math.max(0, s.values[row] ?? 0);
        return running[k] ?? 0;
      }),
    );
    yMin = 0;
    yMax = Math.max(...running, 0);
  } else {
    for (const s of data.series) {
      for (const v of s.values) {
        if (v === null) continue;
        if (v < yMin) yMin = v;
        if (v > yMax) yMax = v;
      }
    }
    if (spec.kind === 'area') {
      yMin = Math.min(yMin, 0);
      yMax = Math.max(yMax, 0);
    }
  }
  if (!Number.isFinite(yMin) || !Number.isFinite(yMax)) return drawEmpty(ctx, area);
  const bottomSpace = TICK_FONT + 6 + (spec.xLabel ? 10 : 0);
  const { plot, toY } = drawYAxis(ctx, spec, area, yMin, yMax, bottomSpace);
  const xFirst = data.x[0] ?? 0;
  const xLast = data.x[n - 1] ?? 1;
  const xSpan = xLast - xFirst || 1;
  const toX = (v: number): number => plot.x + ((v - xFirst) / xSpan) * plot.w;
  drawXTicks(ctx, data, plot, toX);
  drawXLabel(ctx, spec, area);
  doc.setLineWidth(0.8);
  if (stacked) {
    cumulative.forEach((upper, k) => {
      const lower = k === 0 ? indices.map(() => 0) : (cumulative[k - 1] ?? []);
      const polygon: Point[] = indices.map((row, j) => ({ x: toX(data.x[row] ?? 0), y: toY(upper[j] ?? 0) }));
      for (let j = indices.length - 1; j >= 0; j--) polygon.push({ x: toX(data.x[indices[j] ?? 0] ?? 0), y: toY(lower[j] ?? 0) });
      doc.setFillColor(...seriesColor(k));
      fillPolygon(ctx, polygon);
    });
    return;
  }
  data.series.forEach((s, k) => {
    const color = seriesColor(k);
    for (const run of segments(data.x, s.values)) {
      const thin = downsampleMinMax(run);
      const points = thin.map((p) => ({ x: toX(p.x), y: toY(p.y) }));
      if (spec.kind === 'area' && points.length > 1) {
        const baseline = toY(0);
        const first = points[0];
        const last = points[points.length - 1];
        if (first && last) {
          doc.saveGraphicsState();
          doc.setGState(ctx.makeGState({ opacity: 0.25 }));
          doc.setFillColor(...color);
          fillPolygon(ctx, [...points, { x: last.x, y: baseline }, { x: first.x, y: baseline }]);
          doc.restoreGraphicsState();
        }
      }
      doc.setDrawColor(...color);
      doc.setLineWidth(0.8);
      strokePolyline(ctx, points);
    }
  });
}

function drawXTicks(ctx: PdfContext, data: ChartData, plot: Box, toX: (v: number) => number): void {
  const { doc } = ctx;
  doc.setFont(ctx.fonts.body, 'normal');
  doc.setFontSize(TICK_FONT);
  doc.setTextColor(...COLORS.muted);
  doc.setDrawColor(...COLORS.muted);
  doc.setLineWidth(0.4);
  const baseY = plot.y + plot.h;
  if (data.xKind === 'date') {
    const first = data.x[0] ?? 0;
    const last = data.x[data.x.length - 1] ?? first;
    const maxTicks = Math.max(2, Math.floor(plot.w / 60));
    for (const tick of dateTicks(first, last, maxTicks)) {
      const x = toX(tick.day);
      doc.line(x, baseY, x, baseY + 3);
      doc.text(tick.label, x, baseY + 4 + TICK_FONT, { align: 'center' });
    }
    return;
  }
  const every = Math.max(1, Math.ceil(data.labels.length / Math.max(1, Math.floor(plot.w / 40))));
  data.labels.forEach((label, i) => {
    if (i % every !== 0) return;
    const x = toX(data.x[i] ?? i);
    drawText(doc, ctx.fonts, label, x, baseY + 4 + TICK_FONT, { align: 'center' });
  });
}

function drawBarChart(ctx: PdfContext, spec: ChartSpec, data: ChartData, area: Box): void {
  const { doc } = ctx;
  const categories = data.labels;
  if (categories.length === 0) return drawEmpty(ctx, area);
  let yMin = 0;
  let yMax = 0;
  for (const s of data.series) for (const v of s.values) if (v !== null) ((yMin = Math.min(yMin, v)), (yMax = Math.max(yMax, v)));
  doc.setFontSize(TICK_FONT);
  doc.setFont(ctx.fonts.body, 'normal');
  const longest = Math.max(...categories.map((c) => doc.getTextWidth(c)));
  const slotGuess = (area.w - 40) / categories.length;
  const rotate = longest + 4 > slotGuess;
  const labelSpace = rotate ? Math.min(60, longest * 0.72 + 8) : TICK_FONT + 6;
  const { plot, toY } = drawYAxis(ctx, spec, area, yMin, yMax, labelSpace + (spec.xLabel ? 10 : 0));
  const slot = plot.w / categories.length;
  const barWidth = (slot * 0.75) / Math.max(1, data.series.length);
  const zero = toY(0);
  data.series.forEach((s, k) => {
    doc.setFillColor(...seriesColor(k));
    s.values.forEach((v, i) => {
      if (v === null) return;
      const x = plot.x + i * slot + slot * 0.125 + k * barWidth;
      const y = toY(v);
      doc.rect(x, Math.min(y, zero), barWidth, Math.max(0.3, Math.abs(zero - y)), 'F');
    });
  });
  doc.setTextColor(...COLORS.muted);
  categories.forEach((label, i) => {
    const x = plot.x + (i + 0.5) * slot;
    setFontFor(doc, ctx.fonts, label);
    if (rotate) doc.text(label, x + 2, plot.y + plot.h + 5, { angle: -45 });
    else drawText(doc, ctx.fonts, label, x, plot.y + plot.h + 4 + TICK_FONT, { align: 'center' });
  });
  drawXLabel(ctx, spec, area);
}

/** Draws the heatmap; returns the y of its bottom edge. */
function drawHeatmap(ctx: PdfContext, data: ChartData, area: Box): number {
  const { doc } = ctx;
  const rows = data.labels;
  const columns = data.series.map((s) => s.name);
  if (rows.length === 0 || columns.length === 0) {
    drawEmpty(ctx, area);
    return area.y + area.h;
  }
  doc.setFontSize(TICK_FONT);
  doc.setFont(ctx.fonts.body, 'normal');
  const rowLabelWidth = Math.min(90, Math.max(...rows.map((r) => doc.getTextWidth(r))) + 6);
  const colLabelWidth = Math.max(...columns.map((c) => doc.getTextWidth(c)));
  let maxAbs = 0;
  for (const s of data.series) for (const v of s.values) if (v !== null) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs <= 1 ? 1 : maxAbs;
  const scaleWidth = 40;
  const availableW = area.w - rowLabelWidth - scaleWidth;
  const cellGuess = Math.min(availableW / columns.length, area.h / rows.length);
  const rotate = colLabelWidth + 4 > cellGuess;
  const topSpace = rotate ? Math.min(60, colLabelWidth * 0.72 + 6) : TICK_FONT + 6;
  const cell = Math.min(availableW / columns.length, (area.h - topSpace) / rows.length, 60);
  const x0 = area.x + rowLabelWidth;
  const y0 = area.y + topSpace;
  doc.setTextColor(...COLORS.text);
  columns.forEach((name, j) => {
    setFontFor(doc, ctx.fonts, name);
    const x = x0 + (j + 0.5) * cell;
    if (rotate) doc.text(name, x - 2, y0 - 3, { angle: 45 });
    else drawText(doc, ctx.fonts, name, x, y0 - 3, { align: 'center' });
  });
  const valueFont = Math.max(3.5, Math.min(8, cell * 0.28));
  rows.forEach((label, i) => {
    const y = y0 + i * cell;
    doc.setFontSize(TICK_FONT);
    doc.setTextColor(...COLORS.text);
    drawText(doc, ctx.fonts, label, x0 - 4, y + cell / 2 + TICK_FONT * 0.35, { align: 'right' });
    data.series.forEach((s, j) => {
      const v = s.values[i] ?? null;
      const x = x0 + j * cell;
      doc.setFillColor(...(v === null ? ([240, 240, 240] as [number, number, number]) : divergingColor(v / scale)));
      doc.rect(x, y, cell, cell, 'F');
      // Values only where they can be read; the colour still tells the story in tiny cells.
      if (v === null || cell < 12) return;
      doc.setFont(ctx.fonts.body, 'normal');
      doc.setFontSize(valueFont);
      doc.setTextColor(...(Math.abs(v / scale) > 0.6 ? ([255, 255, 255] as [number, number, number]) : COLORS.text));
      doc.text(v.toFixed(2), x + cell / 2, y + cell / 2 + valueFont * 0.35, { align: 'center' });
    });
  });
  drawColorScale(ctx, x0 + columns.length * cell + 10, y0, Math.max(40, rows.length * cell), scale);
  return y0 + Math.max(40, rows.length * cell);
}

/** The colour scale beside a heatmap: a column of swatches from -scale to +scale with end and zero labels. */
function drawColorScale(ctx: PdfContext, x: number, y: number, height: number, scale: number): void {
  const { doc } = ctx;
  const steps = 21;
  const step = height / steps;
  for (let i = 0; i < steps; i++) {
    const value = 1 - (2 * i) / (steps - 1);
    doc.setFillColor(...divergingColor(value));
    doc.rect(x, y + i * step, 8, step + 0.2, 'F');
  }
  doc.setFont(ctx.fonts.body, 'normal');
  doc.setFontSize(6.5);
  doc.setTextColor(...COLORS.muted);
  const label = (v: number): string => (scale === 1 ? v.toFixed(0) : v.toPrecision(2));
  doc.text(label(scale), x + 11, y + 5);
  doc.text('0', x + 11, y + height / 2 + 2);
  doc.text(label(-scale), x + 11, y + height - 1);
}

function drawEmpty(ctx: PdfContext, area: Box): void {
  ctx.doc.setFontSize(9);
  ctx.doc.setTextColor(...COLORS.muted);
  ctx.doc.setFont(ctx.fonts.body, 'normal');
  ctx.doc.text('No data to chart.', area.x + area.w / 2, area.y + area.h / 2, { align: 'center' });
}
