/**
 * Calendar dates as ISO `YYYY-MM-DD` text: the one check every layer uses (config, price files,
 * host tables, export ranges, workbook serials), by integer arithmetic only, so no time zone can
 * shift a day. The calendar is proleptic Gregorian for the years 0001–9999 (backtest.md, Dates):
 * `Date.UTC` is never used, since it reads the years 0–99 as 1900–1999.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** First and last year a date may have (there is no year 0000 in the ISO calendar of the contract). */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

/** Year, month and day of an existing calendar date, or `null` (`2023-02-30`, `2023-13-01`, `0000-01-01`, `20230101`). */
export function readCalendarDate(text: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for an existing calendar day in `YYYY-MM-DD`, years 0001–9999 (rejects 2023-02-30, 2023-13-01, 0000-01-01). */
export function isCalendarDate(text: string): boolean {
  return readCalendarDate(text) !== null;
}

/** Days in `month` (1–12) of the proleptic Gregorian `year`. */
export function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1] ?? 0;
}

/** Gregorian leap year rule, applied to every year (proleptic): 1600 and 2000 are leap years, 1700 and 1900 are not. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (negative before), by integer arithmetic
 * (H. Hinnant's `days_from_civil`): exact for every year, 0001 and 9999 included.
 *
 * @example dayNumberFromCivil(1970, 1, 1) // 0; dayNumberFromCivil(1, 1, 1) // -719162
 */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12; // March = 0 … February = 11, so the leap day comes last
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The proleptic Gregorian date of a day number (inverse of `dayNumberFromCivil`). */
export function civilFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `YYYY-MM-DD` of a date's parts, the year padded to four digits (`0099-03-01`). */
export function formatCivilDate(parts: { year: number; month: number; day: number }): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}
