/**
 * One sheet per report section: its tables with a header row each (stacked under title rows when
 * there are several), a label column beside the first column of tables whose rows have labels
 * (metric names), real cell types, fitted widths, an autofilter, frozen header, page setup and,
 * for the monthly returns grid, a colour scale.
 */
import type { WorkSheet } from 'xlsx';
import type { CellValue, Column, ReportSection, ReportTable } from '../../report/model.types';
import { cellType } from '../../report/model.types';
import { BackfolioError } from '../../errors';
import { plural } from '../../plural';
import { toRangeRef } from './a1';
import { createCell, MAX_CELL_TEXT } from './cells';
import { isWide, sheetWidthPx } from './print';
import { SheetGrid, type SheetStyle } from './sheet-grid';
import { fitColumnWidths, measureText, mergeColumnWidths, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './widths';

/** Where a table landed in its sheet (one-based rows), so formulas can point at it. */
export interface TableLayout {
  sheetName: string;
  table: ReportTable;
  headerRow: number;
  firstDataRow: number;
  /** Equals `headerRow` when the table has no rows. */
  lastDataRow: number;
  /** Zero-based sheet column of each of `table.columns` (a label column may sit after the first). */
  sheetColumnOf: number[];
  /** Columns the table spans on the sheet. */
  width: number;
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
  const columns = Math.max(0, ...section.tables.map((t) => t.columns.length + (hasRowLabels(t) ? 1 : 0)));
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
  return toRangeRef(layout.sheetColumnOf[first] ?? first, layout.firstDataRow, layout.sheetColumnOf[last] ?? last, layout.lastDataRow);
}

/** What writing a section sheet needs besides the section. */
export interface SectionSheetContext {
  /** The writer's own warnings (cut text, dates written as text), shown on Metadata. */
  warnings: string[];
  /** Yields and stops on abort between blocks of rows. */
  checkpoint: () => Promise<void>;
  /** Header cells hold column labels (host tables) instead of keys (backtest reports, like the CSV files). */
  headerLabels: boolean;
}

/** Rows written between two checkpoints. */
const ROWS_PER_CHECKPOINT = 500;

/** Key of the label column written beside the first column of a table with row labels. */
export const LABEL_COLUMN_KEY = 'label';

/** The label column's key, unique among the table's keys (`label`, else `label_2`, …). */
function labelColumnKey(table: ReportTable): string {
  const keys = new Set(table.columns.map((c) => c.key.toLowerCase()));
  let key = LABEL_COLUMN_KEY;
  for (let n = 2; keys.has(key); n += 1) key = `${LABEL_COLUMN_KEY}_${n}`;
  return key;
}

/** The text of a table's header row, column by column as written (label column included). */
export function headerTexts(table: ReportTable, headerLabels: boolean): string[] {
  const texts = table.columns.map((column) => (headerLabels ? column.label || column.key : column.key));
  if (hasRowLabels(table)) texts.splice(1, 0, headerLabels ? 'Label' : labelColumnKey(table));
  return texts;
}

/** Whether a table gets a label column (its rows have labels for people, e.g. metric names). */
export function hasRowLabels(table: ReportTable): boolean {
  return table.rowLabels !== undefined && table.rowLabels.length > 0 && table.columns.length > 0;
}

/** Zero-based sheet column of each table column (a label column shifts the columns after the first). */
function sheetColumns(table: ReportTable): number[] {
  const shift = hasRowLabels(table) ? 1 : 0;
  return table.columns.map((_, c) => (c === 0 ? 0 : c + shift));
}

const LABEL_TYPE = { kind: 'text' } as const;

/** Writes a table's header and rows from `startRow`; returns its layout. */
async function writeTable(
  grid: SheetGrid,
  sheetName: string,
  table: ReportTable,
  startRow: number,
  context: SectionSheetContext,
): Promise<TableLayout> {
  headerTexts(table, context.headerLabels).forEach((text, c) => grid.setText(c, startRow, text));
  grid.style.headerRows.push(startRow);
  // One location object and one cut callback per table (not per cell): they are read only on error.
  const where = { sheet: sheetName, row: 0, column: '' };
  const onCut = (length: number): void => {
    context.warnings.push(
      `${where.sheet}, row ${where.row}, column ${where.column}: text of ${length} characters cut to ${MAX_CELL_TEXT} (Excel's cell limit); the CSV package holds it whole`,
    );
  };
  const columns = table.columns;
  const targets = sheetColumns(table);
  const labels = hasRowLabels(table) ? table.rowLabels : undefined;
  let textDates = 0;
  for (let r = 0; r < table.rows.length; r += 1) {
    if (r % ROWS_PER_CHECKPOINT === ROWS_PER_CHECKPOINT - 1) await context.checkpoint();
    const row = table.rows[r] as CellValue[];
    const sheetRow = startRow + 1 + r;
    grid.set(0, sheetRow, undefined); // the row counts as used even when every cell is missing
    where.row = r + 1;
    for (let c = 0; c < columns.length; c += 1) {
      const column = columns[c] as Column;
      where.column = column.key;
      const type = cellType(column, r);
      const cell = createCell(row[c] ?? null, type, where, onCut);
      if (cell?.t === 's' && type.kind === 'date') textDates += 1;
      grid.set(targets[c] ?? c, sheetRow, cell);
    }
    const label = labels?.[r];
    if (label !== undefined) grid.set(1, sheetRow, createCell(label, LABEL_TYPE, where, onCut));
  }
  if (textDates > 0) {
    context.warnings.push(
      `${sheetName}, table ${table.title}: ${plural(textDates, 'date')} before 1900-03-01 written as ISO text (yyyy-mm-dd), since Excel's calendar starts in 1900 and counts a 1900-02-29 that never was`,
    );
  }
  return {
    sheetName,
    table,
    headerRow: startRow,
    firstDataRow: startRow + 1,
    lastDataRow: startRow + table.rows.length,
    sheetColumnOf: targets,
    width: targets.length + (labels ? 1 : 0),
  };
}

/**
 * Lays out a section as a sheet. One table: header in row 1, frozen, autofilter over the table.
 * Several: each under a bold title row with a blank row between; the autofilter (one per sheet
 * in Excel) and the frozen rows cover the first table. Prints one page wide with the first
 * table's header repeated.
 */
export async function buildSectionSheet(section: ReportSection, name: string, context: SectionSheetContext): Promise<BuiltSheet> {
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
    layouts.push(await writeTable(grid, name, table, start, context));
    await context.checkpoint();
  }
  if (layouts.length === 0) grid.setText(0, 1, 'No tables in this section.');

  const first = layouts[0];
  let autofilter: string | undefined;
  if (first && first.width > 0) {
    autofilter = toRangeRef(0, first.headerRow, first.width - 1, first.lastDataRow);
    grid.style.frozenRows = first.headerRow;
    grid.style.print.titleRows = [1, first.headerRow];
  }
  for (const layout of layouts) {
    if (layout.table.id === 'monthly_returns' || section.id === 'monthly') {
      const range = findMonthGridRange(layout);
      if (range !== null) grid.style.colorScales.push(range);
    }
  }
  const widths = mergeColumnWidths(layouts.map((l) => fitTableWidths(l, context.headerLabels)));
  grid.style.print.landscape = isWide(sheetWidthPx(widths));
  grid.style.print.gridLines = true;
  const lastColumn = Math.max(0, ...layouts.map((l) => l.width - 1));
  grid.style.print.area = { lastColumn, lastRow: Math.max(1, grid.nextRow - 1) };
  return {
    name,
    sheet: grid.toWorkSheet(widths, autofilter),
    style: grid.style,
    tables: layouts,
    dataRows: layouts.reduce((sum, l) => sum + l.table.rows.length, 0),
  };
}

/** Column widths of a table as laid out: the label column fitted to its labels. */
function fitTableWidths(layout: TableLayout, headerLabels: boolean): number[] {
  const { table } = layout;
  const headers = headerTexts(table, headerLabels);
  const widths = fitColumnWidths(table.columns, table.rows, headers.filter((_, i) => i !== 1 || !hasRowLabels(table)));
  if (!hasRowLabels(table)) return widths;
  const labelWidth = Math.max(measureText(headers[1] ?? ''), ...(table.rowLabels ?? []).map(measureText)) + 2;
  widths.splice(1, 0, Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, labelWidth)));
  return widths;
}
