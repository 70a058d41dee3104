/**
 * The state one PDF write carries between layout stages: the jsPDF document, the loaded fonts,
 * the text shaper, the report's tables by id, the charts captured by the page, the table of
 * contents being collected and the vertical cursor of the current page.
 */
import type { GState, jsPDF } from 'jspdf';
import type { autoTable } from 'jspdf-autotable';
import type { PdfTemplate, Report, ReportTable } from '../../report/model.types';
import type { PreparedChart } from '../writer.types';
import type { FontSet } from './fonts';
import type { TextShaper } from './script';
import { MARGIN } from './style';

export { MARGIN } from './style';

/** One entry of the table of contents and of the outline. */
export interface TocEntry {
  title: string;
  /** 1-based physical page number (the cover is page 1), as printed in the footers. */
  pageNumber: number;
}

/** Page orientation of a chapter. */
export type Orientation = 'portrait' | 'landscape';

/** Everything the layout stages share during one write. */
export interface PdfContext {
  doc: jsPDF;
  autoTable: typeof autoTable;
  /** jsPDF's graphics-state class (opacity of filled areas, stroke opacity of halos). */
  makeGState: (options: { opacity?: number; 'stroke-opacity'?: number }) => GState;
  fonts: FontSet;
  /** Glyph coverage, replacements and right-to-left ordering of every printed string. */
  shaper: TextShaper;
  report: Report;
  template: PdfTemplate;
  tablesById: Map<string, ReportTable>;
  charts: Map<string, PreparedChart>;
  toc: TocEntry[];
  /** Vertical cursor on the current page, in points from the top. */
  y: number;
  orientation: Orientation;
  /** Data rows printed in tables (for `WriterOutput.rows`). */
  rowsWritten: number;
  /** Things a reader should know about this file (e.g. a chart left out, a table shortened). */
  notes: string[];
  /** The notes that are problems the caller should also hear of (`WriterOutput.warnings`): a chart left out or redrawn. */
  warnings: string[];
  /** Yields to the event loop and throws on cancel (the writer context's checkpoint, or a no-op). */
  checkpoint: () => Promise<void>;
}

/**
 * Records a problem with this file (a chart left out, a capture redrawn): printed among the
 * file's notes and returned to the caller in `WriterOutput.warnings`.
 */
export function noteProblem(ctx: PdfContext, text: string): void {
  ctx.notes.push(text);
  ctx.warnings.push(text);
}

/** Width of the current page in points. */
export function pageWidth(ctx: PdfContext): number {
  return ctx.doc.internal.pageSize.getWidth();
}

/** Height of the current page in points. */
export function pageHeight(ctx: PdfContext): number {
  return ctx.doc.internal.pageSize.getHeight();
}

/** Usable width between the side margins. */
export function contentWidth(ctx: PdfContext): number {
  return pageWidth(ctx) - MARGIN.left - MARGIN.right;
}

/** Lowest y that content may reach on the current page. */
export function contentBottom(ctx: PdfContext): number {
  return pageHeight(ctx) - MARGIN.bottom;
}

/** Space left below the cursor on the current page. */
export function spaceLeft(ctx: PdfContext): number {
  return contentBottom(ctx) - ctx.y;
}

/** Starts a new page in the given orientation and puts the cursor at the top margin. */
export function addPage(ctx: PdfContext, orientation: Orientation = ctx.orientation): void {
  ctx.doc.addPage('a4', orientation);
  ctx.orientation = orientation;
  ctx.y = MARGIN.top;
}

/** Makes sure `height` points fit below the cursor, else continues on a new page (keep-together). */
export function ensureSpace(ctx: PdfContext, height: number): void {
  if (ctx.y + height > contentBottom(ctx) && ctx.y > MARGIN.top + 0.5) addPage(ctx);
}
