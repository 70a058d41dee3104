/**
 * Faster paths to exactly the text `formatFileValue` gives the cells that fill a package: floats
 * in `number` and `percent` columns (weights, returns) and Decimals in `currency` and `quantity`
 * columns (values, cash, holdings). `formatFileValue` builds a Decimal (from a float's shortest
 * round-trip text) and rounds it half-up; these compute the same rounded digits in integer
 * arithmetic, and hand anything they cannot decide (a float within its error of a rounding tie,
 * exponent forms, digits beyond 2^53) to `formatFileValue` itself.
 * tests/export/csv/fastFormat.test.ts checks the two agree. (Here in report/ beside the reference,
 * so that the report builders, such as the trade details' JSON, can use it too.)
 */
import type Decimal from 'decimal.js';
import { FILE_FRACTION_DECIMALS, formatFileValue } from './format';
import type { CellValue, ColumnType } from './model.types';

const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const POW10_INT = Int32Array.from({ length: 10 }, (_, k) => 10 ** k);
const SAFE_LIMIT = 2 ** 53;

/** Adds one unit in the last place to a string of decimal digits (`'0999'` → `'1000'`, `'99'` → `'100'`). */
function incrementDigits(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57) i -= 1;
  const nines = digits.length - 1 - i;
  const zeros = '0'.repeat(nines);
  if (i < 0) return `1${zeros}`;
  return `${digits.slice(0, i)}${String.fromCharCode(digits.charCodeAt(i) + 1)}${zeros}`;
}

/** `fixedTrimmed` text of the integer `units × 10^−dp` (units ≥ 0, a safe integer), with a sign. */
function unitsText(negative: boolean, units: number, dp: number): string {
  if (units === 0) return '0';
  const power = POW10[dp] as number;
  let whole = Math.floor(units / power);
  let fraction = units - whole * power;
  // units / power is rounded: the floor can be one off.
  if (fraction < 0) {
    whole -= 1;
    fraction += power;
  } else if (fraction >= power) {
    whole += 1;
    fraction -= power;
  }
  const sign = negative ? '-' : '';
  if (fraction === 0) return `${sign}${whole}`;
  let digits = dp;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits -= 1;
  }
  return `${sign}${whole}.${String(fraction).padStart(digits, '0')}`;
}

/**
 * `fixedTrimmed(new Decimal(value), dp)` for a finite float, or `null` when it cannot be decided
 * here (the caller falls back to Decimal then).
 *
 * Fast path: |value| × 10^dp in float64 is within 2^−52 (relative) of the shortest round-trip text
 * × 10^dp (one rounding of the product, plus the text's own distance to the double), so unless
 * its fraction lies within that of ½ it rounds half-up to the same integer as the text does.
 */
export function fixedTrimmedFloat(value: number, dp: number): string | null {
  const magnitude = Math.abs(value);
  // Exponent forms (below 1e−6) are declined, like the text path below.
  if (magnitude < 1e4 && (magnitude >= 1e-6 || magnitude === 0) && dp <= 12) {
    const scaled = magnitude * (POW10[dp] as number);
    const whole = Math.floor(scaled);
    const fraction = scaled - whole;
    if (Math.abs(fraction - 0.5) > scaled * 1e-15 + 1e-300) return unitsText(value < 0, fraction > 0.5 ? whole + 1 : whole, dp);
  }
  return fixedTrimmedFloatText(value, dp);
}

/** The same from the float's shortest text (exact; `null` for exponent forms). */
function fixedTrimmedFloatText(value: number, dp: number): string | null {
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

/**
 * `fixedExact(value, dp)` (half-up to exactly `dp` places, never `-0.00`) read from the
 * Decimal's digit words, or `null` when the rounded digits pass 2^53.
 */
export function fixedExactDecimal(value: Decimal, dp: number): string | null {
  const { d, e, s } = value;
  if (d === null || d === undefined || dp > 15) return null;
  // Digit words of 7 digits, most significant first; word k's lowest digit sits at 10^lowest.
  let lowest = 7 * Math.floor(e / 7);
  let units = 0;
  let roundUp = false;
  for (let k = 0; k < d.length; k++, lowest -= 7) {
    const word = d[k] as number;
    // Positions ≥ −dp are kept; the digit at −dp − 1 decides the rounding; the rest do not matter.
    const cut = -dp - lowest; // how many of the word's low digits fall below 10^−dp
    if (cut <= 0) {
      if (-cut > 22) return null;
      units += word * (POW10[-cut] as number);
    } else if (cut <= 7) {
      const divisor = POW10_INT[cut] as number;
      const kept = Math.floor(word / divisor);
      units += kept;
      const below = word - kept * divisor;
      roundUp = below * 10 >= 5 * divisor;
      break;
    } else {
      // Only the first word can lie wholly below 10^−dp − 1 (a later one would have been cut in
      // the word before it): every digit down to 10^−dp − 1 is then 0.
      break;
    }
  }
  if (roundUp) units += 1;
  if (!(units < SAFE_LIMIT)) return null;
  const power = POW10[dp] as number;
  let whole = Math.floor(units / power);
  let fraction = units - whole * power;
  if (fraction < 0) {
    whole -= 1;
    fraction += power;
  } else if (fraction >= power) {
    whole += 1;
    fraction -= power;
  }
  const sign = s < 0 && units !== 0 ? '-' : '';
  return dp === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(fraction).padStart(dp, '0')}`;
}

/** Same text as `formatFileValue(value, type)`, faster for floats in number and percent columns and Decimals in money and quantity columns. */
export function formatFileField(value: CellValue, type: ColumnType): string {
  if (typeof value === 'number') {
    if ((type.kind === 'number' || type.kind === 'percent') && Number.isFinite(value)) {
      const fast = fixedTrimmedFloat(value, FILE_FRACTION_DECIMALS);
      if (fast !== null) return fast;
    }
  } else if (value !== null && typeof value === 'object' && (type.kind === 'currency' || type.kind === 'quantity')) {
    const fast = fixedExactDecimal(value, type.decimals);
    if (fast !== null) return fast;
  }
  return formatFileValue(value, type);
}
