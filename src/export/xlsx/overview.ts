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

/** Why a key figure is a plain value rather than a formula. */
export const FALLBACK_NOTE =
  'Plain value: the data sheets do not reproduce this metric (e.g. the export covers part of the run).';

function findTable(layouts: TableLayout[], id: string): TableLayout | undefined {
  return layouts.find((layout) => layout.table.id === id);
}

/** Initial capital from the run configuration, rounded to cents; `null` when absent or unreadable. */
export function readInitialCapital(report: Report): number | null {
  const raw = report.meta.run?.config['initial_capital'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const d = toDecimal(raw);
  return d === null ? null : d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/**
 * Lays out the Overview. `layouts` are the tables of the data sheets (for formula references);
 * `name` is the sheet's own name.
 */
export function buildOverviewSheet(report: Report, name: string, layouts: TableLayout[]): BuiltSheet {
  const { meta } = report;
  const grid = new SheetGrid();
  const widths = [MIN_COLUMN_WIDTH];
  const widen = (column: number, text: string): void => {
    widths[column] = Math.min(MAX_COLUMN_WIDTH, Math.max(widths[column] ?? MIN_COLUMN_WIDTH, measureText(text) + 2));
  };
  const put = (column: number, row: number, cell: CellObject | undefined, width: number): void => {
    grid.set(column, row, cell);
    widths[column] = Math.min(MAX_COLUMN_WIDTH, Math.max(widths[column] ?? MIN_COLUMN_WIDTH, width + 2));
  };

  grid.setText(0, 1, meta.title);
  grid.style.titleRows.push(1);
  if (meta.subtitle) grid.setText(0, 2, meta.subtitle);
  grid.skipRow();

  // Run summary: label in A, value in B (typed), detail in C.
  const runHeader = grid.nextRow;
  grid.setText(0, runHeader, meta.run ? 'Run' : 'Report');
  grid.setText(1, runHeader, 'Value');
  grid.style.headerRows.push(runHeader);
  const addLine = (label: string, value: string | number, type: ColumnType, detail?: string): number => {
    const row = grid.nextRow;
    put(0, row, { t: 's', v: label }, measureText(label));
    const where = { sheet: name, row, column: label };
    put(1, row, createCell(value, type, where), measureValue(value, type));
    if (detail) put(2, row, { t: 's', v: detail }, measureText(detail));
    return row;
  };
  const text: ColumnType = { kind: 'text' };
  let initialCapitalRow: number | null = null;
  const initialCapital = readInitialCapital(report);
  const run = meta.run;
  if (run) {
    addLine('Strategy', run.strategyLabel, text);
    addLine('Period start', run.exportedRange.from, DATE);
    addLine('Period end', run.exportedRange.to, DATE);
    if (run.exportedRange.from !== run.dataRange.first || run.exportedRange.to !== run.dataRange.last) {
      addLine('Run start', run.dataRange.first, DATE, 'the export covers part of the run');
      addLine('Run end', run.dataRange.last, DATE);
    }
    addLine('Base currency', run.baseCurrency, text);
    addLine('Periods per year', run.periodsPerYear, INTEGER, run.periodsPerYearSource);
    if (initialCapital !== null) {
      initialCapitalRow = addLine('Initial capital', initialCapital, { kind: 'currency', currency: run.baseCurrency, decimals: 2 });
    }
    addLine('Metrics cover', run.summaryScope === 'run' ? 'the whole run' : 'the exported range', text);
  }
  addLine('Generated at', meta.generatedAt, text, 'UTC');
  addLine('Application', `${meta.app.name} ${meta.app.version}`, text);
  if (meta.engineVersion) addLine('Engine version', meta.engineVersion, text);
  if (meta.options.author) addLine('Author', meta.options.author, text);

  // Key figures: one row per metric, one column per portfolio.
  const context: FormulaContext = {};
  const daily = findTable(layouts, 'daily_portfolio_data');
  const trades = findTable(layouts, 'transaction_log');
  if (daily) context.daily = daily;
  if (trades) context.trades = trades;
  if (initialCapitalRow !== null && initialCapital !== null) {
    context.initialCapital = { ref: `$B$${initialCapitalRow}`, value: initialCapital };
  }
  // Plans scan whole columns, so each (figure, portfolio) is planned once.
  const plans = new Map<string, FormulaPlan | null>();
  const planFor = (figure: StandardFigure | null, index: number): FormulaPlan | null => {
    const portfolio = meta.portfolios[index];
    if (figure === null || !portfolio) return null;
    const key = `${figure}:${index}`;
    if (!plans.has(key)) plans.set(key, planFigureFormula(figure, portfolio, context));
    return plans.get(key) ?? null;
  };
  // A standard figure the report lacks is shown only when some portfolio has a formula for it.
  const figures = collectFigureRows(report).filter(
    (row) => row.values !== null || meta.portfolios.some((_, i) => planFor(row.standard, i) !== null),
  );
  if (figures.length > 0 && meta.portfolios.length > 0) {
    grid.skipRow();
    const header = grid.nextRow;
    grid.setText(0, header, 'Key figures');
    meta.portfolios.forEach((p, i) => {
      grid.setText(i + 1, header, p.name);
      widen(i + 1, p.name);
    });
    grid.style.headerRows.push(header);
    const noteColumn = meta.portfolios.length + 1;
    let anyNote = false;
    for (const figure of figures) {
      const row = grid.nextRow;
      put(0, row, { t: 's', v: figure.label }, measureText(figure.label));
      let fellBack = false;
      meta.portfolios.forEach((_, i) => {
        const result = createFigureCell(figure, i, planFor(figure.standard, i), name);
        fellBack ||= result.fellBack;
        const type = figure.types[i] ?? INTEGER;
        const shown = result.cell && typeof result.cell.v === 'number' ? measureValue(result.cell.v, type) : 0;
        put(i + 1, row, result.cell, shown);
      });
      if (fellBack) {
        grid.setText(noteColumn, row, FALLBACK_NOTE);
        anyNote = true;
      }
    }
    if (anyNote) grid.setText(noteColumn, header, 'Note');
  }

  const paragraphs = report.sections.flatMap((s) => (s.paragraphs ?? []).map((p) => ({ title: s.title, text: p })));
  if (paragraphs.length > 0) {
    grid.skipRow();
    const header = grid.nextRow;
    grid.setText(0, header, 'Notes');
    grid.setText(1, header, 'Text');
    grid.style.headerRows.push(header);
    for (const paragraph of paragraphs) {
      const row = grid.nextRow;
      put(0, row, { t: 's', v: paragraph.title }, measureText(paragraph.title));
      // Long prose overflows to the right rather than widening the value column.
      grid.setText(1, row, paragraph.text);
    }
  }
  return { name, sheet: grid.toWorkSheet(widths), style: grid.style, tables: [], dataRows: 0 };
}
