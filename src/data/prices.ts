/**
 * Parsing price CSVs (long `date,symbol,price[,currency]` or wide `date,<SYMBOL>…`) with
 * papaparse, rejecting what ../shared/spec/backtest.md rejects with row, column and value.
 * Prices become exact Decimals from their text; nothing passes through float64.
 */
import type Decimal from 'decimal.js';
import type { AssetPrices, IsoDate, PriceData } from '../engine/types';
import { errorFromIssues, type InputIssue } from '../errors';
import {
  isIsoDate,
  normalizeCurrency,
  normalizeHeader,
  parsePositiveDecimal,
  readCsvTable,
  sortIssuesByRow,
  type CsvRow,
  type CsvTable,
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
export function parsePriceCsv(text: string): PriceData {
  return parsePriceCsvDetailed(text).data;
}

/** Like `parsePriceCsv`, also returning notes (e.g. "dates were not in order; sorted"). */
export function parsePriceCsvDetailed(text: string): ParsedPrices {
  const table = readCsvTable(text);
  const headerIssues = checkHeaderPresent(table);
  if (headerIssues.length > 0) throw errorFromIssues('PRICES_INVALID', ISSUE_TITLE, headerIssues);
  const names = table.header.map(normalizeHeader);
  const isLong = names.some((name) => name === 'symbol' || name === 'price' || name === 'currency');
  const collector = new PriceCollector();
  const issues = isLong ? readLongForm(table, collector) : readWideForm(table, collector);
  const all = sortIssuesByRow([...table.issues, ...issues]);
  if (all.length === 0 && table.rows.length === 0) {
    all.push({ path: `row ${table.headerLine + 1}`, expected: 'at least one data row after the header' });
  }
  if (all.length > 0) throw errorFromIssues('PRICES_INVALID', ISSUE_TITLE, all);
  return collector.finish(isLong ? 'long' : 'wide');
}

function checkHeaderPresent(table: CsvTable): InputIssue[] {
  if (table.header.length === 0) {
    return [{ path: 'row 1', expected: 'a header line (date,symbol,price[,currency] or date,<SYMBOL>…) and data rows' }];
  }
  return [];
}

function readLongForm(table: CsvTable, collector: PriceCollector): InputIssue[] {
  const names = table.header.map(normalizeHeader);
  const issues: InputIssue[] = [];
  const index: Partial<Record<(typeof LONG_COLUMNS)[number], number>> = {};
  names.forEach((name, i) => {
    const known = (LONG_COLUMNS as readonly string[]).includes(name);
    const path = `row ${table.headerLine} (header), column ${i + 1}`;
    if (!known) {
      issues.push({ path, value: table.header[i], expected: `one of ${LONG_COLUMNS.join(', ')} (long form)` });
    } else if (index[name as (typeof LONG_COLUMNS)[number]] !== undefined) {
      issues.push({ path, value: table.header[i], expected: 'each column once' });
    } else {
      index[name as (typeof LONG_COLUMNS)[number]] = i;
    }
  });
  for (const required of ['date', 'symbol', 'price'] as const) {
    if (index[required] === undefined) {
      issues.push({ path: `row ${table.headerLine} (header)`, value: table.header.join(','), expected: `a ${required} column` });
    }
  }
  const { date: dateCol, symbol: symbolCol, price: priceCol, currency: currencyCol } = index;
  if (issues.length > 0 || dateCol === undefined || symbolCol === undefined || priceCol === undefined) return issues;
  for (const row of table.rows) {
    const date = readDate(row, dateCol, table.header, issues);
    const symbol = row.fields[symbolCol] ?? '';
    if (symbol === '') issues.push({ path: cellPath(row, table.header, symbolCol), value: '', expected: 'a symbol' });
    const price = readPrice(row, priceCol, table.header, issues);
    let currency: string | null = null;
    let currencyOk = true;
    if (currencyCol !== undefined) {
      const raw = row.fields[currencyCol] ?? '';
      if (raw !== '') {
        currency = normalizeCurrency(raw);
        if (currency === null) {
          currencyOk = false;
          issues.push({ path: cellPath(row, table.header, currencyCol), value: raw, expected: 'a 3-letter currency code (e.g. USD) or empty for the base currency' });
        }
      }
    }
    if (symbol === '') continue;
    if (currencyOk) {
      const clash = collector.setCurrency(symbol, currency, row.line);
      if (clash) issues.push({ path: cellPath(row, table.header, currencyCol ?? 0), value: currency ?? '', expected: clash });
    }
    if (date !== null && price !== null) {
      const duplicate = collector.add(symbol, date, price, row.line);
      if (duplicate) issues.push({ path: cellPath(row, table.header, dateCol), value: date, expected: duplicate });
    } else {
      collector.touch(symbol);
    }
  }
  return issues;
}

function readWideForm(table: CsvTable, collector: PriceCollector): InputIssue[] {
  const names = table.header.map(normalizeHeader);
  const issues: InputIssue[] = [];
  const dateCols = names.flatMap((name, i) => (name === 'date' ? [i] : []));
  const headerPath = (i: number): string => `row ${table.headerLine} (header), column ${i + 1}`;
  if (dateCols.length === 0) {
    issues.push({ path: `row ${table.headerLine} (header)`, value: table.header.join(','), expected: 'a date column (date,<SYMBOL>… or date,symbol,price[,currency])' });
  }
  for (const extra of dateCols.slice(1)) issues.push({ path: headerPath(extra), value: table.header[extra], expected: 'one date column' });
  const seen = new Map<string, number>();
  const symbolCols: number[] = [];
  table.header.forEach((name, i) => {
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
    issues.push({ path: `row ${table.headerLine} (header)`, value: table.header.join(','), expected: 'at least one symbol column next to date' });
  }
  const dateCol = dateCols[0];
  if (issues.length > 0 || dateCol === undefined) return issues;
  for (const col of symbolCols) collector.touch(table.header[col] ?? '');
  for (const row of table.rows) {
    const date = readDate(row, dateCol, table.header, issues);
    for (const col of symbolCols) {
      // An empty cell in wide form means "no price that day" (markets closed, not listed yet).
      if ((row.fields[col] ?? '') === '') continue;
      const price = readPrice(row, col, table.header, issues);
      if (date === null || price === null) continue;
      const duplicate = collector.add(table.header[col] ?? '', date, price, row.line);
      if (duplicate) issues.push({ path: cellPath(row, table.header, dateCol), value: date, expected: duplicate });
    }
  }
  return issues;
}

function readDate(row: CsvRow, col: number, header: string[], issues: InputIssue[]): IsoDate | null {
  const raw = row.fields[col] ?? '';
  if (isIsoDate(raw)) return raw;
  issues.push({ path: cellPath(row, header, col), value: raw, expected: 'an ISO date YYYY-MM-DD that exists in the calendar' });
  return null;
}

function readPrice(row: CsvRow, col: number, header: string[], issues: InputIssue[]): Decimal | null {
  const raw = row.fields[col] ?? '';
  const parsed = parsePositiveDecimal(raw);
  if (parsed.ok) return parsed.value;
  issues.push({ path: cellPath(row, header, col), value: raw, expected: parsed.expected });
  return null;
}

function cellPath(row: CsvRow, header: string[], col: number): string {
  return `row ${row.line}, column ${header[col] ?? col + 1}`;
}

interface Collected {
  currency: string | null;
  currencyLine: number | null;
  points: { date: IsoDate; price: Decimal }[];
  lineByDate: Map<IsoDate, number>;
}

/** Gathers points per symbol in first-seen order, catching duplicates and currency changes. */
class PriceCollector {
  private readonly assets = new Map<string, Collected>();

  touch(symbol: string): Collected {
    let asset = this.assets.get(symbol);
    if (!asset) {
      asset = { currency: null, currencyLine: null, points: [], lineByDate: new Map() };
      this.assets.set(symbol, asset);
    }
    return asset;
  }

  /** Returns what was expected when `(date, symbol)` was already given, else `null`. */
  add(symbol: string, date: IsoDate, price: Decimal, line: number): string | null {
    const asset = this.touch(symbol);
    const first = asset.lineByDate.get(date);
    if (first !== undefined) return `one price per date and symbol (${symbol} already has ${date} at row ${first})`;
    asset.lineByDate.set(date, line);
    asset.points.push({ date, price });
    return null;
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

  finish(form: 'long' | 'wide'): ParsedPrices {
    const notes: string[] = [];
    const unsorted: string[] = [];
    const assets: AssetPrices[] = [];
    for (const [symbol, asset] of this.assets) {
      const points = asset.points;
      const sorted = points.every((p, i) => i === 0 || (points[i - 1]?.date ?? '') < p.date);
      if (!sorted) {
        points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        unsorted.push(symbol);
      }
      if (points.length === 0) notes.push(`${symbol}: no prices in the file.`);
      assets.push({ symbol, currency: asset.currency, points });
    }
    if (unsorted.length > 0) notes.unshift(`Dates were not in ascending order (${unsorted.join(', ')}); sorted.`);
    return { data: { assets, form }, notes };
  }
}
