import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, noun, plural } from '../src/plural';

describe('plural', () => {
  it('says "1 asset", "0 assets", "2 assets"', () => {
    expect(plural(1, 'asset')).toBe('1 asset');
    expect(plural(0, 'asset')).toBe('0 assets');
    expect(plural(2, 'asset')).toBe('2 assets');
  });
  it('takes an irregular plural and separates thousands', () => {
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
    expect(plural(104360, 'trade')).toBe('104,360 trades');
    expect(plural(1, 'currency pair')).toBe('1 currency pair');
  });
  it('gives the noun alone and formats counts', () => {
    expect(noun(1, 'day')).toBe('day');
    expect(noun(5, 'day')).toBe('days');
    expect(formatCount(1827)).toBe('1,827');
  });
});

describe('formatCount matches toLocaleString("en-US") for integers', () => {
  it('on every size and sign', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(0, -0, 999, 1000, -1000, 123456789, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, 2 ** 60)), (n) => {
        expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: 3000 },
    );
  });
});
