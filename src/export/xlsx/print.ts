/**
 * How every sheet prints: one page wide (never a column cut onto a second sheet of paper),
 * landscape when the columns would not fit a portrait page at full size, the header row repeated
 * on every page, grid lines on data sheets, and the report title, sheet name, generation time and
 * "Page n of m" in the running header and footer. `patch.ts` writes the XML; this module decides.
 */
import { toColumnLetters } from './a1';
import { escapeXml } from './xml';

/** Print settings of one sheet. */
export interface PrintSetup {
  landscape: boolean;
  /** One-based first and last rows repeated at the top of every page (a table's header), if any. */
  titleRows: [number, number] | null;
  /** Cell grid lines on paper (data sheets). */
  gridLines: boolean;
  /** One-based rows that start a new page (Overview: its charts start on their own page). */
  pageBreaksBefore: number[];
  /**
   * What prints, as zero-based columns and one-based rows (a data sheet's tables), so text
   * overflowing past the last column (long JSON) does not widen the page; `null`: the used range.
   */
  area: { lastColumn: number; lastRow: number } | null;
}

/** What the running header and footer show. */
export interface PageLabels {
  title: string;
  /** Shown as given (an ISO instant). */
  generatedAt: string;
  app: string;
}

/** A sheet that prints portrait, without repeated rows: the default before a writer decides. */
export function createPrintSetup(): PrintSetup {
  return { landscape: false, titleRows: null, gridLines: false, pageBreaksBefore: [], area: null };
}

/**
 * Printable width of a portrait page at full size in screen pixels (96 per inch): A4 (8.27 in)
 * and Letter (8.5 in) less 0.5 in margins each side, the narrower of the two.
 */
export const PORTRAIT_WIDTH_PX = 698;

/** Pixels of a column `width` characters wide in Excel's default font (7 px per digit, 5 px padding). */
export function columnWidthPx(width: number): number {
  return Math.round(width * 7 + 5);
}

/** Total width in pixels of columns of the given widths (characters) plus `extraPx`. */
export function sheetWidthPx(widths: number[], extraPx = 0): number {
  return widths.reduce((sum, w) => sum + columnWidthPx(w), 0) + extraPx;
}

/**
 * Orientation for a sheet of that width: landscape when portrait would have to shrink it, since
 * every sheet is fitted to one page wide.
 */
export function isWide(widthPx: number): boolean {
  return widthPx > PORTRAIT_WIDTH_PX;
}

/** Page margins (inches): narrow sides, room for the running header and footer. */
const MARGINS = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;

/** Excel's limit on each header or footer text (characters, codes included). */
const MAX_HEADER_FOOTER = 255;

/** Text as a header/footer literal: `&` doubled (it starts codes), control characters dropped, cut to `max`. */
function headerText(text: string, max: number): string {
  const clean = text.replace(/[\u0000-\u001f]/g, ' ');
  const cut = clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  return cut.replace(/&/g, '&&');
}

/**
 * The header and footer codes: title left and sheet name (`&A`) right on top; the application and
 * generation time left and `Page &P of &N` right at the bottom.
 */
export function headerFooterCodes(labels: PageLabels): { header: string; footer: string } {
  const header = `&L${headerText(labels.title, 120)}&R&A`;
  const footer = `&L${headerText(`${labels.app}, generated ${labels.generatedAt}`, 120)}&RPage &P of &N`;
  return { header: header.slice(0, MAX_HEADER_FOOTER), footer: footer.slice(0, MAX_HEADER_FOOTER) };
}

/** The worksheet elements of a print setup, by element name (inserted in schema order by `patch.ts`). */
export function printElements(setup: PrintSetup, labels: PageLabels): { name: string; xml: string }[] {
  const { header, footer } = headerFooterCodes(labels);
  const elements: { name: string; xml: string }[] = [];
  if (setup.gridLines) elements.push({ name: 'printOptions', xml: '<printOptions gridLines="1"/>' });
  const m = MARGINS;
  elements.push(
    { name: 'pageMargins', xml: `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` },
    // fitToHeight 0: as many pages tall as the rows need, exactly one wide.
    { name: 'pageSetup', xml: `<pageSetup orientation="${setup.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` },
    { name: 'headerFooter', xml: `<headerFooter><oddHeader>${escapeXml(header)}</oddHeader><oddFooter>${escapeXml(footer)}</oddFooter></headerFooter>` },
  );
  const breaks = [...new Set(setup.pageBreaksBefore)].filter((row) => row > 1).sort((a, b) => a - b);
  if (breaks.length > 0) {
    // A break's id is the one-based last row of the page before it.
    const brks = breaks.map((row) => `<brk id="${row - 1}" max="16383" man="1"/>`).join('');
    elements.push({ name: 'rowBreaks', xml: `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${brks}</rowBreaks>` });
  }
  return elements;
}

function quoted(sheetName: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!`;
}

/** The `_xlnm.Print_Titles` value of a sheet (`'Daily'!$1:$1`), or `null` when it repeats no rows. */
export function printTitlesRef(sheetName: string, setup: PrintSetup): string | null {
  if (!setup.titleRows) return null;
  const [first, last] = setup.titleRows;
  return `${quoted(sheetName)}$${first}:$${last}`;
}

/** The `_xlnm.Print_Area` value of a sheet (`'Daily'!$A$1:$I$1828`), or `null` when it prints its used range. */
export function printAreaRef(sheetName: string, setup: PrintSetup): string | null {
  if (!setup.area) return null;
  const last = toColumnLetters(Math.max(0, setup.area.lastColumn));
  return `${quoted(sheetName)}$A$1:$${last}$${Math.max(1, setup.area.lastRow)}`;
}
