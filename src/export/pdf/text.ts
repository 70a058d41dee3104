/**
 * Text on the page: every string goes through the document's `TextShaper` (missing glyphs
 * replaced, Arabic shaped, right-to-left runs in reading order) and is split into font runs (CJK
 * in Noto Sans SC, the rest in DejaVu). Paragraphs wrap at spaces, never inside a word unless a
 * single token is wider than the line (then at `/`, `-`, `_`, `,` or `.` first).
 */
import type { jsPDF } from 'jspdf';
import { setFontFor, splitFontRuns, type FontSet } from './fonts';
import { contentWidth, ensureSpace, MARGIN, type PdfContext } from './context';
import { shaperOf } from './script';
import { COLORS, lineHeight, SPACE, TYPE, type Rgb } from './style';

export { COLORS, lineHeight } from './style';

/** Options of `drawText`. */
export interface DrawTextOptions {
  align?: 'left' | 'center' | 'right';
  style?: 'normal' | 'bold';
  /** Family for the non-CJK runs (the body font when absent; the mono font for JSON). */
  family?: string;
  /** Degrees counter-clockwise about (x, y), as jsPDF's `angle` (rotated chart labels); the runs follow the turned baseline. */
  angle?: number;
}

/** `text` as the fonts of `doc` can print it (replacements, shaping), still in logical order. */
export function printable(doc: jsPDF, text: string): string {
  return shaperOf(doc)?.clean(text) ?? text;
}

interface WidthFont {
  metadata?: { widthOfString?: (text: string, size: number, charSpace: number) => number };
}

/** Per document and font (`family style`): the font's metrics and the unit widths measured so far. */
const widthCache = new WeakMap<jsPDF, Map<string, { font: WidthFont; widths: Map<string, number> }>>();

/**
 * Width of `text` in units of the font size in `family`/`style`, which must be the current font.
 * Read from the font's metrics directly (jsPDF's `getStringUnitWidth` re-runs its Arabic shaper
 * and a font lookup on every call; the text here is already shaped by `TextShaper`) and cached:
 * tables measure the same dates and names again and again.
 */
export function unitWidth(doc: jsPDF, family: string, style: string, text: string): number {
  let perDoc = widthCache.get(doc);
  if (!perDoc) widthCache.set(doc, (perDoc = new Map()));
  const key = `${family} ${style}`;
  let entry = perDoc.get(key);
  if (!entry) perDoc.set(key, (entry = { font: doc.getFont() as unknown as WidthFont, widths: new Map() }));
  const cached = entry.widths.get(text);
  if (cached !== undefined) return cached;
  const metadata = entry.font.metadata;
  const width = typeof metadata?.widthOfString === 'function' ? metadata.widthOfString(text, 1, 0) : doc.getStringUnitWidth(text);
  if (entry.widths.size > 50_000) entry.widths.clear();
  entry.widths.set(text, width);
  return width;
}

/** Width of `text` at the current font size, each script run measured in its own font. */
export function measureRuns(doc: jsPDF, fonts: FontSet, text: string, style: 'normal' | 'bold' = 'normal', base: string = fonts.body): number {
  const size = doc.getFontSize();
  let width = 0;
  for (const run of splitFontRuns(fonts, printable(doc, text), base)) {
    const runStyle = run.family === fonts.body || run.family === base ? style : 'normal';
    doc.setFont(run.family, runStyle);
    width += unitWidth(doc, run.family, runStyle, run.text) * size;
  }
  return width;
}

/** Prints one line of text at baseline `y`: cleaned, in reading order, switching fonts between scripts. */
export function drawText(doc: jsPDF, fonts: FontSet, text: string, x: number, y: number, options: DrawTextOptions = {}): void {
  const style = options.style ?? 'normal';
  const base = options.family ?? fonts.body;
  const shaper = shaperOf(doc);
  const line = shaper ? shaper.toVisual(shaper.clean(text)) : text;
  const runs = splitFontRuns(fonts, line, base);
  const familyStyle = (family: string): string => (family === fonts.body || (family === base && base !== fonts.cjk) ? style : 'normal');
  const angle = options.angle ?? 0;
  if (runs.length === 1 && angle === 0) {
    const family = runs[0]?.family ?? base;
    doc.setFont(family, familyStyle(family));
    doc.text(line, x, y, options.align ? { align: options.align } : undefined);
    return;
  }
  const size = doc.getFontSize();
  let width = 0;
  for (const run of runs) {
    doc.setFont(run.family, familyStyle(run.family));
    width += unitWidth(doc, run.family, familyStyle(run.family), run.text) * size;
  }
  // Along the (turned) baseline: page y grows downwards, so a positive angle goes up.
  const dx = Math.cos((angle * Math.PI) / 180);
  const dy = -Math.sin((angle * Math.PI) / 180);
  let offset = options.align === 'right' ? -width : options.align === 'center' ? -width / 2 : 0;
  for (const run of runs) {
    doc.setFont(run.family, familyStyle(run.family));
    doc.text(run.text, x + offset * dx, y + offset * dy, angle !== 0 ? { angle } : undefined);
    offset += unitWidth(doc, run.family, familyStyle(run.family), run.text) * size;
  }
}

/** Break opportunities inside a token too long for its line, best first. */
const TOKEN_BREAKS = /[/\-_,.;:]/;

/**
 * Wraps `text` to `width` at the current font size: at spaces, keeping words whole; a token
 * wider than the line breaks after punctuation, and only as a last resort between characters.
 * Explicit newlines are kept.
 */
export function wrapText(doc: jsPDF, fonts: FontSet, text: string, width: number, style: 'normal' | 'bold' = 'normal', base?: string): string[] {
  const clean = printable(doc, text);
  const measure = (s: string): number => measureRuns(doc, fonts, s, style, base);
  const lines: string[] = [];
  for (const paragraph of clean.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      // The word alone: split it only when it cannot fit on a line by itself.
      let rest = word;
      while (measure(rest) > width) {
        const piece = longestFittingPiece(rest, width, measure);
        lines.push(piece);
        rest = rest.slice(piece.length);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** The longest prefix of `token` that fits, ending after punctuation when possible. */
function longestFittingPiece(token: string, width: number, measure: (s: string) => number): string {
  let fit = 1;
  while (fit < token.length && measure(token.slice(0, fit + 1)) <= width) fit += 1;
  for (let i = fit; i > fit / 2; i--) if (TOKEN_BREAKS.test(token.charAt(i - 1))) return token.slice(0, i);
  return token.slice(0, fit);
}

/** A chapter (1), block (2) or minor (3) heading at the cursor, kept with the next `keep` points. */
export function writeHeading(ctx: PdfContext, text: string, level: 1 | 2 | 3, keep = 0): void {
  const size = level === 1 ? TYPE.chapter : level === 2 ? TYPE.heading : TYPE.body;
  const before = level === 1 ? 0 : level === 2 ? SPACE * 1.5 : SPACE;
  ensureSpace(ctx, before + lineHeight(size) + keep);
  ctx.y += before;
  const { doc } = ctx;
  doc.setFontSize(size);
  doc.setTextColor(...(level === 1 ? COLORS.accent : COLORS.text));
  drawText(doc, ctx.fonts, text, MARGIN.left, ctx.y + size * 0.8, { style: 'bold' });
  ctx.y += lineHeight(size) + (level === 1 ? SPACE : SPACE / 2);
  if (level === 1) {
    doc.setDrawColor(...COLORS.accent);
    doc.setLineWidth(0.8);
    doc.line(MARGIN.left, ctx.y - 4, MARGIN.left + contentWidth(ctx), ctx.y - 4);
    ctx.y += SPACE / 2;
  }
}

/** Options of `writeParagraph`. */
export interface ParagraphOptions {
  size?: number;
  color?: Rgb;
  family?: 'body' | 'mono';
  style?: 'normal' | 'bold';
  /** Space after the paragraph (default 0.5 × size). */
  gap?: number;
  /** Left edge and width (default: the page's content box). */
  x?: number;
  width?: number;
}

/** A wrapped paragraph at the cursor, continuing on new pages when long. */
export function writeParagraph(ctx: PdfContext, text: string, options: ParagraphOptions = {}): void {
  const size = options.size ?? TYPE.body;
  const { doc } = ctx;
  const mono = options.family === 'mono' && ctx.fonts.mono !== null;
  const family = mono ? (ctx.fonts.mono ?? ctx.fonts.body) : ctx.fonts.body;
  const style = options.style ?? 'normal';
  doc.setFontSize(size);
  if (mono) doc.setFont(family, 'normal');
  else setFontFor(doc, ctx.fonts, text, style);
  const x = options.x ?? MARGIN.left;
  const width = options.width ?? contentWidth(ctx);
  const lines = wrapText(doc, ctx.fonts, text, width, style, family);
  const step = lineHeight(size);
  for (const line of lines) {
    ensureSpace(ctx, step);
    // A new page resets the colour and size in jsPDF's state for the next text call.
    doc.setTextColor(...(options.color ?? COLORS.text));
    doc.setFontSize(size);
    drawText(doc, ctx.fonts, line, x, ctx.y + size * 0.8, { style, family });
    ctx.y += step;
  }
  ctx.y += options.gap ?? size * 0.5;
}

/** Height a paragraph would take at the cursor's width (for keep-together decisions). */
export function measureParagraph(ctx: PdfContext, text: string, options: ParagraphOptions = {}): number {
  const size = options.size ?? TYPE.body;
  ctx.doc.setFontSize(size);
  const lines = wrapText(ctx.doc, ctx.fonts, text, options.width ?? contentWidth(ctx), options.style ?? 'normal');
  return lines.length * lineHeight(size) + (options.gap ?? size * 0.5);
}
