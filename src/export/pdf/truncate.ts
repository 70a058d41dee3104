/**
 * Which rows of a table each template prints. `compliance` prints everything; `detailed` keeps
 * the first 500 trades or rebalances and thins long time series (every Nth row, the last row
 * always kept) to at most 250 rows; the page then says what was left out and by how many rows.
 */
import type { PdfTemplate, ReportTable } from '../../report/model.types';

/** Detailed template: rows of an event log (trades, rebalances) printed from the top. */
export const DETAILED_EVENT_ROWS = 500;
/** Detailed template: rows of a date-indexed series printed (every Nth row). */
export const DETAILED_SERIES_ROWS = 250;

const EVENT_TABLES: Record<string, string> = { transaction_log: 'trades', rebalancing_events: 'rebalances' };

/** The rows to print and, when some are left out, the sentence that says so. */
export interface RowSelection {
  rowIndices: number[];
  note: string | null;
}

/** `1234` → `1,234` for notes. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Picks the printed rows of `table` under `template`. */
export function selectRows(table: ReportTable, template: PdfTemplate): RowSelection {
  const total = table.rows.length;
  const all = table.rows.map((_, i) => i);
  if (template === 'compliance') return { rowIndices: all, note: null };
  const noun = EVENT_TABLES[table.id];
  if (noun !== undefined) {
    if (total <= DETAILED_EVENT_ROWS) return { rowIndices: all, note: null };
    const shown = DETAILED_EVENT_ROWS;
    return {
      rowIndices: all.slice(0, shown),
      note: `Showing the first ${formatCount(shown)} of ${formatCount(total)} ${noun}; ${formatCount(total - shown)} rows left out — see the CSV/Excel export or the compliance template.`,
    };
  }
  const dateIndexed = table.columns[0]?.type.kind === 'date';
  if (!dateIndexed || total <= DETAILED_SERIES_ROWS) return { rowIndices: all, note: null };
  const step = Math.ceil(total / DETAILED_SERIES_ROWS);
  const picked = all.filter((i) => i % step === 0);
  if (picked[picked.length - 1] !== total - 1) picked.push(total - 1);
  // Keeping the last row may push the count one over; drop the second-to-last sample then.
  if (picked.length > DETAILED_SERIES_ROWS) picked.splice(picked.length - 2, 1);
  return {
    rowIndices: picked,
    note: `Showing ${formatCount(picked.length)} of ${formatCount(total)} rows (every ${ordinal(step)} row, last row kept); ${formatCount(total - picked.length)} rows left out — see the CSV/Excel export or the compliance template.`,
  };
}

/** `2` → `2nd`, `11` → `11th`, `23` → `23rd`. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}
