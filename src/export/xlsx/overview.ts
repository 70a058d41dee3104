/**
 * The Overview sheet: the run in a few lines (title, strategy, period, base currency, periods per
 * year, initial capital, generated at) and the key figures, as formulas over the data sheets
 * where they reproduce the report's values (see `key-figures.ts`), then the sections' prose.
 */
import type { CellObject } from 'xlsx';
import Decimal from 'decimal.js';
import type { ColumnType, Report } from '../../report/model.types';
import { toDecimal } from '../../report/format';
import { createCell } from './cells';
import {
  collectFigureRows,
  createFigureCell,
  planFigureFormula,
  type FormulaContext,
  type FormulaPlan,
  type StandardFigure,
} from './key-figures';
import type { BuiltSheet, TableLayout } from './section-sheet';
import { SheetGrid } from './sheet-grid';
import { measureText, measureValue, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './widths';

const DATE: ColumnType = { kind: 'date' };
const INTEGER: ColumnType = { kind: 'integer' };
const TEXT: ColumnType = { kind: 'text' };

/** Why a key figure is a plain value rather than a formula. */
export const FALLBACK_NOTE =
  'Plain value: the data sheets do not reproduce this metric (e.g. the export covers part of the run).';

/** Initial capital from the run configuration, rounded to cents; `null` when absent or unreadable. */
export function readInitialCapital(report: Report): number | null {
  const raw = report.meta.run?.config['initial_capital'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const d = toDecimal(raw);
  return d === null ? null : d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** The Overview's grid with column widths grown as cells are placed. */
class OverviewGrid extends SheetGrid {
  readonly widths: number[] = [MIN_COLUMN_WIDTH];

  constructor(readonly sheetName: string) {
    super();
  }

  /** Places a cell and widens its column to `width` characters (plus a margin). */
  put(column: number, row: number, cell: CellObject | undefined, width: number): void {
    this.set(column, row, cell);
    this.widths[column] = Math.min(MAX_COLUMN_WIDTH, Math.max(this.widths[column] ?? MIN_COLUMN_WIDTH, width + 2));
  }

  /** Places a text cell, widening its column. */
  putText(column: number, row: number, text: string): void {
    this.put(column, row, text === '' ? undefined : { t: 's', v: text }, measureText(text));
  }

  /** A header row (bold, filled) holding `labels` from column A. */
  addHeader(labels: string[]): number {
    const row = this.nextRow;
    labels.forEach((label, c) => this.putText(c, row, label));
    this.style.headerRows.push(row);
    return row;
  }

  /** A line `label | typed value | detail`; returns its row. */
  addLine(label: string, value: string | number, type: ColumnType, detail?: string): number {
    const row = this.nextRow;
    this.putText(0, row, label);
    this.put(1, row, createCell(value, type, { sheet: this.sheetName, row, column: label }), measureValue(value, type));
    if (detail) this.putText(2, row, detail);
    return row;
  }
}

/** Writes the run summary block; returns the row of the initial capital (for formulas), if any. */
function writeRunSummary(grid: OverviewGrid, report: Report): number | null {
  const { meta } = report;
  const run = meta.run;
  grid.addHeader([run ? 'Run' : 'Report', 'Value']);
  let initialCapitalRow: number | null = null;
  if (run) {
    grid.addLine('Strategy', run.strategyLabel, TEXT);
    grid.addLine('Period start', run.exportedRange.from, DATE);
    grid.addLine('Period end', run.exportedRange.to, DATE);
    if (run.exportedRange.from !== run.dataRange.first || run.exportedRange.to !== run.dataRange.last) {
      grid.addLine('Run start', run.dataRange.first, DATE, 'the export covers part of the run');
      grid.addLine('Run end', run.dataRange.last, DATE);
    }
    grid.addLine('Base currency', run.baseCurrency, TEXT);
    grid.addLine('Periods per year', run.periodsPerYear, INTEGER, run.periodsPerYearSource);
    const initialCapital = readInitialCapital(report);
    if (initialCapital !== null) {
      const currency: ColumnType = { kind: 'currency', currency: run.baseCurrency, decimals: 2 };
      initialCapitalRow = grid.addLine('Initial capital', initialCapital, currency);
    }
    grid.addLine('Metrics cover', run.summaryScope === 'run' ? 'the whole run' : 'the exported range', TEXT);
  }
  grid.addLine('Generated at', meta.generatedAt, TEXT, 'UTC');
  grid.addLine('Application', `${meta.app.name} ${meta.app.version}`, TEXT);
  if (meta.engineVersion) grid.addLine('Engine version', meta.engineVersion, TEXT);
  if (meta.options.author) grid.addLine('Author', meta.options.author, TEXT);
  return initialCapitalRow;
}

/** What the key-figure formulas can refer to. */
function createFormulaContext(report: Report, layouts: TableLayout[], initialCapitalRow: number | null): FormulaContext {
  const context: FormulaContext = {};
  const daily = layouts.find((layout) => layout.table.id === 'daily_portfolio_data');
  const trades = layouts.find((layout) => layout.table.id === 'transaction_log');
  const initialCapital = readInitialCapital(report);
  if (daily) context.daily = daily;
  if (trades) context.trades = trades;
  if (initialCapitalRow !== null && initialCapital !== null) {
    context.initialCapital = { ref: `$B$${initialCapitalRow}`, value: initialCapital };
  }
  return context;
}

/** Writes the key-figures block: one row per metric, one column per portfolio, a note column if needed. */
function writeKeyFigures(grid: OverviewGrid, report: Report, context: FormulaContext): void {
  const { portfolios } = report.meta;
  // Plans scan whole columns, so each (figure, portfolio) is planned once.
  const plans = new Map<string, FormulaPlan | null>();
  const planFor = (figure: StandardFigure | null, index: number): FormulaPlan | null => {
    const portfolio = portfolios[index];
    if (figure === null || !portfolio) return null;
    const key = `${figure}:${index}`;
    if (!plans.has(key)) plans.set(key, planFigureFormula(figure, portfolio, context));
    return plans.get(key) ?? null;
  };
  // A standard figure the report lacks is shown only when some portfolio has a formula for it.
  const figures = collectFigureRows(report).filter(
    (row) => row.values !== null || portfolios.some((_, i) => planFor(row.standard, i) !== null),
  );
  if (figures.length === 0 || portfolios.length === 0) return;

  grid.skipRow();
  const header = grid.addHeader(['Key figures', ...portfolios.map((p) => p.name)]);
  const noteColumn = portfolios.length + 1;
  for (const figure of figures) {
    const row = grid.nextRow;
    grid.putText(0, row, figure.label);
    let fellBack = false;
    portfolios.forEach((_, i) => {
      const result = createFigureCell(figure, i, planFor(figure.standard, i), grid.sheetName);
      fellBack ||= result.fellBack;
      const value = result.cell?.v;
      grid.put(i + 1, row, result.cell, typeof value === 'number' ? measureValue(value, figure.types[i] ?? INTEGER) : 0);
    });
    if (fellBack) {
      // Long note: it overflows to the right rather than widening its column.
      grid.setText(noteColumn, row, FALLBACK_NOTE);
      grid.setText(noteColumn, header, 'Note');
    }
  }
}

/** Writes the sections' paragraphs, one per row under the section's title. */
function writeParagraphs(grid: OverviewGrid, report: Report): void {
  const paragraphs = report.sections.flatMap((s) => (s.paragraphs ?? []).map((text) => ({ title: s.title, text })));
  if (paragraphs.length === 0) return;
  grid.skipRow();
  grid.addHeader(['Notes', 'Text']);
  for (const paragraph of paragraphs) {
    const row = grid.nextRow;
    grid.putText(0, row, paragraph.title);
    // Prose overflows to the right rather than widening the value column.
    grid.setText(1, row, paragraph.text);
  }
}

/**
 * Lays out the Overview. `layouts` are the tables of the data sheets (for formula references);
 * `name` is the sheet's own name.
 */
export function buildOverviewSheet(report: Report, name: string, layouts: TableLayout[]): BuiltSheet {
  const { meta } = report;
  const grid = new OverviewGrid(name);
  // The title overflows to the right; it does not set column A's width.
  grid.setText(0, 1, meta.title);
  grid.style.titleRows.push(1);
  if (meta.subtitle) grid.setText(0, 2, meta.subtitle);
  grid.skipRow();
  const initialCapitalRow = writeRunSummary(grid, report);
  writeKeyFigures(grid, report, createFormulaContext(report, layouts, initialCapitalRow));
  writeParagraphs(grid, report);
  return { name, sheet: grid.toWorkSheet(grid.widths), style: grid.style, tables: [], dataRows: 0 };
}
