/** The PDF of a real engine run of the bundled example, built by the real report builder. */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/data/examples/index';
import { parsePriceCsv } from '../../../src/data/prices';
import { runBacktest } from '../../../src/engine/run';
import { writePdf } from '../../../src/export/pdf/index';
import { buildReport } from '../../../src/report/build';
import { formatDisplayValue } from '../../../src/report/format';
import { cellType, type PdfTemplate } from '../../../src/report/model.types';
import { readPdf } from './read-pdf';

describe('PDF of the bundled example', async () => {
  const example = EXAMPLES[0];
  if (!example) throw new Error('no bundled example');
  const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
  const build = (template: PdfTemplate) =>
    buildReport(result, { formats: ['pdf'], template, bom: true, author: 'Test' }, { generatedAt: '2025-09-06T08:38:40Z' });
  const report = build('detailed');
  const out = await writePdf(report);
  const pdf = await readPdf(out.bytes);

  it('has one chapter per report section, in order, plus methodology, each where the contents say', () => {
    expect(pdf.outline.map((o) => o.title)).toEqual([...report.sections.map((s) => s.title), 'Methodology']);
    const tocLines = pdf.pages[1]?.lines ?? [];
    for (const entry of pdf.outline) {
      expect(tocLines).toContain(`${entry.title} ${entry.page}`);
      expect(pdf.pages[entry.page - 1]?.lines[1]).toBe(entry.title);
    }
  });

  it('names metrics as people read them in the summary (files keep the keys)', () => {
    const summary = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'performance_summary');
    expect(summary?.rows[1]?.[0]).toBe('annualized_return');
    const page = pdf.outline.find((o) => o.title === 'Performance')?.page ?? 0;
    const text = pdf.pages[page - 1]?.text ?? '';
    expect(text).toContain('Annualized return');
    expect(text).toContain('Value at risk 95% (historical)');
    expect(text).not.toContain('annualized_return');
  });

  it('prints the key figures and the monthly returns as the report formats them', () => {
    const cover = pdf.pages[0]?.text ?? '';
    for (const figure of report.meta.keyFigures) {
      for (const value of figure.values) {
        const text = formatDisplayValue(value, figure.type);
        if (!cover.includes(text)) throw new Error(`cover lacks ${figure.key} ${text}`);
      }
    }
    const monthly = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'monthly_returns');
    if (!monthly) throw new Error('no monthly returns table');
    const page = pdf.outline.find((o) => o.title === report.sections.find((s) => s.tables.includes(monthly))?.title)?.page ?? 0;
    const text = pdf.pages
      .slice(page - 1)
      .map((p) => p.text)
      .join(' ');
    monthly.rows.forEach((row, r) => {
      const printed = monthly.columns.map((c, j) => formatDisplayValue(row[j] ?? null, cellType(c, r))).filter((s) => s !== '');
      if (!text.includes(printed.join(' '))) throw new Error(`monthly row ${r} not printed as ${printed.join(' ')}`);
    });
  });

  it('notes the thinned daily tables and prints every trade when there are at most 500', () => {
    const all = pdf.pages.map((p) => p.text).join(' ');
    const daily = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'daily_portfolio_data');
    const trades = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'transaction_log');
    if (!daily || !trades) throw new Error('missing tables');
    expect(all.includes(`of ${daily.rows.length.toLocaleString('en-US')} rows (every`)).toBe(true);
    expect(trades.rows.length).toBeLessThanOrEqual(500);
    expect(all.includes('trades;')).toBe(false);
    for (const page of pdf.pages.slice(1)) expect(page.text.includes(`page ${page.number} of ${pdf.pageCount}`)).toBe(true);
  });

  it('keeps the executive report of the same run to 3 pages', async () => {
    const executive = await readPdf((await writePdf(build('executive'))).bytes);
    expect(executive.pageCount).toBeLessThanOrEqual(3);
  });
});
