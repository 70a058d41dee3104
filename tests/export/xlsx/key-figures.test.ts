import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/engine/decimal';
import {
  collectFigureRows,
  createFigureCell,
  displayTolerance,
  matchStandardFigure,
  planFigureFormula,
  valuesAgree,
} from '../../../src/export/xlsx/key-figures';
import type { TableLayout } from '../../../src/export/xlsx/section-sheet';
import type { Column, ReportTable } from '../../../src/report/model.types';
import { createFixtureReport } from './fixtures/report';

const USD = { kind: 'currency', currency: 'USD', decimals: 2 } as const;

function layout(sheetName: string, table: ReportTable, headerRow = 1): TableLayout {
  return {
    sheetName, table, headerRow, firstDataRow: headerRow + 1, lastDataRow: headerRow + table.rows.length,
    sheetColumnOf: table.columns.map((_, c) => c), width: table.columns.length,
  };
}

describe('key figure formulas', () => {
  const daily: ReportTable = {
    id: 'daily_portfolio_data',
    title: 'Daily',
    columns: [
      { key: 'date', label: 'd', type: { kind: 'date' } },
      { key: 'portfolio_value', label: 'v', type: USD },
      { key: 'drawdown', label: 'dd', type: { kind: 'percent', decimals: 2 } },
      { key: 'spy_value', label: 'b', type: USD },
    ],
    rows: [
      ['2024-01-01', new Dec('100.004'), 0, new Dec('100')],
      ['2024-01-02', new Dec('90.555'), -0.1, new Dec('101')],
      ['2024-01-03', new Dec('95'), -0.05, new Dec('102.345')],
    ],
  };
  const context = { daily: layout("Bob's Daily", daily), initialCapital: { ref: '$B$7', value: 100 } };
  const strategy = { key: 'x', role: 'strategy' as const };
  const bench = { key: 'spy', role: 'benchmark' as const };

  it('refers to the last row, quoting sheet names, and evaluates over the rounded cells', () => {
    expect(planFigureFormula('final_value', strategy, context)).toEqual({ formula: "'Bob''s Daily'!B4", value: 95 });
    expect(planFigureFormula('final_value', bench, context)).toEqual({ formula: "'Bob''s Daily'!D4", value: 102.35 });
    expect(planFigureFormula('total_return', bench, context)?.formula).toBe("'Bob''s Daily'!D4/$B$7-1");
    expect(planFigureFormula('total_return', bench, context)?.value).toBeCloseTo(0.0235, 12);
    expect(planFigureFormula('max_drawdown', strategy, context)).toEqual({ formula: "MIN('Bob''s Daily'!C2:C4)", value: -0.1 });
  });

  it('computes a benchmark drawdown over its values with the initial capital as the first peak', () => {
    const plan = planFigureFormula('max_drawdown', bench, context);
    expect(plan?.array).toBe(true);
    expect(plan?.formula).toBe(
      "MIN('Bob''s Daily'!D2:D4/IF(SUBTOTAL(4,OFFSET('Bob''s Daily'!D2,0,0,ROW('Bob''s Daily'!D2:D4)-1))>$B$7,SUBTOTAL(4,OFFSET('Bob''s Daily'!D2,0,0,ROW('Bob''s Daily'!D2:D4)-1)),$B$7))-1",
    );
    // Values 100, 101, 102.35 never fall below the running peak: no drawdown.
    expect(plan?.value).toBe(0);
    const falling = layout('D', { ...daily, rows: [['2024-01-01', new Dec(1), 0, new Dec('90')], ['2024-01-02', new Dec(1), 0, new Dec('120')], ['2024-01-03', new Dec(1), 0, new Dec('60')]] });
    expect(planFigureFormula('max_drawdown', bench, { daily: falling, initialCapital: { ref: '$B$7', value: 100 } })?.value).toBeCloseTo(-0.5, 12);
  });

  it('annualizes, takes volatility over the market periods and the Sharpe ratio from other cells', () => {
    const withReturns: ReportTable = {
      ...daily,
      columns: [daily.columns[0], daily.columns[1], { key: 'daily_return', label: 'r', type: { kind: 'percent', decimals: 2 } } as Column, daily.columns[3]].filter((c): c is Column => c !== undefined),
      rows: [['2024-01-01', new Dec('100'), 0, new Dec('100')], ['2024-01-02', new Dec('105'), 0.05, new Dec('101')], ['2024-01-03', new Dec('105'), 0, new Dec('102.345')]],
    };
    const full = { daily: layout("Bob's Daily", withReturns), initialCapital: { ref: '$B$7', value: 100 }, periodsPerYear: { ref: '$B$5', value: 252 }, riskFreeRate: { ref: '$B$6', value: 0.02 }, dailyStartsAtDayZero: true };
    const figureCell = (figure: string, key: string): { ref: string; value: number } | null =>
      key !== 'x' ? null : figure === 'total_return' ? { ref: 'B10', value: -0.05 } : figure === 'annualized_return' ? { ref: 'B11', value: 0.3 } : figure === 'volatility' ? { ref: 'B12', value: 0.5 } : null;
    const annualized = planFigureFormula('annualized_return', strategy, { ...full, figureCell });
    expect(annualized?.formula).toBe("(1+B10)^($B$5/ROWS('Bob''s Daily'!C3:C4))-1");
    expect(annualized?.value).toBeCloseTo(0.95 ** (252 / 2) - 1, 12);
    const volatility = planFigureFormula('volatility', strategy, full);
    expect(volatility?.formula).toBe("STDEV('Bob''s Daily'!C3:C4)*SQRT($B$5)");
    expect(volatility?.value).toBeCloseTo(Math.SQRT1_2 * 0.05 * Math.sqrt(252), 12);
    const benchVolatility = planFigureFormula('volatility', bench, full);
    expect(benchVolatility).toMatchObject({ formula: "STDEV('Bob''s Daily'!D3:D4/'Bob''s Daily'!D2:D3)*SQRT($B$5)", array: true });
    // A range that starts after day 0: its first row's return is a market period; a benchmark's
    // first return and first peak are the value before the range, not on the sheet.
    expect(planFigureFormula('volatility', strategy, { ...full, dailyStartsAtDayZero: false })?.formula).toBe("STDEV('Bob''s Daily'!C2:C4)*SQRT($B$5)");
    expect(planFigureFormula('volatility', bench, { ...full, dailyStartsAtDayZero: false })).toBeNull();
    expect(planFigureFormula('max_drawdown', bench, { ...full, dailyStartsAtDayZero: false })).toBeNull();
    expect(planFigureFormula('sharpe_ratio', strategy, { ...full, figureCell })).toEqual({ formula: '(B11-$B$6)/B12', value: (0.3 - 0.02) / 0.5 });
  });

  it('has no formula where the sheets cannot express the figure', () => {
    expect(planFigureFormula('max_drawdown', bench, { daily: context.daily })).toBeNull();
    expect(planFigureFormula('num_trades', strategy, context)).toBeNull();
    expect(planFigureFormula('total_return', strategy, { daily: context.daily })).toBeNull();
    expect(planFigureFormula('volatility', strategy, context)).toBeNull();
    expect(planFigureFormula('sharpe_ratio', strategy, context)).toBeNull();
  });

  it('agrees within display rounding only', () => {
    expect(displayTolerance({ kind: 'percent', decimals: 2 })).toBeCloseTo(0.00005, 12);
    expect(valuesAgree(0.12344, 0.12346, { kind: 'percent', decimals: 2 })).toBe(true);
    expect(valuesAgree(0.1234, 0.1236, { kind: 'percent', decimals: 2 })).toBe(false);
    expect(valuesAgree(7, 8, { kind: 'integer' })).toBe(false);
  });

  it('caches the report value under the formula, or falls back to the plain value', () => {
    const row = { key: 'final_value', label: 'Final value', standard: 'final_value' as const, types: [USD], values: [new Dec('95.001')] };
    const plan = { formula: "'Daily'!B4", value: 95 };
    expect(createFigureCell(row, 0, plan, 'Overview')).toEqual({
      cell: { t: 'n', f: "'Daily'!B4", v: 95, z: '#,##0.00 "USD";[Red]-#,##0.00 "USD"' },
      fellBack: false,
      recalculated: 95,
    });
    const off = { ...row, values: [new Dec('96')] };
    expect(createFigureCell(off, 0, plan, 'Overview')).toEqual({ cell: { t: 'n', v: 96, z: '#,##0.00 "USD";[Red]-#,##0.00 "USD"' }, fellBack: true, recalculated: 96 });
    // An array formula spans its own cell.
    expect(createFigureCell(row, 0, { ...plan, array: true }, 'Overview', 'C9').cell).toMatchObject({ F: 'C9:C9' });
    expect(createFigureCell({ ...row, values: null }, 0, plan, 'Overview').cell).toMatchObject({ f: "'Daily'!B4", v: 95 });
    expect(createFigureCell({ ...row, values: [null] }, 0, plan, 'Overview').cell).toBeUndefined();
  });

  it('recognises the usual keys of the standard figures', () => {
    expect(matchStandardFigure('final_value')).toBe('final_value');
    expect(matchStandardFigure('NUMBER_OF_TRADES')).toBe('num_trades');
    expect(matchStandardFigure('sharpe_ratio')).toBe('sharpe_ratio');
    expect(matchStandardFigure('sortino_ratio')).toBeNull();
  });

  it('adds standard figures missing from the key figures, from the summary table', () => {
    const { report } = createFixtureReport();
    report.meta.keyFigures = report.meta.keyFigures.filter((k) => k.key === 'sharpe_ratio');
    const rows = collectFigureRows(report);
    expect(rows.map((r) => r.key)).toEqual(['sharpe_ratio', 'final_value', 'total_return', 'max_drawdown', 'num_trades', 'total_costs']);
    expect(rows[4]?.types[0]).toEqual({ kind: 'integer' });
    expect(rows[4]?.values).toEqual([7, 1]);
  });
});
