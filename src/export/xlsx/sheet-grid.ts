/**
 * A sheet being laid out: cells by address, the used range, and the styling SheetJS CE cannot
 * write (header and title rows, frozen rows, colour scales), which `patch.ts` adds afterwards.
 */
import type { CellObject, ColInfo, WorkSheet } from 'xlsx';
import { toColumnLetters, toRangeRef } from './a1';

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
}

/** A grid of cells with its used range; rows one-based, columns zero-based. */
export class SheetGrid {
  private readonly cells: Record<string, CellObject> = {};
  private readonly letters: string[] = [];
  private lastRow = 0;
  private lastColumn = -1;
  readonly style: SheetStyle = { headerRows: [], titleRows: [], frozenRows: 0, colorScales: [] };

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

  /** Marks a row as used without writing to it (a blank separator row). */
  skipRow(): number {
    this.lastRow += 1;
    return this.lastRow;
  }

  /** The SheetJS worksheet, with column widths and an optional autofilter range. */
  toWorkSheet(widths: number[], autofilter?: string): WorkSheet {
    const sheet: WorkSheet = this.cells;
    sheet['!ref'] = toRangeRef(0, 1, Math.max(0, this.lastColumn), Math.max(1, this.lastRow));
    const cols: ColInfo[] = widths.map((wch) => ({ wch }));
    if (cols.length > 0) sheet['!cols'] = cols;
    if (autofilter !== undefined) sheet['!autofilter'] = { ref: autofilter };
    return sheet;
  }
}
