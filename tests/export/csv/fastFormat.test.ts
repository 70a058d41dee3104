import fc from 'fast-check';
import { Dec } from '../../../src/engine/decimal';
import { describe, expect, it } from 'vitest';
import { fixedTrimmedFloat, formatFileField } from '../../../src/export/csv/fastFormat';
import { formatFileValue } from '../../../src/report/format';
import type { ColumnType } from '../../../src/report/model.types';

const PERCENT: ColumnType = { kind: 'percent', decimals: 2 };
const NUMBER: ColumnType = { kind: 'number', decimals: 2 };

describe('formatFileField', () => {
  it.each([
    0, -0, 1, -1, 0.5, 0.123456789049999, 0.00000000005, -0.00000000005, 0.00000000004999, 0.99999999995, -0.99999999995,
    9.99999999995, 123.4567890123, 1e-7, 1e-11, -1e-7, 1e21, 1.5e300, 5e-324, 0.1 + 0.2, 2 / 3, -2 / 3, 12345678.123456789,
    Number.MAX_SAFE_INTEGER, 0.0000000001, 0.00000000015, Number.NaN, Number.POSITIVE_INFINITY,
  ])('%s matches formatFileValue', (value) => {
    expect(formatFileField(value, PERCENT)).toBe(formatFileValue(value, PERCENT));
    expect(formatFileField(value, NUMBER)).toBe(formatFileValue(value, NUMBER));
  });

  it('matches formatFileValue for any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(formatFileField(value, PERCENT)).toBe(formatFileValue(value, PERCENT));
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('matches formatFileValue for returns-like values with ties at the 11th decimal', () => {
    const tie = fc.tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => Number(`${a < 0 ? '-' : ''}0.${String(Math.abs(a)).padStart(8, '0')}${String(b).padStart(2, '0')}5`));
    fc.assert(
      fc.property(tie, (value) => {
        expect(formatFileField(value, NUMBER)).toBe(formatFileValue(value, NUMBER));
      }),
      { numRuns: 5_000, seed: 11 },
    );
  });

  it('declines exponent forms', () => {
    expect(fixedTrimmedFloat(1e-7, 10)).toBeNull();
    expect(fixedTrimmedFloat(1e21, 10)).toBeNull();
  });
});

describe('formatFileField for Decimal money and quantities', () => {
  const CURRENCY: ColumnType = { kind: 'currency', currency: 'USD', decimals: 2 };
  const quantity = (decimals: number): ColumnType => ({ kind: 'quantity', decimals });
  it('matches formatFileValue (fixedExact, half-up, never -0.00) on any decimal', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 12 }), (units, scale, decimals) => {
        const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
        const text = `${units < 0n ? '-' : ''}${scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`}`;
        const value = new Dec(text);
        expect(formatFileField(value, quantity(decimals))).toBe(formatFileValue(value, quantity(decimals)));
        expect(formatFileField(value, CURRENCY)).toBe(formatFileValue(value, CURRENCY));
      }),
      { numRuns: 10_000, seed: 5 },
    );
    for (const text of ['0', '-0', '0.005', '-0.005', '0.004999', '2.675', '-2.675', '999.995', '0.0000001', '1e-30', '123456789.125', '5e20', '-0.0001']) {
      const value = new Dec(text);
      expect(formatFileField(value, CURRENCY), text).toBe(formatFileValue(value, CURRENCY));
      expect(formatFileField(value, quantity(6)), text).toBe(formatFileValue(value, quantity(6)));
    }
  });
});

describe('fixedTrimmedFloat in its integer fast range (1e−6 ≤ |x| < 1e4)', () => {
  it('matches formatFileValue on doubles of every size in the range, and next to rounding ties', () => {
    const inRange = fc.oneof(
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      // Next to a tie at the 11th decimal: k.5e−10 and its neighbouring doubles.
      fc.tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: -3, max: 3 })).map(([k, nudge]) => {
        let x = (k + 0.5) / 1e10;
        for (let i = 0; i < Math.abs(nudge); i++) x = nudge > 0 ? x + Number.EPSILON * Math.abs(x) : x - Number.EPSILON * Math.abs(x);
        return x;
      }),
    );
    fc.assert(
      fc.property(inRange, (value) => {
        expect(formatFileField(value, PERCENT)).toBe(formatFileValue(value, PERCENT));
      }),
      { numRuns: 50_000, seed: 13 },
    );
  });
});
