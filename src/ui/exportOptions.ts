/** Mapping the export dialog's choices to the writers' `ExportOptions`, and advice when an export fails. */
import { BackfolioError } from '../errors';
import type { ExportFormat, ExportOptions } from '../report/model.types';
import { plural } from '../plural';
import { ALL_SECTIONS, type ExportPrefs } from './prefs';

/** The built-in formats in the order "all" writes them. */
export const ALL_FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf'];

/** The formats a choice stands for. */
export function formatsOf(prefs: Pick<ExportPrefs, 'format'>): ExportFormat[] {
  return prefs.format === 'all' ? [...ALL_FORMATS] : [prefs.format];
}

/**
 * Export options for the writers; empty dates, or the run's own first and last date, mean the
 * whole run (no range recorded), all sections mean none listed.
 */
export function toExportOptions(prefs: ExportPrefs, run?: { first: string; last: string }): ExportOptions {
  const options: ExportOptions = { formats: formatsOf(prefs), template: prefs.template, bom: prefs.bom };
  const sections = ALL_SECTIONS.filter((s) => prefs.sections.includes(s));
  if (sections.length < ALL_SECTIONS.length) options.sections = sections;
  const from = prefs.from.trim() === run?.first ? '' : prefs.from.trim();
  const to = prefs.to.trim() === run?.last ? '' : prefs.to.trim();
  if (from !== '' || to !== '') {
    options.dateRange = {};
    if (from !== '') options.dateRange.from = from;
    if (to !== '') options.dateRange.to = to;
  }
  if (prefs.prefix.trim() !== '') options.prefix = prefs.prefix.trim();
  return options;
}

/** What to do after an export failed, from the error's field. */
export function exportAdvice(error: unknown): string {
  const path = error instanceof BackfolioError ? (error.issues[0]?.path ?? '') : '';
  if (path.startsWith('dateRange')) return 'Choose a From date on or before the To date, inside the run, then export again.';
  if (error instanceof BackfolioError && error.code === 'INTERNAL') return 'Retry; if it fails again, reload the page.';
  if (error instanceof BackfolioError && error.code === 'INPUT_MISMATCH') return 'Run the backtest again, then export.';
  return 'Choose fewer sections or a shorter date range, then export again.';
}

/**
 * An export's warnings for the success toast: the first two in full, then how many more the
 * file lists (in the PDF's notes, on the workbook's Metadata sheet).
 *
 * @example exportWarningText(['The PDF's fonts cannot draw 🚀 (U+1F680), printed as � in “Rocket �”.'])
 */
export function exportWarningText(warnings: readonly string[]): string {
  const shown = warnings.slice(0, 2).join(' ');
  return warnings.length > 2 ? `${shown} ${plural(warnings.length - 2, 'more note')} in the file.` : shown;
}

/** The options of a past export in a few words: `pdf · detailed · 7 of 9 sections · 2021-01-01 to end` (a template only for PDF, the BOM only for CSV). */
export function describeExportOptions(format: string, o: ExportPrefs): string {
  const parts = [format];
  if (format === 'pdf') parts.push(o.template);
  parts.push(o.sections.length === ALL_SECTIONS.length ? 'all sections' : `${o.sections.length} of ${plural(ALL_SECTIONS.length, 'section')}`);
  if (o.from || o.to) parts.push(`${o.from || 'start'} to ${o.to || 'end'}`);
  if (format === 'csv' && !o.bom) parts.push('no BOM');
  return parts.join(' · ');
}
