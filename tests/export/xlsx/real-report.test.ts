/** The workbook of a real engine run of the bundled example, built by the real report builder. */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type * as XLSX from 'xlsx';
import { EXAMPLES } from '../../../src/data/examples/index';
import { parsePriceCsv } from '../../../src/data/prices';
import { runBacktest } from '../../../src/engine/run';
import { xlsxWriter } from '../../../src/export/xlsx/index';
import { FALLBACK_NOTE } from '../../../src/export/xlsx/overview';
import { buildReport } from '../../../src/report/build';
import type { ExportOptions, Report, ReportTable } from '../../../src/report/model.types';
import { toNumber } from '../../../src/report/format';
import { COLS, expectFormulasMatchCache, expectTableInSheet } from './expect-sheet';
import { getCell, readSheetXml, readWorkbook } from './read-back';

/** Row of the Overview whose column A holds `label`. */
function overviewRow(wb: XLSX.WorkBook, label: string): number {
  const entry = Object.entries(wb.Sheets['Overview'] as XLSX.WorkSheet).find(
    ([ref, c]) => ref.startsWith('A') && (c as XLSX.CellObject).v === label,
  );
  if (!entry) throw new Error(`no Overview row ${label}`);
  return Number(entry[0].slice(1));
}

describe('workbook of the bundled example', async () => {
  const example = EXAMPLES[0]!;
  const csv = await example.loadPrices();
  const result = runBacktest({ config: example.config, prices: parsePriceCsv(csv) });
  const options: ExportOptions = { formats: ['xlsx'], template: 'detailed', bom: true, author: 'Test' };
  const report = buildReport(result, options, { generatedAt: '2025-09-06T08:38:40Z' });
  const out = await xlsxWriter.write(report, {});
  const wb = readWorkbook(out.bytes);

  it('has the contract’s sheets in order and every table cell as in the report', () => {
    expect(wb.SheetNames).toEqual([
      'Overview', 'Performance', 'Daily', 'Allocations', 'Trades', 'Rebalances', 'Risk', 'Drawdowns', 'Rolling', 'Monthly Returns',
      'Yearly Returns', 'Trailing Returns', 'Metadata',
    ]);
    for (const section of report.sections) {
      let header = section.tables.length > 1 ? 2 : 1;
      for (const table of section.tables) {
        expectTableInSheet(wb.Sheets[section.title], table, header, COLS);
        header += table.rows.length + 3;
      }
    }
    expect(getCell(wb.Sheets['Daily'], `A${result.dates.length + 1}`).w).toBe(result.dates[result.dates.length - 1]);
  });

  it('computes the key figures by formulas whose cached values are the report’s metrics', () => {
    const ov = wb.Sheets['Overview'] as XLSX.WorkSheet;
    expect(expectFormulasMatchCache(wb)).toBeGreaterThanOrEqual(5);
    const strategy = result.strategy;
    const finalValue = getCell(ov, `B${overviewRow(wb, 'Final value (USD)')}`);
    expect(finalValue.f).toBe(`'Daily'!B${result.dates.length + 1}`);
    expect(finalValue.v).toBe(strategy.values[strategy.values.length - 1]?.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber());
    for (const figure of report.meta.keyFigures) {
      const row = overviewRow(wb, figure.label);
      figure.values.forEach((value, i) => {
        const cell = ov[`${COLS[i + 1]}${row}`] as XLSX.CellObject | undefined;
        const expected = toNumber(value);
        if (expected === null) return expect(cell).toBeUndefined();
        const rounded = figure.type.kind === 'currency' ? new Decimal(expected).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() : expected;
        expect([figure.key, i, cell?.v]).toEqual([figure.key, i, rounded]);
      });
    }
    const maxDrawdown = getCell(ov, `B${overviewRow(wb, report.meta.keyFigures.find((k) => k.key === 'max_drawdown')?.label ?? '')}`);
    expect(maxDrawdown.f).toBe(`MIN('Daily'!E2:E${result.dates.length + 1})`);
    const trades = getCell(ov, `B${overviewRow(wb, 'Number of trades')}`);
    expect(trades).toMatchObject({ f: `COUNTA('Trades'!A2:A${strategy.trades.length + 1})`, v: strategy.trades.length });
    const costs = getCell(ov, `B${overviewRow(wb, 'Total costs')}`);
    const totalCosts = strategy.trades.reduce((sum, t) => sum.plus(t.cost), new Decimal(0)).toNumber();
    expect(costs).toMatchObject({ f: `SUM('Trades'!G2:G${strategy.trades.length + 1})`, v: totalCosts });
    expect(getCell(ov, `B${overviewRow(wb, 'Total return')}`).f).toMatch(/^'Daily'!B\d+\/\$B\$\d+-1$/);
    expect(JSON.stringify(ov)).not.toContain(FALLBACK_NOTE);
  });

  it('styles, freezes and filters every data sheet', () => {
    const xml = readSheetXml(out.bytes);
    for (const section of report.sections) {
      const sheet = xml[section.title] ?? '';
      expect(sheet).toContain('state="frozen"');
      expect(sheet).toMatch(/<autoFilter ref="A\d+:[A-Z]+\d+"\/>/);
      expect(sheet).toMatch(/<c r="A[12]"[^>]*\ss="\d+"/);
    }
    expect(xml['Monthly Returns']).toContain('<cfRule type="colorScale"');
  });

  it('keeps every figure equal to the report’s under an export date range', async () => {
    const dates = result.dates;
    const ranged: Report = buildReport(result, { ...options, dateRange: { from: dates[40], to: dates[dates.length - 20] } }, { generatedAt: '2025-09-06T08:38:40Z' });
    const wbRange = readWorkbook((await xlsxWriter.write(ranged, {})).bytes);
    expectFormulasMatchCache(wbRange);
    const ov = wbRange.Sheets['Overview'] as XLSX.WorkSheet;
    for (const figure of ranged.meta.keyFigures) {
      const row = overviewRow(wbRange, figure.label);
      const expected = toNumber(figure.values[0] ?? null);
      const got = ov[`B${row}`] as XLSX.CellObject | undefined;
      const rounded = expected !== null && figure.type.kind === 'currency' ? new Decimal(expected).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() : expected;
      expect([figure.key, got?.v ?? null]).toEqual([figure.key, rounded]);
    }
    const daily = ranged.sections.find((s) => s.id === 'daily')?.tables[0] as ReportTable;
    expect(getCell(wbRange.Sheets['Daily'], `A${daily.rows.length + 1}`).w).toBe(dates[dates.length - 20]);
  });
});
