/**
 * The package as an adopting team meets it: `npm pack`, installed from the tarball into a fresh
 * host folder (tests/consumer/hosts/), then used by four hosts:
 *
 * - a Node ESM script (no worker in Node: the writers run in the process, fonts read from disk),
 * - a `tsc --noEmit` project, strict with `exactOptionalPropertyTypes` and `skipLibCheck: false`,
 *   under `nodenext`, `node16` and `bundler` resolution, with the README's React and Vue examples,
 * - an esbuild bundle (no plugins; the package's `assets/` copied beside it, as the README says),
 * - a Vite app with no configuration, built for production and served by Vite's dev server.
 *
 * In Chromium every host exports all three formats and the files read back; a 20,000-row workbook
 * and PDF export runs in the export worker while the page's timer keeps firing; a cancelled
 * export delivers nothing; a toast of `createToaster` is styled by the package alone, under the
 * documented CSP and under a stricter one. The Node host checks what comes back with the files
 * (warnings, the host's synthetic data in every file) and the strict JSON parser. Figures (install size, longest task, abort latency) are printed; their
 * targets are checked in `npm run bench` (bench/library.bench.ts), never here.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLoadFiles } from '../../bench/ui.bench';
import { launchChromium, openPage, serveStatic } from '../e2e/support/harness';
import type { ExportRun, ToastLook } from './hosts/shared/run.types';
import { buildAndPack, buildEsbuildApp, buildViteApp, cleanUp, installHost, megabytes, ROOT, typeCheck, type InstalledHost, type PackedLibrary } from './support';

let packed: PackedLibrary | undefined;
let host: InstalledHost;
let browser: Browser | undefined;
const servers: Server[] = [];

beforeAll(() => {
  packed = buildAndPack();
  host = installHost(packed);
  console.log(
    `consumer: tarball ${megabytes(packed.tarballBytes)} (${packed.files.length} files); a host's node_modules after \`npm install backfolio\`: ${megabytes(host.nodeModulesBytes)} in ${host.packages.length} packages (${host.packages.join(', ')})`,
  );
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await new Promise<void>((done) => server.close(() => done()));
  cleanUp(packed);
});

async function chromium(): Promise<Browser> {
  browser ??= await launchChromium();
  return browser;
}

async function serve(dir: string): Promise<string> {
  const { server, origin } = await serveStatic(dir);
  servers.push(server);
  return origin;
}

const DATA_HEADER = ['day', 'region', 'revenue', 'growth', 'orders'];
const DATA_LABELS = ['Day', 'Lead region', 'Revenue', 'Growth', 'Orders'];

/** The CSV of a package: its data rows, split into fields (none of the test's fields is quoted). */
function csvRows(zip: Uint8Array, name = 'daily_sales.csv'): string[][] {
  const entries = unzipSync(zip);
  const entry = entries[name];
  if (!entry) throw new Error(`zip has no ${name}: ${Object.keys(entries).join(', ')}`);
  return strFromU8(entry).replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '').map((line) => line.split(','));
}

/** The rows of the data sheet (the one after Overview) and the sheet names. */
async function workbookRows(bytes: Uint8Array): Promise<{ sheets: string[]; rows: unknown[][] }> {
  const XLSX = await import('xlsx');
  const book = XLSX.read(bytes, { type: 'array' });
  const name = book.SheetNames.find((n) => n !== 'Overview' && n !== 'Metadata') ?? '';
  const sheet = book.Sheets[name];
  if (!sheet) throw new Error(`no data sheet in ${book.SheetNames.join(', ')}`);
  return { sheets: book.SheetNames, rows: XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true }) };
}

/** Page count and the text of the pages asked for (1-based; negative counts from the end). */
async function pdfText(bytes: Uint8Array, pages: number[]): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (const n of pages) {
    const page = await doc.getPage(n > 0 ? n : doc.numPages + 1 + n);
    const content = await page.getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const count = doc.numPages;
  await doc.destroy();
  return { pages: count, text: parts.join('\n') };
}

function fileOf(run: ExportRun): Uint8Array {
  if (run.base64 === null) throw new Error(`${run.format}: no file (${run.errorCode ?? 'no error'})`);
  return new Uint8Array(Buffer.from(run.base64, 'base64'));
}

/** A toast of the package's `createToaster` as the browser drew it: styled by the package alone, themable. */
function expectStyledToast(look: ToastLook): void {
  expect(look.text).toContain('Export ready');
  // The host imported no stylesheet; the toaster adopted its own.
  expect(look.documentSheets).toBe(0);
  expect(look.adoptedSheets).toBe(1);
  expect(look.region).toMatchObject({ position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147483000' });
  expect(look.region.width).toBe(360);
  expect(look.toast).toMatchObject({ display: 'flex', backgroundColor: 'rgb(255, 255, 255)', borderLeftWidth: '5px', borderLeftColor: 'rgb(19, 122, 58)', borderRadius: '8px' });
  expect(look.toast.boxShadow).not.toBe('none');
  expect(look.toast.fontFamily).toContain('system-ui');
  expect(look.icon).toEqual({ backgroundColor: 'rgb(19, 122, 58)', color: 'rgb(255, 255, 255)', borderRadius: '50%' });
  expect(look.closeButton).toEqual({ width: '28px', height: '28px', backgroundColor: 'rgba(0, 0, 0, 0)' });
  expect(look.themedBorderLeftColor).toBe('rgb(18, 52, 86)');
}

function figures(label: string, run: ExportRun): string {
  return `${label}: ${run.ms.toFixed(0)} ms, longest main-thread task ${run.longestTaskMs.toFixed(0)} ms, timer ${run.ticks} ticks (longest gap ${run.longestGapMs.toFixed(0)} ms)${run.abortLatencyMs === null ? '' : `, abort → rejection ${run.abortLatencyMs.toFixed(1)} ms`}`;
}

describe('the packed package', () => {
  it('ships the licence, the built entries, the workers, one CJK font with its OFL, and no sources', () => {
    const files = packed?.files ?? [];
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist-lib/index.js', 'dist-lib/export.js', 'dist-lib/engine.js']));
    expect(files).toEqual(expect.arrayContaining(['dist-lib/assets/export.worker.js', 'dist-lib/assets/backtest.worker.js', 'dist-lib/THIRD-PARTY-LICENSES.txt']));
    expect(files.filter((f) => f.endsWith('.ttf')).sort()).toEqual([
      'dist-lib/assets/fonts/DejaVuSans-Bold.ttf',
      'dist-lib/assets/fonts/DejaVuSans.ttf',
      'dist-lib/assets/fonts/DejaVuSansMono.ttf',
      'dist-lib/assets/fonts/NotoSansSC_400Regular.ttf',
    ]);
    expect(files).toEqual(expect.arrayContaining(['dist-lib/assets/fonts/NotoSansSC-OFL.txt', 'dist-lib/assets/fonts/DejaVu-LICENSE.txt']));
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('tests/'))).toBe(false);
    const licence = readFileSync(join(host.dir, 'node_modules', 'backfolio', 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License/);
    const pkg = JSON.parse(readFileSync(join(host.dir, 'node_modules', 'backfolio', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe('MIT');
  });

  it('installs without jsPDF, Plotly, html2canvas or the nine-weight font family, within 60 MB', () => {
    for (const absent of ['jspdf', 'plotly.js-cartesian-dist-min', 'html2canvas', '@expo-google-fonts/noto-sans-sc', 'dejavu-fonts-ttf', 'core-js', 'canvg'])
      expect(host.packages, absent).not.toContain(absent);
    expect(host.packages).toEqual(expect.arrayContaining(['backfolio', 'xlsx', 'decimal.js', 'fflate']));
    expect(host.nodeModulesBytes).toBeLessThanOrEqual(60e6);
  });

  it('has an exports map whose targets exist, types first', () => {
    const dir = join(host.dir, 'node_modules', 'backfolio');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>> };
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      expect(Object.keys(target)[0], subpath).toBe('types');
      for (const file of Object.values(target)) expect(() => readFileSync(join(dir, file)), `${subpath} → ${file}`).not.toThrow();
    }
  });

  it('exposes the documented API per entry: everything at the root, the export layer alone, the engine alone', async () => {
    const dist = join(host.dir, 'node_modules', 'backfolio', 'dist-lib');
    const load = async (file: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(join(dist, file)).href)) as Record<string, unknown>;
    const root = await load('index.js');
    for (const name of ['runBacktest', 'validateConfig', 'parsePriceCsv', 'parseFxCsv', 'decodeCsvBytes', 'buildReport', 'reportFromTables', 'exportReport', 'getWriter', 'registerWriter', 'exportFileName', 'downloadBytes', 'captureElement', 'createEventBus', 'createToaster', 'createBacktestWorker', 'formatDisplayValue'])
      expect(typeof root[name], name).toBe('function');
    const exporter = await load('export.js');
    for (const name of ['reportFromTables', 'exportReport', 'downloadBytes', 'getWriter', 'captureElement', 'terminateExportWorker']) expect(typeof exporter[name], name).toBe('function');
    expect(exporter.runBacktest).toBeUndefined();
    const engine = await load('engine.js');
    expect(typeof engine.runBacktest).toBe('function');
    expect(engine.exportReport).toBeUndefined();
    expect(readFileSync(join(dist, 'engine.js'), 'utf8')).not.toMatch(/registry|download/);
    const parse = root.parsePriceCsv as (text: string) => unknown;
    expect(() => parse('date,AAA\n2024-01-01,NaN\n')).toThrow(/row 2, column AAA/);
  });

  it('has no eval and no new Function in any shipped script', () => {
    const dist = join(host.dir, 'node_modules', 'backfolio', 'dist-lib');
    for (const file of (packed?.files ?? []).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(host.dir, 'node_modules', 'backfolio', file), 'utf8');
      expect(code, file).not.toMatch(/\beval\s*\(/);
      expect(code, file).not.toMatch(/new\s+Function\s*\(/);
    }
    expect(dist).not.toBe('');
  });

  it('uses SheetJS for writing only: the shipped code calls XLSX.write and nothing that reads a file', () => {
    const dist = join(host.dir, 'node_modules', 'backfolio', 'dist-lib');
    const main = readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dist, f), 'utf8'));
    // The main entries leave SheetJS to the host's bundler: exactly one import of it, used as XLSX.write.
    const imports = main.flatMap((code) => [...code.matchAll(/(\w+)\s*=\s*await import\("xlsx"\)/g)].map((m) => ({ code, name: m[1] ?? '' })));
    expect(imports).toHaveLength(1);
    const { code, name } = imports[0]!;
    const members = new Set([...code.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, 'g'))].map((m) => m[1]));
    expect([...members]).toEqual(['write']);
    expect(main.some((c) => /from "xlsx"/.test(c))).toBe(false);
    // The workers bundle SheetJS: the sources that reach it import nothing but writer APIs.
    const sources = execFileSync('git', ['grep', '-n', "from 'xlsx'\\|import('xlsx')", '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    for (const line of sources) expect(line, line).toMatch(/import type|const XLSX = await import\('xlsx'\)/);
    const sheetjsUsers = execFileSync('git', ['grep', '-n', 'XLSX\\.', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    for (const line of sheetjsUsers) expect(line, line).toMatch(/XLSX\.write\(/);
  });
});

describe('a Node ESM script', () => {
  let out = '';
  let summary: { files: { name: string; format: string; rows: number; warnings: string[] }[]; backtest: { finalValue: string; exactFinalValue: string }; sweep: string[]; strictJson: string };

  beforeAll(() => {
    out = join(host.dir, 'node-out');
    execFileSync(process.execPath, [join(host.dir, 'node-esm', 'export.mjs'), out], { cwd: host.dir, stdio: 'pipe', timeout: 240_000 });
    summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as typeof summary;
  }, 300_000);

  it('exports all three formats from backfolio/export', async () => {
    expect(summary.files.map((f) => f.format)).toEqual(['csv', 'xlsx', 'pdf']);
    const byFormat = (format: string): Uint8Array => new Uint8Array(readFileSync(join(out, summary.files.find((f) => f.format === format)?.name ?? '')));
    const rows = csvRows(byFormat('csv'));
    expect(rows[0]).toEqual(DATA_HEADER);
    expect(rows).toHaveLength(2001);
    // Escaped by default: text a spreadsheet would run as a formula starts with '.
    expect(rows[2]?.[1]).toBe(`"'=HYPERLINK(""x"")"`);
    const raw = csvRows(new Uint8Array(readFileSync(join(out, 'raw.zip'))));
    expect(raw[2]?.[1]).toBe('"=HYPERLINK(""x"")"');
    const book = await workbookRows(byFormat('xlsx'));
    // A host's sheet is read by people: its header row holds the column labels (the CSV keeps the keys).
    expect(book.rows[0]).toEqual(DATA_LABELS);
    expect(book.rows.slice(1).filter((r) => r.length > 0)).toHaveLength(2000);
    const pdf = await pdfText(byFormat('pdf'), [1, -2]);
    expect(pdf.pages).toBeGreaterThanOrEqual(30);
    // Every row printed (no thinning of a host's table), CJK text in the package's Noto Sans SC.
    expect(summary.files.find((f) => f.format === 'pdf')?.rows).toBe(2000);
    expect(pdf.text).toContain('Node host');
    expect(pdf.text).toContain('北京');
    // What the writers could not do comes back with the files: the rocket the fonts cannot draw.
    expect(summary.files.map((f) => [f.format, f.warnings.length])).toEqual([['csv', 0], ['xlsx', 0], ['pdf', 1]]);
    expect(summary.files[2]?.warnings[0]).toBe('The PDF\'s fonts cannot draw 🚀 (U+1F680), printed as � in “Launch �”.');
    // The host's data is named synthetic in every file.
    const metadata = JSON.parse(strFromU8(unzipSync(byFormat('csv'))['metadata.json'] ?? new Uint8Array())) as { inputs: unknown; export_options: { formula_guard: string } };
    expect(metadata.inputs).toEqual({ data: { synthetic: true, source: 'the consumer test generator' } });
    expect(metadata.export_options.formula_guard).toBe('escape');
    expect((await pdfText(byFormat('pdf'), [1])).text).toMatch(/Synthetic data, not real figures/);
  });

  it('refuses a configuration with a key given twice through backfolio/engine, naming its key path', () => {
    expect(summary.strictJson).toMatch(/^run\.json: 1 key \(strategy\.type\) given twice/);
  });

  it('runs a backtest through the root entry', () => {
    const rows = csvRows(new Uint8Array(readFileSync(join(out, 'backtest.zip'))), 'daily_portfolio_data.csv');
    expect(rows[0]?.slice(0, 2)).toEqual(['date', 'portfolio_value']);
    expect(rows.at(-1)?.[1]).toBe(summary.backtest.finalValue);
  });

  it('runs a sweep on the worker script the package ships (worker_threads), the daily run equal to runBacktest', () => {
    expect(summary.sweep).toHaveLength(3);
    expect(summary.sweep[0]).toBe(summary.backtest.exactFinalValue);
    for (const value of summary.sweep) expect(value).toMatch(/^\d+(\.\d+)?$/);
  });
});

describe('a strict TypeScript project', () => {
  // Three compilers at once: each mostly waits on its own files.
  it.concurrent.each(['tsconfig.json', 'tsconfig.node16.json', 'tsconfig.bundler.json'])('type-checks under %s (nodenext, node16, bundler; exactOptionalPropertyTypes, skipLibCheck off)', async (project) => {
    expect(await typeCheck(host, project)).toBe('');
  }, 300_000);

  it('is what the README shows for React and Vue', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const file of ['useExport.react.ts', 'useExport.vue.ts']) {
      const code = readFileSync(join(ROOT, 'tests', 'consumer', 'hosts', 'tsc-project', 'src', file), 'utf8').trim();
      expect(readme, file).toContain(code);
    }
  });
});

/** Three sweep runs of the hosts' four-day market: final values as exact decimal text, the daily run's known. */
function expectSweep(values: string[]): void {
  expect(values).toHaveLength(3);
  for (const value of values) expect(value).toMatch(/^\d+(\.\d+)?$/);
  expect(new Set(values).size).toBeGreaterThan(1);
}

describe('an esbuild bundle in Chromium', () => {
  it('exports all three formats through the export worker, with nothing blocked by its CSP', async () => {
    const origin = await serve(await buildEsbuildApp(host));
    const { page, watch, close } = await openPage(await chromium(), origin, '/index.html');
    try {
      const runs: ExportRun[] = [];
      for (const format of ['csv', 'xlsx', 'pdf'] as const) runs.push(await page.evaluate(([f]) => window.consumer.run(f, { rows: 2000 }), [format] as const));
      for (const run of runs) console.log(figures(`esbuild, 2,000 rows, ${run.format}`, run));
      expect(runs.map((r) => r.errorCode)).toEqual([null, null, null]);
      expect(csvRows(fileOf(runs[0]!))).toHaveLength(2001);
      expect((await workbookRows(fileOf(runs[1]!))).rows.filter((r) => r.length > 0).length).toBeGreaterThanOrEqual(2001);
      expect((await pdfText(fileOf(runs[2]!), [1])).text).toContain('Consumer host');
      expect(watch.requests.some((url) => url.endsWith('/assets/export.worker.js'))).toBe(true);
      expect(watch.requests.some((url) => url.endsWith('/assets/fonts/DejaVuSans.ttf'))).toBe(true);
      // Under this stricter policy (no 'unsafe-inline' styles) the toasts still bring their own look.
      expectStyledToast(await page.evaluate(() => window.consumer.toast()));
      // runSweep on Web Workers started from the copied assets/sweep.worker.js.
      expectSweep(await page.evaluate(() => window.consumer.sweep()));
      expect(watch.requests.some((url) => url.endsWith('/assets/sweep.worker.js'))).toBe(true);
      expect(watch.pageErrors).toEqual([]);
      expect(watch.cspViolations).toEqual([]);
      expect(watch.foreignRequests).toEqual([]);
    } finally {
      await close();
    }
  }, 300_000);
});

describe('a Vite app without configuration', () => {
  let origin = '';
  let dist = '';

  beforeAll(async () => {
    dist = await buildViteApp(host);
    origin = await serve(dist);
  }, 300_000);

  it('loads no heavy library at page load: no decimal.js, SheetJS, jsPDF or worker in the first-load files', () => {
    const code = firstLoadFiles(dist).map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    expect(code).not.toMatch(/DecimalError|\[DecimalError\]/);
    expect(code).not.toContain('SheetJS');
    expect(code).not.toMatch(/jsPDF/);
    // The worker is its own file, started on the first export.
    const assets = readdirSync(join(dist, 'assets'));
    expect(assets.some((f) => /^export\.worker-.*\.js$/.test(f))).toBe(true);
  });

  it('runs a sweep on Web Workers that Vite emitted from the package, the engine loaded only then', async () => {
    const { page, watch, close } = await openPage(await chromium(), origin, '/index.html');
    try {
      expectSweep(await page.evaluate(() => window.consumer.sweep()));
      expect(watch.cspViolations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('styles the toasts of createToaster by itself under the documented CSP: no CSS imported by the host', async () => {
    const { page, watch, close } = await openPage(await chromium(), origin, '/index.html');
    try {
      expectStyledToast(await page.evaluate(() => window.consumer.toast()));
      expect(watch.cspViolations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('writes a 20,000-row workbook and PDF in the worker while the page keeps running, and reads them back', async () => {
    const { page, watch, close } = await openPage(await chromium(), origin, '/index.html');
    try {
      expect(watch.requests.some((url) => url.includes('export.worker'))).toBe(false);
      const xlsx = await page.evaluate(() => window.consumer.run('xlsx', { rows: 20_000 }));
      console.log(figures('Vite, 20,000 rows, xlsx in the worker', xlsx));
      const pdf = await page.evaluate(() => window.consumer.run('pdf', { rows: 20_000 }));
      console.log(figures('Vite, 20,000 rows, PDF in the worker', pdf));
      expect(watch.requests.some((url) => url.includes('export.worker'))).toBe(true);
      for (const run of [xlsx, pdf]) {
        expect(run.errorCode).toBeNull();
        // The page's 10 ms timer kept firing while the file was written (a blocked page fires it once or twice).
        expect(run.ticks).toBeGreaterThan(5);
      }
      const book = await workbookRows(fileOf(xlsx));
      expect(book.rows[0]).toEqual(DATA_LABELS);
      const data = book.rows.slice(1).filter((r) => r.length > 0);
      expect(data).toHaveLength(20_000);
      expect(data[19_999]?.[4]).toBe(100 + (19_999 % 97));
      expect(pdf.rows).toBe(20_000);
      const text = await pdfText(fileOf(pdf), [-3, -2]);
      expect(text.pages).toBeGreaterThan(300);
      // The last row (day 19,999 after 2000-01-01) is printed before the methodology: nothing was left out.
      expect(text.text).toContain(new Date(Date.UTC(2000, 0, 1) + 19_999 * 86_400_000).toISOString().slice(0, 10));
      expect(watch.pageErrors).toEqual([]);
      expect(watch.cspViolations).toEqual([]);
    } finally {
      await close();
    }
  }, 600_000);

  it('delivers nothing when an export is cancelled, in every format, and exports again afterwards', async () => {
    const { page, watch, close } = await openPage(await chromium(), origin, '/index.html');
    try {
      for (const format of ['csv', 'xlsx', 'pdf'] as const) {
        // As soon as the writer reports progress: it is running (in the worker), the file unfinished.
        const run = await page.evaluate(([f]) => window.consumer.run(f, { rows: 20_000, abortAt: 0.01 }), [format] as const);
        console.log(figures(`Vite, 20,000 rows, ${format} cancelled mid-file`, run));
        expect(run.errorCode).toBe('ABORTED');
        expect(run.base64).toBeNull();
        expect(run.abortLatencyMs).not.toBeNull();
      }
      const again = await page.evaluate(() => window.consumer.run('csv', { rows: 500 }));
      expect(again.errorCode).toBeNull();
      expect(csvRows(fileOf(again))).toHaveLength(501);
      expect(watch.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  }, 600_000);

  it('writes on the page when asked (worker: false), still yielding to the page', async () => {
    const { page, close } = await openPage(await chromium(), origin, '/index.html');
    try {
      const run = await page.evaluate(() => window.consumer.run('xlsx', { rows: 5000, worker: false }));
      console.log(figures('Vite, 5,000 rows, xlsx on the page', run));
      expect(run.errorCode).toBeNull();
      expect(run.ticks).toBeGreaterThan(1);
      expect((await workbookRows(fileOf(run))).rows.filter((r) => r.length > 0).length).toBeGreaterThanOrEqual(5001);
    } finally {
      await close();
    }
  }, 300_000);

  it("works in Vite's dev server, worker included, without optimizeDeps settings", async () => {
    const { createServer } = await import('vite');
    const server = await createServer({ root: join(host.dir, 'vite-app'), configFile: false, logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      const address = server.httpServer?.address();
      if (address === null || address === undefined || typeof address === 'string') throw new Error('dev server has no port');
      const { page, watch, close } = await openPage(await chromium(), `http://127.0.0.1:${address.port}`, '/index.html');
      try {
        const csv = await page.evaluate(() => window.consumer.run('csv', { rows: 300 }));
        const pdf = await page.evaluate(() => window.consumer.run('pdf', { rows: 300 }));
        expect([csv.errorCode, pdf.errorCode]).toEqual([null, null]);
        expect(csvRows(fileOf(csv))).toHaveLength(301);
        expect((await pdfText(fileOf(pdf), [1])).text).toContain('Consumer host');
        expect(watch.requests.some((url) => url.includes('export.worker'))).toBe(true);
        expect(watch.pageErrors).toEqual([]);
      } finally {
        await close();
      }
    } finally {
      await server.close();
    }
  }, 300_000);
});
