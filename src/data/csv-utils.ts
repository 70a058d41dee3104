/**
 * Shared plumbing of the price and FX parsers: splitting CSV text into rows that remember their
 * file line number, and the field checks both files use (ISO dates, positive decimals, currency
 * codes). Issues are collected, never thrown one by one, so a user sees every problem at once.
 */
import Papa from 'papaparse';
import type Decimal from 'decimal.js';
import { toDec } from '../engine/decimal';
import { hasInvisible, throwIfAborted, type InputIssue } from '../errors';

/** One data row of a CSV file with the 1-based line of the file it starts on (header = line 1). */
export interface CsvRow {
  line: number;
  /** Fields as written, whitespace trimmed. */
  fields: string[];
}

/** What a scan found besides the rows it handed over. */
export interface CsvScan {
  /** Header names as written, whitespace trimmed; empty when the file has no line at all. */
  header: string[];
  /** Line of the header (1 unless the file starts with blank lines). */
  headerLine: number;
  delimiter: ',' | ';' | '\t';
  /** Data rows seen (ragged ones included). */
  rowCount: number;
  /** Structural problems: unterminated quotes, ragged rows. */
  issues: InputIssue[];
}

/** Progress and cancel for a long parse (a 50 MB file takes seconds). */
export interface ParseOptions {
  /** Fraction of the text read, in [0, 1], every few thousand rows. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Rows between two progress reports and abort checks. */
const PROGRESS_EVERY_ROWS = 16_384;

/** Called with the header; returns what to do with each data row, or `null` to skip the rows. */
export type HeaderHandler = (header: string[], headerLine: number) => ((row: CsvRow) => void) | null;

/**
 * Reads CSV text row by row: the first non-blank line is the header, every later row with as many
 * fields as the header goes to the row handler the header handler returned; rows are never all
 * held at once (a 50 MB file would otherwise keep millions of field strings alive).
 * Tolerates a UTF-8 BOM, CRLF or LF line ends, quoted fields (also spanning lines), blank lines
 * (skipped) and whitespace around fields. The separator is decided from the header line: the
 * most frequent of comma, semicolon and tab outside quotes (`detectDelimiter`; papaparse's own
 * guess is unreliable on short files). Ragged rows are reported, not handed on.
 */
export function scanCsv(text: string, onHeader: HeaderHandler, options: ParseOptions = {}): CsvScan {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  // Line numbers of rows papaparse gives (the direct split below numbers its own rows).
  let lineOf: ((offset: number) => number) | null = null;
  const scan: CsvScan = { header: [], headerLine: 1, delimiter, rowCount: 0, issues: [] };
  let onRow: ((row: CsvRow) => void) | null = null;
  let seenHeader = false;
  let start = 0;
  parseRows(body, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      const line = result.meta.line ?? (lineOf ??= buildLineLookup(body))(start);
      start = result.meta.cursor;
      for (const error of result.errors) {
        scan.issues.push({ path: `row ${line}`, value: error.message, expected: 'well-formed CSV (check the quotes)' });
      }
      // Cleaned in place: each step's array is the parser's fresh one.
      const fields = result.data;
      for (let i = 0; i < fields.length; i++) fields[i] = cleanField(fields[i] as string);
      // A whitespace-only line is a blank line; a line of bare separators is a row with empty fields.
      if (fields.length === 1 && fields[0] === '') return;
      if (!seenHeader) {
        seenHeader = true;
        scan.header = fields;
        scan.headerLine = line;
        onRow = onHeader(fields, line);
        return;
      }
      scan.rowCount++;
      if (scan.rowCount % PROGRESS_EVERY_ROWS === 0) {
        throwIfAborted(options.signal);
        options.onProgress?.(start / Math.max(1, body.length));
      }
      if (fields.length !== scan.header.length) {
        scan.issues.push({
          path: `row ${line}`,
          value: `${fields.length} field${fields.length === 1 ? '' : 's'}`,
          expected: `${scan.header.length} fields like the header (line ${scan.headerLine}), ${describeDelimiter(delimiter)}`,
        });
        return;
      }
      onRow?.({ line, fields });
    },
  });
  options.onProgress?.(1);
  return scan;
}

/** One row as the parser hands it over (the part of papaparse's step result `scanCsv` reads). */
export interface RowStep {
  data: string[];
  errors: { message: string }[];
  /** Offset just past the row (its line end included); the row's 1-based line when known. */
  meta: { cursor: number; line?: number };
}

/** What `scanCsv` asks of the row parser: papaparse's step configuration. */
export interface RowParseConfig {
  delimiter: string;
  skipEmptyLines: false;
  step: (result: RowStep) => void;
}

/**
 * Rows of `body` to `config.step`, as `Papa.parse` gives them. Text without a quote character and
 * with one kind of line end (LF only, or CRLF only) has no field that spans a separator or a
 * line, so its rows are the lines and its fields the pieces between separators: split here
 * directly, several times faster than papaparse (which is still used for anything else).
 */
export function parseRows(body: string, config: RowParseConfig): void {
  const newline = findPlainLineEnd(body);
  if (newline === null) {
    Papa.parse<string[]>(body, { delimiter: config.delimiter, skipEmptyLines: false, step: (result) => config.step(result) });
    return;
  }
  // papaparse gives no row at all for empty text.
  if (body.length === 0) return;
  // Every row is one line here, so the rows number the lines.
  const meta = { cursor: 0, line: 0 };
  const { delimiter } = config;
  // The next separator at or after the scan point (Infinity: none left). Fields are cut from the
  // text directly (no copy of each line to split), and each separator is searched for once.
  const nextDelimiter = (from: number): number => {
    const at = body.indexOf(delimiter, from);
    return at < 0 ? Number.POSITIVE_INFINITY : at;
  };
  let next = nextDelimiter(0);
  for (let from = 0; from <= body.length; ) {
    const at = body.indexOf(newline, from);
    const end = at < 0 ? body.length : at;
    meta.cursor = at < 0 ? body.length : at + newline.length;
    meta.line += 1;
    const fields: string[] = [];
    let start = from;
    while (next < end) {
      fields.push(body.slice(start, next));
      start = next + delimiter.length;
      next = nextDelimiter(start);
    }
    fields.push(body.slice(start, end));
    config.step({ data: fields, errors: [], meta });
    if (at < 0) break;
    from = at + newline.length;
  }
}

/** `'\n'` or `'\r\n'` when `body` has no quote and only that kind of line end; otherwise `null`. */
function findPlainLineEnd(body: string): '\n' | '\r\n' | null {
  if (body.includes('"')) return null;
  const cr = body.indexOf('\r');
  if (cr < 0) return '\n';
  // Every CR must start a CRLF, and every LF end one.
  let crs = 0;
  for (let i = body.indexOf('\r'); i >= 0; i = body.indexOf('\r', i + 1)) {
    if (body.charCodeAt(i + 1) !== 10) return null;
    crs++;
  }
  let lfs = 0;
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) lfs++;
  return crs === lfs ? '\r\n' : null;
}

/**
 * Trims a field. RFC 4180 only honours quotes at the very start of a field, so `, "BTC" ,`
 * arrives as ` "BTC" `: a field padded with spaces and wrapped in quotes is unquoted here (a
 * separator inside such a field has already split it; write those without the padding).
 */
function cleanField(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed !== raw && trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/""/g, '"').trim();
  }
  return trimmed;
}

/**
 * The separator of a file, from its header record: the one of `,` `;` tab that occurs most often
 * outside quotes (ties: comma, then semicolon). A quoted header field may hold another separator
 * (`date;"A,B";BBB` is a semicolon file with a symbol `A,B`), so quoted text is skipped.
 */
export function detectDelimiter(body: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      // A blank first line is not the header.
      if (counts[','] + counts[';'] + counts['\t'] > 0 || body.slice(0, i).trim() !== '') break;
    } else if (c === ',' || c === ';' || c === '\t') counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** How the separator was chosen, for messages about rows that do not fit the header. */
function describeDelimiter(delimiter: ',' | ';' | '\t'): string {
  const name = delimiter === ',' ? 'commas' : delimiter === ';' ? 'semicolons' : 'tabs';
  return `fields separated by ${name} (read from the header line, quoted text aside)`;
}

/** Maps a character offset to its 1-based line number (LF, CRLF or a lone CR end a line). */
function buildLineLookup(body: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 10 || (c === 13 && body.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const PLAIN_NUMBER = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A parsed positive decimal, or what to say about the text when it is not one. */
export type PositiveDecimalResult = { ok: true; value: Decimal } | { ok: false; expected: string };

/**
 * Parses a finite number > 0 exactly from its text (never through float64). The `expected`
 * wording hints at a decimal comma or thousands separator when the text has a comma.
 */
export function parsePositiveDecimal(text: string): PositiveDecimalResult {
  const checked = checkPositiveDecimal(text);
  return checked.ok ? { ok: true, value: toDec(text) } : checked;
}

/**
 * Checks that `text` is a plain number > 0 within float64's range, without building a Decimal
 * (a price file of millions of rows keeps the text and builds Decimals only when used).
 */
export function checkPositiveDecimal(text: string): { ok: true } | { ok: false; expected: string } {
  const plain = 'a finite number > 0 with "." as decimal point';
  if (text === '') return { ok: false, expected: plain };
  // Only text that fails the ASCII pattern can hold an invisible character: checked there, so a
  // valid price costs one pattern test.
  const isPlain = PLAIN_NUMBER.test(text);
  if (!isPlain && hasInvisible(text)) {
    return { ok: false, expected: `${plain}; it holds an invisible character (shown as <U+…>): remove it` };
  }
  if (text.includes(',')) {
    return {
      ok: false,
      expected: /^\d+,\d+$/.test(text)
        ? `${plain} (looks like a decimal comma: write ${text.replace(',', '.')})`
        : `${plain} and no thousands separators`,
    };
  }
  if (!isPlain) return { ok: false, expected: plain };
  // The pattern has no sign but `+`, so the value is > 0 exactly when a significant digit is not 0.
  const mantissa = text.replace(/[eE].*$/, '');
  if (!/[1-9]/.test(mantissa)) return { ok: false, expected: plain };
  // Statistics run in float64: a price beyond its range (1e-300 … 1e300) would become 0 or Infinity.
  const approx = Number(text); // the text is a plain number (checked above): native and cheap
  if (!Number.isFinite(approx) || approx < 1e-300 || approx > 1e300) {
    return { ok: false, expected: 'a number > 0 between 1e-300 and 1e300' };
  }
  return { ok: true };
}

/** What a date cell should be, with the reason when it is recognisably almost one. */
export function describeDateExpected(raw: string): string {
  const expected = 'an ISO date YYYY-MM-DD that exists in the calendar (years 0001–9999)';
  return hasInvisible(raw) ? `${expected}; it holds an invisible character (shown as <U+…>): remove it` : expected;
}

/** Upper-cases a 3-letter currency code; `null` when the text is not 3 ASCII letters. */
export function normalizeCurrency(text: string): string | null {
  return /^[A-Za-z]{3}$/.test(text) ? text.toUpperCase() : null;
}

/** Column header names compared case-insensitively. */
export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase();
}

/** Orders issues by their file line so the list reads top to bottom. */
export function sortIssuesByRow(issues: InputIssue[]): InputIssue[] {
  const lineOf = (issue: InputIssue): number => Number(/^row (\d+)/.exec(issue.path)?.[1] ?? 0);
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => lineOf(a.issue) - lineOf(b.issue) || a.i - b.i).map(({ issue }) => issue);
}
