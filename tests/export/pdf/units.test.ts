import { describe, expect, it } from 'vitest';
import { containsCjk, encodeBase64, loadFontBytes, splitFontRuns } from '../../../src/export/pdf/fonts';
import { needsCjkFont, pickExecutiveCharts } from '../../../src/export/pdf/index';
import { DETAILED_EVENT_ROWS, DETAILED_SERIES_ROWS, ordinal, selectRows } from '../../../src/export/pdf/truncate';
import type { ReportTable } from '../../../src/report/model.types';
import { makeFixtureReport } from './fixture-report';

function table(id: string, rows: number, firstKind: 'date' | 'text' = 'date'): ReportTable {
  return {
    id,
    title: id,
    columns: [{ key: 'k', label: 'K', type: { kind: firstKind } }],
    rows: Array.from({ length: rows }, (_, i) => [String(i)]),
  };
}

describe('row selection per template', () => {
  it('keeps the first 500 trades in detailed and says how many were left out', () => {
    const sel = selectRows(table('transaction_log', 2000), 'detailed');
    expect(sel.rowIndices.length).toBe(DETAILED_EVENT_ROWS);
    expect(sel.rowIndices[0]).toBe(0);
    expect(sel.note).toContain('Showing the first 500 of 2,000 trades; 1,500 rows left out');
  });

  it('thins long date series to every Nth row with the last row kept', () => {
    const sel = selectRows(table('daily_portfolio_data', 1801), 'detailed');
    expect(sel.rowIndices.length).toBeLessThanOrEqual(DETAILED_SERIES_ROWS);
    expect(sel.rowIndices[sel.rowIndices.length - 1]).toBe(1800);
    expect(sel.note).toContain(`Showing ${sel.rowIndices.length} of 1,801 rows (every 8th row, last row kept); ${(1801 - sel.rowIndices.length).toLocaleString("en-US")} rows left out`);
  });

  it('prints everything in compliance, and short or non-date tables in detailed', () => {
    expect(selectRows(table('transaction_log', 2000), 'compliance')).toEqual({ rowIndices: Array.from({ length: 2000 }, (_, i) => i), note: null });
    expect(selectRows(table('drawdown_periods', 300, 'date'), 'detailed').note).not.toBeNull();
    expect(selectRows(table('correlation_matrix', 300, 'text'), 'detailed').note).toBeNull();
    expect(selectRows(table('transaction_log', 500), 'detailed').note).toBeNull();
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
  });
});

describe('fonts', () => {
  it('detects CJK text', () => {
    expect(containsCjk('比特币')).toBe(true);
    expect(containsCjk('ビットコイン')).toBe(true);
    expect(containsCjk('Биткоин Ελλάδα Zürich')).toBe(false);
  });

  it('splits mixed text into runs per font', () => {
    const fonts = { body: 'DejaVuSans', mono: null, cjk: 'NotoSansSC' };
    expect(splitFontRuns(fonts, 'Ελλάδα 比特币 hold')).toEqual([
      { text: 'Ελλάδα ', family: 'DejaVuSans' },
      { text: '比特币 ', family: 'NotoSansSC' },
      { text: 'hold', family: 'DejaVuSans' },
    ]);
    expect(splitFontRuns({ ...fonts, cjk: null }, '比特币')).toEqual([{ text: '比特币', family: 'DejaVuSans' }]);
  });

  it('loads the bundled font files in Node and encodes them without Buffer', async () => {
    const bytes = await loadFontBytes('DejaVuSans');
    expect(bytes.length).toBeGreaterThan(500_000);
    // TrueType files start with version 0x00010000.
    expect([...bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    const sample = bytes.subarray(0, 100_000);
    expect(encodeBase64(sample)).toBe(Buffer.from(sample).toString('base64'));
  });

  it('asks for the CJK font only when printed text has CJK characters', () => {
    expect(needsCjkFont(makeFixtureReport({ trades: 5, days: 10 }))).toBe(true);
    const latin = makeFixtureReport({ trades: 5, days: 10, withoutCjk: true });
    expect(needsCjkFont(latin)).toBe(false);
    const trades = latin.sections.find((s) => s.id === 'trades')?.tables[0];
    trades?.rows[0]?.splice(7, 1, '季度再平衡');
    expect(needsCjkFont(latin)).toBe(true);
  });
});

describe('executive charts', () => {
  it('prefers equity and drawdown, else the first two charts', () => {
    const report = makeFixtureReport({ trades: 5, days: 10 });
    expect(pickExecutiveCharts(report).map((c) => c.id)).toEqual(['equity', 'drawdown']);
    for (const s of report.sections) s.charts = s.charts.filter((c) => c.id !== 'equity' && c.id !== 'drawdown');
    expect(pickExecutiveCharts(report).map((c) => c.id)).toEqual(['allocation', 'correlation']);
  });
});
