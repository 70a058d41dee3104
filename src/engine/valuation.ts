/**
 * The daily mark to market `V = cash + Σ q × p`, the hot path of every run. When every price has
 * few decimals (prices as read from a file) it is computed exactly in scaled integers (BigInt);
 * when the exact value has at most 64 significant digits, the Decimal computation would have been
 * exact too (every partial product and sum is a smaller multiple of the same unit), so both give
 * the identical number. Otherwise it falls back to the Decimal computation of `computeValue`.
 */
import type Decimal from 'decimal.js';
import { Dec } from './decimal';
import { computeValue, type Holdings } from './ledger';
import { parseScaledInteger, type MarketAsset } from './timeline';

const MAX_DIGITS = 64;

/** Values one portfolio's holdings day by day; call `setHoldings` after every change. */
export class HoldingsValuer {
  private readonly scale: number | null;
  private readonly prices: (bigint[] | null)[];
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
      if (quantity !== 0n) total += quantity * ((this.prices[i] as bigint[])[day] as bigint);
    }
    const digits = total.toString();
    if (digits.length > MAX_DIGITS) return computeValue(holdings, prices);
    return fromScaledDigits(digits, scale);
  }
}

/** `value × 10^scale` for a value with at most `scale` decimals (checked by the caller). */
function toScaledInteger(value: Decimal, scale: number): bigint {
  return parseScaledInteger(value.toFixed(), scale);
}

function fromScaledDigits(digits: string, scale: number): Decimal {
  if (scale === 0) return new Dec(digits);
  const padded = digits.length <= scale ? digits.padStart(scale + 1, '0') : digits;
  const point = padded.length - scale;
  return new Dec(`${padded.slice(0, point)}.${padded.slice(point)}`);
}
