/**
 * What the page hands the PDF writer for its charts. A chart drawn by `renderChart` from a
 * report spec (marked `data-chart-spec`) is not captured: the writer draws the same spec as
 * vectors, so the page's PDF and the command line's PDF carry the same charts. Only a
 * container holding something else (a host's own chart, no spec) is captured, through
 * `captureElement` (src/export/capture.ts: an `<svg>` as vectors, anything else by html2canvas
 * at ≥ 300 dpi at the widest printed size).
 */
import { captureElement } from '../export/capture';
import type { PreparedChart } from '../export/writer.types';

/** Whether `element` shows a chart drawn from a report spec (the writer redraws it as vectors). */
export function isSpecChart(element: HTMLElement): boolean {
  return element.dataset.chartSpec !== undefined;
}

/**
 * Captures the containers that hold a chart without a spec; spec'd charts and empty containers
 * are left out, so the writer draws them from their specs. A failing capture is left out too.
 */
export async function captureCharts(containers: Partial<Record<string, HTMLElement>>, signal?: AbortSignal): Promise<PreparedChart[]> {
  const charts: PreparedChart[] = [];
  for (const [id, root] of Object.entries(containers)) {
    if (signal?.aborted) break;
    if (!root || isSpecChart(root) || root.childElementCount === 0) continue;
    try {
      const only = root.childElementCount === 1 ? root.firstElementChild : null;
      charts.push(await captureElement(only?.tagName.toLowerCase() === 'svg' ? only : root, id));
    } catch {
      // The writer draws a chart itself when the page could not capture it.
    }
  }
  return charts;
}
