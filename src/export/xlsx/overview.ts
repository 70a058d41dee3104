/**
 * The Overview sheet: the run in a few lines (title, strategy, period, base currency, periods per
 * year, risk-free rate, initial capital, generated at), the key figures of every portfolio as
 * formulas over the data sheets where they reproduce the report's values (see `key-figures.ts`),
 * the sections' prose, and below them, on a page of their own, the native charts (see
 * `overview-charts.ts`), whose rows are reserved here.
 */
import type { CellObject } from 'xlsx';
import Decimal from 'decimal.js';
import type { ColumnType, Report } from '../../report/model.types';
import { toDecimal, toNumber } from '../../report/format';
import { syntheticNotice } from '../../report/provenance';
import { toCellRef } from './a1';
import { createCell, DATE_TIME_FORMAT, excelSerialFromIsoInstant } from './cells';
import type { ChartAnchor } from './chart-xml';
import {
  collectFigureRows,
  createFigureCell,
  planFigureFormula,
  type CellRefValue,
  type FigureCell,
  type FigureRow,
  type FormulaContext,
  type FormulaPlan,
  type StandardFigure,
} from './key-figures';
import { CHART_WIDTH_EMU, type WorkbookChart } from './overview-charts';
import { isWide, sheetWidthPx } from './print';
import type { BuiltSheet, TableLayout } from './section-sheet';
import { SheetGrid } from './sheet-grid';
import { measureText, measureValue, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './widths';

const DATE: ColumnType = { kind: 'date' };
const INTEGER: ColumnType = { kind: 'integer' };
const TEXT: ColumnType = { kind: 'text' };
const PERCENT: ColumnType = { kind: 'percent', decimals: 2 };

/** Height of a row of the chart block, in points (fixed, so charts anchored to rows never overlap). */
const CHART_ROW_POINTS = 15;
/** EMU per point. */
const EMU_PER_POINT = 12_700;

/** Why a key figure is a plain value rather than a formula (a footnote under the key figures). */
export const FALLBACK_NOTE =
  'Plain value: the data sheets do not reproduce this metric (e.g. the export covers part of the run), so the cell holds the computed metric instead of a formula.';

/** The Note column's mark on a row with a plain value, referring to the footnote. */
export const FALLBACK_MARK = 'Plain value (*)';

/** The run's risk-free rate (a fraction) from its configuration; `null` when absent or unreadable. */
export function readRiskFreeRate(report: Report): number | null {
  const raw = report.meta.run?.config['risk_free_rate'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  return toNumber(raw);
}

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
  private readonly longTexts: { column: number; row: number; text: string }[] = [];

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

  /**
   * Text that may be longer than its column (a strategy's description, prose): it does not widen
   * the column; `finishLongTexts` merges it across the sheet's columns and wraps it.
   */
  putLongText(column: number, row: number, text: string): void {
    if (text === '') return;
    this.set(column, row, { t: 's', v: text });
    this.longTexts.push({ column, row, text });
  }

  /**
   * Merges each long text that does not fit its column across the columns up to `lastColumn`,
   * wrapped, with a row height for its lines: text overflowing to the right would widen the
   * printed page, and applications do not fit the height of merged rows themselves.
   */
  finishLongTexts(lastColumn: number): void {
    for (const { column, row, text } of this.longTexts) {
      const width = measureText(text);
      if (width + 1 <= (this.widths[column] ?? MIN_COLUMN_WIDTH)) continue;
      const last = Math.max(column, lastColumn);
      this.merge(row, column, last);
      let area = 0;
      for (let c = column; c <= last; c += 1) area += this.widths[c] ?? MIN_COLUMN_WIDTH;
      if (width + 1 <= area) continue;
      this.setWrappedText(column, row, text, last);
    }
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

/** Overview cells formulas refer to: initial capital, periods per year, risk-free rate. */
interface RunCells {
  initialCapital?: CellRefValue;
  periodsPerYear?: CellRefValue;
  riskFreeRate?: CellRefValue;
}

/** Writes the run summary block; returns the cells key-figure formulas refer to. */
function writeRunSummary(grid: OverviewGrid, report: Report): RunCells {
  const { meta } = report;
  const run = meta.run;
  grid.addHeader([run ? 'Run' : 'Report', 'Value']);
  const cells: RunCells = {};
  if (run) {
    const strategyRow = grid.nextRow;
    grid.putText(0, strategyRow, 'Strategy');
    grid.putLongText(1, strategyRow, run.strategyLabel);
    grid.addLine('Period start', run.exportedRange.from, DATE);
    grid.addLine('Period end', run.exportedRange.to, DATE);
    if (run.exportedRange.from !== run.dataRange.first || run.exportedRange.to !== run.dataRange.last) {
      grid.addLine('Run start', run.dataRange.first, DATE, 'the export covers part of the run');
      grid.addLine('Run end', run.dataRange.last, DATE);
    }
    grid.addLine('Base currency', run.baseCurrency, TEXT);
    const ppyRow = grid.addLine('Periods per year', run.periodsPerYear, INTEGER, run.periodsPerYearSource);
    cells.periodsPerYear = { ref: `$B$${ppyRow}`, value: run.periodsPerYear };
    const riskFree = readRiskFreeRate(report);
    if (riskFree !== null) {
      const row = grid.addLine('Risk-free rate', riskFree, PERCENT, 'annual');
      cells.riskFreeRate = { ref: `$B$${row}`, value: riskFree };
    }
    const initialCapital = readInitialCapital(report);
    if (initialCapital !== null) {
      const currency: ColumnType = { kind: 'currency', currency: run.baseCurrency, decimals: 2 };
      const row = grid.addLine('Initial capital', initialCapital, currency);
      cells.initialCapital = { ref: `$B$${row}`, value: initialCapital };
    }
    grid.addLine('Metrics cover', run.summaryScope === 'run' ? 'the whole run' : 'the exported range', TEXT);
  }
  // Said where the figures are read: a reader must not take synthetic numbers for market data.
  const synthetic = syntheticNotice(meta);
  if (synthetic !== null) grid.addLine('Data', synthetic, TEXT);
  const generated = excelSerialFromIsoInstant(meta.generatedAt);
  if (generated !== null) {
    const row = grid.nextRow;
    grid.putText(0, row, 'Generated at');
    grid.put(1, row, { t: 'n', v: generated, z: DATE_TIME_FORMAT }, DATE_TIME_FORMAT.length);
    grid.putText(2, row, 'UTC');
  } else {
    grid.addLine('Generated at', meta.generatedAt, TEXT);
  }
  grid.addLine('Application', `${meta.app.name} ${meta.app.version}`, TEXT);
  if (meta.engineVersion) grid.addLine('Engine version', meta.engineVersion, TEXT);
  if (meta.options.author) grid.addLine('Author', meta.options.author, TEXT);
  return cells;
}

/** What the key-figure formulas can refer to. */
function createFormulaContext(report: Report, layouts: TableLayout[], cells: RunCells): FormulaContext {
  const context: FormulaContext = { ...cells };
  const daily = layouts.find((layout) => layout.table.id === 'daily_portfolio_data');
  const trades = layouts.find((layout) => layout.table.id === 'transaction_log');
  if (daily) {
    context.daily = daily;
    const dateColumn = daily.table.columns.findIndex((c) => c.key === 'date');
    const firstDate = daily.table.rows[0]?.[dateColumn];
    // Without a run (day 0 unknown) the first row is taken as day 0, as in a whole-run export.
    context.dailyStartsAtDayZero = report.meta.run === undefined || firstDate === report.meta.run.dataRange.day0;
  }
  if (trades) context.trades = trades;
  return context;
}

/** Writes the key-figures block: one row per metric, one column per portfolio, a note column if needed. */
function writeKeyFigures(grid: OverviewGrid, report: Report, context: FormulaContext): void {
  const { portfolios } = report.meta;
  // A standard figure the report lacks is shown only when some portfolio has a formula for it.
  const figures = collectFigureRows(report).filter(
    (row) => row.values !== null || portfolios.some((p) => row.standard !== null && planFigureFormula(row.standard, p, context) !== null),
  );
  if (figures.length === 0 || portfolios.length === 0) return;

  grid.skipRow();
  const header = grid.addHeader(['Key figures', ...portfolios.map((p) => p.name)]);
  const rowOf = (i: number): number => header + 1 + i;
  const figureIndex = new Map<StandardFigure, number>();
  figures.forEach((figure, i) => {
    if (figure.standard !== null && !figureIndex.has(figure.standard)) figureIndex.set(figure.standard, i);
  });
  // Cells are planned on demand, since a formula may refer to another figure's cell (Sharpe to
  // annualized return and volatility), and each is planned once.
  const cells = new Map<string, FigureCell>();
  const cellOf = (i: number, p: number): FigureCell => {
    const key = `${i}:${p}`;
    const known = cells.get(key);
    if (known) return known;
    const figure = figures[i] as FigureRow;
    const portfolio = portfolios[p];
    const address = toCellRef(p + 1, rowOf(i));
    const plan: FormulaPlan | null =
      figure.standard !== null && portfolio ? planFigureFormula(figure.standard, portfolio, { ...context, figureCell: resolve }) : null;
    const cell = createFigureCell(figure, p, plan, grid.sheetName, address);
    cells.set(key, cell);
    return cell;
  };
  const resolve = (figure: StandardFigure, portfolioKey: string): CellRefValue | null => {
    const i = figureIndex.get(figure);
    const p = portfolios.findIndex((q) => q.key === portfolioKey);
    if (i === undefined || p < 0) return null;
    const value = cellOf(i, p).recalculated;
    return value === null ? null : { ref: toCellRef(p + 1, rowOf(i)), value };
  };

  const noteColumn = portfolios.length + 1;
  let anyFallback = false;
  figures.forEach((figure, i) => {
    const row = rowOf(i);
    grid.putText(0, row, figure.label);
    let fellBack = false;
    portfolios.forEach((_, p) => {
      const result = cellOf(i, p);
      fellBack ||= result.fellBack;
      const value = result.cell?.v;
      grid.put(p + 1, row, result.cell, typeof value === 'number' ? measureValue(value, figure.types[p] ?? INTEGER) : 0);
    });
    if (fellBack) {
      grid.putText(noteColumn, row, FALLBACK_MARK);
      grid.putText(noteColumn, header, 'Note');
      anyFallback = true;
    }
  });
  if (anyFallback) grid.putLongText(0, grid.nextRow, `(*) ${FALLBACK_NOTE}`);
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
    grid.putLongText(1, row, paragraph.text);
  }
}

/**
 * Printable height of a page at full size, in EMU: A4 and Letter less 0.75 in top and bottom
 * margins (the running header and footer sit inside them), the shorter of the two (Letter
 * portrait 24.1 cm, A4 landscape 17.2 cm), less a little for rounding.
 */
const PRINTABLE_HEIGHT_EMU = { portrait: 24 * 360_000, landscape: 17 * 360_000 } as const;

/**
 * Reserves rows for the charts below everything else: each chart is anchored at the top-left of
 * its first row and the rows beneath it get a fixed height, so the next chart starts below it in
 * every application. The charts start a new page, and another whenever the next would not fit.
 * Returns the anchors, in chart order.
 */
function reserveChartRows(grid: OverviewGrid, charts: WorkbookChart[], landscape: boolean): ChartAnchor[] {
  if (charts.length === 0) return [];
  grid.skipRow();
  const orientation = landscape ? 'landscape' : 'portrait';
  const rowEmu = CHART_ROW_POINTS * EMU_PER_POINT;
  const anchors: ChartAnchor[] = [];
  let row = grid.nextRow;
  let pageUsed = Number.POSITIVE_INFINITY;
  for (const chart of charts) {
    const rows = Math.ceil(chart.heightEmu / rowEmu) + 1;
    if (pageUsed + rows * rowEmu > PRINTABLE_HEIGHT_EMU[orientation]) {
      grid.style.print.pageBreaksBefore.push(row);
      pageUsed = 0;
    }
    anchors.push({ column: 0, row: row - 1, columnOffsetEmu: 0, rowOffsetEmu: 0, widthEmu: CHART_WIDTH_EMU[orientation] });
    for (let r = row; r < row + rows; r += 1) grid.reserveRow(r, CHART_ROW_POINTS);
    row += rows;
    pageUsed += rows * rowEmu;
  }
  return anchors;
}

/** The Overview as laid out: the sheet, and where its charts go. */
export interface OverviewSheet extends BuiltSheet {
  charts: { chart: WorkbookChart; anchor: ChartAnchor }[];
}

/**
 * Lays out the Overview. `layouts` are the tables of the data sheets (for formula references),
 * `charts` the charts to place below the text; `name` is the sheet's own name. It prints
 * landscape when its text is wide, and its charts are then wider too.
 */
export function buildOverviewSheet(report: Report, name: string, layouts: TableLayout[], charts: WorkbookChart[] = []): OverviewSheet {
  const { meta } = report;
  const grid = new OverviewGrid(name);
  // The title overflows to the right; it does not set column A's width.
  grid.setText(0, 1, meta.title);
  grid.style.titleRows.push(1);
  if (meta.subtitle) grid.setText(0, 2, meta.subtitle);
  grid.skipRow();
  const runCells = writeRunSummary(grid, report);
  writeKeyFigures(grid, report, createFormulaContext(report, layouts, runCells));
  writeParagraphs(grid, report);
  // Long texts span the columns the tables use (at least A to C: label, value, detail).
  grid.finishLongTexts(Math.max(2, grid.widths.length - 1));
  const landscape = isWide(sheetWidthPx(grid.widths));
  grid.style.print.landscape = landscape;
  const anchors = reserveChartRows(grid, charts, landscape);
  return {
    name,
    sheet: grid.toWorkSheet(grid.widths),
    style: grid.style,
    tables: [],
    dataRows: 0,
    charts: charts.map((chart, i) => ({ chart, anchor: anchors[i] as ChartAnchor })),
  };
}
