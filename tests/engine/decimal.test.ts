/**
 * The scaled-integer ↔ Decimal converters of src/engine/decimal.ts build decimal.js instances
 * from their fields; each must give exactly what decimal.js's own parse of the text gives (same
 * `d`, `e`, `s`, same clone), so values from the hot path are indistinguishable from any other.
 */
import fc from 'fast-check';
import type Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  Dec,
  decimalFromBigUnits,
  decimalFromText,
  decimalFromUnits,
  decimalFromWideUnits,
  readBigUnits,
  readDigits,
  readUnits,
  SAFE_LIMIT,
  toDec,
  unitsToNumber,
} from '../../src/engine/decimal';

/** `units × 10^−scale` as plain text, the way a person writes it. */
function unitsText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

function fields(x: Decimal): unknown {
  const { d, e, s } = x;
  return { d: [...d], e, s, keys: Object.keys(x), clone: x.constructor === Dec };
}

describe('decimalFromUnits / decimalFromBigUnits', () => {
  it('builds exactly the Decimal decimal.js parses from the same text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }), fc.integer({ min: 0, max: 30 }), (units, scale) => {
        const expected = new Dec(unitsText(units, scale));
        expect(fields(decimalFromUnits(Number(units), scale))).toEqual(fields(expected));
        expect(fields(decimalFromBigUnits(units, scale))).toEqual(fields(expected));
      }),
      { numRuns: 3000 },
    );
  });

  it('also beyond 2^53 and with long runs of zeros', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 70n), max: 10n ** 70n }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 }), (units, scale, zeros) => {
        const value = units * 10n ** BigInt(zeros);
        expect(fields(decimalFromBigUnits(value, scale))).toEqual(fields(new Dec(unitsText(value, scale))));
      }),
      { numRuns: 3000 },
    );
    for (const [units, scale] of [[0, 0], [1, 0], [10_000_000, 0], [1, 7], [1, 8], [9_999_999, 7], [1, 22], [SAFE_LIMIT - 1, 3]] as const) {
      expect(fields(decimalFromUnits(units, scale))).toEqual(fields(new Dec(unitsText(BigInt(units), scale))));
    }
  });

  it('computes like any other Decimal of the clone (64 digits, half-up)', () => {
    const third = decimalFromUnits(1, 0).div(3);
    expect(third.toFixed()).toBe(new Dec(1).div(3).toFixed());
    expect(decimalFromUnits(5625, 3).toDecimalPlaces(2).toFixed()).toBe('5.63');
  });
});

describe('decimalFromText', () => {
  it('equals toDec(text) for plain and other number texts', () => {
    const texts = ['0', '00', '0.0', '1', '+7', '.5', '5.', '045.60', '42000.5', '0.0000001234', '123456789012345', '1234567890123456', '1e5', '2.5E-3', '9007199254740993'];
    for (const text of texts) expect(fields(decimalFromText(text)), text).toEqual(fields(toDec(text)));
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 20 }), (units, scale) => {
        const text = unitsText(units, scale);
        expect(fields(decimalFromText(text))).toEqual(fields(toDec(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects what toDec rejects', () => {
    for (const text of ['', '+', '.', '+.', '1.2.3', 'abc', '1,5']) expect(() => decimalFromText(text), text).toThrow();
  });
});

describe('readUnits / readBigUnits / unitsToNumber', () => {
  it('reads x × 10^scale exactly, NaN when not an integer at that scale or beyond 2^53', () => {
    expect(readUnits(toDec('45.6817'), 4)).toBe(456817);
    expect(readUnits(toDec('45.6817'), 6)).toBe(45681700);
    expect(readUnits(toDec('45.6817'), 3)).toBeNaN();
    expect(readUnits(toDec('-0.5'), 1)).toBe(-5);
    expect(readUnits(toDec('0'), 0)).toBe(0);
    expect(readUnits(toDec('9007199254740992'), 0)).toBeNaN();
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 5 }), (units, scale, extra) => {
        const x = new Dec(unitsText(units, scale));
        const big = units * 10n ** BigInt(extra);
        const fits = big < 2n ** 53n && big > -(2n ** 53n);
        const read = readUnits(x, scale + extra);
        if (fits) expect(read).toBe(Number(big));
        else expect(read).toBeNaN();
        expect(readBigUnits(x, scale + extra)).toBe(big);
        if (scale > 0 && units % 10n !== 0n) expect(readBigUnits(x, scale - 1)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('unitsToNumber is the correctly rounded double, as Decimal.toNumber', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 30 }), (units, scale) => {
        expect(unitsToNumber(units, scale)).toBe(new Dec(unitsText(units, scale)).toNumber());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('readDigits', () => {
  it('gives |x| × 10^dp and dp = decimalPlaces(), NaN digits beyond 2^53', () => {
    const out = new Float64Array(2);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 12 }), (units, scale, zeros) => {
        const x = new Dec(unitsText(units * 10n ** BigInt(zeros), scale));
        readDigits(x, out);
        const places = x.decimalPlaces();
        expect(out[1]).toBe(places);
        const digits = x.abs().mul(new Dec(10).pow(places));
        if (digits.lt(2 ** 53)) expect(out[0]).toBe(digits.toNumber());
        else expect(out[0]).toBeNaN();
      }),
      { numRuns: 3000 },
    );
  });

  it('reads digits below 2^53 whatever the word layout (e.g. 528.46813728 spans three words)', () => {
    const out = new Float64Array(2);
    readDigits(new Dec('528.46813728'), out);
    expect([...out]).toEqual([52846813728, 8]);
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.integer({ min: 0, max: 24 }), (units, scale) => {
        const x = new Dec(unitsText(units, scale));
        readDigits(x, out);
        expect(out[1]).toBe(x.decimalPlaces());
        expect(out[0]).toBe(x.mul(new Dec(10).pow(x.decimalPlaces())).toNumber());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('decimalFromWideUnits', () => {
  it('builds (high × 10^14 + low) × 10^−scale exactly as decimal.js parses it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }), fc.integer({ min: 0, max: 30 }), (high, low, scale) => {
        const units = high * 10n ** 14n + low;
        expect(fields(decimalFromWideUnits(Number(high), Number(low), scale))).toEqual(fields(new Dec(unitsText(units, scale))));
      }),
      { numRuns: 3000 },
    );
    expect(fields(decimalFromWideUnits(1, 0, 14))).toEqual(fields(new Dec('1')));
    expect(fields(decimalFromWideUnits(0, 5, 3))).toEqual(fields(new Dec('0.005')));
  });
});
