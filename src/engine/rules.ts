/**
 * Rebalancing rules (../shared/spec/backtest.md, Rebalancing rules): the calendar trigger and the
 * two threshold bands, measured against the targets of the most recent rebalance.
 */
import type Decimal from 'decimal.js';
import { isNewPeriod, toEpochDay } from './calendar';
import { Dec, toDec } from './decimal';
import type { IsoDate, RebalanceReason, RebalanceThreshold, RebalancingFrequency } from './types';

/**
 * Float weights are within ~1e-15 of the exact ratio; a float decision farther than this from the
 * band edge is the decision the exact Decimal test would make, so only closer cases are confirmed
 * in Decimal (an exact-equivalent shortcut).
 */
const FLOAT_MARGIN = 1e-12;
const FIVE_PERCENT = new Dec('0.05');
const QUARTER = new Dec('0.25');

/** The reason a date after day 0 rebalances, or `null`. A calendar trigger wins over a threshold one. */
export function findRebalanceReason(
  frequency: RebalancingFrequency,
  threshold: RebalanceThreshold,
  previousDate: IsoDate,
  date: IsoDate,
  isOutOfBand: () => boolean,
): RebalanceReason | null {
  return chooseRebalanceReason(isNewPeriod(frequency, previousDate, date), threshold, isOutOfBand);
}

/** `findRebalanceReason` once the calendar trigger is known (see `listNewPeriodDays`). */
export function chooseRebalanceReason(newPeriod: boolean, threshold: RebalanceThreshold, isOutOfBand: () => boolean): RebalanceReason | null {
  if (newPeriod) return 'calendar';
  if (threshold === null) return null;
  if (!isOutOfBand()) return null;
  return threshold === '5/25' ? '5/25' : 'threshold';
}

const newPeriodCache = new WeakMap<IsoDate[], Map<RebalancingFrequency, Uint8Array>>();

/**
 * `flags[t] = 1` when date t (t ≥ 1) starts a new calendar period of `frequency` (`isNewPeriod`
 * against date t − 1); computed once per timeline and frequency, shared by every portfolio.
 */
export function listNewPeriodDays(frequency: RebalancingFrequency, dates: IsoDate[]): Uint8Array {
  let byFrequency = newPeriodCache.get(dates);
  if (byFrequency === undefined) {
    byFrequency = new Map();
    newPeriodCache.set(dates, byFrequency);
  }
  let flags = byFrequency.get(frequency);
  if (flags === undefined) {
    flags = computeNewPeriodDays(frequency, dates);
    byFrequency.set(frequency, flags);
  }
  return flags;
}

function computeNewPeriodDays(frequency: RebalancingFrequency, dates: IsoDate[]): Uint8Array {
  const flags = new Uint8Array(dates.length);
  if (frequency === 'never') return flags;
  if (frequency === 'daily') return flags.fill(1, 1);
  // The same periods as `getPeriodKey`, from the ISO date's digits: YYYY-MM-DD.
  const key = (date: IsoDate): number => {
    switch (frequency) {
      case 'weekly':
        // ISO weeks run Monday..Sunday; 1970-01-01 was a Thursday, so Mondays are ≡ 4 (mod 7).
        return Math.floor((toEpochDay(date) - 4) / 7);
      case 'monthly':
        return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
      case 'quarterly':
        return Number(date.slice(0, 4)) * 4 + Math.floor((Number(date.slice(5, 7)) - 1) / 3);
      case 'annually':
        return Number(date.slice(0, 4));
    }
  };
  let previous = dates.length > 0 ? key(dates[0] as IsoDate) : 0;
  for (let t = 1; t < dates.length; t++) {
    const current = key(dates[t] as IsoDate);
    if (current !== previous) flags[t] = 1;
    previous = current;
  }
  return flags;
}

/** The allowed absolute deviation of an asset from its target: `t`, or `min(0.05, 0.25 × w_target)`. */
export function computeBandFloat(threshold: Exclude<RebalanceThreshold, null>, target: number): number {
  return threshold === '5/25' ? Math.min(0.05, 0.25 * target) : threshold;
}

/** The same band in Decimal (target via its shortest round-trip text). */
export function computeBandExact(threshold: Exclude<RebalanceThreshold, null>, target: number): Decimal {
  return threshold === '5/25' ? Dec.min(FIVE_PERCENT, QUARTER.mul(toDec(target))) : toDec(threshold);
}

/**
 * True when any asset's `|w_actual − w_target| > band` (strict). `floatWeights` decide clear
 * cases; `exactWeight(i)` (the Decimal `q×p/V`) decides any case within 1e-12 of the band.
 */
export function isAnyOutOfBand(
  threshold: Exclude<RebalanceThreshold, null>,
  targets: number[],
  floatWeights: ArrayLike<number>,
  exactWeight: (asset: number) => Decimal,
): boolean {
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i] as number;
    const gap = Math.abs((floatWeights[i] as number) - target) - computeBandFloat(threshold, target);
    if (gap > FLOAT_MARGIN) return true;
    if (gap < -FLOAT_MARGIN) continue;
    if (exactWeight(i).sub(toDec(target)).abs().gt(computeBandExact(threshold, target))) return true;
  }
  return false;
}
