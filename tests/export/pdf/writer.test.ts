import { beforeAll, describe, expect, it } from 'vitest';
import { isAbortError } from '../../../src/errors';
import { pdfWriter, writePdf } from '../../../src/export/pdf/index';
import { makeFixtureReport } from './fixture-report';
import { readPdf, type PdfReadBack } from './read-pdf';

const DETAILED_CHAPTERS = ['Summary', 'Performance', 'Allocations', 'Trades', 'Rebalances', 'Risk', 'Drawdowns', 'Rolling', 'Monthly Returns', 'Methodology'];

/** Pages from `first` up to (not including) `next`. */
function pagesBetween(pdf: PdfReadBack, first: number, next: number): PdfReadBack['pages'] {
  return pdf.pages.filter((p) => p.number >= first && p.number < next);
}

/** Asserts `needle` is in `text` without printing the whole document on failure. */
function expectContains(text: string | undefined, needle: string): void {
  if (!(text ?? '').includes(needle)) throw new Error(`expected the text to contain ${JSON.stringify(needle)}`);
}

/** Asserts `text` matches `pattern` without printing the whole document on failure. */
function expectMatches(text: string, pattern: RegExp): void {
  if (!pattern.test(text)) throw new Error(`expected the text to match ${String(pattern)}`);
}

function chapterPage(pdf: PdfReadBack, title: string): number {
  const entry = pdf.outline.find((o) => o.title === title);
  if (!entry) throw new Error(`no outline entry ${title}`);
  return entry.page;
}

describe('pdf writer, detailed template', () => {
  let pdf: PdfReadBack;
  let rows = 0;
  beforeAll(async () => {
    const out = await writePdf(makeFixtureReport({ template: 'detailed', trades: 2000 }));
    expect(out.extension).toBe('pdf');
    expect(out.mimeType).toBe('application/pdf');
    rows = out.rows;
    pdf = await readPdf(out.bytes);
  });

  it('lists every chapter in the contents with the page where its heading is', () => {
    const toc = pdf.pages[1];
    expect(toc?.lines).toContain('Contents');
    const entries = (toc?.lines ?? [])
      .map((line) => /^(.+?) (\d+)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && !m[1]?.startsWith('Generated'))
      .map((m) => ({ title: m[1] ?? '', page: Number(m[2]) }));
    expect(entries.map((e) => e.title)).toEqual(DETAILED_CHAPTERS);
    for (const entry of entries) {
      const page = pdf.pages[entry.page - 1];
      // The chapter heading is the first line under the running header.
      expect(page?.lines[1], `${entry.title} on page ${entry.page}`).toBe(entry.title);
      // And the chapter did not start a page earlier.
      expect(pdf.pages[entry.page - 2]?.lines[1]).not.toBe(entry.title);
    }
  });

  it('links every contents entry to its page and mirrors the contents in the outline', () => {
    const toc = pdf.pages[1];
    const linksTopDown = [...(toc?.links ?? [])].sort((a, b) => (b.rect[1] ?? 0) - (a.rect[1] ?? 0));
    expect(pdf.outline.map((o) => o.title)).toEqual(DETAILED_CHAPTERS);
    expect(linksTopDown.map((l) => l.targetPage)).toEqual(pdf.outline.map((o) => o.page));
    for (const o of pdf.outline) expect(pdf.pages[o.page - 1]?.lines[1]).toBe(o.title);
  });

  it('prints "page X of Y" and the generated-at time on every page but the cover', () => {
    const total = pdf.pageCount;
    expect(pdf.pages[0]?.text).not.toMatch(/page \d+ of \d+/);
    for (const page of pdf.pages.slice(1)) {
      expect(page.text).toContain(`page ${page.number} of ${total}`);
      expect(page.text).toContain('Generated 2025-09-06T08:38:40Z');
      expect(page.lines[0]).toBe('Zürich risk parity backtest');
    }
  });

  it('prints Unicode names as text', () => {
    const all = pdf.pages.map((p) => p.text).join(' ');
    for (const name of ['Биткоин', 'Ελλάδα', '比特币', 'Zürich']) expectContains(all, name);
    // A mixed Cyrillic/Greek/Han line keeps every glyph (no character dropped by a font without it).
    expectContains(pdf.pages[0]?.text, 'Биткоин, Ελλάδα 60/40, 比特币 hold');
  });

  it('repeats the trade log header on every continuation page', () => {
    const trades = pagesBetween(pdf, chapterPage(pdf, 'Trades'), chapterPage(pdf, 'Rebalances'));
    expect(trades.length).toBeGreaterThan(3);
    for (const page of trades) {
      const header = page.lines.find((l) => l.startsWith('Date ') && l.includes('Quantity'));
      expect(header, `page ${page.number}`).toBeDefined();
      for (const label of ['Asset', 'Action', 'Price', 'Cost', 'Reason', 'Currency']) expect(header).toContain(label);
    }
  });

  it('says where it truncates and by how many rows', () => {
    const all = pdf.pages.map((p) => p.text).join(' ');
    expectContains(all, 'Showing the first 500 of 2,000 trades; 1,500 rows left out');
    expectContains(all, 'Showing 201 of 400 rows (every 2nd row, last row kept); 199 rows left out');
    const tradeText = pagesBetween(pdf, chapterPage(pdf, 'Trades'), chapterPage(pdf, 'Rebalances'))
      .map((p) => p.text)
      .join(' ');
    const printed = (tradeText.match(/monthly calendar rebalance|initial allocation/g) ?? []).length;
    expect(printed).toBe(500);
    expect(rows).toBeGreaterThan(500);
  });

  it('marks negative monthly returns in red', () => {
    const page = pdf.pages[chapterPage(pdf, 'Monthly Returns') - 1];
    const negatives = (page?.text.match(/-\d+\.\d\d%/g) ?? []).length;
    expect(negatives).toBeGreaterThan(0);
    expect(page?.fillColors.filter((c) => c === '#c81e1e').length).toBe(negatives);
  });

  it('sets the document properties', () => {
    expect(pdf.info.Title).toBe('Zürich risk parity backtest');
    expect(pdf.info.Subject).toBe('Risk parity (BTC, ETH, SOL) backtest, 2021-01-01 to 2022-02-04');
    expect(pdf.info.Author).toBe('Test author');
    expect(String(pdf.info.Keywords)).toContain('Биткоин');
    expect(pdf.info.Creator).toBe('Backfolio 0.1.0');
  });

  it('draws the charts as vectors when the page gave none', () => {
    const performance = pdf.pages[chapterPage(pdf, 'Performance') - 1];
    expect(performance?.images).toEqual([]);
    expect(performance?.text).toContain('Equity curve');
    expect(performance?.text).toContain('Drawdown');
    const risk = pdf.pages[chapterPage(pdf, 'Risk') - 1];
    expect(risk?.text).toContain('Correlation of daily returns');
    expect(risk?.text).toContain('-0.33');
  });
});

describe('pdf writer, templates', () => {
  it('keeps the executive report to at most 3 pages with contents on the cover', async () => {
    const out = await writePdf(makeFixtureReport({ template: 'executive' }));
    const pdf = await readPdf(out.bytes);
    expect(pdf.pageCount).toBeLessThanOrEqual(3);
    expect(pdf.outline.map((o) => o.title)).toEqual(['Summary', 'Charts']);
    expect(pdf.pages[0]?.links.map((l) => l.targetPage)).toEqual(pdf.outline.map((o) => o.page));
    const charts = pdf.pages[chapterPage(pdf, 'Charts') - 1];
    expect(charts?.text).toContain('Equity curve');
    expect(charts?.text).toContain('Drawdown');
    expect(pdf.pages[chapterPage(pdf, 'Summary') - 1]?.text).toContain('Sortino ratio');
  });

  it('keeps the executive report to 3 pages even with 40 assets and many metrics', async () => {
    const report = makeFixtureReport({ template: 'executive', assets: Array.from({ length: 40 }, (_, i) => `A${i}`) });
    const summary = report.sections[0]?.tables[0];
    if (summary) summary.rows = Array.from({ length: 80 }, (_, i) => summary.rows[i % summary.rows.length] ?? []);
    const pdf = await readPdf((await writePdf(report)).bytes);
    expect(pdf.pageCount).toBeLessThanOrEqual(3);
    expectMatches(pdf.pages.map((p) => p.text).join(' '), /Showing \d+ of 80 rows; \d+ rows left out/);
  });

  it('keeps the executive report to 3 pages with 30 benchmarks, saying which columns were left out', async () => {
    const benchmarks = Array.from({ length: 30 }, (_, i) => `Benchmark portfolio ${i + 1}`);
    const pdf = await readPdf((await writePdf(makeFixtureReport({ template: 'executive', benchmarks, trades: 10, days: 60 }))).bytes);
    expect(pdf.pageCount).toBeLessThanOrEqual(3);
    expect(pdf.outline.map((o) => o.title)).toEqual(['Summary', 'Charts']);
    expectMatches(pdf.pages[0]?.text ?? '', /Showing \d+ of 32 columns; \d+ left out/);
    expectMatches(pdf.pages[1]?.text ?? '', /Showing \d+ of 32 columns; \d+ left out/);
  });

  it('prints the full trade log, configuration, hashes and export record in the compliance template', async () => {
    const out = await writePdf(makeFixtureReport({ template: 'compliance', trades: 2000 }), { fileName: 'zurich_2025-09-06T08-38-40Z.pdf' });
    const pdf = await readPdf(out.bytes);
    const titles = pdf.outline.map((o) => o.title);
    expect(titles).toEqual([...DETAILED_CHAPTERS, 'Configuration', 'Data and hashes', 'Export record']);
    const all = pdf.pages.map((p) => p.text).join(' ');
    expect(all.includes('rows left out')).toBe(false);
    const trades = pagesBetween(pdf, chapterPage(pdf, 'Trades'), chapterPage(pdf, 'Rebalances')).map((p) => p.text).join(' ');
    expect((trades.match(/monthly calendar rebalance|initial allocation/g) ?? []).length).toBe(2000);
    const config = pagesBetween(pdf, chapterPage(pdf, 'Configuration'), chapterPage(pdf, 'Data and hashes')).map((p) => p.text).join(' ');
    expectContains(config, '"rebalancing_frequency": "monthly"');
    // The monospaced JSON switches to the CJK font for Han characters.
    expectContains(config, '"name": "比特币 hold"');
    const hashes = pdf.pages[chapterPage(pdf, 'Data and hashes') - 1]?.text.replace(/ /g, '') ?? '';
    expectContains(hashes, 'a'.repeat(64));
    expectContains(hashes, 'prices.csv');
    const record = pdf.pages.slice(chapterPage(pdf, 'Export record') - 1).map((p) => p.text).join(' ');
    expectContains(record, 'zurich_2025-09-06T08-38-40Z.pdf');
    expectContains(record, 'Backfolio 0.1.0');
    expectContains(record, '2025-09-06T08:38:40Z');
    expect(pdf.pageCount).toBeGreaterThan(60);
  });

  it('turns wide tables to landscape and splits columns into groups repeating the date', async () => {
    const assets = Array.from({ length: 40 }, (_, i) => `ASSET${i}`);
    const pdf = await readPdf((await writePdf(makeFixtureReport({ template: 'detailed', assets, trades: 50, days: 60 }))).bytes);
    const first = chapterPage(pdf, 'Allocations');
    const pages = pagesBetween(pdf, first, chapterPage(pdf, 'Trades'));
    for (const page of pages) expect(page.width).toBeGreaterThan(page.height);
    const text = pages.map((p) => p.text).join(' ');
    const parts = text.match(/Columns \d+–\d+ of 42 \(part \d+ of (\d+)\)/g) ?? [];
    expect(parts.length).toBeGreaterThan(1);
    // Every asset column printed, none clipped.
    for (const asset of assets) expectMatches(text, new RegExp(`\\b${asset}\\b`));
    // Each column group repeats the date column: its block starts with the header and dated rows.
    const blocks = text.split(/Columns \d+–\d+ of 42 \(part \d+ of \d+\)/).slice(1);
    expect(blocks.length).toBe(parts.length);
    for (const block of blocks) {
      expectMatches(block.slice(0, 400), /\bDate\b/);
      expectMatches(block.slice(0, 600), /2021-01-01 \d+\.\d\d%/);
    }
  });

  it('embeds the CJK font only when the report has CJK text', async () => {
    const latin = await writePdf(makeFixtureReport({ template: 'executive', withoutCjk: true }));
    const cjk = await writePdf(makeFixtureReport({ template: 'executive' }));
    const fontNames = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes).match(/\/BaseFont \/[^\s/]+/g)?.join(' ') ?? '';
    expect(fontNames(latin.bytes)).not.toMatch(/Noto/i);
    expect(fontNames(latin.bytes)).toMatch(/DejaVu/);
    expect(fontNames(cjk.bytes)).toMatch(/Noto/i);
  });
});

describe('pdf writer, progress and cancellation', () => {
  it('reports progress up to 1 and is the registry writer', async () => {
    const fractions: number[] = [];
    await pdfWriter.write(makeFixtureReport({ template: 'executive', trades: 10 }), { onProgress: (p) => fractions.push(p.fraction) });
    expect(pdfWriter.format).toBe('pdf');
    expect(fractions[fractions.length - 1]).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('stops with ABORTED when the signal fires', async () => {
    const controller = new AbortController();
    const report = makeFixtureReport({ template: 'detailed', trades: 10 });
    const pending = writePdf(report, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage.startsWith('Section')) controller.abort();
      },
    });
    await expect(pending).rejects.toSatisfy(isAbortError);
  });
});
