/**
 * What SheetJS CE cannot write, added to the package it wrote: a bold, filled header style and a
 * bold title style (xl/styles.xml), `s` attributes on those rows' cells, frozen rows
 * (`<sheetViews>`), and red–white–green colour scales (`<conditionalFormatting>`); plus one fix
 * of SheetJS's output (autofilter names of sheets with an apostrophe). Elements are
 * inserted where the OOXML schema (CT_Worksheet) puts them, so Excel opens the file without a
 * repair prompt. Pure string surgery on the few parts that need it; everything else is copied.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { BackfolioError } from '../../errors';
import type { SheetStyle } from './sheet-grid';

/** Styling of every sheet, in workbook order. */
export interface WorkbookPatch {
  sheets: SheetStyle[];
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

/** Worksheet children that come after `conditionalFormatting` in CT_Worksheet. */
const AFTER_CONDITIONAL_FORMATTING = [
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter',
  'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags',
  'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls',
  'webPublishItems', 'tableParts', 'extLst',
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

  /** The index of a format like `base` but bold (and filled when `filled`), created once. */
  derive(base: number, filled: boolean): number {
    const key = `${base}:${filled}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    const source = this.xfs[base] ?? this.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    let xf = source.replace(/^<xf\b[^>]*>/, (tag) => {
      let t = setAttribute(tag, 'fontId', String(this.boldFont));
      t = setAttribute(t, 'applyFont', '1');
      if (filled) {
        t = setAttribute(t, 'fillId', String(this.headerFill));
        t = setAttribute(t, 'applyFill', '1');
      }
      return t;
    });
    if (!xf.startsWith('<xf')) xf = source;
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
  // Insert before the first element that must follow conditionalFormatting, else at the end.
  const sheetDataEnd = xml.indexOf('</sheetData>');
  let at = -1;
  for (const name of AFTER_CONDITIONAL_FORMATTING) {
    const found = findElement(xml, name, sheetDataEnd < 0 ? 0 : sheetDataEnd);
    if (found && (at < 0 || found.start < at)) at = found.start;
  }
  if (at < 0) at = xml.lastIndexOf('</worksheet>');
  if (at < 0) throw fail('worksheet end tag not found');
  return xml.slice(0, at) + blocks + xml.slice(at);
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
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

/** Applies a sheet's styling to its XML text. */
function patchSheetXml(xml: string, style: SheetStyle, styles: StyleSheet): string {
  let out = xml;
  for (const row of style.headerRows) out = restyleRow(out, row, (s) => styles.derive(s, true));
  for (const row of style.titleRows) out = restyleRow(out, row, (s) => styles.derive(s, false));
  if (style.frozenRows > 0) out = freezeRows(out, style.frozenRows);
  return addColorScales(out, style.colorScales);
}

/** Bytes decoded at first when only the top of a sheet needs changes. */
const HEAD_BYTES = 64 * 1024;

/**
 * Applies a sheet's styling, decoding only the head of a large sheet when every change lies
 * there (header and title rows near the top, sheet views; no colour scale at the end): the
 * megabytes of rows below are copied as bytes. The cut falls just after a `>`, which never
 * occurs inside a multi-byte UTF-8 sequence.
 */
function patchSheetBytes(bytes: Uint8Array, style: SheetStyle, styles: StyleSheet): Uint8Array {
  const lastRow = Math.max(0, ...style.headerRows, ...style.titleRows);
  if (style.colorScales.length === 0 && bytes.length > HEAD_BYTES) {
    const cut = bytes.lastIndexOf(0x3e, HEAD_BYTES) + 1;
    const head = strFromU8(bytes.subarray(0, cut));
    const rowStart = lastRow === 0 ? head.indexOf('<sheetData') : head.search(new RegExp(`<row\\b[^>]*?\\sr="${lastRow}"`));
    if (cut > 0 && rowStart >= 0 && (lastRow === 0 || head.indexOf('</row>', rowStart) >= 0)) {
      const patched = strToU8(patchSheetXml(head, style, styles));
      const out = new Uint8Array(patched.length + bytes.length - cut);
      out.set(patched, 0);
      out.set(bytes.subarray(cut), patched.length);
      return out;
    }
  }
  return strToU8(patchSheetXml(strFromU8(bytes), style, styles));
}

/**
 * Adds header/title styles, frozen rows and colour scales to an xlsx package written by SheetJS,
 * and re-zips it (deflate `level`, default `DEFLATE_LEVEL`).
 */
export function patchWorkbook(
  pkg: Uint8Array,
  patch: WorkbookPatch,
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = DEFLATE_LEVEL,
): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(patchWorkbookParts(pkg, patch))) zippable[name] = [data, { level }];
  return zipSync(zippable);
}

/** The parts of an xlsx package written by SheetJS, styled (`patchWorkbook` without the re-zip). */
export function patchWorkbookParts(pkg: Uint8Array, patch: WorkbookPatch): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = unzipSync(pkg);
  const stylesBytes = files['xl/styles.xml'];
  if (!stylesBytes) throw fail('xl/styles.xml is missing');
  const styles = new StyleSheet(strFromU8(stylesBytes));
  const parts = listSheetParts(files);
  if (parts.length !== patch.sheets.length) throw fail(`${parts.length} sheets written, ${patch.sheets.length} styled`);

  parts.forEach((part, i) => {
    const style = patch.sheets[i];
    const bytes = files[part];
    if (!style || !bytes) return;
    if (style.headerRows.length + style.titleRows.length + style.frozenRows + style.colorScales.length === 0) return;
    files[part] = patchSheetBytes(bytes, style, styles);
  });
  files['xl/styles.xml'] = strToU8(styles.serialize());
  const workbook = files['xl/workbook.xml'];
  if (workbook) files['xl/workbook.xml'] = strToU8(fixFilterDatabaseNames(strFromU8(workbook)));
  return files;
}
