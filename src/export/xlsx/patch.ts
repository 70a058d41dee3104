/**
 * What SheetJS CE cannot write, added to the package it wrote: a bold, filled header style, a
 * bold title style and a wrapping style (xl/styles.xml), `s` attributes on those cells, frozen
 * rows (`<sheetViews>`), red–white–green colour scales (`<conditionalFormatting>`), page setup
 * (fit to one page wide, orientation, running header and footer, repeated header rows as
 * `_xlnm.Print_Titles`), and the Overview's native charts (chart and drawing parts, their
 * relationships and content types); plus one fix of SheetJS's output (autofilter names of sheets
 * with an apostrophe). Elements are inserted where the OOXML schema (CT_Worksheet, CT_Workbook)
 * puts them, so Excel opens the file without a repair prompt. Pure string surgery on the few
 * parts that need it; everything else is copied.
 */
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { BackfolioError } from '../../errors';
import {
  CHART_CONTENT_TYPE,
  CHART_RELATIONSHIP,
  chartSpaceXml,
  DRAWING_CONTENT_TYPE,
  DRAWING_RELATIONSHIP,
  drawingXml,
  relationshipsXml,
  type ChartAnchor,
} from './chart-xml';
import type { WorkbookChart } from './overview-charts';
import { printAreaRef, printElements, printTitlesRef, type PageLabels } from './print';
import type { SheetStyle } from './sheet-grid';
import { escapeXml, unescapeXml } from './xml';

/** Styling of every sheet in workbook order, the charts of one sheet, and the running header's text. */
export interface WorkbookPatch {
  sheets: SheetStyle[];
  /** Charts anchored on the sheet at index `sheet` (the Overview). */
  charts?: { sheet: number; charts: { chart: WorkbookChart; anchor: ChartAnchor }[] };
  /** Running header and footer of printed pages; without it sheets get no page setup. */
  page?: PageLabels;
}

/** How to package: deflate level and a checkpoint to yield between parts. */
export interface PatchOptions {
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  checkpoint?: () => Promise<void>;
}

/**
 * Deflate level of the re-zipped package. Level 1 is two to three times faster than 6 on a large
 * workbook for about 10% more bytes (and still half the size of SheetJS's own compression).
 */
export const DEFLATE_LEVEL = 1;

/** Header fill (light blue-grey), ARGB. */
export const HEADER_FILL_RGB = 'FFD9E1F2';
/** Colour-scale stops (lowest, zero, highest), ARGB: Excel's own red and green. */
export const SCALE_COLORS = { low: 'FFF8696B', mid: 'FFFFFFFF', high: 'FF63BE7B' } as const;

/** The children of a worksheet (CT_Worksheet), in the order the schema requires. */
const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr',
  'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate',
  'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations',
  'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing',
  'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems',
  'tableParts', 'extLst',
];

function fail(message: string): BackfolioError {
  return new BackfolioError('EXPORT_FAILED', `workbook styling: ${message}`);
}

/** Sets (or adds) an attribute on an element's start tag text (`<xf a="1"/>`). */
export function setAttribute(tag: string, name: string, value: string): string {
  const pattern = new RegExp(`(\\s${name}=")[^"]*(")`);
  if (pattern.test(tag)) return tag.replace(pattern, `$1${value}$2`);
  return tag.replace(/(\s*\/?>)$/, ` ${name}="${value}"$1`);
}

function getAttribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] ?? null;
}

/** The `[start, end)` span of `<name …>…</name>` or `<name …/>` in `xml`, or `null`. */
function findElement(xml: string, name: string, from = 0): { start: number; end: number } | null {
  const open = new RegExp(`<${name}[\\s/>]`, 'g');
  open.lastIndex = from;
  const match = open.exec(xml);
  if (!match) return null;
  const start = match.index;
  const tagEnd = xml.indexOf('>', start);
  if (tagEnd < 0) return null;
  if (xml[tagEnd - 1] === '/') return { start, end: tagEnd + 1 };
  const close = xml.indexOf(`</${name}>`, tagEnd);
  if (close < 0) return null;
  return { start, end: close + name.length + 3 };
}

/** Replaces the `count` attribute of a collection's start tag with its number of `item` children. */
function recount(collection: string, item: string): string {
  const count = (collection.match(new RegExp(`<${item}[\\s/>]`, 'g')) ?? []).length;
  return collection.replace(/^<[^>]*>/, (tag) => setAttribute(tag, 'count', String(count)));
}

/** The stylesheet with one bold font and one solid fill added, and the cell formats derived from it. */
class StyleSheet {
  private readonly xfs: string[];
  private readonly boldFont: number;
  private readonly headerFill: number;
  private readonly derived = new Map<string, number>();

  constructor(private xml: string) {
    const fonts = findElement(xml, 'fonts');
    const fills = findElement(xml, 'fills');
    const cellXfs = findElement(xml, 'cellXfs');
    if (!fonts || !fills || !cellXfs) throw fail('xl/styles.xml lacks fonts, fills or cellXfs');

    const fontsXml = xml.slice(fonts.start, fonts.end);
    const fontList = fontsXml.match(/<font\b[^>]*?(?:\/>|>[\s\S]*?<\/font>)/g) ?? [];
    const baseFont = fontList[0] ?? '<font/>';
    const bold = baseFont.endsWith('/>') ? baseFont.replace(/\/>$/, '><b/></font>') : baseFont.replace(/^<font\b[^>]*>/, '$&<b/>');
    this.boldFont = fontList.length;
    const newFonts = recount(fontsXml.replace(/<\/fonts>$/, `${bold}</fonts>`), 'font');

    const fillsXml = xml.slice(fills.start, fills.end);
    this.headerFill = (fillsXml.match(/<fill[\s/>]/g) ?? []).length;
    const fill = `<fill><patternFill patternType="solid"><fgColor rgb="${HEADER_FILL_RGB}"/><bgColor indexed="64"/></patternFill></fill>`;
    const newFills = recount(fillsXml.replace(/<\/fills>$/, `${fill}</fills>`), 'fill');

    this.xfs = xml.slice(cellXfs.start, cellXfs.end).match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
    if (this.xfs.length === 0) throw fail('xl/styles.xml has no cell formats');
    // Rebuild in document order: fonts precede fills precede cellXfs in CT_Stylesheet.
    this.xml =
      xml.slice(0, fonts.start) + newFonts + xml.slice(fonts.end, fills.start) + newFills + xml.slice(fills.end, cellXfs.start) +
      '\u0000CELLXFS\u0000' + xml.slice(cellXfs.end);
  }

  /**
   * The index of a format like `base` but bold (and filled when `filled`), or wrapping its text
   * top-aligned (`wrap`), created once per combination.
   */
  derive(base: number, look: { bold?: boolean; filled?: boolean; wrap?: boolean }): number {
    const key = `${base}:${look.bold === true}:${look.filled === true}:${look.wrap === true}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    const source = this.xfs[base] ?? this.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const openTag = /^<xf\b[^>]*?(\/?)>/.exec(source);
    if (!openTag) return base;
    let tag = openTag[0].replace(/\s*\/?>$/, '>');
    if (look.bold) tag = setAttribute(setAttribute(tag, 'fontId', String(this.boldFont)), 'applyFont', '1');
    if (look.filled) tag = setAttribute(setAttribute(tag, 'fillId', String(this.headerFill)), 'applyFill', '1');
    let body = openTag[1] === '/' ? '' : source.slice(openTag[0].length, source.length - '</xf>'.length);
    if (look.wrap) {
      tag = setAttribute(tag, 'applyAlignment', '1');
      // CT_Xf: alignment comes first, protection after it.
      body = `<alignment vertical="top" wrapText="1"/>${body.replace(/<alignment\b[^>]*\/>/, '')}`;
    }
    const xf = body === '' ? tag.replace(/>$/, '/>') : `${tag}${body}</xf>`;
    this.xfs.push(xf);
    const index = this.xfs.length - 1;
    this.derived.set(key, index);
    return index;
  }

  /** The finished styles.xml. */
  serialize(): string {
    const list = `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>`;
    return this.xml.replace('\u0000CELLXFS\u0000', list);
  }
}

/** Gives every cell of row `row` the format `styleFor(current s)`; the row must exist. */
export function restyleRow(xml: string, row: number, styleFor: (current: number) => number): string {
  const open = new RegExp(`<row\\b[^>]*?\\sr="${row}"[^>]*>`).exec(xml);
  if (!open) return xml;
  const contentStart = open.index + open[0].length;
  if (open[0].endsWith('/>')) return xml;
  const contentEnd = xml.indexOf('</row>', contentStart);
  if (contentEnd < 0) throw fail(`row ${row} is not closed`);
  const content = xml.slice(contentStart, contentEnd).replace(/<c\b[^>]*>/g, (tag) => {
    const current = Number(getAttribute(tag, 's') ?? '0');
    return setAttribute(tag, 's', String(styleFor(current)));
  });
  return xml.slice(0, contentStart) + content + xml.slice(contentEnd);
}

/** Gives the cell at `ref` (`B12`) the format `styleFor(current s)`; a missing cell is left alone. */
export function restyleCell(xml: string, ref: string, styleFor: (current: number) => number): string {
  const open = new RegExp(`<c\\b[^>]*?\\sr="${ref}"[^>]*>`).exec(xml);
  if (!open) return xml;
  const current = Number(getAttribute(open[0], 's') ?? '0');
  const tag = setAttribute(open[0], 's', String(styleFor(current)));
  return xml.slice(0, open.index) + tag + xml.slice(open.index + open[0].length);
}

/** The `<sheetViews>` of a sheet with its first `rows` rows frozen (keeping the view's attributes). */
export function freezeRows(xml: string, rows: number): string {
  const topLeft = `A${rows + 1}`;
  const pane = `<pane ySplit="${rows}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  const existing = findElement(xml, 'sheetViews');
  if (existing) {
    const block = xml.slice(existing.start, existing.end);
    const viewTag = /<sheetView\b[^>]*?\/?>/.exec(block)?.[0] ?? '<sheetView workbookViewId="0">';
    const openTag = viewTag.replace(/\s*\/>$/, '>');
    return `${xml.slice(0, existing.start)}<sheetViews>${openTag}${pane}</sheetView></sheetViews>${xml.slice(existing.end)}`;
  }
  const views = `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>`;
  // CT_Worksheet: sheetPr, dimension, sheetViews, …
  const anchor = findElement(xml, 'dimension') ?? findElement(xml, 'sheetPr');
  if (anchor) return xml.slice(0, anchor.end) + views + xml.slice(anchor.end);
  const root = /<worksheet\b[^>]*>/.exec(xml);
  if (!root) throw fail('worksheet root element not found');
  const at = root.index + root[0].length;
  return xml.slice(0, at) + views + xml.slice(at);
}

/**
 * Inserts a worksheet child element where CT_Worksheet orders it: before the first present
 * element the schema puts after it, else before `</worksheet>`. An element of the same name is
 * replaced (but `conditionalFormatting`, which may repeat, is added to). Elements after
 * `sheetData` are looked for only after it.
 */
export function insertWorksheetElement(xml: string, name: string, element: string): string {
  const order = WORKSHEET_ORDER.indexOf(name);
  if (order < 0) throw fail(`unknown worksheet element ${name}`);
  const sheetDataEnd = xml.indexOf('</sheetData>');
  const from = order > WORKSHEET_ORDER.indexOf('sheetData') && sheetDataEnd >= 0 ? sheetDataEnd : 0;
  if (name !== 'conditionalFormatting') {
    const existing = findElement(xml, name, from);
    if (existing) return xml.slice(0, existing.start) + element + xml.slice(existing.end);
  }
  let at = -1;
  for (const later of WORKSHEET_ORDER.slice(order + 1)) {
    const found = findElement(xml, later, from);
    if (found && (at < 0 || found.start < at)) at = found.start;
  }
  if (at < 0) at = xml.lastIndexOf('</worksheet>');
  if (at < 0) throw fail('worksheet end tag not found');
  return xml.slice(0, at) + element + xml.slice(at);
}

/** Adds a red–white–green colour scale (lowest, zero, highest) over each range. */
export function addColorScales(xml: string, ranges: string[]): string {
  if (ranges.length === 0) return xml;
  const { low, mid, high } = SCALE_COLORS;
  const blocks = ranges
    .map(
      (range, i) =>
        `<conditionalFormatting sqref="${range}"><cfRule type="colorScale" priority="${i + 1}"><colorScale>` +
        `<cfvo type="min"/><cfvo type="num" val="0"/><cfvo type="max"/>` +
        `<color rgb="${low}"/><color rgb="${mid}"/><color rgb="${high}"/></colorScale></cfRule></conditionalFormatting>`,
    )
    .join('');
  return insertWorksheetElement(xml, 'conditionalFormatting', blocks);
}

/** Marks a sheet as fitted to pages (`<sheetPr><pageSetUpPr fitToPage="1"/>`), keeping its other properties. */
export function setFitToPage(xml: string): string {
  const existing = findElement(xml, 'sheetPr');
  if (!existing) {
    const root = /<worksheet\b[^>]*>/.exec(xml);
    if (!root) throw fail('worksheet root element not found');
    const at = root.index + root[0].length;
    return `${xml.slice(0, at)}<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>${xml.slice(at)}`;
  }
  const block = xml.slice(existing.start, existing.end);
  let patched: string;
  if (/<pageSetUpPr\b/.test(block)) patched = block.replace(/<pageSetUpPr\b[^>]*?\/?>/, (tag) => setAttribute(tag, 'fitToPage', '1'));
  else if (block.endsWith('/>')) patched = `${block.slice(0, -2).trimEnd()}><pageSetUpPr fitToPage="1"/></sheetPr>`;
  // CT_SheetPr: tabColor, outlinePr, pageSetUpPr — the last child.
  else patched = block.replace(/<\/sheetPr>$/, '<pageSetUpPr fitToPage="1"/></sheetPr>');
  return xml.slice(0, existing.start) + patched + xml.slice(existing.end);
}

/**
 * Rewrites the autofilter ranges SheetJS names in xl/workbook.xml (`_xlnm._FilterDatabase`) with
 * the sheet name quoted as formulas require: SheetJS does not double an apostrophe inside it
 * (`'Bob's'!A1:B3`), which Excel would report as damaged content. Marks them hidden as Excel does.
 */
export function fixFilterDatabaseNames(workbookXml: string): string {
  const names = (workbookXml.match(/<sheet\b[^>]*>/g) ?? []).map((tag) => unescapeXml(getAttribute(tag, 'name') ?? ''));
  return workbookXml.replace(
    /<definedName\b([^>]*)>([^<]*)<\/definedName>/g,
    (whole, attributes: string, text: string) => {
      if (getAttribute(attributes, 'name') !== '_xlnm._FilterDatabase') return whole;
      const sheet = names[Number(getAttribute(attributes, 'localSheetId'))];
      const ref = unescapeXml(text).split('!').pop() ?? '';
      if (sheet === undefined || !/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(ref)) return whole;
      const tag = setAttribute(`<definedName${attributes}>`, 'hidden', '1');
      return `${tag}${escapeXml(`'${sheet.replace(/'/g, "''")}'!${ref}`)}</definedName>`;
    },
  );
}

/** A sheet-local defined name (`_xlnm.Print_Titles`, `_xlnm.Print_Area`) and its reference. */
export interface SheetName {
  name: string;
  sheetIndex: number;
  ref: string;
}

/**
 * Adds sheet-local defined names (the rows repeated on every printed page, the printed range) to
 * xl/workbook.xml's `<definedNames>` (created after `<sheets>` when absent, as CT_Workbook
 * orders it).
 */
export function addDefinedNames(workbookXml: string, titles: SheetName[]): string {
  if (titles.length === 0) return workbookXml;
  const names = titles.map((t) => `<definedName name="${t.name}" localSheetId="${t.sheetIndex}">${escapeXml(t.ref)}</definedName>`).join('');
  if (workbookXml.includes('</definedNames>')) return workbookXml.replace('</definedNames>', `${names}</definedNames>`);
  const sheetsEnd = workbookXml.indexOf('</sheets>');
  if (sheetsEnd < 0) throw fail('xl/workbook.xml has no sheets');
  const at = sheetsEnd + '</sheets>'.length;
  return `${workbookXml.slice(0, at)}<definedNames>${names}</definedNames>${workbookXml.slice(at)}`;
}

/** Part names of the worksheets in workbook order, from xl/workbook.xml and its relationships. */
export function listSheetParts(files: Record<string, Uint8Array>): string[] {
  const workbook = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (!workbook || !rels) throw fail('xl/workbook.xml or its relationships are missing');
  const targets = new Map<string, string>();
  for (const tag of strFromU8(rels).match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = getAttribute(tag, 'Id');
    const target = getAttribute(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return (strFromU8(workbook).match(/<sheet\b[^>]*>/g) ?? []).map((tag) => {
    const id = getAttribute(tag, 'r:id');
    const part = id ? targets.get(id) : undefined;
    if (!part || !files[part]) throw fail(`sheet part for ${tag} not found`);
    return part;
  });
}

/** What a sheet's tail (from `</sheetData>`) gets: colour scales, page setup, a drawing. */
interface TailPatch {
  colorScales: string[];
  print: { name: string; xml: string }[];
  /** `<drawing r:id="…"/>`, if the sheet has charts. */
  drawing?: string;
}

/** Applies the styling of a sheet's head: header, title and wrapped cells, fitting to pages, frozen rows. */
function patchHead(xml: string, style: SheetStyle, styles: StyleSheet, fitToPage: boolean): string {
  let out = xml;
  for (const row of style.headerRows) out = restyleRow(out, row, (s) => styles.derive(s, { bold: true, filled: true }));
  for (const row of style.titleRows) out = restyleRow(out, row, (s) => styles.derive(s, { bold: true }));
  for (const ref of style.wrapCells) out = restyleCell(out, ref, (s) => styles.derive(s, { wrap: true }));
  if (fitToPage) out = setFitToPage(out);
  if (style.frozenRows > 0) out = freezeRows(out, style.frozenRows);
  return out;
}

/** Applies a sheet's tail changes (to a text that holds `</sheetData>` and what follows it). */
function patchTail(xml: string, tail: TailPatch): string {
  let out = addColorScales(xml, tail.colorScales);
  for (const element of tail.print) out = insertWorksheetElement(out, element.name, element.xml);
  if (tail.drawing) out = insertWorksheetElement(out, 'drawing', tail.drawing);
  return out;
}

/** Bytes decoded at the head and at the tail when only those need changes. */
const HEAD_BYTES = 64 * 1024;
const TAIL_BYTES = 16 * 1024;

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Applies a sheet's changes, decoding only its head and its tail when every change lies there
 * (header rows and wrapped cells near the top; sheet views; colour scales, page setup and drawing
 * after `</sheetData>`): the megabytes of rows between are copied as bytes. The head is cut just
 * after a `>` and the tail just before a `<`, which never occur inside a multi-byte UTF-8 sequence.
 */
function patchSheetBytes(bytes: Uint8Array, style: SheetStyle, styles: StyleSheet, tail: TailPatch, fitToPage: boolean): Uint8Array {
  if (bytes.length > HEAD_BYTES + TAIL_BYTES) {
    const headCut = bytes.lastIndexOf(0x3e, HEAD_BYTES) + 1;
    const tailCut = bytes.indexOf(0x3c, bytes.length - TAIL_BYTES);
    const head = strFromU8(bytes.subarray(0, headCut));
    const end = strFromU8(bytes.subarray(tailCut));
    const rowsInHead = [...style.headerRows, ...style.titleRows].every((row) => {
      const start = head.search(new RegExp(`<row\\b[^>]*?\\sr="${row}"`));
      return start >= 0 && head.indexOf('</row>', start) >= 0;
    });
    const cellsInHead = style.wrapCells.every((ref) => new RegExp(`<c\\b[^>]*?\\sr="${ref}"[^>]*>[\\s\\S]*?</c>`).test(head));
    if (headCut > 0 && tailCut > headCut && head.includes('<sheetData') && end.includes('</sheetData>') && rowsInHead && cellsInHead) {
      return concatBytes([strToU8(patchHead(head, style, styles, fitToPage)), bytes.subarray(headCut, tailCut), strToU8(patchTail(end, tail))]);
    }
  }
  return strToU8(patchTail(patchHead(strFromU8(bytes), style, styles, fitToPage), tail));
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/** Adds a relationship to a part's relationships (created when absent); returns its id. */
function addRelationship(files: Record<string, Uint8Array>, part: string, type: string, target: string): string {
  const relsPart = relsPartOf(part);
  const existing = files[relsPart];
  if (!existing) {
    files[relsPart] = strToU8(relationshipsXml([{ id: 'rId1', type, target }]));
    return 'rId1';
  }
  const xml = strFromU8(existing);
  const ids = [...xml.matchAll(/\sId="rId(\d+)"/g)].map((m) => Number(m[1]));
  const id = `rId${Math.max(0, ...ids) + 1}`;
  files[relsPart] = strToU8(xml.replace('</Relationships>', `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/></Relationships>`));
  return id;
}

/** Adds `Override` content types for new parts to `[Content_Types].xml`. */
function addContentTypes(files: Record<string, Uint8Array>, overrides: { part: string; type: string }[]): void {
  const types = files['[Content_Types].xml'];
  if (!types) throw fail('[Content_Types].xml is missing');
  const entries = overrides.map((o) => `<Override PartName="/${o.part}" ContentType="${o.type}"/>`).join('');
  files['[Content_Types].xml'] = strToU8(strFromU8(types).replace('</Types>', `${entries}</Types>`));
}

/**
 * Writes the chart parts and the drawing of a sheet, relates them (sheet → drawing → charts),
 * declares their content types; returns the sheet's `<drawing>` element.
 */
function addCharts(files: Record<string, Uint8Array>, sheetPart: string, charts: { chart: WorkbookChart; anchor: ChartAnchor }[]): string | undefined {
  if (charts.length === 0) return undefined;
  const existing = Object.keys(files);
  const free = (make: (n: number) => string): string => {
    for (let n = 1; ; n += 1) if (!existing.includes(make(n))) return make(n);
  };
  const drawingPart = free((n) => `xl/drawings/drawing${n}.xml`);
  const chartParts: string[] = [];
  let next = 1;
  for (const { chart } of charts) {
    while (existing.includes(`xl/charts/chart${next}.xml`)) next += 1;
    const part = `xl/charts/chart${next}.xml`;
    next += 1;
    files[part] = strToU8(chartSpaceXml(chart));
    chartParts.push(part);
  }
  files[drawingPart] = strToU8(drawingXml(charts));
  files[relsPartOf(drawingPart)] = strToU8(
    relationshipsXml(chartParts.map((part, i) => ({ id: `rId${i + 1}`, type: CHART_RELATIONSHIP, target: `/${part}` }))),
  );
  addContentTypes(files, [{ part: drawingPart, type: DRAWING_CONTENT_TYPE }, ...chartParts.map((part) => ({ part, type: CHART_CONTENT_TYPE }))]);
  const id = addRelationship(files, sheetPart, DRAWING_RELATIONSHIP, `/${drawingPart}`);
  return `<drawing r:id="${id}"/>`;
}

/**
 * Bytes of a part deflated in one push, at most: a 5 MB sheet part pushed whole took 130–220 ms
 * in one block here; 256 KB slices take a few milliseconds each.
 */
const ZIP_SLICE_BYTES = 256 * 1024;

/** Zips the parts (deflate `level`), yielding through `checkpoint` between parts and between slices of a large part. */
async function zipParts(files: Record<string, Uint8Array>, level: number, checkpoint?: () => Promise<void>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const [name, data] of Object.entries(files)) {
    const entry = level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level: level as 1 });
    zip.add(entry);
    let at = 0;
    do {
      const end = Math.min(at + ZIP_SLICE_BYTES, data.length);
      entry.push(data.subarray(at, end), end === data.length);
      at = end;
      if (checkpoint) await checkpoint();
    } while (at < data.length);
  }
  zip.end();
  if (failure) throw fail(`zipping failed: ${String(failure)}`);
  return concatBytes(chunks);
}

/**
 * Adds header/title styles, wrapped cells, frozen rows, colour scales, page setup and charts to
 * an xlsx package written by SheetJS, and re-zips it (deflate `options.level`, default
 * `DEFLATE_LEVEL`), awaiting `options.checkpoint` between parts.
 */
export async function patchWorkbook(pkg: Uint8Array, patch: WorkbookPatch, options: PatchOptions = {}): Promise<Uint8Array> {
  const { checkpoint } = options;
  const files: Record<string, Uint8Array> = unzipSync(pkg);
  if (checkpoint) await checkpoint();
  const stylesBytes = files['xl/styles.xml'];
  if (!stylesBytes) throw fail('xl/styles.xml is missing');
  const styles = new StyleSheet(strFromU8(stylesBytes));
  const parts = listSheetParts(files);
  if (parts.length !== patch.sheets.length) throw fail(`${parts.length} sheets written, ${patch.sheets.length} styled`);
  const sheetNames = (strFromU8(files['xl/workbook.xml'] ?? new Uint8Array()).match(/<sheet\b[^>]*>/g) ?? []).map((tag) =>
    unescapeXml(getAttribute(tag, 'name') ?? ''),
  );

  const definedNames: SheetName[] = [];
  for (const [i, part] of parts.entries()) {
    const style = patch.sheets[i];
    const bytes = files[part];
    if (!style || !bytes) continue;
    const charts = patch.charts && patch.charts.sheet === i ? patch.charts.charts : [];
    const tail: TailPatch = {
      colorScales: style.colorScales,
      print: patch.page ? printElements(style.print, patch.page) : [],
    };
    const drawing = addCharts(files, part, charts);
    if (drawing) tail.drawing = drawing;
    const changes = style.headerRows.length + style.titleRows.length + style.wrapCells.length + style.frozenRows + style.colorScales.length + tail.print.length;
    if (changes > 0 || drawing) files[part] = patchSheetBytes(bytes, style, styles, tail, patch.page !== undefined);
    if (patch.page) {
      const titles = printTitlesRef(sheetNames[i] ?? '', style.print);
      const area = printAreaRef(sheetNames[i] ?? '', style.print);
      if (titles) definedNames.push({ name: '_xlnm.Print_Titles', sheetIndex: i, ref: titles });
      if (area) definedNames.push({ name: '_xlnm.Print_Area', sheetIndex: i, ref: area });
    }
    if (checkpoint) await checkpoint();
  }
  files['xl/styles.xml'] = strToU8(styles.serialize());
  const workbook = files['xl/workbook.xml'];
  if (workbook) files['xl/workbook.xml'] = strToU8(addDefinedNames(fixFilterDatabaseNames(strFromU8(workbook)), definedNames));
  return zipParts(files, options.level ?? DEFLATE_LEVEL, checkpoint);
}
