/**
 * One sheet per report section: its tables with a header row each (stacked under title rows when
 * there are several), real cell types, fitted widths, an autofilter, frozen header and, for the
 * monthly returns grid, a colour scale.
 */
import type { WorkSheet } from 'xlsx';
import type { Column, ReportSection, ReportTable } from '../../report/model.types';
import { cellType } from '../../report/model.types';
import { BackfolioError, throwIfAborted } from '../../errors';
import { toRangeRef } from './a1';
import { createCell, MAX_CELL_TEXT } from './cells';
import { SheetGrid, type SheetStyle } from './sheet-grid';
import { fitColumnWidths, mergeColumnWidths } from './widths';

/** Where a table landed in its sheet (one-based rows), so formulas can point at it. */
export interface TableLayout {
  sheetName: string;
  table: ReportTable;
  headerRow: number;
  firstDataRow: number;
  /** Equals `headerRow` when the table has no rows. */
  lastDataRow: number;
}

/** A laid-out sheet ready for SheetJS, with the styling for `patch.ts`. */
export interface BuiltSheet {
  name: string;
  sheet: WorkSheet;
  style: SheetStyle;
  tables: TableLayout[];
  /** Data rows written (headers and titles excluded). */
  dataRows: number;
}

/** Rows an Excel sheet can hold. */
export const MAX_SHEET_ROWS = 1_048_576;
/** Columns an Excel sheet can hold. */
export const MAX_SHEET_COLUMNS = 16_384;

/** Throws `EXPORT_FAILED` when a section does not fit in one Excel sheet. */
function assertFitsInSheet(section: ReportSection, name: string): void {
  const stacked = section.tables.length > 1;
  const rows = section.tables.reduce((n, t) => n + t.rows.length + 1 + (stacked ? 2 : 0), 0);
  const columns = Math.max(0, ...section.tables.map((t) => t.columns.length));
  if (rows > MAX_SHEET_ROWS || columns > MAX_SHEET_COLUMNS) {
    throw new BackfolioError(
      'EXPORT_FAILED',
      `sheet ${name}: got ${rows} rows and ${columns} columns, expected at most ${MAX_SHEET_ROWS} rows and ${MAX_SHEET_COLUMNS} columns (Excel's limit); export a shorter date range or use the CSV package`,
    );
  }
}

/** Month columns of the monthly returns grid, coloured by a scale. */
const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The A1 range of the month cells of a monthly-returns table, or `null` when it has none. */
export function findMonthGridRange(layout: TableLayout): string | null {
  if (layout.table.rows.length === 0) return null;
  const indexes = layout.table.columns
    .map((column, i) => (MONTH_KEYS.includes(column.key.toLowerCase()) ? i : -1))
    .filter((i) => i >= 0);
  const first = indexes[0];
  const last = indexes[indexes.length - 1];
  if (first === undefined || last === undefined) return null;
  return toRangeRef(first, layout.firstDataRow, last, layout.lastDataRow);
}

/** Rows laid out between two checkpoints. */
const ROWS_PER_CHECKPOINT = 500;

/** Writes a table's header and rows from `startRow`; returns its layout. */
async function writeTable(
  grid: SheetGrid,
  sheetName: string,
  table: ReportTable,
  startRow: number,
  warnings: string[],
  signal: AbortSignal | undefined,
  checkpoint: (() => Promise<void>) | undefined,
): Promise<TableLayout> {
  // Header cells hold the column keys of the CSV files, so both read into the same names.
  table.columns.forEach((column, c) => grid.setText(c, startRow, column.key));
  grid.style.headerRows.push(startRow);
  // One location object and one cut callback per table (not per cell): they are read only on error.
  const where = { sheet: sheetName, row: 0, column: '' };
  const onCut = (length: number): void => {
    warnings.push(
      `${where.sheet}, row ${where.row}, column ${where.column}: text of ${length} characters cut to ${MAX_CELL_TEXT} (Excel's cell limit); the CSV package holds it whole`,
    );
  };
  const columns = table.columns;
  for (const [r, row] of table.rows.entries()) {
    if (r % 2000 === 1999) throwIfAborted(signal);
    if (r % ROWS_PER_CHECKPOINT === ROWS_PER_CHECKPOINT - 1) await checkpoint?.();
    const sheetRow = startRow + 1 + r;
    grid.set(0, sheetRow, undefined); // the row counts as used even when every cell is missing
    where.row = r + 1;
    for (let c = 0; c < columns.length; c += 1) {
      const column = columns[c] as Column;
      where.column = column.key;
      grid.set(c, sheetRow, createCell(row[c] ?? null, cellType(column, r), where, onCut));
    }
  }
  return {
    sheetName,
    table,
    headerRow: startRow,
    firstDataRow: startRow + 1,
    lastDataRow: startRow + table.rows.length,
  };
}

/**
 * Lays out a section as a sheet. One table: header in row 1, frozen, autofilter over the table.
 * Several: each under a bold title row with a blank row between; the autofilter (one per sheet
 * in Excel) and the frozen rows cover the first table.
 */
export async function buildSectionSheet(
  section: ReportSection,
  name: string,
  warnings: string[],
  signal?: AbortSignal,
  checkpoint?: () => Promise<void>,
): Promise<BuiltSheet> {
  assertFitsInSheet(section, name);
  const grid = new SheetGrid();
  const stacked = section.tables.length > 1;
  const layouts: TableLayout[] = [];
  for (const table of section.tables) {
    if (layouts.length > 0) grid.skipRow();
    let start = grid.nextRow;
    if (stacked) {
      grid.setText(0, start, table.title);
      grid.style.titleRows.push(start);
      start += 1;
    }
    layouts.push(await writeTable(grid, name, table, start, warnings, signal, checkpoint));
  }
  if (layouts.length === 0) grid.setText(0, 1, 'No tables in this section.');

  const first = layouts[0];
  let autofilter: string | undefined;
  if (first && first.table.columns.length > 0) {
    autofilter = toRangeRef(0, first.headerRow, first.table.columns.length - 1, first.lastDataRow);
    grid.style.frozenRows = first.headerRow;
  }
  for (const layout of layouts) {
    if (layout.table.id === 'monthly_returns' || section.id === 'monthly') {
      const range = findMonthGridRange(layout);
      if (range !== null) grid.style.colorScales.push(range);
    }
  }
  const widths = mergeColumnWidths(layouts.map((l) => fitColumnWidths(l.table.columns, l.table.rows)));
  return {
    name,
    sheet: grid.toWorkSheet(widths, autofilter),
    style: grid.style,
    tables: layouts,
    dataRows: layouts.reduce((sum, l) => sum + l.table.rows.length, 0),
  };
}
