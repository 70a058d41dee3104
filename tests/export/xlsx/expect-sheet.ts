/** Shared expectations of the workbook tests: a table as it must appear in a sheet, and formulas. */
import Decimal from 'decimal.js';
import { expect } from 'vitest';
import type * as XLSX from 'xlsx';
import type { CellValue, ColumnType, ReportTable } from '../../../src/report/model.types';
import { cellType } from '../../../src/report/model.types';
import { getCell } from './read-back';

/** Independent oracle: Excel serial through UTC milliseconds. */
export function serialOf(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25569;
}

const EXPECTED_FORMATS: Record<string, (t: ColumnType) => string | undefined> = {
  date: () => 'yyyy-mm-dd',
  integer: () => '0',
  number: (t) => (t.kind === 'number' ? (t.decimals ? `0.${'0'.repeat(t.decimals)}` : '0') : undefined),
  percent: (t) => (t.kind === 'percent' ? `0.${'0'.repeat(t.decimals)}%;[Red]-0.${'0'.repeat(t.decimals)}%` : undefined),
  currency: (t) => (t.kind === 'currency' ? `#,##0.${'0'.repeat(t.decimals)} "${t.currency}";[Red]-#,##0.${'0'.repeat(t.decimals)} "${t.currency}"` : undefined),
  quantity: (t) => (t.kind === 'quantity' ? `0.${'0'.repeat(t.decimals)}` : undefined),
  price: () => '0.0000########',
};

/** What a cell must hold for a model value: `undefined` for an empty cell. */
export function expectedCell(value: CellValue, type: ColumnType): { t: string; v: number | string } | undefined {
  if (value === null || value === '') return undefined;
  switch (type.kind) {
    case 'date':
      return { t: 'n', v: serialOf(String(value)) };
    case 'text':
    case 'json':
      return { t: 's', v: String(value) };
    case 'currency':
    case 'quantity':
      return { t: 'n', v: new Decimal(value.toString()).toDecimalPlaces(type.decimals, Decimal.ROUND_HALF_UP).toNumber() };
    default:
      return { t: 'n', v: Decimal.isDecimal(value) ? value.toNumber() : Number(value) };
  }
}

/** Compares a table with the sheet from `headerRow` on: header keys, values, types, formats. */
export function expectTableInSheet(sheet: XLSX.WorkSheet | undefined, table: ReportTable, headerRow: number, cols: string[]): void {
  table.columns.forEach((column, c) => {
    expect(getCell(sheet, `${cols[c]}${headerRow}`)).toMatchObject({ t: 's', v: column.key });
  });
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const ref = `${cols[c]}${headerRow + 1 + r}`;
      const type = cellType(column, r);
      const expected = expectedCell(row[c] ?? null, type);
      const cell = sheet?.[ref] as XLSX.CellObject | undefined;
      if (expected === undefined) {
        expect([ref, cell]).toEqual([ref, undefined]);
        return;
      }
      expect([ref, cell?.t, cell?.v]).toEqual([ref, expected.t, expected.v]);
      expect(cell?.f).toBeUndefined();
      const z = EXPECTED_FORMATS[type.kind]?.(type);
      if (z !== undefined) expect([ref, cell?.z]).toEqual([ref, z]);
    });
  });
}

export const COLS = Array.from({ length: 30 }, (_, i) => (i < 26 ? String.fromCharCode(65 + i) : `A${String.fromCharCode(39 + i)}`));


/**
 * Recomputes every formula of the Overview from the cells it refers to (the forms the writer
 * uses: a cell, cell/$B$n−1, MIN/SUM/COUNTA of a column range) and expects the cached value;
 * returns how many formulas were checked.
 */
export function expectFormulasMatchCache(wb: XLSX.WorkBook): number {
  const ov = wb.Sheets['Overview'] as XLSX.WorkSheet;
  const value = (sheet: string, ref: string): number => Number(getCell(wb.Sheets[sheet], ref).v);
  const range = (sheet: string, from: string, to: string): XLSX.CellObject[] => {
    const col = from.replace(/\d+/, '');
    const out: XLSX.CellObject[] = [];
    for (let r = Number(from.replace(/\D+/, '')); r <= Number(to.replace(/\D+/, '')); r += 1) {
      const cell = wb.Sheets[sheet]?.[`${col}${r}`] as XLSX.CellObject | undefined;
      if (cell) out.push(cell);
    }
    return out;
  };
  let checked = 0;
  for (const [ref, cell] of Object.entries(ov)) {
    if (ref.startsWith('!') || !(cell as XLSX.CellObject).f) continue;
    const { f, v } = cell as XLSX.CellObject;
    const sheetName = (quoted: string): string => quoted.replace(/''/g, "'");
    let m: RegExpExecArray | null;
    let computed: number;
    if ((m = /^'((?:[^']|'')+)'!([A-Z]+\d+)$/.exec(f ?? ''))) computed = value(sheetName(m[1] ?? ''), m[2] ?? '');
    else if ((m = /^'((?:[^']|'')+)'!([A-Z]+\d+)\/\$B\$(\d+)-1$/.exec(f ?? ''))) {
      computed = value(sheetName(m[1] ?? ''), m[2] ?? '') / value('Overview', `B${m[3]}`) - 1;
    } else if ((m = /^(MIN|SUM|COUNTA)\('((?:[^']|'')+)'!([A-Z]+\d+):([A-Z]+\d+)\)$/.exec(f ?? ''))) {
      const cells = range(sheetName(m[2] ?? ''), m[3] ?? '', m[4] ?? '');
      const nums = cells.map((c) => Number(c.v));
      computed = m[1] === 'MIN' ? Math.min(...nums) : m[1] === 'COUNTA' ? cells.length : nums.reduce((a, b) => a + b, 0);
    } else throw new Error(`unexpected formula ${f}`);
    expect([ref, f, Math.abs(computed - Number(v)) < 1e-6 * Math.max(1, Math.abs(Number(v)))]).toEqual([ref, f, true]);
    checked += 1;
  }
  return checked;
}
