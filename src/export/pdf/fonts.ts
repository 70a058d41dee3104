/**
 * Fonts for the PDF report, and where they come from. DejaVu Sans (Latin, Greek, Cyrillic) is
 * always embedded; Noto Sans SC Regular (~10 MB) only when the report has CJK text. jsPDF subsets
 * the embedded fonts to the glyphs used, so the file stays small either way. A host picks the
 * source (`FontSource`): bytes it already has, a base URL it serves the files from, or (default)
 * the copies shipped with the package, found through `new URL('…', import.meta.url)` (assets.ts),
 * which bundlers emit as assets and Node reads from disk.
 */
import type { jsPDF } from 'jspdf';
import { BackfolioError } from '../../errors';
import { findNodeBuiltin } from '../../node-builtins';
import { FONT_FILE_NAMES, fontFileUrl } from '../assets';
import type { FontFile, FontSource } from '../writer.types';
import { slimTrueType } from './font-slim';

export type { FontFile, FontSource } from '../writer.types';
export { FONT_FILE_NAMES } from '../assets';

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

// Where the fonts are in this repository's node_modules: a Node bundle of the command line that
// leaves the package's assets behind still finds them there.
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

const byteCache = new Map<string, Promise<Uint8Array>>();
const base64Cache = new Map<string, Promise<string>>();

/** Whether this is Node (command line, tests) rather than a page or a worker; checked at call time. */
export function isNodeRuntime(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  const hasDocument = typeof (globalThis as { document?: unknown }).document !== 'undefined';
  return typeof proc?.versions?.node === 'string' && !hasDocument;
}

/** The URL a font is read from: under the host's base URL, else the package's copy. */
export function fontUrl(name: FontFile, source: FontSource = {}): URL {
  if (source.baseUrl === undefined) return fontFileUrl(name);
  const base = String(source.baseUrl);
  const folder = base.endsWith('/') ? base : `${base}/`;
  const origin = (globalThis as { location?: { href?: string } }).location?.href;
  return origin === undefined ? new URL(FONT_FILE_NAMES[name], folder) : new URL(FONT_FILE_NAMES[name], new URL(folder, origin));
}

/** The bytes of a font file (cached per URL for the life of the module). */
export function loadFontBytes(name: FontFile, source: FontSource = {}): Promise<Uint8Array> {
  const given = source.files?.[name];
  if (given !== undefined) return Promise.resolve(given);
  const url = fontUrl(name, source);
  let pending = byteCache.get(url.href);
  if (!pending) {
    pending = readFont(name, url, source.baseUrl === undefined).catch((cause: unknown) => {
      byteCache.delete(url.href);
      throw new BackfolioError('EXPORT_FAILED', `PDF font ${name}: could not be loaded from ${url.href} (${String(cause)})`, { cause });
    });
    byteCache.set(url.href, pending);
  }
  return pending;
}

async function readFont(name: FontFile, url: URL, bundled: boolean): Promise<Uint8Array> {
  if (url.protocol !== 'file:') {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  // Node's built-ins through process.getBuiltinModule (Node ≥ 20.16), not import(): a browser
  // bundler of the package then has no `node:` import to resolve.
  const { readFile } = nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
  const { fileURLToPath } = nodeBuiltin<typeof import('node:url')>('node:url');
  try {
    return new Uint8Array(await readFile(fileURLToPath(url)));
  } catch (error) {
    if (!bundled) throw error;
    const { createRequire } = nodeBuiltin<typeof import('node:module')>('node:module');
    return new Uint8Array(await readFile(createRequire(import.meta.url).resolve(NODE_MODULE_PATHS[name])));
  }
}

/** A Node built-in module; throws outside Node (a `file:` font URL in a browser cannot be read). */
function nodeBuiltin<T>(id: string): T {
  const loaded = findNodeBuiltin<T>(id);
  if (loaded === undefined) throw new Error(`${id} is not available here (a file: URL can only be read in Node)`);
  return loaded as T;
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

function loadFontBase64(name: FontFile, source: FontSource): Promise<string> {
  // Bytes a host passes are encoded each time (they may differ between calls); fetched files once.
  if (source.files?.[name] !== undefined) return loadFontBytes(name, source).then((bytes) => encodeBase64(slimTrueType(bytes)));
  const key = fontUrl(name, source).href;
  let pending = base64Cache.get(key);
  if (!pending) {
    // Slimmed first: jsPDF copies some tables whole into every PDF (see font-slim.ts).
    pending = loadFontBytes(name, source).then((bytes) => encodeBase64(slimTrueType(bytes)));
    pending.catch(() => base64Cache.delete(key));
    base64Cache.set(key, pending);
  }
  return pending;
}

/** Loads and registers the fonts a report needs; the body family gets normal and bold styles. */
export async function registerFonts(doc: jsPDF, needs: { cjk: boolean; mono: boolean }, source: FontSource = {}): Promise<FontSet> {
  const files: { file: FontFile; family: string; style: string }[] = [
    { file: 'DejaVuSans', family: FONT_BODY, style: 'normal' },
    { file: 'DejaVuSans-Bold', family: FONT_BODY, style: 'bold' },
  ];
  if (needs.mono) files.push({ file: 'DejaVuSansMono', family: FONT_MONO, style: 'normal' });
  if (needs.cjk) files.push({ file: 'NotoSansSC', family: FONT_CJK, style: 'normal' });
  const encoded = await Promise.all(files.map((f) => loadFontBase64(f.file, source)));
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
