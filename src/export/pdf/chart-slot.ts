/**
 * Placing a report chart in a box of a page: the spec's table looked up, its data read, the chart
 * drawn as vectors by the charts module (the same drawing on the command line and in the page,
 * so both PDFs are the same). The writer never draws chart internals itself.
 */
import type { ChartSpec } from '../../report/model.types';
import { chartDataFor } from './charts/data';
import { drawChart } from './charts/place';
import { drawVectorChart, type Box } from './charts/vector';
import { contentWidth, ensureSpace, MARGIN, noteProblem, type PdfContext } from './context';
import { makeNamer } from './convert';
import { SPACE } from './style';

/** Every chart spec of the report, by id (the first of each id). */
export function chartsById(ctx: PdfContext): Map<string, ChartSpec> {
  const map = new Map<string, ChartSpec>();
  for (const section of ctx.report.sections) for (const chart of section.charts) if (!map.has(chart.id)) map.set(chart.id, chart);
  return map;
}

/** Draws `spec` in `box`; returns the height used (0 when its table is not in this export, noted for the reader). */
export function drawChartIn(ctx: PdfContext, spec: ChartSpec, box: Box): number {
  const data = chartDataFor(ctx.tablesById, spec);
  if (!data) {
    noteProblem(ctx, `Chart "${spec.title}" left out: its table ${spec.tableId} or one of its columns is not in this export.`);
    return 0;
  }
  // Legends read as names (`Equal weight`, not `equal_weight`).
  const name = makeNamer(ctx.report.meta);
  const named = { ...data, series: data.series.map((s) => ({ ...s, name: name(s.name) })) };
  const shown: ChartSpec = { ...spec, series: spec.series.map((s) => ({ ...s, name: name(s.name) })) };
  return drawVectorChart(ctx, shown, named, box);
}

/**
 * Draws `spec` across the content width at the cursor, `height` tall (new page when it does not
 * fit). A backtest's chart is always drawn from its spec, so the page's PDF and the command
 * line's are the same; a host's report uses the host's own capture of a chart when it gave one
 * (PNG at ≥ 300 dpi or SVG, see charts/place.ts): there is no command-line twin to match.
 */
export async function drawChartBlock(ctx: PdfContext, spec: ChartSpec, height: number): Promise<void> {
  if (!ctx.report.meta.run && ctx.charts.has(spec.id)) {
    await drawChart(ctx, spec, height);
    return;
  }
  ensureSpace(ctx, height);
  const used = drawChartIn(ctx, spec, { x: MARGIN.left, y: ctx.y, w: contentWidth(ctx), h: height });
  if (used > 0) ctx.y += used + SPACE * 2;
}
