/**
 * One CSV record as text (RFC 4180): fields through `formatFileValue` (via its fast twin `formatFileField`), text guarded against
 * formula injection, quoted only where needed, records ended by CRLF.
 */
import { cellType, type CellValue, type Column, type ColumnType, type ReportTable } from '../../report/model.types';
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

/** True for numeric kinds: their file text (digits, `-`, `.`) is never quoted nor guarded. */
function isPlainKind(kind: ColumnType['kind']): boolean {
  return kind !== 'text' && kind !== 'json' && kind !== 'date';
}

/**
 * Rows `[from, to)` of a table as CSV records, each ending with CRLF: the same fields as
 * `formatCell` on each cell. Numbers are never quoted (their text holds no separator),
 * and a column that repeats the same Decimal object on consecutive rows (holdings between
 * rebalances, carried-forward prices) formats it once.
 */
export function formatRows(table: ReportTable, from: number, to: number, guard: FormulaGuard = 'escape'): string {
  const { columns, rows } = table;
  const width = columns.length;
  const lastValue: unknown[] = new Array<unknown>(width);
  const lastType: (ColumnType | undefined)[] = new Array<ColumnType | undefined>(width);
  const lastText: string[] = new Array<string>(width);
  // Fields are gathered in one array and joined once: a flat string, cheap to encode (a string
  // grown by `+=` is a tree of pieces that the encoder must flatten first).
  const parts: string[] = [];
  for (let r = from; r < to; r += 1) {
    const row = rows[r] ?? [];
    if (width === 0) parts.push(CSV_EOL);
    for (let c = 0; c < width; c += 1) {
      const column = columns[c] as Column;
      const value = row[c] ?? null;
      const type = cellType(column, r);
      let field: string;
      if (isPlainKind(type.kind)) {
        if (typeof value === 'object' && value !== null && value === lastValue[c] && type === lastType[c]) {
          field = lastText[c] as string;
        } else {
          field = formatFileField(value, type);
          if (typeof value === 'object') {
            lastValue[c] = value;
            lastType[c] = type;
            lastText[c] = field;
          }
        }
      } else {
        field = formatCell(value, column, r, guard);
      }
      parts.push(field, c === width - 1 ? CSV_EOL : ',');
    }
  }
  return parts.join('');
}
