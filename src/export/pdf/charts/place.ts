/**
 * Putting one chart on the page: the page's capture when there is one (PNG at ≥ 300 dpi at its
 * printed size, or SVG through svg2pdf.js where a DOM parser exists), else the ChartSpec drawn as
 * vectors. A PNG too small for its slot at 300 dpi is printed smaller (so it keeps 300 dpi); when
 * that would be under 40 % of the slot width it is replaced by the vector drawing.
 */
import type { ChartSpec } from '../../../report/model.types';
import type { PreparedChart } from '../../writer.types';
import { contentWidth, ensureSpace, MARGIN, noteProblem, type PdfContext } from '../context';
import { COLORS, drawText } from '../text';
import { chartDataFor } from './data';
import { drawVectorChart } from './vector';

/** Minimum resolution of a raster chart at its printed size. */
export const MIN_DPI = 300;
/** Below this fraction of the slot width a 300-dpi placement is too small to read. */
const MIN_SLOT_FRACTION = 0.4;
const POINTS_PER_INCH = 72;

/** Where and how large a PNG is printed. */
export interface ImagePlacement {
  width: number;
  height: number;
  /** Resolution at the printed size. */
  dpi: number;
  /** Whether the image was printed smaller than its slot to keep 300 dpi. */
  shrunk: boolean;
}

/**
 * The printed size of a `widthPx × heightPx` image in a `slotWidth × maxHeight` slot (points):
 * as large as the slot allows while keeping ≥ 300 dpi; `null` when that is under 40 % of the slot.
 */
export function planImagePlacement(widthPx: number, heightPx: number, slotWidth: number, maxHeight: number): ImagePlacement | null {
  if (!(widthPx > 0) || !(heightPx > 0)) return null;
  const aspect = heightPx / widthPx;
  const fitWidth = Math.min(slotWidth, maxHeight / aspect);
  const maxWidthAt300 = (widthPx / MIN_DPI) * POINTS_PER_INCH;
  const width = Math.min(fitWidth, maxWidthAt300);
  if (width < fitWidth * MIN_SLOT_FRACTION) return null;
  return { width, height: width * aspect, dpi: widthPx / (width / POINTS_PER_INCH), shrunk: width < fitWidth };
}

/** Draws a chart at the cursor, `height` points tall, and moves the cursor below it. */
export async function drawChart(ctx: PdfContext, spec: ChartSpec, height: number): Promise<void> {
  ensureSpace(ctx, height);
  const width = contentWidth(ctx);
  const prepared = ctx.charts.get(spec.id);
  if (prepared && (await drawPrepared(ctx, spec, prepared, width, height))) return;
  const data = chartDataFor(ctx.tablesById, spec);
  if (!data) {
    noteProblem(ctx, `Chart "${spec.title}" left out: table ${spec.tableId} or one of its columns is not in this export.`);
    return;
  }
  ctx.y += drawVectorChart(ctx, spec, data, { x: MARGIN.left, y: ctx.y, w: width, h: height }) + 12;
}

function drawChartTitle(ctx: PdfContext, title: string): void {
  ctx.doc.setFontSize(10);
  ctx.doc.setTextColor(...COLORS.text);
  drawText(ctx.doc, ctx.fonts, title, MARGIN.left, ctx.y + 10, { style: 'bold' });
  ctx.y += 16;
}

async function drawPrepared(ctx: PdfContext, spec: ChartSpec, chart: PreparedChart, width: number, height: number): Promise<boolean> {
  const imageHeight = height - 16;
  if (chart.kind === 'png') {
    const placement = planImagePlacement(chart.widthPx, chart.heightPx, width, imageHeight);
    if (!placement) {
      noteProblem(
        ctx,
        `Chart "${spec.title}": the captured image (${chart.widthPx} px wide) is below ${MIN_DPI} dpi at a readable size; drawn as vectors instead.`,
      );
      return false;
    }
    drawChartTitle(ctx, spec.title);
    const x = MARGIN.left + (width - placement.width) / 2;
    ctx.doc.addImage(chart.bytes, 'PNG', x, ctx.y, placement.width, placement.height, `chart-${spec.id}`, 'FAST');
    ctx.y += imageHeight + 12;
    return true;
  }
  // svg2pdf.js walks a parsed SVG DOM; a worker or Node has no DOMParser, so the vectors are drawn from the spec.
  const Parser = (globalThis as { DOMParser?: typeof DOMParser }).DOMParser;
  if (Parser === undefined) return false;
  const element = new Parser().parseFromString(chart.svg, 'image/svg+xml').documentElement;
  if (element.nodeName.toLowerCase() !== 'svg') return false;
  const { svg2pdf } = await import('svg2pdf.js');
  const aspect = chart.cssHeight / chart.cssWidth;
  const w = Math.min(width, imageHeight / aspect);
  drawChartTitle(ctx, spec.title);
  await svg2pdf(element, ctx.doc, { x: MARGIN.left + (width - w) / 2, y: ctx.y, width: w, height: w * aspect });
  ctx.y += imageHeight + 12;
  return true;
}
