/** The PDF writer's mechanics on a hand-built report: contents and outline, running header and footer, limits under stress, fonts, properties, progress, cancel. */
import { beforeAll, describe, expect, it } from 'vitest';
import { BackfolioError, isAbortError } from '../../../src/errors';
import { pdfWriter, writePdf } from '../../../src/export/pdf/index';
import { makeFixtureReport } from './fixture-report';
import { pdftotextPages, readPdf, type PdfReadBack } from './read-pdf';

function expectContains(text: string | undefined, needle: string): void {
  if (!(text ?? '').includes(needle)) throw new Error(`expected the text to contain ${JSON.stringify(needle)}`);
}

function pagesOf(pdf: PdfReadBack, title: string): PdfReadBack['pages'] {
  const index = pdf.outline.findIndex((o) => o.title === title);
  if (index < 0) throw new Error(`no chapter ${title}`);
  const first = pdf.outline[index]?.page ?? 0;
  const next = pdf.outline[index + 1]?.page ?? pdf.pageCount + 1;
  return pdf.pages.filter((p) => p.number >= first && p.number < next);
}

describe('pdf writer, detailed template', () => {
  let pdf: PdfReadBack;
  let rows = 0;
  beforeAll(async () => {
    const out = await writePdf(makeFixtureReport({ template: 'detailed', trades: 2000, days: 1800 }));
    expect(out.extension).toBe('pdf');
    expect(out.mimeType).toBe('application/pdf');
    rows = out.rows;
    pdf = await readPdf(out.bytes);
  }, 120_000);

  it('keeps five years of daily data within 30 pages', () => {
    expect(pdf.pageCount).toBeLessThanOrEqual(30);
    expect(rows).toBeGreaterThan(0);
  });

  it('lists every chapter on the cover, linked to the page where its heading is, mirrored in the outline', () => {
    const cover = pdf.pages[0];
    expect(cover?.lines).toContain('Contents');
    const links = [...(cover?.links ?? [])].sort((a, b) => (b.rect[1] ?? 0) - (a.rect[1] ?? 0));
    expect(links.map((l) => l.targetPage)).toEqual(pdf.outline.map((o) => o.page));
    for (const o of pdf.outline) {
      expect(cover?.lines).toContain(`${o.title} ${o.page}`);
      expect(pdf.pages[o.page - 1]?.lines[1]).toBe(o.title);
      expect(pdf.pages[o.page - 2]?.lines[1]).not.toBe(o.title);
    }
  });

  it('prints "page X of Y", the generated-at time and the title on every page but the cover', () => {
    expect(pdf.pages[0]?.text).not.toMatch(/page \d+ of \d+/);
    for (const page of pdf.pages.slice(1)) {
      expect(page.text).toContain(`page ${page.number} of ${pdf.pageCount}`);
      expect(page.text).toContain('Generated 2025-09-06T08:38:40Z');
      expect(page.lines[0]).toBe('Zürich risk parity backtest');
    }
  });

  it('prints Unicode names as text, every glyph of a mixed-script name kept', () => {
    const all = pdf.pages.map((p) => p.text).join(' ');
    for (const name of ['Биткоин', 'Ελλάδα', '比特币', 'Zürich']) expectContains(all, name);
    expectContains(pdf.pages[0]?.text, 'Биткоин, Ελλάδα 60/40, 比特币 hold');
  });

  it('summarises the 2,000 trades by year and lists the latest rebalances, saying how many are left out', () => {
    const trading = pagesOf(pdf, 'Trading').map((p) => p.text).join(' ');
    expectContains(trading, 'The 2,000 individual trades are not listed here');
    expectContains(trading, 'Rebalances by reason and year');
    expect(trading).toMatch(/Total \d+ \d+ 2,000/);
  });

  it('repeats the header row and says "(continued)" on every continuation page of a table', () => {
    const values = pagesOf(pdf, 'Portfolio values at month end');
    expect(values.length).toBeGreaterThan(1);
    for (const page of values.slice(1)) {
      expectContains(page.text, 'Values at month end (continued)');
      expect(page.lines.some((l) => l.startsWith('Date ') && l.includes('Drawdown'))).toBe(true);
    }
  });

  it('never leaves a table fragment of one or two rows at the head or foot of a page', () => {
    for (const page of pdf.pages) {
      if (!page.text.includes('(continued)')) continue;
      const dated = page.lines.filter((l) => /^\d{4}-\d\d-\d\d /.test(l));
      expect(dated.length === 0 || dated.length >= 3, `page ${page.number}`).toBe(true);
    }
  });

  it('marks negative returns in red and draws charts as vectors', () => {
    const monthly = pagesOf(pdf, 'Performance');
    expect(monthly.some((p) => p.fillColors.length > 0)).toBe(true);
    const performance = pdf.pages[(pdf.outline.find((o) => o.title === 'Performance')?.page ?? 1) - 1];
    expect(performance?.images).toEqual([]);
    expectContains(performance?.text, 'Equity curve');
  });

  it('sets the document properties', () => {
    expect(pdf.info.Title).toBe('Zürich risk parity backtest');
    expect(pdf.info.Subject).toBe('Risk parity (BTC, ETH, SOL) backtest, 2021-01-01 to 2025-12-05');
    expect(pdf.info.Author).toBe('Test author');
    expect(String(pdf.info.Keywords)).toContain('Биткоин');
    expect(pdf.info.Creator).toBe('Backfolio 0.1.0');
  });
});

describe('pdf writer, templates under stress', () => {
  it('keeps the executive factsheet to two pages with 40 assets, 30 benchmarks and 20 years, saying what it cut', async () => {
    const benchmarks = Array.from({ length: 30 }, (_, i) => `Benchmark portfolio ${i + 1}`);
    const assets = Array.from({ length: 40 }, (_, i) => `A${i}`);
    const report = makeFixtureReport({ template: 'executive', benchmarks, assets, trades: 50, days: 7300 });
    const bytes = (await writePdf(report)).bytes;
    const pdf = await readPdf(bytes);
    expect(pdf.pageCount).toBe(2);
    const text = pdftotextPages(bytes).join(' ').replace(/\s+/g, ' ');
    expectContains(text, 'compare the first 2 of 30 benchmarks');
    expectContains(text, 'Monthly returns: the latest 10 of 20 years shown');
    expectContains(text, 'Allocation: the 9 largest of 40 assets shown');
  });

  it('prints the compliance appendices in full, landscape and compact, with configuration, hashes and record', async () => {
    const out = await writePdf(makeFixtureReport({ template: 'compliance', trades: 2000, days: 1800 }), { fileName: 'zurich_2025-09-06T08-38-40Z.pdf' });
    const pdf = await readPdf(out.bytes);
    const trades = pagesOf(pdf, 'Appendix: transaction log');
    for (const page of trades) expect(page.width).toBeGreaterThan(page.height);
    const tradeText = trades.map((p) => p.text).join(' ');
    expect((tradeText.match(/monthly calendar rebalance|initial allocation/g) ?? []).length).toBe(2000);
    // Compact: 2,000 trades in far fewer than the 180 pages of one row a line.
    expect(trades.length).toBeLessThan(45);
    const config = pagesOf(pdf, 'Configuration').map((p) => p.text).join(' ');
    expectContains(config, '"rebalancing_frequency": "monthly"');
    expectContains(config, '"name": "比特币 hold"');
    const hashes = pagesOf(pdf, 'Data and hashes').map((p) => p.text).join(' ').replace(/ /g, '');
    expectContains(hashes, 'a'.repeat(64));
    expectContains(hashes, 'prices.csv');
    const record = pagesOf(pdf, 'Export record').map((p) => p.text).join(' ');
    expectContains(record, 'zurich_2025-09-06T08-38-40Z.pdf');
    expectContains(record, 'Backfolio 0.1.0');
  }, 120_000);

  it('splits a table too wide for the page into column groups that repeat the date', async () => {
    const assets = Array.from({ length: 40 }, (_, i) => `ASSET${i}`);
    const pdf = await readPdf((await writePdf(makeFixtureReport({ template: 'detailed', assets, trades: 50, days: 90 }))).bytes);
    const text = pagesOf(pdf, 'Allocation').map((p) => p.text).join(' ');
    const parts = text.match(/Weights at month end: columns \d+–\d+ of 42 \(part \d+ of \d+\)/g) ?? [];
    expect(parts.length).toBeGreaterThan(1);
    for (const asset of assets) expect(text).toMatch(new RegExp(`\\b${asset}\\b`));
  });

  it('embeds the CJK font only when the report has CJK text', async () => {
    const latin = await writePdf(makeFixtureReport({ template: 'executive', withoutCjk: true, days: 60, trades: 5 }));
    const cjk = await writePdf(makeFixtureReport({ template: 'executive', days: 60, trades: 5 }));
    const fontNames = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes).match(/\/BaseFont \/[^\s/]+/g)?.join(' ') ?? '';
    expect(fontNames(latin.bytes)).not.toMatch(/Noto/i);
    expect(fontNames(latin.bytes)).toMatch(/DejaVu/);
    expect(fontNames(cjk.bytes)).toMatch(/Noto/i);
  });
});

describe('pdf writer, progress, yielding and cancellation', () => {
  it('reports progress up to 1, yields through the checkpoint, and is the registry writer', async () => {
    const fractions: number[] = [];
    let checkpoints = 0;
    await pdfWriter.write(makeFixtureReport({ template: 'detailed', trades: 200, days: 400 }), {
      onProgress: (p) => fractions.push(p.fraction),
      checkpoint: async () => {
        checkpoints += 1;
      },
    });
    expect(pdfWriter.format).toBe('pdf');
    expect(fractions[fractions.length - 1]).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    // Between chapters, tables and row blocks: many times for one report.
    expect(checkpoints).toBeGreaterThan(20);
  });

  it('stops with ABORTED when the signal fires', async () => {
    const controller = new AbortController();
    const pending = writePdf(makeFixtureReport({ template: 'detailed', trades: 10 }), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'Drawdowns') controller.abort();
      },
    });
    await expect(pending).rejects.toSatisfy(isAbortError);
  });

  it('stops when the checkpoint throws (the export was cancelled mid-table)', async () => {
    let calls = 0;
    const pending = writePdf(makeFixtureReport({ template: 'compliance', trades: 2000 }), {
      checkpoint: async () => {
        calls += 1;
        if (calls === 30) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
      },
    });
    await expect(pending).rejects.toSatisfy(isAbortError);
  });
});
