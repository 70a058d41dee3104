/**
 * Side-by-side images of every chart as the page draws it and as the PDF prints it, for looking
 * at the two renderers together: `npx tsx scripts/chart-shots.ts <out-dir>`.
 *
 * For each chart spec of a run of the bundled example (plus fixture specs for kinds the run
 * lacks): `<id>-page.png`, a Chromium screenshot of `renderChart` (Plotly, the data the worker
 * sends), and `<id>-pdf.png`, a one-chart PDF page drawn by `drawVectorChart` (jsPDF, the data
 * the writer reads) rendered by `pdftoppm -r 80 -png` (Debian's poppler-utils).
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
import { chartData, chartDataFor } from '../src/report/chart-data';
import { rollingBetaChart, yearlyReturnsChart } from '../src/report/charts';
import type { ChartSpec, ReportTable } from '../src/report/model.types';
import { buildChartViews } from '../src/worker/viewModel';
import { makeContext, makeRolling, makeYearly } from '../tests/report/chart-fixtures';
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

// Kinds the run may not have yet (new analytics tables): fixture tables in the contract's shape.
const fixtures: { spec: ChartSpec; table: ReportTable }[] = [];
const context = makeContext({}, [{ key: 'bitcoin', name: 'bitcoin' }]);
if (!pageViews.some((v) => v.spec.id === 'yearly_returns')) {
  const yearly = makeYearly(
    [
      { key: 'risk_parity_crypto_synthetic', label: 'Risk parity crypto (synthetic)' },
      { key: 'bitcoin', label: 'bitcoin' },
      { key: 'equal_weight', label: 'equal_weight' },
    ],
    [2020, 2021, 2022, 2023, 2024].map((y, i): [number, number, number, number] => [y, 0.45 - i * 0.2, 0.8 - i * 0.4, 0.3 - i * 0.1]),
  );
  fixtures.push({ spec: yearlyReturnsChart(yearly, makeContext({}, [{ key: 'bitcoin', name: 'bitcoin' }, { key: 'equal_weight', name: 'equal_weight' }])), table: yearly });
}
if (!pageViews.some((v) => v.spec.id === 'rolling_beta')) {
  const rolling = makeRolling(1_000);
  const beta = rollingBetaChart(rolling, context);
  if (beta) fixtures.push({ spec: beta, table: rolling });
}

interface Shot {
  spec: ChartSpec;
  pageData: ReturnType<typeof chartData>;
  pdfData: ReturnType<typeof chartData>;
  fixture: boolean;
}
const shots: Shot[] = [
  ...pageViews.map((v) => ({ spec: v.spec, pageData: v.data, pdfData: chartDataFor(tables, v.spec), fixture: false })),
  ...fixtures.map(({ spec, table }) => ({ spec, pageData: chartData(spec, table), pdfData: chartData(spec, table), fixture: true })),
];

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
    await page.evaluate(({ spec, data, size }) => window.drawChart(spec, data, size), { spec: shot.spec, data: shot.pageData, size: { width: 960, height: shot.spec.kind === 'heatmap' ? 0 : 480 } });
    const element = await page.$(`#chart-${shot.spec.id}`);
    await element?.screenshot({ path: join(out, `${shot.spec.id}-page.png`) });
  }
  await close();
} finally {
  await browser.close();
  await new Promise<void>((ok) => server.close(() => ok()));
  await removeDir(dist);
}
for (const shot of shots) console.log(`${shot.spec.id}${shot.fixture ? ' (fixture table)' : ''}: ${shot.spec.kind}, ${shot.spec.title}`);

