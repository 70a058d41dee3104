/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings, proleptic Gregorian for the years 0001–9999
 * (backtest.md, Dates). Everything is integer day numbers (src/iso-date.ts), never `Date`:
 * `Date.UTC` maps the years 0–99 to 1900–1999, which made weekdays and gaps wrong there.
 */
import { civilFromDayNumber, dayNumberFromCivil } from '../iso-date';
import type { IsoDate, RebalancingFrequency } from './types';

/** Parses `YYYY-MM-DD` into its numeric parts (month 1..12). */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 of a calendar date (negative before it). */
export function toEpochDay(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return dayNumberFromCivil(year, month, day);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
function weekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Day of the week of a calendar date: 1 = Monday … 7 = Sunday (ISO numbering). */
export function getIsoWeekday(date: IsoDate): number {
  return weekdayOfDayNumber(toEpochDay(date));
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
  const dayNumber = toEpochDay(date);
  // The Thursday of the same ISO week decides the ISO year.
  const thursday = dayNumber + (4 - weekdayOfDayNumber(dayNumber));
  const isoYear = civilFromDayNumber(thursday).year;
  const week = Math.floor((thursday - dayNumberFromCivil(isoYear, 1, 1)) / 7) + 1;
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
