/**
 * The format-neutral report model: the seam between numbers and files. One `Report` feeds every
 * writer (CSV, workbook, PDF), the dashboard and host applications. Writers decide presentation
 * from a column's `type.kind`, never from its name, and switch on kinds exhaustively (see
 * `assertNever`), so a new kind fails to compile until every writer handles it.
 */
import type Decimal from 'decimal.js';

export type IsoDate = string;

/** How a column's values are typed, shown and written. */
export type ColumnType =
  /** Cells: ISO `YYYY-MM-DD` strings. */
  | { kind: 'date' }
  /** Cells: safe integers. `grouping: false` for identifiers such as years: never a thousands separator. */
  | { kind: 'integer'; grouping?: boolean }
  /** Cells: numbers. Files get 10 decimals (trailing zeros trimmed); screens `decimals`. */
  | { kind: 'number'; decimals: number }
  /** Cells: fractions (0.1234 = 12.34 %). Files get 10 decimals; screens a percent with `decimals`. */
  | { kind: 'percent'; decimals: number }
  /** Cells: Decimal money in `currency`. Files and screens round half-up to `decimals` (2). */
  | { kind: 'currency'; currency: string; decimals: number }
  /** Cells: Decimal quantities; files and screens `decimals` (the run's quantity_decimals). */
  | { kind: 'quantity'; decimals: number }
  /** Cells: Decimal prices, written as given; screens 4 decimals (more significant digits below 1). */
  | { kind: 'price' }
  /** Cells: strings (user text: guard against formula injection when written). */
  | { kind: 'text' }
  /** Cells: compact JSON strings, already serialised by the report builder. */
  | { kind: 'json' };

export type ColumnKind = ColumnType['kind'];

/** A cell: string (date, text, json), number (integer, number, percent), Decimal (currency,
 * quantity, price; or their exact decimal text, as host reports keep them) or `null` for a
 * missing value (written as an empty field). */
export type CellValue = string | number | Decimal | null;

export interface Column {
  /** File name of the column (`portfolio_value`, `BTC_weight`): exact, as in the export contract. */
  key: string;
  /** For people (`Portfolio value`, `BTC weight`). */
  label: string;
  type: ColumnType;
  /** Optional one-line explanation (used in glossaries and tooltips). */
  description?: string | undefined;
  /**
   * Per-row types for a column whose rows hold different kinds of value (the performance summary:
   * one row per metric, percent for returns, currency for final value, integer for trades).
   * Writers read a cell's type through `cellType(column, rowIndex)`, never `column.type` directly.
   */
  typeByRow?: ColumnType[] | undefined;
}

/** The type of the cell at `rowIndex` of `column` (its per-row type when it has one). */
export function cellType(column: Column, rowIndex: number): ColumnType {
  return column.typeByRow?.[rowIndex] ?? column.type;
}

export interface ReportTable {
  /** Stable id; the CSV package writes `${id}.csv` (`daily_portfolio_data`). */
  id: string;
  /** For people (`Daily portfolio data`). */
  title: string;
  columns: Column[];
  /** Row-major; `rows[i][j]` belongs to `columns[j]`. */
  rows: CellValue[][];
  /** Shown under the table (e.g. "Rows before 2021-01-01 left out by the date range"). */
  note?: string | undefined;
  /**
   * For people: one label per row that writers for people (PDF, screens) show instead of the
   * first column's text (`Annualized return` for `annualized_return`). Data files keep the keys.
   */
  rowLabels?: string[] | undefined;
  /**
   * Most rows the PDF's detailed template prints of this table (a host's choice for a long
   * log); the page then says how many rows were left out. Absent: every row is printed.
   */
  printLimit?: number | undefined;
}

/** The text a writer for people shows in `row`, `column`: the row label in the first column when the table has one. */
export function displayText(table: ReportTable, rowIndex: number, columnIndex: number, format: (value: CellValue, type: ColumnType) => string): string {
  const label = columnIndex === 0 ? table.rowLabels?.[rowIndex] : undefined;
  if (label !== undefined) return label;
  const column = table.columns[columnIndex];
  if (column === undefined) return '';
  return format(table.rows[rowIndex]?.[columnIndex] ?? null, cellType(column, rowIndex));
}

/** How chart values are shown (ticks, hovers, cells). */
export type ChartValueFormat = 'percent' | 'currency' | 'number';

/**
 * What a series is, which decides its colour and drawing order (chart-style.ts): the strategy in
 * one fixed colour, drawn on top; benchmarks muted; assets from a categorical palette; `other`
 * (cash, a grouped remainder, a reference distribution) grey.
 */
export type ChartSeriesRole = 'strategy' | 'benchmark' | 'asset' | 'other';

/** One series of a chart: a column of its table. */
export interface ChartSeries {
  /** Column key in the chart's table. */
  column: string;
  /** Legend label for people (`Risk parity crypto (synthetic)`, `BTC`, `Cash`), never a snake_case key. */
  name: string;
  /** Absent: the first series is the strategy, the others benchmarks. */
  role?: ChartSeriesRole;
  /** `#rrggbb` overriding the role's colour (host charts). */
  color?: string;
}

/** A shaded span of a time axis (underwater chart: one of the worst drawdowns). */
export interface ChartBand {
  from: IsoDate;
  to: IsoDate;
  /** Short text printed at the top of the band (`1`, the rank). */
  label: string;
  /** Longer text for hovers and screen readers (`#1: −73.2 %, 2021-11-08 to 2023-03-14`). */
  description?: string;
}

/**
 * A chart drawn from report tables, so a writer or a host can draw it without the backtest.
 * Format-neutral: the page draws it with Plotly, the PDF with jsPDF vectors, both through the
 * one style table (src/report/chart-style.ts). Decisions that depend on the data (log scale,
 * shaded periods) are taken by the spec builder and recorded here, so every renderer agrees.
 *
 * Kinds and how they read the table:
 * - `line`, `area`, `stacked_area`: x a date column, one series per column.
 * - `bar`, `grouped_bar`: x a category column (asset, year), one bar group per row.
 * - `heatmap`: `x` the row-label column, `series` the matrix columns; values printed in cells.
 * - `histogram`: the first series' values binned (x is the row key, used by `omitX`), with the
 *   normal curve of the same mean and volatility.
 */
export interface ChartSpec {
  id:
    | 'equity'
    | 'drawdown'
    | 'underwater'
    | 'allocation'
    | 'rolling_volatility'
    | 'rolling_sharpe'
    | 'rolling_beta'
    | 'correlation'
    | 'risk_contributions'
    | 'yearly_returns'
    | 'monthly_heatmap'
    | 'return_distribution'
    | string;
  /** What the data is, in words (`Correlation of daily returns`). */
  title: string;
  /** A second line: window, scale, scope (`30-day window, annualized`). */
  subtitle?: string;
  kind: 'line' | 'area' | 'stacked_area' | 'bar' | 'grouped_bar' | 'heatmap' | 'histogram';
  /** The table the data comes from. */
  tableId: string;
  /** Column key of the x axis (a date or text column); for a heatmap the row label column. */
  x: string;
  /** The series, in legend order (strategy first). */
  series: ChartSeries[];
  /** x axis title (`Date`, `Year`, `Daily return`). */
  xLabel: string;
  /** y axis title without its unit (`Value`; the renderers add `(USD)` from `currency`). */
  yLabel: string;
  /** How y values (heatmap: cell values) are shown. */
  yFormat: ChartValueFormat;
  /** How x values are shown on a value x axis (histogram bins). */
  xFormat?: ChartValueFormat;
  /** Currency of `currency` values; named in the axis title (`Value (USD)`). */
  currency?: string;
  /** y axis scale; absent is linear. The equity builder sets `log` when the run grows more than 3×. */
  yScale?: 'linear' | 'log';
  /** Fixed y range (allocation: 0 to 1). */
  yRange?: [number, number];
  /** Heatmap colours: `diverging` (correlations: −1 to 1, centred on 0) or `returns` (losses red, gains green). */
  colorScale?: 'diverging' | 'returns';
  /** Shaded spans of the x axis, drawn under the series. */
  bands?: ChartBand[];
  /** Horizontal reference lines (beta 1), drawn dashed. */
  referenceLines?: { value: number; label: string }[];
  /** Rows whose x value is listed are left out (the return distribution leaves out day 0). */
  omitX?: string[];
}

export type SectionId =
  | 'summary'
  | 'daily'
  | 'allocations'
  | 'trades'
  | 'rebalances'
  | 'risk'
  | 'drawdowns'
  | 'rolling'
  | 'monthly'
  | 'yearly'
  | 'trailing';

export interface ReportSection {
  /** A `SectionId` for backtest reports; any id for host reports. */
  id: SectionId | string;
  /** Sheet name / PDF heading (`Performance`, `Daily`, `Monthly Returns`). */
  title: string;
  tables: ReportTable[];
  charts: ChartSpec[];
  /** Short paragraphs of prose shown before the tables (PDF, Overview). */
  paragraphs?: string[] | undefined;
}

/** A headline figure for the cover and the Overview sheet, one value per portfolio. */
export interface KeyFigure {
  key: string;
  label: string;
  type: ColumnType;
  /** Parallel to `ReportMeta.portfolios`. */
  values: CellValue[];
}

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
export type PdfTemplate = 'executive' | 'detailed' | 'compliance';

export interface ExportOptions {
  formats: ExportFormat[];
  /** Sections to include; every section when absent. */
  sections?: SectionId[] | undefined;
  /** Inclusive range of dates to export; the whole run when absent. */
  dateRange?: { from?: IsoDate | undefined; to?: IsoDate | undefined } | undefined;
  template: PdfTemplate;
  /** File-name prefix; defaults to the strategy name in lower snake case. */
  prefix?: string | undefined;
  /** UTF-8 byte-order mark on CSV files (default true, so Excel shows non-ASCII names). */
  bom: boolean;
  /** Workbook/PDF author. */
  author?: string | undefined;
}

/**
 * Where a report's data comes from, in words every file repeats: the PDF's data note (footnote,
 * methodology, data chapter), the workbook's Metadata sheet and `metadata.json`'s `inputs`.
 */
export interface DataSourceInfo {
  /**
   * The data is generated (synthetic), not market data or real figures: every file says so
   * ("Synthetic prices, not market data"). Set by the command line and the dashboard for the
   * bundled synthetic example; a host sets it for its own generated data.
   */
  synthetic?: boolean | undefined;
  /** Where the data comes from, for a reader (`data/stocks.csv of vega-datasets 3.2.1`, `Monte Carlo, seed 7`). */
  source?: string | undefined;
}

/** An input file as the report records it: name, size and SHA-256 of its bytes, and where its data comes from. */
export interface InputFileInfo extends DataSourceInfo {
  name: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the bytes as given. */
  sha256: string;
}

export interface ReportMeta {
  title: string;
  subtitle?: string | undefined;
  /** ISO 8601 UTC instant of the export (`2025-09-06T08:38:40Z`). */
  generatedAt: string;
  app: { name: string; version: string };
  engineVersion?: string | undefined;
  /** Portfolio names as configured, strategy first (columns of the summary). */
  portfolios: { name: string; key: string; role: 'strategy' | 'benchmark' }[];
  /** Backtest reports only. */
  run?: {
    /** The run configuration as JSON (snake_case), enough to repeat the run. */
    config: Record<string, unknown>;
    strategyLabel: string;
    baseCurrency: string;
    periodsPerYear: number;
    periodsPerYearSource: 'configured' | 'inferred';
    /** First and last timeline dates, and day 0, of the run (before any export date range). */
    dataRange: { first: IsoDate; last: IsoDate; day0: IsoDate };
    /** The exported range (equals the run range when no date range was chosen). */
    exportedRange: { from: IsoDate; to: IsoDate };
    /** Whether summary metrics describe the exported range (recomputed) or the whole run. */
    summaryScope: 'run' | 'exported_range';
  };
  /** The price and FX files of a backtest; `data`: where a host's tables come from (`reportFromTables`' `data`). */
  inputs?: { prices?: InputFileInfo | undefined; fx?: InputFileInfo | undefined; data?: DataSourceInfo | undefined } | undefined;
  options: ExportOptions;
  keyFigures: KeyFigure[];
  /** One formula line per metric. */
  glossary: { key: string; label: string; formula: string }[];
  warnings: string[];
}

export interface Report {
  meta: ReportMeta;
  sections: ReportSection[];
}

/** Exhaustiveness guard for `switch (type.kind)`. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
