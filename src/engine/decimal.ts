/**
 * The engine's decimal constructor. decimal.js rounds every operation to `precision` significant
 * digits (default 20): too few for `quantity × price` with 8-decimal quantities, so every money,
 * quantity and price value in the project is built with this clone (64 digits, half-up).
 * Operations take the precision of the left operand's constructor, so values from elsewhere are
 * re-wrapped with `toDec` at the engine's boundary.
 *
 * The hot path keeps money as scaled integers (`units × 10^−scale`) and meets Decimal only at its
 * edges, through the converters below. They read and write decimal.js's documented instance
 * fields (`d`: base-10^7 digit words, most significant first, aligned so that word boundaries sit
 * at powers 10^(7k); `e`: the exponent of the leading digit; `s`: the sign), which is what the
 * decimal.js constructor itself does, without parsing text. tests/engine/decimal.test.ts checks
 * every converter against `new Dec(text)` field by field.
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

/** Digits per word of decimal.js's digit array, and the word base. */
const LOG_BASE = 7;
const WORD = 1e7;

/** 10^k as exact doubles, k = 0..22 (every power of ten a double holds exactly). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** 10^k as small integers, k = 0..9 (integer `%` and `/` stay in integer arithmetic). */
const POW10_INT = Int32Array.from({ length: 10 }, (_, k) => 10 ** k);

/** 10^k as BigInts, k = 0..80. */
export const POW10_BIG: readonly bigint[] = Array.from({ length: 81 }, (_, k) => 10n ** BigInt(k));

/** The largest integer below which every integer is a double: 2^53. */
export const SAFE_LIMIT = 2 ** 53;
const SAFE_LIMIT_BIG = BigInt(SAFE_LIMIT);
const NEGATIVE_SAFE_LIMIT_BIG = -SAFE_LIMIT_BIG;

interface DecimalFields {
  constructor: typeof Dec;
  s: number;
  e: number;
  d: number[];
}

/** A Decimal of the engine's clone from its fields, as the decimal.js constructor builds one. */
function makeDecimal(sign: number, exponent: number, words: number[]): Decimal {
  const x = Object.create(Dec.prototype) as DecimalFields;
  // Same own properties in the same order as decimal.js's constructor (same hidden class).
  x.constructor = Dec;
  x.s = sign;
  x.e = exponent;
  x.d = words;
  return x as unknown as Decimal;
}

function digitCount(word: number): number {
  let count = 1;
  while (count < LOG_BASE && word >= (POW10[count] as number)) count++;
  return count;
}

/** `[⌊value / divisor⌋, value mod divisor]` for a non-negative safe integer, without `%` on doubles. */
function divide(value: number, divisor: number, out: Float64Array): void {
  let quotient = Math.floor(value / divisor);
  let remainder = value - quotient * divisor;
  // value / divisor is rounded, so the floor can be one off either way.
  if (remainder < 0) {
    quotient -= 1;
    remainder += divisor;
  } else if (remainder >= divisor) {
    quotient += 1;
    remainder -= divisor;
  }
  out[0] = quotient;
  out[1] = remainder;
}

const division = new Float64Array(2);

/**
 * `units × 10^−scale` as a Decimal, for a safe integer `units` (|units| < 2^53) and `scale ≥ 0`.
 *
 * @example decimalFromUnits(456817, 4).toFixed() // '45.6817'
 */
export function decimalFromUnits(units: number, scale: number): Decimal {
  if (units === 0) return makeDecimal(1, 0, [0]);
  const sign = units < 0 ? -1 : 1;
  // Word boundaries sit at powers that are multiples of 7: the lowest word starts at 10^base,
  // and units' last digit sits `offset` (0..6) powers above it.
  const base = LOG_BASE * Math.floor(-scale / LOG_BASE);
  const offset = -scale - base;
  divide(units < 0 ? -units : units, POW10[LOG_BASE - offset] as number, division);
  let rest = division[0] as number;
  // At most 16 digits: the lowest word and up to three more, least significant first.
  const w0 = (division[1] as number) * (POW10[offset] as number);
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let count = 1;
  if (rest > 0) {
    divide(rest, WORD, division);
    w1 = division[1] as number;
    rest = division[0] as number;
    count = 2;
    if (rest > 0) {
      divide(rest, WORD, division);
      w2 = division[1] as number;
      rest = division[0] as number;
      count = 3;
      if (rest > 0) {
        w3 = rest;
        count = 4;
      }
    }
  }
  // decimal.js keeps no zero word at the low end (the top word is non-zero by construction).
  let lowest = 0;
  while (lowest < count - 1 && (lowest === 0 ? w0 : lowest === 1 ? w1 : w2) === 0) lowest++;
  const top = count === 4 ? w3 : count === 3 ? w2 : count === 2 ? w1 : w0;
  const exponent = base + LOG_BASE * (count - 1) + digitCount(top) - 1;
  let words: number[];
  switch (count - lowest) {
    case 1:
      words = [top];
      break;
    case 2:
      words = count === 2 ? [w1, w0] : count === 3 ? [w2, w1] : [w3, w2];
      break;
    case 3:
      words = count === 3 ? [w2, w1, w0] : [w3, w2, w1];
      break;
    default:
      words = [w3, w2, w1, w0];
  }
  return makeDecimal(sign, exponent, words);
}

/** `units × 10^−scale` as a Decimal, for any integer `units`. */
export function decimalFromBigUnits(units: bigint, scale: number): Decimal {
  if (units < SAFE_LIMIT_BIG && units > NEGATIVE_SAFE_LIMIT_BIG) return decimalFromUnits(Number(units), scale);
  const negative = units < 0n;
  return decimalFromDigits(negative ? -1 : 1, (negative ? -units : units).toString(), scale);
}

/**
 * The Decimal of a non-negative digit string (no sign, no point) times 10^−scale: decimal.js's
 * own parse (parseDecimal) from the point on, without the regular-expression checks.
 */
function decimalFromDigits(sign: number, digits: string, scale: number): Decimal {
  let start = 0;
  while (digits.charCodeAt(start) === 48) start++;
  let end = digits.length;
  while (end > start && digits.charCodeAt(end - 1) === 48) end--;
  if (start === end) return makeDecimal(1, 0, [0]);
  const significant = digits.slice(start, end);
  const exponent = digits.length - start - 1 - scale;
  const words: number[] = [];
  let length = significant.length;
  let i = (exponent + 1) % LOG_BASE;
  if (exponent < 0) i += LOG_BASE;
  let tail = significant;
  if (i < length) {
    if (i) words.push(+significant.slice(0, i));
    for (length -= LOG_BASE; i < length; ) words.push(+significant.slice(i, (i += LOG_BASE)));
    tail = significant.slice(i);
    i = LOG_BASE - tail.length;
  } else {
    i -= length;
  }
  words.push(+tail * (POW10[i] as number));
  return makeDecimal(sign, exponent, words);
}

/**
 * A Decimal from plain decimal text (`123`, `45.6817`, `.5`, `+7`), as `toDec(text)` gives, but
 * built from the characters directly when they have at most 15 significant digits; other text
 * (exponents, long mantissas) goes through `toDec`.
 */
export function decimalFromText(text: string): Decimal {
  let units = 0;
  let scale = -1;
  let significant = 0;
  let seenDigit = false;
  for (let i = text.charCodeAt(0) === 43 ? 1 : 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && scale < 0) {
      scale = 0;
      continue;
    }
    if (c < 48 || c > 57) return toDec(text);
    seenDigit = true;
    if (units !== 0 || c !== 48) significant++;
    units = units * 10 + (c - 48);
    if (scale >= 0) scale++;
  }
  if (!seenDigit || significant > 15) return toDec(text);
  return decimalFromUnits(units, scale < 0 ? 0 : scale);
}

/**
 * `x × 10^scale` as a double when that is an integer below 2^53 in absolute value, else NaN
 * (too many decimals for `scale`, or too large). Exact: every term is an exact integer.
 */
export function readUnits(x: Decimal, scale: number): number {
  const { d, e, s } = x;
  if (d === null || d === undefined) return Number.NaN;
  if (d.length === 1 && d[0] === 0) return 0;
  // The first word's lowest digit sits at 10^(7·floor(e/7)); each next word 7 powers lower.
  let power = LOG_BASE * Math.floor(e / LOG_BASE) + scale;
  let total = 0;
  for (let k = 0; k < d.length; k++, power -= LOG_BASE) {
    const word = d[k] as number;
    if (word === 0) continue;
    if (power >= 0) {
      if (power > 22) return Number.NaN;
      total += word * (POW10[power] as number);
    } else {
      if (power < -6) return Number.NaN;
      const divisor = POW10_INT[-power] as number;
      if (word % divisor !== 0) return Number.NaN;
      total += word / divisor;
    }
  }
  if (!(total < SAFE_LIMIT)) return Number.NaN;
  return s < 0 ? -total : total;
}

/** `x × 10^scale` as a BigInt when that is an integer, else `null`. */
export function readBigUnits(x: Decimal, scale: number): bigint | null {
  const fast = readUnits(x, scale);
  if (!Number.isNaN(fast)) return BigInt(fast);
  if (!x.isFinite() || x.decimalPlaces() > scale) return null;
  const text = x.abs().toFixed(scale).replace('.', '');
  const units = BigInt(text);
  return x.isNegative() ? -units : units;
}

/**
 * The correctly rounded double of `units × 10^−scale` (what `decimalFromBigUnits(units, scale)
 * .toNumber()` gives): one exact division when `units` is a safe integer, the text otherwise.
 */
export function unitsToNumber(units: bigint, scale: number): number {
  if (units < SAFE_LIMIT_BIG && units > NEGATIVE_SAFE_LIMIT_BIG && scale <= 22) return Number(units) / (POW10[scale] as number);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  const text = digits.length > scale ? `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}` : `0.${digits.padStart(scale, '0')}`;
  return negative ? -Number(text) : Number(text);
}

/**
 * The digits of `x` as an integer and its decimal places: `out[0] = |x| × 10^dp` (NaN when that
 * is not below 2^53), `out[1] = dp` (`x.decimalPlaces()`). One pass over the digit words.
 */
export function readDigits(x: Decimal, out: Float64Array): void {
  const d = x.d;
  const last = d.length - 1;
  let lastWord = d[last] as number;
  if (lastWord === 0) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  // The last word's trailing zeros are padding, not digits: strip them first.
  let zeros = 0;
  while (lastWord % 10 === 0) {
    lastWord = (lastWord / 10) | 0;
    zeros++;
  }
  // |x| = words × 10^exponent, words = the digits as an integer (Horner, exact below 2^53).
  let words = last === 0 ? lastWord : (d[0] as number);
  for (let k = 1; k < last; k++) words = words * WORD + (d[k] as number);
  if (last > 0) words = words * (POW10_INT[LOG_BASE - zeros] as number) + lastWord;
  const exponent = LOG_BASE * (Math.floor(x.e / LOG_BASE) - last) + zeros;
  const places = exponent < 0 ? -exponent : 0;
  out[1] = places;
  if (!(words < SAFE_LIMIT)) out[0] = Number.NaN;
  else if (exponent > 0) out[0] = exponent > 22 ? Number.NaN : checkSafe(words * (POW10[exponent] as number));
  else out[0] = words;
}

function checkSafe(value: number): number {
  return value < SAFE_LIMIT ? value : Number.NaN;
}

/** 10^14: the base of `decimalFromWideUnits`'s high part (two decimal words). */
export const WIDE_BASE = 1e14;

/**
 * `(high × 10^14 + low) × 10^−scale` as a Decimal, for safe integers `high ≥ 0` and
 * `0 ≤ low < 10^14`: integers beyond 2^53 (up to ~9 × 10^29) without BigInt or text.
 */
export function decimalFromWideUnits(high: number, low: number, scale: number): Decimal {
  if (high === 0) return decimalFromUnits(low, scale);
  // Base-10^7 words of the integer, least significant first: two from `low`, three from `high`.
  const words = new Array<number>(6);
  let lowHigh = Math.floor(low / WORD);
  let lowLow = low - lowHigh * WORD;
  if (lowLow < 0) {
    lowLow += WORD;
    lowHigh -= 1;
  }
  words[0] = lowLow;
  words[1] = lowHigh;
  divide(high, WORD, division);
  words[2] = division[1] as number;
  divide(division[0] as number, WORD, division);
  words[3] = division[1] as number;
  words[4] = division[0] as number;
  words[5] = 0;
  // Align word boundaries to powers 10^(7k) of the value: shift the digits up by `shift` places.
  const shift = (LOG_BASE - (scale % LOG_BASE)) % LOG_BASE;
  if (shift > 0) {
    const keep = POW10_INT[LOG_BASE - shift] as number;
    const up = POW10_INT[shift] as number;
    let carry = 0;
    for (let k = 0; k < 6; k++) {
      const word = words[k] as number;
      const top = (word / keep) | 0;
      words[k] = (word - top * keep) * up + carry;
      carry = top;
    }
  }
  // words[k] now sits at 10^(base + 7k) of the value.
  const base = -(scale + shift);
  let top = 5;
  while ((words[top] as number) === 0) top--;
  let lowest = 0;
  while ((words[lowest] as number) === 0) lowest++;
  const d: number[] = [];
  for (let k = top; k >= lowest; k--) d.push(words[k] as number);
  return makeDecimal(1, base + LOG_BASE * top + digitCount(words[top] as number) - 1, d);
}
