/** Host reports (reportFromTables), empty data, and names the fonts cannot draw or that read right to left. */
import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../../src/errors';
import { writePdf } from '../../../src/export/pdf/index';
import { reportFromTables } from '../../../src/report/host';
import type { PdfTemplate, Report } from '../../../src/report/model.types';
import { makeFixtureReport } from './fixture-report';
import { pdftotextPages, readPdf } from './read-pdf';

/** A host report: no run, one empty table, one all-missing chart, one chart of a missing table. */
function emptyHostReport(template: PdfTemplate): Report {
  const report = reportFromTables({
    title: 'Acme 売上 report',
    generatedAt: '2025-01-02T03:04:05Z',
    template,
    tables: [{ id: 'sales', title: 'Sales', columns: [{ key: 'month', label: 'Month', type: 'date' }, { key: 'revenue', label: 'Revenue', type: 'currency', currency: 'EUR' }], rows: [] }],
    charts: [{ id: 'revenue', title: 'Revenue', kind: 'line', tableId: 'sales', x: 'month', series: [{ column: 'revenue', name: 'Revenue' }], xLabel: '', yLabel: '', yFormat: 'currency' }],
  });
  report.sections[0]?.charts.push({ id: 'ghost', title: 'Ghost', kind: 'bar', tableId: 'nowhere', x: 'a', series: [], xLabel: '', yLabel: '', yFormat: 'number' });
  return report;
}

/** A host's ledger: 300 rows, a money column in EUR, a column given by key only. */
function ledger(template: PdfTemplate, printLimit?: number): Report {
  return reportFromTables({
    title: 'Acme ledger',
    generatedAt: '2025-01-02T03:04:05Z',
    template,
    tables: [
      {
        id: 'ledger',
        title: 'Ledger',
        ...(printLimit === undefined ? {} : { printLimit }),
        columns: [
          { key: 'booking_date', type: 'date' },
          { key: 'account', label: 'Account', type: 'text' },
          { key: 'amount', label: 'Amount', type: 'currency', currency: 'EUR' },
        ],
        rows: Array.from({ length: 300 }, (_, i) => [`2024-${String(1 + (i % 12)).padStart(2, '0')}-01`, `Account ${i + 1}`, (i * 10.5).toFixed(2)]),
      },
    ],
  });
}

describe('pdf writer on host reports', () => {
  for (const template of ['executive', 'detailed', 'compliance'] as const) {
    it(`writes a ${template} PDF of a report without a run, rows or chart data`, async () => {
      const pdf = await readPdf((await writePdf(emptyHostReport(template))).bytes);
      expect(pdf.pages[0]?.text).toContain('Acme 売上 report');
      expect(pdf.outline[0]?.title).toBe('Sales');
      const all = pdf.pages.map((p) => p.text).join(' ');
      expect(all).toContain('No data to chart.');
      if (template === 'executive') expect(pdf.pageCount).toBeLessThanOrEqual(2);
      if (template === 'compliance') expect(all).toContain('This report carries no run configuration.');
    });
  }

  it("returns a chart it left out among the file's warnings (and prints it among its notes)", async () => {
    const written = await writePdf(emptyHostReport('detailed'));
    expect(written.warnings).toEqual(['Chart "Ghost" left out: its table nowhere or one of its columns is not in this export.']);
    expect(pdftotextPages(written.bytes).join('\n').replace(/\s+/g, ' ')).toContain('Chart "Ghost" left out');
  });

  it("says a host's synthetic data is synthetic: under the summary's title, on the cover and in About this report", async () => {
    for (const template of ['executive', 'detailed'] as const) {
      const report = ledger(template);
      report.meta.inputs = { data: { synthetic: true, source: 'the demo generator' } };
      const pages = pdftotextPages((await writePdf(report)).bytes).map((p) => p.replace(/\s+/g, ' '));
      if (template === 'executive') expect(pages[0]).toContain('Data: Synthetic data, not real figures. Source: the demo generator.');
      else {
        expect(pages[0]).toMatch(/Data\s+Synthetic data, not real figures/);
        expect(pages.join(' ')).toContain('Data: Synthetic data, not real figures. Source: the demo generator.');
      }
    }
  });

  it('prints a host table in full in the detailed template, with header labels and the currency', async () => {
    const bytes = (await writePdf(ledger('detailed'))).bytes;
    const pdf = await readPdf(bytes);
    const all = pdf.pages.map((p) => p.text).join(' ');
    for (let i = 1; i <= 300; i++) expect(all).toContain(`Account ${i} `);
    expect(all).toContain('Booking date');
    expect(all).not.toContain('booking_date');
    expect(all).toContain('Amount (EUR)');
    expect(all).toContain('3,139.50');
    // Methodology speaks of the host's report, not of a backtest.
    const about = pdf.pages[(pdf.outline.find((o) => o.title === 'About this report')?.page ?? 0) - 1]?.text ?? '';
    expect(about).toContain('supplied by the host application');
    expect(all).not.toMatch(/backtest/i);
  });

  it('prints only the rows a host limits, saying how many were left out', async () => {
    const pdf = await readPdf((await writePdf(ledger('detailed', 50))).bytes);
    const all = pdf.pages.map((p) => p.text).join(' ');
    expect(all).toContain('The first 50 of 300 rows (the limit set for this report); 250 left out.');
    expect(all).toContain('Account 50 ');
    expect(all).not.toContain('Account 51 ');
    // Compliance ignores the limit: everything, untruncated.
    const compliance = (await readPdf((await writePdf(ledger('compliance', 50))).bytes)).pages.map((p) => p.text).join(' ');
    expect(compliance).toContain('Account 300 ');
  });

  it('refuses a print limit that is not a whole number', () => {
    expect(() => ledger('detailed', -1)).toThrow(/printLimit.*whole number/);
  });

  it('keeps a long host table to two pages in the executive template, saying what it cut', async () => {
    const pdf = await readPdf((await writePdf(ledger('executive'))).bytes);
    expect(pdf.pageCount).toBeLessThanOrEqual(2);
    expect(pdf.pages.map((p) => p.text).join(' ')).toMatch(/The first \d+ of 300 rows; \d+ left out/);
  });

  it('continues the contents on pages of their own when there are many chapters', async () => {
    const report = emptyHostReport('detailed');
    const template = report.sections[0];
    if (!template) throw new Error('no section');
    report.sections = Array.from({ length: 60 }, (_, i) => ({ ...template, id: `s${i}`, title: `Region ${i + 1}`, charts: [] }));
    const pdf = await readPdf((await writePdf(report)).bytes);
    expect(pdf.pages[2]?.lines).toContain('Contents (continued)');
    expect(pdf.outline.length).toBe(61);
    const links = pdf.pages.slice(0, 4).flatMap((p) => p.links);
    expect(links.map((l) => l.targetPage).sort((a, b) => a - b)).toEqual(pdf.outline.map((o) => o.page).sort((a, b) => a - b));
    for (const o of pdf.outline) expect(pdf.pages[o.page - 1]?.lines[1]).toBe(o.title);
  });

  it('wraps an unexpected failure as EXPORT_FAILED naming the report', async () => {
    const report = emptyHostReport('detailed');
    const table = report.sections[0]?.tables[0];
    if (table) {
      table.columns[1] = { key: 'revenue', label: 'Revenue', type: { kind: 'mystery' } as unknown as { kind: 'text' } };
      table.rows = [['2024-01-01', 'x']];
    }
    const error = await writePdf(report).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackfolioError);
    expect((error as BackfolioError).code).toBe('EXPORT_FAILED');
    expect((error as BackfolioError).message).toContain('Acme 売上 report');
  });
});

describe('names the fonts cannot draw, and right-to-left names', () => {
  // The factsheet compares two benchmarks, so it gets the Hebrew and the emoji name; the detailed report all three.
  const cases = {
    executive: ['קרן גידול 60/40', '🚀 Moon fund'],
    detailed: ['קרן גידול 60/40', 'صندوق النمو', '🚀 Moon fund'],
  } as const;

  for (const [template, names] of Object.entries(cases) as [PdfTemplate, readonly string[]][]) {
    it(`${template}: prints right-to-left names in reading order and an emoji as a visible replacement with a warning`, async () => {
      const bytes = (await writePdf(makeFixtureReport({ template, benchmarks: [...names], trades: 20, days: 120 }))).bytes;
      const text = pdftotextPages(bytes).join('\n');
      // pdftotext gives right-to-left text back in logical order when the page holds it in visual order.
      expect(text).toContain('קרן גידול');
      // Arabic is printed in its contextual (presentation) forms; NFKC maps them back to the letters.
      if (names.includes('صندوق النمو')) expect(text.normalize('NFKC')).toContain('صندوق النمو');
      expect(text).not.toContain('🚀');
      expect(text).toContain('� Moon fund');
      expect(text.replace(/\s+/g, ' ')).toMatch(/The embedded fonts cannot draw one character \(U\+1F680 in “[^”]*� Moon fund[^”]*”\); each is printed as �\./);
    });
  }

  it('never leaves the cell of an undrawable name empty', async () => {
    const report = makeFixtureReport({ template: 'detailed', benchmarks: ['🚀🚀'], trades: 10, days: 60 });
    const pdf = await readPdf((await writePdf(report)).bytes);
    const performance = pdf.pages[(pdf.outline.find((o) => o.title === 'Performance')?.page ?? 0) - 1];
    expect(performance?.text).toContain('��');
  });
});
