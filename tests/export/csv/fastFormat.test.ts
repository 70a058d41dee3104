import fc from 'fast-check';
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
