/**
 * The table of contents: page numbers are known only after layout, so the space is reserved
 * first (on the cover when the entries fit there, else on pages after it) and filled at the end;
 * each entry is a link to its page, and the document outline (bookmarks) holds the same entries.
 */
import { MARGIN, type PdfContext, type TocEntry } from './context';
import { COLORS, lineHeight, TYPE } from './style';
import { drawText, measureRuns } from './text';

const ENTRY_SIZE = TYPE.body + 1.5;
const ENTRY_STEP = 19;
const HEADING_HEIGHT = 40;

/** Entries that fit between `top` and the foot of a page of height `pageHeight`, below the "Contents" heading. */
export function entriesThatFit(pageHeight: number, top: number): number {
  return Math.max(0, Math.floor((pageHeight - MARGIN.bottom - top - HEADING_HEIGHT) / ENTRY_STEP));
}

/** Writes the heading and `entries` on page `pageNumber` from `top`, each linked to its page. */
export function drawContents(ctx: PdfContext, pageNumber: number, top: number, entries: TocEntry[], continued: boolean): void {
  const { doc } = ctx;
  doc.setPage(pageNumber);
  doc.setFontSize(TYPE.chapter);
  doc.setTextColor(...COLORS.accent);
  drawText(doc, ctx.fonts, continued ? 'Contents (continued)' : 'Contents', MARGIN.left, top + TYPE.chapter);
  const width = doc.internal.pageSize.getWidth() - MARGIN.left - MARGIN.right;
  let y = top + HEADING_HEIGHT;
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
}

/** Where the contents go: `coverTop` on the cover for the first `onCover` entries, then `extraPages` pages after it. */
export interface ContentsPlan {
  coverTop: number;
  onCover: number;
  extraPages: number;
}

/** Plans the contents for `count` entries below `coverBottom` on the cover of height `pageHeight`. */
export function planContents(count: number, pageHeight: number, coverBottom: number): ContentsPlan {
  const coverTop = coverBottom + 10;
  const onCover = entriesThatFit(pageHeight, coverTop);
  if (count <= onCover) return { coverTop, onCover: count, extraPages: 0 };
  // Too many for the cover: all of them on pages of their own, so the list reads in one place.
  const perPage = Math.max(1, entriesThatFit(pageHeight, MARGIN.top));
  return { coverTop, onCover: 0, extraPages: Math.ceil(count / perPage) };
}

/** Fills the planned contents once every entry's page is known. */
export function fillContents(ctx: PdfContext, plan: ContentsPlan, entries: TocEntry[]): void {
  if (plan.onCover > 0) {
    drawContents(ctx, 1, plan.coverTop, entries, false);
    return;
  }
  const perPage = Math.max(1, entriesThatFit(ctx.doc.internal.pageSize.getHeight(), MARGIN.top));
  for (let p = 0; p < plan.extraPages; p++) drawContents(ctx, 2 + p, MARGIN.top, entries.slice(p * perPage, (p + 1) * perPage), p > 0);
}

/** Adds every entry to the document outline (bookmarks), in contents order. */
export function addOutline(ctx: PdfContext, entries: TocEntry[]): void {
  for (const entry of entries) ctx.doc.outline.add(null, entry.title, { pageNumber: entry.pageNumber });
}
