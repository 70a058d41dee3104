/**
 * A host table longer than one autotable slice and than a page: drawn slice by
 * slice, it must read as one table: every row once and in order, the header row at the top of
 * each of its pages and nowhere else, no gap or overlap where slices meet.
 */
import { describe, expect, it } from 'vitest';
import { pdfWriter } from '../../../src/export/pdf/index';
import { reportFromTables } from '../../../src/report/host';
import { readPdf } from './read-pdf';

// Several autotable slices and pages.
const ROWS = 247;

describe('a long host table in the PDF', () => {
  it('prints every row once, in order, under one header per page', async () => {
    const report = reportFromTables({
      title: 'Long table',
      tables: [
        {
          id: 'orders',
          title: 'Orders',
          columns: [{ key: 'ref', label: 'Reference', type: 'text' }, { key: 'day', label: 'Order day', type: 'date' }, { key: 'amount', label: 'Amount', type: 'currency', currency: 'EUR' }],
          rows: Array.from({ length: ROWS }, (_, i) => [`R${String(i).padStart(4, '0')}`, '2024-01-02', (i + 0.5).toFixed(2)]),
        },
      ],
    });
    let checkpoints = 0;
    const { bytes, rows } = await pdfWriter.write(report, { checkpoint: async () => void checkpoints++ });
    expect(rows).toBe(ROWS);
    expect(checkpoints).toBeGreaterThanOrEqual(6);
    const pdf = await readPdf(bytes);
    const refs: string[] = [];
    const tablePages = pdf.pages.filter((p) => p.text.includes('R0'));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const page of tablePages) {
      const headers = page.lines.filter((l) => l.includes('Reference') && l.includes('Order day'));
      expect(headers, `page ${page.number}`).toHaveLength(1);
      const headerAt = page.lines.findIndex((l) => l.includes('Reference'));
      const firstRow = page.lines.findIndex((l) => /^R\d{4}/.test(l));
      expect(headerAt, `page ${page.number}`).toBeLessThan(firstRow);
      for (const line of page.lines) {
        const ref = /^(R\d{4})\b/.exec(line)?.[1];
        if (ref !== undefined) refs.push(ref);
      }
    }
    expect(refs).toEqual(Array.from({ length: ROWS }, (_, i) => `R${String(i).padStart(4, '0')}`));
  });
});
