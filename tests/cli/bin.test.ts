/**
 * The built command (`backfolio`, package.json bin): scripts/build-cli.mjs bundles it into plain
 * JavaScript, which runs with `node` alone (no TypeScript at run time), prints the help, and runs
 * a backtest to the same files as the in-process `main`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/args';
import { generateSyntheticPrices } from '../../src/data/examples/synthetic';

const root = join(__dirname, '../..');
let dir = '';
let bin = '';

beforeAll(() => {
  // Inside the repository (tmp/ is ignored by git): the command finds its dependencies in node_modules.
  mkdirSync(join(root, 'tmp'), { recursive: true });
  dir = mkdtempSync(join(root, 'tmp', 'bin-test-'));
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--outdir', join(dir, 'dist-cli')], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  bin = join(dir, 'dist-cli', 'backfolio.mjs');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built command with plain `node` (from the repository, so node_modules resolves). */
function runBin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the built backfolio command', () => {
  it('is JavaScript with a node shebang, and the package points its bin and scripts at it', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin.backfolio).toBe('./dist-cli/backfolio.mjs');
    expect(pkg.scripts.prepare).toContain('scripts/build-cli.mjs');
    expect(pkg.scripts.backtest).toBe('node dist-cli/backfolio.mjs');
  });

  it('prints the help and exits 0', () => {
    const run = runBin(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${USAGE}\n`);
  });

  it('reports a bad argument with exit code 2', () => {
    const run = runBin(['--format', 'docx']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--format: got "docx"');
  });

  it('reads a quoted price file (the parser loaded on first use) and writes the raw result', () => {
    const prices = join(dir, 'quoted.csv');
    writeFileSync(prices, 'date,symbol,price\n2024-01-01,"AAA",10\n2024-01-02,AAA,"11.5"\n2024-01-03,AAA,12\n');
    const config = join(dir, 'quoted.json');
    writeFileSync(
      config,
      JSON.stringify({
        name: 'Quoted',
        start_date: '2024-01-01',
        end_date: '2024-01-03',
        initial_capital: '1000',
        base_currency: 'USD',
        rebalancing_frequency: 'never',
        transaction_costs: { fixed_per_trade: '0', percentage: '0' },
        strategy: { type: 'equal_weight', assets: ['AAA'] },
      }),
    );
    const out = join(dir, 'out-quoted');
    const run = runBin(['--config', config, '--prices', prices, '--out', out, '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const [file] = readdirSync(out);
    const json = JSON.parse(readFileSync(join(out, file as string), 'utf8')) as { result: { strategy: { values: string[] } } };
    expect(json.result.strategy.values).toEqual(['1000', '1150', '1200']);
  });

  it('runs a backtest to a CSV package', () => {
    const prices = join(dir, 'prices.csv');
    writeFileSync(prices, generateSyntheticPrices({ assets: 3, start: '2023-01-01', end: '2023-06-30', calendar: 'business', seed: 3 }).csv);
    const config = join(dir, 'run.json');
    writeFileSync(
      config,
      JSON.stringify({
        name: 'Bin Run',
        start_date: '2023-01-02',
        end_date: '2023-06-30',
        initial_capital: '10000',
        base_currency: 'USD',
        rebalancing_frequency: 'monthly',
        transaction_costs: { fixed_per_trade: '1', percentage: '0.001' },
        strategy: { type: 'equal_weight', assets: ['A01', 'A02', 'A03'] },
        benchmarks: [{ name: 'first', type: 'buy_and_hold', asset: 'A01' }],
      }),
    );
    const out = join(dir, 'out');
    const run = runBin(['--config', config, '--prices', prices, '--out', out, '--format', 'csv']);
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^bin_run_\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.zip$/);
    const entries = unzipSync(new Uint8Array(readFileSync(join(out, files[0] as string))));
    expect(Object.keys(entries)).toContain('metadata.json');
    const daily = new TextDecoder().decode(entries['daily_values.csv'] ?? entries[Object.keys(entries).find((k) => k.startsWith('daily')) ?? ''] ?? new Uint8Array());
    expect(daily.split('\r\n').length).toBeGreaterThan(100);
  });
});
