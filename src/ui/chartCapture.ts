/**
 * Capturing the page's Plotly charts for the PDF: PNG at ≥ 300 dpi at their printed size.
 * Plotly renders at `scale` × the CSS size, so scale = 300/96 × (printed width in CSS px / CSS
 * width): a chart captured 960 px wide and printed 7.5 in wide gets 2250 px, i.e. 300 dpi.
 */
import type { PreparedChart } from '../export/writer.types';
import { CHART_IDS, loadPlotly, type ChartId } from './charts';

/** Widest a chart is printed in the PDF (landscape A4 content width, inches): the dpi floor holds below it. */
export const PRINTED_WIDTH_IN = 10;
export const TARGET_DPI = 300;
/** Size the charts are laid out at for capture (CSS px), independent of the window. */
export const CAPTURE_WIDTH = 960;
export const CAPTURE_HEIGHT = 480;

/** Plotly's `scale` for a chart of `cssWidth` printed `printedWidthIn` inches wide at `dpi`. */
export function captureScale(cssWidth: number, printedWidthIn = PRINTED_WIDTH_IN, dpi = TARGET_DPI): number {
  return (dpi / 96) * ((printedWidthIn * 96) / cssWidth);
}

function dataUrlToBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const binary = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Captures every drawn chart as PNG; a chart not drawn (or failing) is left out so the writer draws it. */
export async function captureCharts(containers: Record<ChartId, HTMLElement>, signal?: AbortSignal): Promise<PreparedChart[]> {
  const Plotly = await loadPlotly();
  const scale = captureScale(CAPTURE_WIDTH);
  const charts: PreparedChart[] = [];
  for (const id of CHART_IDS) {
    if (signal?.aborted) break;
    const root = containers[id];
    if (!root.querySelector('.main-svg')) continue;
    try {
      const url = await Plotly.toImage(root, { format: 'png', width: CAPTURE_WIDTH, height: CAPTURE_HEIGHT, scale });
      charts.push({
        chartId: id,
        kind: 'png',
        bytes: dataUrlToBytes(url),
        widthPx: Math.round(CAPTURE_WIDTH * scale),
        heightPx: Math.round(CAPTURE_HEIGHT * scale),
        cssWidth: CAPTURE_WIDTH,
        cssHeight: CAPTURE_HEIGHT,
      });
    } catch {
      // The writer draws a chart itself when the page could not capture it.
    }
  }
  return charts;
}
