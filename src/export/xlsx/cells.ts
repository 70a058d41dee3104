/**
 * Report cells as spreadsheet cells: the number format of each column kind, dates as Excel
 * serial numbers, Decimals as numbers (rounded first where the CSV rounds), text as text.
 */
import { readCalendarDate } from '../../iso-date';
import type { CellObject } from 'xlsx';
import { BackfolioError } from '../../errors';
import { assertNever, type CellValue, type ColumnType } from '../../report/model.types';
import { toDecimal, toNumber } from '../../report/format';
import Decimal from 'decimal.js';

/** Excel refuses text cells longer than this (characters). */
export const MAX_CELL_TEXT = 32767;

/** Format of date cells (ISO order, so no locale can misread day and month). */
export const DATE_FORMAT = 'yyyy-mm-dd';

/** Format of date-time cells (an instant in UTC, to the second). */
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** Format of price cells: thousands grouped, four decimals always and up to 12 more when the price has them. */
export const PRICE_FORMAT = '#,##0.0000########';

/** Where a cell sits, for error messages (`Daily, row 12, column date`). */
export interface CellLocation {
  sheet: string;
  /** One-based data row of the table (header excluded). */
  row: number;
  column: string;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`): integers only. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const EXCEL_EPOCH = daysFromCivil(1899, 12, 30);
/** Before this day Excel's serials include its fictitious 1900-02-29, so serials and dates disagree. */
const FIRST_SAFE_SERIAL = daysFromCivil(1900, 3, 1) - EXCEL_EPOCH;

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The Excel serial date-time (days and fraction of a day since 1899-12-30, UTC) of an ISO 8601
 * instant (`2025-09-06T08:38:40Z`, or with an offset `+02:00`), by integer arithmetic on the text;
 * `null` when it is not one or falls before 1900-03-01. Fractions of a second are dropped.
 *
 * @example excelSerialFromIsoInstant('2024-01-01T12:00:00Z') // 45292.5
 */
export function excelSerialFromIsoInstant(iso: string): number | null {
  const match = INSTANT.exec(iso);
  if (!match) return null;
  const [, day = '', hh = '', mm = '', ss = '0', zone = 'Z'] = match;
  const date = readCalendarDate(day);
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = Number(ss);
  if (date === null || hours > 23 || minutes > 59 || seconds > 59) return null;
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const utcSeconds = (daysFromCivil(date.year, date.month, date.day) - EXCEL_EPOCH) * 86400 + hours * 3600 + minutes * 60 + seconds - offsetMinutes * 60;
  const serial = utcSeconds / 86400;
  return serial >= FIRST_SAFE_SERIAL ? serial : null;
}

/**
 * The Excel serial date (days since 1899-12-30) of an ISO `YYYY-MM-DD` date, by integer
 * arithmetic only: no `Date`, so no time zone can shift it. `null` when the text is not a real
 * calendar date or lies before 1900-03-01 (where Excel's 1900 leap-year bug makes serials ambiguous).
 *
 * @example excelSerialFromIsoDate('2024-01-01') // 45292
 */
export function excelSerialFromIsoDate(iso: string): number | null {
  const date = readCalendarDate(iso);
  if (date === null) return null;
  const { year, month, day } = date;
  const serial = daysFromCivil(year, month, day) - EXCEL_EPOCH;
  return serial >= FIRST_SAFE_SERIAL ? serial : null;
}

function zeros(count: number): string {
  return '0'.repeat(Math.max(0, Math.min(30, Math.floor(count))));
}

function fixedFormat(decimals: number, thousands: boolean): string {
  const integer = thousands ? '#,##0' : '0';
  return decimals > 0 ? `${integer}.${zeros(decimals)}` : integer;
}

/** The currency code as a quoted literal, with quotes removed so the format stays valid. */
function currencyLiteral(code: string): string {
  return `"${code.replace(/"/g, '')}"`;
}

/**
 * The Excel number format of a column kind; `undefined` for text (General).
 *
 * @example numberFormatFor({ kind: 'percent', decimals: 2 }) // '0.00%;[Red]-0.00%'
 */
export function numberFormatFor(type: ColumnType): string | undefined {
  switch (type.kind) {
    case 'date':
      return DATE_FORMAT;
    case 'integer':
      return '0';
    case 'number':
      return fixedFormat(type.decimals, false);
    case 'percent': {
      const body = `${fixedFormat(type.decimals, false)}%`;
      return `${body};[Red]-${body}`;
    }
    case 'currency': {
      const body = `${fixedFormat(type.decimals, true)} ${currencyLiteral(type.currency)}`;
      return `${body};[Red]-${body}`;
    }
    case 'quantity':
      return fixedFormat(type.decimals, false);
    case 'price':
      // Prices are written as given; the format only groups thousands and shows at least 4 decimals.
      return PRICE_FORMAT;
    case 'text':
    case 'json':
      return undefined;
    default:
      return assertNever(type);
  }
}

/** Formats by column type object: a table's cells share their column's type, so one lookup each. */
const formatCache = new WeakMap<ColumnType, string | undefined>();

function cachedNumberFormat(type: ColumnType): string | undefined {
  if (formatCache.has(type)) return formatCache.get(type);
  const z = numberFormatFor(type);
  formatCache.set(type, z);
  return z;
}

function failCell(where: CellLocation, value: CellValue, expected: string): BackfolioError {
  const shown = Decimal.isDecimal(value) ? value.toString() : String(value);
  return new BackfolioError(
    'EXPORT_FAILED',
    `${where.sheet}, row ${where.row}, column ${where.column}: got "${shown}", expected ${expected}`,
  );
}

/**
 * The number a numeric cell holds: currency and quantities rounded half-up to their decimals
 * first (so the cell equals the CSV field), everything else converted as is. `null` when missing
 * or not finite; throws `EXPORT_FAILED` for text that is not a number.
 */
export function toCellNumber(value: CellValue, type: ColumnType, where: CellLocation): number | null {
  if (value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  if (type.kind === 'currency' || type.kind === 'quantity') {
    const d = Decimal.isDecimal(value) ? (value.isFinite() ? value : null) : toDecimal(value);
    if (d === null) {
      if (typeof value === 'string') throw failCell(where, value, `a ${type.kind} amount`);
      return null;
    }
    const rounded = d.toDecimalPlaces(type.decimals, Decimal.ROUND_HALF_UP).toNumber();
    return rounded === 0 ? 0 : rounded;
  }
  const n = toNumber(value);
  if (n === null && typeof value === 'string') throw failCell(where, value, `a ${type.kind} value`);
  return n;
}

/** A text cell, cut to Excel's limit; reports a cut through `onCut`. */
function toTextCell(text: string, onCut: (length: number) => void): CellObject {
  if (text.length > MAX_CELL_TEXT) {
    onCut(text.length);
    return { t: 's', v: `${text.slice(0, MAX_CELL_TEXT - 1)}…` };
  }
  // Type `s` with no formula: a value starting with `=` stays text, never runs.
  return { t: 's', v: text };
}

/**
 * The spreadsheet cell for a report value, or `undefined` for a missing value (an empty cell).
 * Dates become serial numbers with a date format (or ISO text before 1900-03-01), numbers
 * numbers with their kind's format, text and JSON text cells.
 */
export function createCell(
  value: CellValue,
  type: ColumnType,
  where: CellLocation,
  onCut: (length: number) => void = () => undefined,
): CellObject | undefined {
  if (value === null) return undefined;
  switch (type.kind) {
    case 'date': {
      const text = String(value);
      if (text.trim() === '') return undefined;
      const serial = excelSerialFromIsoDate(text);
      if (serial !== null) return { t: 'n', v: serial, z: DATE_FORMAT };
      if (/^\d{4}-\d{2}-\d{2}$/.test(text) && text < '1900-03-01') return { t: 's', v: text };
      throw failCell(where, value, 'an ISO date YYYY-MM-DD');
    }
    case 'text':
    case 'json': {
      const text = Decimal.isDecimal(value) ? value.toString() : String(value);
      return text === '' ? undefined : toTextCell(text, onCut);
    }
    case 'integer':
    case 'number':
    case 'percent':
    case 'currency':
    case 'quantity':
    case 'price': {
      const n = toCellNumber(value, type, where);
      if (n === null) return undefined;
      const z = cachedNumberFormat(type);
      return z === undefined ? { t: 'n', v: n } : { t: 'n', v: n, z };
    }
    default:
      return assertNever(type);
  }
}
