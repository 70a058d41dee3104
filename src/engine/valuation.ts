/**
 * The daily mark to market `V = cash + Σ q × p`, the hot path of every run, computed exactly in
 * scaled integers when every price has few decimals (prices as read from a file). When the exact
 * value has at most 64 significant digits, the Decimal computation would have been exact too
 * (every partial product and sum is a smaller multiple of the same unit), so both give the
 * identical number; otherwise the Decimal computation of `computeValue` is used.
 *
 * Two valuers: `UnitValuer`, the hot path, sums the integers in float64 with error-free
 * transformations (Dekker's product, Knuth's sum: every rounding error is itself an exact
 * integer, collected separately), so a day costs a few float operations per asset and no
 * allocation; `HoldingsValuer` works from Decimal holdings in BigInt, for any holdings.
 */
import type Decimal from 'decimal.js';
import { decimalFromBigUnits, decimalFromUnits, decimalFromWideUnits, POW10, SAFE_LIMIT, unitsToNumber, WIDE_BASE } from './decimal';
import { computeValue, type Holdings } from './ledger';
import { parseScaledInteger, type MarketAsset } from './timeline';

const MAX_DIGITS = 64;

/** Values one portfolio's Decimal holdings day by day (BigInt); call `setHoldings` after every change. */
export class HoldingsValuer {
  private readonly scale: number | null;
  private readonly prices: (Float64Array | null)[];
  private quantities: bigint[] | null = null;
  private cash: bigint | null = null;

  constructor(
    series: MarketAsset[],
    priceScale: number | null,
    private readonly quantityDecimals: number,
  ) {
    this.prices = series.map((s) => s.scaledPrices);
    const usable = priceScale !== null && this.prices.every((p) => p !== null);
    this.scale = usable ? priceScale + quantityDecimals : null;
  }

  /** Converts the holdings to integers at the common scale, or disables the fast path for them. */
  setHoldings(holdings: Holdings): void {
    this.quantities = null;
    this.cash = null;
    if (this.scale === null) return;
    if (holdings.cash.isNegative() || holdings.cash.decimalPlaces() > this.scale) return;
    if (holdings.quantities.some((q) => q.decimalPlaces() > this.quantityDecimals)) return;
    this.cash = toScaledInteger(holdings.cash, this.scale);
    this.quantities = holdings.quantities.map((q) => toScaledInteger(q, this.quantityDecimals));
  }

  /** `cash + Σ q × p` on `day`; `prices` are the same base prices as Decimals (for the fallback). */
  valueAt(day: number, holdings: Holdings, prices: Decimal[]): Decimal {
    const scale = this.scale;
    if (scale === null || this.quantities === null || this.cash === null) return computeValue(holdings, prices);
    let total = this.cash;
    for (let i = 0; i < this.quantities.length; i++) {
      const quantity = this.quantities[i] as bigint;
      if (quantity !== 0n) total += quantity * BigInt((this.prices[i] as Float64Array)[day] as number);
    }
    const digits = total.toString();
    if (digits.length > MAX_DIGITS) return computeValue(holdings, prices);
    return decimalFromBigUnits(total, scale);
  }
}

/** `value × 10^scale` for a value with at most `scale` decimals (checked by the caller). */
function toScaledInteger(value: Decimal, scale: number): bigint {
  return parseScaledInteger(value.toFixed(), scale);
}

/** 2^27 + 1: Veltkamp's constant, splitting a double into two halves of at most 26 bits. */
const SPLITTER = 134_217_729;

/**
 * Exact sums stay within this bound (in units): each rounding error of a sum or product below it is
 * an integer below 2^51, so the errors of up to `2^53 / 2^51 / 2` terms add up exactly.
 */
const EXACT_SUM_LIMIT = 2 ** 103;

/** `a × b − fl(a × b)` exactly (Dekker), given `product = fl(a × b)`. */
function productError(a: number, b: number, product: number): number {
  const sa = SPLITTER * a;
  const ah = sa - (sa - a);
  const al = a - ah;
  const sb = SPLITTER * b;
  const bh = sb - (sb - b);
  const bl = b - bh;
  return ah * bh - product + ah * bl + al * bh + al * bl;
}

const bits = new Float64Array(1);
const bitWords = new Uint32Array(bits.buffer);
/** Index of the high 32-bit word of a double in `bitWords` (the platform's byte order). */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** ulp(x) for a positive normal double, and whether x is a power of two (its mantissa is zero). */
function unitInLastPlace(x: number): { ulp: number; powerOfTwo: boolean } {
  bits[0] = x;
  const high = bitWords[HIGH_WORD] as number;
  const exponent = (high >>> 20) & 0x7ff;
  const powerOfTwo = (high & 0xfffff) === 0 && (bitWords[1 - HIGH_WORD] as number) === 0;
  // 2^(exponent − 1023 − 52), built from its bits (exact).
  bits[0] = 0;
  bitWords[HIGH_WORD] = (exponent - 52) << 20;
  return { ulp: exponent > 52 ? (bits[0] as number) : Number.NaN, powerOfTwo };
}

/**
 * The exact value of integer holdings (cash in units of 10^−(price scale + quantity decimals),
 * quantities in units of 10^−quantity decimals) at the exact integer prices of `MarketAsset`,
 * without BigInt or Decimal on the daily path. After `valueAt(day)`, the value in units is exactly
 * `high + low` (both integer doubles); `toBigInt`, `toDecimal` and `toNumber` read it.
 */
export class UnitValuer {
  /** value units = high + low, exactly. */
  high = 0;
  low = 0;
  private cashHigh = 0;
  private cashLow = 0;
  private readonly quantities: Float64Array;
  private readonly quantityHigh: Float64Array;
  private readonly quantityLow: Float64Array;
  /** Indexes of the assets held (non-zero quantities). */
  private held: Int32Array;
  private heldCount = 0;

  private constructor(
    /** Exact price units of each of the portfolio's assets (`MarketAsset.scaledPrices`). */
    readonly prices: Float64Array[],
    /** The largest price units of each asset over the run. */
    private readonly maxPrices: Float64Array,
    /** Decimal places of a value: price scale + quantity decimals. */
    readonly scale: number,
  ) {
    const n = maxPrices.length;
    this.quantities = new Float64Array(n);
    this.quantityHigh = new Float64Array(n);
    this.quantityLow = new Float64Array(n);
    this.held = new Int32Array(n);
  }

  /** A valuer for `series`, or `null` when a price has no exact integer form (or the scale is too fine for one double division). */
  static create(series: MarketAsset[], priceScale: number | null, quantityDecimals: number): UnitValuer | null {
    if (priceScale === null || priceScale + quantityDecimals > 22) return null;
    const prices: Float64Array[] = [];
    const maxPrices = new Float64Array(series.length);
    for (const [a, asset] of series.entries()) {
      const units = asset.scaledPrices;
      if (units === null) return null;
      prices.push(units);
      let max = 0;
      for (let t = 0; t < units.length; t++) if ((units[t] as number) > max) max = units[t] as number;
      maxPrices[a] = max;
    }
    return new UnitValuer(prices, maxPrices, priceScale + quantityDecimals);
  }

  /**
   * Takes new holdings (cash ≥ 0 in value units, quantities ≥ 0 in quantity units, safe integers).
   * Returns false when a value of these holdings could leave the exact range (the caller then
   * values in BigInt/Decimal instead).
   */
  setHoldings(cash: bigint, quantities: Float64Array): boolean {
    if (cash < 0n) return false;
    const cashHigh = Number(cash);
    let bound = cashHigh;
    this.heldCount = 0;
    for (let a = 0; a < quantities.length; a++) {
      const q = quantities[a] as number;
      if (!(q >= 0 && q < SAFE_LIMIT)) return false;
      this.quantities[a] = q;
      const c = SPLITTER * q;
      const h = c - (c - q);
      this.quantityHigh[a] = h;
      this.quantityLow[a] = q - h;
      if (q !== 0) {
        this.held[this.heldCount++] = a;
        bound += q * (this.maxPrices[a] as number);
      }
    }
    // Every partial sum and product is at most `bound`; the margin absorbs its own rounding.
    if (!(bound * (1 + 1e-9) * (2 * quantities.length + 2) < EXACT_SUM_LIMIT)) return false;
    this.cashHigh = cashHigh;
    this.cashLow = Number(cash - BigInt(cashHigh));
    return true;
  }

  /** Values the holdings on `day`: afterwards `high + low` is the exact value in units. */
  valueAt(day: number): void {
    let sum = this.cashHigh;
    let error = this.cashLow;
    const { quantities, quantityHigh, quantityLow, held, prices } = this;
    for (let k = 0; k < this.heldCount; k++) {
      const a = held[k] as number;
      const q = quantities[a] as number;
      const p = (prices[a] as Float64Array)[day] as number;
      // Veltkamp: p = ph + pl, each half of at most 26 bits.
      const split = SPLITTER * p;
      const ph = split - (split - p);
      const pl = p - ph;
      const qh = quantityHigh[a] as number;
      const ql = quantityLow[a] as number;
      // Dekker: q × p = product + productError exactly.
      const product = q * p;
      const productError = qh * ph - product + qh * pl + ql * ph + ql * pl;
      // Knuth: sum + product = next + sumError exactly.
      const next = sum + product;
      const virtual = next - sum;
      const sumError = sum - (next - virtual) + (product - virtual);
      sum = next;
      error += productError + sumError;
    }
    this.high = sum;
    this.low = error;
  }

  /** True when the last value is a safe integer (`high`, with `low` zero). */
  isSafe(): boolean {
    return this.low === 0 && this.high < SAFE_LIMIT;
  }

  /** The last value in units. */
  toBigInt(): bigint {
    return this.isSafe() ? BigInt(this.high) : BigInt(this.high) + BigInt(this.low);
  }

  /** The last value as a Decimal (exactly what `computeValue` gives while it has ≤ 64 digits). */
  toDecimal(): Decimal {
    return exactUnitsToDecimal(this.high, this.low, this.scale);
  }

  /** The last value as the correctly rounded double (`toDecimal().toNumber()`). */
  toNumber(): number {
    if (this.isSafe()) return this.high / (POW10[this.scale] as number);
    const rounded = this.roundQuotient();
    return Number.isNaN(rounded) ? unitsToNumber(this.toBigInt(), this.scale) : rounded;
  }

  /**
   * RN((high + low) / 10^scale) without leaving float64: the candidate c = RN(RN(value) / D) is
   * checked against the exact residual value − c·D (Dekker) and moved by one ulp when beyond half
   * an ulp; NaN when too close to call (the caller then uses the text route).
   */
  private roundQuotient(): number {
    const divisor = POW10[this.scale] as number;
    let candidate = (this.high + this.low) / divisor;
    for (let attempt = 0; attempt < 2; attempt++) {
      const product = candidate * divisor;
      const residual = this.high - product - productError(candidate, divisor, product) + this.low;
      const { ulp, powerOfTwo } = unitInLastPlace(candidate);
      if (Number.isNaN(ulp) || powerOfTwo) return Number.NaN;
      const half = (ulp * divisor) / 2;
      const distance = Math.abs(residual);
      if (distance < half * (1 - 1e-9)) return candidate;
      if (!(distance > half * (1 + 1e-9) && distance < 3 * half * (1 - 1e-9))) return Number.NaN;
      candidate = residual > 0 ? candidate + ulp : candidate - ulp;
    }
    return Number.NaN;
  }
}

/** Scratch output of `splitWide`. */
const wide = new Float64Array(2);

/**
 * An exact value `high + low` (integer doubles, as `UnitValuer` leaves them) in units of
 * 10^−scale, as a Decimal: from the double itself below 2^53, from two exact 14-digit parts
 * below ~10^30, from BigInt beyond.
 */
export function exactUnitsToDecimal(high: number, low: number, scale: number): Decimal {
  if (low === 0 && high < SAFE_LIMIT) return decimalFromUnits(high, scale);
  return splitWide(high, low) ? decimalFromWideUnits(wide[0] as number, wide[1] as number, scale) : decimalFromBigUnits(BigInt(high) + BigInt(low), scale);
}

/**
 * The value high + low (≥ 2^53 units) as `wide[0] × 10^14 + wide[1]` with 0 ≤ wide[1] < 10^14,
 * in exact double steps; false when wide[0] would pass 2^53.
 */
function splitWide(high: number, low: number): boolean {
  let quotient = Math.floor(high / WIDE_BASE);
  const product = quotient * WIDE_BASE;
  // high − product is exact (they are within a factor of 2); the product's error is Dekker's.
  let rest = high - product - productError(quotient, WIDE_BASE, product);
  // Two carries, each exact (every term an integer below 2^53): before and after adding low.
  for (let step = 0; step < 2; step++) {
    if (step === 1) rest += low;
    const carry = Math.floor(rest / WIDE_BASE);
    rest -= carry * WIDE_BASE;
    quotient += carry;
    if (rest < 0) {
      rest += WIDE_BASE;
      quotient -= 1;
    } else if (rest >= WIDE_BASE) {
      rest -= WIDE_BASE;
      quotient += 1;
    }
  }
  if (!(quotient < SAFE_LIMIT)) return false;
  wide[0] = quotient;
  wide[1] = rest;
  return true;
}
