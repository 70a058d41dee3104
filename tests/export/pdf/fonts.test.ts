/** Where the PDF writer's fonts come from: the package's copies, a host's base URL, or bytes. */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FONT_FILE_NAMES, fontFileUrl } from '../../../src/export/assets';
import { fontUrl, loadFontBytes } from '../../../src/export/pdf/fonts';
import { pdfWriter } from '../../../src/export/pdf/index';
import { reportFromTables } from '../../../src/report/host';
import { isAbortError } from '../../../src/errors';

const DEJAVU_DIR = new URL('../../../node_modules/dejavu-fonts-ttf/ttf/', import.meta.url);

describe('PDF fonts', () => {
  it('finds every bundled font through its new URL(…, import.meta.url), named as documented', async () => {
    for (const [font, name] of Object.entries(FONT_FILE_NAMES)) {
      const url = fontFileUrl(font as keyof typeof FONT_FILE_NAMES);
      expect(url.pathname.endsWith(`/${name}`), font).toBe(true);
      expect((await loadFontBytes(font as keyof typeof FONT_FILE_NAMES)).length, font).toBeGreaterThan(100_000);
    }
  });

  it('reads from a host base URL (with or without the trailing slash) and takes bytes as given', async () => {
    const folder = DEJAVU_DIR.href;
    expect(fontUrl('DejaVuSans', { baseUrl: folder.slice(0, -1) }).href).toBe(`${folder}DejaVuSans.ttf`);
    const fromBase = await loadFontBytes('DejaVuSans-Bold', { baseUrl: folder });
    expect(fromBase).toEqual(new Uint8Array(readFileSync(new URL('DejaVuSans-Bold.ttf', DEJAVU_DIR))));
    const bytes = new Uint8Array([1, 2, 3]);
    expect(await loadFontBytes('NotoSansSC', { files: { NotoSansSC: bytes }, baseUrl: folder })).toBe(bytes);
  });

  it('names the font and the URL when a base URL does not hold it', async () => {
    const missing = pathToFileURL('/nonexistent/fonts/').href;
    await expect(loadFontBytes('DejaVuSansMono', { baseUrl: missing })).rejects.toThrow(/PDF font DejaVuSansMono: could not be loaded from file:\/\/\/nonexistent\/fonts\/DejaVuSansMono\.ttf/);
  });

  it('writes a PDF with fonts from a base URL the host serves', async () => {
    const report = reportFromTables({ title: 'Fonts from the host', tables: [{ title: 'T', columns: [{ key: 'a', type: 'text' }], rows: [['Ελλάδα']] }] });
    const { bytes } = await pdfWriter.write(report, { fonts: { baseUrl: DEJAVU_DIR.href } });
    expect(new TextDecoder('latin1').decode(bytes.slice(0, 5))).toBe('%PDF-');
    const failed = await pdfWriter.write(report, { fonts: { baseUrl: pathToFileURL('/nonexistent/').href } }).catch((e: unknown) => e);
    expect(isAbortError(failed)).toBe(false);
    expect(String(failed)).toMatch(/PDF font DejaVuSans/);
  });
});
