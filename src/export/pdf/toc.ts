/**
 * The table of contents: page numbers are known only after layout, so the pages are reserved
 * first and filled at the end; each entry is a link to its page, and the document outline
 * (bookmarks) holds the same entries.
 */
import { MARGIN, type PdfContext, type TocEntry } from './context';
import { COLORS, drawText, lineHeight, measureRuns } from './text';

const ENTRY_SIZE = 11;
const ENTRY_STEP = 22;

/** Entries that fit on one contents page below a heading. */
export function entriesPerTocPage(pageHeight: number): number {
  return Math.max(1, Math.floor((pageHeight - MARGIN.top - MARGIN.bottom - 50) / ENTRY_STEP));
}

/** Writes `entries` on page `pageNumber` from `startY`, each linked to its page; returns the y below. */
export function drawTocEntries(ctx: PdfContext, pageNumber: number, startY: number, entries: TocEntry[]): number {
  const { doc } = ctx;
  doc.setPage(pageNumber);
  const width = doc.internal.pageSize.getWidth() - MARGIN.left - MARGIN.right;
  let y = startY;
  doc.setFontSize(ENTRY_SIZE);
  for (const entry of entries) {
    const number = String(entry.pageNumber);
    doc.setTextColor(...COLORS.accent);
    drawText(doc, ctx.fonts, entry.title, MARGIN.left, y);
    const titleWidth = measureRuns(doc, ctx.fonts, entry.title);
    doc.setFont(ctx.fonts.body, 'normal');
    doc.setTextColor(...COLORS.text);
    doc.text(number, MARGIN.left + width, y, { align: 'right' });
    const numberWidth = doc.getTextWidth(number);
    doc.setDrawColor(...COLORS.rule);
    doc.setLineDashPattern([1, 2], 0);
    doc.line(MARGIN.left + titleWidth + 6, y - 2, MARGIN.left + width - numberWidth - 6, y - 2);
    doc.setLineDashPattern([], 0);
    doc.link(MARGIN.left, y - ENTRY_SIZE, width, lineHeight(ENTRY_SIZE), { pageNumber: entry.pageNumber });
    y += ENTRY_STEP;
  }
  return y;
}

/** Adds every entry to the document outline (bookmarks), in contents order. */
export function addOutline(ctx: PdfContext, entries: TocEntry[]): void {
  for (const entry of entries) ctx.doc.outline.add(null, entry.title, { pageNumber: entry.pageNumber });
}

/** Fills the reserved contents pages (`firstPage` onwards) with a heading and the entries. */
export function fillTocPages(ctx: PdfContext, firstPage: number, pageCount: number, entries: TocEntry[]): void {
  const { doc } = ctx;
  const perPage = entriesPerTocPage(doc.internal.pageSize.getHeight());
  for (let p = 0; p < pageCount; p++) {
    doc.setPage(firstPage + p);
    let y = MARGIN.top;
    doc.setFontSize(17);
    doc.setFont(ctx.fonts.body, 'bold');
    doc.setTextColor(...COLORS.accent);
    doc.text(p === 0 ? 'Contents' : 'Contents (continued)', MARGIN.left, y + 14);
    y += 44;
    drawTocEntries(ctx, firstPage + p, y, entries.slice(p * perPage, (p + 1) * perPage));
  }
}
