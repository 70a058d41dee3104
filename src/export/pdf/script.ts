/**
 * Making any string printable with the embedded fonts: characters the fonts have no glyph for
 * (emoji, rare scripts) become a visible replacement and are reported once each; Hebrew and
 * Arabic are shaped and put in reading order (visual order, since a PDF draws glyphs left to
 * right). jsPDF's own Arabic and bidi hooks are switched off for the document, because they
 * reorder some strings and not others (a purely Hebrew name was printed backwards).
 */
import type { jsPDF } from 'jspdf';
import type { Bidi } from 'bidi-js';
import { containsCjk, type FontSet } from './fonts';

/** What a character the fonts cannot draw is printed as (U+FFFD, in DejaVu Sans). */
export const REPLACEMENT = '\uFFFD';

/** Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms: right-to-left scripts. */
const RTL_PATTERN = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]|\uD83B[\uDC00-\uDFFF]/;

/** Arabic letters (the ones that change shape with their neighbours). */
const ARABIC_PATTERN = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/;

/** Characters that print nothing (joiners, variation selectors, direction marks): dropped when the font lacks them. */
const INVISIBLE_PATTERN = /^[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8]$|^\uDB40[\uDC00-\uDFFF]$/;

/** Only ASCII printable characters and common whitespace: the fast path (every font has these). */
const PLAIN_PATTERN = /^[\x20-\x7E\n\t]*$/;

/** First-strong isolate and pop directional isolate (Unicode bidi): keep a name's direction to itself. */
const ISOLATE_OPEN = '\u2068';
const ISOLATE_CLOSE = '\u2069';
const ISOLATES = /[\u2066-\u2069]/g;

/**
 * `name` wrapped in a bidi isolate when it has right-to-left characters, so that in a composed
 * line (`קרן 60/40: 13.73%`, a list of names) its run does not swallow the numbers and
 * punctuation around it. The isolate marks print nothing (`toVisual` removes them).
 */
export function isolate(name: string): string {
  return containsRtl(name) ? `${ISOLATE_OPEN}${name}${ISOLATE_CLOSE}` : name;
}

/** Whether `text` has right-to-left characters. */
export function containsRtl(text: string): boolean {
  return RTL_PATTERN.test(text);
}

/** A character the fonts could not draw, with where it was first seen. */
export interface MissingGlyph {
  /** `U+1F680` (several code points for an emoji sequence). */
  codePoints: string;
  /** The character (grapheme) itself, as given: `🚀`. */
  text: string;
  /** The first string it appeared in, as printed (with the replacement). */
  sample: string;
  /** How many times it was replaced. */
  count: number;
}

/**
 * The text pipeline of one document: which code points the embedded fonts cover, the bidi engine
 * (loaded only when the report has right-to-left text) and the glyphs replaced so far.
 */
export class TextShaper {
  private readonly body: Set<number>;
  private readonly cjk: Set<number> | null;
  private readonly missing = new Map<string, MissingGlyph>();
  private readonly cache = new Map<string, string>();
  private readonly segmenter: Intl.Segmenter | null;

  constructor(
    private readonly doc: jsPDF,
    fonts: FontSet,
    private readonly bidi: Bidi | null,
  ) {
    this.body = fontCodePoints(doc, fonts.body);
    this.cjk = fonts.cjk === null ? null : fontCodePoints(doc, fonts.cjk);
    this.segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;
  }

  /** Whether the fonts of this document can draw the code point. */
  canDraw(codePoint: number): boolean {
    const char = String.fromCodePoint(codePoint);
    if (containsCjk(char)) return this.cjk?.has(codePoint) ?? false;
    return this.body.has(codePoint);
  }

  /**
   * `text` with every character the fonts cannot draw replaced by U+FFFD (one per grapheme, so
   * an emoji sequence becomes one mark), invisible format characters dropped, and Arabic
   * shaped. Still in logical order: measure and wrap this, then call `toVisual` per line.
   */
  clean(text: string): string {
    if (PLAIN_PATTERN.test(text)) return text;
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;
    let out = '';
    const replaced: string[] = [];
    for (const grapheme of this.graphemes(text)) {
      let drawable = '';
      let ok = true;
      for (const char of grapheme) {
        const cp = char.codePointAt(0) ?? 0;
        if (this.canDraw(cp) || char === '\n' || char === '\t' || (cp >= 0x2066 && cp <= 0x2069)) drawable += char;
        else if (!INVISIBLE_PATTERN.test(char)) ok = false;
      }
      if (ok) out += drawable;
      else {
        out += REPLACEMENT;
        replaced.push(grapheme);
      }
    }
    if (ARABIC_PATTERN.test(out)) out = this.shapeArabic(out);
    for (const grapheme of replaced) this.record(grapheme, out);
    this.cache.set(text, out);
    return out;
  }

  /**
   * One line of cleaned text in visual (left-to-right drawing) order; unchanged without
   * right-to-left characters. The base direction is left to right, as the document's: a Hebrew
   * name reads right to left inside it, and a list of names or a `name: value` line keeps its
   * order.
   */
  toVisual(line: string): string {
    if (this.bidi === null || !containsRtl(line)) return line.replace(ISOLATES, '');
    const levels = this.bidi.getEmbeddingLevels(line, 'ltr');
    return this.bidi.getReorderedString(line, levels).replace(ISOLATES, '');
  }

  /** The characters replaced so far, in the order first seen. */
  missingGlyphs(): MissingGlyph[] {
    return [...this.missing.values()];
  }

  private graphemes(text: string): Iterable<string> {
    if (this.segmenter === null) return Array.from(text);
    return Array.from(this.segmenter.segment(text), (s) => s.segment);
  }

  private record(grapheme: string, sample: string): void {
    const chars = Array.from(grapheme);
    const visible = chars.filter((c) => !INVISIBLE_PATTERN.test(c));
    const codePoints = (visible.length > 0 ? visible : chars).map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
    const seen = this.missing.get(codePoints);
    if (seen) seen.count += 1;
    else this.missing.set(codePoints, { codePoints, text: grapheme, sample, count: 1 });
  }

  private shapeArabic(text: string): string {
    const shape = (this.doc as unknown as { processArabic?: (s: string) => string }).processArabic;
    return typeof shape === 'function' ? shape.call(this.doc, text) : text;
  }
}

/** Code points per font family: the same font file is registered in every document. */
const codePointCache = new Map<string, Set<number>>();

/** The code points a registered font has glyphs for (from the cmap jsPDF parsed). */
function fontCodePoints(doc: jsPDF, family: string): Set<number> {
  const cached = codePointCache.get(family);
  if (cached) return cached;
  const font = (doc as unknown as { internal: { getFont(name: string, style: string): unknown } }).internal.getFont(family, 'normal') as {
    metadata?: { cmap?: { unicode?: { codeMap?: Record<string, number> } } };
  };
  const map = font.metadata?.cmap?.unicode?.codeMap ?? {};
  const points = new Set<number>();
  for (const key of Object.keys(map)) if ((map[key] ?? 0) > 0) points.add(Number(key));
  if (points.size > 0) codePointCache.set(family, points);
  return points;
}

/**
 * Removes jsPDF's own Arabic shaping (preProcessText) and bidi reordering (postProcessText)
 * from `doc`, so text drawn through `TextShaper` is shaped and ordered exactly once.
 */
export function disableBuiltInBidi(doc: jsPDF, api: { processArabic?: unknown }): void {
  const events = (doc as unknown as { internal: { events: { getTopics(): Record<string, Record<string, [unknown, boolean]>> } } }).internal.events;
  const topics = events.getTopics();
  for (const [topic, handlers] of Object.entries(topics)) {
    if (topic !== 'preProcessText' && topic !== 'postProcessText') continue;
    for (const [token, [handler]] of Object.entries(handlers)) {
      const isArabic = topic === 'preProcessText' && handler === api.processArabic;
      const isBidi = topic === 'postProcessText' && typeof handler === 'function' && handler.toString().includes('doBidiReorder');
      if (isArabic || isBidi) delete handlers[token];
    }
  }
}

/** Loads the bidi engine (bidi-js, ~12 kB) only for reports with right-to-left text. */
export async function loadBidi(needed: boolean): Promise<Bidi | null> {
  if (!needed) return null;
  const { default: bidiFactory } = await import('bidi-js');
  return bidiFactory();
}

/**
 * The same for the caller, who can show the characters themselves (a toast, a terminal):
 * `The PDF's fonts cannot draw 🚀 (U+1F680), printed as � in “Moon � fund”.`
 */
export function describeMissingGlyphsForCaller(missing: MissingGlyph[]): string {
  const listed = missing
    .slice(0, 4)
    .map((m) => `${m.text} (${m.codePoints}), printed as ${REPLACEMENT} in “${m.sample}”`)
    .join('; ');
  return `The PDF's fonts cannot draw ${listed}${missing.length > 4 ? `; and ${missing.length - 4} more characters` : ''}.`;
}

/** The sentence naming the characters the fonts could not draw and what they are printed as. */
export function describeMissingGlyphs(missing: MissingGlyph[]): string {
  const listed = missing
    .slice(0, 4)
    .map((m) => `${m.codePoints} in “${m.sample}”`)
    .join('; ');
  const what = missing.length === 1 ? 'one character' : `${missing.length} characters`;
  return `The embedded fonts cannot draw ${what} (${listed}${missing.length > 4 ? '; …' : ''}); each is printed as ${REPLACEMENT}.`;
}

const shapers = new WeakMap<jsPDF, TextShaper>();

/** Attaches the shaper to its document, so every `drawText` on that document uses it. */
export function attachShaper(doc: jsPDF, shaper: TextShaper): void {
  shapers.set(doc, shaper);
}

/** The shaper of `doc`, if one was attached. */
export function shaperOf(doc: jsPDF): TextShaper | undefined {
  return shapers.get(doc);
}
