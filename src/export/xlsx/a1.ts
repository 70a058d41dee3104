/**
 * A1 references: column letters, cell and range addresses, and sheet names quoted for formulas.
 * Written here (not taken from SheetJS) so sheets can be laid out before `xlsx` is loaded.
 */

/** `0 → A`, `25 → Z`, `26 → AA` (zero-based column index). */
export function toColumnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** `(0, 1) → A1`: zero-based column, one-based row (as people and formulas count rows). */
export function toCellRef(column: number, row: number): string {
  return `${toColumnLetters(column)}${row}`;
}

/** `A1:C10` from zero-based columns and one-based rows. */
export function toRangeRef(firstColumn: number, firstRow: number, lastColumn: number, lastRow: number): string {
  return `${toCellRef(firstColumn, firstRow)}:${toCellRef(lastColumn, lastRow)}`;
}

/** A sheet name as a formula prefix, always quoted so spaces and punctuation are safe: `'Monthly Returns'!`. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'!`;
}
