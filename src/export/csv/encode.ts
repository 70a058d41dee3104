/**
 * One CSV record as text (RFC 4180): fields through `formatFileValue` (via its fast twin `formatFileField`), text guarded against
 * formula injection, quoted only where needed, records ended by CRLF.
 */
import { cellType, type CellValue, type Column, type ReportTable } from '../../report/model.types';
import type { FormulaGuard } from '../writer.types';
import { formatFileField } from './fastFormat';

/** Record terminator: CRLF, as RFC 4180 specifies (pandas, Excel and LibreOffice all read it). */
export const CSV_EOL = '\r\n';

/** UTF-8 byte-order mark, so Excel opens non-ASCII names correctly. */
export const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

// Characters a spreadsheet treats as the start of a formula (OWASP CSV injection list).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Text a spreadsheet would run as a formula gets a leading `'` (`=CMD` → `'=CMD`); other text unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Text as the guard wants it: neutralised (`escape`, the default) or untouched (`none`). */
function guardText(text: string, guard: FormulaGuard): string {
  return guard === 'none' ? text : neutraliseFormula(text);
}

/** A field quoted when it holds a comma, quote, CR or LF, with quotes doubled. */
export function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header record of a table (names guarded, as user text can reach them through symbols). */
export function formatHeader(columns: Column[], guard: FormulaGuard = 'escape'): string {
  return columns.map((c) => quoteField(guardText(c.key, guard))).join(',') + CSV_EOL;
}

/** One cell as a CSV field: typed by `cellType`, numbers never altered, text guarded. */
export function formatCell(value: CellValue, column: Column, rowIndex: number, guard: FormulaGuard = 'escape'): string {
  const type = cellType(column, rowIndex);
  const text = formatFileField(value, type);
  return quoteField(type.kind === 'text' ? guardText(text, guard) : text);
}

/** Rows `[from, to)` of a table as CSV records, each ending with CRLF. */
export function formatRows(table: ReportTable, from: number, to: number, guard: FormulaGuard = 'escape'): string {
  const { columns, rows } = table;
  const parts: string[] = [];
  for (let r = from; r < to; r += 1) {
    const row = rows[r] ?? [];
    const fields = new Array<string>(columns.length);
    for (let c = 0; c < columns.length; c += 1) fields[c] = formatCell(row[c] ?? null, columns[c]!, r, guard);
    parts.push(fields.join(','));
  }
  return parts.length === 0 ? '' : parts.join(CSV_EOL) + CSV_EOL;
}
