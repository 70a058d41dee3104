import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as XLSX from 'xlsx';
import { BackfolioError } from '../../../src/errors';
import { xlsxWriter, XLSX_MIME_TYPE } from '../../../src/export/xlsx/index';
import { FALLBACK_MARK, FALLBACK_NOTE } from '../../../src/export/xlsx/overview';
import { writeWorkbook } from '../../../src/export/xlsx/workbook';
import type { CellValue, Report, ReportTable } from '../../../src/report/model.types';
import { COLS, expectFormulasMatchCache, expectTableInSheet, serialOf } from './expect-sheet';
import { createFixtureReport, createHostReport, type FixtureFacts } from './fixtures/report';
import { getCell, readParts, readSheetXml, readWorkbook } from './read-back';
import { checkWellFormed } from './xml-check';

describe('writeWorkbook on a full backtest report', () => {
  let report: Report;
  let facts: FixtureFacts;
  let bytes: Uint8Array;
  let rows: number;
  let wb: XLSX.WorkBook;
  let xml: Record<string, string>;

  beforeAll(async () => {
    ({ report, facts } = createFixtureReport());
    ({ bytes, rows } = await writeWorkbook(report));
    wb = readWorkbook(bytes);
    xml = readSheetXml(bytes);
  });

  it('has the sheets in the contract order', () => {
    expect(wb.SheetNames).toEqual([
      'Overview', 'Performance', 'Daily', 'Allocations', 'Trades', 'Rebalances', 'Risk', 'Drawdowns', 'Rolling', 'Monthly Returns',
      'Yearly Returns', 'Trailing Returns', 'Metadata',
    ]);
  });

  it('writes every table cell with its real type, value and format', () => {
    for (const section of report.sections) {
      const sheet = wb.Sheets[section.title];
      if (section.tables.length === 1) {
        expectTableInSheet(sheet, section.tables[0] as ReportTable, 1, COLS);
      } else {
        // Stacked: title row, header, rows, blank row, next title…
        let row = 1;
        for (const table of section.tables) {
          expect(getCell(sheet, `A${row}`)).toMatchObject({ t: 's', v: table.title });
          expectTableInSheet(sheet, table, row + 1, COLS);
          row += table.rows.length + 3;
        }
      }
    }
    expect(rows).toBe(report.sections.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.rows.length, 0), 0));
  });

  it('keeps formula-like text as text', () => {
    const trades = wb.Sheets['Trades'];
    expect(getCell(trades, 'H3')).toMatchObject({ t: 's', v: '=HYPERLINK("http://x")' });
    expect(getCell(trades, 'H3').f).toBeUndefined();
    expect(xml['Trades']).not.toContain('<f>');
  });

  it('shows dates as yyyy-mm-dd and negative percentages in red', () => {
    expect(getCell(wb.Sheets['Daily'], 'A2').w).toBe('2024-01-01');
    expect(getCell(wb.Sheets['Daily'], 'A76').w).toBe(facts.dates[74]);
    expect(getCell(wb.Sheets['Daily'], 'C2').z).toContain('[Red]-');
  });

  it('computes key figures on Overview by formulas over the data sheets, cached with the report values', () => {
    const ov = wb.Sheets['Overview'];
    const labels = new Map<string, number>();
    for (let r = 1; r <= 60; r += 1) {
      const a = ov?.[`A${r}`] as XLSX.CellObject | undefined;
      if (a?.t === 's') labels.set(String(a.v), r);
    }
    const at = (label: string, col = 'B'): XLSX.CellObject => getCell(ov, `${col}${labels.get(label) ?? 0}`);
    const capitalRow = labels.get('Initial capital');
    expect(at('Initial capital').v).toBe(10000);

    const ppyRow = labels.get('Periods per year');
    const rfRow = labels.get('Risk-free rate');
    expect(at('Risk-free rate')).toMatchObject({ t: 'n', v: 0.02, z: '0.00%;[Red]-0.00%' });
    const row = (label: string): number => labels.get(label) ?? 0;

    expect(at('Final value')).toMatchObject({ t: 'n', f: "'Daily'!B76", v: facts.finalValue.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() });
    expect(at('Final value', 'C')).toMatchObject({ f: "'Daily'!H76", v: facts.benchFinal.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() });
    expect(at('Total return')).toMatchObject({ t: 'n', f: `'Daily'!B76/$B$${capitalRow}-1`, v: facts.totalReturn, z: '0.00%;[Red]-0.00%' });
    expect(at('Annualized return')).toMatchObject({ f: `(1+B${row('Total return')})^($B$${ppyRow}/ROWS('Daily'!C3:C76))-1`, v: facts.annualized });
    expect(at('Annualized return', 'C').f).toBe(`(1+C${row('Total return')})^($B$${ppyRow}/ROWS('Daily'!C3:C76))-1`);
    // Returns are the market periods: day 0's return (the initial purchase) is left out.
    expect(at('Volatility (annualized)')).toMatchObject({ f: `STDEV('Daily'!C3:C76)*SQRT($B$${ppyRow})`, v: facts.volatility });
    expect(at('Volatility (annualized)', 'C')).toMatchObject({ f: `STDEV('Daily'!H3:H76/'Daily'!H2:H75)*SQRT($B$${ppyRow})`, v: facts.benchVolatility });
    expect(at('Sharpe ratio')).toMatchObject({ f: `(B${row('Annualized return')}-$B$${rfRow})/B${row('Volatility (annualized)')}`, v: facts.sharpe });
    expect(at('Max drawdown')).toMatchObject({ f: "MIN('Daily'!E2:E76)", v: facts.maxDrawdown });
    // A benchmark's drawdown from its value column, the initial capital as the first peak (an array formula).
    expect(at('Max drawdown', 'C')).toMatchObject({ t: 'n', v: facts.benchMaxDrawdown });
    expect(at('Max drawdown', 'C').f).toBe(
      `MIN('Daily'!H2:H76/IF(SUBTOTAL(4,OFFSET('Daily'!H2,0,0,ROW('Daily'!H2:H76)-1))>$B$${capitalRow},SUBTOTAL(4,OFFSET('Daily'!H2,0,0,ROW('Daily'!H2:H76)-1)),$B$${capitalRow}))-1`,
    );
    expect(at('Max drawdown', 'C').F).toBe(`C${row('Max drawdown')}:C${row('Max drawdown')}`);
    expect(at('Number of trades')).toMatchObject({ f: "COUNTA('Trades'!A2:A8)", v: facts.numTrades });
    expect(at('Total costs')).toMatchObject({ f: "SUM('Trades'!G2:G8)", v: facts.totalCosts.toNumber() });
    // A benchmark has no trade log: plain values; a metric the report leaves empty stays empty.
    expect(at('Number of trades', 'C')).toMatchObject({ t: 'n', v: 1 });
    expect(at('Number of trades', 'C').f).toBeUndefined();
    expect(ov?.[`C${row('Sharpe ratio')}`]).toBeUndefined();
    // No fallback note: every formula agreed with the report.
    expect(JSON.stringify(ov)).not.toContain(FALLBACK_NOTE);
  });

  it('writes generated-at as a date-time cell', () => {
    const ov = wb.Sheets['Overview'] as XLSX.WorkSheet;
    const ref = Object.entries(ov).find(([, c]) => (c as XLSX.CellObject).v === 'Generated at')?.[0] ?? '';
    // 2025-09-06T08:38:40Z: serial 45906 plus 8 h 38 min 40 s.
    expect(getCell(ov, ref.replace('A', 'B'))).toMatchObject({ t: 'n', v: 45906 + (8 * 3600 + 38 * 60 + 40) / 86400, z: 'yyyy-mm-dd hh:mm:ss' });
    expect(getCell(ov, ref.replace('A', 'B')).w).toBe('2025-09-06 08:38:40');
  });

  it('has formulas whose recomputed values equal their cached values', () => {
    const checked = expectFormulasMatchCache(wb);
    expect(checked).toBe(13);
  });

  it('gives every data sheet a styled frozen header and an autofilter, fitted widths', () => {
    for (const section of report.sections) {
      const sheetXml = xml[section.title] ?? '';
      const first = section.tables[0] as ReportTable;
      const headerRow = section.tables.length > 1 ? 2 : 1;
      expect(sheetXml).toContain(`<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>`);
      const width = first.columns.length + (first.rowLabels ? 1 : 0);
      const lastCol = COLS[width - 1];
      expect(sheetXml).toContain(`<autoFilter ref="A${headerRow}:${lastCol}${headerRow + first.rows.length}"/>`);
      const headerCells = [...sheetXml.matchAll(new RegExp(`<c r="[A-Z]+${headerRow}"[^>]*>`, 'g'))].map((m) => m[0]);
      expect(headerCells).toHaveLength(width);
      for (const cell of headerCells) expect(cell).toMatch(/\ss="\d+"/);
      const widths = [...sheetXml.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(widths.length).toBeGreaterThanOrEqual(width);
      for (const w of widths) expect(w >= 8 && w <= 61).toBe(true);
    }
    const styles = readParts(bytes)['xl/styles.xml'] ?? '';
    const xfs = (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').match(/<xf\b[^>]*>/g) ?? [];
    const fonts = (/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '').match(/<font\b[\s\S]*?<\/font>/g) ?? [];
    const fills = (/<fills[^>]*>([\s\S]*?)<\/fills>/.exec(styles)?.[1] ?? '').match(/<fill>[\s\S]*?<\/fill>/g) ?? [];
    const s = Number(/<c r="A1"[^>]*\ss="(\d+)"/.exec(xml['Daily'] ?? '')?.[1]);
    const xf = xfs[s] ?? '';
    expect(fonts[Number(/fontId="(\d+)"/.exec(xf)?.[1])]).toContain('<b/>');
    expect(fills[Number(/fillId="(\d+)"/.exec(xf)?.[1])]).toContain('patternType="solid"');
  });

  it('colours the monthly grid red to green, months only', () => {
    expect(xml['Monthly Returns']).toContain('<conditionalFormatting sqref="B2:M3"><cfRule type="colorScale"');
    expect(xml['Daily']).not.toContain('conditionalFormatting');
  });

  it('writes a package whose parts, content types and relationships agree and parse', () => {
    const parts = readParts(bytes);
    const names = Object.keys(parts);
    const types = parts['[Content_Types].xml'] ?? '';
    const overrides = [...types.matchAll(/<Override PartName="\/([^"]+)"/g)].map((m) => m[1] ?? '');
    const defaults = new Set([...types.matchAll(/<Default Extension="([^"]+)"/g)].map((m) => (m[1] ?? '').toLowerCase()));
    for (const part of overrides) expect([part, names.includes(part)]).toEqual([part, true]);
    for (const name of names) {
      if (name === '[Content_Types].xml') continue;
      const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
      expect([name, overrides.includes(name) || defaults.has(ext)]).toEqual([name, true]);
    }
    const referenced = new Set<string>();
    for (const [name, text] of Object.entries(parts)) {
      if (!name.endsWith('.rels')) continue;
      const base = name.replace(/_rels\/[^/]*\.rels$/, '');
      for (const m of text.matchAll(/<Relationship\b[^>]*Target="([^"]+)"[^>]*>/g)) {
        if (/TargetMode="External"/.test(m[0])) continue;
        const target = (m[1] ?? '').startsWith('/') ? (m[1] ?? '').slice(1) : `${base}${m[1]}`;
        expect([name, target, names.includes(target)]).toEqual([name, target, true]);
        referenced.add(target);
      }
    }
    for (const name of names) {
      if (name === '[Content_Types].xml' || name.endsWith('.rels')) continue;
      expect([name, referenced.has(name)]).toEqual([name, true]);
    }
    for (const [name, text] of Object.entries(parts)) {
      if (name.endsWith('.xml') || name.endsWith('.rels')) expect([name, checkWellFormed(text)]).toEqual([name, []]);
    }
    const styles = parts['xl/styles.xml'] ?? '';
    const xfCount = Number(/<cellXfs count="(\d+)"/.exec(styles)?.[1]);
    expect((/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').match(/<xf\b/g)).toHaveLength(xfCount);
    // Every s attribute points at an existing cell format.
    for (const [name, text] of Object.entries(xml)) {
      for (const m of text.matchAll(/\ss="(\d+)"/g)) expect([name, Number(m[1]) < xfCount]).toEqual([name, true]);
    }
  });

  it('sets the workbook properties', () => {
    expect(wb.Props?.Title).toBe('Risk parity ₿ crypto');
    expect(wb.Props?.Subject).toBe('Backtest 2024');
    expect(wb.Props?.Author).toBe('Ada Lovelace');
    expect(readParts(bytes)['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-09-06T08:38:40Z</dcterms:created>');
  });

  it('puts run facts, options, hashes, warnings, notes, glossary and configuration on Metadata', () => {
    const meta = wb.Sheets['Metadata'] as XLSX.WorkSheet;
    const cells = Object.entries(meta).filter(([k]) => !k.startsWith('!')).map(([, c]) => c as XLSX.CellObject);
    const texts = cells.filter((c) => c.t === 's').map((c) => String(c.v));
    expect(texts).toContain('ab'.repeat(32));
    expect(texts).toContain('Day 0 is later than start_date.');
    expect(texts).toContain('All dates of the run.');
    expect(texts).toContain('=V_N / C − 1');
    expect(texts).toContain('benchmarks[0].asset');
    expect(cells.some((c) => c.f !== undefined)).toBe(false);
    const json = texts.find((t) => t.startsWith('{"name"'));
    expect(JSON.parse(json ?? 'null')).toEqual(report.meta.run?.config);
    const dayZero = Object.entries(meta).find(([, c]) => (c as XLSX.CellObject).v === 'Day 0')?.[0] ?? '';
    expect(getCell(meta, dayZero.replace('A', 'B'))).toMatchObject({ t: 'n', v: serialOf('2024-01-01'), z: 'yyyy-mm-dd' });
  });
});

describe('writeWorkbook variations', () => {
  it('leaves out sections the options left out, and their formulas', async () => {
    const { report } = createFixtureReport({ withoutTrades: true });
    const wb = readWorkbook((await writeWorkbook(report)).bytes);
    expect(wb.SheetNames).not.toContain('Trades');
    expect(wb.SheetNames[0]).toBe('Overview');
    expect(wb.SheetNames[wb.SheetNames.length - 1]).toBe('Metadata');
    const ov = wb.Sheets['Overview'] as XLSX.WorkSheet;
    const row = Object.entries(ov).find(([, c]) => (c as XLSX.CellObject).v === 'Number of trades')?.[0].slice(1);
    expect(getCell(ov, `B${row}`)).toMatchObject({ t: 'n', v: 7 });
    expect(getCell(ov, `B${row}`).f).toBeUndefined();
  });

  it('wraps long text in its column (Metadata) or across merged columns (Overview), with row heights for its lines', async () => {
    const { report } = createFixtureReport();
    const paragraph = 'A paragraph long enough to need more than one line on the Overview. '.repeat(3);
    (report.sections[0] as { paragraphs: string[] }).paragraphs = [paragraph];
    const bytes = (await writeWorkbook(report)).bytes;
    const wb = readWorkbook(bytes);
    const xml = readSheetXml(bytes);
    const ov = wb.Sheets['Overview'] as XLSX.WorkSheet;
    const ref = Object.entries(ov).find(([, c]) => (c as XLSX.CellObject).v === paragraph)?.[0] ?? '';
    const row = Number(ref.slice(1));
    // Merged from B to the last column the tables use (C: the benchmark), wrapped, three lines or more high.
    expect(ov['!merges']).toContainEqual({ s: { r: row - 1, c: 1 }, e: { r: row - 1, c: 2 } });
    const height = Number(new RegExp(`<row r="${row}"[^>]*\\sht="(\\d+)"`).exec(xml['Overview'] ?? '')?.[1]);
    expect(height).toBeGreaterThanOrEqual(45);
    const styles = readParts(bytes)['xl/styles.xml'] ?? '';
    const xfs = (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
    for (const cell of [ref, `A${row}`]) {
      const s = Number(new RegExp(`<c r="${cell}"[^>]*\\ss="(\\d+)"`).exec(xml['Overview'] ?? '')?.[1]);
      expect([cell, xfs[s]]).toEqual([cell, expect.stringContaining('<alignment vertical="top" wrapText="1"/>')]);
    }
    // Metadata: the conventions' descriptions wrap in their 60-character column.
    const meta = wb.Sheets['Metadata'] as XLSX.WorkSheet;
    const dates = Object.entries(meta).find(([, c]) => String((c as XLSX.CellObject).v).startsWith('Excel dates shown'))?.[0] ?? '';
    const metaHeight = Number(new RegExp(`<row r="${dates.slice(1)}"[^>]*\\sht="(\\d+)"`).exec(xml['Metadata'] ?? '')?.[1]);
    expect(metaHeight).toBeGreaterThanOrEqual(45);
  });

  it('writes a plain value with a note where the sheets cover part of the run', async () => {
    const { report, facts } = createFixtureReport();
    const daily = report.sections.find((s) => s.id === 'daily')?.tables[0] as ReportTable;
    daily.rows = daily.rows.slice(0, 60);
    const wb = readWorkbook((await writeWorkbook(report)).bytes);
    const ov = wb.Sheets['Overview'] as XLSX.WorkSheet;
    const row = Object.entries(ov).find(([, c]) => (c as XLSX.CellObject).v === 'Final value')?.[0].slice(1);
    const cell = getCell(ov, `B${row}`);
    expect(cell.f).toBeUndefined();
    expect(cell.v).toBe(facts.finalValue.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber());
    expect(getCell(ov, `D${row}`).v).toBe(FALLBACK_MARK);
    const footnote = Object.values(ov).find((c) => String((c as XLSX.CellObject).v).startsWith('(*) '));
    expect((footnote as XLSX.CellObject | undefined)?.v).toBe(`(*) ${FALLBACK_NOTE}`);
  });

  it('shows standard figures from the summary table when the report has no key figures', async () => {
    const { report, facts } = createFixtureReport();
    report.meta.keyFigures = [];
    const wb = readWorkbook((await writeWorkbook(report)).bytes);
    const ov = wb.Sheets['Overview'] as XLSX.WorkSheet;
    const find = (label: string): XLSX.CellObject => {
      const row = Object.entries(ov).find(([, c]) => (c as XLSX.CellObject).v === label)?.[0].slice(1);
      return getCell(ov, `B${row}`);
    };
    expect(find('Final value')).toMatchObject({ f: "'Daily'!B76" });
    expect(find('Total return').v).toBe(facts.totalReturn);
    expect(find('Max drawdown')).toMatchObject({ f: "MIN('Daily'!E2:E76)", v: facts.maxDrawdown });
    expect(find('Total costs').f).toBe("SUM('Trades'!G2:G8)");
  });

  it('writes a host report (no run) with Overview and Metadata, legal sheet names and column labels', async () => {
    const report = createHostReport();
    const table = report.sections[0]?.tables[0] as ReportTable;
    table.columns = table.columns.map((c) => ({ ...c, label: c.key === 'amount' ? 'Amount (units)' : 'Name' }));
    const wb = readWorkbook((await writeWorkbook(report)).bytes);
    const sheet = wb.Sheets['Custom_ a_b _test_ _ really lon'];
    expect(wb.SheetNames).toEqual(['Overview', 'Custom_ a_b _test_ _ really lon', 'Metadata']);
    expect(getCell(wb.Sheets['Overview'], 'A1').v).toBe('Host report');
    // Host tables are read by people: their header row holds the labels (the CSV keeps the keys).
    expect([getCell(sheet, 'A1').v, getCell(sheet, 'B1').v]).toEqual(['Name', 'Amount (units)']);
    expectTableInSheet(sheet, table, 1, COLS, true);
    expect(getCell(sheet, 'A2')).toMatchObject({ t: 's', v: '=1+1' });
    expect(sheet?.['B3']).toBeUndefined();
    const texts = Object.values(wb.Sheets['Metadata'] as XLSX.WorkSheet).map((c) => String((c as XLSX.CellObject).v));
    expect(texts).toContain('Column labels.');
  });

  it('says synthetic data is synthetic on Overview and Metadata, from what the report records about its inputs', async () => {
    const rowOf = (sheet: XLSX.WorkSheet | undefined, label: string): string => Object.entries(sheet ?? {}).find(([, c]) => (c as XLSX.CellObject).v === label)?.[0].slice(1) ?? '';
    const { report } = createFixtureReport();
    report.meta.inputs = { prices: { name: 'prices.csv', bytes: 1234, sha256: 'ab'.repeat(32), synthetic: true, source: 'Monte Carlo, seed 7' } };
    const wb = readWorkbook((await writeWorkbook(report)).bytes);
    const overview = wb.Sheets['Overview'];
    expect(getCell(overview, `B${rowOf(overview, 'Data')}`).v).toBe('Synthetic prices, not market data');
    const meta = wb.Sheets['Metadata'];
    expect(getCell(meta, `B${rowOf(meta, 'Data')}`).v).toBe('Synthetic prices, not market data');
    expect(getCell(meta, `B${rowOf(meta, 'Prices source')}`).v).toBe('Monte Carlo, seed 7');
    // The input-file block keeps its four columns (a wider sheet would print smaller).
    const header = rowOf(meta, 'Input file');
    expect(meta?.[`E${header}`]).toBeUndefined();
    // Unmarked data is not called synthetic, whatever the file is named.
    const plain = createFixtureReport().report;
    plain.meta.inputs = { prices: { name: 'crypto-risk-parity.csv', bytes: 1, sha256: 'ab'.repeat(32) } };
    const plainBook = readWorkbook((await writeWorkbook(plain)).bytes);
    expect(rowOf(plainBook.Sheets['Overview'], 'Data')).toBe('');
    // A host's data source: a `data` row on Metadata.
    const host = createHostReport();
    host.meta.inputs = { data: { synthetic: true, source: 'the demo generator' } };
    const hostBook = readWorkbook((await writeWorkbook(host)).bytes);
    expect(getCell(hostBook.Sheets['Overview'], `B${rowOf(hostBook.Sheets['Overview'], 'Data')}`).v).toBe('Synthetic data, not real figures');
    const hostMeta = hostBook.Sheets['Metadata'];
    expect(getCell(hostMeta, `B${rowOf(hostMeta, 'Data')}`).v).toBe('Synthetic data, not real figures');
    expect(getCell(hostMeta, `B${rowOf(hostMeta, 'Data source')}`).v).toBe('the demo generator');
  });

  it('writes dates before 1900-03-01 as ISO text and says so on Metadata', async () => {
    const report = createHostReport();
    report.sections[0]?.tables.push({
      id: 'history',
      title: 'History',
      columns: [{ key: 'day', label: 'Day', type: { kind: 'date' } }, { key: 'price', label: 'Price', type: { kind: 'price' } }],
      rows: [['1899-12-31', new Decimal('12345.678')], ['1900-03-01', new Decimal('1')]],
    });
    const written = await writeWorkbook(report);
    const wb = readWorkbook(written.bytes);
    const sheet = wb.Sheets['Custom_ a_b _test_ _ really lon'];
    // Stacked under the first table: title in row 6, header in row 7.
    expect(getCell(sheet, 'A8')).toMatchObject({ t: 's', v: '1899-12-31' });
    expect(getCell(sheet, 'A9')).toMatchObject({ t: 'n', v: 61, w: '1900-03-01' });
    expect(getCell(sheet, 'B8')).toMatchObject({ v: 12345.678, z: '#,##0.0000########' });
    const texts = Object.values(wb.Sheets['Metadata'] as XLSX.WorkSheet).map((c) => String((c as XLSX.CellObject).v));
    expect(texts).toContain(
      "Custom_ a_b _test_ _ really lon, table History: 1 date before 1900-03-01 written as ISO text (yyyy-mm-dd), since Excel's calendar starts in 1900 and counts a 1900-02-29 that never was",
    );
    expect(texts.some((t) => t.startsWith('Excel dates shown as yyyy-mm-dd. Dates before 1900-03-01 are written as ISO text'))).toBe(true);
    // The caller hears the same (ExportedFile.warnings).
    expect(written.warnings).toEqual([expect.stringContaining('table History: 1 date before 1900-03-01 written as ISO text')]);
  });

  it('puts a label column beside the metric key, named apart from a portfolio called "label"', async () => {
    const { report } = createFixtureReport();
    const summary = report.sections[0]?.tables[0] as ReportTable;
    summary.columns[2] = { ...(summary.columns[2] as ReportTable['columns'][number]), key: 'label' };
    const wb = readWorkbook((await writeWorkbook(report)).bytes);
    const sheet = wb.Sheets['Performance'];
    expect(['A1', 'B1', 'C1', 'D1'].map((ref) => getCell(sheet, ref).v)).toEqual(['metric', 'label_2', 'risk_parity_crypto', 'label']);
    expect([getCell(sheet, 'A3').v, getCell(sheet, 'B3').v]).toEqual(['volatility', 'Volatility (annualized)']);
  });

  it('names a section titled like a fixed sheet apart from it', async () => {
    const report = createHostReport();
    (report.sections[0] as { title: string }).title = 'Overview';
    const wb = readWorkbook((await writeWorkbook(report)).bytes);
    expect(wb.SheetNames).toEqual(['Overview', 'Overview (2)', 'Metadata']);
  });

  it('quotes a sheet name with an apostrophe correctly in its autofilter name', async () => {
    const report = createHostReport();
    (report.sections[0] as { title: string }).title = "Bob's data";
    const bytes = (await writeWorkbook(report)).bytes;
    expect(readParts(bytes)['xl/workbook.xml']).toContain('hidden="1">&apos;Bob&apos;&apos;s data&apos;!A1:B3</definedName>');
    expect(getCell(readWorkbook(bytes).Sheets["Bob's data"], 'B2').v).toBe(1.5);
  });

  it('cuts over-long text to Excel’s limit and says so on Metadata', async () => {
    const { report } = createFixtureReport();
    const rebalances = report.sections.find((s) => s.id === 'rebalances')?.tables[0] as ReportTable;
    (rebalances.rows[1] as CellValue[])[4] = `[${'"x",'.repeat(9000)}"x"]`;
    const wb = readWorkbook((await writeWorkbook(report)).bytes);
    expect(String(getCell(wb.Sheets['Rebalances'], 'E3').v).length).toBe(32767);
    const texts = Object.values(wb.Sheets['Metadata'] as XLSX.WorkSheet).map((c) => String((c as XLSX.CellObject).v));
    expect(texts.some((t) => t.startsWith('Rebalances, row 2, column trade_details: text of 36005 characters cut to 32767'))).toBe(true);
  });

  it('refuses a table larger than an Excel sheet, naming the sheet, before writing anything', async () => {
    const report = createHostReport();
    const table = report.sections[0]?.tables[0] as ReportTable;
    table.rows = new Array<CellValue[]>(1_048_576).fill(['x', 1]);
    await expect(writeWorkbook(report)).rejects.toThrow(/sheet Custom_ a_b _test_ _ really lon: got 1048577 rows and 2 columns, expected at most 1048576 rows/);
  });

  it('refuses a bad date naming sheet, row and column', async () => {
    const { report } = createFixtureReport();
    const daily = report.sections.find((s) => s.id === 'daily')?.tables[0] as ReportTable;
    (daily.rows[4] as CellValue[])[0] = '2024-02-30';
    await expect(writeWorkbook(report)).rejects.toThrow(/Daily, row 5, column date: got "2024-02-30"/);
  });
});

describe('xlsxWriter', () => {
  it('returns xlsx bytes with extension, mime type and data-row count', async () => {
    const { report } = createFixtureReport();
    const out = await xlsxWriter.write(report, {});
    expect(xlsxWriter.format).toBe('xlsx');
    expect(out.extension).toBe('xlsx');
    expect(out.mimeType).toBe(XLSX_MIME_TYPE);
    expect(out.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(out.rows).toBeGreaterThan(75 * 3);
    expect([...out.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('stops with ABORTED when the signal fires, between sheets', async () => {
    const { report } = createFixtureReport();
    const before = new AbortController();
    before.abort();
    await expect(xlsxWriter.write(report, { signal: before.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    const during = new AbortController();
    const stages: string[] = [];
    const promise = xlsxWriter.write(report, {
      signal: during.signal,
      onProgress: ({ stage }) => {
        stages.push(stage);
        if (stage === 'Sheet Trades') during.abort();
      },
    });
    await expect(promise).rejects.toBeInstanceOf(BackfolioError);
    expect(stages).not.toContain('Writing workbook');
  });

  it('yields through the context’s checkpoint while writing, and stops when it throws', async () => {
    const { report } = createFixtureReport({ days: 3000 });
    let calls = 0;
    await xlsxWriter.write(report, { checkpoint: async () => { calls += 1; } });
    // Every 500 rows of the three 3,000-row tables, every sheet and every packaged part.
    expect(calls).toBeGreaterThan(3 * 6 + 13 + 20);
    let left = 10;
    const stopping = async (): Promise<void> => {
      left -= 1;
      if (left < 0) throw new BackfolioError('ABORTED', 'Export cancelled');
    };
    await expect(xlsxWriter.write(report, { checkpoint: stopping })).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('reports progress from 0 to 1 in order', async () => {
    const { report } = createFixtureReport();
    const fractions: number[] = [];
    await xlsxWriter.write(report, { onProgress: ({ fraction }) => fractions.push(fraction) });
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    for (let i = 1; i < fractions.length; i += 1) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] ?? 0);
  });

  it('is the registry’s xlsx writer', async () => {
    const { getWriter } = await import('../../../src/export/registry');
    expect(await getWriter('xlsx')).toBe(xlsxWriter);
  });

  it('loads SheetJS lazily: no module of the writer imports xlsx at its top level', () => {
    const dir = join(__dirname, '../../../src/export/xlsx');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect([file, /^import\s+(?!type\b)[^;]*from\s+'xlsx'/m.test(source)]).toEqual([file, false]);
    }
  });
});
