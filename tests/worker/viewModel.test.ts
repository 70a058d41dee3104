import { describe, expect, it } from 'vitest';
import { toDec } from '../../src/engine/decimal';
import { computeDrawdown, formatMetric, sampleIndexes } from '../../src/worker/viewModel';

describe('view model helpers', () => {
  it('computes drawdown with the initial capital as the first peak', () => {
    expect(computeDrawdown([90, 110, 99, 120], 100)).toEqual([90 / 100 - 1, 0, 99 / 110 - 1, 0]);
    expect(computeDrawdown([100, 100], 0)).toEqual([0, 0]);
  });

  it('samples long series evenly, keeping first, last and the requested extremes', () => {
    expect(sampleIndexes(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const idx = sampleIndexes(10_000, 100, [4321]);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(9999);
    expect(idx).toContain(4321);
    expect(idx.length).toBeLessThanOrEqual(101);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(new Set(idx).size).toBe(idx.length);
  });

  it('formats metrics by unit, empty when undefined', () => {
    expect(formatMetric(0.123456, 'percent', 'USD')).toBe('12.35%');
    expect(formatMetric(1.005, 'ratio', 'USD')).toBe('1.01');
    expect(formatMetric(toDec('12345.675'), 'currency', 'USD')).toBe('12,345.68');
    expect(formatMetric(480, 'integer', 'USD')).toBe('480');
    expect(formatMetric(null, 'ratio', 'USD')).toBe('');
    expect(formatMetric(undefined, 'ratio', 'USD')).toBe('');
  });
});
