/** Reading exported files back in Node: zip entries, workbook sheets, PDF pages and text. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

// pdfjs reads the standard 14 fonts' metrics from here when a PDF uses them (e.g. Helvetica).
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** Zip entry name → bytes. */
export function readZip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** A zip entry as UTF-8 text without a byte-order mark. */
export function zipText(entries: Record<string, Uint8Array>, name: string): string {
  const entry = entries[name];
  if (!entry) throw new Error(`zip has no ${name}; it has ${Object.keys(entries).join(', ')}`);
  return strFromU8(entry).replace(/^\uFEFF/, '');
}

/** Sheet names and each sheet's rows as arrays. */
export async function readWorkbook(bytes: Uint8Array): Promise<{ sheets: string[]; rows: (name: string) => unknown[][] }> {
  const XLSX = await import('xlsx');
  const book = XLSX.read(bytes, { type: 'array', cellDates: false });
  return {
    sheets: book.SheetNames,
    rows: (name) => {
      const sheet = book.Sheets[name];
      if (!sheet) throw new Error(`workbook has no sheet ${name}`);
      return XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
    },
  };
}

/** Page count, the text of every page and the number of raster images drawn (pdfjs-dist legacy build). */
export async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string[]; images: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, disableFontFace: true, standardFontDataUrl: STANDARD_FONTS }).promise;
  const text: string[] = [];
  let images = 0;
  for (let i = 1; i <= doc.numPages; i += 1) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    const ops = await page.getOperatorList();
    images += ops.fnArray.filter((fn) => fn === pdfjs.OPS.paintImageXObject).length;
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text, images };
}
