/**
 * Hand-computed rebalances (../shared/spec/backtest.md, Trades and costs). Each expected number
 * is worked out in the comment above it.
 */
import { describe, expect, it } from 'vitest';
import { toDec } from '../../src/engine/decimal';
import { computeTradeCost, computeValue, rebalanceHoldings, type Holdings } from '../../src/engine/ledger';
import { asText, makeLedger } from './engine-helpers';

const d = toDec;
const holdings = (cash: string, ...quantities: string[]): Holdings => ({ cash: d(cash), quantities: quantities.map(d) });
const tradeRows = (outcome: ReturnType<typeof rebalanceHoldings>) =>
  outcome.trades.map((t) => [t.asset, t.action, t.quantity.toFixed(), t.value.toFixed(), t.cost.toFixed(2)]);

describe('rebalanceHoldings', () => {
  it('buys the targets exactly with zero costs', () => {
    // V = 1000; A: 0.5×1000/10 = 50, B: 0.5×1000/20 = 25; B = 1000, K = 0, 1000 − 1000 ≥ 0.
    const out = rebalanceHoldings(holdings('1000', '0', '0'), [d(10), d(20)], [0.5, 0.5], makeLedger());
    expect(tradeRows(out)).toEqual([
      [0, 'buy', '50', '500', '0.00'],
      [1, 'buy', '25', '500', '0.00'],
    ]);
    expect(out.cash.toFixed()).toBe('0');
  });

  it('scales buys by s when fixed and percentage costs do not fit, rounding down', () => {
    // fixed 1, 1%, 2 decimals. Desired A 50 (500, cost 1 + 5 = 6), B 25 (500, cost 6).
    // 1000 − 1000 − 12 < 0 → s = (1000 − 2×1) / (1000 × 1.01) = 998/1010 = 0.98811881…
    // A: 50 × s = 49.4059… → 49.40 (value 494.00, cost 1 + 4.94 = 5.94)
    // B: 25 × s = 24.7029… → 24.70 (value 494.00, cost 5.94)
    // cash = 1000 − 494 − 5.94 − 494 − 5.94 = 0.12
    const out = rebalanceHoldings(holdings('1000', '0', '0'), [d(10), d(20)], [0.5, 0.5], makeLedger({ decimals: 2, fixed: '1', percentage: '0.01' }));
    expect(tradeRows(out)).toEqual([
      [0, 'buy', '49.4', '494', '5.94'],
      [1, 'buy', '24.7', '494', '5.94'],
    ]);
    expect(out.cash.toFixed()).toBe('0.12');
    expect(out.totalCost.toFixed()).toBe('11.88');
  });

  it('sells first, then buys with the cash the sells raised', () => {
    // Holding 100 A at 10 (V = 1000), no cash, target 50/50, fixed 1, 1%, 2 decimals.
    // Sell A: 500/10 − 100 = −50, value 500, cost 1 + 5 = 6 → C_s = 494.
    // Buy B: 500/20 = 25, value 500, cost 6; 494 − 506 < 0 → s = (494 − 1)/(500 × 1.01) = 0.97623762…
    // 25 × s = 24.4059… → 24.40, value 488, cost 1 + 4.88 = 5.88; cash = 494 − 493.88 = 0.12.
    const out = rebalanceHoldings(holdings('0', '100', '0'), [d(10), d(20)], [0.5, 0.5], makeLedger({ decimals: 2, fixed: '1', percentage: '0.01' }));
    expect(tradeRows(out)).toEqual([
      [0, 'sell', '50', '500', '6.00'],
      [1, 'buy', '24.4', '488', '5.88'],
    ]);
    expect(out.cash.toFixed()).toBe('0.12');
    expect(asText(out.quantities)).toEqual(['50', '24.4']);
    // V_after = 0.12 + 50×10 + 24.4×20 = 988.12 = 1000 − (6 + 5.88)
    expect(computeValue(out, [d(10), d(20)]).toFixed()).toBe('988.12');
  });

  it('rounds desired changes half-up and scaled buys down', () => {
    // 100 cash, price 8, 0 decimals: 100/8 = 12.5 → half-up 13 (value 104 > 100)
    // s = 100/104; 13 × s = 12.5 → down to 12; cash = 100 − 96 = 4.
    const out = rebalanceHoldings(holdings('100', '0'), [d(8)], [1], makeLedger({ decimals: 0 }));
    expect(tradeRows(out)).toEqual([[0, 'buy', '12', '96', '0.00']]);
    expect(out.cash.toFixed()).toBe('4');
  });

  it('rounds a desired sell half-up away from zero', () => {
    // 10 units at 4 (V = 40), target 0.4375: 0.4375×40/4 − 10 = 4.375 − 10 = −5.625 → −5.63 (2 decimals)
    // value 5.63 × 4 = 22.52.
    const out = rebalanceHoldings(holdings('0', '10'), [d(4)], [0.4375], makeLedger({ decimals: 2 }));
    expect(tradeRows(out)).toEqual([[0, 'sell', '5.63', '22.52', '0.00']]);
    expect(asText(out.quantities)).toEqual(['4.37']);
  });

  it('rounds 1/3 of 100 at price 3 to 6 decimals half-up', () => {
    // 100/3 = 33.3333333… → 33.333333, value 99.999999, cash 0.000001.
    const out = rebalanceHoldings(holdings('100', '0'), [d(3)], [1], makeLedger());
    expect(asText(out.quantities)).toEqual(['33.333333']);
    expect(out.cash.toFixed()).toBe('0.000001');
  });

  it('cuts the buy by one quantity unit when cent rounding leaves cash below zero', () => {
    // Cash 101.505404, price 1, 1%, 2 decimals, target 100%.
    // Desired 101.505404 → 101.51 (value 101.51, cost 1.0151 → 1.02); 101.505404 − 102.53 < 0.
    // s = 101.505404 / (101.51 × 1.01); 101.51 × s = 101.505404 / 1.01 = 100.5004 → down to 100.50.
    // Cost 1.005 → 1.01 (half-up); cash = 101.505404 − 101.51 = −0.004596 < 0.
    // Cut 1 unit: 100.49, cost 1.0049 → 1.00; cash = 101.505404 − 101.49 = 0.015404 ≥ 0.
    const out = rebalanceHoldings(holdings('101.505404', '0'), [d(1)], [1], makeLedger({ decimals: 2, percentage: '0.01' }));
    expect(tradeRows(out)).toEqual([[0, 'buy', '100.49', '100.49', '1.00']]);
    expect(out.cash.toFixed()).toBe('0.015404');
  });

  it('cuts the first-listed of two equally large buys', () => {
    // Cash 102.010808, prices 1, 1%, 2 decimals, targets 50/50.
    // Desired 51.005404 → 51.01 each (cost 0.5101 → 0.51); 102.010808 − 102.02 − 1.02 < 0.
    // s × 51.01 = 102.010808 / 2.02 = 50.5004 → 50.50 each, cost 0.505 → 0.51 each.
    // cash = 102.010808 − 2 × 51.01 = −0.009192. Tie on value → A (listed first) loses 1 unit:
    // A 50.49, cost 0.5049 → 0.50; cash = −0.009192 + 0.01 + 0.01 = 0.010808.
    const out = rebalanceHoldings(holdings('102.010808', '0', '0'), [d(1), d(1)], [0.5, 0.5], makeLedger({ decimals: 2, percentage: '0.01' }));
    expect(tradeRows(out)).toEqual([
      [0, 'buy', '50.49', '50.49', '0.50'],
      [1, 'buy', '50.5', '50.5', '0.51'],
    ]);
    expect(out.cash.toFixed()).toBe('0.010808');
  });

  it('drops every buy when the fixed costs exceed the cash (s clamped to 0)', () => {
    // 5 cash, fixed 10: desired buy 0.5 at 10 (value 5, cost 10); s = (5 − 10)/(5 × 1) < 0 → 0.
    const out = rebalanceHoldings(holdings('5', '0'), [d(10)], [1], makeLedger({ fixed: '10' }));
    expect(out.trades).toEqual([]);
    expect(out.cash.toFixed()).toBe('5');
  });

  it('skips trades below min_trade_value (strictly below) and sells whose cost exceeds the proceeds', () => {
    // 50 A at 10.1, 25 B at 20, no cash: V = 505 + 500 = 1005.
    // A: 502.5/10.1 − 50 = −0.24752475… → −0.247525, value 0.247525 × 10.1 = 2.5000025
    // B: 502.5/20 − 25 = 0.125, value 2.5
    const start = holdings('0', '50', '25');
    const prices = [d('10.1'), d(20)];
    // min 2.5: both trade (2.5 is not below 2.5).
    expect(tradeRows(rebalanceHoldings(start, prices, [0.5, 0.5], makeLedger({ minTrade: '2.5' })))).toEqual([
      [0, 'sell', '0.247525', '2.5000025', '0.00'],
      [1, 'buy', '0.125', '2.5', '0.00'],
    ]);
    // min 2.5000001: B is skipped.
    expect(tradeRows(rebalanceHoldings(start, prices, [0.5, 0.5], makeLedger({ minTrade: '2.5000001' })))).toEqual([
      [0, 'sell', '0.247525', '2.5000025', '0.00'],
    ]);
    // fixed cost 3 > 2.5000025 proceeds: the sell is skipped; the buy (2.5 + 3) cannot be paid: 0 cash.
    const costly = rebalanceHoldings(start, prices, [0.5, 0.5], makeLedger({ fixed: '3' }));
    expect(costly.trades).toEqual([]);
  });

  it('computes cost as fixed + percentage × value, cent-rounded half-up', () => {
    // 0.5 + 0.001 × 1234.5 = 1.7345 → 1.73; 0.5 + 0.001 × 1235 = 1.735 → 1.74
    expect(computeTradeCost(d('1234.5'), makeLedger({ fixed: '0.5', percentage: '0.001' })).toFixed()).toBe('1.73');
    expect(computeTradeCost(d('1235'), makeLedger({ fixed: '0.5', percentage: '0.001' })).toFixed()).toBe('1.74');
  });

  it('keeps V_after = V_before − costs with costs, and differs from the zero-cost run by exactly those costs', () => {
    const start = holdings('250', '30', '5');
    const prices = [d('12.34'), d('56.78')];
    const before = computeValue(start, prices);
    const withCosts = rebalanceHoldings(start, prices, [0.3, 0.7], makeLedger({ fixed: '0.25', percentage: '0.002' }));
    const free = rebalanceHoldings(start, prices, [0.3, 0.7], makeLedger());
    expect(computeValue(withCosts, prices).eq(before.sub(withCosts.totalCost))).toBe(true);
    expect(computeValue(free, prices).eq(before)).toBe(true);
    expect(withCosts.totalCost.gt(0)).toBe(true);
  });
});
