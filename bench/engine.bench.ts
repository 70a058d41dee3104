/**
 * Engine speed: 40 assets × 10 years of business days (~2600 dates), monthly + 5/25, with all
 * metrics and analytics. Target ≤ 0.5 s per run.
 */
import { Dec } from '../src/engine/decimal';
import { runBacktest } from '../src/engine/run';
import type { PriceData, StrategySpec } from '../src/engine/types';

function buildPrices(assetCount: number, years: number, foreignEvery: number): PriceData {
  let state = 12345;
  const random = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const symbols = Array.from({ length: assetCount }, (_, i) => `A${String(i).padStart(2, '0')}`);
  const levels = symbols.map((_, i) => 50 + i);
  const points: { date: string; price: InstanceType<typeof Dec> }[][] = symbols.map(() => []);
  const day = new Date('2014-01-01T00:00:00Z');
  const end = new Date(Date.UTC(2014 + years, 0, 1));
  for (; day < end; day.setUTCDate(day.getUTCDate() + 1)) {
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const iso = day.toISOString().slice(0, 10);
    symbols.forEach((_, i) => {
      levels[i] = (levels[i] as number) * (1 + (random() - 0.5) * 0.04);
      (points[i] as { date: string; price: InstanceType<typeof Dec> }[]).push({ date: iso, price: new Dec((levels[i] as number).toFixed(4)) });
    });
  }
  return {
    form: 'long',
    assets: symbols.map((symbol, i) => ({ symbol, currency: foreignEvery > 0 && i % foreignEvery === 0 ? 'EUR' : null, points: points[i] ?? [] })),
  };
}

function buildFx(years: number): { rates: { date: string; from: string; to: string; rate: InstanceType<typeof Dec> }[] } {
  const rates = [];
  const day = new Date('2013-12-31T00:00:00Z');
  const end = new Date(Date.UTC(2014 + years, 0, 1));
  for (let k = 0; day < end; day.setUTCDate(day.getUTCDate() + 1), k++) {
    rates.push({ date: day.toISOString().slice(0, 10), from: 'EUR', to: 'USD', rate: new Dec((1.1 + 0.05 * Math.sin(k / 30)).toFixed(5)) });
  }
  return { rates };
}

function timeRun(label: string, strategy: StrategySpec, withFx: boolean): void {
  const prices = buildPrices(40, 10, withFx ? 4 : 0);
  const symbols = prices.assets.map((a) => a.symbol);
  const config = {
    name: label,
    start_date: '2014-01-01',
    end_date: '2023-12-31',
    initial_capital: '1000000',
    base_currency: 'USD',
    rebalancing_frequency: 'monthly',
    rebalance_threshold: '5/25',
    transaction_costs: { fixed_per_trade: '1', percentage: '0.001' },
    strategy: strategy.type === 'fixed' ? { type: 'fixed', weights: Object.fromEntries(symbols.map((s) => [s, 1 / symbols.length])) } : { ...strategy, assets: symbols },
    benchmarks: [{ name: 'first asset', type: 'buy_and_hold', asset: symbols[0] }],
  };
  const input = { config, prices, ...(withFx ? { fx: buildFx(10) } : {}) };
  runBacktest(input); // warm-up (JIT)
  const runs = 3;
  const start = performance.now();
  let dates = 0;
  for (let i = 0; i < runs; i++) dates = runBacktest(input).dates.length;
  const ms = (performance.now() - start) / runs;
  console.log(`engine ${label}: 40 assets × ${dates} dates, monthly + 5/25, all analytics: ${ms.toFixed(0)} ms per run (target ≤ 500 ms)`);
}

/** Prints one line per scenario with the mean wall time of a run. */
export async function bench(): Promise<void> {
  timeRun('equal weight', { type: 'equal_weight', assets: [] }, false);
  timeRun('risk parity (lookback 60)', { type: 'risk_parity', assets: [], lookback: 60 }, false);
  timeRun('inverse vol, 10 EUR assets with daily FX', { type: 'inverse_volatility', assets: [], lookback: 60 }, true);
}
