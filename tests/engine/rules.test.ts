import { describe, expect, it } from 'vitest';
import { toDec } from '../../src/engine/decimal';
import { computeBandExact, findRebalanceReason, isAnyOutOfBand } from '../../src/engine/rules';

/** Float weights plus the exact Decimal ones the check falls back to near the band. */
function check(threshold: number | '5/25', targets: number[], weights: string[]): boolean {
  return isAnyOutOfBand(
    threshold,
    targets,
    weights.map((w) => Number(w)),
    (i) => toDec(weights[i] as string),
  );
}

describe('threshold bands', () => {
  it('absolute: a deviation equal to the threshold does not trigger, a larger one does', () => {
    // |0.6 − 0.5| = 0.1, not > 0.1
    expect(check(0.1, [0.5, 0.5], ['0.6', '0.4'])).toBe(false);
    expect(check(0.1, [0.5, 0.5], ['0.6000000000001', '0.3999999999999'])).toBe(true);
    expect(check(0.1, [0.5, 0.5], ['0.4', '0.6'])).toBe(false);
    expect(check(0.1, [0.5, 0.5], ['0.3999', '0.6001'])).toBe(true);
  });

  it('5/25: the relative band binds for small targets (0.25 × 0.1 = 0.025 < 0.05)', () => {
    expect(computeBandExact('5/25', 0.1).toFixed()).toBe('0.025');
    expect(check('5/25', [0.1, 0.9], ['0.125', '0.875'])).toBe(false);
    expect(check('5/25', [0.1, 0.9], ['0.1250001', '0.8749999'])).toBe(true);
    expect(check('5/25', [0.1, 0.9], ['0.075', '0.925'])).toBe(false);
    expect(check('5/25', [0.1, 0.9], ['0.0749999', '0.9250001'])).toBe(true);
  });

  it('5/25: the absolute 5 points bind for large targets (min(0.05, 0.25 × 0.6 = 0.15) = 0.05)', () => {
    expect(computeBandExact('5/25', 0.6).toFixed()).toBe('0.05');
    expect(check('5/25', [0.6, 0.4], ['0.65', '0.35'])).toBe(false);
    expect(check('5/25', [0.6, 0.4], ['0.6500001', '0.3499999'])).toBe(true);
  });

  it('decides near-band cases with the exact weight, not the float', () => {
    // The float says 0.6 exactly; the exact weight is a hair above the band.
    const outOfBand = isAnyOutOfBand(0.1, [0.5, 0.5], [0.6, 0.4], (i) => toDec(i === 0 ? '0.60000000000000000001' : '0.39999999999999999999'));
    expect(outOfBand).toBe(true);
  });
});

describe('findRebalanceReason', () => {
  const never = (): boolean => {
    throw new Error('threshold must not be evaluated');
  };
  it('reports calendar when the calendar fires, without evaluating the threshold', () => {
    expect(findRebalanceReason('monthly', 0.05, '2021-01-29', '2021-02-01', never)).toBe('calendar');
  });
  it('reports the threshold rule that fired', () => {
    expect(findRebalanceReason('monthly', 0.05, '2021-02-01', '2021-02-02', () => true)).toBe('threshold');
    expect(findRebalanceReason('never', '5/25', '2021-02-01', '2021-02-02', () => true)).toBe('5/25');
    expect(findRebalanceReason('never', '5/25', '2021-02-01', '2021-02-02', () => false)).toBeNull();
    expect(findRebalanceReason('weekly', null, '2021-02-01', '2021-02-02', never)).toBeNull();
  });
});
