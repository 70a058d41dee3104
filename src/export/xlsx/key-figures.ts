/**
 * The Overview's key figures as formulas over the data sheets (final value, total return,
 * annualized return, volatility, Sharpe ratio, max drawdown of every portfolio; number of trades
 * and total costs of the strategy), each cached with the report's own value so a viewer that does
 * not recalculate still shows it. A formula is used only when evaluating it over the
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
export type StandardFigure =
  | 'final_value'
  | 'total_return'
  | 'annualized_return'
  | 'volatility'
  | 'sharpe_ratio'
  | 'max_drawdown'
  | 'num_trades'
  | 'total_costs';

const ALIASES: Record<StandardFigure, string[]> = {
  final_value: ['final_value', 'final_portfolio_value', 'ending_value', 'end_value'],
  total_return: ['total_return'],
  annualized_return: ['annualized_return', 'cagr'],
  volatility: ['volatility', 'annualized_volatility'],
  sharpe_ratio: ['sharpe_ratio', 'sharpe'],
  max_drawdown: ['max_drawdown'],
  num_trades: ['num_trades', 'number_of_trades', 'trade_count', 'trades'],
  total_costs: ['total_costs', 'total_cost', 'transaction_costs'],
};

/** Figures added to the Overview when the key figures lack them (the others are shown only when given). */
const STANDARD_ORDER: StandardFigure[] = ['final_value', 'total_return', 'max_drawdown', 'num_trades', 'total_costs'];

const MATCH_ORDER = Object.keys(ALIASES) as StandardFigure[];

const STANDARD_LABELS: Record<StandardFigure, string> = {
  final_value: 'Final value',
  total_return: 'Total return',
  annualized_return: 'Annualized return',
  volatility: 'Volatility (annualized)',
  sharpe_ratio: 'Sharpe ratio',
  max_drawdown: 'Max drawdown',
  num_trades: 'Number of trades',
  total_costs: 'Total costs',
};

/** Which standard figure a metric key stands for, if any. */
export function matchStandardFigure(key: string): StandardFigure | null {
  const k = key.toLowerCase();
  return MATCH_ORDER.find((figure) => ALIASES[figure].includes(k)) ?? null;
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
  /** An array formula (it divides or compares whole ranges): written with `t="array"`. */
  array?: boolean;
}

/** A cell a formula refers to, and the value it holds (or recalculates to). */
export interface CellRefValue {
  /** A1 reference as the formula writes it (`$B$9`, `C15`). */
  ref: string;
  value: number;
}

/** What formulas can refer to: the data tables and cells of the Overview. */
export interface FormulaContext {
  daily?: TableLayout;
  trades?: TableLayout;
  /** Absolute references on the Overview sheet (`$B$9`) and their values. */
  initialCapital?: CellRefValue;
  periodsPerYear?: CellRefValue;
  riskFreeRate?: CellRefValue;
  /**
   * Whether the Daily sheet's first row is day 0, whose return is the initial purchase rather
   * than a market period (so returns start on the second row); false when a date range starts later.
   */
  dailyStartsAtDayZero?: boolean;
  /** The Overview cell of another figure of the same portfolio and the value it recalculates to. */
  figureCell?: (figure: StandardFigure, portfolioKey: string) => CellRefValue | null;
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
    case 'annualized_return':
    case 'volatility':
    case 'max_drawdown':
      return { kind: 'percent', decimals: 2 };
    case 'sharpe_ratio':
      return { kind: 'number', decimals: 2 };
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

/** Every number of a column as written, or `null` when a cell is empty (a formula would skip it). */
function writtenColumn(layout: TableLayout, columnIdx: number, fromRow = 0): number[] | null {
  const out: number[] = [];
  for (let r = fromRow; r < layout.table.rows.length; r += 1) {
    const v = writtenNumber(layout, r, columnIdx);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

/** A data range of one table column (`'Daily'!C3:C1828`), from the table's `fromRow`-th data row. */
function columnRange(layout: TableLayout, columnIdx: number, fromRow = 0, toRow = layout.table.rows.length - 1): string {
  const sheetColumn = layout.sheetColumnOf[columnIdx] ?? columnIdx;
  const first = toCellRef(sheetColumn, layout.firstDataRow + fromRow);
  const last = toCellRef(sheetColumn, layout.firstDataRow + toRow);
  return `${quoteSheetName(layout.sheetName)}${first}:${last}`;
}

function lastCellRef(layout: TableLayout, columnIdx: number): string {
  return `${quoteSheetName(layout.sheetName)}${toCellRef(layout.sheetColumnOf[columnIdx] ?? columnIdx, layout.lastDataRow)}`;
}

function finalValuePlan(daily: TableLayout, valueKey: string): FormulaPlan | null {
  const c = columnIndex(daily, valueKey);
  const n = daily.table.rows.length;
  if (c < 0 || n === 0) return null;
  const value = writtenNumber(daily, n - 1, c);
  if (value === null) return null;
  return { formula: lastCellRef(daily, c), value };
}

/** Sample standard deviation (n − 1), two passes; `null` below two values. */
function sampleStd(values: number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const squares = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return Math.sqrt(squares / (n - 1));
}

/** Row (in table rows) of the first market-period return on the Daily sheet. */
function firstReturnRow(context: FormulaContext): number {
  return context.dailyStartsAtDayZero === false ? 0 : 1;
}

/** The annualized volatility formula of a portfolio: its daily returns column, or its value column's ratios. */
function volatilityPlan(daily: TableLayout, portfolio: { role: 'strategy' | 'benchmark' }, valueKey: string, context: FormulaContext): FormulaPlan | null {
  const ppy = context.periodsPerYear;
  if (!ppy) return null;
  const from = firstReturnRow(context);
  if (portfolio.role === 'strategy') {
    const c = columnIndex(daily, 'daily_return');
    const returns = c < 0 ? null : writtenColumn(daily, c, from);
    const std = returns === null ? null : sampleStd(returns);
    if (std === null) return null;
    return { formula: `STDEV(${columnRange(daily, c, from)})*SQRT(${ppy.ref})`, value: std * Math.sqrt(ppy.value) };
  }
  // A benchmark has only its values on the sheet: returns are the ratios of consecutive values
  // (the ratio's deviation is the return's). A range's first return needs the value before it.
  if (context.dailyStartsAtDayZero === false) return null;
  const c = columnIndex(daily, valueKey);
  const values = c < 0 ? null : writtenColumn(daily, c, 0);
  if (values === null || values.length < 3 || values.some((v) => v === 0)) return null;
  const ratios = values.slice(1).map((v, i) => v / (values[i] as number));
  const std = sampleStd(ratios);
  if (std === null) return null;
  const n = daily.table.rows.length;
  return {
    formula: `STDEV(${columnRange(daily, c, 1)}/${columnRange(daily, c, 0, n - 2)})*SQRT(${ppy.ref})`,
    value: std * Math.sqrt(ppy.value),
    array: true,
  };
}

/**
 * A benchmark's max drawdown over its value column, with the initial capital as the first peak:
 * the running peak of each row is `SUBTOTAL(4, OFFSET(first, 0, 0, k))` (MAX of the first k cells),
 * evaluated for every row at once in an array formula.
 */
function benchmarkDrawdownPlan(daily: TableLayout, valueKey: string, capital: CellRefValue): FormulaPlan | null {
  const c = columnIndex(daily, valueKey);
  const values = c < 0 ? null : writtenColumn(daily, c, 0);
  if (values === null || values.length === 0) return null;
  let peak = capital.value;
  let min = 0;
  for (const v of values) {
    if (v > peak) peak = v;
    if (peak > 0) min = Math.min(min, v / peak - 1);
  }
  const range = columnRange(daily, c);
  const first = `${quoteSheetName(daily.sheetName)}${toCellRef(daily.sheetColumnOf[c] ?? c, daily.firstDataRow)}`;
  const runningPeak = `SUBTOTAL(4,OFFSET(${first},0,0,ROW(${range})-${daily.firstDataRow - 1}))`;
  return {
    formula: `MIN(${range}/IF(${runningPeak}>${capital.ref},${runningPeak},${capital.ref}))-1`,
    value: min,
    array: true,
  };
}

/**
 * The formula for a standard figure of one portfolio, and its value over the written cells (and
 * the values the Overview cells it refers to recalculate to); `null` when the sheets cannot
 * express it (a benchmark has no trade log, a range starts after the initial capital).
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
    case 'annualized_return': {
      const total = context.figureCell?.('total_return', portfolio.key) ?? null;
      const ppy = context.periodsPerYear;
      if (!daily || !total || !ppy) return null;
      const from = firstReturnRow(context);
      const periods = daily.table.rows.length - from;
      if (periods <= 0) return null;
      const c = Math.max(0, columnIndex(daily, 'daily_return'));
      const value = Math.max(1 + total.value, 0) ** (ppy.value / periods) - 1;
      return { formula: `(1+${total.ref})^(${ppy.ref}/ROWS(${columnRange(daily, c, from)}))-1`, value };
    }
    case 'volatility':
      return daily ? volatilityPlan(daily, portfolio, valueKey, context) : null;
    case 'sharpe_ratio': {
      const annualized = context.figureCell?.('annualized_return', portfolio.key) ?? null;
      const volatility = context.figureCell?.('volatility', portfolio.key) ?? null;
      const rf = context.riskFreeRate;
      if (!annualized || !volatility || !rf || Math.abs(volatility.value) < 1e-15) return null;
      return { formula: `(${annualized.ref}-${rf.ref})/${volatility.ref}`, value: (annualized.value - rf.value) / volatility.value };
    }
    case 'max_drawdown': {
      if (!daily) return null;
      // A range's first peak is the value before it, which is not on the sheet.
      if (!isStrategy) return context.initialCapital && context.dailyStartsAtDayZero !== false ? benchmarkDrawdownPlan(daily, valueKey, context.initialCapital) : null;
      const c = columnIndex(daily, 'drawdown');
      if (c < 0 || daily.table.rows.length === 0) return null;
      let min: number | null = null;
      daily.table.rows.forEach((_, r) => {
        const v = writtenNumber(daily, r, c);
        if (v !== null && (min === null || v < min)) min = v;
      });
      if (min === null) return null;
      return { formula: `MIN(${columnRange(daily, c)})`, value: min };
    }
    case 'num_trades': {
      if (!trades || !isStrategy || trades.table.rows.length === 0) return null;
      const count = trades.table.rows.filter((row) => row[0] !== null && row[0] !== undefined && row[0] !== '').length;
      return { formula: `COUNTA(${columnRange(trades, 0)})`, value: count };
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
      return { formula: `SUM(${columnRange(trades, c)})`, value: sum.toNumber() };
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
  /** The number the cell holds after a recalculation (its formula's value), `null` when empty or not a number. */
  recalculated: number | null;
}

/** A formula cell cached with `value` (an array formula over its own one-cell range at `address`). */
function formulaCell(plan: FormulaPlan, value: number, z: string | undefined, address: string): CellObject {
  return { t: 'n', f: plan.formula, v: value, ...(plan.array ? { F: `${address}:${address}` } : {}), ...(z ? { z } : {}) };
}

/**
 * The cell of one figure for one portfolio at `address` on the Overview: a formula cached with the
 * report's value when they agree, the formula with its own value when the report has none, the
 * plain value otherwise. `recalculated` is what the cell holds after a recalculation.
 */
export function createFigureCell(row: FigureRow, index: number, plan: FormulaPlan | null, sheet: string, address = 'A1'): FigureCell {
  const type = row.types[index] ?? { kind: 'number', decimals: 2 };
  const where = { sheet, row: index + 1, column: row.key };
  const z = numberFormatFor(type);
  if (row.values === null) {
    if (!plan) return { cell: undefined, fellBack: false, recalculated: null };
    return { cell: formulaCell(plan, plan.value, z, address), fellBack: false, recalculated: plan.value };
  }
  const reported = row.values[index] ?? null;
  if (plan && reported !== null && type.kind !== 'text' && type.kind !== 'json' && type.kind !== 'date') {
    const cached = toCellNumber(reported, type, where);
    if (cached !== null && valuesAgree(plan.value, cached, type)) {
      return { cell: formulaCell(plan, cached, z, address), fellBack: false, recalculated: plan.value };
    }
    const cell = createCell(reported, type, where);
    return { cell, fellBack: cached !== null, recalculated: typeof cell?.v === 'number' ? cell.v : null };
  }
  const cell = createCell(reported, type, where);
  return { cell, fellBack: false, recalculated: typeof cell?.v === 'number' ? cell.v : null };
}
