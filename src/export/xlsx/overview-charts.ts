/**
 * The native charts of the Overview: which ones, over which ranges of the data sheets, with the
 * values those cells hold as their caches. A backtest report gets equity against every benchmark
 * (Daily), the strategy's drawdown (Daily) and yearly returns against the benchmarks (Yearly
 * Returns); a host report gets its own line, area and bar charts. `chart-xml.ts` writes them.
 */
import { CHART_COLORS, valueAxis } from '../../report/chart-style';
import type { ChartSpec, ColumnType, Report } from '../../report/model.types';
import { cellType } from '../../report/model.types';
import { quoteSheetName, toColumnLetters } from './a1';
import { excelSerialFromIsoDate, toCellNumber } from './cells';
import type { TableLayout } from './section-sheet';

/**
 * Series colours from the charts' one style table (src/report/chart-style.ts), so the workbook's
 * native charts match the page and the PDF: the strategy one fixed blue, benchmarks muted.
 */
export const WORKBOOK_CHART_COLORS = {
  strategy: ooxmlColor(CHART_COLORS.strategy),
  benchmarks: CHART_COLORS.benchmarks.map(ooxmlColor),
  text: ooxmlColor(CHART_COLORS.text),
  muted: ooxmlColor(CHART_COLORS.muted),
  grid: ooxmlColor(CHART_COLORS.grid),
  minorGrid: ooxmlColor(CHART_COLORS.minorGrid),
  axis: ooxmlColor(CHART_COLORS.axis),
} as const;

/** `#0a5fa8` → `0A5FA8`, the form DrawingML's `a:srgbClr` takes. */
function ooxmlColor(hex: string): string {
  return hex.replace(/^#/, '').toUpperCase();
}

/** A range of cells with the values they hold, for a chart's reference and cache. */
export interface ChartData<T> {
  /** Absolute, sheet-qualified reference (`'Daily'!$B$2:$B$1828`). */
  ref: string;
  /** Number format of the cached values (the cells' own). */
  formatCode: string;
  /** One value per cell; `null` for an empty cell (a gap). */
  points: T[];
}

/** One series of a workbook chart. */
export interface WorkbookChartSeries {
  name: string;
  /** `RRGGBB`. */
  color: string;
  strategy: boolean;
  values: ChartData<number | null>;
}

/** A chart of the Overview, ready to be written as DrawingML. */
export interface WorkbookChart {
  id: string;
  kind: 'line' | 'area' | 'column';
  title: string;
  /** Dates (serial numbers on a date axis), numbers (years) or text categories. */
  categoryKind: 'date' | 'number' | 'text';
  /**
   * A time axis (`c:dateAx`, lines and areas over dates: points placed by date) or a category
   * axis (`c:catAx`: one slot per row, so columns over dates are as wide as their slots).
   */
  axis: 'date' | 'category';
  categories: ChartData<number | string | null>;
  /** Drawing order: the strategy last in line and area charts, so it is drawn on top. */
  series: WorkbookChartSeries[];
  valueAxisFormat: string;
  /**
   * The value axis' scale: `log` (base 10) where the report's chart spec draws it so (an equity
   * curve that grows more than threefold), so the workbook, the PDF and the page agree.
   */
  valueScale: 'linear' | 'log';
  /**
   * Bounds of a log value axis: the 1–2–5 values around the chart's own range (the PDF's and the
   * page's), since Excel's automatic log bounds are whole powers of ten that leave most of the
   * chart empty. Labels then fall on these values times 10ⁿ, and minor grid lines mark the rest.
   */
  valueRange?: { min: number; max: number };
  categoryAxisFormat: string;
  /** Spacing of labelled ticks on a date axis (`undefined`: the application chooses). */
  dateUnit?: { count: number; unit: 'days' | 'months' | 'years' };
  /** Height on the sheet, in EMU (the width is chosen with the Overview's orientation). */
  heightEmu: number;
  /** Alternative text for screen readers. */
  description: string;
}

/** What a chart is drawn from: a table's x column and some of its columns as series. */
interface ChartSource {
  id: string;
  kind: WorkbookChart['kind'];
  title: string;
  layout: TableLayout;
  x: string;
  series: { column: string; name: string; strategy: boolean }[];
  yFormat: 'percent' | 'currency' | 'number';
  /** The value axis' scale (the chart spec's `yScale`; a log axis needs every value > 0). */
  yScale: 'linear' | 'log';
  heightEmu: number;
}

/** EMU per centimetre. */
const EMU_PER_CM = 360_000;

/**
 * Heights of the backtest charts: together (with a row between) they fill one portrait page;
 * equity and drawdown share a landscape page. They share one width (see `CHART_WIDTH_EMU`).
 */
const HEIGHTS = { equity: 8.5 * EMU_PER_CM, drawdown: 5.5 * EMU_PER_CM, yearly: 7 * EMU_PER_CM, host: 8 * EMU_PER_CM } as const;

/** Width of the Overview's charts on a portrait page (18 cm) and on a landscape one (25 cm): within the printable width of A4 and Letter. */
export const CHART_WIDTH_EMU = { portrait: 18 * EMU_PER_CM, landscape: 25 * EMU_PER_CM } as const;

/**
 * Labelled ticks of a date axis spanning `first`…`last` (serials): yearly `yyyy` from three
 * years on (every second year from ten), every few months `yyyy-mm` below, fortnightly dates
 * under three months; at most about ten labels, so none need rotating on an 18 cm chart.
 */
export function dateAxisTicks(first: number, last: number): { format: string; unit: { count: number; unit: 'days' | 'months' | 'years' } } {
  const years = (last - first) / 365.25;
  if (years >= 10) return { format: 'yyyy', unit: { count: 2, unit: 'years' } };
  if (years >= 3) return { format: 'yyyy', unit: { count: 1, unit: 'years' } };
  if (years >= 1.5) return { format: 'yyyy-mm', unit: { count: 6, unit: 'months' } };
  if (years >= 0.5) return { format: 'yyyy-mm', unit: { count: 2, unit: 'months' } };
  if (years >= 0.25) return { format: 'yyyy-mm', unit: { count: 1, unit: 'months' } };
  return { format: 'yyyy-mm-dd', unit: { count: 14, unit: 'days' } };
}

function columnIndex(layout: TableLayout, key: string): number {
  return layout.table.columns.findIndex((column) => column.key === key);
}

/** The absolute reference of a table column's data cells. */
function dataRef(layout: TableLayout, c: number): string {
  const letters = toColumnLetters(layout.sheetColumnOf[c] ?? c);
  return `${quoteSheetName(layout.sheetName)}$${letters}$${layout.firstDataRow}:$${letters}$${layout.lastDataRow}`;
}

/** The numbers a numeric column's cells hold as written (currency rounded to cents, as the cells). */
function readNumbers(layout: TableLayout, c: number): ChartData<number | null> {
  const column = layout.table.columns[c];
  const where = { sheet: layout.sheetName, row: 0, column: column?.key ?? '' };
  const points = layout.table.rows.map((row, r) => {
    if (!column) return null;
    where.row = r + 1;
    return toCellNumber(row[c] ?? null, cellType(column, r), where);
  });
  const type = column?.type ?? { kind: 'number', decimals: 2 };
  return { ref: dataRef(layout, c), formatCode: cacheFormat(type), points };
}

/** The cache's number format of a column type: the cells' format without its red negative section. */
function cacheFormat(type: ColumnType): string {
  switch (type.kind) {
    case 'percent':
      return type.decimals > 0 ? `0.${'0'.repeat(type.decimals)}%` : '0%';
    case 'currency':
      return type.decimals > 0 ? `#,##0.${'0'.repeat(type.decimals)}` : '#,##0';
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return 'General';
  }
}

/**
 * The categories of a chart: dates as serial numbers (a date axis), unless one of them is written
 * as text (before 1900-03-01), when all become text categories; years and other numbers as
 * numbers; anything else as text.
 */
function readCategories(layout: TableLayout, c: number): { kind: WorkbookChart['categoryKind']; data: ChartData<number | string | null> } {
  const column = layout.table.columns[c];
  const ref = dataRef(layout, c);
  const raw = layout.table.rows.map((row) => row[c] ?? null);
  if (column?.type.kind === 'date') {
    const serials = raw.map((v) => (v === null ? null : excelSerialFromIsoDate(String(v))));
    if (serials.every((s, i) => s !== null || raw[i] === null)) return { kind: 'date', data: { ref, formatCode: 'yyyy-mm-dd', points: serials } };
    return { kind: 'text', data: { ref, formatCode: 'General', points: raw.map((v) => (v === null ? null : String(v))) } };
  }
  if (column && column.type.kind !== 'text' && column.type.kind !== 'json') {
    const numbers = readNumbers(layout, c);
    return { kind: 'number', data: { ref, formatCode: 'General', points: numbers.points } };
  }
  return { kind: 'text', data: { ref, formatCode: 'General', points: raw.map((v) => (v === null ? null : String(v))) } };
}

/** The axis format of values shown as `yFormat`. */
function valueAxisFormat(yFormat: ChartSource['yFormat'], currency: string): string {
  switch (yFormat) {
    case 'percent':
      return '0%';
    case 'currency':
      return currency === '' ? '#,##0' : `#,##0 "${currency.replace(/"/g, '')}"`;
    case 'number':
      return 'General';
  }
}

/** Turns a source into a chart; `null` when its columns are not all on the sheet. */
function buildChart(source: ChartSource, currency: string): WorkbookChart | null {
  const { layout } = source;
  if (layout.table.rows.length === 0) return null;
  const x = columnIndex(layout, source.x);
  if (x < 0) return null;
  let benchmarkIndex = 0;
  const series: WorkbookChartSeries[] = [];
  for (const s of source.series) {
    const c = columnIndex(layout, s.column);
    if (c < 0) continue;
    const color = s.strategy
      ? WORKBOOK_CHART_COLORS.strategy
      : (WORKBOOK_CHART_COLORS.benchmarks[benchmarkIndex++ % WORKBOOK_CHART_COLORS.benchmarks.length] ?? WORKBOOK_CHART_COLORS.muted);
    series.push({ name: s.name, color, strategy: s.strategy, values: readNumbers(layout, c) });
  }
  if (series.length === 0) return null;
  const firstType = layout.table.columns[columnIndex(layout, source.series[0]?.column ?? '')]?.type;
  const axisCurrency = currency !== '' ? currency : firstType?.kind === 'currency' ? firstType.currency : '';
  // Lines and areas overlap: the strategy goes last so it is drawn on top. Columns stand side by side, strategy first.
  if (source.kind !== 'column') series.sort((a, b) => Number(a.strategy) - Number(b.strategy));
  const categories = readCategories(layout, x);
  const names = series.map((s) => s.name).join(', ');
  const serials = categories.kind === 'date' ? categories.data.points.filter((p): p is number => typeof p === 'number') : [];
  const ticks = serials.length > 1 ? dateAxisTicks(Math.min(...serials), Math.max(...serials)) : null;
  return {
    id: source.id,
    kind: source.kind,
    title: source.title,
    categoryKind: categories.kind,
    axis: categories.kind === 'date' && source.kind !== 'column' ? 'date' : 'category',
    categories: categories.data,
    series,
    valueAxisFormat: valueAxisFormat(source.yFormat, axisCurrency),
    ...valueScaleOf(source, series),
    categoryAxisFormat: categories.kind === 'date' ? (ticks?.format ?? 'yyyy-mm-dd') : categories.kind === 'number' ? '0' : 'General',
    ...(ticks && source.kind !== 'column' ? { dateUnit: ticks.unit } : {}),
    heightEmu: source.heightEmu,
    description: `${source.kind === 'column' ? 'Column' : source.kind === 'area' ? 'Area' : 'Line'} chart: ${source.title}, ${names}, from sheet ${layout.sheetName} (${layout.table.rows.length} ${categories.kind === 'date' ? 'dates' : 'rows'}).`,
  };
}

/** `log` with its bounds when the source asks for it and every value is above 0; else `linear`. */
function valueScaleOf(source: ChartSource, series: WorkbookChartSeries[]): Pick<WorkbookChart, 'valueScale' | 'valueRange'> {
  if (source.yScale !== 'log') return { valueScale: 'linear' };
  const values = series.flatMap((s) => s.values.points.filter((v): v is number => v !== null));
  if (values.length === 0 || values.some((v) => !(v > 0))) return { valueScale: 'linear' };
  const plan = valueAxis(values, 'currency', 'log');
  return { valueScale: 'log', valueRange: { min: oneTwoFive(plan.min, 'down'), max: oneTwoFive(plan.max, 'up') } };
}

/** The nearest 1, 2 or 5 × 10ⁿ at or below (`down`) or at or above (`up`) `value` (> 0). */
export function oneTwoFive(value: number, direction: 'down' | 'up'): number {
  const exponent = Math.floor(Math.log10(value));
  const steps = [1, 2, 5, 10].map((m) => Number((m * 10 ** exponent).toPrecision(12)));
  if (direction === 'down') return [...steps].reverse().find((v) => v <= value * (1 + 1e-12)) ?? steps[0]!;
  return steps.find((v) => v >= value * (1 - 1e-12)) ?? steps[3]!;
}

function findLayout(layouts: TableLayout[], tableId: string): TableLayout | undefined {
  return layouts.find((layout) => layout.table.id === tableId);
}

/** The three charts of a backtest report, from its Daily and Yearly Returns sheets. */
function backtestSources(report: Report, layouts: TableLayout[]): ChartSource[] {
  const { portfolios, run } = report.meta;
  const strategy = portfolios.find((p) => p.role === 'strategy');
  const benchmarks = portfolios.filter((p) => p.role === 'benchmark');
  const currency = run?.baseCurrency ?? '';
  const sources: ChartSource[] = [];
  const daily = findLayout(layouts, 'daily_portfolio_data');
  // The scale the report's own equity chart uses (log when the run grows more than threefold).
  const equitySpec = report.sections.flatMap((section) => section.charts).find((spec) => spec.id === 'equity');
  if (daily && strategy) {
    sources.push({
      id: 'equity',
      kind: 'line',
      title: currency ? `Equity (${currency})` : 'Equity',
      layout: daily,
      x: 'date',
      series: [
        { column: 'portfolio_value', name: strategy.name, strategy: true },
        ...benchmarks.map((b) => ({ column: `${b.key}_value`, name: b.name, strategy: false })),
      ],
      yFormat: 'currency',
      yScale: equitySpec?.yScale ?? 'linear',
      heightEmu: HEIGHTS.equity,
    });
    sources.push({
      id: 'drawdown',
      kind: 'area',
      title: `Drawdown of ${strategy.name}`,
      layout: daily,
      x: 'date',
      series: [{ column: 'drawdown', name: strategy.name, strategy: true }],
      yFormat: 'percent',
      yScale: 'linear',
      heightEmu: HEIGHTS.drawdown,
    });
  }
  const yearly = findLayout(layouts, 'yearly_returns');
  if (yearly) {
    sources.push({
      id: 'yearly_returns',
      kind: 'column',
      title: 'Yearly returns',
      layout: yearly,
      x: 'year',
      series: portfolios.map((p) => ({ column: p.key, name: p.name, strategy: p.role === 'strategy' })),
      yFormat: 'percent',
      yScale: 'linear',
      heightEmu: HEIGHTS.yearly,
    });
  }
  return sources;
}

/** The kind of workbook chart a host's chart spec becomes, if it has one. */
function workbookKind(spec: ChartSpec): WorkbookChart['kind'] | null {
  const kind: string = spec.kind;
  if (kind === 'line') return 'line';
  if (kind === 'area' || kind === 'stacked_area') return 'area';
  if (kind === 'bar' || kind === 'grouped_bar') return 'column';
  return null;
}

/** A host report's own line, area and bar charts over its tables. */
function hostSources(report: Report, layouts: TableLayout[]): ChartSource[] {
  return report.sections.flatMap((section) =>
    section.charts.flatMap((spec): ChartSource[] => {
      const kind = workbookKind(spec);
      const layout = findLayout(layouts, spec.tableId);
      if (kind === null || !layout) return [];
      return [{
        id: spec.id,
        kind,
        title: spec.title,
        layout,
        x: spec.x,
        series: spec.series.map((s, i) => ({ column: s.column, name: s.name, strategy: i === 0 })),
        yFormat: spec.yFormat === 'percent' || spec.yFormat === 'currency' ? spec.yFormat : 'number',
        yScale: kind === 'line' && spec.yScale === 'log' ? 'log' : 'linear',
        heightEmu: HEIGHTS.host,
      }];
    }),
  );
}

/** The Overview's charts of a report whose data sheets are laid out as `layouts`. */
export function planOverviewCharts(report: Report, layouts: TableLayout[]): WorkbookChart[] {
  const currency = report.meta.run?.baseCurrency ?? '';
  const sources = report.meta.run ? backtestSources(report, layouts) : hostSources(report, layouts);
  return sources.map((source) => buildChart(source, currency)).filter((chart): chart is WorkbookChart => chart !== null);
}
