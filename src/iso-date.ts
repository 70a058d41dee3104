/**
 * Calendar dates as ISO `YYYY-MM-DD` text: the one check every layer uses (config, price files,
 * host tables, export ranges, workbook serials), by integer arithmetic only, so no time zone can
 * shift a day.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month and day of an existing calendar date, or `null` (`2023-02-30`, `2023-13-01`, `20230101`). */
export function readCalendarDate(text: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for an existing calendar day in `YYYY-MM-DD` (rejects 2023-02-30 and 2023-13-01). */
export function isCalendarDate(text: string): boolean {
  return readCalendarDate(text) !== null;
}

/** Days in `month` (1–12) of the proleptic Gregorian `year`. */
export function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1] ?? 0;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
