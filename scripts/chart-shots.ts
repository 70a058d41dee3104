/**
 * Side-by-side images of every chart as the page draws it and as the PDF prints it, for looking
 * at the two renderers together: `npx tsx scripts/chart-shots.ts <out-dir>`.
 *
 * For each chart spec of a run of the bundled example: `<id>-page.png`, a Chromium screenshot of
 * `renderChart` (Plotly, the data the worker sends) 960 px wide, `<id>-phone.png` the same 360 px
 * wide, and `<id>-pdf.png`, a one-chart PDF page drawn by `drawVectorChart` (jsPDF, the data the
 * writer reads) rendered by `pdftoppm -r 80 -png` (Debian's poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GState, jsPDF } from 'jspdf';
import { EXAMPLES } from '../src/data/examples/index';
import { parsePriceCsv } from '../src/data/prices';
import { runBacktest } from '../src/engine/run';
import { drawVectorChart } from '../src/export/pdf/charts/vector';
import { registerFonts } from '../src/export/pdf/fonts';
import { buildReport } from '../src/report/build';
import { chartDataFor, type ChartData } from '../src/report/chart-data';
import type { ChartSpec } from '../src/report/model.types';
import { buildChartViews } from '../src/worker/viewModel';
import { buildChartsPage } from '../tests/e2e/support/charts-page';
import { launchChromium, openPage, removeDir, serveStatic } from '../tests/e2e/support/harness';

const out = resolve(process.argv[2] ?? 'shots/charts');
await mkdir(out, { recursive: true });

const example = EXAMPLES[0];
if (!example) throw new Error('no bundled example');
const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
const report = buildReport(result, { formats: ['pdf'], template: 'detailed', bom: true });
const tables = new Map(report.sections.flatMap((s) => s.tables.map((t) => [t.id, t] as const)));
const pageViews = buildChartViews(result);

interface Shot {
  spec: ChartSpec;
  pageData: ChartData | null;
  pdfData: ChartData | null;
}
const shots: Shot[] = pageViews.map((v) => ({ spec: v.spec, pageData: v.data, pdfData: chartDataFor(tables, v.spec) }));

// The PDF side: one page per chart, sized like the page's 960 × 480 (heatmaps taller).
for (const shot of shots) {
  if (!shot.pdfData) continue;
  const w = 515;
  const h = shot.spec.kind === 'heatmap' && shot.spec.colorScale === 'diverging' ? 420 : 258;
  const doc = new jsPDF({ unit: 'pt', format: [w + 24, h + 24], orientation: 'landscape', compress: true });
  const registered = await registerFonts(doc, { cjk: false, mono: false });
  drawVectorChart({ doc, fonts: registered, makeGState: (o) => new GState(o) }, shot.spec, shot.pdfData, { x: 12, y: 12, w, h });
  const pdfPath = join(out, `${shot.spec.id}.pdf`);
  await writeFile(pdfPath, new Uint8Array(doc.output('arraybuffer')));
  execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdfPath, join(out, `${shot.spec.id}-pdf`)]);
  await rm(pdfPath);
}

// The page side: renderChart in Chromium at 960 × 480 (square heatmaps take their own height).
const dist = await buildChartsPage();
const { server, origin } = await serveStatic(dist);
const browser = await launchChromium();
try {
  const { page, close } = await openPage(browser, origin, '/index.html');
  for (const shot of shots) {
    if (!shot.pageData) continue;
    for (const [suffix, width, height] of [['page', 960, 480], ['phone', 360, 300]] as const) {
      await page.evaluate(({ spec, data, size }) => window.drawChart(spec, data, size), { spec: shot.spec, data: shot.pageData, size: { width, height: shot.spec.kind === 'heatmap' ? 0 : height } });
      const element = await page.$(`#chart-${shot.spec.id}`);
      await element?.screenshot({ path: join(out, `${shot.spec.id}-${suffix}.png`) });
      // The next drawing reuses the id: remove this one.
      await element?.evaluate((node) => node.remove());
    }
  }
  await close();
} finally {
  await browser.close();
  await new Promise<void>((ok) => server.close(() => ok()));
  await removeDir(dist);
}
for (const shot of shots) console.log(`${shot.spec.id}: ${shot.spec.kind}, ${shot.spec.title}`);

