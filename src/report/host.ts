/**
 * Reports from a host application's own tables (no backtest): each table becomes a section, so
 * the same writers turn a host's data into a CSV package, a workbook or a PDF. Cells are checked
 * against their column types (every problem reported together); money, quantities and prices are
 * kept as their exact decimal text, which every writer reads without rounding. No decimal.js here:
 * a host that only exports does not load it until a writer runs.
 */
import { isCalendarDate } from '../iso-date';
import { toAsciiKey } from '../engine/naming';
import { errorFromIssues, type InputIssue } from '../errors';
import { sanitizePrefix } from '../export/naming';
import { isDecimalValue } from '../export/wire';
import { APP_NAME, APP_VERSION } from '../version';
import { uniqueKeys } from './columns';
import type {
  CellValue,
  ChartSpec,
  Column,
  ColumnKind,
  ColumnType,
  ExportFormat,
  KeyFigure,
  PdfTemplate,
  Report,
  ReportSection,
  ReportTable,
} from './model.types';

/** A column as a host gives it: a full `ColumnType`, or a kind with optional `currency` / `decimals`. */
export interface HostColumnInput {
  key: string;
  /** For people; the key when absent. */
  label?: string | undefined;
  type: ColumnType | ColumnKind;
  /** Currency code for `currency` columns given by kind (default `USD`). */
  currency?: string | undefined;
  /** Decimals for kinds that have them (currency 2, quantity 6, number/percent 2 on screens). */
  decimals?: number | undefined;
  description?: string | undefined;
}

/** A cell as a host gives it: numbers, numeric strings, Decimals, ISO dates or `Date`s, objects for JSON. */
export type HostCellInput = CellValue | Date | undefined | boolean | Record<string, unknown> | unknown[];

export interface HostTableInput {
  /** File name stem in the CSV package; from the title when absent (made unique and file-safe). */
  id?: string | undefined;
  title: string;
  columns: HostColumnInput[];
  rows: HostCellInput[][];
  note?: string | undefined;
  /** Most rows the PDF's detailed template prints (the page says how many were left out); every row when absent. */
  printLimit?: number | undefined;
}

export interface HostReportInput {
  title: string;
  subtitle?: string | undefined;
  tables: HostTableInput[];
  /** Charts over the tables (`tableId` = a table's id); each goes to its table's section. */
  charts?: ChartSpec[] | undefined;
  author?: string | undefined;
  /** File-name prefix; from the title when absent. */
  prefix?: string | undefined;
  formats?: ExportFormat[] | undefined;
  template?: PdfTemplate | undefined;
  bom?: boolean | undefined;
  /** Export time, ISO 8601 UTC; now when absent. */
  generatedAt?: string | undefined;
  keyFigures?: KeyFigure[] | undefined;
  warnings?: string[] | undefined;
}

const COLUMN_KINDS: ColumnKind[] = ['date', 'integer', 'number', 'percent', 'currency', 'quantity', 'price', 'text', 'json'];
const FILE_SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** A column type from a host's shorthand (`'currency'` + `currency: 'EUR'`) or full form. */
function resolveColumnType(input: HostColumnInput): ColumnType {
  if (typeof input.type !== 'string') return input.type;
  const decimals = input.decimals;
  switch (input.type) {
    case 'date':
    case 'text':
    case 'json':
    case 'integer':
    case 'price':
      return { kind: input.type };
    case 'number':
    case 'percent':
      return { kind: input.type, decimals: decimals ?? 2 };
    case 'currency':
      return { kind: 'currency', currency: input.currency ?? 'USD', decimals: decimals ?? 2 };
    case 'quantity':
      return { kind: 'quantity', decimals: decimals ?? 6 };
  }
}

type Coerced = { ok: true; value: CellValue } | { ok: false; expected: string };

/** Plain decimal notation, optionally with an exponent (`-12.50`, `.5`, `1e-7`); no hex, no `Infinity`. */
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The exact decimal text of a money-like cell (a number's shortest round-trip text), or `null`. */
function toDecimalText(value: HostCellInput): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') {
    const text = value.trim();
    return DECIMAL_TEXT.test(text) ? text : null;
  }
  if (isDecimalValue(value)) {
    const text = value.toString();
    return DECIMAL_TEXT.test(text) ? text : null;
  }
  return null;
}

/** A host cell in the form writers expect for `type`, or what was expected. */
function coerceCell(value: HostCellInput, type: ColumnType): Coerced {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  switch (type.kind) {
    case 'text':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? { ok: true, value: String(value) }
        : { ok: false, expected: 'text' };
    case 'date': {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? { ok: false, expected: 'a valid date' } : { ok: true, value: value.toISOString().slice(0, 10) };
      return typeof value === 'string' && isCalendarDate(value) ? { ok: true, value } : { ok: false, expected: 'a date YYYY-MM-DD' };
    }
    case 'json':
      if (typeof value === 'string') return { ok: true, value };
      try {
        return { ok: true, value: JSON.stringify(value) };
      } catch {
        return { ok: false, expected: 'a JSON-serialisable value' };
      }
    case 'integer': {
      const n = typeof value === 'string' ? Number(value.trim()) : value;
      return typeof n === 'number' && Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, expected: 'a whole number' };
    }
    case 'number':
    case 'percent': {
      const n = typeof value === 'string' ? Number(value.trim()) : typeof value === 'number' ? value : isDecimalValue(value) ? Number(value.toString()) : undefined;
      return typeof n === 'number' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, expected: 'a finite number' };
    }
    case 'currency':
    case 'quantity':
    case 'price': {
      const text = toDecimalText(value);
      return text === null ? { ok: false, expected: 'a finite number' } : { ok: true, value: text };
    }
  }
}

function describeValue(value: HostCellInput): string {
  if (value instanceof Date) return value.toString();
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** A file-safe id for a table: its own when safe, else from its id or title in snake case; never `metadata`. */
function tableId(table: HostTableInput, index: number): string {
  const id = table.id !== undefined && FILE_SAFE_ID.test(table.id) ? table.id : toAsciiKey(table.id ?? table.title, `table_${index + 1}`);
  // `metadata.json` is the package's own file.
  return id === 'metadata' ? 'metadata_table' : id;
}

/** Checks and converts one host table; problems are appended to `issues`. */
function buildHostTable(input: HostTableInput, id: string, issues: InputIssue[]): ReportTable {
  const where = `table "${id}"`;
  const columns: Column[] = input.columns.map((c) => {
    const kind: unknown = typeof c.type === 'string' ? c.type : (c.type as { kind?: unknown } | null)?.kind;
    if (!COLUMN_KINDS.includes(kind as ColumnKind)) {
      // Plain-JavaScript hosts can pass anything; fall back to text so the other issues still get listed.
      issues.push({ path: `${where}, column ${c.key}, type`, value: String(kind), expected: `one of ${COLUMN_KINDS.join(', ')}` });
      return { key: c.key, label: c.label ?? c.key, type: { kind: 'text' } };
    }
    const column: Column = { key: c.key, label: c.label ?? c.key, type: resolveColumnType(c) };
    if (c.description !== undefined) column.description = c.description;
    return column;
  });
  const seen = new Set<string>();
  columns.forEach((c, j) => {
    if (c.key === '') issues.push({ path: `${where}, column ${j + 1}`, value: '', expected: 'a non-empty column key' });
    else if (seen.has(c.key)) issues.push({ path: `${where}, column ${j + 1}`, value: c.key, expected: 'a key not used by another column' });
    seen.add(c.key);
  });
  const rows: CellValue[][] = input.rows.map((row, r) => {
    if (row.length !== columns.length) {
      issues.push({ path: `${where}, row ${r + 1}`, value: `${row.length} cells`, expected: `${columns.length} cells (one per column)` });
    }
    return columns.map((column, j) => {
      const cell = row[j];
      const coerced = coerceCell(cell, column.type);
      if (coerced.ok) return coerced.value;
      issues.push({ path: `${where}, row ${r + 1}, column ${column.key}`, value: describeValue(cell), expected: coerced.expected });
      return null;
    });
  });
  const table: ReportTable = { id, title: input.title, columns, rows };
  if (input.note !== undefined) table.note = input.note;
  if (input.printLimit !== undefined) {
    if (Number.isSafeInteger(input.printLimit) && input.printLimit >= 0) table.printLimit = input.printLimit;
    else issues.push({ path: `${where}, printLimit`, value: String(input.printLimit), expected: 'a whole number ≥ 0' });
  }
  return table;
}

/**
 * A report of a host's own tables: one section per table (titled like the table), charts in the
 * section of their table, metadata without a run. Throws `EXPORT_FAILED` listing every row or
 * column that does not match its column type.
 *
 * @example
 * reportFromTables({
 *   title: 'Sales 2024',
 *   tables: [{ id: 'sales', title: 'Sales', columns: [{ key: 'day', type: 'date' }, { key: 'amount', type: 'currency', currency: 'EUR' }], rows: [['2024-01-02', 12.5]] }],
 * });
 */
export function reportFromTables(input: HostReportInput): Report {
  const issues: InputIssue[] = [];
  const ids = uniqueKeys(input.tables.map((t, i) => tableId(t, i)));
  const tables = input.tables.map((t, i) => buildHostTable(t, ids[i] ?? `table_${i + 1}`, issues));
  const sections: ReportSection[] = tables.map((table) => ({ id: table.id, title: table.title, tables: [table], charts: [] }));
  for (const chart of input.charts ?? []) {
    const target = sections.find((s) => s.tables.some((t) => t.id === chart.tableId));
    const table = target?.tables[0];
    if (target === undefined || table === undefined) {
      issues.push({ path: `chart "${chart.id}", tableId`, value: chart.tableId, expected: `one of ${ids.join(', ')}` });
      continue;
    }
    const keys = new Set(table.columns.map((c) => c.key));
    for (const column of [chart.x, ...chart.series.map((s) => s.column)]) {
      if (!keys.has(column)) issues.push({ path: `chart "${chart.id}", column`, value: column, expected: `a column of table "${table.id}"` });
    }
    target.charts.push(chart);
  }
  if (issues.length > 0) throw errorFromIssues('EXPORT_FAILED', `Report "${input.title}" does not match its columns`, issues);
  const report: Report = {
    meta: {
      title: input.title,
      generatedAt: input.generatedAt ?? `${new Date().toISOString().slice(0, 19)}Z`,
      app: { name: APP_NAME, version: APP_VERSION },
      portfolios: [],
      options: {
        formats: input.formats ?? ['csv', 'xlsx', 'pdf'],
        template: input.template ?? 'detailed',
        bom: input.bom ?? true,
        prefix: sanitizePrefix(input.prefix ?? input.title),
      },
      keyFigures: input.keyFigures ?? [],
      glossary: [],
      warnings: input.warnings ?? [],
    },
    sections,
  };
  if (input.subtitle !== undefined) report.meta.subtitle = input.subtitle;
  if (input.author !== undefined) report.meta.options.author = input.author;
  return report;
}
