/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings. Everything is computed from the digits or in
 * UTC, never in local time, so a run gives the same periods in every time zone.
 */
import type { IsoDate, RebalancingFrequency } from './types';

const DAY_MS = 86_400_000;

/** Parses `YYYY-MM-DD` into its numeric parts (month 1..12). */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 (UTC) of a calendar date. */
export function toEpochDay(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Day of the week of a calendar date: 1 = Monday … 7 = Sunday (ISO numbering). */
export function getIsoWeekday(date: IsoDate): number {
  const weekday = new Date(toEpochDay(date) * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** True on Saturdays and Sundays. */
export function isWeekend(date: IsoDate): boolean {
  return getIsoWeekday(date) >= 6;
}

/**
 * ISO-8601 week of a date as `{ year, week }`: weeks start on Monday and week 1 holds the year's
 * first Thursday, so 2021-01-01 (a Friday) is still 2020-W53.
 */
export function getIsoWeek(date: IsoDate): { year: number; week: number } {
  const epochDay = toEpochDay(date);
  // The Thursday of the same ISO week decides the ISO year.
  const thursday = epochDay + (4 - getIsoWeekday(date));
  const isoYear = new Date(thursday * DAY_MS).getUTCFullYear();
  const firstDay = Date.UTC(isoYear, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - firstDay) / 7) + 1;
  return { year: isoYear, week };
}

/** A key that changes exactly when the calendar period of `frequency` changes. */
export function getPeriodKey(frequency: Exclude<RebalancingFrequency, 'never' | 'daily'>, date: IsoDate): string {
  const { year, month } = parseIsoDate(date);
  switch (frequency) {
    case 'weekly': {
      const iso = getIsoWeek(date);
      return `${iso.year}-W${iso.week}`;
    }
    case 'monthly':
      return `${year}-${month}`;
    case 'quarterly':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'annually':
      return `${year}`;
  }
}

/**
 * True when `date` starts a new calendar period compared with the previous timeline date:
 * `daily` always, `never` never, otherwise when the ISO week / month / quarter / year differs.
 */
export function isNewPeriod(frequency: RebalancingFrequency, previous: IsoDate, date: IsoDate): boolean {
  if (frequency === 'never') return false;
  if (frequency === 'daily') return true;
  return getPeriodKey(frequency, previous) !== getPeriodKey(frequency, date);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function countDaysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}
