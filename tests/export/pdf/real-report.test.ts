/**
 * The three templates on a real engine run of the bundled example, read back with pdftotext and
 * pdfjs: page limits, sections, year format, units, labels for people, no raw JSON.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/data/examples/index';
import { exampleProvenance } from '../../../src/data/examples/provenance';
import { parsePriceCsv } from '../../../src/data/prices';
import { runBacktest } from '../../../src/engine/run';
import { writePdf } from '../../../src/export/pdf/index';
import { buildReport } from '../../../src/report/build';
import { formatDisplayValue } from '../../../src/report/format';
import type { PdfTemplate, Report } from '../../../src/report/model.types';
import { pdftotextPages, readPdf, type PdfReadBack } from './read-pdf';

/** A year with a thousands separator (`2,021`) at the start of a table row or after a month name: never printed. */
const GROUPED_YEAR = /(?:^|\n)\s*(?:1,9|2,0|2,1)\d\d\b(?![,.]\d)|(?:January|February|March|April|May|June|July|August|September|October|November|December) [12],\d{3}\b/;
/** Raw JSON of trade details: never printed. */
const RAW_JSON = /[{[]\s*"[a-z_]+"\s*:/;
/** Keys of the data files that must not reach a reader. */
const SNAKE_KEYS = ['annualized_return', 'trade_details', 'trigger_reason', 'equal_weight', 'portfolio_value', 'cash_weight', 'max_drawdown'];

interface Written {
  report: Report;
  pdf: PdfReadBack;
  /** pdftotext -layout, one string per page (rows of a table stay on one line). */
  pages: string[];
  /** Every page's pdftotext text. */
  all: string;
}

/** Whether a fill colour within `tolerance` per channel of `rgb` was set (PDF colours are stored as rounded fractions). */
function hasFillNear(fills: string[], rgb: [number, number, number], tolerance = 3): boolean {
  return fills.some((hex) => {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    return m !== null && [1, 2, 3].every((i) => Math.abs(parseInt(m[i] ?? '0', 16) - (rgb[i - 1] ?? 0)) <= tolerance);
  });
}

function expectContains(text: string, needle: string, where = 'the text'): void {
  if (!text.includes(needle)) throw new Error(`expected ${where} to contain ${JSON.stringify(needle)}`);
}

function expectClean(written: Written): void {
  written.pages.forEach((page, i) => {
    const grouped = GROUPED_YEAR.exec(page);
    if (grouped) throw new Error(`page ${i + 1} prints a year with a separator: "${grouped[0]}"`);
    const json = RAW_JSON.exec(page);
    if (json) throw new Error(`page ${i + 1} prints raw JSON: "${json[0]}"`);
    for (const key of SNAKE_KEYS) if (page.includes(key)) throw new Error(`page ${i + 1} prints the key ${key}`);
  });
}

describe('PDF templates of the bundled crypto example', () => {
  const written = new Map<PdfTemplate, Written>();
  beforeAll(async () => {
    const example = EXAMPLES[0];
    if (!example) throw new Error('no bundled example');
    const prices = await example.loadPrices();
    const result = runBacktest({ config: example.config, prices: parsePriceCsv(prices) });
    for (const template of ['executive', 'detailed', 'compliance'] as const) {
      const report = buildReport(
        result,
        { formats: ['pdf'], template, bom: true, author: 'Test' },
        { generatedAt: '2025-09-06T08:38:40Z', inputs: { prices: { name: `${example.id}.csv`, bytes: prices.length, sha256: 'c'.repeat(64), ...exampleProvenance(example) } } },
      );
      const bytes = (await writePdf(report, { fileName: 'crypto.pdf' })).bytes;
      const pages = pdftotextPages(bytes, true);
      written.set(template, { report, pdf: await readPdf(bytes), pages, all: pages.join('\n') });
    }
  }, 300_000);

  const get = (template: PdfTemplate): Written => {
    const w = written.get(template);
    if (!w) throw new Error(`${template} not written`);
    return w;
  };

  it('executive: a factsheet of at most two pages with every block of the brief', () => {
    const { pdf, pages, report } = get('executive');
    expect(pdf.pageCount).toBeLessThanOrEqual(2);
    expect(pages.length).toBe(pdf.pageCount);
    const [first = '', second = ''] = pages;
    expectContains(first, report.meta.title, 'page 1');
    expectContains(first, '2020-01-01 to 2024-12-31', 'page 1');
    expectContains(first, 'Strategy: Risk parity of BTC, ETH, SOL, ADA, XRP', 'page 1');
    for (const figure of report.meta.keyFigures) {
      expectContains(first, figure.label, 'page 1');
      expectContains(first, formatDisplayValue(figure.values[0] ?? null, figure.type), 'page 1');
      // Compared with the benchmarks, by name as people read it.
      expectContains(first, `Bitcoin: ${formatDisplayValue(figure.values[1] ?? null, figure.type)}`, 'page 1');
    }
    expectContains(first, 'Equity curve', 'page 1');
    for (const block of ['Monthly returns', 'drawdowns', 'Current allocation and risk', 'Risk contributions']) expectContains(second, block, 'page 2');
    expectContains(second, 'Data: Synthetic prices, not market data (crypto-risk-parity.csv). Source: Generated in the browser by', 'the footnote');
    expectContains(second, 'Costs: 0.10% of each trade’s value', 'the footnote');
    expectContains(second, 'Rebalancing: monthly calendar rebalancing, and whenever a weight drifts out of the 5/25 band', 'the footnote');
    expectContains(second, 'Generated 2025-09-06T08:38:40Z by Backfolio', 'the footnote');
    expect(pdf.outline.map((o) => o.page)).toEqual([1, 2]);
    expectClean(get('executive'));
  });

  it('executive: losses in red, years as years', () => {
    const { pdf, pages } = get('executive');
    // Max drawdown is a loss: its tile value is red.
    expect(hasFillNear(pdf.pages[0]?.fillColors ?? [], [192, 28, 28])).toBe(true);
    expect(pages[1]).toMatch(/\b2020\b[\s\S]*\b2024\b/);
  });

  it('detailed: analysis first, at most 30 pages, each chapter where the contents say', () => {
    const { pdf, pages } = get('detailed');
    expect(pdf.pageCount).toBeLessThanOrEqual(30);
    const titles = pdf.outline.map((o) => o.title);
    expect(titles.slice(0, 3)).toEqual(['Performance', 'Drawdowns', 'Risk']);
    for (const title of ['Allocation', 'Trading', 'Monthly returns', 'Return distribution', 'Methodology and glossary']) expect(titles).toContain(title);
    const cover = pages[0] ?? '';
    expectContains(cover, 'Contents');
    for (const entry of pdf.outline) {
      expect(pdf.pages[entry.page - 1]?.lines[1], entry.title).toBe(entry.title);
      expect(cover).toMatch(new RegExp(`${entry.title}[ .]*\\n?[\\s\\S]*?\\b${entry.page}\\b`));
    }
    expect(pdf.pages[0]?.links.map((l) => l.targetPage).sort((a, b) => a - b)).toEqual(pdf.outline.map((o) => o.page).sort((a, b) => a - b));
    for (const page of pdf.pages.slice(1)) expect(page.text).toContain(`page ${page.number} of ${pdf.pageCount}`);
  });

  it('detailed: opens each chapter with plain sentences and names units', () => {
    const { pdf } = get('detailed');
    const all = get('detailed').all.replace(/\s+/g, ' ');
    expect(all).toMatch(/returned [\d,.]+% from 2020-01-01 to 2024-12-31, [\d.]+% a year/);
    expect(all).toMatch(/The deepest drawdown was -[\d.]+%, from the peak on \d{4}-\d\d-\d\d/);
    expect(get('detailed').all).toMatch(/Longest drawdown +[\d,]+ days +[\d,]+ days/);
    expect(all).toMatch(/lasted [\d,]+ days/);
    expect(all).toMatch(/\d+ rebalances executed [\d,]+ trades costing USD [\d,.]+ in total/);
    const performance = pdf.pages[(pdf.outline.find((o) => o.title === 'Performance')?.page ?? 1) - 1]?.text ?? '';
    expect(performance).toContain('Total costs (USD)');
    expectClean(get('detailed'));
  });

  it('detailed: summarises long series as month-end rows and says so, how and how many', () => {
    const { all, report } = get('detailed');
    const daily = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'daily_portfolio_data');
    const trades = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'transaction_log');
    if (!daily || !trades) throw new Error('missing tables');
    const flat = all.replace(/\s+/g, ' ');
    expect(flat).toContain(`Month-end rows: 60 of ${daily.rows.length.toLocaleString('en-US')} rows (the last date of each month), ${(daily.rows.length - 60).toLocaleString('en-US')} left out.`);
    expect(flat).toContain('Every row is in the CSV package and the workbook.');
    expect(flat).toContain(`The ${trades.rows.length} individual trades are not listed here`);
    expect(flat).toMatch(/Rebalances by reason and year/);
    // The readable rebalance table: date, reason, assets, cost; never JSON.
    expect(flat).toMatch(/2020-01-01 Initial BTC, ETH, SOL, ADA, XRP/);
  });

  it('detailed: red only for losses: the Drawdowns chapter, whose depths and shortening note are not returns, has none', () => {
    const { pdf } = get('detailed');
    const pages = pageRange(pdf, 'Drawdowns');
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(hasFillNear(page.fillColors, [192, 28, 28]), `page ${page.number}`).toBe(false);
  });

  it('detailed: colours the monthly heatmap like the workbook', () => {
    const { pdf } = get('detailed');
    const page = pdf.pages[(pdf.outline.find((o) => o.title === 'Monthly returns')?.page ?? 1) - 1];
    // Losses fill towards #F8696B, gains towards #63BE7B: both ends appear among the fills.
    expect(hasFillNear(page?.fillColors ?? [], [248, 105, 107])).toBe(true);
    expect(hasFillNear(page?.fillColors ?? [], [99, 190, 123])).toBe(true);
  });

  it('compliance: every trade, compact landscape appendices, configuration, hashes and record', () => {
    const { pdf, all, report } = get('compliance');
    const trades = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'transaction_log');
    const daily = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'daily_portfolio_data');
    if (!trades || !daily) throw new Error('missing tables');
    const titles = pdf.outline.map((o) => o.title);
    for (const title of ['Appendix: transaction log', 'Appendix: daily portfolio data', 'Configuration', 'Data and hashes', 'Export record']) expect(titles).toContain(title);
    const tradePages = pageRange(pdf, 'Appendix: transaction log');
    for (const page of tradePages) expect(page.width).toBeGreaterThan(page.height);
    const tradeText = tradePages.map((p) => p.text).join(' ');
    expect((tradeText.match(/\b\d{4}-\d\d-\d\d rebalance\b/g) ?? []).length).toBe(trades.rows.length);
    const dailyText = pageRange(pdf, 'Appendix: daily portfolio data').map((p) => p.text).join(' ');
    for (const row of [daily.rows[0], daily.rows[900], daily.rows[daily.rows.length - 1]]) expect(dailyText).toContain(String(row?.[0]));
    expect((dailyText.match(/\b20\d\d-\d\d-\d\d\b/g) ?? []).length).toBe(daily.rows.length);
    // Compact: far fewer pages than one row a line at body size would take.
    expect(pdf.pageCount).toBeLessThan(100);
    expect(all).toContain('"rebalance_threshold": "5/25"');
    expect(all.replace(/\s/g, '')).toContain('c'.repeat(64));
    expect(all).toContain('crypto.pdf');
    // Summaries in the analysis chapters point to the appendix, which prints every row.
    expect(all.replace(/\s+/g, ' ')).toContain('Every row is in the appendix of this report');
    // The configuration and the export options are JSON by design; every other page reads as prose and tables.
    const json = new Set([...pageRange(pdf, 'Configuration'), ...pageRange(pdf, 'Export record')].map((p) => p.number));
    expectClean({ ...get('compliance'), pages: get('compliance').pages.filter((_, i) => !json.has(i + 1)) });
  });
});

/** The pages of the chapter titled `title` (up to the next chapter). */
function pageRange(pdf: PdfReadBack, title: string): PdfReadBack['pages'] {
  const index = pdf.outline.findIndex((o) => o.title === title);
  const first = pdf.outline[index]?.page ?? 0;
  const next = pdf.outline[index + 1]?.page ?? pdf.pageCount + 1;
  return pdf.pages.filter((p) => p.number >= first && p.number < next);
}
