/**
 * The integer book (scaled integers, float64 decisions with exact fallbacks) against the Decimal
 * book (rebalanceHoldings + computeValue) on random markets: every value, cash amount, quantity,
 * weight, trade and event must be identical, not merely close. Scenarios aim at the rounding
 * edges: prices and capitals with few digits (ties), large fixed costs (buy scaling, the cut
 * loop), many quantity decimals (beyond 2^53 units), thresholds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type Decimal from 'decimal.js';
import { toDec } from '../../src/engine/decimal';
import { simulatePortfolio, type SimulatedPortfolio } from '../../src/engine/portfolio';
import { buildMarket } from '../../src/engine/timeline';
import type { RebalanceThreshold, RebalancingFrequency, StrategySpec } from '../../src/engine/types';
import { makeConfig, makeLedger, makePrices } from './engine-helpers';

const SYMBOLS = ['A', 'B', 'C', 'D', 'E'];
const FREQUENCIES: RebalancingFrequency[] = ['never', 'daily', 'weekly', 'monthly'];

interface Scenario {
  prices: number[][];
  priceDecimals: number;
  kind: 'fixed' | 'equal_weight' | 'inverse_volatility' | 'risk_parity';
  rawWeights: number[];
  frequency: RebalancingFrequency;
  threshold: RebalanceThreshold;
  capital: string;
  fixed: string;
  percentage: string;
  decimals: number;
  minTrade: string;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ assets: fc.integer({ min: 1, max: 5 }), dates: fc.integer({ min: 2, max: 40 }) })
  .chain(({ assets, dates }) =>
    fc.record({
      prices: fc.array(fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: dates, maxLength: dates }), { minLength: assets, maxLength: assets }),
      priceDecimals: fc.integer({ min: 0, max: 6 }),
      kind: fc.constantFrom('fixed' as const, 'equal_weight' as const, 'inverse_volatility' as const, 'risk_parity' as const),
      rawWeights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: assets, maxLength: assets }),
      frequency: fc.constantFrom(...FREQUENCIES),
      threshold: fc.oneof(fc.constant(null), fc.constant('5/25' as const), fc.double({ min: 0.001, max: 0.3, noNaN: true })),
      capital: fc.oneof(
        fc.integer({ min: 1, max: 100_000_000 }).map((c) => (c / 100).toFixed(2)),
        fc.constantFrom('1000', '1000000', '123456789012.34', '0.05', '7'),
      ),
      fixed: fc.constantFrom('0', '0', '1', '2.5', '9.99', '500'),
      percentage: fc.constantFrom('0', '0.001', '0.0025', '0.005', '0.01', '0.125'),
      decimals: fc.integer({ min: 0, max: 10 }),
      minTrade: fc.constantFrom('0', '0', '5', '100.005'),
    }),
  );

function strategyOf(s: Scenario): StrategySpec {
  const assets = SYMBOLS.slice(0, s.prices.length);
  if (s.kind === 'fixed') {
    const total = s.rawWeights.reduce((a, b) => a + b, 0);
    const weights = total === 0 ? s.rawWeights.map(() => 1 / assets.length) : s.rawWeights.map((w) => w / total);
    return { type: 'fixed', weights: assets.map((symbol, i) => ({ symbol, weight: weights[i] as number })) };
  }
  if (s.kind === 'equal_weight') return { type: 'equal_weight', assets };
  return { type: s.kind, assets, lookback: 3 };
}

function run(s: Scenario, book: 'auto' | 'decimal'): SimulatedPortfolio {
  const dates = (s.prices[0] ?? []).map((_, t) => new Date(Date.UTC(2021, 0, 1 + 3 * t)).toISOString().slice(0, 10));
  const rows = dates.map((date, t) => {
    const row: Record<string, string> = { date };
    s.prices.forEach((series, a) => {
      row[SYMBOLS[a] as string] = ((series[t] ?? 1) / 10 ** s.priceDecimals).toFixed(s.priceDecimals);
    });
    return row;
  });
  const strategy = strategyOf(s);
  const config = makeConfig({ start_date: '2021-01-01', end_date: '2022-12-31', strategy, initial_capital: toDec(s.capital) });
  const market = buildMarket(config, makePrices(rows), undefined);
  const ledger = makeLedger({ decimals: s.decimals, fixed: s.fixed, percentage: s.percentage, minTrade: s.minTrade });
  return simulatePortfolio(
    { name: 'P', role: 'strategy', strategy, frequency: s.frequency, threshold: s.threshold },
    { market, initialCapital: config.initial_capital, ledger, book },
  );
}

const text = (values: Decimal[]): string[] => values.map((v) => v.toFixed());

function expectSameResult(actual: SimulatedPortfolio, expected: SimulatedPortfolio): void {
  const a = actual.portfolio;
  const e = expected.portfolio;
  expect(text(a.values)).toEqual(text(e.values));
  expect(text(a.cash)).toEqual(text(e.cash));
  expect(a.quantities.map(text)).toEqual(e.quantities.map(text));
  expect(a.weights).toEqual(e.weights);
  expect(a.cash_weights).toEqual(e.cash_weights);
  expect(a.returns).toEqual(e.returns);
  expect(Array.from(actual.valueFloats)).toEqual(e.values.map((v) => v.toNumber()));
  const trades = (p: typeof a) => p.trades.map((t) => [t.day, t.asset, t.action, t.quantity.toFixed(), t.trade_value.toFixed(), t.cost.toFixed(), t.reason]);
  expect(trades(a)).toEqual(trades(e));
  const events = (p: typeof a) => p.rebalances.map((r) => [r.day, r.reason, r.transaction_cost.toFixed(), r.assets_changed, r.trade_indexes, r.target_weights]);
  expect(events(a)).toEqual(events(e));
}

describe('the integer book gives exactly the Decimal book', () => {
  it('on random markets, costs, thresholds and quantity decimals', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expectSameResult(run(s, 'auto'), run(s, 'decimal'));
      }),
      { numRuns: 600 },
    );
  });

  it('on rounding ties: round prices and capitals, 1/3 weights, half-cent costs', () => {
    const tie: fc.Arbitrary<Scenario> = fc.record({
      prices: fc.array(fc.array(fc.constantFrom(1, 2, 3, 4, 5, 8, 10, 16, 25, 40, 125), { minLength: 6, maxLength: 6 }), { minLength: 3, maxLength: 3 }),
      priceDecimals: fc.constantFrom(0, 1, 2),
      kind: fc.constantFrom('fixed' as const, 'equal_weight' as const),
      rawWeights: fc.constant([1, 1, 1]),
      frequency: fc.constantFrom('daily' as const, 'weekly' as const),
      threshold: fc.constant(null),
      capital: fc.constantFrom('1000', '100', '10', '1', '12.5', '999.99'),
      fixed: fc.constantFrom('0', '0.005', '0.5'),
      percentage: fc.constantFrom('0', '0.005', '0.125', '0.0625'),
      decimals: fc.integer({ min: 0, max: 4 }),
      minTrade: fc.constant('0'),
    });
    fc.assert(
      fc.property(tie, (s) => {
        expectSameResult(run(s, 'auto'), run(s, 'decimal'));
      }),
      { numRuns: 600 },
    );
  });
});
