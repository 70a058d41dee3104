/**
 * The Metadata sheet: enough to audit and repeat the export — report and run facts, how the
 * workbook writes values (dates before 1900 as text among them), export options, input file
 * hashes, warnings, table notes, the metric glossary, and the run configuration both flattened
 * (one key path per row) and whole as JSON. Long text wraps within its column.
 */
import type { CellObject } from 'xlsx';
import type { ColumnType, DataSourceInfo, Report } from '../../report/model.types';
import { syntheticNotice } from '../../report/provenance';
import { createCell, DATE_TIME_FORMAT, excelSerialFromIsoInstant } from './cells';
import { isWide, sheetWidthPx } from './print';
import type { BuiltSheet } from './section-sheet';
import { SheetGrid } from './sheet-grid';
import { measureText, measureValue, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './widths';

const TEXT: ColumnType = { kind: 'text' };
const DATE: ColumnType = { kind: 'date' };
const INTEGER: ColumnType = { kind: 'integer' };

/** A value and how to write it (`instant`: an ISO instant as a date-time cell). */
type Entry = { value: string | number | null; type: ColumnType | 'instant' };

/** How the workbook writes values, for a reader who checks them. */
export function describeConventions(headerLabels: boolean): [string, string][] {
  return [
    ['Dates', "Excel dates shown as yyyy-mm-dd. Dates before 1900-03-01 are written as ISO text (yyyy-mm-dd): Excel's calendar starts in 1900 and counts a 1900-02-29 that never was."],
    ['Returns, weights, rates', 'Fractions at full precision (0.1234 is shown as 12.34%); negative values in red.'],
    ['Money', 'Rounded half-up to the cent, as in the CSV package; shown with the currency code.'],
    ['Prices', 'Exactly as given; shown with thousands separators and at least four decimals.'],
    ['Header rows', headerLabels ? 'Column labels.' : 'Column keys, the same names as the CSV files; tables with row labels have a label column beside the key.'],
    ['Overview', 'Key figures are formulas over the data sheets, cached with the computed metrics; the charts read the data sheets.'],
  ];
}

/** `benchmarks[0].name` → value, in document order; leaves are JSON text except plain strings. */
export function flattenConfig(value: unknown, path = ''): [string, string][] {
  if (value !== null && typeof value === 'object') {
    const entries: [string, string][] = [];
    if (Array.isArray(value)) {
      if (value.every((v) => v === null || typeof v !== 'object')) return [[path, JSON.stringify(value)]];
      value.forEach((v, i) => entries.push(...flattenConfig(v, `${path}[${i}]`)));
    } else {
      const keys = Object.keys(value);
      if (keys.length === 0) return [[path, '{}']];
      for (const key of keys) {
        entries.push(...flattenConfig((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
      }
    }
    return entries;
  }
  return [[path, typeof value === 'string' ? value : JSON.stringify(value ?? null)]];
}

/** Lays out the Metadata sheet; `writerWarnings` are the workbook writer's own (cut cells). */
export function buildMetadataSheet(report: Report, name: string, writerWarnings: string[]): BuiltSheet {
  const { meta } = report;
  const grid = new SheetGrid();
  const widths: number[] = [];
  const put = (column: number, row: number, entry: Entry): void => {
    if (entry.value === null) return;
    const { type } = entry;
    const serial = type === 'instant' ? excelSerialFromIsoInstant(String(entry.value)) : null;
    if (type === 'instant' && serial !== null) {
      grid.set(column, row, { t: 'n', v: serial, z: DATE_TIME_FORMAT });
      widths[column] = Math.max(widths[column] ?? MIN_COLUMN_WIDTH, DATE_TIME_FORMAT.length + 2);
      return;
    }
    const cellType = type === 'instant' ? TEXT : type;
    const cell: CellObject | undefined = createCell(entry.value, cellType, { sheet: name, row, column: String(column + 1) });
    grid.set(column, row, cell);
    const width = cellType.kind === 'text' ? measureText(String(entry.value)) : measureValue(entry.value, cellType);
    // Text wider than a column may grow wraps within it (the row grows instead).
    if (cellType.kind === 'text' && width + 2 > MAX_COLUMN_WIDTH) grid.setWrappedText(column, row, String(entry.value));
    widths[column] = Math.min(MAX_COLUMN_WIDTH, Math.max(widths[column] ?? MIN_COLUMN_WIDTH, width + 2));
  };
  const block = (headers: string[], rows: Entry[][]): void => {
    if (rows.length === 0) return;
    if (grid.nextRow > 1) grid.skipRow();
    const header = grid.nextRow;
    headers.forEach((h, c) => put(c, header, { value: h, type: TEXT }));
    grid.style.headerRows.push(header);
    for (const entries of rows) {
      const row = grid.nextRow;
      grid.set(0, row, undefined);
      entries.forEach((entry, c) => put(c, row, entry));
    }
  };
  const text = (value: string | null | undefined): Entry => ({ value: value ?? null, type: TEXT });

  const facts: Entry[][] = [
    [text('Title'), text(meta.title)],
    ...(meta.subtitle ? [[text('Subtitle'), text(meta.subtitle)]] : []),
    [text('Generated at (UTC)'), { value: meta.generatedAt, type: 'instant' }],
    [text('Application'), text(`${meta.app.name} ${meta.app.version}`)],
    ...(meta.engineVersion ? [[text('Engine version'), text(meta.engineVersion)]] : []),
    ...meta.portfolios.map((p) => [text(p.role === 'strategy' ? 'Strategy portfolio' : 'Benchmark'), text(p.name), text(p.key)]),
  ];
  const run = meta.run;
  if (run) {
    facts.push(
      [text('First date'), { value: run.dataRange.first, type: DATE }],
      [text('Last date'), { value: run.dataRange.last, type: DATE }],
      [text('Day 0'), { value: run.dataRange.day0, type: DATE }],
      [text('Exported from'), { value: run.exportedRange.from, type: DATE }],
      [text('Exported to'), { value: run.exportedRange.to, type: DATE }],
      [text('Periods per year'), { value: run.periodsPerYear, type: INTEGER }, text(run.periodsPerYearSource)],
      [text('Summary metrics describe'), text(run.summaryScope === 'run' ? 'the whole run' : 'the exported range')],
    );
  }
  // Where the data comes from, as facts (rows), so the input-file block keeps its four columns.
  const notice = syntheticNotice(meta);
  if (notice !== null) facts.push([text('Data'), text(notice)]);
  const sources: [string, DataSourceInfo | undefined][] = [['Prices source', meta.inputs?.prices], ['FX source', meta.inputs?.fx], ['Data source', meta.inputs?.data]];
  for (const [label, info] of sources) {
    const detail = label === 'FX source' && info?.synthetic === true ? 'synthetic' : null;
    if (info?.source) facts.push([text(label), text(info.source), text(detail)]);
    else if (detail) facts.push([text(label), text('not recorded'), text(detail)]);
  }
  block(['Report', 'Value', 'Detail'], facts);

  block(['Workbook convention', 'Description'], describeConventions(run === undefined).map(([topic, description]) => [text(topic), text(description)]));

  const options = meta.options;
  block(
    ['Export option', 'Value'],
    [
      [text('formats'), text(options.formats.join(', '))],
      [text('sections'), text(options.sections ? options.sections.join(', ') : 'all')],
      [text('date_range.from'), text(options.dateRange?.from ?? '')],
      [text('date_range.to'), text(options.dateRange?.to ?? '')],
      [text('template'), text(options.template)],
      [text('prefix'), text(options.prefix ?? '')],
      [text('bom'), text(String(options.bom))],
      [text('author'), text(options.author ?? '')],
    ],
  );

  const inputs = (['prices', 'fx'] as const).flatMap((kind) => {
    const info = meta.inputs?.[kind];
    return info ? [[text(kind), text(info.name), { value: info.bytes, type: INTEGER }, text(info.sha256)]] : [];
  });
  block(['Input file', 'Name', 'Bytes', 'SHA-256'], inputs);

  block(['Warning'], [...meta.warnings, ...writerWarnings].map((w) => [text(w)]));

  const notes = report.sections.flatMap((s) => s.tables.filter((t) => t.note).map((t) => [text(t.title), text(t.note)]));
  block(['Table', 'Note'], notes);

  block(['Metric', 'Label', 'Formula'], meta.glossary.map((g) => [text(g.key), text(g.label), text(g.formula)]));

  if (run) {
    const config = flattenConfig(run.config).map(([path, value]) => [text(path), text(value)]);
    config.push([text('(configuration as JSON)'), text(JSON.stringify(run.config))]);
    block(['Configuration key', 'Value'], config);
  }
  grid.style.print.landscape = isWide(sheetWidthPx(widths));
  return { name, sheet: grid.toWorkSheet(widths), style: grid.style, tables: [], dataRows: 0 };
}
