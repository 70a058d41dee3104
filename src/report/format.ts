/**
 * Turning report cells into text: one place for the file precision rules of exports.md and the
 * display rules of backtest.md, so a value never differs between formats beyond display rounding.
 *
 * - `formatFileValue`: CSV fields and JSON strings. Half-up, normal notation (never `1e-7`),
 *   `.` decimal point, no separators; `''` for missing.
 * - `formatDisplayValue`: screens and the PDF. Currency 2 decimals with thousands separators,
 *   percent with 2 decimals, prices 4 decimals (4 significant digits below 1).
 */
import Decimal from 'decimal.js';
import { assertNever, type CellValue, type ColumnType } from './model.types';

/** Decimal places for fractions, ratios and correlations in data files. */
export const FILE_FRACTION_DECIMALS = 10;

/** A cell as a Decimal (numbers via their shortest round-trip text), or `null` when missing or not finite. */
export function toDecimal(value: CellValue): Decimal | null {
  if (value === null) return null;
  if (Decimal.isDecimal(value)) return value.isFinite() ? value : null;
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : null;
  if (value.trim() === '') return null;
  try {
    const parsed = new Decimal(value);
    return parsed.isFinite() ? parsed : null;
  } catch {
    return null;
  }
}

/** A numeric cell as a float64 (for charts and spreadsheet cells); `null` when missing. */
export function toNumber(value: CellValue): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Decimal.isDecimal(value)) return value.isFinite() ? value.toNumber() : null;
  const parsed = Number(value);
  return value.trim() !== '' && Number.isFinite(parsed) ? parsed : null;
}

/** Half-up to `dp` places, trailing zeros trimmed, never `-0`, never exponent notation. */
export function fixedTrimmed(value: Decimal, dp: number): string {
  const rounded = value.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
  return rounded.isZero() ? '0' : rounded.toFixed();
}

/** Half-up to exactly `dp` places, never `-0.00`. */
export function fixedExact(value: Decimal, dp: number): string {
  const rounded = value.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
  return rounded.isZero() ? (0).toFixed(dp) : rounded.toFixed(dp);
}

/** The text a data file (CSV, JSON field) holds for a cell of this type; `''` when missing. */
export function formatFileValue(value: CellValue, type: ColumnType): string {
  if (value === null) return '';
  switch (type.kind) {
    case 'date':
    case 'text':
    case 'json':
      return String(value);
    case 'integer': {
      const d = toDecimal(value);
      return d === null ? '' : d.toFixed(0);
    }
    case 'number':
    case 'percent': {
      const d = toDecimal(value);
      return d === null ? '' : fixedTrimmed(d, FILE_FRACTION_DECIMALS);
    }
    case 'currency':
    case 'quantity': {
      const d = toDecimal(value);
      return d === null ? '' : fixedExact(d, type.decimals);
    }
    case 'price': {
      const d = toDecimal(value);
      return d === null ? '' : d.isZero() ? '0' : d.toFixed();
    }
    default:
      return assertNever(type);
  }
}

function groupThousands(fixed: string): string {
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const [intPart = '0', frac] = body.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** Price display: 4 decimals, or 4 significant digits when |price| < 1. */
export function formatPriceDisplay(d: Decimal): string {
  if (d.abs().gte(1) || d.isZero()) return groupThousands(fixedExact(d, 4));
  const significant = d.toSignificantDigits(4, Decimal.ROUND_HALF_UP);
  const dp = Math.max(4, significant.decimalPlaces());
  return fixedExact(significant, dp);
}

/** The text a person sees (screen, PDF) for a cell of this type; `''` when missing. */
export function formatDisplayValue(value: CellValue, type: ColumnType): string {
  if (value === null) return '';
  switch (type.kind) {
    case 'date':
    case 'text':
    case 'json':
      return String(value);
    case 'integer': {
      const d = toDecimal(value);
      if (d === null) return '';
      return type.grouping === false ? d.toFixed(0) : groupThousands(d.toFixed(0));
    }
    case 'number': {
      const d = toDecimal(value);
      return d === null ? '' : groupThousands(fixedExact(d, type.decimals));
    }
    case 'percent': {
      const d = toDecimal(value);
      return d === null ? '' : `${groupThousands(fixedExact(d.times(100), type.decimals))}%`;
    }
    case 'currency':
    case 'quantity': {
      const d = toDecimal(value);
      return d === null ? '' : groupThousands(fixedExact(d, type.decimals));
    }
    case 'price': {
      const d = toDecimal(value);
      return d === null ? '' : formatPriceDisplay(d);
    }
    default:
      return assertNever(type);
  }
}
