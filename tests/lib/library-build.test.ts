/**
 * The library build (`npm run build:lib`): Vite library mode into dist-lib/ plus declarations,
 * then the built ESM entries imported in Node (as a host's script would) to run a tiny backtest
 * and write a CSV package; the exports map points at files that exist; heavy dependencies stay
 * external; the bundle has no eval.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist-lib');
const BIN = join(ROOT, 'node_modules', '.bin');

const PRICES = [
  'date,AAA,BBB',
  '2024-01-01,100,50',
  '2024-01-02,101,50.5',
  '2024-01-03,99.5,51',
  '2024-01-04,102,50.75',
  '2024-01-05,103.25,50.5',
  '2024-01-08,104,51.25',
].join('\n');

const CONFIG = {
  name: 'Library smoke',
  start_date: '2024-01-01',
  end_date: '2024-01-08',
  initial_capital: '10000',
  base_currency: 'USD',
  rebalancing_frequency: 'daily',
  transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
  strategy: { type: 'fixed', weights: { AAA: 0.5, BBB: 0.5 } },
};

interface LibraryModule {
  parsePriceCsv(text: string): unknown;
  runBacktest(input: { config: Record<string, unknown>; prices: unknown }): {
    dates: string[];
    strategy: { values: { toFixed(dp: number): string }[] };
  };
  buildReport(result: unknown, options: Record<string, unknown>): unknown;
  exportReport(report: unknown, options: Record<string, unknown>): Promise<{ files: { name: string; bytes: Uint8Array; rows: number }[] }>;
  BackfolioError: new (...args: never[]) => Error;
}

function listJs(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.js')).map((name) => join(dir, name));
}

beforeAll(() => {
  execFileSync(join(BIN, 'vite'), ['build', '-c', 'vite.lib.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'pipe' });
  execFileSync(join(BIN, 'tsc'), ['-p', 'tsconfig.lib.json'], { cwd: ROOT, stdio: 'pipe' });
}, 240_000);

describe('library build', () => {
  it('emits every entry of the exports map, with declarations', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, string | { types: string; import: string }>;
      types: string;
      main: string;
    };
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      // "types" must come first so TypeScript picks it before "import".
      expect(Object.keys(target)[0], subpath).toBe('types');
      expect(existsSync(join(ROOT, target.import)), target.import).toBe(true);
      expect(existsSync(join(ROOT, target.types)), target.types).toBe(true);
    }
    expect(existsSync(join(ROOT, pkg.types))).toBe(true);
    expect(existsSync(join(ROOT, pkg.main))).toBe(true);
    expect(readFileSync(join(DIST, 'types', 'index.d.ts'), 'utf8')).toMatch(/export \{ runBacktest/);
  });

  it('exports the documented API from the built entry', async () => {
    const lib = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as Record<string, unknown>;
    const functions = [
      'runBacktest', 'validateConfig', 'parsePriceCsv', 'parseFxCsv', 'decodeCsvBytes', 'buildReport', 'reportFromTables',
      'exportReport', 'getWriter', 'registerWriter', 'exportFileName', 'downloadBytes', 'captureElement', 'createEventBus', 'createToaster',
    ];
    for (const name of functions) expect(typeof lib[name], name).toBe('function');
    expect(Array.isArray(lib.EXAMPLES)).toBe(true);
    expect(typeof lib.BackfolioError).toBe('function');
    const exporter = (await import(pathToFileURL(join(DIST, 'export.js')).href)) as Record<string, unknown>;
    for (const name of ['reportFromTables', 'exportReport', 'downloadBytes', 'getWriter', 'captureElement']) expect(typeof exporter[name], name).toBe('function');
    expect(exporter.runBacktest).toBeUndefined();
  });

  it('keeps the heavy dependencies external (imported, not bundled)', () => {
    const code = listJs(DIST).map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(code).toMatch(/from "decimal\.js"/);
    expect(code).toMatch(/import\("xlsx"\)/);
    expect(code).toMatch(/import\("jspdf"\)/);
    // SheetJS and jsPDF sources would carry these banners if bundled.
    expect(code).not.toContain('SheetJS Community Edition');
    expect(code).not.toContain('jsPDF - PDF Document creation');
  });

  it('has no eval or new Function in the built library', () => {
    for (const file of listJs(DIST)) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/\beval\s*\(/);
      expect(code, file).not.toMatch(/new\s+Function\s*\(/);
    }
  });

  it('runs a backtest and writes a CSV package from the built ESM entry in Node', async () => {
    const lib = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as LibraryModule;
    const result = lib.runBacktest({ config: CONFIG, prices: lib.parsePriceCsv(PRICES) });
    expect(result.dates).toHaveLength(6);
    const report = lib.buildReport(result, { formats: ['csv'], template: 'detailed', bom: true });
    const { files } = await lib.exportReport(report, { formats: ['csv'], now: () => new Date('2025-09-06T08:38:40Z') });
    expect(files).toHaveLength(1);
    const file = files[0];
    expect(file?.name).toBe('library_smoke_2025-09-06T08-38-40Z.zip');
    const entries = unzipSync(file?.bytes ?? new Uint8Array());
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['daily_portfolio_data.csv', 'metadata.json']));
    const daily = new TextDecoder().decode(entries['daily_portfolio_data.csv']).replace(/^\ufeff/, '').split('\r\n');
    expect(daily[0]?.startsWith('date,portfolio_value,')).toBe(true);
    // The final value in the file is the engine's, to the cent.
    const last = daily.filter((line) => line !== '').at(-1) ?? '';
    expect(last.split(',')[1]).toBe(result.strategy.values.at(-1)?.toFixed(2));
  });

  it('rejects bad input from the built entry with the library error class', async () => {
    const lib = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as LibraryModule;
    expect(() => lib.parsePriceCsv('date,AAA\n2024-01-01,NaN\n')).toThrow(lib.BackfolioError);
    expect(() => lib.parsePriceCsv('date,AAA\n2024-01-01,NaN\n')).toThrow(/row 2, column AAA/);
  });

  it('exposes the engine alone from ./engine, without the export layer', async () => {
    const engine = (await import(pathToFileURL(join(DIST, 'engine.js')).href)) as Record<string, unknown>;
    expect(typeof engine.runBacktest).toBe('function');
    expect(typeof engine.validateConfig).toBe('function');
    expect(engine.exportReport).toBeUndefined();
    const source = readFileSync(join(DIST, 'engine.js'), 'utf8');
    expect(source).not.toMatch(/registry|download/);
  });
});
