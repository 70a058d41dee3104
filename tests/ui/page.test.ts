import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import { createErrorToasts } from '../../src/ui/errorToasts';
import { checkExportPrefs } from '../../src/ui/exportDialog';
import { describeExportOptions, toExportOptions } from '../../src/ui/exportOptions';
import { labelOfPath, plainError, plainIssue } from '../../src/ui/messages';
import { DEFAULT_EXPORT_PREFS } from '../../src/ui/prefs';
import { balancedColumns, isNumericColumn } from '../../src/ui/results';
import { createStore } from '../../src/ui/store';
import { exampleOptionText } from '../../src/ui/pageViews';
import { planChartRows, type GridCard } from '../../src/ui/resultsView';
import { ALL_SECTIONS } from '../../src/ui/prefs';
import { SECTION_IDS } from '../../src/report/build';

describe('store', () => {
  it('merges updates and tells listeners the new and previous state, in order', () => {
    const store = createStore({ a: 1, b: 'x' });
    const seen: string[] = [];
    store.subscribe((s, prev) => {
      seen.push(`${prev.a}->${s.a}`);
      if (s.a === 2) store.update({ a: 3 });
    });
    store.update((s) => ({ a: s.a + 1 }));
    expect(store.get()).toEqual({ a: 3, b: 'x' });
    expect(seen).toEqual(['1->2', '2->3']);
  });
});

describe('plain-words messages', () => {
  it('names fields by their labels, never by key paths', () => {
    expect(labelOfPath('initial_capital')).toBe('Initial capital');
    expect(labelOfPath('benchmarks[1].asset')).toBe('Benchmark 2, asset');
    expect(labelOfPath('strategy.weights.BTC')).toBe('BTC weight');
    expect(labelOfPath('dateRange.from')).toBe('From');
    expect(plainIssue({ path: 'initial_capital', value: '-5', expected: 'a number > 0' }, { withPath: false })).toBe('Expected a number > 0; you entered "-5".');
    expect(plainIssue({ path: 'initial_capital', value: '-5', expected: 'a number > 0' }, { withPath: true })).toBe('Initial capital: expected a number > 0; you entered "-5".');
    const error = new BackfolioError('EXPORT_FAILED', 'dateRange: got "x", expected from ≤ to');
    expect(plainError(error)).toBe('Date range: got "x", expected from ≤ to');
    const many = new BackfolioError('CONFIG_INVALID', 'bad', { issues: [1, 2, 3].map((n) => ({ path: `benchmarks.${n}.name`, expected: 'text' })) });
    expect(plainError(many)).toContain('And 1 more problem.');
  });
});

describe('error toasts by cause', () => {
  it('replaces an error of the same cause and closes it when the cause is fixed', () => {
    const shown: number[] = [];
    const dismissed: number[] = [];
    let id = 0;
    const errors = createErrorToasts({ show: () => (shown.push(++id), id), dismiss: (n) => dismissed.push(n) });
    errors.show('prices', { title: 'bad file' });
    errors.show('prices', { title: 'bad again' });
    expect(dismissed).toEqual([1]);
    errors.resolve('prices', 'config');
    expect(dismissed).toEqual([1, 2]);
  });
});

describe('export dialog choices', () => {
  const run = { first: '2020-01-01', last: '2024-12-31' };
  it('refuses a reversed range and no sections before the worker is asked', () => {
    const problems = checkExportPrefs({ ...DEFAULT_EXPORT_PREFS, from: '2024-12-01', to: '2024-01-01', sections: [] }, run);
    expect(problems.map((p) => p.field)).toEqual(['from', 'sections']);
  });
  it('sends no range for the run\'s own range, and lists a template only for PDF in the history', () => {
    expect(toExportOptions({ ...DEFAULT_EXPORT_PREFS, from: '2020-01-01', to: '2024-12-31' }, run).dateRange).toBeUndefined();
    expect(toExportOptions({ ...DEFAULT_EXPORT_PREFS, from: '2021-01-01', to: '' }, run).dateRange).toEqual({ from: '2021-01-01' });
    expect(describeExportOptions('csv', DEFAULT_EXPORT_PREFS)).toBe('csv · all sections');
    expect(describeExportOptions('xlsx', { ...DEFAULT_EXPORT_PREFS, sections: ['summary'] })).toBe(`xlsx · 1 of ${ALL_SECTIONS.length} sections`);
    expect(describeExportOptions('pdf', { ...DEFAULT_EXPORT_PREFS, template: 'executive', from: '2021-01-01' })).toBe('pdf · executive · all sections · 2021-01-01 to end');
  });
  it('offers every section of the report, in its order', () => {
    expect(ALL_SECTIONS).toEqual(SECTION_IDS);
  });
});

describe('results layout', () => {
  it('balances card rows so none is left alone', () => {
    expect(balancedColumns(8, 7)).toBe(4);
    expect(balancedColumns(8, 2)).toBe(2);
    expect(balancedColumns(9, 7)).toBe(5);
    expect(balancedColumns(8, 8)).toBe(8);
    expect(balancedColumns(7, 3)).toBe(3);
  });
  it('right-aligns only columns of numbers', () => {
    const rows = [['2020-01-01', 'BTC', '0.27750027', '1,998.00', '12.5%'], ['2020-01-02', 'ETH', '−3', '', 'n/a']];
    expect([0, 1, 2, 3, 4].map((c) => isNumericColumn(rows, c))).toEqual([false, false, true, true, true]);
  });
});

describe('example select', () => {
  it('says "synthetic" once: not again after a title that already says it', () => {
    expect(exampleOptionText({ title: 'Crypto risk parity (synthetic prices)', synthetic: true })).toBe('Crypto risk parity (synthetic prices)');
    expect(exampleOptionText({ title: 'Random walk', synthetic: true })).toBe('Random walk (synthetic)');
    expect(exampleOptionText({ title: 'S&P 500 buy and hold', synthetic: false })).toBe('S&P 500 buy and hold');
  });
});

describe('chart grid rows', () => {
  it('pairs half-width charts in page order, a wide one alone; an odd run ends with its last card across the width', () => {
    const card = (id: string, wide = false): GridCard => ({ id, wide });
    expect(planChartRows([card('equity', true), card('underwater'), card('drawdown')])).toEqual([['equity'], ['underwater', 'drawdown']]);
    // No benchmark: no rolling beta, five risk charts; a 40-asset correlation spans the width.
    expect(planChartRows([card('vol'), card('sharpe'), card('correlation'), card('risk'), card('allocation')])).toEqual([['vol', 'sharpe'], ['correlation', 'risk'], ['allocation']]);
    expect(planChartRows([card('vol'), card('sharpe'), card('beta'), card('correlation', true), card('risk'), card('allocation')])).toEqual([['vol', 'sharpe'], ['beta'], ['correlation'], ['risk', 'allocation']]);
    expect(planChartRows([])).toEqual([]);
  });
});

