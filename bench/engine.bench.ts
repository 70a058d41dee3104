/**
 * Engine speed: 40 assets × 10 years of business days (~2,600 dates, generateSyntheticPrices),
 * monthly + 5/25, costs, every metric and analytic. Per scenario: the median of 5 full
 * `runBacktest` runs after a warm-up, the same walk in plain float64 (bench/float64-walk.ts) as
 * the floor, and their ratio; then the process's peak RSS. Target ≤ 500 ms per run.
 */
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { toDec } from '../src/engine/decimal';
import { runBacktest, type BacktestInput } from '../src/engine/run';
import type { FxData, PriceData } from '../src/engine/types';
import { toFloatMatrix, walkInFloat64 } from './float64-walk';

const RUNS = 5;
const MB = 1024 * 1024;

interface Scenario {
  label: string;
  strategy: 'equal_weight' | 'inverse_volatility' | 'risk_parity';
  /** Every k-th asset priced in EUR with a daily EUR→USD rate (0: none). */
  foreignEvery: number;
}

const SCENARIOS: Scenario[] = [
  { label: 'equal weight', strategy: 'equal_weight', foreignEvery: 0 },
  { label: 'inverse volatility (lookback 60)', strategy: 'inverse_volatility', foreignEvery: 0 },
  { label: 'risk parity (lookback 60)', strategy: 'risk_parity', foreignEvery: 0 },
  { label: 'inverse volatility, 10 EUR assets with daily FX', strategy: 'inverse_volatility', foreignEvery: 4 },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function timeMedian(runs: number, work: () => void): { median: number; min: number; max: number } {
  work(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

/** A daily EUR→USD series covering the run (carried forward over weekends by the engine). */
function buildFx(): FxData {
  const rates: FxData['rates'] = [];
  for (let t = Date.UTC(2014, 11, 31), k = 0; t <= Date.UTC(2024, 11, 31); t += 86_400_000, k++) {
    rates.push({ date: new Date(t).toISOString().slice(0, 10), from: 'EUR', to: 'USD', rate: toDec((1.1 + 0.05 * Math.sin(k / 30)).toFixed(5)) });
  }
  return { rates };
}

function buildInput(scenario: Scenario, prices: PriceData): BacktestInput {
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

/** Prints one line per scenario: median engine time, the float64 floor, their ratio; then peak RSS. */
export async function bench(): Promise<void> {
  const generated = performance.now();
  const { prices } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: '2024-12-31', calendar: 'business', seed: 7 });
  const matrix = toFloatMatrix(prices);
  console.log(`synthetic prices: 40 assets × ${matrix.dates.length} business days generated in ${(performance.now() - generated).toFixed(0)} ms`);
  for (const scenario of SCENARIOS) {
    const input = buildInput(scenario, prices);
    let dates = 0;
    let trades = 0;
    let engine: { median: number; min: number; max: number };
    try {
      engine = timeMedian(RUNS, () => {
        const result = runBacktest(input);
        dates = result.dates.length;
        trades = result.strategy.trades.length;
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.log(`engine ${scenario.label}: ${/not implemented/i.test(message) ? 'not implemented' : `FAILED: ${message}`}`);
      continue;
    }
    // Risk parity's floor uses inverse-volatility targets: the floor measures the ledger walk.
    const lookback = scenario.strategy === 'equal_weight' ? 0 : 60;
    let sink = 0;
    const floor = timeMedian(RUNS, () => {
      sink += walkInFloat64({ ...matrix, capital: 1_000_000, costRate: 0.001, lookback });
    });
    const ratio = floor.median > 0 ? engine.median / floor.median : Number.NaN;
    console.log(
      `engine ${scenario.label}: 40 assets × ${dates} dates, ${trades} trades, monthly + 5/25, all analytics: ` +
        `median ${engine.median.toFixed(0)} ms (min ${engine.min.toFixed(0)}, max ${engine.max.toFixed(0)}, ${RUNS} runs; target ≤ 500 ms); ` +
        `float64 floor ${floor.median.toFixed(1)} ms; ratio ${ratio.toFixed(0)}×${Number.isFinite(sink) ? '' : ' (floor diverged)'}`,
    );
  }
  const usage = process.memoryUsage();
  console.log(`memory: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (process so far), RSS now ${(usage.rss / MB).toFixed(0)} MB, heap used ${(usage.heapUsed / MB).toFixed(0)} MB`);
}
