import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/engine/decimal';
import { fitColumnWidths, measureText, measureValue, mergeColumnWidths, sampleRowIndexes } from '../../../src/export/xlsx/widths';

describe('measureValue', () => {
  it('measures numbers as Excel shows them under the column format', () => {
    expect(measureValue(new Dec('1234567.891'), { kind: 'currency', currency: 'USD', decimals: 2 })).toBe('1,234,567.89 USD'.length);
    expect(measureValue(-0.1234, { kind: 'percent', decimals: 2 })).toBe('-12.34%'.length);
    expect(measureValue(12.5, { kind: 'number', decimals: 2 })).toBe('12.50'.length);
    expect(measureValue(new Dec('0.5'), { kind: 'quantity', decimals: 8 })).toBe('0.50000000'.length);
    expect(measureValue(1234, { kind: 'integer' })).toBe(4);
    expect(measureValue(new Dec('0.00001234'), { kind: 'price' })).toBe('0.00001234'.length);
    expect(measureValue(new Dec('42000.5'), { kind: 'price' })).toBe('42,000.5000'.length);
    expect(measureValue('2024-01-01', { kind: 'date' })).toBe(10);
    expect(measureValue('abc', { kind: 'text' })).toBe(3);
  });

  it('counts East Asian wide characters twice', () => {
    expect(measureText('比特币')).toBe(6);
    expect(measureText('ЭФИР')).toBe(4);
  });
});

describe('fitColumnWidths', () => {
  it('fits header and content, bounded to 8–60 characters', () => {
    const widths = fitColumnWidths(
      [
        { key: 'a', label: 'a', type: { kind: 'text' } },
        { key: 'trade_details', label: 'x', type: { kind: 'json' } },
        { key: 'v', label: 'x', type: { kind: 'currency', currency: 'USD', decimals: 2 } },
      ],
      [['x', 'y'.repeat(500), new Dec('1234567.89')]],
    );
    expect(widths[0]).toBe(8);
    expect(widths[1]).toBe(60);
    expect(widths[2]).toBe('1,234,567.89 USD'.length + 1);
  });

  it('samples long tables but keeps head and tail', () => {
    expect(sampleRowIndexes(10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const sample = sampleRowIndexes(100_000);
    expect(sample.length).toBeLessThanOrEqual(1000);
    expect(sample).toContain(0);
    expect(sample).toContain(99_999);
    expect(sample.some((i) => i > 50_000 && i < 90_000)).toBe(true);
    const rows = Array.from({ length: 5000 }, (_, i) => [i === 4999 ? 'z'.repeat(30) : 'a']);
    expect(fitColumnWidths([{ key: 'k', label: 'k', type: { kind: 'text' } }], rows)[0]).toBe(31);
  });

  it('merges stacked tables column by column', () => {
    expect(mergeColumnWidths([[10, 20], [15], [8, 8, 30]])).toEqual([15, 20, 30]);
  });
});
