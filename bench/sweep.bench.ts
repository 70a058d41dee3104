/**
 * Many runs (issue #16): a sweep of 64 configurations of the bundled crypto example (risk parity,
 * 5 assets × 5 years of daily prices): 8 lookbacks × 8 rebalance thresholds, through the
 * library's `runSweep` on a pool of workers sized to the cores (worker_threads here), against
 * the same sweep on one worker and on none (in this thread). Each sweep starts its workers afresh
 * (start-up and JIT warm-up included, as a user's call would). Target: ≤ 5 s; the speed-up over
 * one worker is printed, with the process's CPU time (worker threads included). Each crypto run
 * takes ~10 ms once compiled, so that sweep is mostly each worker's start-up and JIT warm-up
 * (~1 s of CPU per worker): on a busy shared machine a second worker then gains little. A second
 * sweep, 16 configurations of the engine bench's 40 assets × 10 years, where the runs dominate,
 * shows the pool's speed-up on longer work.
 */
import { loadavg } from 'node:os';
import { EXAMPLES } from '../src/data/examples/index';
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { parsePriceCsv } from '../src/data/prices';
import type { PriceData } from '../src/engine/types';
import { countCores, defaultPoolSize, runSweep } from '../src/worker/sweep';
import { buildInput } from './engine.bench';

const LOOKBACKS = [20, 30, 45, 60, 90, 120, 180, 250];
const THRESHOLDS: (string | number | null)[] = [null, '5/25', 0.02, 0.05, 0.08, 0.1, 0.15, 0.2];

/** The 64 configurations: the crypto example with each lookback and rebalance threshold. */
function sweepConfigs(base: Record<string, unknown>): Record<string, unknown>[] {
  const strategy = base.strategy as Record<string, unknown>;
  const configs: Record<string, unknown>[] = [];
  for (const lookback of LOOKBACKS) {
    for (const threshold of THRESHOLDS) {
      const config: Record<string, unknown> = { ...base, name: `Crypto RP lookback ${lookback}, threshold ${String(threshold)}`, strategy: { ...strategy, lookback } };
      if (threshold === null) delete config.rebalance_threshold;
      else config.rebalance_threshold = threshold;
      configs.push(config);
    }
  }
  return configs;
}

async function timeSweep(configs: Record<string, unknown>[], prices: PriceData, workers: number): Promise<{ ms: number; cpu: number; failed: number }> {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const runs = await runSweep(configs, { prices }, { workers });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpu: (cpu.user + cpu.system) / 1000, failed: runs.filter((r) => r.error !== undefined).length };
}

/** 16 configurations of the engine bench's scenario: 4 lookbacks × 4 thresholds, inverse volatility. */
function benchConfigs(prices: PriceData): Record<string, unknown>[] {
  const base = buildInput({ label: 'sweep', strategy: 'inverse_volatility', foreignEvery: 0 }, prices).config as Record<string, unknown>;
  const strategy = base.strategy as Record<string, unknown>;
  return [20, 60, 120, 250].flatMap((lookback) =>
    ['5/25', 0.02, 0.05, 0.1].map((threshold) => ({ ...base, name: `IV ${lookback} ${threshold}`, rebalance_threshold: threshold, strategy: { ...strategy, lookback } })),
  );
}

async function benchLongerRuns(cores: number): Promise<void> {
  const { prices } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: '2024-12-31', calendar: 'business', seed: 7 });
  const configs = benchConfigs(prices);
  const pool = await timeSweep(configs, prices, cores);
  const one = await timeSweep(configs, prices, 1);
  console.log(
    `sweep of ${configs.length} configurations of 40 assets × 10 years (inverse volatility, 4 lookbacks × 4 thresholds): ` +
      `${cores} workers ${pool.ms.toFixed(0)} ms (CPU ${pool.cpu.toFixed(0)} ms), 1 worker ${one.ms.toFixed(0)} ms (CPU ${one.cpu.toFixed(0)} ms); ` +
      `speed-up ${(one.ms / pool.ms).toFixed(2)}×${pool.failed + one.failed > 0 ? `; ${pool.failed + one.failed} runs FAILED` : ''}`,
  );
}

/** Prints the sweep's time on the pool, on one worker and in this thread, and the speed-up. */
export async function bench(): Promise<void> {
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  const example = EXAMPLES.find((e) => e.id === 'crypto-risk-parity') ?? EXAMPLES[0];
  if (example === undefined) throw new Error('no bundled example');
  const prices = parsePriceCsv(await example.loadPrices());
  const configs = sweepConfigs(example.config);
  const cores = countCores();
  // Once first: prepares the worker script (bundled from the sources when run from them).
  await runSweep(configs.slice(0, 1), { prices }, { workers: 1 });
  const pool: number[] = [];
  const one: number[] = [];
  const poolCpu: number[] = [];
  const oneCpu: number[] = [];
  let failed = 0;
  for (let round = 0; round < 3; round++) {
    const p = await timeSweep(configs, prices, cores);
    const o = await timeSweep(configs, prices, 1);
    pool.push(p.ms);
    one.push(o.ms);
    poolCpu.push(p.cpu);
    oneCpu.push(o.cpu);
    failed += p.failed + o.failed;
  }
  const here = await timeSweep(configs, prices, 0);
  const best = (values: number[]): number => Math.min(...values);
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
  console.log(
    `sweep of ${configs.length} configurations (${LOOKBACKS.length} lookbacks × ${THRESHOLDS.length} thresholds) of ${example.id}: ` +
      `${cores} workers median ${median(pool).toFixed(0)} ms, best ${best(pool).toFixed(0)} ms, CPU ${median(poolCpu).toFixed(0)} ms (target ≤ 5000 ms); ` +
      `1 worker median ${median(one).toFixed(0)} ms, best ${best(one).toFixed(0)} ms, CPU ${median(oneCpu).toFixed(0)} ms; in this thread ${here.ms.toFixed(0)} ms; ` +
      `speed-up over one worker ${(median(one) / median(pool)).toFixed(2)}× (medians), ${(best(one) / best(pool)).toFixed(2)}× (best runs)` +
      `${failed > 0 || here.failed > 0 ? `; ${failed + here.failed} runs FAILED` : ''}`,
  );
  console.log(`runSweep's default pool on this machine: ${defaultPoolSize()} worker(s) (one fewer than the ${cores} cores)`);
  await benchLongerRuns(cores);
}
