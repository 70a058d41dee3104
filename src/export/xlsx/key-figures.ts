/**
 * The Overview's key figures as formulas over the data sheets (final value, total return, max
 * drawdown, number of trades, total costs), each cached with the report's own value so a viewer
 * that does not recalculate still shows it. A formula is used only when evaluating it over the
 * cells we wrote agrees with the report's value within display rounding; otherwise (e.g. a date
 * range cut the Daily sheet while metrics describe the whole run) the value is written as is.
 */
import type { CellObject } from 'xlsx';
import { Dec } from '../../engine/decimal';
import type { CellValue, ColumnType, Report, ReportMeta } from '../../report/model.types';
import { cellType } from '../../report/model.types';
import { quoteSheetName, toCellRef } from './a1';
import { createCell, numberFormatFor, toCellNumber } from './cells';
import type { TableLayout } from './section-sheet';

/** The figures Overview computes by formula, and the keys a report may use for them. */
export type StandardFigure = 'final_value' | 'total_return' | 'max_drawdown' | 'num_trades' | 'total_costs';

const ALIASES: Record<StandardFigure, string[]> = {
  final_value: ['final_value', 'final_portfolio_value', 'ending_value', 'end_value'],
  total_return: ['total_return'],
  max_drawdown: ['max_drawdown'],
  num_trades: ['num_trades', 'number_of_trades', 'trade_count', 'trades'],
  total_costs: ['total_costs', 'total_cost', 'transaction_costs'],
};

const STANDARD_ORDER: StandardFigure[] = ['final_value', 'total_return', 'max_drawdown', 'num_trades', 'total_costs'];

const STANDARD_LABELS: Record<StandardFigure, string> = {
  final_value: 'Final value',
  total_return: 'Total return',
  max_drawdown: 'Max drawdown',
  num_trades: 'Number of trades',
  total_costs: 'Total costs',
};

/** Which standard figure a metric key stands for, if any. */
export function matchStandardFigure(key: string): StandardFigure | null {
  const k = key.toLowerCase();
  return STANDARD_ORDER.find((figure) => ALIASES[figure].includes(k)) ?? null;
}

/** One row of the key-figures block: a value (or nothing) per portfolio. */
export interface FigureRow {
  key: string;
  label: string;
  standard: StandardFigure | null;
  /** Per portfolio: the report's type and value; `values` is `null` when the report has no value for it. */
  types: ColumnType[];
  values: CellValue[] | null;
}

/** A formula and the value it gives over the cells as written. */
export interface FormulaPlan {
  formula: string;
  value: number;
}

/** What formulas can refer to: the data tables and the Overview's initial-capital cell. */
export interface FormulaContext {
  daily?: TableLayout;
  trades?: TableLayout;
  /** Absolute reference on the Overview sheet (`$B$9`) and its value. */
  initialCapital?: { ref: string; value: number };
}

function findSummaryRow(report: Report, figure: StandardFigure, meta: ReportMeta): FigureRow | null {
  for (const section of report.sections) {
    for (const table of section.tables) {
      if (table.id !== 'performance_summary') continue;
      const r = table.rows.findIndex((row) => typeof row[0] === 'string' && ALIASES[figure].includes(row[0].toLowerCase()));
      const row = table.rows[r];
      if (!row) continue;
      const types: ColumnType[] = [];
      const values: CellValue[] = [];
      for (const portfolio of meta.portfolios) {
        const c = table.columns.findIndex((column) => column.key === portfolio.key);
        const column = table.columns[c];
        types.push(column ? cellType(column, r) : { kind: 'number', decimals: 2 });
        values.push(column ? (row[c] ?? null) : null);
      }
      return { key: figure, label: STANDARD_LABELS[figure], standard: figure, types, values };
    }
  }
  return null;
}

function defaultType(figure: StandardFigure, meta: ReportMeta): ColumnType {
  const currency = meta.run?.baseCurrency ?? '';
  switch (figure) {
    case 'final_value':
    case 'total_costs':
      return { kind: 'currency', currency, decimals: 2 };
    case 'total_return':
    case 'max_drawdown':
      return { kind: 'percent', decimals: 2 };
    case 'num_trades':
      return { kind: 'integer' };
  }
}

/**
 * The rows of the key-figures block: the report's key figures in order, then any standard figure
 * they lack (from the performance summary, or computed by formula alone).
 */
export function collectFigureRows(report: Report): FigureRow[] {
  const { meta } = report;
  const rows: FigureRow[] = meta.keyFigures.map((figure) => ({
    key: figure.key,
    label: figure.label,
    standard: matchStandardFigure(figure.key),
    types: meta.portfolios.map(() => figure.type),
    values: figure.values,
  }));
  const present = new Set(rows.map((row) => row.standard).filter((s) => s !== null));
  for (const figure of STANDARD_ORDER) {
    if (present.has(figure)) continue;
    const fromSummary = findSummaryRow(report, figure, meta);
    rows.push(
      fromSummary ?? {
        key: figure,
        label: STANDARD_LABELS[figure],
        standard: figure,
        types: meta.portfolios.map(() => defaultType(figure, meta)),
        values: null,
      },
    );
  }
  return rows;
}

function columnIndex(layout: TableLayout, key: string): number {
  return layout.table.columns.findIndex((column) => column.key === key);
}

/** The number a table cell holds as written (rounded as the writer rounds it). */
function writtenNumber(layout: TableLayout, rowIndex: number, columnIdx: number): number | null {
  const column = layout.table.columns[columnIdx];
  const value = layout.table.rows[rowIndex]?.[columnIdx] ?? null;
  if (!column) return null;
  const where = { sheet: layout.sheetName, row: rowIndex + 1, column: column.key };
  return toCellNumber(value, cellType(column, rowIndex), where);
}

function finalValuePlan(daily: TableLayout, valueKey: string): FormulaPlan | null {
  const c = columnIndex(daily, valueKey);
  const n = daily.table.rows.length;
  if (c < 0 || n === 0) return null;
  const value = writtenNumber(daily, n - 1, c);
  if (value === null) return null;
  return { formula: `${quoteSheetName(daily.sheetName)}${toCellRef(c, daily.lastDataRow)}`, value };
}

/**
 * The formula for a standard figure of one portfolio, and its value over the written cells;
 * `null` when the sheets cannot express it (benchmarks have no drawdown column or trade log).
 */
export function planFigureFormula(
  figure: StandardFigure,
  portfolio: { key: string; role: 'strategy' | 'benchmark' },
  context: FormulaContext,
): FormulaPlan | null {
  const { daily, trades } = context;
  const isStrategy = portfolio.role === 'strategy';
  const valueKey = isStrategy ? 'portfolio_value' : `${portfolio.key}_value`;
  switch (figure) {
    case 'final_value':
      return daily ? finalValuePlan(daily, valueKey) : null;
    case 'total_return': {
      const final = daily ? finalValuePlan(daily, valueKey) : null;
      const initial = context.initialCapital;
      if (!final || !initial || initial.value === 0) return null;
      return { formula: `${final.formula}/${initial.ref}-1`, value: final.value / initial.value - 1 };
    }
    case 'max_drawdown': {
      if (!daily || !isStrategy) return null;
      const c = columnIndex(daily, 'drawdown');
      if (c < 0 || daily.table.rows.length === 0) return null;
      let min: number | null = null;
      daily.table.rows.forEach((_, r) => {
        const v = writtenNumber(daily, r, c);
        if (v !== null && (min === null || v < min)) min = v;
      });
      if (min === null) return null;
      const range = `${toCellRef(c, daily.firstDataRow)}:${toCellRef(c, daily.lastDataRow)}`;
      return { formula: `MIN(${quoteSheetName(daily.sheetName)}${range})`, value: min };
    }
    case 'num_trades': {
      if (!trades || !isStrategy || trades.table.rows.length === 0) return null;
      const count = trades.table.rows.filter((row) => row[0] !== null && row[0] !== undefined && row[0] !== '').length;
      const range = `${toCellRef(0, trades.firstDataRow)}:${toCellRef(0, trades.lastDataRow)}`;
      return { formula: `COUNTA(${quoteSheetName(trades.sheetName)}${range})`, value: count };
    }
    case 'total_costs': {
      if (!trades || !isStrategy || trades.table.rows.length === 0) return null;
      const c = columnIndex(trades, 'cost');
      if (c < 0) return null;
      let sum = new Dec(0);
      trades.table.rows.forEach((_, r) => {
        const v = writtenNumber(trades, r, c);
        if (v !== null) sum = sum.plus(v);
      });
      const range = `${toCellRef(c, trades.firstDataRow)}:${toCellRef(c, trades.lastDataRow)}`;
      return { formula: `SUM(${quoteSheetName(trades.sheetName)}${range})`, value: sum.toNumber() };
    }
  }
}

/** Half a unit of what a person sees for this type: the largest difference display rounding hides. */
export function displayTolerance(type: ColumnType): number {
  switch (type.kind) {
    case 'currency':
    case 'number':
    case 'quantity':
      return 0.5 * 10 ** -type.decimals;
    case 'percent':
      return 0.5 * 10 ** -(type.decimals + 2);
    case 'integer':
      return 0;
    default:
      return 1e-9;
  }
}

/** Whether a formula's value and the report's value agree within display rounding. */
export function valuesAgree(formulaValue: number, reportValue: number, type: ColumnType): boolean {
  return Math.abs(formulaValue - reportValue) <= displayTolerance(type) + 1e-12 * Math.max(1, Math.abs(reportValue));
}

/** A key-figure cell and whether a formula had to give way to the plain value. */
export interface FigureCell {
  cell: CellObject | undefined;
  fellBack: boolean;
}

/**
 * The cell of one figure for one portfolio: a formula cached with the report's value when they
 * agree, the formula with its own value when the report has none, the plain value otherwise.
 */
export function createFigureCell(row: FigureRow, index: number, plan: FormulaPlan | null, sheet: string): FigureCell {
  const type = row.types[index] ?? { kind: 'number', decimals: 2 };
  const where = { sheet, row: index + 1, column: row.key };
  const z = numberFormatFor(type);
  if (row.values === null) {
    if (!plan) return { cell: undefined, fellBack: false };
    return { cell: { t: 'n', f: plan.formula, v: plan.value, ...(z ? { z } : {}) }, fellBack: false };
  }
  const reported = row.values[index] ?? null;
  if (plan && reported !== null && type.kind !== 'text' && type.kind !== 'json' && type.kind !== 'date') {
    const cached = toCellNumber(reported, type, where);
    if (cached !== null && valuesAgree(plan.value, cached, type)) {
      return { cell: { t: 'n', f: plan.formula, v: cached, ...(z ? { z } : {}) }, fellBack: false };
    }
    return { cell: createCell(reported, type, where), fellBack: cached !== null };
  }
  return { cell: createCell(reported, type, where), fellBack: false };
}
