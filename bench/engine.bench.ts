/**
 * Engine speed (issue #16): 40 assets × 10 years of business days (~2,600 dates,
 * generateSyntheticPrices), monthly + 5/25, 0.1 % costs, a buy-and-hold benchmark, every metric
 * and analytic. After warm-up runs of every scenario, per scenario rounds that each time the
 * float64 floor (bench/float64-walk.ts: the same walk in plain doubles) and then one full
 * `runBacktest` (including the strategy's trade list), so both see the same load, then apart the
 * reading of the result's other arrays, which are built on first read. Printed: median and best wall time, the CPU time of the process, the
 * floor, and the ratio engine / floor (of the medians, and of the best runs: the best run is the
 * one least disturbed by other processes on a shared machine). Then the peak heap of a run,
 * sampled at every progress callback. Targets: ≤ 150 ms a run on a quiet machine, ≤ 20× the
 * floor, peak heap ≤ 200 MB.
 */
import { loadavg } from 'node:os';
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { toDec } from '../src/engine/decimal';
import { runBacktest, type BacktestInput } from '../src/engine/run';
import type { BacktestResult, FxData, PriceData } from '../src/engine/types';
import { toFloatMatrix, walkInFloat64 } from './float64-walk';

const WARM_UP = 3;
const ROUNDS = 9;
const MB = 1024 * 1024;

export interface Scenario {
  label: string;
  strategy: 'equal_weight' | 'inverse_volatility' | 'risk_parity';
  /** Every k-th asset priced in EUR with a daily EUR→USD rate (0: none). */
  foreignEvery: number;
}

export const SCENARIOS: Scenario[] = [
  { label: 'equal weight', strategy: 'equal_weight', foreignEvery: 0 },
  { label: 'inverse volatility (lookback 60)', strategy: 'inverse_volatility', foreignEvery: 0 },
  { label: 'risk parity (lookback 60)', strategy: 'risk_parity', foreignEvery: 0 },
  { label: 'inverse volatility, 10 EUR assets with daily FX', strategy: 'inverse_volatility', foreignEvery: 4 },
];

/** Wall and process CPU time of one call, in ms. */
export function timeOnce(work: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  work();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A daily EUR→USD series covering the run (carried forward over weekends by the engine). */
function buildFx(): FxData {
  const rates: FxData['rates'] = [];
  for (let t = Date.UTC(2014, 11, 31), k = 0; t <= Date.UTC(2024, 11, 31); t += 86_400_000, k++) {
    rates.push({ date: new Date(t).toISOString().slice(0, 10), from: 'EUR', to: 'USD', rate: toDec((1.1 + 0.05 * Math.sin(k / 30)).toFixed(5)) });
  }
  return { rates };
}

/** The bench configuration of a scenario (also used by the command-line and sweep benches). */
export function buildInput(scenario: Scenario, prices: PriceData): BacktestInput {
  const symbols = prices.assets.map((a) => a.symbol);
  const priced: PriceData =
    scenario.foreignEvery > 0
      ? { ...prices, assets: prices.assets.map((a, i) => ({ ...a, currency: i % scenario.foreignEvery === 0 ? 'EUR' : null })) }
      : prices;
  const strategy = scenario.strategy === 'equal_weight' ? { type: 'equal_weight', assets: symbols } : { type: scenario.strategy, assets: symbols, lookback: 60 };
  return {
    config: {
      name: `Bench ${scenario.label}`,
      start_date: '2015-01-01',
      end_date: '2024-12-31',
      initial_capital: '1000000',
      base_currency: 'USD',
      rebalancing_frequency: 'monthly',
      rebalance_threshold: '5/25',
      transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
      strategy,
      benchmarks: [{ name: 'first asset', type: 'buy_and_hold', asset: symbols[0] }],
    },
    prices: priced,
    ...(scenario.foreignEvery > 0 ? { fx: buildFx() } : {}),
  };
}

/**
 * Reads every array of the result that is built on first read (values, cash, quantities,
 * weights, trades of each portfolio), as a report does; the engine line times it apart.
 */
function readEverything(result: BacktestResult): number {
  let count = 0;
  for (const portfolio of [result.strategy, ...result.benchmarks]) {
    count += portfolio.values.length + portfolio.cash.length + portfolio.trades.length;
    for (const series of portfolio.quantities) count += series.length;
    for (const series of portfolio.weights) count += series.length;
  }
  return count;
}

/** Prints one line per scenario (engine, floor, ratios), then the peak heap of one run. */
export async function bench(): Promise<void> {
  const load = loadavg().map((l) => l.toFixed(1)).join(', ');
  console.log(`load average ${load} (2 cores shared; the best run is the quiet-machine estimate)`);
  const generated = performance.now();
  const { prices } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: '2024-12-31', calendar: 'business', seed: 7 });
  const matrix = toFloatMatrix(prices);
  console.log(`synthetic prices: 40 assets × ${matrix.dates.length} business days generated in ${(performance.now() - generated).toFixed(0)} ms`);
  let sink = 0;
  const prepared = SCENARIOS.map((scenario) => {
    const input = buildInput(scenario, prices);
    // Risk parity's floor uses inverse-volatility targets: the floor measures the ledger walk.
    const lookback = scenario.strategy === 'equal_weight' ? 0 : 60;
    const floor = (): void => {
      sink += walkInFloat64({ ...matrix, capital: 1_000_000, costRate: 0.001, lookback });
    };
    return { scenario, input, floor };
  });
  // Warm-up of every scenario before any is timed: they share most of the engine's code, and the
  // first one timed would otherwise pay for compiling it.
  const failed = new Set<Scenario>();
  for (let i = 0; i < WARM_UP; i++) {
    for (const { scenario, input, floor } of prepared) {
      if (failed.has(scenario)) continue;
      try {
        floor();
        readEverything(runBacktest(input));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.log(`engine ${scenario.label}: ${/not implemented/i.test(message) ? 'not implemented' : `FAILED: ${message}`}`);
        failed.add(scenario);
      }
    }
  }
  for (const { scenario, input, floor } of prepared) {
    if (failed.has(scenario)) continue;
    let dates = 0;
    let trades = 0;
    let result: BacktestResult | null = null;
    const engine = (): void => {
      result = runBacktest(input);
      dates = result.dates.length;
      trades = result.strategy.trades.length;
    };
    const floorTimes: number[] = [];
    const engineTimes: number[] = [];
    const engineCpu: number[] = [];
    const readTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      floorTimes.push(timeOnce(floor).wall);
      const run = timeOnce(engine);
      engineTimes.push(run.wall);
      engineCpu.push(run.cpu);
      readTimes.push(timeOnce(() => readEverything(result as BacktestResult)).wall);
    }
    const engineMedian = median(engineTimes);
    const floorMedian = median(floorTimes);
    const engineBest = Math.min(...engineTimes);
    const floorBest = Math.min(...floorTimes);
    console.log(
      `engine ${scenario.label}: 40 assets × ${dates} dates, ${trades} trades, monthly + 5/25, all analytics: ` +
        `median ${engineMedian.toFixed(0)} ms, best ${engineBest.toFixed(0)} ms (${ROUNDS} runs; target ≤ 150 ms quiet), ` +
        `CPU ${median(engineCpu).toFixed(0)} ms; float64 floor median ${floorMedian.toFixed(2)} ms, best ${floorBest.toFixed(2)} ms; ` +
        `ratio ${(engineMedian / floorMedian).toFixed(0)}× of medians, ${(engineBest / floorBest).toFixed(0)}× of best runs (target ≤ 20×)` +
        `${Number.isFinite(sink) ? '' : ' (floor diverged)'}; ` +
        `then reading every Decimal array of the result (built on first read): median ${median(readTimes).toFixed(0)} ms more`,
    );
  }
  // Peak heap of one run: sampled at every progress callback (every 64 dates of each portfolio).
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const input = buildInput(SCENARIOS[0] as Scenario, prices);
  runBacktest(input, { onProgress: () => (peak = Math.max(peak, process.memoryUsage().heapUsed)) });
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const usage = process.memoryUsage();
  console.log(
    `memory: peak heap during a run ${(peak / MB).toFixed(0)} MB (+${((peak - before) / MB).toFixed(0)} MB over the ${(before / MB).toFixed(0)} MB before it; target ≤ 200 MB); ` +
      `process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, RSS now ${(usage.rss / MB).toFixed(0)} MB`,
  );
}
