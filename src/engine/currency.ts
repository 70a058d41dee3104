/**
 * FX series for the engine: one rate per date for each currency a used asset is quoted in,
 * expressed as `currency → base`, from direct rows or the inverse of `base → currency` rows.
 */
import type Decimal from 'decimal.js';
import { BackfolioError } from '../errors';
import { Dec, toDec } from './decimal';
import type { FxData, IsoDate } from './types';

/** Dated `currency → base` rates, sorted by date, one per date. */
export interface FxSeries {
  currency: string;
  base: string;
  dates: IsoDate[];
  rates: Decimal[];
}

/** `EUR→USD`, the wording used in every FX message. */
export function formatPair(from: string, to: string): string {
  return `${from}→${to}`;
}

/**
 * Builds the `currency → base` series: a direct `currency,base` row gives the rate, a
 * `base,currency` row gives `1/rate`; on a date with both, the direct row wins (it is what the
 * source quoted, the inverse adds a rounding). Throws `FX_MISSING_PAIR` when neither exists.
 *
 * @example
 * buildFxSeries(fx, 'EUR', 'USD', 'SAP').rates[0] // 1.0873 from a row `2024-01-02,EUR,USD,1.0873`
 */
export function buildFxSeries(fx: FxData | undefined, currency: string, base: string, neededBy: string): FxSeries {
  const from = currency.toUpperCase();
  const to = base.toUpperCase();
  const direct = new Map<IsoDate, Decimal>();
  const inverse = new Map<IsoDate, Decimal>();
  for (const row of fx?.rates ?? []) {
    const rowFrom = row.from.toUpperCase();
    const rowTo = row.to.toUpperCase();
    if (rowFrom === from && rowTo === to) direct.set(row.date, toDec(row.rate));
    else if (rowFrom === to && rowTo === from) inverse.set(row.date, new Dec(1).div(toDec(row.rate)));
  }
  if (direct.size === 0 && inverse.size === 0) {
    throw new BackfolioError(
      'FX_MISSING_PAIR',
      `No FX rate for ${formatPair(from, to)} (needed by asset ${neededBy}, quoted in ${from}): ` +
        `add rows "date,${from},${to},rate" or "date,${to},${from},rate" to the FX file.`,
    );
  }
  const merged = new Map<IsoDate, Decimal>(inverse);
  for (const [date, rate] of direct) merged.set(date, rate);
  const dates = [...merged.keys()].sort();
  return { currency: from, base: to, dates, rates: dates.map((date) => merged.get(date) as Decimal) };
}
