/** Round trip of random valid configurations through configToJson → JSON text → validateConfig. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configToJson, validateConfig } from '../../src/engine/config';

const symbol = fc.stringMatching(/^[A-Z0-9][A-Z0-9.\-]{0,7}$/);
const money = fc.oneof(
  fc.integer({ min: 1, max: 10_000_000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999_999 })).map(([a, b]) => `${a}.${b}`),
);
const frequency = fc.constantFrom('never', 'daily', 'weekly', 'monthly', 'quarterly', 'annually');
const threshold = fc.oneof(fc.constant(null), fc.constant('5/25'), fc.double({ min: 0.001, max: 1, noNaN: true }));

const strategy = fc.uniqueArray(symbol, { minLength: 1, maxLength: 5 }).chain((assets) =>
  fc.oneof(
    fc.constant({ type: 'equal_weight', assets }),
    fc.integer({ min: 2, max: 500 }).map((lookback) => ({ type: 'risk_parity', assets, lookback })),
    fc.integer({ min: 2, max: 500 }).map((lookback) => ({ type: 'inverse_volatility', assets, lookback })),
    // Weights k/len summing to exactly 1 (the last takes the remainder in thousandths).
    fc.constant({
      type: 'fixed',
      weights: assets.map((s, i) => ({
        symbol: s,
        weight: i < assets.length - 1 ? Math.floor(1000 / assets.length) / 1000 : (1000 - Math.floor(1000 / assets.length) * (assets.length - 1)) / 1000,
      })),
    }),
  ),
);

describe('configToJson round trip (property)', () => {
  it('validateConfig(JSON of configToJson(c)) equals c', () => {
    fc.assert(
      fc.property(
        fc.record({
          name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && /[a-z0-9]/i.test(s)),
          initial_capital: money,
          rebalancing_frequency: frequency,
          rebalance_threshold: threshold,
          transaction_costs: fc.record({ fixed_per_trade: money, percentage: fc.constantFrom('0', '0.001', '0.0025') }),
          risk_free_rate: fc.double({ min: 0, max: 0.2, noNaN: true }),
          periods_per_year: fc.oneof(fc.constant(null), fc.constantFrom(12, 52, 252, 365)),
          quantity_decimals: fc.integer({ min: 0, max: 18 }),
          min_trade_value: money,
          rolling_window: fc.integer({ min: 2, max: 400 }),
          strategy,
          bench: fc.option(fc.tuple(symbol, frequency), { nil: undefined }),
        }),
        ({ bench, ...fields }) => {
          const input = {
            ...fields,
            start_date: '2020-01-01',
            end_date: '2021-06-30',
            base_currency: 'eur',
            benchmarks: bench === undefined
              ? []
              : [
                  { name: 'zz hold', type: 'buy_and_hold', asset: bench[0] },
                  { name: 'zz ew', type: 'equal_weight', assets: [bench[0]], rebalancing_frequency: bench[1] },
                ],
          };
          const config = validateConfig(input);
          const again = validateConfig(JSON.parse(JSON.stringify(configToJson(config))));
          expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(JSON.stringify(config)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
