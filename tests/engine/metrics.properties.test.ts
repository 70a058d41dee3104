/**
 * Properties of metrics and analytics over random series: outputs are finite or null, drawdowns
 * ≤ 0, correlations in [−1, 1], contributions sum to the portfolio volatility, rolling windows fill
 * exactly at `window`, drawdown periods are sorted deepest first.
 */
import fc from 'fast-check';
import type Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { computeRiskAnalytics } from '../../src/engine/analytics';
import { toDec } from '../../src/engine/decimal';
import { computeMetrics } from '../../src/engine/metrics';
import type { MetricValue } from '../../src/engine/types';

const price = fc.double({ min: 0.01, max: 1e6, noNaN: true, noDefaultInfinity: true });

/** A series of values, with runs of repeated values (flat stretches) mixed in. */
const series = (minLength: number, maxLength: number): fc.Arbitrary<number[]> =>
  fc.array(fc.oneof(price, fc.constant(100)), { minLength, maxLength });

function dateAt(t: number): string {
  return new Date(Date.UTC(2020, 0, 1 + 3 * t)).toISOString().slice(0, 10);
}

/** Walks a plain-data result: every number must be finite. */
function expectNoNonFinite(value: unknown, path = 'analytics'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true);
  else if (Array.isArray(value)) value.forEach((item, i) => expectNoNonFinite(item, `${path}[${i}]`));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) expectNoNonFinite(item, `${path}.${key}`);
  }
}

function isFiniteOrNull(value: MetricValue | undefined): boolean {
  if (value === null) return true;
  if (value === undefined) return false;
  const number = typeof value === 'number' ? value : (value as Decimal).toNumber();
  return Number.isFinite(number);
}

describe('metric properties', () => {
  it('every metric is finite or null; bounded metrics stay in their range', () => {
    fc.assert(
      fc.property(
        series(0, 40),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.constantFrom(1, 12, 52, 252, 365),
        fc.boolean(),
        (values, capital, P, withBenchmark) => {
          const benchmarkReturns = withBenchmark ? values.slice(1).map((_, t) => ((t * 7919) % 13) / 100 - 0.06) : null;
          const metrics = computeMetrics({
            dates: values.map((_, t) => dateAt(t)),
            values: values.map((v) => toDec(v)),
            initialCapital: toDec(capital),
            periodsPerYear: P,
            riskFreeRate: 0.02,
            trades: [],
            benchmarkReturns,
          });
          for (const [key, value] of Object.entries(metrics)) expect(isFiniteOrNull(value), key).toBe(true);
          if (metrics.max_drawdown !== null) expect(metrics.max_drawdown as number).toBeLessThanOrEqual(0);
          if (metrics.correlation !== null) expect(Math.abs(metrics.correlation as number)).toBeLessThanOrEqual(1);
          if (metrics.win_rate !== null) expect(metrics.win_rate as number).toBeGreaterThanOrEqual(0);
          if (metrics.var_95 !== null) {
            expect(metrics.cvar_95 as number).toBeLessThanOrEqual((metrics.var_95 as number) + 1e-15);
            expect(metrics.worst_period as number).toBeLessThanOrEqual(metrics.var_95 as number);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('analytics properties', () => {
  it('contributions sum to the portfolio volatility; correlations symmetric in [−1, 1]; rolling fills at window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((length) =>
          fc.record({
            assets: fc.array(fc.array(fc.oneof(price, fc.constant(50)), { minLength: length, maxLength: length }), {
              minLength: 1,
              maxLength: 4,
            }),
            values: fc.array(price, { minLength: length, maxLength: length }),
            window: fc.integer({ min: 2, max: 10 }),
          }),
        ),
        ({ assets, values, window }) => {
          const raw = assets.map((_, i) => (i * 37) % 10);
          const total = raw.reduce((s, x) => s + x, 0) || 1;
          const weights = raw.map((x) => x / total);
          const analytics = computeRiskAnalytics({
            dates: values.map((_, t) => dateAt(t)),
            values: values.map((v) => toDec(v)),
            initialCapital: toDec(values[0] ?? 1),
            assets: assets.map((_, i) => `S${i}`),
            assetBasePrices: assets.map((s) => s.map((p) => toDec(p))),
            finalWeights: weights,
            periodsPerYear: 252,
            riskFreeRate: 0.02,
            rollingWindow: window,
          });
          const sum = analytics.volatility_decomposition.reduce((s, row) => s + row.contribution, 0);
          expect(Math.abs(sum - analytics.portfolio_volatility)).toBeLessThanOrEqual(1e-9 * Math.max(1, analytics.portfolio_volatility));
          analytics.correlation.forEach((row, i) =>
            row.forEach((value, j) => {
              expect(value).toBe(analytics.correlation[j]?.[i]);
              if (value !== null) expect(Math.abs(value)).toBeLessThanOrEqual(1);
            }),
          );
          // (The rolling return may also be null where annualizing overflows float64.)
          analytics.rolling.volatility.forEach((value, t) => expect(value === null).toBe(t < window));
          analytics.rolling.return.forEach((value, t) => {
            if (t < window) expect(value).toBeNull();
          });
          analytics.drawdown.forEach((value) => expect(value).toBeLessThanOrEqual(0));
          const depths = analytics.drawdown_periods.map((p) => p.depth);
          expect(depths).toEqual([...depths].sort((a, b) => a - b));
          expectNoNonFinite(analytics);
        },
      ),
      { numRuns: 200 },
    );
  });
});
