import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dec } from '../../../src/engine/decimal';
import { BackfolioError } from '../../../src/errors';
import { createCell, excelSerialFromIsoDate, excelSerialFromIsoInstant, numberFormatFor, toCellNumber } from '../../../src/export/xlsx/cells';

const where = { sheet: 'Daily', row: 3, column: 'portfolio_value' };

describe('excelSerialFromIsoDate', () => {
  it('matches known Excel serials', () => {
    expect(excelSerialFromIsoDate('1900-03-01')).toBe(61);
    expect(excelSerialFromIsoDate('1970-01-01')).toBe(25569);
    expect(excelSerialFromIsoDate('2000-02-29')).toBe(36585);
    expect(excelSerialFromIsoDate('2024-01-01')).toBe(45292);
    expect(excelSerialFromIsoDate('2024-12-31')).toBe(45657);
    expect(excelSerialFromIsoDate('9999-12-31')).toBe(2958465);
  });

  it('rejects non-dates and dates Excel cannot number consistently', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01', '20240101', '', '1900-02-28', '1899-12-31']) {
      expect(excelSerialFromIsoDate(bad)).toBeNull();
    }
    expect(excelSerialFromIsoDate('2100-02-29')).toBeNull();
    expect(excelSerialFromIsoDate('2000-02-29')).not.toBeNull();
  });

  it('agrees with an independent UTC computation for any date from 1900-03-01 to 9999-12-31', () => {
    const first = Date.UTC(1900, 2, 1);
    const last = Date.UTC(9999, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: (last - first) / 86_400_000 }), (offset) => {
        const ms = first + offset * 86_400_000;
        const iso = new Date(ms).toISOString().slice(0, 10);
        expect(excelSerialFromIsoDate(iso)).toBe(ms / 86_400_000 + 25569);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('excelSerialFromIsoInstant', () => {
  it('adds the time of day as a fraction, in UTC, by arithmetic on the text', () => {
    expect(excelSerialFromIsoInstant('2024-01-01T00:00:00Z')).toBe(45292);
    expect(excelSerialFromIsoInstant('2024-01-01T12:00:00Z')).toBe(45292.5);
    expect(excelSerialFromIsoInstant('2025-09-06T08:38:40Z')).toBe(45906 + 31120 / 86400);
    expect(excelSerialFromIsoInstant('2025-09-06T08:38:40.987Z')).toBe(45906 + 31120 / 86400);
    expect(excelSerialFromIsoInstant('2024-01-01T01:30:00+02:00')).toBe(45291 + 23.5 / 24);
    expect(excelSerialFromIsoInstant('2024-01-01T22:00-03:00')).toBe(45293 + 1 / 24);
  });

  it('refuses what is not an instant, or lies before 1900-03-01', () => {
    for (const bad of ['2024-01-01', '2024-01-01 10:00:00Z', '2024-01-01T25:00:00Z', '2024-02-30T00:00:00Z', '2024-01-01T10:00:00', '1900-02-28T23:00:00Z', 'now']) {
      expect([bad, excelSerialFromIsoInstant(bad)]).toEqual([bad, null]);
    }
  });
});

describe('numberFormatFor', () => {
  it('gives each kind its format', () => {
    expect(numberFormatFor({ kind: 'date' })).toBe('yyyy-mm-dd');
    expect(numberFormatFor({ kind: 'integer' })).toBe('0');
    expect(numberFormatFor({ kind: 'number', decimals: 2 })).toBe('0.00');
    expect(numberFormatFor({ kind: 'number', decimals: 0 })).toBe('0');
    expect(numberFormatFor({ kind: 'percent', decimals: 2 })).toBe('0.00%;[Red]-0.00%');
    expect(numberFormatFor({ kind: 'percent', decimals: 1 })).toBe('0.0%;[Red]-0.0%');
    expect(numberFormatFor({ kind: 'currency', currency: 'USD', decimals: 2 })).toBe('#,##0.00 "USD";[Red]-#,##0.00 "USD"');
    expect(numberFormatFor({ kind: 'currency', currency: 'JPY', decimals: 0 })).toBe('#,##0 "JPY";[Red]-#,##0 "JPY"');
    expect(numberFormatFor({ kind: 'quantity', decimals: 8 })).toBe('0.00000000');
    expect(numberFormatFor({ kind: 'price' })).toBe('#,##0.0000########');
    expect(numberFormatFor({ kind: 'text' })).toBeUndefined();
    expect(numberFormatFor({ kind: 'json' })).toBeUndefined();
  });

  it('keeps a currency code with a quote from breaking the format', () => {
    expect(numberFormatFor({ kind: 'currency', currency: 'U"D', decimals: 2 })).toBe('#,##0.00 "UD";[Red]-#,##0.00 "UD"');
  });
});

describe('createCell', () => {
  it('writes dates as serial numbers with the date format', () => {
    expect(createCell('2024-01-01', { kind: 'date' }, where)).toEqual({ t: 'n', v: 45292, z: 'yyyy-mm-dd' });
  });

  it('keeps dates before 1900-03-01 as ISO text and rejects non-dates', () => {
    expect(createCell('1899-06-30', { kind: 'date' }, where)).toEqual({ t: 's', v: '1899-06-30' });
    expect(() => createCell('2024-02-30', { kind: 'date' }, where)).toThrow(BackfolioError);
    expect(() => createCell('06/30/2024', { kind: 'date' }, where)).toThrow(/Daily, row 3, column portfolio_value: got "06\/30\/2024"/);
  });

  it('rounds currency half-up to its decimals so the cell equals the CSV field', () => {
    const usd = { kind: 'currency', currency: 'USD', decimals: 2 } as const;
    expect(createCell(new Dec('1234.565'), usd, where)).toEqual({ t: 'n', v: 1234.57, z: '#,##0.00 "USD";[Red]-#,##0.00 "USD"' });
    expect(createCell(new Dec('-0.004'), usd, where)?.v).toBe(0);
    expect(Object.is(createCell(new Dec('-0.004'), usd, where)?.v, -0)).toBe(false);
    expect(createCell(new Dec('0.125'), usd, where)?.v).toBe(0.13);
  });

  it('rounds quantities to their decimals and writes prices as given', () => {
    expect(createCell(new Dec('0.123456785'), { kind: 'quantity', decimals: 8 }, where)?.v).toBe(0.12345679);
    expect(createCell(new Dec('0.00001234'), { kind: 'price' }, where)).toEqual({ t: 'n', v: 0.00001234, z: '#,##0.0000########' });
  });

  it('writes fractions unrounded with the percent format', () => {
    expect(createCell(-0.0123456789012, { kind: 'percent', decimals: 2 }, where)).toEqual({ t: 'n', v: -0.0123456789012, z: '0.00%;[Red]-0.00%' });
    expect(createCell('0.25', { kind: 'percent', decimals: 2 }, where)?.v).toBe(0.25);
  });

  it('writes text that looks like a formula as text, never a formula', () => {
    for (const text of ['=SUM(A1:A2)', '+1', '-2', '@x', '=HYPERLINK("http://x")']) {
      const cell = createCell(text, { kind: 'text' }, where);
      expect(cell).toEqual({ t: 's', v: text });
      expect(cell && 'f' in cell).toBe(false);
    }
    expect(createCell('[{"a":"1"}]', { kind: 'json' }, where)).toEqual({ t: 's', v: '[{"a":"1"}]' });
  });

  it('leaves missing and non-finite values empty', () => {
    expect(createCell(null, { kind: 'percent', decimals: 2 }, where)).toBeUndefined();
    expect(createCell(Number.NaN, { kind: 'number', decimals: 2 }, where)).toBeUndefined();
    expect(createCell(Number.POSITIVE_INFINITY, { kind: 'percent', decimals: 2 }, where)).toBeUndefined();
    expect(createCell('', { kind: 'text' }, where)).toBeUndefined();
    expect(createCell('', { kind: 'currency', currency: 'USD', decimals: 2 }, where)).toBeUndefined();
  });

  it('refuses text in a numeric column, naming the place and the value', () => {
    expect(() => createCell('abc', { kind: 'number', decimals: 2 }, where)).toThrow(/Daily, row 3, column portfolio_value: got "abc"/);
    expect(() => toCellNumber('12,5', { kind: 'currency', currency: 'EUR', decimals: 2 }, where)).toThrow(BackfolioError);
  });

  it('cuts text beyond Excel’s 32,767-character limit and reports it', () => {
    const cuts: number[] = [];
    const cell = createCell('x'.repeat(40_000), { kind: 'json' }, where, (n) => cuts.push(n));
    expect(String(cell?.v).length).toBe(32_767);
    expect(cuts).toEqual([40_000]);
  });
});
