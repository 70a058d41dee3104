/**
 * UnitValuer, the hot path's mark to market: exact integer sums in float64 (Dekker products,
 * Knuth sums) and the conversions of the result, checked against BigInt arithmetic and decimal.js
 * on values far beyond 2^53.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalFromBigUnits } from '../../src/engine/decimal';
import type { MarketAsset } from '../../src/engine/timeline';
import { UnitValuer } from '../../src/engine/valuation';

function assetWith(units: number[]): MarketAsset {
  return {
    symbol: 'X',
    currency: 'USD',
    localPrices: [],
    basePrices: [],
    basePriceFloats: new Float64Array(units.length),
    logReturns: new Float64Array(units.length),
    scaledPrices: Float64Array.from(units),
  };
}

let checked = 0;
const safe = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('UnitValuer', () => {
  it('values cash + Σ q × p exactly, also far beyond 2^53, and converts it exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(safe, fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 9 })), fc.oneof(safe, fc.integer({ min: 1, max: 10 ** 13 }), fc.integer({ min: 1, max: 10 ** 7 }))), { minLength: 1, maxLength: 12 }),
        fc.bigInt({ min: 0n, max: 2n ** 90n }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 12 }),
        (holdings, cash, priceScale, quantityDecimals) => {
          const valuer = UnitValuer.create(holdings.map(([, p]) => assetWith([p])), priceScale, quantityDecimals);
          expect(valuer).not.toBeNull();
          const quantities = Float64Array.from(holdings.map(([q]) => q));
          if (!valuer?.setHoldings(cash, quantities)) return; // outside the exact range: the caller uses BigInt
          checked++;
          valuer.valueAt(0);
          const exact = holdings.reduce((total, [q, p]) => total + BigInt(q) * BigInt(p), cash);
          const scale = priceScale + quantityDecimals;
          expect(valuer.toBigInt()).toBe(exact);
          const expected = decimalFromBigUnits(exact, scale);
          expect(valuer.toDecimal().toFixed()).toBe(expected.toFixed());
          expect(valuer.toDecimal().eq(expected)).toBe(true);
          expect(valuer.toNumber()).toBe(expected.toNumber());
        },
      ),
      { numRuns: 4000 },
    );
    // Most cases must reach the exact comparison, not the range refusal.
    expect(checked).toBeGreaterThan(1500);
  });

  it('refuses holdings whose values could leave the exact range', () => {
    const valuer = UnitValuer.create([assetWith([Number.MAX_SAFE_INTEGER])], 0, 0) as UnitValuer;
    expect(valuer.setHoldings(0n, Float64Array.from([Number.MAX_SAFE_INTEGER]))).toBe(false);
    expect(valuer.setHoldings(-1n, Float64Array.from([1]))).toBe(false);
    expect(valuer.setHoldings(5n, Float64Array.from([3]))).toBe(true);
    valuer.valueAt(0);
    expect(valuer.toBigInt()).toBe(5n + 3n * BigInt(Number.MAX_SAFE_INTEGER));
  });
});
