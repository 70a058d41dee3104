/**
 * Checking an export's date range and sections before anything is written, in plain words, the
 * same for the dashboard's export dialog ("From", "To") and the command line ("--from", "--to",
 * "--sections"). The report builder checks the same rules again (src/report/range.ts), with the
 * configuration's key paths, for hosts that call it directly.
 */
import { isCalendarDate } from './iso-date';
import { plural } from './plural';

/** One thing wrong with the choices: which control it belongs to and what to do. */
export interface ChoiceProblem {
  field: 'from' | 'to' | 'sections';
  message: string;
}

/** How the two date controls are called where the user sees them. */
export interface RangeLabels {
  from: string;
  to: string;
}

/** Labels of the export dialog. */
export const DIALOG_LABELS: RangeLabels = { from: 'From', to: 'To' };
/** Labels of the command line. */
export const CLI_LABELS: RangeLabels = { from: '--from', to: '--to' };

/** The run's first and last date (inclusive). */
export interface RunRange {
  first: string;
  last: string;
}

/**
 * Problems of a date range (`''` means the run's own start or end): a bound that is not a
 * calendar date `YYYY-MM-DD`, `from` after `to`, or, when `run` is given, a bound outside the run.
 *
 * @example checkDateRange('2024-12-01', '2024-01-01', DIALOG_LABELS)
 * // [{ field: 'from', message: 'From (2024-12-01) is after To (2024-01-01): choose a From date on or before the To date.' }]
 */
export function checkDateRange(from: string, to: string, labels: RangeLabels, run?: RunRange): ChoiceProblem[] {
  const problems: ChoiceProblem[] = [];
  const bounds = [
    { field: 'from' as const, value: from.trim() },
    { field: 'to' as const, value: to.trim() },
  ];
  for (const { field, value } of bounds) {
    if (value !== '' && !isCalendarDate(value)) {
      problems.push({ field, message: `${labels[field]} (${value}) is not a date: write it as YYYY-MM-DD, for example 2021-06-30.` });
    }
  }
  if (problems.length > 0) return problems;
  const [f, t] = [bounds[0]?.value ?? '', bounds[1]?.value ?? ''];
  if (f !== '' && t !== '' && f > t) {
    return [{ field: 'from', message: `${labels.from} (${f}) is after ${labels.to} (${t}): choose a ${labels.from} date on or before the ${labels.to} date.` }];
  }
  if (run && run.first !== '' && run.last !== '') {
    const inside = `choose a date from ${run.first} to ${run.last}`;
    if (f !== '' && f > run.last) problems.push({ field: 'from', message: `${labels.from} (${f}) is after the run ends (${run.last}): ${inside}.` });
    if (f !== '' && f < run.first) problems.push({ field: 'from', message: `${labels.from} (${f}) is before the run starts (${run.first}): ${inside}.` });
    if (t !== '' && t < run.first) problems.push({ field: 'to', message: `${labels.to} (${t}) is before the run starts (${run.first}): ${inside}.` });
    if (t !== '' && t > run.last) problems.push({ field: 'to', message: `${labels.to} (${t}) is after the run ends (${run.last}): ${inside}.` });
  }
  return problems;
}

/**
 * Problems of a section choice: none chosen, or names that are not sections of `known`.
 *
 * @example checkSections(['summary', 'dayly'], ['summary', 'daily'], '--sections')
 */
export function checkSections(chosen: readonly string[], known: readonly string[], label: string): ChoiceProblem[] {
  if (chosen.length === 0) return [{ field: 'sections', message: `${label}: choose at least one section.` }];
  const unknown = chosen.filter((s) => !known.includes(s));
  if (unknown.length === 0) return [];
  const names = unknown.map((s) => `"${s}"`).join(', ');
  return [{ field: 'sections', message: `${label}: ${names} ${unknown.length === 1 ? 'is not a section' : 'are not sections'}; choose from ${known.join(', ')} (${plural(known.length, 'section')}).` }];
}
