/**
 * The workbook read by openpyxl, an independent reader (Debian's python3-openpyxl, which .ci/run
 * installs; a missing one fails the test): sheets, cell types, number formats, formulas with
 * their cached values, page setup, and the Overview's charts, whose series must point at
 * existing ranges holding exactly the cached values, and whose XML must survive openpyxl's
 * model: no element it does not know, no child out of the schema order it writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../../src/export/xlsx/workbook';
import type { Report, ReportTable } from '../../../src/report/model.types';
import { cellType } from '../../../src/report/model.types';
import { toNumber } from '../../../src/report/format';
import { requirePython } from '../../support/tools';
import { COLS, expectedCell, sheetLetters } from './expect-sheet';
import { buildExampleReport } from './fixtures/example';
import { createFixtureReport, type FixtureFacts } from './fixtures/report';

const python = requirePython(['openpyxl', 'lxml']);

type Plain = string | number | boolean | { serial: number } | null;
interface CellRead {
  ref: string;
  type: string;
  value: Plain;
  format: string;
  cached?: Plain;
}
interface SheetRead {
  cells: CellRead[];
  freeze: string | null;
  autofilter: string | null;
  printTitleRows: string | null;
  printArea: string[] | null;
  orientation: string;
  fitToWidth: number;
  fitToHeight: number;
  fitToPage: boolean;
  header: { left: string | null; right: string | null };
  footer: { left: string | null; right: string | null };
  rowBreaks: number[];
}
interface SeriesRead {
  name: string | null;
  values: string;
  valuesCache: { format: string; count: number; points: Record<string, number> };
  valuesCells: { sheet: string; missing?: boolean; values?: Plain[] };
  categories: string | null;
  categoriesKind: 'num' | 'str';
  categoriesCache: { count: number; points: Record<string, number | string> } | null;
  categoriesCells: { sheet: string; missing?: boolean; values?: Plain[] } | null;
}
interface ChartRead {
  type: string;
  title: string | null;
  series: SeriesRead[];
  legend: string | null;
  anchorRow: number;
  width: number;
  height: number;
}
interface WorkbookRead {
  sheetNames: string[];
  sheets: Record<string, SheetRead>;
  charts: Record<string, ChartRead[]>;
  chartParts: Record<
    string,
    {
      axes: { tag: string; format: string | null; majorUnit: number | null; majorTimeUnit: string | null; logBase: number | null; min: number | null; max: number | null; minorGridlines: boolean }[];
      validation: { lost: string[]; disorder: unknown[] };
    }
  >;
  warnings: string[];
}

function readWithOpenpyxl(file: string): WorkbookRead {
  const out = execFileSync(python, [join(__dirname, 'read_with_openpyxl.py'), file], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 240_000 });
  return JSON.parse(out) as WorkbookRead;
}

function cellMap(sheet: SheetRead | undefined): Map<string, CellRead> {
  return new Map((sheet?.cells ?? []).map((c) => [c.ref, c]));
}

/** What openpyxl shows for a cell the writer wrote as `expected` (dates as serials through `{ serial }`). */
function asRead(value: Plain): number | string | null {
  if (value !== null && typeof value === 'object') return value.serial;
  return typeof value === 'boolean' ? String(value) : value;
}

/** Every table of the report as openpyxl reads it: header keys, types, values, formats. */
function expectTablesRead(book: WorkbookRead, report: Report): void {
  for (const section of report.sections) {
    const cells = cellMap(book.sheets[section.title]);
    let header = section.tables.length > 1 ? 2 : 1;
    for (const table of section.tables) {
      expectTableRead(cells, table, header);
      header += table.rows.length + 3;
    }
  }
}

function expectTableRead(cells: Map<string, CellRead>, table: ReportTable, header: number): void {
  const letters = sheetLetters(table, COLS);
  table.columns.forEach((column, c) => expect(cells.get(`${letters[c]}${header}`)?.value).toBe(column.key));
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const ref = `${letters[c]}${header + 1 + r}`;
      const type = cellType(column, r);
      const expected = expectedCell(row[c] ?? null, type);
      const cell = cells.get(ref);
      if (expected === undefined) return expect([ref, cell]).toEqual([ref, undefined]);
      // openpyxl types a number under a date format as a date ('d').
      const readType = type.kind === 'date' && expected.t === 'n' ? 'd' : expected.t;
      expect([ref, cell?.type, asRead(cell?.value ?? null)]).toEqual([ref, readType, expected.v]);
      if (type.kind === 'date') expect([ref, cell?.format]).toEqual([ref, 'yyyy-mm-dd']);
      if (type.kind === 'percent') expect([ref, cell?.format]).toEqual([ref, `0.${'0'.repeat(type.decimals)}%;[Red]-0.${'0'.repeat(type.decimals)}%`]);
      if (type.kind === 'price') expect([ref, cell?.format]).toEqual([ref, '#,##0.0000########']);
    });
  });
}

/** Every chart's series point at existing cells that hold exactly their caches; the XML is valid for openpyxl. */
function expectChartsConsistent(book: WorkbookRead): void {
  for (const chart of book.charts['Overview'] ?? []) {
    for (const series of chart.series) {
      expect([series.values, series.valuesCells.missing ?? false]).toEqual([series.values, false]);
      const values = series.valuesCells.values ?? [];
      expect(series.valuesCache.count).toBe(values.length);
      values.forEach((v, i) => expect([series.values, i, series.valuesCache.points[String(i)] ?? null]).toEqual([series.values, i, asRead(v)]));
      const categories = series.categoriesCells?.values ?? [];
      expect(series.categoriesCache?.count).toBe(categories.length);
      categories.forEach((v, i) => expect([series.categories, i, series.categoriesCache?.points[String(i)] ?? null]).toEqual([series.categories, i, asRead(v)]));
    }
  }
  for (const [part, { validation }] of Object.entries(book.chartParts)) expect([part, validation]).toEqual([part, { lost: [], disorder: [] }]);
}

describe('openpyxl reads the workbook', () => {
  let dir: string;
  let report: Report;
  let facts: FixtureFacts;
  let book: WorkbookRead;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backfolio-xlsx-openpyxl-'));
    ({ report, facts } = createFixtureReport());
    const file = join(dir, 'fixture.xlsx');
    writeFileSync(file, (await writeWorkbook(report)).bytes);
    book = readWithOpenpyxl(file);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with its sheets, types, formats and no warnings', () => {
    expect(book.sheetNames).toEqual(['Overview', ...report.sections.map((s) => s.title), 'Metadata']);
    expect(book.warnings).toEqual([]);
    expectTablesRead(book, report);
  });

  it('with the Overview’s formulas and their cached values, the report’s metrics', () => {
    const cells = [...cellMap(book.sheets['Overview']).values()];
    const formulas = cells.filter((c) => c.type === 'f');
    expect(formulas).toHaveLength(13);
    const labelRow = (label: string): string => cells.find((c) => c.ref.startsWith('A') && c.value === label)?.ref.slice(1) ?? '';
    const at = (label: string, column = 'B'): CellRead | undefined => cells.find((c) => c.ref === `${column}${labelRow(label)}`);
    expect(at('Total return')).toMatchObject({ type: 'f', cached: facts.totalReturn, format: '0.00%;[Red]-0.00%' });
    expect(at('Volatility (annualized)', 'C')).toMatchObject({ type: 'f', cached: facts.benchVolatility });
    expect(at('Max drawdown', 'C')).toMatchObject({ type: 'f', cached: facts.benchMaxDrawdown });
    expect(at('Sharpe ratio')).toMatchObject({ type: 'f', cached: facts.sharpe });
    expect(at('Final value')).toMatchObject({ type: 'f', cached: facts.finalValue.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() });
    expect(String(at('Total return')?.value)).toMatch(/^='Daily'!B76\/\$B\$\d+-1$/);
    expect(at('Generated at')).toMatchObject({ type: 'd', value: { serial: 45906 + (8 * 3600 + 38 * 60 + 40) / 86400 }, format: 'yyyy-mm-dd hh:mm:ss' });
  });

  it('with the three charts over the data sheets, their names, axes and caches', () => {
    const charts = book.charts['Overview'] ?? [];
    expect(charts.map((c) => [c.type, c.title, c.legend])).toEqual([
      ['LineChart', 'Equity (USD)', 'b'],
      ['AreaChart', 'Drawdown of Risk parity ₿ crypto', 'b'],
      ['BarChart', 'Yearly returns', 'b'],
    ]);
    const [equity, drawdown, yearly] = charts;
    // The strategy is drawn last (on top) in the equity chart, first in the yearly columns.
    expect(equity?.series.map((s) => [s.name, s.values, s.categories])).toEqual([
      ['bitcoin', "'Daily'!$H$2:$H$76", "'Daily'!$A$2:$A$76"],
      ['Risk parity ₿ crypto', "'Daily'!$B$2:$B$76", "'Daily'!$A$2:$A$76"],
    ]);
    expect(drawdown?.series.map((s) => s.values)).toEqual(["'Daily'!$E$2:$E$76"]);
    expect(yearly?.series.map((s) => [s.name, s.values, s.categories])).toEqual([
      ['Risk parity ₿ crypto', "'Yearly Returns'!$B$2:$B$3", "'Yearly Returns'!$A$2:$A$3"],
      ['bitcoin', "'Yearly Returns'!$C$2:$C$3", "'Yearly Returns'!$A$2:$A$3"],
    ]);
    expectChartsConsistent(book);
    const axes = Object.values(book.chartParts).map((p) => p.axes.map((a) => [a.tag, a.format]));
    expect(axes).toEqual([
      [['dateAx', 'yyyy-mm-dd'], ['valAx', '#,##0 "USD"']],
      [['dateAx', 'yyyy-mm-dd'], ['valAx', '0%']],
      [['catAx', '0'], ['valAx', '0%']],
    ]);
    // Charts sit below the text, on their own page, one above the other.
    const breaks = book.sheets['Overview']?.rowBreaks ?? [];
    expect(breaks).toHaveLength(1);
    expect(equity?.anchorRow).toBe(breaks[0]);
    expect((drawdown?.anchorRow ?? 0) * 190500).toBeGreaterThanOrEqual((equity?.anchorRow ?? 0) * 190500 + (equity?.height ?? 0));
  });

  it('with every sheet set up to print one page wide, header rows repeated, page numbers', () => {
    for (const name of book.sheetNames) {
      const sheet = book.sheets[name];
      expect([name, sheet?.fitToPage, sheet?.fitToWidth, sheet?.fitToHeight]).toEqual([name, true, 1, 0]);
      expect([name, sheet?.footer.right]).toEqual([name, 'Page &P of &N']);
      expect([name, sheet?.header]).toEqual([name, { left: report.meta.title, right: '&A' }]);
    }
    for (const section of report.sections) {
      const sheet = book.sheets[section.title];
      const headerRow = section.tables.length > 1 ? 2 : 1;
      expect([section.title, sheet?.printTitleRows]).toEqual([section.title, `$1:$${headerRow}`]);
      expect([section.title, sheet?.freeze]).toEqual([section.title, `A${headerRow + 1}`]);
    }
    expect(book.sheets['Daily']?.orientation).toBe('landscape');
    expect(book.sheets['Daily']?.printArea).toEqual(['$A$1:$H$76']);
    expect(book.sheets['Drawdowns']?.orientation).toBe('portrait');
  });
});

describe('openpyxl reads the bundled example’s workbook', () => {
  let dir: string;
  let report: Report;
  let book: WorkbookRead;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backfolio-xlsx-openpyxl-example-'));
    ({ report } = await buildExampleReport());
    const file = join(dir, 'example.xlsx');
    writeFileSync(file, (await writeWorkbook(report)).bytes);
    book = readWithOpenpyxl(file);
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with every table, the key figures as cached formulas of every portfolio, and consistent charts', () => {
    expect(book.warnings).toEqual([]);
    expectTablesRead(book, report);
    const cells = [...cellMap(book.sheets['Overview']).values()];
    for (const figure of report.meta.keyFigures) {
      const row = cells.find((c) => c.ref.startsWith('A') && c.value === figure.label)?.ref.slice(1);
      figure.values.forEach((value, i) => {
        const cell = cells.find((c) => c.ref === `${COLS[i + 1]}${row}`);
        const expected = toNumber(value);
        const rounded = expected !== null && figure.type.kind === 'currency' ? new Decimal(expected).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() : expected;
        // Every portfolio's key figure is a formula over the data sheets, cached with the metric.
        expect([figure.key, i, cell?.type, cell?.cached]).toEqual([figure.key, i, 'f', rounded]);
      });
    }
    const charts = book.charts['Overview'] ?? [];
    const benchmarks = report.meta.portfolios.filter((p) => p.role === 'benchmark').map((p) => p.name);
    expect(charts[0]?.series.map((s) => s.name)).toEqual([...benchmarks, report.meta.portfolios[0]?.name]);
    expectChartsConsistent(book);
  });

  it('with the equity chart on a log value axis (base 10) around every value, as the report’s chart spec says', () => {
    expect(report.sections.flatMap((s) => s.charts).find((c) => c.id === 'equity')?.yScale).toBe('log');
    const [equity, drawdown, yearly] = Object.values(book.chartParts).map((p) => p.axes.find((a) => a.tag === 'valAx'));
    expect(equity).toMatchObject({ logBase: 10, minorGridlines: true });
    const cached = (book.charts['Overview']?.[0]?.series ?? []).flatMap((s) => Object.values(s.valuesCache.points).map(Number));
    expect(equity?.min).toBeLessThanOrEqual(Math.min(...cached));
    expect(equity?.max).toBeGreaterThanOrEqual(Math.max(...cached));
    // Bounds on 1, 2 or 5 × 10ⁿ, within one such step of the values.
    for (const bound of [equity?.min, equity?.max]) expect(String(bound)).toMatch(/^[125]0*$/);
    expect((equity?.max ?? 0) / Math.max(...cached)).toBeLessThanOrEqual(2.5);
    expect(Math.min(...cached) / (equity?.min ?? 1)).toBeLessThanOrEqual(2.5);
    // Drawdown and yearly returns stay linear (they cross zero).
    expect([drawdown?.logBase ?? null, yearly?.logBase ?? null, drawdown?.minorGridlines]).toEqual([null, null, false]);
  });
});
