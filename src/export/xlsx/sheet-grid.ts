/**
 * A sheet being laid out: cells by address, the used range, and what SheetJS CE cannot write
 * (header and title rows, wrapped cells, frozen rows, colour scales, page setup), which
 * `patch.ts` adds afterwards.
 */
import type { CellObject, ColInfo, Range, RowInfo, WorkSheet } from 'xlsx';
import { toColumnLetters, toRangeRef } from './a1';
import { createPrintSetup, type PrintSetup } from './print';
import { measureText, MIN_COLUMN_WIDTH } from './widths';

/** Height of a line of text in the default font (Calibri 11), in points. */
export const LINE_POINTS = 15;
/** Excel's tallest row, in points. */
const MAX_ROW_POINTS = 409;

/** Styling of one sheet applied by `patchWorkbook` after SheetJS has written it. */
export interface SheetStyle {
  /** One-based rows whose cells get the header style (bold, filled). */
  headerRows: number[];
  /** One-based rows whose cells get the title style (bold). */
  titleRows: number[];
  /** Rows kept in view when scrolling (0: none). */
  frozenRows: number;
  /** A1 ranges coloured red (lowest) through white (zero) to green (highest). */
  colorScales: string[];
  /** Cells (A1) whose text wraps within its column, top-aligned (long prose and JSON). */
  wrapCells: string[];
  /** How the sheet prints. */
  print: PrintSetup;
}

/**
 * A grid of cells with its used range; rows one-based, columns zero-based. Cells are kept as
 * rows of arrays, SheetJS's dense sheet form, which it writes as is: an object keyed by A1
 * addresses cost a third of the writer's own time on a large report.
 */
export class SheetGrid {
  private readonly rows: (CellObject | undefined)[][] = [];
  private readonly letters: string[] = [];
  private lastRow = 0;
  private lastColumn = -1;
  /** Fixed heights (points) by one-based row. */
  private readonly rowHeights = new Map<number, number>();
  /** Merged ranges (SheetJS form: zero-based rows and columns). */
  private readonly merges: Range[] = [];
  /** Wrapped texts, for their rows' heights. */
  private readonly wrapped: { column: number; row: number; text: string; lastColumn: number }[] = [];
  readonly style: SheetStyle = { headerRows: [], titleRows: [], frozenRows: 0, colorScales: [], wrapCells: [], print: createPrintSetup() };

  /** The row after the last one used (1 for an empty grid). */
  get nextRow(): number {
    return this.lastRow + 1;
  }

  private letter(column: number): string {
    let l = this.letters[column];
    if (l === undefined) {
      l = toColumnLetters(column);
      this.letters[column] = l;
    }
    return l;
  }

  /** Places a cell; `undefined` leaves the cell empty (the row still counts as used). */
  set(column: number, row: number, cell: CellObject | undefined): void {
    if (row > this.lastRow) this.lastRow = row;
    if (cell === undefined) return;
    if (column > this.lastColumn) this.lastColumn = column;
    let cells = this.rows[row - 1];
    if (cells === undefined) {
      cells = [];
      this.rows[row - 1] = cells;
    }
    cells[column] = cell;
  }

  /** Places a text cell (type `s`: never a formula). */
  setText(column: number, row: number, text: string): void {
    this.set(column, row, text === '' ? undefined : { t: 's', v: text });
  }

  /**
   * Places a text cell that wraps within its column, or within the merged columns up to
   * `lastColumn` (prose, long JSON). Its row gets a height for its lines when the sheet is made,
   * since neither Excel nor LibreOffice fits row heights when it opens a file.
   */
  setWrappedText(column: number, row: number, text: string, lastColumn = column): void {
    if (text === '') return;
    this.setText(column, row, text);
    this.style.wrapCells.push(`${this.letter(column)}${row}`);
    this.wrapped.push({ column, row, text, lastColumn });
  }

  /** Marks a row as used without writing to it (a blank separator row). */
  skipRow(): number {
    this.lastRow += 1;
    return this.lastRow;
  }

  /** Marks a row as used and fixes its height (rows under a chart). */
  reserveRow(row: number, heightPoints: number): void {
    this.set(0, row, undefined);
    this.rowHeights.set(row, heightPoints);
  }

  /** Gives each row of wrapped text the height of its longest cell's lines at the final column widths. */
  private fitWrappedRows(widths: number[]): void {
    for (const { column, row, text, lastColumn } of this.wrapped) {
      let area = 0;
      for (let c = column; c <= lastColumn; c += 1) area += widths[c] ?? MIN_COLUMN_WIDTH;
      // Characters per line: the area less the cell's padding; each line break starts a line too.
      const perLine = Math.max(1, area - 2);
      const lines = text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(measureText(part) / perLine)), 0);
      if (lines <= 1) continue;
      const height = Math.min(MAX_ROW_POINTS, lines * LINE_POINTS);
      this.rowHeights.set(row, Math.max(this.rowHeights.get(row) ?? 0, height));
      // The row's other cells (its label) align to the top too, beside the first line.
      for (let c = 0; c <= this.lastColumn; c += 1) {
        const ref = `${this.letter(c)}${row}`;
        if (c !== column && this.rows[row - 1]?.[c] && !this.style.wrapCells.includes(ref)) this.style.wrapCells.push(ref);
      }
    }
  }

  /** Fixes a row's height (a row of wrapped text in merged cells, which applications do not fit themselves). */
  setRowHeight(row: number, heightPoints: number): void {
    this.rowHeights.set(row, heightPoints);
  }

  /** Merges the cells of `row` from `firstColumn` to `lastColumn` (the first cell's content shows). */
  merge(row: number, firstColumn: number, lastColumn: number): void {
    if (lastColumn > firstColumn) this.merges.push({ s: { r: row - 1, c: firstColumn }, e: { r: row - 1, c: lastColumn } });
  }

  /** The SheetJS worksheet, with column widths and an optional autofilter range. */
  toWorkSheet(widths: number[], autofilter?: string): WorkSheet {
    // A dense sheet: an array of rows carrying the `!ref`, `!cols`… keys as properties.
    const sheet = this.rows as unknown as WorkSheet;
    sheet['!ref'] = toRangeRef(0, 1, Math.max(0, this.lastColumn), Math.max(1, this.lastRow));
    const cols: ColInfo[] = widths.map((wch) => ({ wch }));
    if (cols.length > 0) sheet['!cols'] = cols;
    if (this.merges.length > 0) sheet['!merges'] = this.merges;
    this.fitWrappedRows(widths);
    if (this.rowHeights.size > 0) {
      const rows: RowInfo[] = [];
      for (const [row, hpt] of this.rowHeights) rows[row - 1] = { hpt };
      sheet['!rows'] = rows;
    }
    if (autofilter !== undefined) sheet['!autofilter'] = { ref: autofilter };
    return sheet;
  }
}
