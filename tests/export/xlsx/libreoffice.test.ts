/**
 * Opens the workbook in LibreOffice and compares what it reads with the report: raw values sheet
 * by sheet, and a few cells as shown under their number formats. LibreOffice is a Debian package
 * that .ci/run installs; without it this test fails (a skipped reader check hides defects).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../../src/export/xlsx/workbook';
import type { CellValue, ColumnType, ReportTable } from '../../../src/report/model.types';
import { cellType } from '../../../src/report/model.types';
import { createFixtureReport } from './fixtures/report';
import { requireCommand } from '../../support/tools';

const soffice = requireCommand(['soffice', 'libreoffice'], 'libreoffice-calc-nogui');

/** Converts every sheet to CSV (`<name>-<sheet>.csv`); `shown` keeps cell text as formatted. */
function convertToCsv(dir: string, file: string, shown: boolean, profile: string): void {
  const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${shown},false,false,-1`;
  execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', dir, file], {
    timeout: 120_000,
    stdio: 'ignore',
  });
}

function readCsv(path: string): string[][] {
  return Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: false }).data;
}

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

function compareTable(rows: string[][], table: ReportTable, headerIndex: number): void {
  expect(rows[headerIndex]?.slice(0, table.columns.length)).toEqual(table.columns.map((c) => c.key));
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const got = rows[headerIndex + 1 + r]?.[c] ?? '';
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
  it('reads every sheet with the report’s values and shows them formatted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backfolio-xlsx-lo-'));
    try {
      const { report } = createFixtureReport();
      const file = join(dir, 'book.xlsx');
      writeFileSync(file, (await writeWorkbook(report)).bytes);
      convertToCsv(join(dir, 'raw'), file, false, join(dir, 'profile'));
      convertToCsv(join(dir, 'shown'), file, true, join(dir, 'profile'));
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
      expect(trades[2]?.slice(4, 8)).toEqual(['1.12345678', '0.00001234', '1.13 USD', '=HYPERLINK("http://x")']);
      const overview = readCsv(join(dir, 'shown', 'book-Overview.csv'));
      const finalValue = overview.find((row) => row[0] === 'Final value');
      expect(finalValue?.slice(1, 3)).toEqual(['9,036.54 USD', '9,820.02 USD']);
      const maxDrawdown = overview.find((row) => row[0] === 'Max drawdown');
      expect(maxDrawdown?.[1]).toBe('-15.98%');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
