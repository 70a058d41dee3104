/**
 * Column widths fitted to content: the longest shown text among the header and a sample of rows,
 * bounded so one long JSON cell cannot make a column fill the screen.
 */
import type { CellValue, Column, ColumnType } from '../../report/model.types';
import { assertNever, cellType } from '../../report/model.types';
import { toNumber } from '../../report/format';

/** Narrowest column, in characters. */
export const MIN_COLUMN_WIDTH = 8;
/** Widest column, in characters (long JSON cells overflow instead). */
export const MAX_COLUMN_WIDTH = 60;

/** Rows looked at in full; longer tables are sampled (head, tail and an even stride between). */
const FULL_SCAN_ROWS = 1000;
const HEAD_ROWS = 500;
const TAIL_ROWS = 100;
const STRIDE_SAMPLES = 400;

/** Indexes of the rows to measure: all of a short table, a bounded sample of a long one. */
export function sampleRowIndexes(rowCount: number): number[] {
  if (rowCount <= FULL_SCAN_ROWS) return Array.from({ length: rowCount }, (_, i) => i);
  const picked = new Set<number>();
  for (let i = 0; i < HEAD_ROWS; i += 1) picked.add(i);
  for (let i = rowCount - TAIL_ROWS; i < rowCount; i += 1) picked.add(i);
  const step = (rowCount - HEAD_ROWS - TAIL_ROWS) / STRIDE_SAMPLES;
  for (let k = 0; k < STRIDE_SAMPLES; k += 1) picked.add(HEAD_ROWS + Math.floor(k * step));
  return [...picked].sort((a, b) => a - b);
}

/** Shown width of a text in character cells: East Asian wide characters count twice. */
export function measureText(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000) ? 2 : 1;
  }
  return width;
}

function clampWidth(width: number): number {
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width));
}

/** Characters of the integer part of `|n|` with thousands separators when `grouped`. */
function integerWidth(n: number, grouped: boolean): number {
  const digits = Math.abs(n) < 1 ? 1 : Math.floor(Math.log10(Math.abs(n))) + 1;
  return digits + (grouped ? Math.floor((digits - 1) / 3) : 0);
}

/**
 * The width a value needs as Excel shows it under `numberFormatFor(type)`: computed from the
 * float, without formatting text (widths are an estimate, and this runs on thousands of cells).
 */
export function measureValue(value: CellValue, type: ColumnType): number {
  if (type.kind === 'text' || type.kind === 'json') return measureText(String(value));
  if (type.kind === 'date') return 10;
  const n = toNumber(value);
  if (n === null) return 0;
  const sign = n < 0 ? 1 : 0;
  switch (type.kind) {
    case 'integer':
      return sign + integerWidth(Math.round(n), false);
    case 'number':
    case 'quantity':
      return sign + integerWidth(n, false) + (type.decimals > 0 ? type.decimals + 1 : 0);
    case 'percent':
      return sign + integerWidth(n * 100, false) + (type.decimals > 0 ? type.decimals + 1 : 0) + 1;
    case 'currency':
      return sign + integerWidth(n, true) + (type.decimals > 0 ? type.decimals + 1 : 0) + 1 + type.currency.length;
    case 'price': {
      // `#,##0.0000########`: thousands grouped, at least 4 decimals, up to 16 as the value needs.
      const text = String(Math.abs(n));
      const decimals = text.includes('e') ? 16 : Math.min(16, Math.max(4, (text.split('.')[1] ?? '').length));
      return sign + integerWidth(n, true) + 1 + decimals;
    }
    default:
      return assertNever(type);
  }
}

/**
 * Widths (characters, for SheetJS `wch`) of a table's columns: header (`headers`, the keys by
 * default) and sampled cells plus a margin for the autofilter button, between 8 and 60.
 */
export function fitColumnWidths(columns: Column[], rows: CellValue[][], headers: string[] = columns.map((c) => c.key)): number[] {
  const widths = columns.map((column, c) => measureText(headers[c] ?? column.key) + 3);
  for (const r of sampleRowIndexes(rows.length)) {
    const row = rows[r];
    if (!row) continue;
    columns.forEach((column, c) => {
      const value = row[c] ?? null;
      if (value === null) return;
      const w = measureValue(value, cellType(column, r)) + 1;
      if (w > (widths[c] ?? 0)) widths[c] = w;
    });
  }
  return widths.map(clampWidth);
}

/** Widest of several width lists, column by column (sheets that stack tables). */
export function mergeColumnWidths(lists: number[][]): number[] {
  const merged: number[] = [];
  for (const list of lists) {
    list.forEach((w, i) => {
      merged[i] = Math.max(merged[i] ?? MIN_COLUMN_WIDTH, w);
    });
  }
  return merged;
}
