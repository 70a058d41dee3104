/**
 * A faster path to exactly the text `formatFileValue` gives a float in a `number` or `percent`
 * column (most cells of a package: weights, returns). `formatFileValue` builds a Decimal from the
 * float's shortest round-trip text and rounds it half-up to 10 places; this rounds that same text
 * as a string, without a Decimal. Anything else (exponent forms, other kinds) goes to
 * `formatFileValue` itself. tests/export/csv/fastFormat.test.ts checks the two agree.
 */
import { FILE_FRACTION_DECIMALS, formatFileValue } from '../../report/format';
import type { CellValue, ColumnType } from '../../report/model.types';

/** Adds one unit in the last place to a string of decimal digits (`'0999'` → `'1000'`, `'99'` → `'100'`). */
function incrementDigits(digits: string): string {
  const chars = digits.split('');
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === '9') {
    chars[i] = '0';
    i -= 1;
  }
  if (i < 0) return `1${chars.join('')}`;
  chars[i] = String.fromCharCode((chars[i] ?? '0').charCodeAt(0) + 1);
  return chars.join('');
}

/**
 * `fixedTrimmed(new Decimal(value), dp)` for a finite float, or `null` when its shortest text uses
 * exponent notation (the caller falls back to Decimal then).
 */
export function fixedTrimmedFloat(value: number, dp: number): string | null {
  const text = String(value);
  if (text.includes('e')) return null;
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  // Integers print as themselves (String(-0) is already "0").
  if (dot < 0) return text;
  const fraction = body.slice(dot + 1);
  // The shortest round-trip text never ends in 0, so it is already trimmed.
  if (fraction.length <= dp) return text;
  const whole = body.slice(0, dot);
  let digits = whole + fraction.slice(0, dp);
  // Half-up on the magnitude = away from zero on a tie, as Decimal.ROUND_HALF_UP.
  if (fraction.charCodeAt(dp) - 48 >= 5) digits = incrementDigits(digits);
  const intPart = digits.slice(0, digits.length - dp).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = digits.slice(digits.length - dp).replace(/0+$/, '');
  if (fracPart === '' && /^0+$/.test(intPart)) return '0';
  return `${negative ? '-' : ''}${intPart}${fracPart === '' ? '' : `.${fracPart}`}`;
}

/** Same text as `formatFileValue(value, type)`, faster for floats in number and percent columns. */
export function formatFileField(value: CellValue, type: ColumnType): string {
  if (typeof value === 'number' && (type.kind === 'number' || type.kind === 'percent') && Number.isFinite(value)) {
    const fast = fixedTrimmedFloat(value, FILE_FRACTION_DECIMALS);
    if (fast !== null) return fast;
  }
  return formatFileValue(value, type);
}
