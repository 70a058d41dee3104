/**
 * The parser accepts a price text exactly when checkPositiveDecimal does (its character-scan
 * shortcut for plain digits must not widen or narrow what is accepted), and repeated dates are
 * checked as carefully as the first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPositiveDecimal } from '../../src/data/csv-utils';
import { parsePriceCsv } from '../../src/data/prices';

function accepted(price: string): boolean {
  try {
    parsePriceCsv(`date,A\n2024-01-02,${price}\n`);
    return true;
  } catch {
    return false;
  }
}

describe('price texts', () => {
  it('are accepted exactly when checkPositiveDecimal accepts them', () => {
    const text = fc.oneof(
      fc.stringMatching(/^[0-9.]{1,12}$/),
      fc.stringMatching(/^[0-9.eE+,-]{1,8}$/),
      fc.constantFrom('0', '0.0', '00.000', '.', '..', '5.', '.5', '007', '1e5', '1E-5', '+3', '0'.repeat(299) + '1', `0.${'0'.repeat(297)}1`, '9'.repeat(300), '9'.repeat(301)),
    );
    fc.assert(
      fc.property(text, (price) => {
        expect(accepted(price), price).toBe(checkPositiveDecimal(price).ok);
      }),
      { numRuns: 3000 },
    );
  });

  it('checks every row of a repeated date, and a bad date after a good one', () => {
    expect(() => parsePriceCsv('date,symbol,price\n2024-01-02,A,1\n2024-01-02,B,2\n2024-02-30,A,3\n')).toThrow(/2024-02-30/);
    expect(parsePriceCsv('date,symbol,price\n2024-01-02,A,1\n2024-01-02,B,2\n').assets.map((a) => a.points.length)).toEqual([1, 1]);
  });
});
