import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../../src/errors';
import { writePdf } from '../../../src/export/pdf/index';
import type { PdfTemplate, Report } from '../../../src/report/model.types';
import { readPdf } from './read-pdf';

/** A host report: no run, one empty table, one all-missing chart, one chart of a missing table. */
function hostReport(template: PdfTemplate): Report {
  return {
    meta: {
      title: 'Acme 売上 report',
      generatedAt: '2025-01-02T03:04:05Z',
      app: { name: 'Backfolio', version: '0.1.0' },
      portfolios: [],
      options: { formats: ['pdf'], template, bom: true },
      keyFigures: [],
      glossary: [],
      warnings: [],
    },
    sections: [
      {
        id: 'summary',
        title: 'Sales',
        paragraphs: ['A host table with no rows yet.'],
        tables: [
          {
            id: 'sales',
            title: 'Sales',
            columns: [
              { key: 'month', label: 'Month', type: { kind: 'date' } },
              { key: 'revenue', label: 'Revenue', type: { kind: 'currency', currency: 'EUR', decimals: 2 } },
            ],
            rows: [],
          },
        ],
        charts: [
          { id: 'revenue', title: 'Revenue', kind: 'line', tableId: 'sales', x: 'month', series: [{ column: 'revenue', name: 'Revenue' }], xLabel: '', yLabel: '', yFormat: 'currency' },
          { id: 'ghost', title: 'Ghost', kind: 'bar', tableId: 'nowhere', x: 'a', series: [], xLabel: '', yLabel: '', yFormat: 'number' },
        ],
      },
    ],
  };
}

describe('pdf writer on host reports', () => {
  for (const template of ['executive', 'detailed', 'compliance'] as const) {
    it(`writes a ${template} PDF of a report without a run, rows or chart data`, async () => {
      const pdf = await readPdf((await writePdf(hostReport(template))).bytes);
      expect(pdf.pages[0]?.text).toContain('Acme 売上 report');
      expect(pdf.outline[0]?.title).toBe('Sales');
      const all = pdf.pages.map((p) => p.text).join(' ');
      expect(all).toContain('No data to chart.');
      if (template === 'executive') expect(pdf.pageCount).toBeLessThanOrEqual(3);
      if (template === 'compliance') expect(all).toContain('This report carries no run configuration.');
    });
  }

  it('wraps an unexpected failure as EXPORT_FAILED naming the report', async () => {
    const report = hostReport('detailed');
    const table = report.sections[0]?.tables[0];
    // A column type no writer knows: formatDisplayValue's exhaustiveness guard throws.
    if (table) {
      table.columns[1] = { key: 'revenue', label: 'Revenue', type: { kind: 'mystery' } as unknown as { kind: 'text' } };
      table.rows = [['2024-01-01', 'x']];
    }
    const error = await writePdf(report).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackfolioError);
    expect((error as BackfolioError).code).toBe('EXPORT_FAILED');
    expect((error as BackfolioError).message).toContain('Acme 売上 report');
  });

  it('continues the contents on a second page when there are many chapters', async () => {
    const report = hostReport('detailed');
    const template = report.sections[0];
    if (!template) throw new Error('no section');
    report.sections = Array.from({ length: 40 }, (_, i) => ({ ...template, id: `s${i}`, title: `Region ${i + 1}`, charts: [] }));
    const pdf = await readPdf((await writePdf(report)).bytes);
    expect(pdf.pages[2]?.lines).toContain('Contents (continued)');
    expect(pdf.outline.length).toBe(41);
    const links = [...(pdf.pages[1]?.links ?? []), ...(pdf.pages[2]?.links ?? [])];
    expect(links.map((l) => l.targetPage).sort((a, b) => a - b)).toEqual(pdf.outline.map((o) => o.page));
    // First chapter after the two contents pages.
    expect(pdf.outline[0]?.page).toBe(4);
    for (const o of pdf.outline) expect(pdf.pages[o.page - 1]?.lines[1]).toBe(o.title);
  });
});
