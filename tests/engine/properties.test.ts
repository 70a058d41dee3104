/**
 * Property tests of the ledger and the simulation over random small markets (fast-check):
 * cash ≥ 0, holdings ≥ 0, value after trades = value before − costs exactly, weights sum to 1,
 * and no look-ahead.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type Decimal from 'decimal.js';
import { Dec, toDec } from '../../src/engine/decimal';
import { computeValue, rebalanceHoldings } from '../../src/engine/ledger';
import { simulatePortfolio } from '../../src/engine/portfolio';
import { buildMarket } from '../../src/engine/timeline';
import type { PortfolioResult, RebalanceThreshold, RebalancingFrequency, StrategySpec } from '../../src/engine/types';
import { makeConfig, makeFx, makeLedger, makePrices } from './engine-helpers';

const SYMBOLS = ['A', 'B', 'C', 'D'];
const FREQUENCIES: RebalancingFrequency[] = ['never', 'daily', 'weekly', 'monthly', 'quarterly', 'annually'];

interface Scenario {
  assetCount: number;
  /** cents per asset per date; 0 = no price that date (never on date 0). */
  cents: number[][];
  strategyKind: 'fixed' | 'equal_weight' | 'inverse_volatility' | 'risk_parity';
  rawWeights: number[];
  lookback: number;
  frequency: RebalancingFrequency;
  threshold: RebalanceThreshold;
  capitalCents: number;
  fixedCents: number;
  percentage: number;
  decimals: number;
  minTradeCents: number;
  gapDays: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ assetCount: fc.integer({ min: 1, max: 4 }), dateCount: fc.integer({ min: 2, max: 30 }) })
  .chain(({ assetCount, dateCount }) =>
    fc.record({
      assetCount: fc.constant(assetCount),
      cents: fc.array(
        fc.tuple(fc.integer({ min: 1, max: 500_000 }), fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500_000 })), { minLength: dateCount - 1, maxLength: dateCount - 1 })).map(([first, rest]) => [first, ...rest]),
        { minLength: assetCount, maxLength: assetCount },
      ),
      strategyKind: fc.constantFrom('fixed' as const, 'equal_weight' as const, 'inverse_volatility' as const, 'risk_parity' as const),
      rawWeights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: assetCount, maxLength: assetCount }),
      lookback: fc.integer({ min: 2, max: 6 }),
      frequency: fc.constantFrom(...FREQUENCIES),
      threshold: fc.oneof(fc.constant(null), fc.constant('5/25' as const), fc.double({ min: 0.001, max: 0.3, noNaN: true })),
      capitalCents: fc.integer({ min: 1, max: 100_000_000 }),
      fixedCents: fc.integer({ min: 0, max: 500 }),
      percentage: fc.constantFrom(0, 0.0005, 0.001, 0.0025, 0.01, 0.03),
      decimals: fc.integer({ min: 0, max: 8 }),
      minTradeCents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
      gapDays: fc.integer({ min: 1, max: 40 }),
    }),
  );

function buildStrategy(s: Scenario): StrategySpec {
  const assets = SYMBOLS.slice(0, s.assetCount);
  if (s.strategyKind === 'fixed') {
    const total = s.rawWeights.reduce((a, b) => a + b, 0);
    const weights = total === 0 ? s.rawWeights.map(() => 1 / s.assetCount) : s.rawWeights.map((w) => w / total);
    return { type: 'fixed', weights: assets.map((symbol, i) => ({ symbol, weight: weights[i] as number })) };
  }
  if (s.strategyKind === 'equal_weight') return { type: 'equal_weight', assets };
  return { type: s.strategyKind, assets, lookback: s.lookback };
}

function buildDates(count: number, gapDays: number): string[] {
  // Irregular spacing (1..gapDays days) so weekly/monthly/annual boundaries all occur.
  const dates: string[] = [];
  let day = Date.UTC(2020, 11, 1);
  for (let i = 0; i < count; i++) {
    dates.push(new Date(day).toISOString().slice(0, 10));
    day += (((i * 7) % gapDays) + 1) * 86_400_000;
  }
  return dates;
}

function runScenario(s: Scenario, cents: number[][] = s.cents): { portfolio: PortfolioResult; prices: Decimal[][] } {
  const dates = buildDates(cents[0]?.length ?? 0, s.gapDays);
  const rows = dates.map((date, t) => {
    const row: Record<string, string | null> = { date };
    cents.forEach((series, a) => {
      const c = series[t] ?? 0;
      row[SYMBOLS[a] as string] = c === 0 ? null : (c / 100).toFixed(2);
    });
    return row;
  });
  const strategy = buildStrategy(s);
  const config = makeConfig({ start_date: '2020-01-01', end_date: '2030-12-31', strategy, initial_capital: toDec(s.capitalCents).div(100) });
  const market = buildMarket(config, makePrices(rows), undefined);
  const ledger = makeLedger({ decimals: s.decimals, fixed: (s.fixedCents / 100).toFixed(2), percentage: String(s.percentage), minTrade: (s.minTradeCents / 100).toFixed(2) });
  const portfolio = simulatePortfolio(
    { name: 'P', role: 'strategy', strategy, frequency: s.frequency, threshold: s.threshold },
    { market, initialCapital: config.initial_capital, ledger },
  ).portfolio;
  return { portfolio, prices: market.assets.map((a) => a.basePrices) };
}

/** Wide enough to hold every product of these markets exactly. */
const Wide = Dec.clone({ precision: 400 });

/**
 * True when valuing day `t`'s holdings, and the day before's at day t's prices, needs no more
 * than the ledger's 64 significant digits: each product q × p and their sum, held exactly.
 */
function fitsExactly(p: PortfolioResult, prices: Decimal[][], t: number): boolean {
  const fits = (d: number): boolean => {
    const products = p.quantities.map((q, a) => new Wide((q[d] as Decimal).toFixed()).mul((prices[a] as Decimal[])[t]!.toFixed()));
    const total = products.reduce((sum, x) => sum.add(x), new Wide((p.cash[d] as Decimal).toFixed()));
    return [...products, total].every((x) => x.isZero() || x.sd(true) <= 64);
  };
  return t === 0 ? fits(0) : fits(t - 1) && fits(t);
}

describe('simulation properties', () => {
  it('cash ≥ 0, quantities ≥ 0, V_t = (value before trades) − costs exactly, weights sum to 1', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { portfolio: p, prices } = runScenario(s);
        const capital = toDec(s.capitalCents).div(100);
        for (let t = 0; t < p.values.length; t++) {
          const cash = p.cash[t] as Decimal;
          expect(cash.gte(0)).toBe(true);
          p.quantities.forEach((q) => expect((q[t] as Decimal).gte(0)).toBe(true));
          const before =
            t === 0
              ? capital
              : computeValue({ cash: p.cash[t - 1] as Decimal, quantities: p.quantities.map((q) => q[t - 1] as Decimal) }, prices.map((series) => series[t] as Decimal));
          const costs = p.trades.filter((trade) => trade.day === t).reduce((sum, trade) => sum.add(trade.cost), new Dec(0));
          const expected = before.sub(costs);
          const value = p.values[t] as Decimal;
          if (fitsExactly(p, prices, t)) expect(value.eq(expected), `day ${t}: ${value.toFixed()} vs ${expected.toFixed()}`).toBe(true);
          // Beyond 64 significant digits (a value grown 10^48-fold by daily swings of 10^5) every
          // product is rounded at the 64th digit (docs/decisions/engine.md, Exactness).
          else expect(value.sub(expected).abs().lte(expected.abs().mul('1e-60'))).toBe(true);
          const weightSum = p.weights.reduce((sum, w) => sum + (w[t] as number), 0) + (p.cash_weights[t] as number);
          expect(Math.abs(weightSum - 1)).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 250 },
    );
  });

  it('a portfolio whose costs ate all of it is worth 0 and all in cash (weights still sum to 1)', () => {
    // One unit of C bought with the whole 0.12 (0.06 + 0.06 fixed cost), then sold for 0.06 less 0.06.
    const s: Scenario = {
      assetCount: 4, cents: [[7, 1, 1], [7, 0, 0], [6, 0, 1], [7, 0, 0]], strategyKind: 'fixed', rawWeights: [0, 0, 0, 0], lookback: 2,
      frequency: 'never', threshold: 0.001, capitalCents: 12, fixedCents: 6, percentage: 0, decimals: 0, minTradeCents: 0, gapDays: 1,
    };
    const { portfolio } = runScenario(s);
    const zero = portfolio.values.findIndex((v) => v.isZero());
    expect(zero).toBeGreaterThan(0);
    expect(portfolio.cash_weights[zero]).toBe(1);
    expect(portfolio.weights.map((w) => w[zero])).toEqual([0, 0, 0, 0]);
  });

  it('changing a price at date k never changes a trade or value before k', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 400_000 }), (s, kSeed, assetSeed, newCents) => {
        const dateCount = s.cents[0]?.length ?? 0;
        const raw = 1 + (kSeed % (dateCount - 1));
        const asset = assetSeed % s.assetCount;
        // Change an existing price, so the timeline keeps its dates; day k counts the priced dates before it.
        fc.pre((s.cents[asset]?.[raw] ?? 0) !== 0);
        const k = Array.from({ length: raw }, (_, j) => j).filter((j) => s.cents.some((series) => (series[j] ?? 0) !== 0)).length;
        const changed = s.cents.map((series) => [...series]);
        (changed[asset] as number[])[raw] = newCents;
        const original = runScenario(s).portfolio;
        const altered = runScenario(s, changed).portfolio;
        expect(altered.values.length).toBe(original.values.length);
        const before = <T>(items: T[]): T[] => items.slice(0, k);
        expect(before(altered.values).map(String)).toEqual(before(original.values).map(String));
        expect(before(altered.cash).map(String)).toEqual(before(original.cash).map(String));
        const early = (p: PortfolioResult) => p.trades.filter((t) => t.day < k).map((t) => [t.day, t.asset, t.action, t.quantity.toFixed(), t.cost.toFixed()]);
        expect(early(altered)).toEqual(early(original));
        const earlyEvents = (p: PortfolioResult) => p.rebalances.filter((e) => e.day < k).map((e) => [e.day, e.reason, e.target_weights]);
        expect(earlyEvents(altered)).toEqual(earlyEvents(original));
      }),
      { numRuns: 150 },
    );
  });
});

describe('ledger properties', () => {
  it('never leaves cash or a quantity below zero and loses exactly the costs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.record({
            cashCents: fc.integer({ min: 0, max: 10_000_000 }),
            quantities: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: n, maxLength: n }),
            priceMillis: fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: n, maxLength: n }),
            targets: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }),
            decimals: fc.integer({ min: 0, max: 8 }),
            fixedCents: fc.integer({ min: 0, max: 1000 }),
            percentage: fc.constantFrom(0, 0.001, 0.005, 0.02),
          }),
        ),
        (c) => {
          const total = c.targets.reduce((a, b) => a + b, 0) || 1;
          const holdings = { cash: toDec(c.cashCents).div(100), quantities: c.quantities.map((q) => toDec(q).div(100)) };
          const prices = c.priceMillis.map((p) => toDec(p).div(1000));
          const settings = makeLedger({ decimals: c.decimals, fixed: (c.fixedCents / 100).toFixed(2), percentage: String(c.percentage) });
          const out = rebalanceHoldings(holdings, prices, c.targets.map((t) => t / total), settings);
          expect(out.cash.gte(0)).toBe(true);
          out.quantities.forEach((q) => expect(q.gte(0)).toBe(true));
          expect(computeValue(out, prices).eq(computeValue(holdings, prices).sub(out.totalCost))).toBe(true);
          // Sells come before buys, each group in asset order.
          const order = out.trades.map((t) => (t.action === 'sell' ? 0 : 1000) + t.asset);
          expect(order).toEqual([...order].sort((a, b) => a - b));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('FX properties', () => {
  it('with 64-digit prices from inverse FX rates: cash ≥ 0 and V_t = before − costs to 64-digit rounding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 100, max: 100_000 }), fc.integer({ min: 100, max: 100_000 }), fc.integer({ min: 5000, max: 20000 })), { minLength: 2, maxLength: 15 }),
        fc.constantFrom('daily' as const, 'weekly' as const, 'never' as const),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(0, 0.001, 0.01),
        (rows, frequency, decimals, percentage) => {
          const dates = rows.map((_, i) => new Date(Date.UTC(2021, 0, 4 + i)).toISOString().slice(0, 10));
          const prices = makePrices(
            rows.map(([us, eu], i) => ({ date: dates[i] as string, US: (us / 100).toFixed(2), EU: (eu / 100).toFixed(2) })),
            { EU: 'EUR' },
          );
          // Only USD→EUR rows: every EUR→USD rate is 1/rate, an endless decimal rounded at 64 digits.
          const fx = makeFx(rows.map(([, , rate], i) => [dates[i] as string, 'USD', 'EUR', (rate / 10000).toFixed(4)]));
          const strategy: StrategySpec = { type: 'equal_weight', assets: ['US', 'EU'] };
          const config = makeConfig({ start_date: '2021-01-01', end_date: '2021-12-31', strategy, initial_capital: toDec(10000) });
          const market = buildMarket(config, prices, fx);
          expect(market.priceScale).toBeNull();
          const p = simulatePortfolio(
            { name: 'P', role: 'strategy', strategy, frequency, threshold: null },
            { market, initialCapital: config.initial_capital, ledger: makeLedger({ decimals, fixed: '0.5', percentage: String(percentage) }) },
          ).portfolio;
          const base = market.assets.map((a) => a.basePrices);
          for (let t = 0; t < p.values.length; t++) {
            expect((p.cash[t] as Decimal).gte(0)).toBe(true);
            const before =
              t === 0
                ? config.initial_capital
                : computeValue({ cash: p.cash[t - 1] as Decimal, quantities: p.quantities.map((q) => q[t - 1] as Decimal) }, base.map((s) => s[t] as Decimal));
            const costs = p.trades.filter((trade) => trade.day === t).reduce((sum, trade) => sum.add(trade.cost), new Dec(0));
            const gap = (p.values[t] as Decimal).sub(before.sub(costs)).abs();
            expect(gap.lte(before.mul('1e-58'))).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
