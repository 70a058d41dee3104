/**
 * runBacktest end to end on small inputs: configuration validation, benchmarks, FX, warnings,
 * progress and cancellation.
 */
import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import { runBacktest } from '../../src/engine/run';
import { asText, makeFx, makePrices } from './engine-helpers';

const prices = makePrices([
  { date: '2021-01-04', A: '10', B: '20' },
  { date: '2021-01-05', A: '12', B: '20' },
  { date: '2021-01-06', A: '9', B: '21' },
  { date: '2021-01-07', A: '11', B: '19' },
]);

const json = {
  name: 'Two assets',
  start_date: '2021-01-01',
  end_date: '2021-01-31',
  initial_capital: '1000',
  base_currency: 'USD',
  rebalancing_frequency: 'daily',
  transaction_costs: { fixed_per_trade: '1', percentage: '0' },
  strategy: { type: 'fixed', weights: { A: 0.5, B: 0.5 } },
  benchmarks: [
    { name: 'Hold A', type: 'buy_and_hold', asset: 'A' },
    { name: 'Equal weight', type: 'equal_weight', assets: ['A', 'B'] },
  ],
};

describe('runBacktest', () => {
  it('validates JSON, runs the strategy and every benchmark on the same timeline', () => {
    const result = runBacktest({ config: json, prices });
    expect(result.dates).toEqual(['2021-01-04', '2021-01-05', '2021-01-06', '2021-01-07']);
    expect(result.strategy.key).toBe('two_assets');
    expect(result.benchmarks.map((b) => [b.name, b.key, b.role])).toEqual([
      ['Hold A', 'hold_a', 'benchmark'],
      ['Equal weight', 'equal_weight', 'benchmark'],
    ]);
    // Buy and hold A: 1000 at 10, fixed 1 → s = 999/1000 → 99.9 units; values 99.9 × 10, 12, 9, 11.
    const hold = result.benchmarks[0];
    expect(asText(hold?.values ?? [])).toEqual(['999', '1198.8', '899.1', '1098.9']);
    expect(hold?.trades).toHaveLength(1);
    // The equal-weight benchmark inherits the daily calendar.
    expect(result.benchmarks[1]?.rebalances.map((e) => e.reason)).toEqual(['initial', 'calendar', 'calendar', 'calendar']);
    expect(result.strategy.values.map((v, i) => v.eq(result.benchmarks[1]?.values[i] ?? 0))).toEqual([true, true, true, true]);
  });

  it('reports periods_per_year inferred from the timeline and fills it into the config', () => {
    const result = runBacktest({ config: json, prices });
    expect(result.periods_per_year_source).toBe('inferred');
    expect(result.config.periods_per_year).toBe(252);
    const configured = runBacktest({ config: { ...json, periods_per_year: 365 }, prices });
    expect(configured.periods_per_year_source).toBe('configured');
    expect(configured.config.periods_per_year).toBe(365);
  });

  it('computes metrics for every portfolio and analytics for the strategy', () => {
    const result = runBacktest({ config: json, prices });
    const last = result.strategy.values[3]?.toNumber() ?? 0;
    expect(result.strategy.metrics.total_return).toBeCloseTo(last / 1000 - 1, 12);
    expect(result.benchmarks[0]?.metrics.total_return).toBeCloseTo(1098.9 / 1000 - 1, 12);
    expect(result.analytics.assets).toEqual(['A', 'B']);
    expect(result.metric_definitions.length).toBeGreaterThan(0);
    expect(result.assets.map((a) => [a.symbol, a.currency])).toEqual([
      ['A', 'USD'],
      ['B', 'USD'],
    ]);
  });

  it('accepts an already validated RunConfig unchanged', () => {
    const first = runBacktest({ config: json, prices });
    const again = runBacktest({ config: first.config, prices });
    expect(again.strategy.values.map((v) => v.toFixed())).toEqual(first.strategy.values.map((v) => v.toFixed()));
  });

  it('warns about a late day 0 and values a foreign asset with FX on days its market is closed', () => {
    // EU: 100 EUR on the 5th only (carried on), EUR→USD 1.2 then 1.25: base 120, 125.
    // 100% EU: 1200 / 120 = 10 units on day 0; day 1 value 10 × 125 = 1250.
    const fxPrices = makePrices(
      [
        { date: '2021-01-04', US: '1' },
        { date: '2021-01-05', US: '1', EU: '100' },
        { date: '2021-01-06', US: '1' },
      ],
      { EU: 'EUR' },
    );
    const fx = makeFx([
      ['2021-01-05', 'EUR', 'USD', '1.2'],
      ['2021-01-06', 'EUR', 'USD', '1.25'],
    ]);
    const result = runBacktest({
      config: {
        ...json,
        initial_capital: '1200',
        transaction_costs: { fixed_per_trade: '0', percentage: '0' },
        rebalancing_frequency: 'never',
        strategy: { type: 'fixed', weights: { EU: 1 } },
        benchmarks: [{ name: 'US', type: 'buy_and_hold', asset: 'US' }],
      },
      prices: fxPrices,
      fx,
    });
    expect(result.dates).toEqual(['2021-01-05', '2021-01-06']);
    expect(result.first_timeline_date).toBe('2021-01-04');
    expect(asText(result.strategy.values)).toEqual(['1200', '1250']);
    expect(result.strategy.trades[0]?.price.toFixed()).toBe('100');
    expect(result.strategy.trades[0]?.base_price.toFixed()).toBe('120');
    expect(result.strategy.trades[0]?.currency).toBe('EUR');
    expect(result.warnings.map((w) => w.code)).toContain('LATE_DAY0');
  });

  it('rejects an invalid configuration with CONFIG_INVALID', () => {
    expect(() => runBacktest({ config: { ...json, initial_capital: '-5' }, prices })).toThrow(BackfolioError);
  });

  it('reports progress up to 1 and stops with ABORTED when the signal fires', () => {
    const fractions: number[] = [];
    const stages = new Set<string>();
    runBacktest({ config: json, prices }, { onProgress: (p) => (fractions.push(p.fraction), stages.add(p.stage)) });
    expect([...stages]).toEqual(expect.arrayContaining(['Building the timeline', 'Simulating Two assets', 'Simulating Hold A', 'Done']));
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] as number))).toBe(true);

    const controller = new AbortController();
    controller.abort();
    try {
      runBacktest({ config: json, prices }, { signal: controller.signal });
      expect.unreachable();
    } catch (error) {
      expect((error as BackfolioError).code).toBe('ABORTED');
    }
  });

  it('aborts mid-run when the signal fires from a progress report', () => {
    const dates = Array.from({ length: 300 }, (_, i) => new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10));
    const long = makePrices(dates.map((date, i) => ({ date, A: String(10 + (i % 7)), B: String(20 - (i % 5)) })));
    const controller = new AbortController();
    const run = () =>
      runBacktest(
        { config: { ...json, end_date: '2021-12-31' }, prices: long },
        { signal: controller.signal, onProgress: (p) => (p.fraction > 0.1 ? controller.abort() : undefined) },
      );
    expect(run).toThrow(/Cancelled/);
  });

  it('warns once per portfolio when a flat asset forces equal weights', () => {
    // USDC is flat: from day 2 on (lookback 2) every decision falls back to equal weights.
    const flat = makePrices([
      { date: '2021-01-04', BTC: '100', USDC: '1' },
      { date: '2021-01-05', BTC: '110', USDC: '1' },
      { date: '2021-01-06', BTC: '99', USDC: '1' },
      { date: '2021-01-07', BTC: '105', USDC: '1' },
    ]);
    const result = runBacktest({
      config: { ...json, benchmarks: [], strategy: { type: 'inverse_volatility', assets: ['BTC', 'USDC'], lookback: 2 } },
      prices: flat,
    });
    expect(result.strategy.rebalances.every((e) => e.target_weights.every((w) => w === 0.5))).toBe(true);
    const notes = result.warnings.filter((w) => w.code === 'OTHER');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toContain('on 2 rebalance dates (first 2021-01-06)');
    expect(notes[0]?.message).toContain('zero volatility');
  });
});

describe('runBacktest with a configuration that is not an object', () => {
  it.each([null, undefined, 42, 'config.json', []])('rejects %j with CONFIG_INVALID, not a TypeError', (config) => {
    expect(() =>
      runBacktest({ config: config as unknown as Record<string, unknown>, prices: { assets: [], form: 'long' } }),
    ).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
