/**
 * Parsing FX CSVs (`date,from_currency,to_currency,rate`, meaning 1 `from` = `rate` × `to`),
 * rejecting with row, column and value. Rates become exact Decimals from their text.
 */
import type { FxData, FxRate } from '../engine/types';
import { errorFromIssues, type InputIssue } from '../errors';
import { isCalendarDate } from '../iso-date';
import { describeDateExpected, normalizeCurrency, normalizeHeader, parsePositiveDecimal, scanCsv, sortIssuesByRow, type CsvRow, type ParseOptions } from './csv-utils';

/** Parsed rates plus notes (e.g. "dates were not in ascending order; sorted"). */
export interface ParsedFx {
  data: FxData;
  notes: string[];
}

const FX_COLUMNS = ['date', 'from_currency', 'to_currency', 'rate'] as const;
type FxColumn = (typeof FX_COLUMNS)[number];
const ISSUE_TITLE = 'The FX file cannot be used';

/**
 * Parses an FX CSV; throws `FX_INVALID` listing every problem (row = file line, header = 1).
 * Currency codes are upper-cased; rates are sorted by date (stable).
 *
 * @example
 * parseFxCsv('date,from_currency,to_currency,rate\n2024-01-02,eur,usd,1.0945\n').rates[0].from // 'EUR'
 */
export function parseFxCsv(text: string, options: ParseOptions = {}): FxData {
  return parseFxCsvDetailed(text, options).data;
}

/** Like `parseFxCsv`, also returning notes. */
export function parseFxCsvDetailed(text: string, options: ParseOptions = {}): ParsedFx {
  const issues: InputIssue[] = [];
  const rates: FxRate[] = [];
  const scan = scanCsv(text, (header, headerLine) => prepareFxRows(header, headerLine, issues, rates), options);
  if (scan.header.length === 0) {
    throw errorFromIssues('FX_INVALID', ISSUE_TITLE, [{ path: 'row 1', expected: `a header line (${FX_COLUMNS.join(',')}) and data rows` }]);
  }
  if (issues.length === 0 && scan.issues.length === 0 && scan.rowCount === 0) {
    issues.push({ path: `row ${scan.headerLine + 1}`, expected: 'at least one data row after the header' });
  }
  const all = sortIssuesByRow([...scan.issues, ...issues]);
  if (all.length > 0) throw errorFromIssues('FX_INVALID', ISSUE_TITLE, all);

  const notes: string[] = [];
  const sorted = rates.every((r, i) => i === 0 || (rates[i - 1]?.date ?? '') <= r.date);
  if (!sorted) {
    rates.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    notes.push('FX dates were not in ascending order; sorted.');
  }
  return { data: { rates }, notes };
}

/** Checks the header; returns the reader of the data rows, or `null` when the header is unusable. */
function prepareFxRows(header: string[], headerLine: number, issues: InputIssue[], rates: FxRate[]): ((row: CsvRow) => void) | null {
  const before = issues.length;
  const index: Partial<Record<FxColumn, number>> = {};
  header.forEach((name, i) => {
    const key = normalizeHeader(name);
    const path = `row ${headerLine} (header), column ${i + 1}`;
    if (!(FX_COLUMNS as readonly string[]).includes(key)) issues.push({ path, value: name, expected: `one of ${FX_COLUMNS.join(', ')}` });
    else if (index[key as FxColumn] !== undefined) issues.push({ path, value: name, expected: 'each column once' });
    else index[key as FxColumn] = i;
  });
  for (const required of FX_COLUMNS) {
    if (index[required] === undefined) {
      issues.push({ path: `row ${headerLine} (header)`, value: header.join(','), expected: `a ${required} column` });
    }
  }
  if (issues.length > before) return null;
  const col = (key: FxColumn): number => index[key] ?? 0;
  const seen = new Map<string, number>();
  return (row) => {
    const cell = (key: FxColumn): string => row.fields[col(key)] ?? '';
    const path = (key: FxColumn): string => `row ${row.line}, column ${header[col(key)] ?? key}`;
    const date = cell('date');
    const dateOk = isCalendarDate(date);
    if (!dateOk) issues.push({ path: path('date'), value: date, expected: describeDateExpected(date) });
    const from = normalizeCurrency(cell('from_currency'));
    if (from === null) issues.push({ path: path('from_currency'), value: cell('from_currency'), expected: 'a 3-letter currency code (e.g. EUR)' });
    const to = normalizeCurrency(cell('to_currency'));
    if (to === null) issues.push({ path: path('to_currency'), value: cell('to_currency'), expected: 'a 3-letter currency code (e.g. USD)' });
    if (from !== null && to !== null && from === to) {
      issues.push({ path: path('to_currency'), value: cell('to_currency'), expected: `a currency other than from_currency ${from}` });
    }
    const rate = parsePositiveDecimal(cell('rate'));
    if (!rate.ok) issues.push({ path: path('rate'), value: cell('rate'), expected: rate.expected });
    if (!dateOk || from === null || to === null || from === to || !rate.ok) return;
    const key = `${date}|${from}|${to}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({ path: path('date'), value: date, expected: `one rate per date and pair (${from}→${to} already given at row ${first})` });
      return;
    }
    seen.set(key, row.line);
    rates.push({ date, from, to, rate: rate.value });
  };
}
