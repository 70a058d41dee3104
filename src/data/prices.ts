/**
 * Parsing price CSVs (long `date,symbol,price[,currency]` or wide `date,<SYMBOL>…`) with
 * papaparse, rejecting what ../shared/spec/backtest.md rejects with row, column and value.
 * Prices become exact Decimals from their text; nothing passes through float64.
 */
import type Decimal from 'decimal.js';
import { isCalendarDate } from '../iso-date';
import { decimalFromText } from '../engine/decimal';
import type { AssetPrices, IsoDate, PriceData, PricePoint } from '../engine/types';
import { errorFromIssues, listWithCount, type InputIssue } from '../errors';
import {
  describeDateExpected,
  normalizeCurrency,
  normalizeHeader,
  checkPositiveDecimal,
  scanCsv,
  type ParseOptions,
  sortIssuesByRow,
  type CsvRow,
} from './csv-utils';

/** Parsed prices plus notes a person may want to see (sorting done, assets without prices). */
export interface ParsedPrices {
  data: PriceData;
  notes: string[];
}

const LONG_COLUMNS = ['date', 'symbol', 'price', 'currency'] as const;
const ISSUE_TITLE = 'The price file cannot be used';

/**
 * Parses a price CSV into `PriceData`; throws `PRICES_INVALID` listing every problem (row = file
 * line, header = 1), with column and value.
 *
 * @example
 * parsePriceCsv('date,BTC,ETH\n2024-01-01,42000.5,2300\n').assets[0].points[0].price.toString() // '42000.5'
 */
export function parsePriceCsv(text: string, options: ParseOptions = {}): PriceData {
  return parsePriceCsvDetailed(text, options).data;
}

/** Like `parsePriceCsv`, also returning notes (e.g. "dates were not in order; sorted"). */
export function parsePriceCsvDetailed(text: string, options: ParseOptions = {}): ParsedPrices {
  const collector = new PriceCollector();
  const issues: InputIssue[] = [];
  // Filled in by the header callback, once the scan has seen the header.
  const state: { form: 'long' | 'wide'; reader: RowReader | null } = { form: 'wide', reader: null };
  const scan = scanCsv(text, (header, headerLine) => {
    const names = header.map(normalizeHeader);
    state.form = names.some((name) => name === 'symbol' || name === 'price' || name === 'currency') ? 'long' : 'wide';
    const context: FormContext = { header, headerLine, collector, issues };
    const reader = state.form === 'long' ? prepareLongForm(context) : prepareWideForm(context);
    state.reader = reader;
    return reader ? (row) => reader.read(row) : null;
  }, options);
  if (scan.header.length === 0) {
    throw errorFromIssues('PRICES_INVALID', ISSUE_TITLE, [
      { path: 'row 1', expected: 'a header line (date,symbol,price[,currency] or date,<SYMBOL>…) and data rows' },
    ]);
  }
  state.reader?.finish();
  const all = sortIssuesByRow([...scan.issues, ...issues]);
  if (all.length === 0 && scan.rowCount === 0) {
    all.push({ path: `row ${scan.headerLine + 1}`, expected: 'at least one data row after the header' });
  }
  if (all.length > 0) throw errorFromIssues('PRICES_INVALID', ISSUE_TITLE, all);
  return collector.finish(state.form);
}

/** What a form reader works with: the header, where problems go, where prices go. */
interface FormContext {
  header: string[];
  headerLine: number;
  collector: PriceCollector;
  issues: InputIssue[];
}

/** Reads the data rows of one form; `finish` runs the checks that need every row. */
interface RowReader {
  read(row: CsvRow): void;
  finish(): void;
}

/** Checks a long-form header; returns its row reader, or `null` when the header is unusable. */
function prepareLongForm({ header, headerLine, collector, issues }: FormContext): RowReader | null {
  const names = header.map(normalizeHeader);
  const before = issues.length;
  const index: Partial<Record<(typeof LONG_COLUMNS)[number], number>> = {};
  names.forEach((name, i) => {
    const known = (LONG_COLUMNS as readonly string[]).includes(name);
    const path = `row ${headerLine} (header), column ${i + 1}`;
    if (!known) {
      issues.push({ path, value: header[i], expected: `one of ${LONG_COLUMNS.join(', ')} (long form)` });
    } else if (index[name as (typeof LONG_COLUMNS)[number]] !== undefined) {
      issues.push({ path, value: header[i], expected: 'each column once' });
    } else {
      index[name as (typeof LONG_COLUMNS)[number]] = i;
    }
  });
  for (const required of ['date', 'symbol', 'price'] as const) {
    if (index[required] === undefined) {
      issues.push({ path: `row ${headerLine} (header)`, value: header.join(','), expected: `a ${required} column` });
    }
  }
  const { date: dateCol, symbol: symbolCol, price: priceCol, currency: currencyCol } = index;
  if (issues.length > before || dateCol === undefined || symbolCol === undefined || priceCol === undefined) return null;
  return {
    read(row) {
      const date = readDate(row, dateCol, header, issues);
      const symbol = row.fields[symbolCol] ?? '';
      if (symbol === '') issues.push({ path: cellPath(row, header, symbolCol), value: '', expected: 'a symbol' });
      const price = readPrice(row, priceCol, header, issues);
      let currency: string | null = null;
      let currencyOk = true;
      if (currencyCol !== undefined) {
        const raw = row.fields[currencyCol] ?? '';
        if (raw !== '') {
          currency = normalizeCurrency(raw);
          if (currency === null) {
            currencyOk = false;
            issues.push({ path: cellPath(row, header, currencyCol), value: raw, expected: 'a 3-letter currency code (e.g. USD) or empty for the base currency' });
          }
        }
      }
      if (symbol === '') return;
      if (currencyOk) {
        const clash = collector.setCurrency(symbol, currency, row.line);
        if (clash) issues.push({ path: cellPath(row, header, currencyCol ?? 0), value: currency ?? '', expected: clash });
      }
      const asset = collector.touch(symbol);
      if (date !== null && price !== null) collector.add(asset, date, price, row.line);
    },
    finish() {
      // Duplicates are found once every row is read (sorting beats a map lookup per price).
      issues.push(...collector.findDuplicates(header[dateCol] ?? 'date'));
    },
  };
}

/** Checks a wide-form header; returns its row reader, or `null` when the header is unusable. */
function prepareWideForm({ header, headerLine, collector, issues }: FormContext): RowReader | null {
  const names = header.map(normalizeHeader);
  const before = issues.length;
  const dateCols = names.flatMap((name, i) => (name === 'date' ? [i] : []));
  const headerPath = (i: number): string => `row ${headerLine} (header), column ${i + 1}`;
  if (dateCols.length === 0) {
    issues.push({ path: `row ${headerLine} (header)`, value: header.join(','), expected: 'a date column (date,<SYMBOL>… or date,symbol,price[,currency])' });
  }
  for (const extra of dateCols.slice(1)) issues.push({ path: headerPath(extra), value: header[extra], expected: 'one date column' });
  const seen = new Map<string, number>();
  const symbolCols: number[] = [];
  header.forEach((name, i) => {
    if (names[i] === 'date') return;
    if (name === '') {
      issues.push({ path: headerPath(i), value: '', expected: 'a symbol name' });
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push({ path: headerPath(i), value: name, expected: `a symbol not already used (column ${first + 1})` });
      return;
    }
    seen.set(name, i);
    symbolCols.push(i);
  });
  if (symbolCols.length === 0 && dateCols.length > 0) {
    issues.push({ path: `row ${headerLine} (header)`, value: header.join(','), expected: 'at least one symbol column next to date' });
  }
  const dateCol = dateCols[0];
  if (issues.length > before || dateCol === undefined) return null;
  const targets = symbolCols.map((col) => collector.touch(header[col] ?? ''));
  const rowDates: IsoDate[] = [];
  const rowLines: number[] = [];
  return {
    read(row) {
      const date = readDate(row, dateCol, header, issues);
      if (date !== null) {
        rowDates.push(date);
        rowLines.push(row.line);
      }
      for (let k = 0; k < symbolCols.length; k++) {
        const col = symbolCols[k] ?? 0;
        // An empty cell in wide form means "no price that day" (markets closed, not listed yet).
        if ((row.fields[col] ?? '') === '') continue;
        const price = readPrice(row, col, header, issues);
        const target = targets[k];
        if (date !== null && price !== null && target) collector.add(target, date, price, row.line);
      }
    },
    finish() {
      // In wide form a date is a row: a repeated date is reported once per row, not once per symbol.
      for (const duplicate of findDuplicateDates(rowDates, rowLines)) {
        issues.push({
          path: `row ${duplicate.line}, column ${header[dateCol] ?? 'date'}`,
          value: duplicate.date,
          expected: `one row per date (${duplicate.date} is already at row ${duplicate.firstLine})`,
        });
      }
    },
  };
}

/** The last date text found valid: long-form rows repeat each date once per symbol. */
let lastValidDate = '';

function readDate(row: CsvRow, col: number, header: string[], issues: InputIssue[]): IsoDate | null {
  const raw = row.fields[col] ?? '';
  if (raw === lastValidDate) return raw;
  if (isCalendarDate(raw)) {
    lastValidDate = raw;
    return raw;
  }
  issues.push({ path: cellPath(row, header, col), value: raw, expected: describeDateExpected(raw) });
  return null;
}

/** The price's text once checked (its Decimal is built when the engine reads it). */
function readPrice(row: CsvRow, col: number, header: string[], issues: InputIssue[]): string | null {
  const raw = row.fields[col] ?? '';
  if (isPlainPositiveDecimal(raw)) return raw;
  const parsed = checkPositiveDecimal(raw);
  if (parsed.ok) return raw;
  issues.push({ path: cellPath(row, header, col), value: raw, expected: parsed.expected });
  return null;
}

/**
 * The common price text, accepted by a scan of its characters instead of `checkPositiveDecimal`'s
 * patterns (which decide everything else): only digits and at most one `.`, a digit other than 0,
 * and at most 300 characters, so the value lies between 1e−298 and 1e300, inside the accepted range.
 */
function isPlainPositiveDecimal(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 300) return false;
  let dots = 0;
  let nonZero = false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (++dots > 1) return false;
    } else if (c < 48 || c > 57) {
      return false;
    } else if (c !== 48) {
      nonZero = true;
    }
  }
  return nonZero;
}

function cellPath(row: CsvRow, header: string[], col: number): string {
  return `row ${row.line}, column ${header[col] ?? col + 1}`;
}

interface Collected {
  symbol: string;
  currency: string | null;
  currencyLine: number | null;
  dates: IsoDate[];
  /** Checked price texts. */
  prices: string[];
  lines: number[];
}

/** A date given twice: the later line and the line that gave it first. */
interface DuplicateDate {
  date: IsoDate;
  line: number;
  firstLine: number;
}

/**
 * Repeated dates of one series. The usual file is sorted, so a strictly increasing scan settles
 * it without sorting or a map; otherwise a sorted copy puts duplicates next to each other.
 */
function findDuplicateDates(dates: IsoDate[], lines: number[]): DuplicateDate[] {
  if (isStrictlyIncreasing(dates)) return [];
  const order = dates.map((_, i) => i).sort((a, b) => compareDates(dates[a] ?? '', dates[b] ?? '') || a - b);
  const duplicates: DuplicateDate[] = [];
  let first = order[0] ?? 0;
  for (let k = 1; k < order.length; k++) {
    const i = order[k] ?? 0;
    if (dates[i] === dates[first]) duplicates.push({ date: dates[i] ?? '', line: lines[i] ?? 0, firstLine: lines[first] ?? 0 });
    else first = i;
  }
  return duplicates;
}

function isStrictlyIncreasing(dates: IsoDate[]): boolean {
  for (let i = 1; i < dates.length; i++) if ((dates[i - 1] ?? '') >= (dates[i] ?? '')) return false;
  return true;
}

function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A price point that keeps the price's text and builds its exact Decimal on each read. A
 * Decimal object costs about 200 bytes, so a 50 MB file of 4.4 million prices held as Decimals
 * took 1.3 GB; as text it takes a fraction. `price` is a getter: copy points with
 * `{ date: p.date, price: p.price }` before cloning them (structured clone drops getters).
 */
class TextPricePoint implements PricePoint {
  constructor(
    readonly date: IsoDate,
    private readonly priceText: string,
  ) {}

  get price(): Decimal {
    // decimalFromText: the Decimal toDec builds, read from the characters without a regex.
    return decimalFromText(this.priceText);
  }

  /** JSON shows the price as given (exact text). */
  toJSON(): { date: IsoDate; price: string } {
    return { date: this.date, price: this.priceText };
  }
}

/** Gathers points per symbol in first-seen order and catches currency changes. */
class PriceCollector {
  private readonly assets = new Map<string, Collected>();

  /** The series of `symbol`, created on first sight (so first-seen order is kept). */
  touch(symbol: string): Collected {
    let asset = this.assets.get(symbol);
    if (!asset) {
      asset = { symbol, currency: null, currencyLine: null, dates: [], prices: [], lines: [] };
      this.assets.set(symbol, asset);
    }
    return asset;
  }

  add(asset: Collected, date: IsoDate, price: string, line: number): void {
    asset.dates.push(date);
    asset.prices.push(price);
    asset.lines.push(line);
  }

  /** Returns what was expected when the symbol already had another currency, else `null`. */
  setCurrency(symbol: string, currency: string | null, line: number): string | null {
    const asset = this.touch(symbol);
    if (asset.currencyLine === null) {
      asset.currency = currency;
      asset.currencyLine = line;
      return null;
    }
    if (asset.currency === currency) return null;
    const was = asset.currency ?? 'empty (base currency)';
    return `${was} as at row ${asset.currencyLine} (an asset keeps one currency)`;
  }

  /** Every repeated (date, symbol), named at the later row (long form). */
  findDuplicates(dateColumn: string): InputIssue[] {
    const issues: InputIssue[] = [];
    for (const asset of this.assets.values()) {
      for (const d of findDuplicateDates(asset.dates, asset.lines)) {
        issues.push({
          path: `row ${d.line}, column ${dateColumn}`,
          value: d.date,
          expected: `one price per date and symbol (${asset.symbol} already has ${d.date} at row ${d.firstLine})`,
        });
      }
    }
    return issues;
  }

  finish(form: 'long' | 'wide'): ParsedPrices {
    const notes: string[] = [];
    const unsorted: string[] = [];
    const empty: string[] = [];
    const assets: AssetPrices[] = [];
    for (const asset of this.assets.values()) {
      const { dates, prices } = asset;
      let order = dates.map((_, i) => i);
      if (!isStrictlyIncreasing(dates)) {
        order = order.sort((a, b) => compareDates(dates[a] ?? '', dates[b] ?? ''));
        unsorted.push(asset.symbol);
      }
      const points: PricePoint[] = new Array<PricePoint>(order.length);
      for (let k = 0; k < order.length; k++) {
        const i = order[k] ?? 0;
        points[k] = new TextPricePoint(dates[i] ?? '', prices[i] ?? '0');
      }
      if (points.length === 0) empty.push(asset.symbol);
      assets.push({ symbol: asset.symbol, currency: asset.currency, points });
    }
    // One line each, with a count, however many symbols (a 500-column file stays readable).
    if (unsorted.length > 0) notes.push(`Dates were not in ascending order for ${listWithCount(unsorted, 'symbol')}; sorted.`);
    if (empty.length > 0) notes.push(`No prices in the file for ${listWithCount(empty, 'symbol')}.`);
    return { data: { assets, form }, notes };
  }
}
