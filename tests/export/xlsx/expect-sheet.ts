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
  price: () => '#,##0.0000########',
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

/** The sheet column letters of a table's columns: a table with row labels has its label column second. */
export function sheetLetters(table: ReportTable, cols: string[]): string[] {
  const shift = table.rowLabels && table.rowLabels.length > 0 ? 1 : 0;
  return table.columns.map((_, c) => cols[c === 0 ? 0 : c + shift] ?? '?');
}

/**
 * Compares a table with the sheet from `headerRow` on: header keys (or labels), values, types,
 * formats, and the label column beside the first column when the table has row labels.
 */
export function expectTableInSheet(sheet: XLSX.WorkSheet | undefined, table: ReportTable, headerRow: number, cols: string[], headerLabels = false): void {
  const letters = sheetLetters(table, cols);
  table.columns.forEach((column, c) => {
    expect(getCell(sheet, `${letters[c]}${headerRow}`)).toMatchObject({ t: 's', v: headerLabels ? column.label : column.key });
  });
  if (table.rowLabels && table.rowLabels.length > 0) {
    expect(getCell(sheet, `B${headerRow}`)).toMatchObject({ t: 's', v: headerLabels ? 'Label' : 'label' });
    table.rowLabels.forEach((label, r) => expect(getCell(sheet, `B${headerRow + 1 + r}`)).toMatchObject({ t: 's', v: label }));
  }
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const ref = `${letters[c]}${headerRow + 1 + r}`;
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


/** Half a unit of the last digit a number format shows (`0.00%` → 0.00005, `#,##0.00` → 0.005, `0` → 0). */
export function shownTolerance(z: XLSX.NumberFormat | undefined): number {
  const format = String(z ?? 'General').split(';')[0] ?? '';
  if (format === 'General') return 1e-9;
  const decimals = (/\.(0+)/.exec(format)?.[1] ?? '').length;
  return format.includes('%') ? 0.5 * 10 ** -(decimals + 2) : decimals === 0 ? 0 : 0.5 * 10 ** -decimals;
}

/** Sample standard deviation (n − 1). */
function sampleStd(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

/**
 * Recomputes every formula of the Overview from the cells it refers to (the forms the writer
 * uses: a cell, cell/$B$n−1, MIN/SUM/COUNTA of a column range, the annualized return, the
 * volatility of a returns column or of a value column's ratios, the Sharpe ratio, a value
 * column's drawdown) and expects the cached value within what its number format shows (half a
 * unit of its last shown digit, plus float noise); returns how many formulas were checked.
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
  const numbers = (sheet: string, from: string, to: string): number[] => range(sheet, from, to).map((c) => Number(c.v));
  const sheetName = (quoted: string): string => quoted.replace(/''/g, "'");
  const S = "'((?:[^']|'')+)'!";
  const patterns: [RegExp, (m: RegExpExecArray) => number][] = [
    [new RegExp(`^${S}([A-Z]+\\d+)$`), (m) => value(sheetName(m[1] ?? ''), m[2] ?? '')],
    [new RegExp(`^${S}([A-Z]+\\d+)\\/\\$B\\$(\\d+)-1$`), (m) => value(sheetName(m[1] ?? ''), m[2] ?? '') / value('Overview', `B${m[3]}`) - 1],
    [new RegExp(`^(MIN|SUM|COUNTA)\\(${S}([A-Z]+\\d+):([A-Z]+\\d+)\\)$`), (m) => {
      const cells = range(sheetName(m[2] ?? ''), m[3] ?? '', m[4] ?? '');
      const nums = cells.map((c) => Number(c.v));
      return m[1] === 'MIN' ? Math.min(...nums) : m[1] === 'COUNTA' ? cells.length : nums.reduce((a, b) => a + b, 0);
    }],
    [new RegExp(`^\\(1\\+([A-Z]+\\d+)\\)\\^\\(\\$B\\$(\\d+)\\/ROWS\\(${S}([A-Z]+\\d+):([A-Z]+\\d+)\\)\\)-1$`), (m) => {
      const rows = Number((m[5] ?? '').replace(/\D+/, '')) - Number((m[4] ?? '').replace(/\D+/, '')) + 1;
      return (1 + value('Overview', m[1] ?? '')) ** (value('Overview', `B${m[2]}`) / rows) - 1;
    }],
    [new RegExp(`^STDEV\\(${S}([A-Z]+\\d+):([A-Z]+\\d+)\\)\\*SQRT\\(\\$B\\$(\\d+)\\)$`), (m) =>
      sampleStd(numbers(sheetName(m[1] ?? ''), m[2] ?? '', m[3] ?? '')) * Math.sqrt(value('Overview', `B${m[4]}`))],
    [new RegExp(`^STDEV\\(${S}([A-Z]+\\d+):([A-Z]+\\d+)\\/${S}([A-Z]+\\d+):([A-Z]+\\d+)\\)\\*SQRT\\(\\$B\\$(\\d+)\\)$`), (m) => {
      const top = numbers(sheetName(m[1] ?? ''), m[2] ?? '', m[3] ?? '');
      const bottom = numbers(sheetName(m[4] ?? ''), m[5] ?? '', m[6] ?? '');
      return sampleStd(top.map((v, i) => v / (bottom[i] ?? NaN))) * Math.sqrt(value('Overview', `B${m[7]}`));
    }],
    [/^\(([A-Z]+\d+)-\$B\$(\d+)\)\/([A-Z]+\d+)$/, (m) => (value('Overview', m[1] ?? '') - value('Overview', `B${m[2]}`)) / value('Overview', m[3] ?? '')],
    [new RegExp(`^MIN\\(${S}([A-Z]+\\d+):([A-Z]+\\d+)\\/IF\\(SUBTOTAL\\(4,OFFSET\\(${S}[A-Z]+\\d+,0,0,ROW\\(${S}[A-Z]+\\d+:[A-Z]+\\d+\\)-\\d+\\)\\)>\\$B\\$(\\d+),.*\\)\\)-1$`), (m) => {
      let peak = value('Overview', `B${m[6]}`);
      let min = 0;
      for (const v of numbers(sheetName(m[1] ?? ''), m[2] ?? '', m[3] ?? '')) {
        peak = Math.max(peak, v);
        min = Math.min(min, v / peak - 1);
      }
      return min;
    }],
  ];
  let checked = 0;
  for (const [ref, cell] of Object.entries(ov)) {
    if (ref.startsWith('!') || !(cell as XLSX.CellObject).f) continue;
    const { f, v } = cell as XLSX.CellObject;
    let computed: number | null = null;
    for (const [pattern, evaluate] of patterns) {
      const m = pattern.exec(f ?? '');
      if (m) {
        computed = evaluate(m);
        break;
      }
    }
    if (computed === null) throw new Error(`unexpected formula ${f}`);
    const tolerance = shownTolerance((cell as XLSX.CellObject).z) + 1e-12 * Math.max(1, Math.abs(Number(v)));
    expect([ref, f, Math.abs(computed - Number(v)) <= tolerance]).toEqual([ref, f, true]);
    checked += 1;
  }
  return checked;
}
