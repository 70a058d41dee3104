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

/** Both directions of a pair on one date must multiply to 1 within this (backtest.md, FX rates). */
export const FX_INVERSE_TOLERANCE = 1e-6;

/**
 * Builds the `currency → base` series: a direct `currency,base` row gives the rate, a
 * `base,currency` row gives `1/rate`; on a date with both, they must agree (`rate × inverse`
 * within 1e-6 of 1, else `FX_INVALID` naming the pair and the first such date) and the direct
 * row is used (it is what the source quoted, the inverse adds a rounding). Throws
 * `FX_MISSING_PAIR` when neither exists.
 *
 * @example
 * buildFxSeries(fx, 'EUR', 'USD', 'SAP').rates[0] // 1.0873 from a row `2024-01-02,EUR,USD,1.0873`
 */
export function buildFxSeries(fx: FxData | undefined, currency: string, base: string, neededBy: string): FxSeries {
  const from = currency.toUpperCase();
  const to = base.toUpperCase();
  const direct = new Map<IsoDate, Decimal>();
  const inverse = new Map<IsoDate, Decimal>();
  const quotedInverse = new Map<IsoDate, Decimal>();
  for (const row of fx?.rates ?? []) {
    const rowFrom = row.from.toUpperCase();
    const rowTo = row.to.toUpperCase();
    if (rowFrom === from && rowTo === to) direct.set(row.date, toDec(row.rate));
    else if (rowFrom === to && rowTo === from) {
      quotedInverse.set(row.date, toDec(row.rate));
      inverse.set(row.date, new Dec(1).div(toDec(row.rate)));
    }
  }
  checkDirectionsAgree(from, to, direct, quotedInverse);
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

/**
 * Refuses contradictory directions: on a date with both `from→to` and `to→from`, the product of
 * the two quotes must be 1 within `FX_INVERSE_TOLERANCE` (EUR→USD 1.1 with USD→EUR 0.5 is not:
 * one of them would be ignored without a word). Names the pair, the first such date, both rates
 * and how many dates disagree.
 */
function checkDirectionsAgree(from: string, to: string, direct: Map<IsoDate, Decimal>, quotedInverse: Map<IsoDate, Decimal>): void {
  const disagreeing: { date: IsoDate; rate: Decimal; inverse: Decimal; product: Decimal }[] = [];
  for (const [date, rate] of direct) {
    const inverse = quotedInverse.get(date);
    if (inverse === undefined) continue;
    const product = rate.mul(inverse);
    if (product.sub(1).abs().gt(FX_INVERSE_TOLERANCE)) disagreeing.push({ date, rate, inverse, product });
  }
  if (disagreeing.length === 0) return;
  disagreeing.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const first = disagreeing[0] as (typeof disagreeing)[number];
  const more = disagreeing.length === 1 ? '' : ` (the first of ${disagreeing.length} such dates)`;
  throw new BackfolioError(
    'FX_INVALID',
    `The FX rates give both ${formatPair(from, to)} and ${formatPair(to, from)} on ${first.date}${more} and they disagree: ` +
      `${first.rate.toString()} × ${first.inverse.toString()} = ${first.product.toSignificantDigits(10).toString()}, expected 1 within ${FX_INVERSE_TOLERANCE} ` +
      '(one direction is the inverse of the other); keep one direction or correct the rates.',
    {
      issues: disagreeing.slice(0, 20).map((d) => ({
        path: `${formatPair(from, to)}, ${d.date}`,
        value: `${d.rate.toString()} × ${d.inverse.toString()}`,
        expected: `rates whose product is 1 within ${FX_INVERSE_TOLERANCE}`,
      })),
    },
  );
}
