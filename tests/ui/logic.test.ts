import { describe, expect, it } from 'vitest';
import { computeCaptureScale, PRINTED_WIDTH_INCHES } from '../../src/export/capture';
import { plotlyText } from '../../src/ui/charts';
import { matchIssuePath, normalizePath } from '../../src/ui/configForm';
import { exportAdvice, exportWarningText, formatsOf, toExportOptions } from '../../src/ui/exportOptions';
import { BackfolioError } from '../../src/errors';
import { DEFAULT_EXPORT_PREFS } from '../../src/ui/prefs';
import { pageOf } from '../../src/ui/results';

describe('UI logic', () => {
  it('claims an issue for the most specific field on a path boundary', () => {
    const fields = ['strategy.weights', 'strategy.weights.BTC', 'benchmarks.0', 'benchmarks.0.asset', 'name'];
    expect(normalizePath('benchmarks[0].asset')).toBe('benchmarks.0.asset');
    expect(matchIssuePath('strategy.weights.BTC', fields)).toBe('strategy.weights.BTC');
    expect(matchIssuePath('strategy.weights', fields)).toBe('strategy.weights');
    expect(matchIssuePath('strategy.weights.ETH', fields)).toBe('strategy.weights');
    expect(matchIssuePath('benchmarks[0].strategy.type', fields)).toBe('benchmarks.0');
    expect(matchIssuePath('names', fields)).toBeNull();
    expect(matchIssuePath('unknown_key', fields)).toBeNull();
  });

  it('captures charts with enough pixels for 300 dpi at their widest printed size', () => {
    const cssWidth = 960;
    const scale = computeCaptureScale(cssWidth);
    expect(PRINTED_WIDTH_INCHES).toBeGreaterThanOrEqual(10);
    expect((cssWidth * scale) / PRINTED_WIDTH_INCHES).toBeGreaterThanOrEqual(300);
  });

  it('escapes names for Plotly so tags show as text', () => {
    expect(plotlyText('<img src=x onerror=alert(1)> & co')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; co');
  });

  it('pages the trade log and clamps the page', () => {
    const rows = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(rows, 0)).toMatchObject({ page: 0, pages: 3 });
    expect(pageOf(rows, 2).rows).toEqual(rows.slice(100));
    expect(pageOf(rows, 9).page).toBe(2);
    expect(pageOf([], 0)).toEqual({ rows: [], page: 0, pages: 1 });
  });

  it('maps dialog choices to export options', () => {
    expect(formatsOf({ format: 'all' })).toEqual(['csv', 'xlsx', 'pdf']);
    expect(toExportOptions(DEFAULT_EXPORT_PREFS)).toEqual({ formats: ['pdf'], template: 'detailed', bom: true });
    const options = toExportOptions({ ...DEFAULT_EXPORT_PREFS, format: 'csv', sections: ['daily', 'summary'], from: '2021-01-01', prefix: ' x ', bom: false });
    expect(options).toEqual({ formats: ['csv'], template: 'detailed', bom: false, sections: ['summary', 'daily'], dateRange: { from: '2021-01-01' }, prefix: 'x' });
  });
});

describe('allocation chart bands', () => {
  it('keeps up to 12 assets as they are and groups the smaller rest into "other"', async () => {
    const { groupAllocation } = await import('../../src/ui/charts');
    const assets = Array.from({ length: 14 }, (_, i) => `A${i}`);
    const weights = assets.map((_, i) => [i / 100, i / 100]);
    expect(groupAllocation(assets.slice(0, 3), weights.slice(0, 3)).map((b) => b.name)).toEqual(['A0', 'A1', 'A2']);
    const bands = groupAllocation(assets, weights, 12);
    expect(bands).toHaveLength(12);
    expect(bands.at(-1)).toEqual({ name: 'Other (3 assets)', values: [0.03, 0.03] });
    expect(bands.slice(0, 11).map((b) => b.name)).toEqual(assets.slice(3));
    const total = bands.reduce((sum, b) => sum + (b.values[0] ?? 0), 0);
    expect(total).toBeCloseTo(weights.reduce((sum, w) => sum + (w[0] ?? 0), 0), 12);
  });
});

describe('export failure advice', () => {
  it('points at the date range when the range is the problem', () => {
    const range = new BackfolioError('EXPORT_FAILED', 'x', { issues: [{ path: 'dateRange', expected: 'from ≤ to' }] });
    expect(exportAdvice(range)).toMatch(/From date/);
    expect(exportAdvice(new BackfolioError('INTERNAL', 'x'))).toMatch(/reload the page/);
    expect(exportAdvice(new Error('x'))).toMatch(/fewer sections/);
  });

  it("words an export's warnings for its toast: two in full, then how many more the file lists", () => {
    expect(exportWarningText(['A.'])).toBe('A.');
    expect(exportWarningText(['A.', 'B.'])).toBe('A. B.');
    expect(exportWarningText(['A.', 'B.', 'C.'])).toBe('A. B. 1 more note in the file.');
    expect(exportWarningText(['A.', 'B.', 'C.', 'D.'])).toBe('A. B. 2 more notes in the file.');
  });
});
