/**
 * Report tables as printed tables: headers for people (labels, currencies), cells by the PDF's
 * display rules (`labels.ts`), numbers right-aligned, losses in red where the sign is the
 * message, and the monthly grid coloured like the workbook's colour scale.
 */
import { toNumber } from '../../report/format';
import { cellType, type Column, type ReportMeta, type ReportTable } from '../../report/model.types';
import { columnLabel, displayName, formatCell, isNumericType, isYearColumn, periodUnit } from './labels';
import type { PrintCell, PrintColumn, PrintTable } from './tables';
import { containsRtl, isolate } from './script';
import { COLORS, returnColor } from './style';

/** Columns that are ≤ 0 by definition (drawdowns): red there would say nothing. */
const NEGATIVE_BY_DEFINITION = /(^|_)(drawdown|depth)$/;

/** How a report table is turned into a printed one. */
export interface ConvertOptions {
  /** Rows to print (indices into `table.rows`); all when absent. */
  rowIndices?: number[];
  /** Columns to print (indices); all when absent. */
  columnIndices?: number[];
  /** Title printed above (the table's own when absent, none when `null`). */
  title?: string | null;
  /** How the table was shortened (printed in red under the title). */
  note?: string | null;
  /** Printed under the table (the table's own note when absent). */
  footnote?: string | null;
  /** Negative percentages and numbers in red. */
  signColored?: boolean;
  /** Columns (indices) coloured as a returns heatmap, each group scaled by its own worst and best value. */
  heatmap?: number[][];
}

/**
 * Names as people read them: `equal_weight` → `Equal weight`, also inside labels
 * (`equal_weight value`); a right-to-left name is isolated so a line composed around it keeps
 * its order.
 */
export function makeNamer(meta: ReportMeta): (text: string) => string {
  const names = meta.portfolios.map((p) => p.name).filter((n) => displayName(n) !== n || containsRtl(n));
  return (text: string): string => {
    for (const name of names) {
      if (text === name) return isolate(displayName(name));
      if (text.startsWith(`${name} `)) return `${isolate(displayName(name))}${text.slice(name.length)}`;
    }
    return text;
  };
}

/** Whether a column prints numbers (any of its per-row types numeric). */
function isNumericColumn(column: Column): boolean {
  return isNumericType(column.type) || (column.typeByRow ?? []).some(isNumericType);
}

/** `table` as a printed table, by `options`. */
export function convertTable(meta: ReportMeta, table: ReportTable, options: ConvertOptions = {}): PrintTable {
  const name = makeNamer(meta);
  const rows = options.rowIndices ?? table.rows.map((_, i) => i);
  const cols = options.columnIndices ?? table.columns.map((_, i) => i);
  const unit = meta.run ? periodUnit(meta.run.periodsPerYear) : undefined;
  const columns: PrintColumn[] = cols.map((c) => {
    const column = table.columns[c] as Column;
    const numeric = isNumericColumn(column) && !isYearColumn(column);
    return { label: name(columnLabel(column)), numeric, wraps: column.type.kind === 'text' || column.type.kind === 'json' };
  });
  const scales = (options.heatmap ?? []).map((group) => {
    let worst = 0;
    let best = 0;
    for (const r of rows) {
      for (const c of group) {
        const v = toNumber(table.rows[r]?.[c] ?? null);
        if (v === null) continue;
        worst = Math.min(worst, v);
        best = Math.max(best, v);
      }
    }
    return { columns: new Set(group), worst, best };
  });
  const body: PrintCell[][] = rows.map((r) =>
    cols.map((c) => {
      const column = table.columns[c] as Column;
      const text = formatCell(table, r, c, unit ? { periodUnit: unit } : {});
      const cell: PrintCell = { text: c === 0 ? name(text) : text };
      const type = cellType(column, r);
      const value = type.kind === 'percent' || type.kind === 'number' ? toNumber(table.rows[r]?.[c] ?? null) : null;
      const scale = scales.find((s) => s.columns.has(c));
      if (scale && value !== null) cell.fill = returnColor(value, scale.worst, scale.best);
      else if (options.signColored && value !== null && value < 0 && !NEGATIVE_BY_DEFINITION.test(column.key)) cell.color = COLORS.negative;
      return cell;
    }),
  );
  const printed: PrintTable = {
    title: options.title === undefined ? table.title : options.title,
    columns,
    rows: body,
    keyColumn: true,
  };
  if (options.note) printed.note = options.note;
  const footnote = options.footnote === undefined ? table.note : options.footnote;
  if (footnote) printed.footnote = footnote;
  return printed;
}

/** Index of the column keyed `key`, or -1. */
export function columnIndex(table: ReportTable, key: string): number {
  return table.columns.findIndex((c) => c.key === key);
}

/** Index of the row whose first cell is `key`, or -1. */
export function rowIndex(table: ReportTable, key: string): number {
  return table.rows.findIndex((row) => row[0] === key);
}
