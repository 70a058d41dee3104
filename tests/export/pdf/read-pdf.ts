/**
 * Reading a PDF back for tests: pdfjs-dist (legacy build for Node) for structure (text lines per
 * page, links, outline, images, page sizes), and poppler's `pdftotext` for the text as a reader
 * copies it (right-to-left runs in logical order), one string per page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { requireCommand } from '../../support/tools';

/** The text of every page as `pdftotext` extracts it (poppler-utils); fails when the tool is missing. */
export function pdftotextPages(bytes: Uint8Array, layout = false): string[] {
  const tool = requireCommand(['pdftotext'], 'poppler-utils');
  const dir = mkdtempSync(join(tmpdir(), 'backfolio-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const out = execFileSync(tool, [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const pages = out.split('\f');
    // pdftotext ends the last page with a form feed too.
    if (pages[pages.length - 1]?.trim() === '') pages.pop();
    return pages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  /** Text lines top to bottom (items on one baseline joined by a space). */
  lines: string[];
  /** All the page's text with whitespace collapsed. */
  text: string;
  /** Link annotations: target page (1-based) and rectangle [x1, y1, x2, y2]. */
  links: { targetPage: number; rect: number[] }[];
  /** Images drawn: width and height on the page in points. */
  images: { width: number; height: number }[];
  /** Fill colours set before text, as given by pdfjs (hex strings). */
  fillColors: string[];
}

export interface PdfReadBack {
  pageCount: number;
  pages: PdfPage[];
  outline: { title: string; page: number }[];
  info: Record<string, unknown>;
}

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
}

interface DestHolder {
  dest?: unknown;
}

/** Parses the PDF and collects what the tests assert on. */
export async function readPdf(bytes: Uint8Array): Promise<PdfReadBack> {
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const resolveDest = async (dest: unknown): Promise<number> => {
    const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
    if (!Array.isArray(explicit)) return -1;
    const ref = explicit[0] as { num: number; gen: number };
    return (await pdf.getPageIndex(ref)) + 1;
  };
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , width = 0, height = 0] = page.view;
    const content = await page.getTextContent();
    const byY = new Map<number, { x: number; width: number; str: string }[]>();
    for (const item of content.items as TextItemLike[]) {
      if (!item.str || !item.transform) continue;
      const y = Math.round(item.transform[5] ?? 0);
      const x = item.transform[4] ?? 0;
      const row = byY.get(y) ?? [];
      row.push({ x, width: item.width ?? 0, str: item.str });
      byY.set(y, row);
    }
    const lines = [...byY.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, items]) =>
        items
          .sort((a, b) => a.x - b.x)
          // Items that touch (font runs of one string) join without a space; separate cells get one.
          .map((item, i, all) => {
            const prev = all[i - 1];
            const touching = prev !== undefined && item.x - (prev.x + prev.width) < 0.5;
            return (i === 0 || touching ? '' : ' ') + item.str;
          })
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter((l) => l.length > 0);
    const annotations = (await page.getAnnotations()) as (DestHolder & { subtype?: string; rect?: number[] })[];
    const links: PdfPage['links'] = [];
    for (const a of annotations) {
      if (a.subtype === 'Link' && a.dest !== undefined) links.push({ targetPage: await resolveDest(a.dest), rect: a.rect ?? [] });
    }
    const ops = await page.getOperatorList();
    const images: PdfPage['images'] = [];
    const fillColors: string[] = [];
    const stack: number[][] = [];
    let ctm = [1, 0, 0, 1, 0, 0];
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
      else if (fn === OPS.transform) ctm = multiply(ctm, args as number[]);
      else if (fn === OPS.paintImageXObject) images.push({ width: Math.abs(ctm[0] ?? 0), height: Math.abs(ctm[3] ?? 0) });
      else if (fn === OPS.setFillRGBColor) fillColors.push(String(Array.isArray(args) ? args[0] : args));
    });
    pages.push({ number: n, width, height, lines, text: lines.join(' '), links, images, fillColors });
  }
  const outlineRaw = ((await pdf.getOutline()) ?? []) as (DestHolder & { title: string })[];
  const outline: PdfReadBack['outline'] = [];
  for (const item of outlineRaw) outline.push({ title: item.title, page: await resolveDest(item.dest) });
  const meta = await pdf.getMetadata();
  const info = (meta.info ?? {}) as Record<string, unknown>;
  await pdf.destroy();
  return { pageCount: pages.length, pages, outline, info };
}

function multiply(m: number[], n: number[]): number[] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = n;
  return [a2 * a + b2 * c, a2 * b + b2 * d, c2 * a + d2 * c, c2 * b + d2 * d, e2 * a + f2 * c + e, e2 * b + f2 * d + f];
}

/** A minimal RGB PNG of `width × height` (solid colour), built with zlib for image tests. */
export async function makePng(width: number, height: number): Promise<Uint8Array> {
  const { deflateSync } = await import('node:zlib');
  const row = Buffer.alloc(1 + width * 3, 0x80);
  row[0] = 0;
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(png);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
