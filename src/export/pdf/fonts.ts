/**
 * Fonts for the PDF report: one loader with two backends (Node reads the font packages from
 * node_modules; a page or worker fetches the asset URLs Vite emits for `?url` imports), so the
 * command line, the tests and the browser embed the same TrueType files. DejaVu Sans (Latin,
 * Greek, Cyrillic) is always embedded; Noto Sans SC (~10 MB) only when the report has CJK text.
 * jsPDF subsets the embedded fonts to the glyphs used, so the file stays small either way.
 */
import type { jsPDF } from 'jspdf';
import { BackfolioError } from '../../errors';
import { slimTrueType } from './font-slim';

/** The font files the report can embed. */
export type FontFile = 'DejaVuSans' | 'DejaVuSans-Bold' | 'DejaVuSansMono' | 'NotoSansSC';

/** Font family of body text, headings and tables (DejaVu Sans, normal and bold). */
export const FONT_BODY = 'DejaVuSans';
/** Font family of JSON blocks (DejaVu Sans Mono), registered for the compliance template. */
export const FONT_MONO = 'DejaVuSansMono';
/** Font family of CJK runs (Noto Sans SC), registered only when the report has CJK text. */
export const FONT_CJK = 'NotoSansSC';

/** Which optional fonts a document registered (body regular and bold are always there). */
export interface FontSet {
  body: string;
  mono: string | null;
  cjk: string | null;
}

const NODE_MODULE_PATHS: Record<FontFile, string> = {
  DejaVuSans: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  'DejaVuSans-Bold': 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  DejaVuSansMono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
  NotoSansSC: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
};

// Han, kana, Hangul, CJK punctuation and full-width forms: what DejaVu Sans has no glyphs for.
const CJK_PATTERN = /[\u2E80-\u2FFF\u3000-\u30FF\u3100-\u31FF\u3200-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF]/;

/** Whether `text` holds characters that need the CJK font. */
export function containsCjk(text: string): boolean {
  return CJK_PATTERN.test(text);
}

const byteCache = new Map<FontFile, Promise<Uint8Array>>();
const base64Cache = new Map<FontFile, Promise<string>>();

/** Whether this is Node (command line, tests) rather than a page or a worker; checked at call time. */
export function isNodeRuntime(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  const hasDocument = typeof (globalThis as { document?: unknown }).document !== 'undefined';
  return typeof proc?.versions?.node === 'string' && !hasDocument;
}

/** The bytes of a bundled font file (cached for the life of the module). */
export function loadFontBytes(name: FontFile): Promise<Uint8Array> {
  let pending = byteCache.get(name);
  if (!pending) {
    pending = (isNodeRuntime() ? readFontInNode(name) : fetchFontInBrowser(name)).catch((cause: unknown) => {
      byteCache.delete(name);
      throw new BackfolioError('EXPORT_FAILED', `PDF font ${name}: could not be loaded (${String(cause)})`, { cause });
    });
    byteCache.set(name, pending);
  }
  return pending;
}

async function readFontInNode(name: FontFile): Promise<Uint8Array> {
  // Specifiers held in variables so Vite leaves Node built-ins out of the browser bundle.
  const moduleSpecifier = 'node:module';
  const fsSpecifier = 'node:fs/promises';
  const { createRequire } = (await import(/* @vite-ignore */ moduleSpecifier)) as typeof import('node:module');
  const { readFile } = (await import(/* @vite-ignore */ fsSpecifier)) as typeof import('node:fs/promises');
  const require = createRequire(import.meta.url);
  return new Uint8Array(await readFile(require.resolve(NODE_MODULE_PATHS[name])));
}

async function fetchFontInBrowser(name: FontFile): Promise<Uint8Array> {
  const url = await resolveFontUrl(name);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Literal specifiers, one per file, so Vite emits each font as its own lazily fetched asset.
async function resolveFontUrl(name: FontFile): Promise<string> {
  switch (name) {
    case 'DejaVuSans':
      return (await import('dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url')).default;
    case 'DejaVuSans-Bold':
      return (await import('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url')).default;
    case 'DejaVuSansMono':
      return (await import('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf?url')).default;
    case 'NotoSansSC':
      return (await import('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url')).default;
  }
}

/** Base64 of bytes without Node's Buffer, so the same code runs in a worker. */
export function encodeBase64(bytes: Uint8Array): string {
  const chunk = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += chunk) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + chunk)));
  }
  return btoa(parts.join(''));
}

function loadFontBase64(name: FontFile): Promise<string> {
  let pending = base64Cache.get(name);
  if (!pending) {
    // Slimmed first: jsPDF copies some tables whole into every PDF (see font-slim.ts).
    pending = loadFontBytes(name).then((bytes) => encodeBase64(slimTrueType(bytes)));
    pending.catch(() => base64Cache.delete(name));
    base64Cache.set(name, pending);
  }
  return pending;
}

/** Loads and registers the fonts a report needs; the body family gets normal and bold styles. */
export async function registerFonts(doc: jsPDF, needs: { cjk: boolean; mono: boolean }): Promise<FontSet> {
  const files: { file: FontFile; family: string; style: string }[] = [
    { file: 'DejaVuSans', family: FONT_BODY, style: 'normal' },
    { file: 'DejaVuSans-Bold', family: FONT_BODY, style: 'bold' },
  ];
  if (needs.mono) files.push({ file: 'DejaVuSansMono', family: FONT_MONO, style: 'normal' });
  if (needs.cjk) files.push({ file: 'NotoSansSC', family: FONT_CJK, style: 'normal' });
  const encoded = await Promise.all(files.map((f) => loadFontBase64(f.file)));
  files.forEach((f, i) => {
    const vfsName = `${f.file}.ttf`;
    doc.addFileToVFS(vfsName, encoded[i] ?? '');
    doc.addFont(vfsName, f.family, f.style, 'Identity-H');
  });
  return { body: FONT_BODY, mono: needs.mono ? FONT_MONO : null, cjk: needs.cjk ? FONT_CJK : null };
}

/** The family that can print `text`: the CJK font when it has CJK characters and one is loaded. */
export function fontFamilyFor(fonts: FontSet, text: string): string {
  return fonts.cjk !== null && containsCjk(text) ? fonts.cjk : fonts.body;
}

/** A stretch of text printed in one font family. */
export interface TextRun {
  text: string;
  family: string;
}

/**
 * Splits `text` into runs by script: CJK characters in the CJK font, everything else in DejaVu,
 * so a name mixing Greek accents and Han characters prints every glyph (Noto Sans SC lacks some
 * accented Greek, DejaVu lacks Han).
 */
export function splitFontRuns(fonts: FontSet, text: string, base: string = fonts.body): TextRun[] {
  if (fonts.cjk === null || !containsCjk(text)) return [{ text, family: base }];
  const runs: TextRun[] = [];
  for (const char of text) {
    // Spaces stay with the run they are in, so runs stay few.
    const family = containsCjk(char) ? fonts.cjk : char.trim() === '' ? (runs[runs.length - 1]?.family ?? base) : base;
    const last = runs[runs.length - 1];
    if (last && last.family === family) last.text += char;
    else runs.push({ text: char, family });
  }
  return runs;
}

/** Sets the font for `text` (bold falls back to normal in the CJK font, which has one weight). */
export function setFontFor(doc: jsPDF, fonts: FontSet, text: string, style: 'normal' | 'bold' = 'normal'): void {
  const family = fontFamilyFor(fonts, text);
  doc.setFont(family, family === fonts.body ? style : 'normal');
}
