/**
 * Report tables through jspdf-autotable: cell text from `formatDisplayValue(value, cellType(...))`,
 * numbers right-aligned, header repeated on every page, rows never split across pages. Column
 * widths are measured first so a table never clips: it fits the page as it is, or in a smaller
 * font, or is split into column groups that repeat the key (date) column.
 */
import type { CellHookData, Styles } from 'jspdf-autotable';
import { cellType, displayText, type CellValue, type Column, type ColumnType, type ReportTable } from '../../report/model.types';
import { formatDisplayValue, toNumber } from '../../report/format';
import { containsCjk } from './fonts';
import { addPage, contentBottom, contentWidth, ensureSpace, MARGIN, type PdfContext } from './context';
import { COLORS, drawText, writeHeading, writeParagraph } from './text';

const CELL_PADDING = 3;
/** Text and JSON columns wrap; they ask for at most this width when columns are fitted. */
const WRAP_COLUMN_MAX_WIDTH = 150;

/** How one table is laid out on the current page width. */
export interface TableLayout {
  fontSize: number;
  /** Column indices per printed block; more than one block when the columns do not fit side by side. */
  groups: number[][];
  /** What each column of the table asks for at `fontSize`. */
  widths: ColumnWidth[];
}

/** Options for printing one table. */
export interface RenderTableOptions {
  /** Rows to print, as indices into `table.rows` (all rows when absent). */
  rowIndices?: number[];
  /** Printed under the title when rows are left out ("Showing 500 of 2,000 trades; …"). */
  truncationNote?: string | null;
  /** Print negative numbers of percent and number columns in red. */
  signColored?: boolean;
  /** Heading above the table; the table's own title when absent, none when `null`. */
  heading?: string | null;
  /** Count the printed rows in `WriterOutput.rows` (default true; false for derived tables). */
  countRows?: boolean;
  /** Print at most this many column groups (one-page templates) and say how many columns were left out. */
  maxGroups?: number;
  /** The display text of the printed rows, when already formatted (`formatRowsYielding`). */
  body?: string[][];
}

/**
 * Rows drawn per autotable call. Drawing is one synchronous block per call (~0.2 ms a row), so a
 * long table is drawn in slices with a checkpoint between them: the page (or the worker's message
 * loop) gets the thread back, and a cancel is seen, every few dozen milliseconds. Even, so the
 * striped rows keep alternating across slices.
 */
export const ROWS_PER_DRAW = 40;

/** Rows formatted between two checkpoints by `formatRowsYielding`. */
const ROWS_PER_FORMAT = 1000;

/** Whether a column kind is numeric (right-aligned). */
function isNumericKind(type: ColumnType): boolean {
  switch (type.kind) {
    case 'integer':
    case 'number':
    case 'percent':
    case 'currency':
    case 'quantity':
    case 'price':
      return true;
    case 'date':
    case 'text':
    case 'json':
      return false;
  }
}

/** The display text of every printed cell, row-major. */
export function formatRows(table: ReportTable, rowIndices: number[]): string[][] {
  return rowIndices.map((r) => table.columns.map((_column, c) => displayText(table, r, c, formatDisplayValue)));
}

/** `formatRows` in slices, with the context's checkpoint between them (long tables). */
export async function formatRowsYielding(ctx: PdfContext, table: ReportTable, rowIndices: number[]): Promise<string[][]> {
  const body: string[][] = [];
  for (let from = 0; from < rowIndices.length; from += ROWS_PER_FORMAT) {
    for (const row of formatRows(table, rowIndices.slice(from, from + ROWS_PER_FORMAT))) body.push(row);
    await ctx.checkpoint?.();
  }
  return body;
}

function measureText(ctx: PdfContext, text: string, fontSize: number): number {
  // DejaVu has no CJK glyph widths; a full-width glyph is about one em.
  if (containsCjk(text)) return text.length * fontSize;
  return ctx.doc.getStringUnitWidth(text) * fontSize;
}

/** What one column asks for: `min` (headers wrapped at spaces, long text wrapped), `full` (nothing wrapped). */
export interface ColumnWidth {
  min: number;
  full: number;
}

/** Widths each column asks for at `fontSize` (values never wrap except text and JSON). */
export function measureColumns(ctx: PdfContext, table: ReportTable, body: string[][], fontSize: number): ColumnWidth[] {
  const { doc, fonts } = ctx;
  const pad = 2 * CELL_PADDING + 1;
  return table.columns.map((column, c) => {
    // Only the longest few strings matter; measuring every cell would cost more than drawing.
    const candidates = body
      .map((row) => row[c] ?? '')
      .sort((a, b) => b.length - a.length)
      .slice(0, 3);
    doc.setFont(fonts.body, 'normal');
    let value = 0;
    for (const text of candidates) value = Math.max(value, measureText(ctx, text, fontSize));
    doc.setFont(fonts.body, 'bold');
    const headerFull = measureText(ctx, column.label, fontSize);
    const headerWord = Math.max(...column.label.split(/\s+/).map((w) => measureText(ctx, w, fontSize)));
    doc.setFont(fonts.body, 'normal');
    const wraps = column.type.kind === 'text' || column.type.kind === 'json';
    const minValue = wraps ? Math.min(value, WRAP_COLUMN_MAX_WIDTH) : value;
    return { min: Math.max(minValue, headerWord) + pad, full: Math.max(value, headerFull) + pad };
  });
}

/** Total width a table needs at `fontSize` when printed in one block (headers and long text wrapped). */
export function measureTableWidth(ctx: PdfContext, table: ReportTable, body: string[][], fontSize: number): number {
  return measureColumns(ctx, table, body, fontSize).reduce((a, b) => a + b.min, 0);
}

/**
 * Final column widths within `available`: every column gets its minimum, then the space left
 * goes to columns that would otherwise wrap (headers, long text), in proportion to their need.
 */
export function distributeWidths(widths: ColumnWidth[], available: number): number[] {
  const out = widths.map((w) => w.min);
  let spare = available - out.reduce((a, b) => a + b, 0);
  const wants = widths.map((w) => Math.max(0, w.full - w.min));
  const totalWant = wants.reduce((a, b) => a + b, 0);
  if (spare <= 0 || totalWant <= 0) return out;
  const share = Math.min(1, spare / totalWant);
  return out.map((w, i) => w + (wants[i] ?? 0) * share);
}

/** Picks the font size and column groups that fit the current page width without clipping. */
export function planTableLayout(ctx: PdfContext, table: ReportTable, body: string[][]): TableLayout {
  const available = contentWidth(ctx);
  const all = table.columns.map((_, i) => i);
  for (const fontSize of [8, 7]) {
    const widths = measureColumns(ctx, table, body, fontSize);
    if (widths.reduce((a, b) => a + b.min, 0) <= available) return { fontSize, groups: [all], widths };
  }
  const fontSize = 7;
  const widths = measureColumns(ctx, table, body, fontSize);
  const firstKind = table.columns[0]?.type.kind;
  const repeatKey = firstKind === 'date' || firstKind === 'text';
  const keyWidth = repeatKey ? (widths[0]?.min ?? 0) : 0;
  const groups: number[][] = [];
  let current: number[] = [];
  let used = keyWidth;
  for (let c = repeatKey ? 1 : 0; c < widths.length; c++) {
    const w = widths[c]?.min ?? 0;
    if (current.length > 0 && used + w > available) {
      groups.push(repeatKey ? [0, ...current] : current);
      current = [];
      used = keyWidth;
    }
    current.push(c);
    used += w;
  }
  if (current.length > 0) groups.push(repeatKey ? [0, ...current] : current);
  return { fontSize, groups, widths };
}

/** Rows that fit below the cursor on this page at `fontSize` with one header row (for one-page templates). */
export function countRowsThatFit(ctx: PdfContext, fontSize: number, reserve = 0): number {
  const rowHeight = fontSize * 1.15 + 2 * CELL_PADDING;
  const available = contentBottom(ctx) - ctx.y - reserve - 2 * rowHeight - 16;
  return Math.max(0, Math.floor(available / rowHeight));
}

function isNegative(value: CellValue): boolean {
  const n = toNumber(value);
  return n !== null && n < 0;
}

/** Prints a table (title, truncation note, body in one or more column groups, table note) in one go: short tables. */
export function renderTable(ctx: PdfContext, table: ReportTable, options: RenderTableOptions = {}): void {
  for (const _slice of drawTable(ctx, table, options)) {
    // Drawn to the end without yielding.
  }
}

/** Prints a table like `renderTable`, awaiting the context's checkpoint between slices of rows: long tables. */
export async function renderTableYielding(ctx: PdfContext, table: ReportTable, options: RenderTableOptions = {}): Promise<void> {
  for (const _slice of drawTable(ctx, table, options)) await ctx.checkpoint?.();
}

/** Draws a table, pausing (`yield`) after each slice of rows so the caller may hand the thread back. */
function* drawTable(ctx: PdfContext, table: ReportTable, options: RenderTableOptions): Generator<void, void, undefined> {
  const rowIndices = options.rowIndices ?? table.rows.map((_, i) => i);
  const body = options.body ?? formatRows(table, rowIndices);
  const heading = options.heading === undefined ? table.title : options.heading;
  if (heading !== null) writeHeading(ctx, heading, 2);
  if (options.truncationNote) writeParagraph(ctx, options.truncationNote, { size: 8.5, color: COLORS.negative });
  const layout = planTableLayout(ctx, table, body);
  if (options.maxGroups !== undefined && layout.groups.length > options.maxGroups) {
    layout.groups = layout.groups.slice(0, Math.max(1, options.maxGroups));
    const kept = new Set(layout.groups.flat()).size;
    const left = table.columns.length - kept;
    writeParagraph(ctx, `Showing ${kept} of ${table.columns.length} columns; ${left} left out — see the detailed report.`, {
      size: 8.5,
      color: COLORS.negative,
    });
  }
  for (const [g, group] of layout.groups.entries()) {
    if (layout.groups.length > 1) {
      const first = group[group.length > 1 && table.columns[0] && group[0] === 0 ? 1 : 0] ?? 0;
      const last = group[group.length - 1] ?? 0;
      writeParagraph(ctx, `Columns ${first + 1}–${last + 1} of ${table.columns.length} (part ${g + 1} of ${layout.groups.length})`, {
        size: 8,
        color: COLORS.muted,
      });
    }
    yield* drawTableBlock(ctx, table, body, rowIndices, group, layout, options.signColored === true);
  }
  if (options.countRows !== false) ctx.rowsWritten += rowIndices.length;
  if (table.note) writeParagraph(ctx, table.note, { size: 8, color: COLORS.muted });
}

function* drawTableBlock(
  ctx: PdfContext,
  table: ReportTable,
  body: string[][],
  rowIndices: number[],
  group: number[],
  layout: TableLayout,
  signColored: boolean,
): Generator<void, void, undefined> {
  const { doc } = ctx;
  const { fontSize } = layout;
  const columns = group.map((c) => table.columns[c]).filter((c) => c !== undefined);
  // Fixed widths from the measurement, so autotable never squeezes a number onto two lines.
  const widths = distributeWidths(
    group.map((c) => layout.widths[c] ?? { min: 20, full: 20 }),
    contentWidth(ctx),
  );
  const columnStyles: Record<string, Partial<Styles>> = {};
  columns.forEach((column, i) => {
    columnStyles[String(i)] = { cellWidth: widths[i] ?? 'auto', ...(isNumericKind(column.type) ? { halign: 'right' } : {}) };
  });
  ensureSpace(ctx, fontSize * 4 + 4 * CELL_PADDING);
  let headHeight = 0;
  for (let from = 0; from === 0 || from < body.length; from += ROWS_PER_DRAW) {
    if (from > 0) yield;
    // A slice after the first continues the table: its header row is laid out one row up and
    // left undrawn on the page it starts on (drawn again on every new page), so the rows run on
    // seamlessly. At the bottom of a page it simply starts on the next one, header shown.
    let hideFirstHead = from > 0;
    if (hideFirstHead && ctx.y >= contentBottom(ctx) - 1) {
      addPage(ctx);
      hideFirstHead = false;
    }
    const sliceIndices = rowIndices.slice(from, from + ROWS_PER_DRAW);
    const sliceBody = body.slice(from, from + ROWS_PER_DRAW);
    drawTableSlice(ctx, table, sliceBody, sliceIndices, group, columns, widths, columnStyles, fontSize, signColored, hideFirstHead ? ctx.y - headHeight : ctx.y, hideFirstHead);
    const last = (doc as unknown as { lastAutoTable?: { finalY?: number; head?: { height: number }[] } }).lastAutoTable;
    headHeight = last?.head?.[0]?.height ?? headHeight;
    ctx.y = last?.finalY ?? ctx.y;
  }
  ctx.y += 10;
}

/** One autotable call over a slice of rows (`startY` given; the first page's header hidden when `hideFirstHead`). */
function drawTableSlice(
  ctx: PdfContext,
  table: ReportTable,
  body: string[][],
  rowIndices: number[],
  group: number[],
  columns: Column[],
  widths: number[],
  columnStyles: Record<string, Partial<Styles>>,
  fontSize: number,
  signColored: boolean,
  startY: number,
  hideFirstHead: boolean,
): void {
  const { doc, fonts } = ctx;
  const mixedCells = new Set<CellHookData['cell']>();
  const mixedLines = new Map<CellHookData['cell'], string[]>();
  ctx.autoTable(doc, {
    startY,
    margin: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    head: [columns.map((c) => c.label)],
    body: body.map((row) => group.map((c) => row[c] ?? '')),
    theme: 'striped',
    tableWidth: widths.reduce((a, b) => a + b, 0),
    showHead: 'everyPage',
    rowPageBreak: 'avoid',
    styles: { font: fonts.body, fontSize, cellPadding: CELL_PADDING, overflow: 'linebreak', textColor: COLORS.text, valign: 'middle' },
    headStyles: { font: fonts.body, fontStyle: 'bold', fillColor: COLORS.accent, textColor: [255, 255, 255] },
    columnStyles,
    didParseCell: (data: CellHookData) => {
      const text = data.cell.text.join(' ');
      if (fonts.cjk !== null && containsCjk(text)) {
        // Measured in the CJK font; drawn run by run in didDrawCell so accented Latin, Greek
        // and Cyrillic beside Han characters keep DejaVu's glyphs.
        data.cell.styles.font = fonts.cjk;
        data.cell.styles.fontStyle = 'normal';
        mixedCells.add(data.cell);
      }
      const column = columns[data.column.index];
      if (!column) return;
      if (data.section === 'head') {
        if (isNumericKind(column.type) || (column.typeByRow ?? []).some(isNumericKind)) data.cell.styles.halign = 'right';
        return;
      }
      if (data.section !== 'body') return;
      const columnIndex = group[data.column.index];
      const rowIndex = rowIndices[data.row.index];
      if (columnIndex === undefined || rowIndex === undefined) return;
      const type = cellType(column, rowIndex);
      // Per-row types (the performance summary) decide alignment cell by cell.
      if (isNumericKind(type)) data.cell.styles.halign = 'right';
      if (!signColored) return;
      if ((type.kind === 'percent' || type.kind === 'number') && isNegative(table.rows[rowIndex]?.[columnIndex] ?? null)) {
        data.cell.styles.textColor = COLORS.negative;
      }
    },
    willDrawCell: (data: CellHookData) => {
      if (hideFirstHead && data.section === 'head' && data.pageNumber === 1) return false;
      if (!mixedCells.has(data.cell)) return;
      mixedLines.set(data.cell, data.cell.text);
      data.cell.text = [''];
    },
    didDrawCell: (data: CellHookData) => {
      const lines = mixedLines.get(data.cell);
      if (lines === undefined) return;
      data.cell.text = lines;
      drawCellRuns(ctx, data, lines);
    },
  });
}

/** Draws a cell's lines where autotable would, switching fonts per script run. */
function drawCellRuns(ctx: PdfContext, data: CellHookData, lines: string[]): void {
  const { cell } = data;
  const fontSize = cell.styles.fontSize;
  const lineHeight = fontSize * 1.15;
  const pos = cell.getTextPos();
  // The same baseline arithmetic as autotable's own text drawing (valign middle).
  let y = pos.y + fontSize * (2 - 1.15) - (lines.length / 2) * lineHeight;
  const halign = cell.styles.halign;
  const align = halign === 'right' ? 'right' : halign === 'center' ? 'center' : 'left';
  for (const line of lines) {
    drawText(ctx.doc, ctx.fonts, line, pos.x, y, { align, style: data.section === 'head' ? 'bold' : 'normal' });
    y += lineHeight;
  }
}
