/** The export date range: which timeline dates (by index) an export covers. */
import { isCalendarDate } from '../iso-date';
import { BackfolioError } from '../errors';
import type { IsoDate } from '../engine/types';
import type { ExportOptions } from './model.types';

/** Inclusive index range into `BacktestResult.dates`. */
export interface DayRange {
  start: number;
  end: number;
  /** True when the range is the whole run (no rows left out). */
  whole: boolean;
}


/**
 * The indexes of the timeline dates inside `range` (inclusive at both ends); the whole run when
 * absent. Throws `EXPORT_FAILED` naming the range when a bound is not `YYYY-MM-DD`, when
 * `from > to`, or when no date of the run falls inside it.
 */
export function resolveDayRange(dates: IsoDate[], range: ExportOptions['dateRange']): DayRange {
  const last = dates.length - 1;
  const from = range?.from === '' ? undefined : range?.from;
  const to = range?.to === '' ? undefined : range?.to;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      throw new BackfolioError('EXPORT_FAILED', `dateRange.${name}: got "${value}", expected a date YYYY-MM-DD`, {
        issues: [{ path: `dateRange.${name}`, value, expected: 'a date YYYY-MM-DD' }],
      });
    }
  }
  const shown = `${from ?? '…'} to ${to ?? '…'}`;
  if (from !== undefined && to !== undefined && from > to) {
    throw new BackfolioError('EXPORT_FAILED', `dateRange: got "${shown}", expected from ≤ to`, {
      issues: [{ path: 'dateRange', value: shown, expected: 'from ≤ to' }],
    });
  }
  // ISO dates compare correctly as strings.
  let start = 0;
  while (start <= last && from !== undefined && (dates[start] ?? '') < from) start += 1;
  let end = last;
  while (end >= 0 && to !== undefined && (dates[end] ?? '') > to) end -= 1;
  if (start > end) {
    const run = `${dates[0] ?? '?'} to ${dates[last] ?? '?'}`;
    throw new BackfolioError(
      'EXPORT_FAILED',
      `dateRange: got "${shown}", expected a range holding at least one date of the run (${run})`,
      { issues: [{ path: 'dateRange', value: shown, expected: `a range overlapping ${run}` }] },
    );
  }
  return { start, end, whole: start === 0 && end === last };
}
