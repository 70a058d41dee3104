/**
 * The tables the page shows (every metric of the performance summary, trailing returns, yearly
 * returns against the benchmarks, the worst drawdowns), taken from the report model, so the screen shows exactly the rows and
 * roundings of the CSV, workbook and PDF. Built in the worker; display text only crosses.
 */
import type { BacktestResult } from '../engine/types';
import { formatDisplayValue } from '../report/format';
import { displayText, type ReportTable, type SectionId } from '../report/model.types';
import type { ScreenTable } from './protocol';

/** Rows of the worst-drawdowns table on screen (the report lists every period, deepest first). */
export const SCREEN_WORST_DRAWDOWNS = 5;

/** The report tables shown under Results, in page order, by section. */
const SCREEN_TABLES: { section: SectionId; table: string; title: string; limit?: number }[] = [
  { section: 'summary', table: 'performance_summary', title: 'Metrics' },
  { section: 'trailing', table: 'trailing_returns', title: 'Trailing returns' },
  { section: 'yearly', table: 'yearly_returns', title: 'Yearly returns against the benchmarks' },
  { section: 'drawdowns', table: 'drawdown_periods', title: `Worst ${SCREEN_WORST_DRAWDOWNS} drawdowns`, limit: SCREEN_WORST_DRAWDOWNS },
];

/** A report table as display text: labels, row labels, numeric columns flagged for right alignment. */
export function toScreenTable(table: ReportTable, title = table.title, limit = table.rows.length, formulas: ReadonlyMap<string, string> = new Map()): ScreenTable {
  // A year is a name, not a quantity: `2024`, not `2,024`.
  const isYear = (c: number): boolean => table.columns[c]?.key === 'year';
  const rows = table.rows.slice(0, limit).map((row, r) => row.map((cell, c) => (isYear(c) ? String(cell ?? '') : displayText(table, r, c, formatDisplayValue))));
  return {
    id: table.id,
    title,
    columns: table.columns.map((column, c) => ({
      label: column.label,
      numeric: c === 0 && table.rowLabels ? false : ['integer', 'number', 'percent', 'currency', 'quantity', 'price'].includes(column.type.kind) && column.key !== 'year',
      description: column.description ?? '',
    })),
    rows,
    rowTitles: table.rows.slice(0, limit).map((row) => formulas.get(String(row[0] ?? '')) ?? ''),
    ...(table.note ? { note: table.note } : {}),
  };
}

/** The screen's analysis tables for a result (the whole run). */
export async function buildScreenTables(result: BacktestResult): Promise<ScreenTable[]> {
  const { buildReport } = await import('../report/build');
  const report = buildReport(result, { formats: [], template: 'detailed', bom: true, sections: SCREEN_TABLES.map((t) => t.section) });
  const tables = new Map(report.sections.flatMap((s) => s.tables).map((t) => [t.id, t]));
  // Each metric's formula line, shown as the row's tooltip.
  const formulas = new Map(report.meta.glossary.map((g) => [g.key, g.formula]));
  return SCREEN_TABLES.flatMap(({ table, title, limit }) => {
    const found = tables.get(table);
    return found ? [toScreenTable(found, title, limit, formulas)] : [];
  });
}
