/**
 * CSV package speed and memory: (1) the command line's bench run (40 assets × 10 business-day
 * years, equal weight, monthly + 5/25 bands, costs; target ≤ 150 ms for the package), then the
 * deflate level table on that package's files (fflate as in a page, node:zlib as on the command
 * line) from which `ZIP_LEVEL` was chosen, and (2) a daily-rebalanced 40-asset run with ≥ 100,000
 * trades. The report model is built once and timed apart (it is not the package); the package is
 * written 5 times and the median and best are printed with CPU time, because the machine is
 * shared and wall time then includes waiting for a core. Peak heap is sampled at every progress
 * callback (once per batch of rows), so it sees the writer at its largest.
 */
import { deflateSync, unzipSync } from 'fflate';
import * as zlib from 'node:zlib';
import { availableParallelism, loadavg } from 'node:os';
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { csvWriter } from '../src/export/csv/index';
import { ZIP_LEVEL } from '../src/export/zip';
import { runBacktest } from '../src/engine/run';
import type { BacktestResult } from '../src/engine/types';
import { buildReport } from '../src/report/build';

const MB = 1024 * 1024;
const RUNS = 5;

function runFor(rebalancing: 'monthly' | 'daily', threshold: string | undefined): BacktestResult {
  const { prices } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: '2024-12-31', calendar: 'business', seed: 7 });
  const symbols = prices.assets.map((a) => a.symbol);
  return runBacktest({
    config: {
      name: `Bench ${rebalancing}`,
      start_date: '2015-01-01',
      end_date: '2024-12-31',
      initial_capital: '1000000',
      base_currency: 'USD',
      rebalancing_frequency: rebalancing,
      ...(threshold === undefined ? {} : { rebalance_threshold: threshold }),
      transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
      quantity_decimals: 6,
      strategy: { type: 'equal_weight', assets: symbols },
      benchmarks: [{ name: 'first asset', type: 'buy_and_hold', asset: symbols[0] }],
    },
    prices,
  });
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const middle = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

async function measure(label: string, result: BacktestResult, target: string): Promise<Uint8Array> {
  let t = performance.now();
  const report = buildReport(result, { formats: ['csv'], template: 'detailed', bom: true });
  const reportMs = performance.now() - t;
  const walls: number[] = [];
  const cpus: number[] = [];
  let bytes: Uint8Array = new Uint8Array(0);
  let rows = 0;
  let peak = 0;
  let heapBefore = 0;
  for (let run = 0; run <= RUNS; run++) {
    global.gc?.();
    heapBefore = process.memoryUsage().heapUsed;
    peak = heapBefore;
    const cpu0 = process.cpuUsage();
    t = performance.now();
    const out = await csvWriter.write(report, {
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    const wall = performance.now() - t;
    if (run > 0) {
      // Run 0 is the warm-up (first use of the writer's code).
      walls.push(wall);
      cpus.push(cpuMs(cpu0));
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    bytes = out.bytes;
    rows = out.rows;
  }
  console.log(
    `${label}: ${result.dates.length} dates, ${result.strategy.trades.length} trades, ${rows} rows (report model ${reportMs.toFixed(0)} ms, not the package)`,
  );
  console.log(
    `  package (${target}): median ${middle(walls).toFixed(0)} ms wall, ${middle(cpus).toFixed(0)} ms CPU; best ${Math.min(...walls).toFixed(0)} ms wall; ` +
      `zip ${(bytes.length / MB).toFixed(2)} MB at level ${ZIP_LEVEL}; peak heap +${((peak - heapBefore) / MB).toFixed(0)} MB over ${(heapBefore / MB).toFixed(0)} MB`,
  );
  return bytes;
}

/** CPU time of deflating every file of the package at one level: best of 3, with the size. */
function levelRow(files: Uint8Array[], deflate: (file: Uint8Array) => number): { ms: number; bytes: number } {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const cpu0 = process.cpuUsage();
    bytes = 0;
    for (const file of files) bytes += deflate(file);
    times.push(cpuMs(cpu0));
  }
  return { ms: Math.min(...times), bytes };
}

/** Deflate in 256 KB segments joined by sync flushes, as src/export/zip.ts does in Node. */
function nativeSize(file: Uint8Array, level: number): number {
  const segment = 256 * 1024;
  let size = 0;
  for (let at = 0; ; at += segment) {
    const last = at + segment >= file.length;
    size += zlib.deflateRawSync(file.subarray(at, at + segment), { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }).length;
    if (last) return size;
  }
}

function printLevels(zipBytes: Uint8Array): void {
  const files = Object.values(unzipSync(zipBytes));
  const text = files.reduce((sum, f) => sum + f.length, 0);
  console.log(`  deflate levels on its ${files.length} files (${(text / MB).toFixed(2)} MB of CSV), CPU best of 3:`);
  const cells: string[] = [];
  for (const level of [0, 1, 2, 6] as const) {
    const row = levelRow(files, (f) => deflateSync(f, { level }).length);
    cells.push(`fflate L${level} ${row.ms.toFixed(0)} ms ${(row.bytes / MB).toFixed(2)} MB`);
  }
  console.log(`    ${cells.join(' | ')}`);
  cells.length = 0;
  for (const level of [1, 2, 6]) {
    const row = levelRow(files, (f) => nativeSize(f, level));
    cells.push(`zlib L${level} ${row.ms.toFixed(0)} ms ${(row.bytes / MB).toFixed(2)} MB`);
  }
  console.log(`    ${cells.join(' | ')}`);
}

/** Prints, per scenario, rows, package time (median, best, CPU), zip size and peak heap growth. */
export async function bench(): Promise<void> {
  console.log(`csv: load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (shared: wall time includes waiting for a core)`);
  const cli = runFor('monthly', '5/25');
  const zip = await measure('csv 40 assets × 10 years, monthly + 5/25 (the command line bench run)', cli, 'target ≤ 150 ms');
  printLevels(zip);
  const daily = runFor('daily', undefined);
  await measure('csv 40 assets × 10 years, daily rebalanced', daily, 'no target');
}

if (import.meta.url === `file://${process.argv[1]}`) void bench();
