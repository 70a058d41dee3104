/**
 * Capturing the page's Plotly charts for the PDF through `capturePlotlyChart`
 * (src/export/capture.ts): PNG at ≥ 300 dpi at the widest printed size (10 in). Charts are laid
 * out at a fixed 960 × 480 CSS px for capture, whatever the window size, so every PDF looks the
 * same; Plotly renders at scale 300 × 10 / 960 = 3.125, i.e. 3,000 × 1,500 px.
 */
import { capturePlotlyChart } from '../export/capture';
import type { PreparedChart } from '../export/writer.types';
import { CHART_IDS, loadPlotly, type ChartId } from './charts';

/** Size the charts are laid out at for capture (CSS px). */
export const CAPTURE_WIDTH = 960;
/** Height the charts are laid out at for capture (CSS px). */
export const CAPTURE_HEIGHT = 480;

/** Captures every drawn chart; a chart not drawn (or failing) is left out so the writer draws it. */
export async function captureCharts(containers: Record<ChartId, HTMLElement>, signal?: AbortSignal): Promise<PreparedChart[]> {
  const Plotly = await loadPlotly();
  const charts: PreparedChart[] = [];
  for (const id of CHART_IDS) {
    if (signal?.aborted) break;
    const root = containers[id];
    if (!root.querySelector('.main-svg')) continue;
    try {
      charts.push(await capturePlotlyChart(Plotly, root, id, { cssWidth: CAPTURE_WIDTH, cssHeight: CAPTURE_HEIGHT }));
    } catch {
      // The writer draws a chart itself when the page could not capture it.
    }
  }
  return charts;
}
