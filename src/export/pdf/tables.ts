/**
 * The table layout engine over jspdf-autotable. The engine decides everything a reader notices
 * and autotable only draws: column widths are measured so no number wraps and no word is broken
 * (text wraps at spaces; a table too wide is printed in a smaller size, then in column groups
 * that repeat the key column); rows are paginated here, so a table never starts with fewer than
 * three rows at the foot of a page nor ends with one or two rows alone on the next (no orphans),
 * the title stays with the table, continuation pages say "(continued)", and long narrow tables
 * flow in side-by-side blocks (compliance). Each block is one autotable call, with a checkpoint
 * in between, so the page stays responsive.
 */
import type { CellHookData, Styles } from 'jspdf-autotable';
import { addPage, contentBottom, contentWidth, MARGIN, pageWidth, type PdfContext } from './context';
import { containsCjk } from './fonts';
import { formatCount } from './labels';
import { containsRtl } from './script';
import { COLORS, GUTTER, lineHeight, SPACE, TYPE, type Rgb } from './style';
import { drawText, measureRuns, printable, wrapText, writeParagraph } from './text';

/** One printed cell. */
export interface PrintCell {
  text: string;
  /** Text colour (red for losses). */
  color?: Rgb;
  /** Background (heatmap cells). */
  fill?: Rgb;
  bold?: boolean;
}

/** One printed column. */
export interface PrintColumn {
  label: string;
  /** Right-aligned and never wrapped (numbers, dates). */
  numeric: boolean;
  /** Text that may wrap at spaces (names, reasons, details); other columns never wrap. */
  wraps?: boolean;
  /** Centre the column (heatmap cells). */
  center?: boolean;
}

/** A table ready to print: texts already formatted for people. */
export interface PrintTable {
  title: string | null;
  columns: PrintColumn[];
  rows: PrintCell[][];
  /** Printed under the title: how the table was shortened and where the rest is. */
  note?: string | null;
  /** Printed under the table in small type. */
  footnote?: string | null;
  /** Repeat the first column in every column group when the table is split (dates, names). */
  keyColumn?: boolean;
}

/** Where and how to print a table. */
export interface TableOptions {
  /** Cell font size (default `TYPE.table`); may shrink by up to 1.5 pt to fit the width. */
  fontSize?: number;
  /** Left edge and width of the box (default: the page's content box). */
  x?: number;
  width?: number;
  /** Let a long table flow in side-by-side blocks when narrow enough (compliance). */
  flow?: boolean;
  /** Fill the box width (default) or keep the columns' natural width. */
  fill?: boolean;
  /** Data rows to add to `WriterOutput.rows` (default: the rows printed). */
  countRows?: number;
  /** Heading level of the title (2 default, 3 smaller). */
  headingLevel?: 2 | 3;
  /** Header look: `filled` (accent band, white text) or `light` (panel band, accent text). */
  header?: 'filled' | 'light';
  /** Fewest rows printed alone at the foot or head of a page (default 3). */
  minRows?: number;
  /** Never start a new page (the caller made it fit: executive grid cells). */
  noBreak?: boolean;
}

const PAD_X = 3;
const PAD_Y = 2.2;
/** Vertical padding of compact tables (compliance appendices): more rows a page. */
const PAD_Y_COMPACT = 1.2;

/** Vertical cell padding at a font size. */
function padY(fontSize: number): number {
  return fontSize <= TYPE.compact ? PAD_Y_COMPACT : PAD_Y;
}
/** autotable's line height factor (jsPDF default), used to compute row heights exactly. */
const CELL_LEADING = 1.15;
/** A wrapping column asks for at most this width before it wraps. */
const WRAP_MAX = 170;
/** Most side-by-side blocks on one page. */
const MAX_BLOCKS = 4;
/** Smallest font a table shrinks to before it is split into column groups. */
const MIN_TABLE_FONT = 5.8;

interface Measured {
  fontSize: number;
  /** Column widths, final. */
  widths: number[];
  /** Columns of each printed part (more than one when the table is split by columns). */
  groups: number[][];
}

interface ColumnNeed {
  min: number;
  full: number;
}

function measure(ctx: PdfContext, text: string, size: number, bold = false): number {
  ctx.doc.setFontSize(size);
  return measureRuns(ctx.doc, ctx.fonts, text, bold ? 'bold' : 'normal');
}

/** Widths each column asks for: `min` (text and headers wrapped at spaces), `full` (nothing wrapped). */
function columnNeeds(ctx: PdfContext, table: PrintTable, size: number): ColumnNeed[] {
  const pad = 2 * PAD_X + 0.5;
  return table.columns.map((column, c) => {
    // The longest few strings decide; measuring every cell would cost more than drawing it.
    const texts = table.rows.map((row) => row[c]?.text ?? '');
    const longest = [...new Set(texts)].sort((a, b) => b.length - a.length).slice(0, 4);
    let full = 0;
    let word = 0;
    for (const text of longest) {
      full = Math.max(full, measure(ctx, text, size));
      if (column.wraps) for (const w of text.split(/\s+/)) word = Math.max(word, measure(ctx, w, size));
    }
    if (column.wraps) {
      // Long single words elsewhere in the column (a long asset name) must fit too.
      const words = [...new Set(texts.flatMap((t) => t.split(/\s+/)))].sort((a, b) => b.length - a.length).slice(0, 4);
      for (const w of words) word = Math.max(word, measure(ctx, w, size));
    }
    const headerFull = measure(ctx, column.label, size, true);
    const headerWord = Math.max(0, ...column.label.split(/\s+/).map((w) => measure(ctx, w, size, true)));
    const valueMin = column.wraps ? Math.max(word, Math.min(full, WRAP_MAX)) : full;
    return { min: Math.max(valueMin, headerWord) + pad, full: Math.max(full, headerFull) + pad };
  });
}

/** Spreads `available` over columns: each gets its minimum, then what it needs to avoid wrapping, then (when `fill`) an even share of the rest. */
function distribute(needs: ColumnNeed[], available: number, fill: boolean): number[] {
  const widths = needs.map((n) => n.min);
  let spare = available - widths.reduce((a, b) => a + b, 0);
  if (spare <= 0) return widths;
  const wants = needs.map((n) => Math.max(0, n.full - n.min));
  const totalWant = wants.reduce((a, b) => a + b, 0);
  if (totalWant > 0) {
    const share = Math.min(1, spare / totalWant);
    wants.forEach((w, i) => (widths[i] = (widths[i] ?? 0) + w * share));
    spare -= totalWant * share;
  }
  if (fill && spare > 0) {
    const each = spare / widths.length;
    return widths.map((w) => w + each);
  }
  return widths;
}

/**
 * Evens out the widths of the numeric columns (portfolios side by side read best at one width),
 * keeping the total, when every numeric column still gets at least its minimum.
 */
function evenNumeric(widths: number[], needs: ColumnNeed[], numeric: boolean[]): number[] {
  const idx = widths.map((_, i) => i).filter((i) => numeric[i] && i > 0);
  if (idx.length < 2) return widths;
  const share = idx.reduce((a, i) => a + (widths[i] ?? 0), 0) / idx.length;
  if (idx.some((i) => (needs[i]?.min ?? 0) > share)) return widths;
  return widths.map((w, i) => (idx.includes(i) ? share : w));
}

/** Font size, widths and column groups that fit `available` without clipping a value. */
function fitColumns(ctx: PdfContext, table: PrintTable, available: number, base: number, fill: boolean): Measured {
  const all = table.columns.map((_, i) => i);
  for (let size = base; size >= Math.max(MIN_TABLE_FONT, base - 1.5) - 1e-9; size -= 0.5) {
    const needs = columnNeeds(ctx, table, size);
    if (needs.reduce((a, b) => a + b.min, 0) <= available) {
      const widths = evenNumeric(distribute(needs, available, fill), needs, table.columns.map((c) => c.numeric));
      return { fontSize: size, widths, groups: [all] };
    }
  }
  const fontSize = Math.max(MIN_TABLE_FONT, base - 1.5);
  const needs = columnNeeds(ctx, table, fontSize);
  const key = table.keyColumn !== false && table.columns.length > 1;
  const keyWidth = key ? (needs[0]?.full ?? 0) : 0;
  const groups: number[][] = [];
  let current: number[] = [];
  let used = keyWidth;
  for (let c = key ? 1 : 0; c < needs.length; c++) {
    const w = needs[c]?.min ?? 0;
    if (current.length > 0 && used + w > available) {
      groups.push(key ? [0, ...current] : current);
      current = [];
      used = keyWidth;
    }
    current.push(c);
    used += w;
  }
  if (current.length > 0) groups.push(key ? [0, ...current] : current);
  const widths = needs.map((n) => n.min);
  // Within each group, spread the spare width like a table that fits.
  for (const group of groups) {
    const spread = distribute(group.map((c) => ({ min: c === 0 && key ? keyWidth : (needs[c]?.min ?? 0), full: needs[c]?.full ?? 0 })), available, fill);
    group.forEach((c, i) => (widths[c] = spread[i] ?? widths[c] ?? 0));
  }
  return { fontSize, widths, groups };
}

/** A table's text wrapped into lines per cell, and the row heights that follow. */
interface Wrapped {
  head: string[];
  body: string[][];
  headHeight: number;
  rowHeights: number[];
}

function wrapCells(ctx: PdfContext, table: PrintTable, group: number[], widths: number[], size: number): Wrapped {
  const { doc, fonts } = ctx;
  const lineStep = size * CELL_LEADING;
  const wrapOne = (text: string, width: number, bold: boolean): string => {
    doc.setFontSize(size);
    if (measureRuns(doc, fonts, text, bold ? 'bold' : 'normal') <= width) return text;
    return wrapText(doc, fonts, text, width, bold ? 'bold' : 'normal').join('\n');
  };
  const head = group.map((c) => wrapOne(table.columns[c]?.label ?? '', (widths[c] ?? 0) - 2 * PAD_X, true));
  const headLines = Math.max(1, ...head.map((h) => h.split('\n').length));
  const body: string[][] = [];
  const rowHeights: number[] = [];
  for (const row of table.rows) {
    let lines = 1;
    const cells = group.map((c) => {
      const text = row[c]?.text ?? '';
      if (!table.columns[c]?.wraps) return text;
      const wrapped = wrapOne(text, (widths[c] ?? 0) - 2 * PAD_X, row[c]?.bold === true);
      lines = Math.max(lines, wrapped.split('\n').length);
      return wrapped;
    });
    body.push(cells);
    rowHeights.push(lines * lineStep + 2 * padY(size));
  }
  return { head, body, headHeight: headLines * lineStep + 2 * padY(size), rowHeights };
}

/** Rows wrapped between two checkpoints: long tables keep the page responsive while they are measured. */
const WRAP_SLICE = 400;

async function wrapCellsYielding(ctx: PdfContext, table: PrintTable, group: number[], widths: number[], size: number): Promise<Wrapped> {
  if (table.rows.length <= WRAP_SLICE) return wrapCells(ctx, table, group, widths, size);
  let out: Wrapped | null = null;
  for (let start = 0; start < table.rows.length; start += WRAP_SLICE) {
    const part = wrapCells(ctx, { ...table, rows: table.rows.slice(start, start + WRAP_SLICE) }, group, widths, size);
    if (out === null) out = part;
    else {
      out.body.push(...part.body);
      out.rowHeights.push(...part.rowHeights);
    }
    await ctx.checkpoint();
  }
  return out ?? wrapCells(ctx, table, group, widths, size);
}

/** One stretch of rows printed in one place: a page, and a block (side-by-side column) of it. */
interface Chunk {
  start: number;
  end: number;
  /** 0 for the page the table starts on. */
  page: number;
  block: number;
}

/**
 * Splits rows into chunks that fit: `blocks` side by side on every page, the first page's with
 * `capacity.first` (or `freshFirst` when it starts on a new page), the others' with
 * `capacity.page`; a table starts on a new page when fewer
 * than `minRows` rows fit where it is (`breakFirst`), and rows move back from the chunk before
 * so the last chunk has at least `minRows` (no orphaned one- or two-row fragment).
 */
export function paginate(
  rowHeights: number[],
  capacity: { first: number; freshFirst: number; page: number },
  blocks: number,
  minRows: number,
): { chunks: Chunk[]; breakFirst: boolean } {
  const n = rowHeights.length;
  const fits = (start: number, capacity: number): number => {
    let used = 0;
    let end = start;
    while (end < n && used + (rowHeights[end] ?? 0) <= capacity + 0.01) used += rowHeights[end++] ?? 0;
    return end;
  };
  const need = Math.min(minRows, n);
  const breakFirst = fits(0, capacity.first) < need;
  const firstPage = breakFirst ? capacity.freshFirst : capacity.first;
  const chunks: Chunk[] = [];
  let start = 0;
  for (let slot = 0; start < n; slot++) {
    const page = Math.floor(slot / blocks);
    const block = slot % blocks;
    let end = fits(start, page === 0 ? firstPage : capacity.page);
    if (end === start) end = start + 1; // a row taller than a page: print it anyway
    chunks.push({ start, end, page, block });
    start = end;
  }
  balanceLastPage(chunks, rowHeights, blocks, need, (page) => (page === 0 ? firstPage : capacity.page));
  const last = chunks[chunks.length - 1];
  const previous = chunks[chunks.length - 2];
  if (last && previous && last.end - last.start < need) {
    const move = need - (last.end - last.start);
    if (previous.end - previous.start - move >= need) {
      previous.end -= move;
      last.start -= move;
    }
  }
  return { chunks, breakFirst };
}

/**
 * Side-by-side blocks on the last page get about the same number of rows (60 rows in two blocks
 * of 30, not 52 and 8), as long as each block still fits and holds `minRows`.
 */
function balanceLastPage(chunks: Chunk[], rowHeights: number[], blocks: number, minRows: number, capacityOf: (page: number) => number): void {
  if (blocks < 2 || chunks.length === 0) return;
  const lastPage = chunks[chunks.length - 1]?.page ?? 0;
  const onPage = chunks.filter((c) => c.page === lastPage);
  const start = onPage[0]?.start ?? 0;
  const end = onPage[onPage.length - 1]?.end ?? 0;
  const rows = end - start;
  const k = Math.min(blocks, Math.max(1, Math.floor(rows / Math.max(1, minRows))));
  if (k < 2) return;
  const per = Math.ceil(rows / k);
  const capacity = capacityOf(lastPage);
  const balanced: Chunk[] = [];
  for (let b = 0, s = start; s < end; b++, s += per) {
    const e = Math.min(end, s + per);
    let height = 0;
    for (let r = s; r < e; r++) height += rowHeights[r] ?? 0;
    if (height > capacity + 0.01 || b >= blocks) return;
    balanced.push({ start: s, end: e, page: lastPage, block: b });
  }
  chunks.splice(chunks.length - onPage.length, onPage.length, ...balanced);
}

/** Height of a printed table title and note (for keep-together). */
function titleHeight(ctx: PdfContext, table: PrintTable, level: 2 | 3, width: number): number {
  const size = level === 2 ? TYPE.heading : TYPE.body;
  let h = table.title ? SPACE * (level === 2 ? 1.5 : 1) + lineHeight(size) + SPACE / 2 : 0;
  if (table.note) {
    ctx.doc.setFontSize(TYPE.caption);
    h += wrapText(ctx.doc, ctx.fonts, table.note, width).length * lineHeight(TYPE.caption) + TYPE.caption * 0.5;
  }
  return h;
}

function drawTitle(ctx: PdfContext, text: string, x: number, level: 2 | 3, continued: boolean): void {
  const size = continued ? TYPE.caption : level === 2 ? TYPE.heading : TYPE.body;
  ctx.y += continued ? 0 : SPACE * (level === 2 ? 1.5 : 1);
  ctx.doc.setFontSize(size);
  ctx.doc.setTextColor(...(continued ? COLORS.muted : COLORS.text));
  drawText(ctx.doc, ctx.fonts, continued ? `${text} (continued)` : text, x, ctx.y + size * 0.8, { style: continued ? 'normal' : 'bold' });
  ctx.y += lineHeight(size) + SPACE / 2;
}

/** How tall `table` would print in a box of `width` (title, note and every row), for callers that must make it fit. */
export function measureTableHeight(ctx: PdfContext, table: PrintTable, options: TableOptions = {}): { total: number; headHeight: number; rowHeights: number[]; titleHeight: number } {
  const width = options.width ?? contentWidth(ctx);
  const layout = fitColumns(ctx, table, width, options.fontSize ?? TYPE.table, options.fill !== false);
  const wrapped = wrapCells(ctx, table, layout.groups[0] ?? [], layout.widths, layout.fontSize);
  const title = titleHeight(ctx, table, options.headingLevel ?? 2, width);
  const rows = wrapped.rowHeights.reduce((a, b) => a + b, 0);
  const footnote = table.footnote ? lineHeight(TYPE.caption) * 2 : 0;
  return { total: title + wrapped.headHeight + rows + footnote + SPACE, headHeight: wrapped.headHeight, rowHeights: wrapped.rowHeights, titleHeight: title };
}

/** Prints `table` at the cursor (title, note, rows across pages and blocks, footnote); the cursor ends below it. */
export async function printTable(ctx: PdfContext, table: PrintTable, options: TableOptions = {}): Promise<void> {
  const x = options.x ?? MARGIN.left;
  const box = options.width ?? contentWidth(ctx);
  const level = options.headingLevel ?? 2;
  const base = options.fontSize ?? TYPE.table;
  let layout = fitColumns(ctx, table, box, base, options.fill !== false);
  let blocks = 1;
  if (options.flow && layout.groups.length === 1) {
    // Narrow long tables (compliance) print in side-by-side blocks, headers wrapped at spaces.
    const needs = columnNeeds(ctx, table, layout.fontSize);
    // Headers wrap at spaces; text cells keep one line where they can (a wrapped row is a taller row).
    const textWidth = (n: ColumnNeed, c: number): number => (table.columns[c]?.wraps ? Math.max(n.min, Math.min(n.full, WRAP_MAX)) : n.min);
    const natural: Measured = { fontSize: layout.fontSize, widths: needs.map(textWidth), groups: layout.groups };
    const width = natural.widths.reduce((a, b) => a + b, 0);
    const fit = Math.max(1, Math.min(MAX_BLOCKS, Math.floor((box + GUTTER) / (width + GUTTER))));
    // One line a row is a lower bound of the height: enough to tell a table longer than a page.
    const rows = table.rows.length * (natural.fontSize * CELL_LEADING + 2 * padY(natural.fontSize));
    if (fit > 1 && rows > contentBottom(ctx) - MARGIN.top) {
      blocks = fit;
      const blockWidth = (box - GUTTER * (fit - 1)) / fit;
      layout = { ...natural, widths: distribute(needs.map((n, c) => ({ min: textWidth(n, c), full: n.full })), blockWidth, true) };
    }
  }
  const parts = layout.groups.length;
  for (const [g, group] of layout.groups.entries()) {
    const wrapped = await wrapCellsYielding(ctx, table, group, layout.widths, layout.fontSize);
    const partTitle = parts > 1 && table.title ? `${table.title}: columns ${describeGroup(table, group)} (part ${g + 1} of ${parts})` : table.title;
    const printed: PrintTable = { ...table, title: partTitle, note: g === 0 ? table.note : null };
    await printPart(ctx, printed, wrapped, group, layout, { x, box, blocks, level, options });
  }
  ctx.rowsWritten += options.countRows ?? table.rows.length;
  if (table.footnote) writeParagraph(ctx, table.footnote, { size: TYPE.caption, color: COLORS.muted, x, width: box });
  ctx.y += SPACE;
}

function describeGroup(table: PrintTable, group: number[]): string {
  const data = group.filter((c) => !(c === 0 && table.keyColumn !== false && group.length > 1));
  const first = (data[0] ?? 0) + 1;
  const last = (data[data.length - 1] ?? 0) + 1;
  return `${first}–${last} of ${table.columns.length}`;
}

interface PartPlacement {
  x: number;
  box: number;
  blocks: number;
  level: 2 | 3;
  options: TableOptions;
}

async function printPart(ctx: PdfContext, table: PrintTable, wrapped: Wrapped, group: number[], layout: Measured, at: PartPlacement): Promise<void> {
  const { options } = at;
  const heading = titleHeight(ctx, table, at.level, at.box);
  const fullPage = contentBottom(ctx) - MARGIN.top;
  const continuedCaption = table.title ? lineHeight(TYPE.caption) + SPACE / 2 : 0;
  const capacity = {
    first: contentBottom(ctx) - ctx.y - heading - wrapped.headHeight,
    freshFirst: fullPage - heading - wrapped.headHeight,
    // Later pages carry the "(continued)" caption instead of the title.
    page: fullPage - continuedCaption - wrapped.headHeight,
  };
  const { chunks, breakFirst } = options.noBreak
    ? { chunks: [{ start: 0, end: wrapped.body.length, page: 0, block: 0 }], breakFirst: false }
    : paginate(wrapped.rowHeights, capacity, at.blocks, options.minRows ?? 3);
  if (breakFirst) addPage(ctx);
  if (table.title) drawTitle(ctx, table.title, at.x, at.level, false);
  // Accent, not red: red means a loss in this report, and a shortened table is not one.
  if (table.note) writeParagraph(ctx, table.note, { size: TYPE.caption, color: COLORS.accent, x: at.x, width: at.box });
  const widths = group.map((c) => layout.widths[c] ?? 0);
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  let page = 0;
  let pageTop = ctx.y;
  let lowest = ctx.y;
  for (const chunk of chunks) {
    if (chunk.page !== page) {
      page = chunk.page;
      addPage(ctx);
      if (table.title) drawTitle(ctx, table.title, at.x, at.level, true);
      pageTop = ctx.y;
      lowest = ctx.y;
    }
    const blockX = at.x + chunk.block * (tableWidth + GUTTER);
    const finalY = drawChunk(ctx, table, wrapped, group, widths, layout.fontSize, chunk, blockX, pageTop, options.header ?? 'filled');
    lowest = Math.max(lowest, finalY);
    await ctx.checkpoint();
  }
  ctx.y = lowest + SPACE / 2;
}

/** Draws rows `chunk.start … chunk.end` as one autotable at (`x`, `y`); returns the y below it. */
function drawChunk(
  ctx: PdfContext,
  table: PrintTable,
  wrapped: Wrapped,
  group: number[],
  widths: number[],
  fontSize: number,
  chunk: Chunk,
  x: number,
  y: number,
  header: 'filled' | 'light',
): number {
  const { doc, fonts } = ctx;
  const columns = group.map((c) => table.columns[c]);
  const columnStyles: Record<string, Partial<Styles>> = {};
  columns.forEach((column, i) => {
    columnStyles[String(i)] = { cellWidth: widths[i] ?? 20, halign: column?.numeric ? 'right' : column?.center ? 'center' : 'left' };
  });
  const custom = new Map<CellHookData['cell'], string[]>();
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  ctx.autoTable(doc, {
    startY: y,
    margin: { top: MARGIN.top, bottom: MARGIN.bottom, left: x, right: Math.max(0, pageWidth(ctx) - x - tableWidth) },
    head: [wrapped.head],
    body: wrapped.body.slice(chunk.start, chunk.end),
    theme: 'plain',
    tableWidth,
    showHead: 'firstPage',
    rowPageBreak: 'avoid',
    styles: {
      font: fonts.body,
      fontSize,
      cellPadding: { top: padY(fontSize), bottom: padY(fontSize), left: PAD_X, right: PAD_X },
      overflow: 'visible',
      textColor: COLORS.text,
      valign: 'middle',
      lineWidth: 0,
    },
    headStyles: {
      font: fonts.body,
      fontStyle: 'bold',
      fillColor: header === 'filled' ? COLORS.accent : COLORS.panel,
      textColor: header === 'filled' ? COLORS.white : COLORS.accent,
      valign: 'bottom',
    },
    columnStyles,
    didParseCell: (data: CellHookData) => {
      const column = columns[data.column.index];
      if (data.section === 'head') {
        if (column?.numeric) data.cell.styles.halign = 'right';
        else if (column?.center) data.cell.styles.halign = 'center';
      } else if (data.section === 'body') {
        const rowIndex = chunk.start + data.row.index;
        const source = table.rows[rowIndex]?.[group[data.column.index] ?? 0];
        // Zebra stripes are one rectangle a row (willDrawCell), not one a cell: tens of thousands of cells in the appendices.
        data.cell.styles.fillColor = source?.fill ?? false;
        if (source?.color) data.cell.styles.textColor = source.color;
        if (source?.bold) data.cell.styles.fontStyle = 'bold';
      }
      const text = data.cell.text.join('\n');
      if (needsCustomDrawing(ctx, text)) custom.set(data.cell, data.cell.text);
    },
    willDrawCell: (data: CellHookData) => {
      if (data.section === 'body' && data.column.index === 0 && (chunk.start + data.row.index) % 2 === 1) {
        doc.setFillColor(...COLORS.stripe);
        doc.rect(data.cell.x, data.cell.y, tableWidth, data.row.height, 'F');
      }
      if (custom.has(data.cell)) data.cell.text = [''];
    },
    didDrawCell: (data: CellHookData) => {
      const lines = custom.get(data.cell);
      if (lines === undefined) return;
      data.cell.text = lines;
      drawCellLines(ctx, data, lines);
    },
  });
  const finalY = (doc as unknown as { lastAutoTable?: { finalY?: number } }).lastAutoTable?.finalY;
  return finalY ?? y;
}

/** Cells autotable cannot draw itself: several fonts (CJK beside Latin) or right-to-left text. */
function needsCustomDrawing(ctx: PdfContext, text: string): boolean {
  return (ctx.fonts.cjk !== null && containsCjk(text)) || containsRtl(text);
}

/** Draws a cell's lines where autotable would (valign middle), through `drawText`. */
function drawCellLines(ctx: PdfContext, data: CellHookData, lines: string[]): void {
  const { cell } = data;
  const size = cell.styles.fontSize;
  const step = size * CELL_LEADING;
  const pos = cell.getTextPos();
  const valign = cell.styles.valign;
  const block = lines.length * step;
  // autotable's baseline arithmetic: the first baseline sits one line (minus the descent) below the text top.
  let top = pos.y;
  if (valign === 'middle') top = pos.y - block / 2;
  else if (valign === 'bottom') top = pos.y - block;
  let baseline = top + size * (2 - CELL_LEADING);
  const halign = cell.styles.halign;
  const align = halign === 'right' ? 'right' : halign === 'center' ? 'center' : 'left';
  ctx.doc.setFontSize(size);
  const color = cell.styles.textColor;
  if (Array.isArray(color)) ctx.doc.setTextColor(color[0] ?? 0, color[1] ?? 0, color[2] ?? 0);
  for (const line of lines) {
    drawText(ctx.doc, ctx.fonts, line, pos.x, baseline, { align, style: cell.styles.fontStyle === 'bold' ? 'bold' : 'normal' });
    baseline += step;
  }
}

/** A sentence for a table that prints only some of its rows: what is shown, how it was chosen, how many are left out and where they are. */
export function shortenedNote(shown: number, total: number, how: string, where: string): string {
  return `${how}: ${formatCount(shown)} of ${formatCount(total)} rows shown, ${formatCount(total - shown)} left out. ${where}`;
}

/** Cleans every cell's text with the document's shaper once (replacements are counted once per string). */
export function cleanTable(ctx: PdfContext, table: PrintTable): PrintTable {
  const clean = (text: string): string => printable(ctx.doc, text);
  return {
    ...table,
    title: table.title === null ? null : clean(table.title),
    columns: table.columns.map((c) => ({ ...c, label: clean(c.label) })),
    rows: table.rows.map((row) => row.map((cell) => (cell.text === '' ? cell : { ...cell, text: clean(cell.text) }))),
  };
}
