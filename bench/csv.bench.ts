/**
 * CSV package speed and memory: the report and zip of (1) a 40-asset, 10-year business-day run,
 * monthly rebalanced (target ≤ 1.5 s for report + package), and (2) a daily-rebalanced 40-asset
 * run with ≥ 100,000 trades. Peak heap is sampled at every progress callback (once per batch of
 * rows), so it sees the writer at its largest. CPU time is printed beside wall time because the
 * machine is shared: wall time then includes waiting for a core.
 */
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { csvWriter } from '../src/export/csv/index';
import { runBacktest } from '../src/engine/run';
import type { BacktestResult } from '../src/engine/types';
import { buildReport } from '../src/report/build';

const MB = 1024 * 1024;

function runFor(rebalancing: 'monthly' | 'daily', years: number): BacktestResult {
  const endYear = 2015 + years - 1;
  const { prices } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: `${endYear}-12-31`, calendar: 'business', seed: 7 });
  const symbols = prices.assets.map((a) => a.symbol);
  return runBacktest({
    config: {
      name: `Bench ${rebalancing}`,
      start_date: '2015-01-01',
      end_date: `${endYear}-12-31`,
      initial_capital: '1000000',
      base_currency: 'USD',
      rebalancing_frequency: rebalancing,
      transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
      quantity_decimals: 6,
      strategy: { type: 'equal_weight', assets: symbols },
      benchmarks: [{ name: 'first asset', type: 'buy_and_hold', asset: symbols[0] }],
    },
    prices,
  });
}

async function measure(label: string, result: BacktestResult): Promise<void> {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = buildReport(result, { formats: ['csv'], template: 'detailed', bom: true });
  const t1 = performance.now();
  const out = await csvWriter.write(report, {
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    },
  });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  console.log(
    `${label}: ${result.dates.length} dates, ${result.strategy.trades.length} trades, ${out.rows} rows; ` +
      `report ${(t1 - t0).toFixed(0)} ms + package ${(t2 - t1).toFixed(0)} ms = ${(t2 - t0).toFixed(0)} ms wall ` +
      `(${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU: on a busy shared machine wall time overstates); ` +
      `zip ${(out.bytes.length / MB).toFixed(2)} MB; peak heap +${((peak - heapBefore) / MB).toFixed(0)} MB over ${(heapBefore / MB).toFixed(0)} MB`,
  );
}

/** Prints one line per scenario: rows, time (report, package), zip size, peak heap growth. */
export async function bench(): Promise<void> {
  let t = performance.now();
  const monthly = runFor('monthly', 10);
  console.log(`csv: engine run (40 assets, 10 years, monthly) ${(performance.now() - t).toFixed(0)} ms, not counted below`);
  await measure('csv 40 assets × 10 years, monthly (target ≤ 1500 ms)', monthly);
  t = performance.now();
  const daily = runFor('daily', 10);
  console.log(`csv: engine run (40 assets, 10 years, daily) ${(performance.now() - t).toFixed(0)} ms, not counted below`);
  await measure('csv 40 assets × 10 years, daily rebalanced', daily);
}

if (import.meta.url === `file://${process.argv[1]}`) void bench();
