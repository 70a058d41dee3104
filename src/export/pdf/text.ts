/** Headings, paragraphs and small text blocks, with the font chosen per string (CJK or not). */
import type { jsPDF } from 'jspdf';
import { setFontFor, splitFontRuns, type FontSet } from './fonts';
import { contentWidth, ensureSpace, MARGIN, type PdfContext } from './context';

/** Colours used across the report (RGB). */
export const COLORS = {
  text: [33, 37, 41] as [number, number, number],
  muted: [108, 117, 125] as [number, number, number],
  accent: [31, 78, 121] as [number, number, number],
  negative: [200, 30, 30] as [number, number, number],
  rule: [200, 205, 210] as [number, number, number],
};

/** Options of `drawText`. */
export interface DrawTextOptions {
  align?: 'left' | 'center' | 'right';
  style?: 'normal' | 'bold';
  /** Family for the non-CJK runs (the body font when absent; the mono font for JSON). */
  family?: string;
}

/** Width of `text` at the current font size, each script run measured in its own font. */
export function measureRuns(doc: jsPDF, fonts: FontSet, text: string, style: 'normal' | 'bold' = 'normal', base: string = fonts.body): number {
  const size = doc.getFontSize();
  let width = 0;
  for (const run of splitFontRuns(fonts, text, base)) {
    doc.setFont(run.family, run.family === fonts.body ? style : 'normal');
    width += doc.getStringUnitWidth(run.text) * size;
  }
  return width;
}

/** Prints one line of text at baseline `y`, switching fonts between scripts (see `splitFontRuns`). */
export function drawText(doc: jsPDF, fonts: FontSet, text: string, x: number, y: number, options: DrawTextOptions = {}): void {
  const style = options.style ?? 'normal';
  const base = options.family ?? fonts.body;
  const runs = splitFontRuns(fonts, text, base);
  if (runs.length === 1) {
    const family = runs[0]?.family ?? fonts.body;
    doc.setFont(family, family === fonts.body ? style : 'normal');
    doc.text(text, x, y, options.align ? { align: options.align } : undefined);
    return;
  }
  const width = measureRuns(doc, fonts, text, style, base);
  let cursor = options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
  const size = doc.getFontSize();
  for (const run of runs) {
    doc.setFont(run.family, run.family === fonts.body ? style : 'normal');
    doc.text(run.text, cursor, y);
    cursor += doc.getStringUnitWidth(run.text) * size;
  }
}

/** Line height for a font size (points). */
export function lineHeight(fontSize: number): number {
  return fontSize * 1.3;
}

/** A chapter or table heading at the cursor. */
export function writeHeading(ctx: PdfContext, text: string, level: 1 | 2 | 3): void {
  const size = level === 1 ? 17 : level === 2 ? 12 : 10;
  const before = level === 1 ? 0 : 8;
  ensureSpace(ctx, before + lineHeight(size) * 2);
  ctx.y += before;
  const { doc } = ctx;
  doc.setFontSize(size);
  doc.setTextColor(...(level === 1 ? COLORS.accent : COLORS.text));
  drawText(doc, ctx.fonts, text, MARGIN.left, ctx.y + size * 0.8, { style: 'bold' });
  ctx.y += lineHeight(size) + (level === 1 ? 6 : 2);
  if (level === 1) {
    doc.setDrawColor(...COLORS.accent);
    doc.setLineWidth(0.8);
    doc.line(MARGIN.left, ctx.y - 4, MARGIN.left + contentWidth(ctx), ctx.y - 4);
    ctx.y += 4;
  }
}

/** A wrapped paragraph at the cursor, continuing on new pages when long. */
export function writeParagraph(
  ctx: PdfContext,
  text: string,
  options: { size?: number; color?: [number, number, number]; family?: 'body' | 'mono'; gap?: number } = {},
): void {
  const size = options.size ?? 9;
  const { doc } = ctx;
  doc.setFontSize(size);
  doc.setTextColor(...(options.color ?? COLORS.text));
  const mono = options.family === 'mono' && ctx.fonts.mono !== null;
  if (mono) doc.setFont(ctx.fonts.mono ?? ctx.fonts.body, 'normal');
  else setFontFor(doc, ctx.fonts, text);
  const lines = doc.splitTextToSize(text, contentWidth(ctx)) as string[];
  const step = lineHeight(size);
  for (const line of lines) {
    ensureSpace(ctx, step);
    // A page break resets nothing in jsPDF's font state, but a new page needs the colour again.
    doc.setTextColor(...(options.color ?? COLORS.text));
    doc.setFontSize(size);
    drawText(doc, ctx.fonts, line, MARGIN.left, ctx.y + size * 0.8, mono ? { family: ctx.fonts.mono ?? ctx.fonts.body } : {});
    ctx.y += step;
  }
  ctx.y += options.gap ?? size * 0.4;
}
