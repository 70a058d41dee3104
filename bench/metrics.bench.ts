/**
 * Metrics and risk analytics speed alone (no ledger): 40 assets × 2,600 dates (10 years of
 * business days) and a long 1-asset run of 20,000 dates, window 30.
 */
import { computeRiskAnalytics } from '../src/engine/analytics';
import { toDec } from '../src/engine/decimal';
import { computeMetrics } from '../src/engine/metrics';
import type { Trade } from '../src/engine/types';

function makeWalk(seed: number, length: number): number[] {
  let state = seed >>> 0;
  const walk = [100];
  for (let t = 1; t < length; t += 1) {
    state = (state * 1664525 + 1013904223) >>> 0;
    walk.push((walk[t - 1] ?? 100) * (1 + (state / 4294967296 - 0.5) * 0.04));
  }
  return walk;
}

function timeCase(assetCount: number, dateCount: number): void {
  const dates = Array.from({ length: dateCount }, (_, t) => new Date(Date.UTC(2000, 0, 1 + t)).toISOString().slice(0, 10));
  const values = makeWalk(7, dateCount).map((v) => toDec(v.toFixed(2)));
  const prices = Array.from({ length: assetCount }, (_, a) => makeWalk(100 + a, dateCount).map((v) => toDec(v.toFixed(4))));
  const benchmarkReturns = makeWalk(99, dateCount).slice(1).map((v, t, all) => (t === 0 ? 0 : v / (all[t - 1] ?? v) - 1));
  const trades: Trade[] = [];
  const run = (): void => {
    computeMetrics({
      dates,
      values,
      initialCapital: toDec(100),
      periodsPerYear: 252,
      riskFreeRate: 0.02,
      trades,
      benchmarkReturns,
    });
    computeRiskAnalytics({
      dates,
      values,
      initialCapital: toDec(100),
      assets: prices.map((_, a) => `A${a}`),
      assetBasePrices: prices,
      finalWeights: prices.map(() => 1 / assetCount),
      periodsPerYear: 252,
      riskFreeRate: 0.02,
      rollingWindow: 30,
    });
  };
  run(); // warm-up (JIT)
  const runs = 3;
  const start = performance.now();
  for (let i = 0; i < runs; i += 1) run();
  const ms = (performance.now() - start) / runs;
  console.log(`metrics+analytics: ${assetCount} assets × ${dateCount} dates: ${ms.toFixed(1)} ms per run`);
}

/** Prints one line per case with the mean wall time of metrics plus analytics. */
export async function bench(): Promise<void> {
  timeCase(40, 2600);
  timeCase(1, 20000);
}
