/**
 * Opens the workbook in LibreOffice and compares what it reads with the report: raw values sheet
 * by sheet, cells as shown under their number formats, the Overview's formulas recalculated
 * (same values shown as their caches), the charts drawn on the printed Overview, and every sheet
 * printed one page wide. LibreOffice and poppler are Debian packages that .ci/run installs;
 * without them this test fails (a skipped reader check hides defects).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKBOOK_CHART_COLORS } from '../../../src/export/xlsx/overview-charts';
import { writeWorkbook } from '../../../src/export/xlsx/workbook';
import type { CellValue, ColumnType, Report, ReportTable } from '../../../src/report/model.types';
import { cellType } from '../../../src/report/model.types';
import { sheetLetters } from './expect-sheet';
import { buildExampleReport } from './fixtures/example';
import { createFixtureReport } from './fixtures/report';
import { convertToCsv, convertWith, countColour, countPdfPages, createProfile, readCsv, renderPdfPage } from './office';

/** LibreOffice's raw text of a value as a comparable number or string. */
function expectedRaw(value: CellValue, type: ColumnType): string | number {
  if (value === null) return '';
  switch (type.kind) {
    case 'date':
    case 'text':
    case 'json':
      return String(value);
    case 'currency':
    case 'quantity':
      return new Decimal(value.toString()).toDecimalPlaces(type.decimals, Decimal.ROUND_HALF_UP).toNumber();
    default:
      return Decimal.isDecimal(value) ? value.toNumber() : Number(value);
  }
}

function parseRaw(text: string): number {
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}

const LETTERS = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));

function compareTable(rows: string[][], table: ReportTable, headerIndex: number): void {
  const index = sheetLetters(table, LETTERS).map((letter) => letter.charCodeAt(0) - 65);
  expect(index.map((i) => rows[headerIndex]?.[i])).toEqual(table.columns.map((c) => c.key));
  if (table.rowLabels) expect(rows.slice(headerIndex + 1, headerIndex + 1 + table.rows.length).map((r) => r[1])).toEqual(table.rowLabels);
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const got = rows[headerIndex + 1 + r]?.[index[c] ?? c] ?? '';
      const want = expectedRaw(row[c] ?? null, cellType(column, r));
      if (typeof want === 'string') expect([r, column.key, got]).toEqual([r, column.key, want]);
      else {
        const n = parseRaw(got);
        // LibreOffice writes 15 significant digits.
        expect([r, column.key, Math.abs(n - want) <= 1e-13 * Math.max(1, Math.abs(want))]).toEqual([r, column.key, true]);
      }
    });
  });
}

describe('LibreOffice', () => {
  let dir: string;
  let report: Report;
  let file: string;
  let cached: string;
  let recalculating: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backfolio-xlsx-lo-'));
    ({ report } = createFixtureReport());
    file = join(dir, 'book.xlsx');
    writeFileSync(file, (await writeWorkbook(report)).bytes);
    cached = createProfile(join(dir, 'cached'), false);
    recalculating = createProfile(join(dir, 'recalculating'), true);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every sheet with the report’s values and shows them formatted', () => {
    convertToCsv(cached, file, join(dir, 'raw'), false);
    convertToCsv(cached, file, join(dir, 'shown'), true);
    for (const section of report.sections) {
      const rows = readCsv(join(dir, 'raw', `book-${section.title}.csv`));
      let header = section.tables.length > 1 ? 1 : 0;
      for (const table of section.tables) {
        compareTable(rows, table, header);
        header += table.rows.length + 3;
      }
    }
    const daily = readCsv(join(dir, 'shown', 'book-Daily.csv'));
    expect(daily[1]?.slice(0, 3)).toEqual(['2024-01-01', '9,987.65 USD', '-0.12%']);
    const trades = readCsv(join(dir, 'shown', 'book-Trades.csv'));
    expect(trades[1]?.slice(4, 6)).toEqual(['0.12345678', '42,000.5000']);
    expect(trades[2]?.slice(4, 8)).toEqual(['1.12345678', '0.00001234', '1.13 USD', '=HYPERLINK("http://x")']);
    const overview = readCsv(join(dir, 'shown', 'book-Overview.csv'));
    const finalValue = overview.find((row) => row[0] === 'Final value');
    expect(finalValue?.slice(1, 3)).toEqual(['9,036.54 USD', '9,820.02 USD']);
    const maxDrawdown = overview.find((row) => row[0] === 'Max drawdown');
    expect(maxDrawdown?.[1]).toBe('-15.98%');
    expect(overview.find((row) => row[0] === 'Generated at')?.slice(1, 3)).toEqual(['2025-09-06 08:38:40', 'UTC']);
    const trailing = readCsv(join(dir, 'shown', 'book-Trailing Returns.csv'));
    expect(trailing[0]).toEqual(['period', 'label', 'risk_parity_crypto', 'bitcoin']);
    expect(trailing[9]?.slice(0, 3)).toEqual(['inception', 'Since inception (ann.)', '25.00%']);
  });

  it('recalculates the Overview’s formulas to the values their caches show', () => {
    convertToCsv(cached, file, join(dir, 'before'), true);
    convertToCsv(recalculating, file, join(dir, 'after'), true);
    convertToCsv(recalculating, file, join(dir, 'after-raw'), false);
    const before = readCsv(join(dir, 'before', 'book-Overview.csv'));
    const after = readCsv(join(dir, 'after', 'book-Overview.csv'));
    // Every sheet opened (none refused or repaired into something else), and the shown values agree.
    for (const title of ['Overview', ...report.sections.map((s) => s.title), 'Metadata']) expect([title, existsSync(join(dir, 'after', `book-${title}.csv`))]).toEqual([title, true]);
    expect(after).toEqual(before);
    const raw = readCsv(join(dir, 'after-raw', 'book-Overview.csv'));
    const keyFigures = raw.findIndex((row) => row[0] === 'Key figures');
    const volatility = raw.slice(keyFigures).find((row) => row[0] === 'Volatility (annualized)');
    // Recalculated from the Daily sheet, not copied from the cache: it differs from the engine's value in far digits only.
    expect(Math.abs(parseRaw(volatility?.[2] ?? '') - 0.0748675050175452)).toBeLessThan(5e-5);
    expect(parseRaw(volatility?.[2] ?? '')).not.toBe(0.0748675050175452);
  });

  it('draws the Overview’s charts and prints every sheet one page wide', () => {
    const pdfDir = join(dir, 'pdf');
    convertWith(cached, file, 'pdf', pdfDir);
    const pdf = join(pdfDir, 'book.pdf');
    // Overview 2 pages (text, then the three charts), Daily 2 (75 rows), one page for each other sheet.
    expect(countPdfPages(pdf)).toBeLessThanOrEqual(report.sections.length + 6);
    const charts = renderPdfPage(pdf, 2, 50);
    expect(countColour(charts, WORKBOOK_CHART_COLORS.strategy)).toBeGreaterThan(2000);
    expect(countColour(charts, WORKBOOK_CHART_COLORS.benchmarks[0] ?? '')).toBeGreaterThan(500);
    const text = renderPdfPage(pdf, 1, 50);
    expect(countColour(text, WORKBOOK_CHART_COLORS.strategy)).toBe(0);
  });
});

describe('LibreOffice with the bundled example’s workbook', () => {
  let dir: string;
  let file: string;
  let cached: string;
  let report: Report;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backfolio-xlsx-lo-example-'));
    ({ report } = await buildExampleReport());
    file = join(dir, 'example.xlsx');
    writeFileSync(file, (await writeWorkbook(report)).bytes);
    cached = createProfile(join(dir, 'cached'), false);
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints in about a hundred pages (five years of daily rows), its charts drawn on the Overview', () => {
    convertWith(cached, file, 'pdf', join(dir, 'pdf'));
    const pdf = join(dir, 'pdf', 'example.pdf');
    // 1,827 daily rows on three sheets take most of them; before page setup it was 297 pages.
    expect(countPdfPages(pdf)).toBeLessThanOrEqual(110);
    const charts = renderPdfPage(pdf, 2, 50);
    expect(countColour(charts, WORKBOOK_CHART_COLORS.strategy)).toBeGreaterThan(1500);
    for (const benchmark of WORKBOOK_CHART_COLORS.benchmarks.slice(0, 2)) expect(countColour(charts, benchmark)).toBeGreaterThan(300);
  }, 300_000);

  it('reads the equity chart’s value axis as logarithmic with its bounds, as the PDF and the page draw it', () => {
    const equitySpec = report.sections.flatMap((s) => s.charts).find((c) => c.id === 'equity');
    expect(equitySpec?.yScale).toBe('log');
    // LibreOffice's own file keeps each chart as an object whose axis styles say how it read them.
    convertWith(cached, file, 'ods', join(dir, 'ods'));
    const files = unzipSync(new Uint8Array(readFileSync(join(dir, 'ods', 'example.ods'))));
    const charts = Object.entries(files)
      .filter(([name]) => /^Object \d+\/content\.xml$/.test(name))
      .map(([, bytes]) => strFromU8(bytes));
    const chartTitled = (title: string): string => charts.find((xml) => xml.includes(`<text:p>${title}</text:p>`)) ?? '';
    const logAxes = (xml: string): string[] => [...xml.matchAll(/chart:logarithmic="true"/g)].map((m) => m[0]);
    const equity = chartTitled('Equity (USD)');
    expect(logAxes(equity)).toHaveLength(1);
    const bounds = [/chart:minimum="([\d.]+)"/.exec(equity)?.[1], /chart:maximum="([\d.]+)"/.exec(equity)?.[1]].map(Number);
    // Every value of the equity chart lies inside the bounds, which are 1, 2 or 5 × 10ⁿ.
    const daily = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'daily_portfolio_data');
    const valueColumns = (daily?.columns ?? []).map((c, i) => [c.key, i] as const).filter(([key]) => key === 'portfolio_value' || key.endsWith('_value'));
    const values = (daily?.rows ?? []).flatMap((row) => valueColumns.map(([, i]) => Number(row[i]?.toString())));
    expect(bounds[0]).toBeLessThanOrEqual(Math.min(...values));
    expect(bounds[1]).toBeGreaterThanOrEqual(Math.max(...values));
    for (const bound of bounds) expect(String(bound)).toMatch(/^[125]0*$/);
    expect(logAxes(chartTitled('Yearly returns'))).toEqual([]);
    expect(charts.filter((xml) => logAxes(xml).length > 0)).toHaveLength(1);
  }, 300_000);

  it('recalculates every key figure of every portfolio to the value shown from its cache', () => {
    const recalculating = createProfile(join(dir, 'recalculating'), true);
    const overviewOnly = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1';
    convertWith(cached, file, overviewOnly, join(dir, 'before'));
    convertWith(recalculating, file, overviewOnly, join(dir, 'after'));
    const before = readCsv(join(dir, 'before', 'example-Overview.csv'));
    expect(before.find((row) => row[0] === 'Max drawdown')?.slice(1, 4)).toEqual(['-73.42%', '-60.70%', '-74.65%']);
    expect(readCsv(join(dir, 'after', 'example-Overview.csv'))).toEqual(before);
  }, 300_000);
});
