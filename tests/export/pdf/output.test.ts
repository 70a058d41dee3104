/**
 * The PDF's bytes made in slices (src/export/pdf/output.ts): the very bytes jsPDF's own
 * `output('arraybuffer')` gives for the same document, with a checkpoint between streams, the
 * filter hook restored whatever happens, and a cancel seen while the pages are deflated.
 */
import { GState, jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../../src/errors';
import { registerFonts } from '../../../src/export/pdf/fonts';
import { writePdf } from '../../../src/export/pdf/index';
import { outputInSlices, type JsPdfFilterApi, type SlicedOutputStats } from '../../../src/export/pdf/output';
import { makeFixtureReport } from './fixture-report';
import { readPdf } from './read-pdf';

const API = (jsPDF as unknown as { API: JsPdfFilterApi }).API;

/** A 1×1 red PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

/** A document with what the writer uses: embedded TrueType fonts, tables over pages, an image, opacity, links, an outline. */
async function richDocument(): Promise<jsPDF> {
  const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true });
  // The same file id in every copy, so two copies give the same bytes.
  doc.setFileId('00112233445566778899AABBCCDDEEFF');
  const fonts = await registerFonts(doc, { cjk: false, mono: true }, {});
  doc.setFont(fonts.body, 'normal');
  doc.text('Zürich Ελλάδα Биткоин', 40, 60);
  doc.addImage(PNG, 'PNG', 40, 80, 20, 20, 'dot', 'FAST');
  doc.setGState(new GState({ opacity: 0.4 }));
  doc.rect(40, 110, 100, 20, 'F');
  doc.link(40, 140, 100, 20, { pageNumber: 1 });
  autoTable(doc, {
    startY: 170,
    head: [['Day', 'Region', 'Revenue']],
    body: Array.from({ length: 300 }, (_, i) => [`2024-01-${(i % 28) + 1}`, i % 2 === 0 ? 'Nord' : 'Île-de-France', (i * 1.37).toFixed(2)]),
    styles: { font: fonts.body },
  });
  doc.outline.add(null, 'First page', { pageNumber: 1 });
  doc.setCreationDate(new Date(Date.UTC(2025, 8, 6, 8, 38, 40)));
  return doc;
}

describe('the PDF output in slices', () => {
  it('gives the bytes of jsPDF’s own output, deflating a stream at a time between checkpoints', async () => {
    // jsPDF's output changes the document (its image writer drops FlateEncode from the filter
    // list): each way writes its own copy, as the writer does (one output per document).
    const doc = await richDocument();
    const pages = doc.getNumberOfPages();
    expect(pages).toBeGreaterThan(5);
    const plain = new Uint8Array((await richDocument()).output('arraybuffer'));
    const original = API.processDataByFilters;
    let checkpoints = 0;
    const stats: SlicedOutputStats = { pages: 0, inline: 0 };
    const sliced = await outputInSlices(doc, API, async () => void (checkpoints += 1), stats);
    expect(Buffer.from(sliced).equals(Buffer.from(plain))).toBe(true);
    // Every page's content was deflated before the call, a checkpoint after each; only the
    // fonts' streams (two faces: subset and character map each) were left for inside it.
    expect(stats.pages).toBe(pages);
    expect(checkpoints).toBe(pages);
    expect(stats.inline).toBeGreaterThan(0);
    expect(stats.inline).toBeLessThanOrEqual(6);
    expect(API.processDataByFilters).toBe(original);
    expect((await readPdf(sliced)).pageCount).toBe(pages);
  });

  it('stops at a cancel between streams and leaves jsPDF as it was', async () => {
    const doc = await richDocument();
    const original = API.processDataByFilters;
    let calls = 0;
    const cancelled = await outputInSlices(doc, API, async () => {
      calls += 1;
      if (calls === 3) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
    }).catch((e: unknown) => e);
    expect(cancelled).toMatchObject({ code: 'ABORTED' });
    expect(API.processDataByFilters).toBe(original);
    // Nothing was written yet: the document can still be written, by jsPDF alone.
    expect((await readPdf(new Uint8Array(doc.output('arraybuffer')))).pageCount).toBe(doc.getNumberOfPages());
  });

  it('is one plain output where jsPDF has no filter hook', async () => {
    const plain = new Uint8Array((await richDocument()).output('arraybuffer'));
    const sliced = await outputInSlices(await richDocument(), {}, async () => undefined);
    expect(Buffer.from(sliced).equals(Buffer.from(plain))).toBe(true);
  });

  it('lets the writer see a cancel while the pages are deflated', async () => {
    const report = makeFixtureReport({ template: 'detailed', trades: 40, days: 400 });
    let compressing = false;
    let afterStage = 0;
    const written = await writePdf(report, {
      onProgress: (p) => {
        if (p.stage === 'Compressing pages') compressing = true;
      },
      checkpoint: async () => {
        if (compressing) afterStage += 1;
      },
    });
    const pages = (await readPdf(written.bytes)).pageCount;
    expect(afterStage).toBeGreaterThan(pages);
    let seen = false;
    const error = await writePdf(report, {
      onProgress: (p) => {
        if (p.stage === 'Compressing pages') seen = true;
      },
      checkpoint: async () => {
        if (seen) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED' });
  });
});
