/**
 * The engine's decimal constructor. decimal.js rounds every operation to `precision` significant
 * digits (default 20): too few for `quantity × price` with 8-decimal quantities, so every money,
 * quantity and price value in the project is built with this clone (64 digits, half-up).
 * Operations take the precision of the left operand's constructor, so values from elsewhere are
 * re-wrapped with `toDec` at the engine's boundary.
 */
import Decimal from 'decimal.js';

export const Dec = Decimal.clone({
  precision: 64,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});

export type Dec = Decimal;

/** Wraps a number (via its shortest round-trip text), string or Decimal in the engine's clone. */
export function toDec(value: Decimal.Value): Decimal {
  return new Dec(value);
}

export const ZERO = new Dec(0);
