import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FORMATS } from '../../src/cli/args';
import { main, formatSize, type CliIo } from '../../src/cli/main';
import { generateSyntheticPrices } from '../../src/data/examples/synthetic';
import { registerWriter } from '../../src/export/registry';

const NOW = new Date('2025-09-06T08:38:40.123Z');
const STAMP = '2025-09-06T08-38-40Z';

let dir = '';
let out = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backfolio-cli-'));
  out = join(dir, 'out');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process, capturing what it prints. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: () => NOW };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const listOut = (): string[] => (existsSync(out) ? readdirSync(out) : []);

/** A small run: two synthetic assets, one year of business days, equal weight. */
function writeInputs(): { config: string; prices: string } {
  const prices = join(dir, 'prices.csv');
  writeFileSync(prices, generateSyntheticPrices({ assets: 2, start: '2023-01-01', end: '2023-12-31', calendar: 'business', seed: 5 }).csv);
  const config = join(dir, 'run.json');
  writeFileSync(
    config,
    JSON.stringify({
      name: 'Small Run',
      start_date: '2023-01-02',
      end_date: '2023-12-29',
      initial_capital: '1000',
      base_currency: 'USD',
      rebalancing_frequency: 'monthly',
      transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
      strategy: { type: 'equal_weight', assets: ['A01', 'A02'] },
      benchmarks: [{ name: 'first', type: 'buy_and_hold', asset: 'A01' }],
    }),
  );
  return { config, prices };
}

interface JsonOutput {
  config: Record<string, unknown>;
  inputs: { prices: { name: string; bytes: number; sha256: string } };
  result: { dates: string[]; strategy: { values: string[]; metrics: Record<string, unknown> } };
}

const readJson = (name: string): JsonOutput => JSON.parse(readFileSync(join(out, name), 'utf8')) as JsonOutput;

describe('main: runs', () => {
  it('with no arguments runs the bundled crypto example into ./out, in the default formats', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { code, stdout, stderr } = await run([]);
      expect(stderr).not.toContain('backtest:');
      expect(code).toBe(0);
      const extensions = DEFAULT_FORMATS.map((f) => (f === 'csv' ? 'zip' : f));
      const names = extensions.map((ext) => `risk_parity_crypto_synthetic_${STAMP}.${ext}`);
      expect(listOut().sort()).toEqual([...names].sort());
      const lines = stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(names.length);
      names.forEach((name, i) => {
        const size = readFileSync(join(out, name)).length;
        expect(lines[i]).toBe(`${join('out', name)}  ${formatSize(size)}`);
      });
    } finally {
      process.chdir(cwd);
    }
  });

  it('--format json writes the result with its inputs, Decimals as strings', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { code } = await run(['--format', 'json']);
      expect(code).toBe(0);
      expect(listOut()).toEqual([`risk_parity_crypto_synthetic_${STAMP}.json`]);
      const doc = readJson(`risk_parity_crypto_synthetic_${STAMP}.json`);
      expect(doc.inputs.prices).toEqual({
        name: 'crypto-risk-parity.csv',
        bytes: 98573,
        sha256: '5c6238fb908409949a643a21f915a639a7881f480d2d93ce0fc79ef05f1f2780',
        // The bundled example says what its data is.
        synthetic: true,
        source: 'Generated in the browser by src/data/examples/synthetic.ts (mulberry32, seed 42)',
      });
      expect(doc.result.dates[0]).toBe('2020-01-01');
      expect(doc.result.dates.at(-1)).toBe('2024-12-31');
      // Decimals are written as strings, never as floats.
      expect(typeof doc.result.strategy.values[0]).toBe('string');
    } finally {
      process.chdir(cwd);
    }
  });

  it('runs --config/--prices into --out with --prefix, the size line matching the file', async () => {
    const { config, prices } = writeInputs();
    const { code, stdout, stderr } = await run(['--config', config, '--prices', prices, '--out', out, '--prefix', 'Été run!', '--format', 'json']);
    expect(stderr).not.toContain('backtest:');
    expect(code).toBe(0);
    const name = `ete_run_${STAMP}.json`;
    expect(listOut()).toEqual([name]);
    const size = readFileSync(join(out, name)).length;
    expect(stdout).toBe(`${join(out, name)}  ${formatSize(size)}\n`);
    const doc = readJson(name);
    expect(doc.config.name).toBe('Small Run');
    expect(doc.inputs.prices.name).toBe('prices.csv');
    expect(doc.inputs.prices.bytes).toBe(readFileSync(prices).length);
  });

  it('--reproduce with the same data gives the same numbers; other data is refused with exit 1', async () => {
    const { config, prices } = writeInputs();
    expect((await run(['--config', config, '--prices', prices, '--out', out, '--format', 'json'])).code).toBe(0);
    const [first] = listOut();
    const original = readJson(first ?? '');
    const again = join(dir, 'again');
    const ok = await run(['--reproduce', join(out, first ?? ''), '--prices', prices, '--out', again, '--prefix', 'again', '--format', 'json']);
    expect(ok.stderr).not.toContain('backtest:');
    expect(ok.code).toBe(0);
    const reproduced = JSON.parse(readFileSync(join(again, `again_${STAMP}.json`), 'utf8')) as JsonOutput;
    expect(reproduced.result.strategy.values).toEqual(original.result.strategy.values);
    expect(reproduced.result.strategy.metrics).toEqual(original.result.strategy.metrics);

    writeFileSync(prices, `${readFileSync(prices, 'utf8')}\n`);
    const refused = await run(['--reproduce', join(out, first ?? ''), '--prices', prices, '--out', join(dir, 'refused')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the data differs');
    expect(refused.stderr).toContain('SHA-256');
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  });

  it('--reproduce without --prices finds the bundled example by its hash', async () => {
    const metadata = join(dir, 'metadata.json');
    const { EXAMPLES } = await import('../../src/data/examples/index');
    const sp500 = EXAMPLES.find((e) => e.id === 'sp500');
    const { sha256Hex } = await import('../../src/export/sha256');
    const csv = await sp500!.loadPrices();
    writeFileSync(metadata, JSON.stringify({ config: sp500!.config, inputs: { prices: { name: 'sp500.csv', sha256: sha256Hex(new TextEncoder().encode(csv)) } } }));
    const { code, stderr } = await run(['--reproduce', metadata, '--out', out, '--format', 'json']);
    expect(stderr).not.toContain('backtest:');
    expect(code).toBe(0);
    expect(listOut()).toEqual([`sp500_fixed_100_${STAMP}.json`]);
  });

  it('--example runs another bundled example', async () => {
    const { code } = await run(['--example', 'us-stocks', '--out', out, '--format', 'json']);
    expect(code).toBe(0);
    expect(listOut()).toEqual([`us_stocks_inverse_volatility_${STAMP}.json`]);
  });

  it('--fx converts a foreign asset; the FX file is hashed and required again by --reproduce', async () => {
    const { config } = writeInputs();
    const lines = generateSyntheticPrices({ assets: 2, start: '2023-01-01', end: '2023-12-31', calendar: 'business', seed: 5 }).csv.trim().split('\n');
    const long = ['date,symbol,price,currency', ...lines.slice(1).flatMap((line) => {
      const [date, a, b] = line.split(',');
      return [`${date},A01,${a},USD`, `${date},A02,${b},EUR`];
    })];
    const prices = join(dir, 'long.csv');
    writeFileSync(prices, `${long.join('\n')}\n`);
    const fx = join(dir, 'fx.csv');
    writeFileSync(fx, 'date,from_currency,to_currency,rate\n2022-12-30,EUR,USD,1.07\n2023-06-30,EUR,USD,1.09\n');
    const withoutFx = await run(['--config', config, '--prices', prices, '--out', out, '--format', 'json']);
    expect(withoutFx.code).toBe(1);
    expect(withoutFx.stderr).toContain('EUR');
    expect(listOut()).toEqual([]);

    const ok = await run(['--config', config, '--prices', prices, '--fx', fx, '--out', out, '--format', 'json']);
    expect(ok.stderr).not.toContain('backtest:');
    expect(ok.code).toBe(0);
    const [name] = listOut();
    const doc = JSON.parse(readFileSync(join(out, name ?? ''), 'utf8')) as { inputs: { fx?: { name: string; sha256: string } } };
    expect(doc.inputs.fx?.name).toBe('fx.csv');
    expect(doc.inputs.fx?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const refused = await run(['--reproduce', join(out, name ?? ''), '--prices', prices, '--out', join(dir, 'again'), '--format', 'json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pass it with --fx');
    const again = await run(['--reproduce', join(out, name ?? ''), '--prices', prices, '--fx', fx, '--out', join(dir, 'again'), '--format', 'json']);
    expect(again.code).toBe(0);
  });

  it("prints each file's warnings after the file lines: an emoji benchmark name the PDF fonts cannot draw", async () => {
    const { config, prices } = writeInputs();
    const configJson = JSON.parse(readFileSync(config, 'utf8')) as { benchmarks: { name: string }[] };
    configJson.benchmarks[0]!.name = 'Moon 🚀 fund';
    writeFileSync(config, JSON.stringify(configJson));
    const printed: string[] = [];
    const io: CliIo = { stdout: (t) => printed.push(`out ${t}`), stderr: (t) => printed.push(`err ${t}`), now: () => NOW };
    const code = await main(['--config', config, '--prices', prices, '--out', out, '--format', 'csv,pdf', '--template', 'executive'], io);
    expect(code).toBe(0);
    const pdf = `small_run_${STAMP}.pdf`;
    // The run's own warnings (periods per year inferred) come before the files; the files' after them.
    expect(printed.slice(printed.findIndex((line) => line.startsWith('out ')))).toEqual([
      `out ${join(out, `small_run_${STAMP}.zip`)}  ${formatSize(readFileSync(join(out, `small_run_${STAMP}.zip`)).length)}\n`,
      `out ${join(out, pdf)}  ${formatSize(readFileSync(join(out, pdf)).length)}\n`,
      expect.stringMatching(new RegExp(`^err warning: ${pdf}: The PDF's fonts cannot draw 🚀 \\(U\\+1F680\\), printed as � in “[^”]*Moon � fund[^”]*”\\.\n$`, 'u')),
    ]);
  }, 60_000);

  it('prints parser notes on stderr and still succeeds', async () => {
    const { config } = writeInputs();
    const prices = join(dir, 'unsorted.csv');
    const lines = generateSyntheticPrices({ assets: 2, start: '2023-01-01', end: '2023-12-31', calendar: 'business', seed: 5 }).csv.trim().split('\n');
    writeFileSync(prices, [lines[0], ...lines.slice(1).reverse()].join('\n'));
    const { code, stderr } = await run(['--config', config, '--prices', prices, '--out', out, '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toContain('note: Dates were not in ascending order for 2 symbols (A01, A02); sorted.');
  });
});

describe('main: failures write nothing', () => {
  it('--help prints usage and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage:');
    expect(listOut()).toEqual([]);
  });

  it.each([
    [['--bogus'], 'unknown option'],
    [['--format', 'docx', '--out', 'OUT'], 'docx'],
    [['--config', 'x.json', '--out', 'OUT'], '--config needs --prices'],
    [['--example', 'nope', '--out', 'OUT'], '--example: got "nope"'],
  ])('bad arguments %j exit 2 with one message', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv.map((a) => (a === 'OUT' ? out : a)));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.startsWith('backtest: ')).toBe(true);
    expect(listOut()).toEqual([]);
  });

  it('a missing file, bad JSON, bad prices and a bad configuration exit 1 naming the problem', async () => {
    const { config, prices } = writeInputs();
    const missing = await run(['--config', config, '--prices', join(dir, 'nope.csv'), '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.csv: cannot read the file (no such file)');

    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, '{ "name": ');
    const json = await run(['--config', badJson, '--prices', prices, '--out', out]);
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('bad.json: not valid JSON');

    const nullConfig = join(dir, 'null.json');
    writeFileSync(nullConfig, 'null');
    const notObject = await run(['--config', nullConfig, '--prices', prices, '--out', out]);
    expect(notObject.code).toBe(1);
    expect(notObject.stderr).toContain('null.json: got null, expected a JSON object');

    const badPrices = join(dir, 'bad.csv');
    writeFileSync(badPrices, 'date,A01,A02\n2023-01-02,1,2\n2023-01-03,NaN,2\n');
    const parse = await run(['--config', config, '--prices', badPrices, '--out', out]);
    expect(parse.code).toBe(1);
    expect(parse.stderr).toContain('bad.csv: The price file cannot be used (1 problem)');
    expect(parse.stderr).toContain('row 3, column A01: got "NaN"');

    const typo = join(dir, 'typo.json');
    writeFileSync(typo, readFileSync(config, 'utf8').replace('"rebalancing_frequency"', '"rebalancing_frequncy"'));
    const invalid = await run(['--config', typo, '--prices', prices, '--out', out]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('rebalancing_frequncy');
    expect(listOut()).toEqual([]);
  });

  it('when one format fails after another succeeded, no file is left (not even a temporary one)', async () => {
    const { config, prices } = writeInputs();
    registerWriter('pdf', {
      format: 'pdf',
      label: 'failing',
      write: async () => {
        throw new Error('pdf writer exploded');
      },
    });
    registerWriter('csv', {
      format: 'csv',
      label: 'tiny',
      write: async () => ({ bytes: new Uint8Array([1, 2, 3]), extension: 'zip', mimeType: 'application/zip', rows: 0 }),
    });
    try {
      const failed = await run(['--config', config, '--prices', prices, '--out', out, '--format', 'csv,pdf']);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('pdf writer exploded');
      expect(listOut()).toEqual([]);
      const ok = await run(['--config', config, '--prices', prices, '--out', out, '--format', 'csv,json']);
      expect(ok.code).toBe(0);
      expect(listOut().sort()).toEqual([`small_run_${STAMP}.json`, `small_run_${STAMP}.zip`]);
      expect(ok.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    } finally {
      // The registry is module state: put the built-in writers back for the other tests.
      registerWriter('csv', async () => (await import('../../src/export/csv/index')).csvWriter);
      registerWriter('pdf', async () => (await import('../../src/export/pdf/index')).pdfWriter);
    }
  });
});

describe('main: real CSV package round trip', () => {
  it('--reproduce with the metadata.json of a CSV export rewrites the same CSV files', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const { config, prices } = writeInputs();
    const first = await run(['--config', config, '--prices', prices, '--out', out, '--format', 'csv']);
    expect(first.stderr).not.toContain('backtest:');
    expect(first.code).toBe(0);
    const zipName = `small_run_${STAMP}.zip`;
    expect(listOut()).toEqual([zipName]);
    const original = unzipSync(new Uint8Array(readFileSync(join(out, zipName))));
    const metadataText = strFromU8(original['metadata.json'] ?? new Uint8Array());
    const metadata = JSON.parse(metadataText) as { config: { name: string }; inputs: { prices: { sha256: string } } };
    expect(metadata.config.name).toBe('Small Run');
    const { sha256Hex } = await import('../../src/export/sha256');
    expect(metadata.inputs.prices.sha256).toBe(sha256Hex(new Uint8Array(readFileSync(prices))));

    const metadataPath = join(dir, 'metadata.json');
    writeFileSync(metadataPath, metadataText);
    const again = join(dir, 'again');
    const second = await run(['--reproduce', metadataPath, '--prices', prices, '--out', again, '--format', 'csv']);
    expect(second.stderr).not.toContain('backtest:');
    expect(second.stderr).toMatch(/all \d+ recorded files reproduced with the same SHA-256/);
    expect(second.code).toBe(0);
    const reproduced = unzipSync(new Uint8Array(readFileSync(join(again, zipName))));
    const csvNames = Object.keys(original).filter((n) => n.endsWith('.csv'));
    expect(csvNames.length).toBeGreaterThan(5);
    expect(Object.keys(reproduced).sort()).toEqual(Object.keys(original).sort());
    for (const name of csvNames) expect(strFromU8(reproduced[name] ?? new Uint8Array())).toBe(strFromU8(original[name] ?? new Uint8Array()));
  });

  it('--reproduce of an edited metadata file is refused, naming the files that differ, and writes nothing (any format)', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const { config, prices } = writeInputs();
    expect((await run(['--config', config, '--prices', prices, '--out', out, '--format', 'csv'])).code).toBe(0);
    const original = unzipSync(new Uint8Array(readFileSync(join(out, `small_run_${STAMP}.zip`))));
    const metadata = JSON.parse(strFromU8(original['metadata.json'] ?? new Uint8Array())) as { config: Record<string, unknown> };
    // Unchanged, it is verified even when the CSV package is not asked for.
    const metadataPath = join(dir, 'metadata.json');
    writeFileSync(metadataPath, JSON.stringify(metadata));
    const verified = await run(['--reproduce', metadataPath, '--prices', prices, '--out', join(dir, 'json-ok'), '--format', 'json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stderr).toContain('recorded files reproduced with the same SHA-256');
    // Only a recorded hash edited: exactly that file is named.
    const files = (metadata as unknown as { files: { name: string; sha256: string }[] }).files;
    const forged = join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify({ ...metadata, files: files.map((f, i) => (i === 1 ? { ...f, sha256: 'f'.repeat(64) } : f)) }));
    const refusedForged = await run(['--reproduce', forged, '--prices', prices, '--out', join(dir, 'forged-out'), '--format', 'csv']);
    expect(refusedForged.code).toBe(1);
    expect(refusedForged.stderr).toContain(`1 file (${files[1]?.name ?? ''}) differs from the SHA-256 recorded in its "files" field`);
    // Edited: refused, whatever the format asked.
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, JSON.stringify({ ...metadata, config: { ...metadata.config, initial_capital: '12345' } }));
    for (const format of ['csv', 'json', 'xlsx']) {
      const target = join(dir, `edited-${format}`);
      const refused = await run(['--reproduce', edited, '--prices', prices, '--out', target, '--format', format]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--reproduce edited.json: the reproduced export is not the one this metadata describes');
      expect(refused.stderr).toContain('daily_portfolio_data.csv');
      expect(refused.stderr).toContain('"config" field');
      expect(refused.stdout).toBe('');
      expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
    }
  });

  it('--reproduce reuses the recorded template and BOM choice unless they are given again', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const { config, prices } = writeInputs();
    const first = await run(['--config', config, '--prices', prices, '--out', out, '--format', 'csv', '--no-bom', '--template', 'executive']);
    expect(first.code).toBe(0);
    const zipName = `small_run_${STAMP}.zip`;
    const original = unzipSync(new Uint8Array(readFileSync(join(out, zipName))));
    const metadataPath = join(dir, 'metadata.json');
    writeFileSync(metadataPath, strFromU8(original['metadata.json'] ?? new Uint8Array()));

    const again = join(dir, 'again');
    expect((await run(['--reproduce', metadataPath, '--prices', prices, '--out', again, '--format', 'csv'])).code).toBe(0);
    const reproduced = unzipSync(new Uint8Array(readFileSync(join(again, zipName))));
    const daily = reproduced['daily_portfolio_data.csv'] ?? new Uint8Array();
    expect(daily[0]).toBe('d'.charCodeAt(0)); // no byte-order mark, as recorded
    const options = (JSON.parse(strFromU8(reproduced['metadata.json'] ?? new Uint8Array())) as { export_options: { template: string; bom: boolean } }).export_options;
    expect(options).toMatchObject({ template: 'executive', bom: false, formula_guard: 'escape' });

    // An export written without the formula guard (a host's `csv: { formulaGuard: 'none' }`) is reproduced without it.
    const unguarded = join(dir, 'unguarded.json');
    const recorded = JSON.parse(strFromU8(original['metadata.json'] ?? new Uint8Array())) as { export_options: Record<string, unknown> };
    writeFileSync(unguarded, JSON.stringify({ ...recorded, export_options: { ...recorded.export_options, formula_guard: 'none' } }));
    expect((await run(['--reproduce', unguarded, '--prices', prices, '--out', join(dir, 'unguarded'), '--format', 'csv'])).code).toBe(0);
    const rewritten = unzipSync(new Uint8Array(readFileSync(join(dir, 'unguarded', zipName))));
    expect(JSON.parse(strFromU8(rewritten['metadata.json'] ?? new Uint8Array()))).toMatchObject({ export_options: { formula_guard: 'none' } });

    const overridden = join(dir, 'overridden');
    expect((await run(['--reproduce', metadataPath, '--prices', prices, '--out', overridden, '--format', 'csv', '--template', 'compliance'])).code).toBe(0);
    const third = unzipSync(new Uint8Array(readFileSync(join(overridden, zipName))));
    expect(JSON.parse(strFromU8(third['metadata.json'] ?? new Uint8Array()))).toMatchObject({ export_options: { template: 'compliance', bom: false } });
  });
});

describe('main: every input problem in one run', () => {
  it('reports configuration and price file problems together, naming each file, and writes nothing', async () => {
    const config = join(dir, 'bad-run.json');
    writeFileSync(config, JSON.stringify({ name: 'x', start_date: '2024-01-01', end_date: '2024-03-01', initial_capital: 'ten', base_currency: 'USD', rebalancing_frequency: 'monthly', strategy: { type: 'equal_weight', assets: ['AAA'] } }));
    const prices = join(dir, 'bad-prices.csv');
    writeFileSync(prices, 'date,symbol,price\n2024-01-01,AAA,10\n2024-01-02,AAA,-3\n');
    const { code, stderr } = await run(['--config', config, '--prices', prices, '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toContain('bad-run.json: Invalid run configuration');
    expect(stderr).toContain('initial_capital: got "ten"');
    expect(stderr).toContain('bad-prices.csv: The price file cannot be used');
    expect(stderr).toContain('row 3, column price: got "-3"');
    expect(listOut()).toEqual([]);
  });
});
