/**
 * How the PDF words and formats what it prints, on top of the report's display rules
 * (`formatDisplayValue`): years without a thousands separator, units named (days, %, the
 * currency), labels for people instead of snake_case keys.
 */
import { formatDisplayValue } from '../../report/format';
import { cellType, type CellValue, type Column, type ColumnType, type ReportTable } from '../../report/model.types';

/** A snake_case (or lower-case) identifier rather than a name someone typed for people. */
const IDENTIFIER = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** `equal_weight` → `Equal weight`, `bitcoin` → `Bitcoin`; any other name is kept as given. */
export function displayName(name: string): string {
  if (!IDENTIFIER.test(name)) return name;
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether a column holds calendar years (printed `2021`, never `2,021`). */
export function isYearColumn(column: Column): boolean {
  return column.type.kind === 'integer' && (/(^|_)year$/i.test(column.key) || /^year$/i.test(column.label));
}

/** The header of a column for people: its label (a bare key becomes words) with the currency of money columns. */
export function columnLabel(column: Column): string {
  const label = column.label === column.key || IDENTIFIER.test(column.label) ? displayName(column.label) : column.label;
  if (column.type.kind === 'currency' && !label.includes(column.type.currency)) return `${label} (${column.type.currency})`;
  return label;
}

/** The words for a count of periods of data with `periodsPerYear` periods a year. */
export function periodUnit(periodsPerYear: number | undefined): string {
  const p = periodsPerYear ?? 0;
  if (p >= 360) return 'days';
  if (p >= 200) return 'trading days';
  if (p >= 40 && p <= 60) return 'weeks';
  if (p >= 10 && p <= 14) return 'months';
  return 'periods';
}

/** The adjective and singular unit of the data's frequency (`daily`, `day`). */
export function periodWords(periodsPerYear: number | undefined): { adjective: string; unit: string } {
  const units = periodUnit(periodsPerYear);
  if (units === 'days' || units === 'trading days') return { adjective: 'daily', unit: units.replace(/s$/, '') };
  if (units === 'weeks') return { adjective: 'weekly', unit: 'week' };
  if (units === 'months') return { adjective: 'monthly', unit: 'month' };
  return { adjective: 'periodic', unit: 'period' };
}

/** Metrics whose integer value counts periods, printed with their unit (`Longest drawdown 650 days`). */
export const PERIOD_COUNT_METRICS = new Set(['longest_drawdown', 'max_consecutive_wins', 'max_consecutive_losses']);

/** `'0999'` → `'1000'`: one unit added in the last place of a digit string. */
function incrementDigits(digits: string): string {
  const chars = digits.split('');
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === '9') chars[i--] = '0';
  if (i < 0) return `1${chars.join('')}`;
  chars[i] = String.fromCharCode((chars[i] ?? '0').charCodeAt(0) + 1);
  return chars.join('');
}

/**
 * `formatDisplayValue` of a float in a `percent` or `number` column without a Decimal (most cells
 * of the long tables): the float's shortest text, shifted two places for a percentage, rounded
 * half-up as a string to exactly `decimals`, grouped by thousands. `null` for exponent forms
 * (the caller uses `formatDisplayValue`). tests/export/pdf/units.test.ts checks the two agree.
 */
export function displayFloat(value: number, type: { kind: 'percent' | 'number'; decimals: number }): string | null {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  if (text.includes('e')) return null;
  const negative = text.startsWith('-');
  let body = negative ? text.slice(1) : text;
  if (!body.includes('.')) body = `${body}.`;
  let [whole = '', fraction = ''] = body.split('.');
  if (type.kind === 'percent') {
    fraction = fraction.padEnd(2, '0');
    whole = `${whole}${fraction.slice(0, 2)}`;
    fraction = fraction.slice(2);
  }
  const dp = type.decimals;
  let digits = `${whole}${fraction.slice(0, dp).padEnd(dp, '0')}`;
  if ((fraction.charCodeAt(dp) || 48) >= 53) digits = incrementDigits(digits);
  digits = digits.replace(/^0+(?=\d)/, '').padStart(dp + 1, '0');
  const intPart = digits.slice(0, digits.length - dp);
  const frac = digits.slice(digits.length - dp);
  const zero = /^0*$/.test(digits);
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const out = `${negative && !zero ? '-' : ''}${grouped}${dp > 0 ? `.${frac}` : ''}`;
  return type.kind === 'percent' ? `${out}%` : out;
}

/** A year as printed: never grouped. */
export function formatYear(value: CellValue): string {
  if (value === null) return '';
  return String(value);
}

/** Options for `formatCell`. */
export interface CellFormat {
  /** Word appended to integer period counts (`days`). */
  periodUnit?: string;
}

/** The text of one cell of a report table, by the PDF's rules. */
export function formatCell(table: ReportTable, rowIndex: number, columnIndex: number, format: CellFormat = {}): string {
  const label = columnIndex === 0 ? table.rowLabels?.[rowIndex] : undefined;
  // The values of a period count carry their unit (`650 days`), so the label does not repeat "(periods)".
  if (label !== undefined) return format.periodUnit && isPeriodCountRow(table, rowIndex) ? label.replace(PERIODS_SUFFIX, '') : label;
  const column = table.columns[columnIndex];
  if (column === undefined) return '';
  const value = table.rows[rowIndex]?.[columnIndex] ?? null;
  if (isYearColumn(column)) return formatYear(value);
  const type = cellType(column, rowIndex);
  const fast = typeof value === 'number' && (type.kind === 'percent' || type.kind === 'number') ? displayFloat(value, type) : null;
  const text = fast ?? formatDisplayValue(value, type);
  if (text !== '' && format.periodUnit && type.kind === 'integer' && isPeriodCountRow(table, rowIndex)) return `${text} ${format.periodUnit}`;
  return text;
}

/** A row label's unit suffix for counts of periods (`Longest drawdown (periods)`). */
const PERIODS_SUFFIX = / \(periods\)$/;

/** Whether row `rowIndex` of a metric table counts periods (labelled "(periods)", or one of `PERIOD_COUNT_METRICS`). */
function isPeriodCountRow(table: ReportTable, rowIndex: number): boolean {
  const key = table.rows[rowIndex]?.[0];
  return PERIODS_SUFFIX.test(table.rowLabels?.[rowIndex] ?? '') || (typeof key === 'string' && PERIOD_COUNT_METRICS.has(key));
}

/** Whether a column kind is numeric (right-aligned, tabular). */
export function isNumericType(type: ColumnType): boolean {
  switch (type.kind) {
    case 'integer':
    case 'number':
    case 'percent':
    case 'currency':
    case 'quantity':
    case 'price':
      return true;
    case 'date':
    case 'text':
    case 'json':
      return false;
  }
}

/** `1234` → `1,234` for counts in sentences. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1` → `1 trade`, `3` → `3 trades`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** `2` → `2nd`, `11` → `11th`, `23` → `23rd`. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}
