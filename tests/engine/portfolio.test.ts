/**
 * Whole-portfolio simulations on a few dates, hand-computed (../shared/spec/backtest.md,
 * Rebalancing rules and Ledger).
 */
import { describe, expect, it } from 'vitest';
import { simulatePortfolio } from '../../src/engine/portfolio';
import { buildMarket } from '../../src/engine/timeline';
import type { PriceData, RebalanceThreshold, RebalancingFrequency, RunConfig, StrategySpec } from '../../src/engine/types';
import { toDec } from '../../src/engine/decimal';
import { asText, fixedWeights, makeConfig, makeLedger, makePrices } from './engine-helpers';

function simulate(
  prices: PriceData,
  strategy: StrategySpec,
  frequency: RebalancingFrequency,
  threshold: RebalanceThreshold = null,
  overrides: Partial<RunConfig> = {},
  ledger = makeLedger(),
) {
  const config = makeConfig({ start_date: '2020-01-01', end_date: '2022-12-31', strategy, ...overrides });
  const market = buildMarket(config, prices, undefined);
  return simulatePortfolio(
    { name: 'Test', role: 'strategy', strategy, frequency, threshold },
    { market, initialCapital: config.initial_capital, ledger },
  ).portfolio;
}

/** Prices that move every date, so every rebalance trades. */
function movingPrices(dates: string[]): PriceData {
  return makePrices(dates.map((date, i) => ({ date, A: String(10 + i), B: String(20 - i) })));
}

const eventDays = (p: { rebalances: { day: number; reason: string }[] }) => p.rebalances.map((e) => [e.day, e.reason]);
const half = fixedWeights({ A: 0.5, B: 0.5 });

describe('calendar rebalancing', () => {
  it('weekly: 2020-12-30/31 and 2021-01-01 share ISO week 2020-W53; Monday 2021-01-04 starts W1', () => {
    const p = simulate(movingPrices(['2020-12-30', '2020-12-31', '2021-01-01', '2021-01-04', '2021-01-05']), half, 'weekly');
    expect(eventDays(p)).toEqual([
      [0, 'initial'],
      [3, 'calendar'],
    ]);
  });

  it('monthly, quarterly and annually fire on the first date of the new period', () => {
    const dates = ['2020-12-30', '2020-12-31', '2021-01-04', '2021-01-29', '2021-02-01', '2021-03-31', '2021-04-01'];
    expect(eventDays(simulate(movingPrices(dates), half, 'monthly')).map(([d]) => d)).toEqual([0, 2, 4, 5, 6]);
    expect(eventDays(simulate(movingPrices(dates), half, 'quarterly')).map(([d]) => d)).toEqual([0, 2, 6]);
    expect(eventDays(simulate(movingPrices(dates), half, 'annually')).map(([d]) => d)).toEqual([0, 2]);
    expect(eventDays(simulate(movingPrices(dates), half, 'never')).map(([d]) => d)).toEqual([0]);
    expect(eventDays(simulate(movingPrices(dates), half, 'daily')).map(([d]) => d)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('records no event for a rebalance that trades nothing', () => {
    // Prices unchanged across the month boundary: the targets are already held, Δq = 0.
    const prices = makePrices([
      { date: '2021-01-29', A: '10', B: '20' },
      { date: '2021-02-01', A: '10', B: '20' },
      { date: '2021-02-02', A: '11', B: '20' },
    ]);
    const p = simulate(prices, half, 'monthly');
    expect(eventDays(p)).toEqual([[0, 'initial']]);
    expect(p.trades.map((t) => t.day)).toEqual([0, 0]);
  });
});

describe('threshold rules', () => {
  it('absolute: exactly at the threshold does not rebalance, just beyond does', () => {
    // 1000 at A = B = 10 → 50 A, 50 B. Day 1: A = 15 → w_A = 750/1250 = 0.6, |0.6 − 0.5| = 0.1, not > 0.1.
    // Day 2: A = 15.0001 → w_A = 750.005/1250.005 > 0.6 → threshold rebalance.
    const prices = makePrices([
      { date: '2021-01-04', A: '10', B: '10' },
      { date: '2021-01-05', A: '15', B: '10' },
      { date: '2021-01-06', A: '15.0001', B: '10' },
    ]);
    const p = simulate(prices, half, 'never', 0.1);
    expect(eventDays(p)).toEqual([
      [0, 'initial'],
      [2, 'threshold'],
    ]);
    expect(p.weights[0]?.[1]).toBeCloseTo(0.6, 15);
  });

  it('5/25: the 25% band of a 10% target is ±2.5 points; at the band edge nothing happens', () => {
    // Targets 0.1/0.9, 1000 at prices 1 → 100 A, 900 B.
    // Day 1: A 0.9, B 0.7 → 90 / (90 + 630) = 0.125 (dev 0.025 = band) → no rebalance.
    // Day 2: A 0.9001 → 90.01 / 720.01 > 0.125 → 5/25 rebalance.
    const strategy = fixedWeights({ A: 0.1, B: 0.9 });
    const up = makePrices([
      { date: '2021-01-04', A: '1', B: '1' },
      { date: '2021-01-05', A: '0.9', B: '0.7' },
      { date: '2021-01-06', A: '0.9001', B: '0.7' },
    ]);
    expect(eventDays(simulate(up, strategy, 'never', '5/25'))).toEqual([
      [0, 'initial'],
      [2, '5/25'],
    ]);
    // Below: A 0.27, B 0.37 → 27 / (27 + 333) = 0.075 (dev −0.025) → none; A 0.2699 → 5/25.
    const down = makePrices([
      { date: '2021-01-04', A: '1', B: '1' },
      { date: '2021-01-05', A: '0.27', B: '0.37' },
      { date: '2021-01-06', A: '0.2699', B: '0.37' },
    ]);
    expect(eventDays(simulate(down, strategy, 'never', '5/25'))).toEqual([
      [0, 'initial'],
      [2, '5/25'],
    ]);
  });

  it('reports calendar when the calendar and a threshold fire on the same date', () => {
    const prices = makePrices([
      { date: '2021-01-29', A: '10', B: '10' },
      { date: '2021-02-01', A: '20', B: '10' },
      { date: '2021-02-02', A: '40', B: '10' },
    ]);
    expect(eventDays(simulate(prices, half, 'monthly', 0.05))).toEqual([
      [0, 'initial'],
      [1, 'calendar'],
      [2, 'threshold'],
    ]);
  });
});

describe('ledger over days', () => {
  it('marks to market, then trades at the close, with costs (hand-computed)', () => {
    // Capital 1000, fixed 1, 0.5%, 2 decimals, daily 50/50.
    // Day 0 at 10/20: desired 50 A (500, cost 1 + 2.5 = 3.50), 25 B (500, cost 3.50);
    //   1000 − 1007 < 0 → s = (1000 − 2)/(1000 × 1.005) = 0.99303482…
    //   A 49.6517… → 49.65 (496.50, cost 1 + 2.4825 = 3.48), B 24.8258… → 24.82 (496.40, cost 3.48)
    //   cash = 1000 − 499.98 − 499.88 = 0.14; V_0 = 0.14 + 496.50 + 496.40 = 993.04
    // Day 1 at 12/20: V = 0.14 + 595.80 + 496.40 = 1092.34; targets 546.17 each.
    //   A: 546.17/12 − 49.65 = 45.514166… − 49.65 = −4.135833… → −4.14 (sell 49.68, cost 1 + 0.2484 = 1.25)
    //   B: 546.17/20 − 24.82 = 27.3085 − 24.82 = 2.4885 → 2.49 (49.80, cost 1 + 0.249 = 1.25)
    //   C_s = 0.14 + 49.68 − 1.25 = 48.57; 48.57 − 49.80 − 1.25 < 0 → s = (48.57 − 1)/(49.80 × 1.005)
    //   = 47.57/50.049 = 0.95046853…; 2.49 × s = 2.3666… → 2.36 (47.20, cost 1 + 0.236 = 1.24)
    //   cash = 48.57 − 48.44 = 0.13; A 45.51, B 27.18
    //   V_1 = 0.13 + 45.51×12 + 27.18×20 = 0.13 + 546.12 + 543.60 = 1089.85 = 1092.34 − 2.49
    const prices = makePrices([
      { date: '2021-01-04', A: '10', B: '20' },
      { date: '2021-01-05', A: '12', B: '20' },
    ]);
    const p = simulate(prices, half, 'daily', null, {}, makeLedger({ decimals: 2, fixed: '1', percentage: '0.005' }));
    expect(asText(p.values)).toEqual(['993.04', '1089.85']);
    expect(asText(p.cash)).toEqual(['0.14', '0.13']);
    expect(p.quantities.map((q) => asText(q))).toEqual([
      ['49.65', '45.51'],
      ['24.82', '27.18'],
    ]);
    expect(p.trades.map((t) => [t.day, t.asset, t.action, t.quantity.toFixed(), t.cost.toFixed(2)])).toEqual([
      [0, 'A', 'buy', '49.65', '3.48'],
      [0, 'B', 'buy', '24.82', '3.48'],
      [1, 'A', 'sell', '4.14', '1.25'],
      [1, 'B', 'buy', '2.36', '1.24'],
    ]);
    expect(p.rebalances.map((e) => [e.day, e.reason, e.transaction_cost.toFixed(2), e.assets_changed, e.trade_indexes])).toEqual([
      [0, 'initial', '6.96', ['A', 'B'], [0, 1]],
      [1, 'calendar', '2.49', ['A', 'B'], [2, 3]],
    ]);
    // r_1 = 1089.85 / 993.04 − 1
    expect(p.returns[0]).toBeCloseTo(1089.85 / 993.04 - 1, 15);
    // End-of-day weights over the end-of-day value, with cash, sum to 1.
    expect((p.weights[0]?.[1] ?? 0) + (p.weights[1]?.[1] ?? 0) + (p.cash_weights[1] ?? 0)).toBeCloseTo(1, 12);
    expect(p.weights[0]?.[1]).toBeCloseTo(546.12 / 1089.85, 14);
  });

  it('gives the same values with zero costs as the exact arithmetic', () => {
    // 1000 at 10/20 → 50 A, 25 B; day 1 at 12/20: V = 600 + 500 = 1100 → 45.833333 A, 27.5 B.
    // 550/12 = 45.8333333… → 45.833333; cash = 1000 − 500 − 500 + (50 − 45.833333)×12 − 2.5×20
    //   = 0 + 50.000004 − 50 = 0.000004
    const prices = makePrices([
      { date: '2021-01-04', A: '10', B: '20' },
      { date: '2021-01-05', A: '12', B: '20' },
    ]);
    const p = simulate(prices, half, 'daily');
    expect(asText(p.values)).toEqual(['1000', '1100']);
    expect(asText(p.cash)).toEqual(['0', '0.000004']);
    expect(p.quantities.map((q) => q[1]?.toFixed())).toEqual(['45.833333', '27.5']);
  });

  it('a buy-and-hold portfolio keeps its quantity and follows the price', () => {
    // 1000 at 10, fixed 1: desired 100 (1000, cost 1) → s = 999/1000 → 99.9 units, cost 1; cash 0.
    // Values 99.9 × 10, 12, 9 = 999, 1198.8, 899.1
    const prices = makePrices([
      { date: '2021-01-04', A: '10' },
      { date: '2021-01-05', A: '12' },
      { date: '2021-01-06', A: '9' },
    ]);
    const p = simulate(prices, fixedWeights({ A: 1 }), 'never', null, { initial_capital: toDec(1000) }, makeLedger({ fixed: '1' }));
    expect(asText(p.values)).toEqual(['999', '1198.8', '899.1']);
    expect(p.quantities.map((q) => asText(q))).toEqual([['99.9', '99.9', '99.9']]);
    expect(p.trades).toHaveLength(1);
  });

  it('inverse volatility reads the trailing returns up to day t (equal weights until lookback returns exist)', () => {
    // lookback 2. Day 0 and day 1 (one return) → 50/50.
    // Day 2: A returns [ln(110/100), ln(99/110)], B [ln(105/100), ln(100/105)].
    //   σ_A = |ln 1.1 − ln 0.9| / √2 (two values: sample std = |difference| / √2), σ_B = 2 ln 1.05 / √2
    //   w_A = σ_B / (σ_A + σ_B) = 2 ln 1.05 / (ln 1.1 − ln 0.9 + 2 ln 1.05) = 0.0975803 / 0.2982510 = 0.327175…
    const prices = makePrices([
      { date: '2021-01-04', A: '100', B: '100' },
      { date: '2021-01-05', A: '110', B: '105' },
      { date: '2021-01-06', A: '99', B: '100' },
    ]);
    const p = simulate(prices, { type: 'inverse_volatility', assets: ['A', 'B'], lookback: 2 }, 'daily');
    expect(p.rebalances.map((e) => e.target_weights[0])).toEqual([0.5, 0.5, expect.closeTo(0.327175, 6)]);
    const sigmaA = Math.abs(Math.log(1.1) - Math.log(99 / 110)) / Math.SQRT2;
    const sigmaB = Math.abs(Math.log(1.05) - Math.log(100 / 105)) / Math.SQRT2;
    expect(p.rebalances[2]?.target_weights[0]).toBeCloseTo(sigmaB / (sigmaA + sigmaB), 12);
  });
});
