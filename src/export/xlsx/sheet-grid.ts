/**
 * A sheet being laid out: cells by address, the used range, and what SheetJS CE cannot write
 * (header and title rows, wrapped cells, frozen rows, colour scales, page setup), which
 * `patch.ts` adds afterwards.
 */
import type { CellObject, ColInfo, Range, RowInfo, WorkSheet } from 'xlsx';
import { toColumnLetters, toRangeRef } from './a1';
import { createPrintSetup, type PrintSetup } from './print';

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

/** A grid of cells with its used range; rows one-based, columns zero-based. */
export class SheetGrid {
  private readonly cells: Record<string, CellObject> = {};
  private readonly letters: string[] = [];
  private lastRow = 0;
  private lastColumn = -1;
  /** Fixed heights (points) by one-based row. */
  private readonly rowHeights = new Map<number, number>();
  /** Merged ranges (SheetJS form: zero-based rows and columns). */
  private readonly merges: Range[] = [];
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
    this.cells[`${this.letter(column)}${row}`] = cell;
  }

  /** Places a text cell (type `s`: never a formula). */
  setText(column: number, row: number, text: string): void {
    this.set(column, row, text === '' ? undefined : { t: 's', v: text });
  }

  /** Places a text cell that wraps within its column (prose, long JSON). */
  setWrappedText(column: number, row: number, text: string): void {
    if (text === '') return;
    this.setText(column, row, text);
    this.style.wrapCells.push(`${this.letter(column)}${row}`);
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
    const sheet: WorkSheet = this.cells;
    sheet['!ref'] = toRangeRef(0, 1, Math.max(0, this.lastColumn), Math.max(1, this.lastRow));
    const cols: ColInfo[] = widths.map((wch) => ({ wch }));
    if (cols.length > 0) sheet['!cols'] = cols;
    if (this.merges.length > 0) sheet['!merges'] = this.merges;
    if (this.rowHeights.size > 0) {
      const rows: RowInfo[] = [];
      for (const [row, hpt] of this.rowHeights) rows[row - 1] = { hpt };
      sheet['!rows'] = rows;
    }
    if (autofilter !== undefined) sheet['!autofilter'] = { ref: autofilter };
    return sheet;
  }
}
