/**
 * Many runs (issue #16): a sweep of 64 configurations of the bundled crypto example (risk parity,
 * 5 assets × 5 years of daily prices): 8 lookbacks × 8 rebalance thresholds, through the
 * library's `runSweep` on a pool of workers sized to the cores (worker_threads here), against
 * the same sweep on one worker and on none (in this thread). Each sweep starts its workers afresh
 * (start-up and JIT warm-up included, as a user's call would). Target: ≤ 5 s; the speed-up over
 * one worker is printed.
 */
import { loadavg } from 'node:os';
import { EXAMPLES } from '../src/data/examples/index';
import { parsePriceCsv } from '../src/data/prices';
import { countCores, runSweep } from '../src/worker/sweep';

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

async function timeSweep(configs: Record<string, unknown>[], prices: ReturnType<typeof parsePriceCsv>, workers: number): Promise<{ ms: number; failed: number }> {
  const started = performance.now();
  const runs = await runSweep(configs, { prices }, { workers });
  return { ms: performance.now() - started, failed: runs.filter((r) => r.error !== undefined).length };
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
  let failed = 0;
  for (let round = 0; round < 3; round++) {
    const p = await timeSweep(configs, prices, cores);
    const o = await timeSweep(configs, prices, 1);
    pool.push(p.ms);
    one.push(o.ms);
    failed += p.failed + o.failed;
  }
  const here = await timeSweep(configs, prices, 0);
  const best = (values: number[]): number => Math.min(...values);
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
  console.log(
    `sweep of ${configs.length} configurations (${LOOKBACKS.length} lookbacks × ${THRESHOLDS.length} thresholds) of ${example.id}: ` +
      `${cores} workers median ${median(pool).toFixed(0)} ms, best ${best(pool).toFixed(0)} ms (target ≤ 5000 ms); ` +
      `1 worker median ${median(one).toFixed(0)} ms, best ${best(one).toFixed(0)} ms; in this thread ${here.ms.toFixed(0)} ms; ` +
      `speed-up over one worker ${(median(one) / median(pool)).toFixed(2)}× (medians), ${(best(one) / best(pool)).toFixed(2)}× (best runs)` +
      `${failed > 0 || here.failed > 0 ? `; ${failed + here.failed} runs FAILED` : ''}`,
  );
}
