import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import {
  addColorScales,
  addDefinedNames,
  fixFilterDatabaseNames,
  freezeRows,
  insertWorksheetElement,
  patchWorkbook,
  restyleRow,
  setAttribute,
  setFitToPage,
} from '../../../src/export/xlsx/patch';
import { createPrintSetup } from '../../../src/export/xlsx/print';
import type { SheetStyle } from '../../../src/export/xlsx/sheet-grid';

/** A sheet style with only the given parts. */
function style(parts: Partial<SheetStyle>): SheetStyle {
  return { headerRows: [], titleRows: [], frozenRows: 0, colorScales: [], wrapCells: [], print: createPrintSetup(), ...parts };
}
import { checkWellFormed } from './xml-check';

const HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** Top-level child element names of a worksheet, in order. */
function childOrder(xml: string): string[] {
  const body = xml.replace(/^[\s\S]*?<worksheet\b[^>]*>/, '').replace(/<\/worksheet>\s*$/, '');
  const names: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:]*)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (close) depth -= 1;
    else {
      if (depth === 0) names.push(name ?? '');
      if (!self) depth += 1;
    }
  }
  return names;
}

describe('setAttribute', () => {
  it('replaces an attribute or adds it before the tag end', () => {
    expect(setAttribute('<c r="A1" s="3">', 's', '9')).toBe('<c r="A1" s="9">');
    expect(setAttribute('<c r="A1" t="s">', 's', '9')).toBe('<c r="A1" t="s" s="9">');
    expect(setAttribute('<xf numFmtId="0"/>', 'fontId', '1')).toBe('<xf numFmtId="0" fontId="1"/>');
    // `xfId` must not be mistaken for `fId`-like suffixes of another name.
    expect(setAttribute('<xf xfId="0" fontId="0"/>', 'fontId', '2')).toBe('<xf xfId="0" fontId="2"/>');
  });
});

describe('fixFilterDatabaseNames', () => {
  it('doubles apostrophes of the sheet name and hides the name, leaving others alone', () => {
    const xml =
      '<workbook><sheets><sheet name="Overview" sheetId="1" r:id="rId1"/><sheet name="Bob&apos;s &amp; co" sheetId="2" r:id="rId2"/></sheets>' +
      '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="1">&apos;Bob&apos;s &amp; co&apos;!A1:C9</definedName>' +
      '<definedName name="Other">Overview!A1</definedName></definedNames></workbook>';
    const out = fixFilterDatabaseNames(xml);
    expect(out).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">&apos;Bob&apos;&apos;s &amp; co&apos;!A1:C9</definedName>');
    expect(out).toContain('<definedName name="Other">Overview!A1</definedName>');
    expect(checkWellFormed(out.replace(/r:id/g, 'rid'))).toEqual([]);
  });
});

describe('restyleRow', () => {
  it('styles every cell of the given row and no other', () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2" t="s"><v>1</v></c></row><row r="11"><c r="A11"><v>1</v></c></row></sheetData>';
    const out = restyleRow(xml, 1, (s) => s + 10);
    expect(out).toContain('<c r="A1" t="s" s="10">');
    expect(out).toContain('<c r="B1" s="12" t="s">');
    expect(out).toContain('<c r="A11"><v>1</v></c>');
    expect(restyleRow(xml, 5, () => 1)).toBe(xml);
  });
});

describe('freezeRows', () => {
  it('replaces the sheet view, keeping its attributes', () => {
    const xml = `${HEAD}<dimension ref="A1:B2"/><sheetViews><sheetView rightToLeft="1" workbookViewId="0"/></sheetViews><sheetData/></worksheet>`;
    const out = freezeRows(xml, 1);
    expect(out).toContain('<sheetViews><sheetView rightToLeft="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(childOrder(out)).toEqual(['dimension', 'sheetViews', 'sheetData']);
    expect(checkWellFormed(out)).toEqual([]);
  });

  it('inserts the sheet view after dimension when there is none', () => {
    const xml = `${HEAD}<sheetPr/><dimension ref="A1:B2"/><cols><col min="1" max="1" width="9"/></cols><sheetData/></worksheet>`;
    const out = freezeRows(xml, 2);
    expect(out).toContain('topLeftCell="A3"');
    expect(childOrder(out)).toEqual(['sheetPr', 'dimension', 'sheetViews', 'cols', 'sheetData']);
    expect(checkWellFormed(out)).toEqual([]);
  });

  it('inserts right after the root when there is neither', () => {
    const out = freezeRows(`${HEAD}<sheetData/></worksheet>`, 1);
    expect(childOrder(out)).toEqual(['sheetViews', 'sheetData']);
  });
});

describe('addColorScales', () => {
  it('places conditional formatting after autoFilter and before ignoredErrors/pageMargins', () => {
    const xml = `${HEAD}<dimension ref="A1:N3"/><sheetData><row r="1"/></sheetData><autoFilter ref="A1:N3"/><pageMargins left="0.7"/><ignoredErrors><ignoredError sqref="A1"/></ignoredErrors></worksheet>`;
    const out = addColorScales(xml, ['B2:M3']);
    expect(childOrder(out)).toEqual(['dimension', 'sheetData', 'autoFilter', 'conditionalFormatting', 'pageMargins', 'ignoredErrors']);
    expect(out).toContain('<conditionalFormatting sqref="B2:M3"><cfRule type="colorScale" priority="1"><colorScale><cfvo type="min"/><cfvo type="num" val="0"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FFFFFFFF"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>');
    expect(checkWellFormed(out)).toEqual([]);
  });

  it('appends at the end when nothing must follow, with distinct priorities', () => {
    const out = addColorScales(`${HEAD}<sheetData/></worksheet>`, ['A1:A2', 'C1:C2']);
    expect(childOrder(out)).toEqual(['sheetData', 'conditionalFormatting', 'conditionalFormatting']);
    expect(out).toContain('priority="2"');
    expect(addColorScales(`${HEAD}<sheetData/></worksheet>`, [])).toBe(`${HEAD}<sheetData/></worksheet>`);
  });
});

describe('insertWorksheetElement', () => {
  it('puts print elements and the drawing where CT_Worksheet orders them, replacing a previous one', () => {
    let xml = `${HEAD}<dimension ref="A1"/><sheetData/><autoFilter ref="A1:B2"/><ignoredErrors/></worksheet>`;
    xml = insertWorksheetElement(xml, 'drawing', '<drawing r:id="rId1"/>');
    xml = insertWorksheetElement(xml, 'pageSetup', '<pageSetup orientation="portrait"/>');
    xml = insertWorksheetElement(xml, 'pageMargins', '<pageMargins left="0.5"/>');
    xml = insertWorksheetElement(xml, 'headerFooter', '<headerFooter/>');
    xml = insertWorksheetElement(xml, 'pageSetup', '<pageSetup orientation="landscape"/>');
    expect(childOrder(xml)).toEqual(['dimension', 'sheetData', 'autoFilter', 'pageMargins', 'pageSetup', 'headerFooter', 'ignoredErrors', 'drawing']);
    expect(xml).toContain('<pageSetup orientation="landscape"/>');
    expect(xml).not.toContain('portrait');
    expect(() => insertWorksheetElement(xml, 'nonsense', '<x/>')).toThrow(/unknown worksheet element/);
  });
});

describe('setFitToPage', () => {
  it('adds the sheet properties first, or the page setup properties as their last child', () => {
    expect(childOrder(setFitToPage(`${HEAD}<dimension ref="A1"/><sheetData/></worksheet>`))).toEqual(['sheetPr', 'dimension', 'sheetData']);
    expect(setFitToPage(`${HEAD}<sheetPr codeName="S"/><sheetData/></worksheet>`)).toContain('<sheetPr codeName="S"><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(setFitToPage(`${HEAD}<sheetPr><tabColor rgb="FF0000FF"/></sheetPr><sheetData/></worksheet>`)).toContain('<tabColor rgb="FF0000FF"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(setFitToPage(`${HEAD}<sheetPr><pageSetUpPr autoPageBreaks="0"/></sheetPr><sheetData/></worksheet>`)).toContain('<pageSetUpPr autoPageBreaks="0" fitToPage="1"/>');
  });
});

describe('addDefinedNames', () => {
  it('adds sheet-local names to the defined names, creating them after the sheets', () => {
    const names = [{ name: '_xlnm.Print_Titles', sheetIndex: 1, ref: "'Bob''s'!$1:$1" }];
    const created = addDefinedNames('<workbook><sheets><sheet name="A"/></sheets><calcPr/></workbook>', names);
    expect(created).toBe('<workbook><sheets><sheet name="A"/></sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;Bob&apos;&apos;s&apos;!$1:$1</definedName></definedNames><calcPr/></workbook>');
    const added = addDefinedNames('<workbook><sheets/><definedNames><definedName name="x">A!A1</definedName></definedNames></workbook>', names);
    expect(added).toContain('<definedName name="x">A!A1</definedName><definedName name="_xlnm.Print_Titles"');
  });
});

describe('patchWorkbook on a SheetJS package', () => {
  function writeBare(): Uint8Array {
    const ws: XLSX.WorkSheet = {
      A1: { t: 's', v: 'date' }, B1: { t: 's', v: 'value' },
      A2: { t: 'n', v: 45292, z: 'yyyy-mm-dd' }, B2: { t: 'n', v: 1.5, z: '0.00' },
      '!ref': 'A1:B2', '!autofilter': { ref: 'A1:B2' },
    };
    const ws2: XLSX.WorkSheet = { A1: { t: 's', v: 'Title' }, A2: { t: 'n', v: 3, z: '0.00' }, '!ref': 'A1:A2' };
    const wb: XLSX.WorkBook = { SheetNames: ['One', 'Two'], Sheets: { One: ws, Two: ws2 } };
    return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST: true, compression: false }) as ArrayBuffer);
  }

  it('adds a bold filled header format, a bold title format, frozen rows and keeps counts right', async () => {
    const out = await patchWorkbook(writeBare(), {
      sheets: [style({ headerRows: [1], frozenRows: 1, colorScales: ['B2:B2'] }), style({ headerRows: [2], titleRows: [1] })],
    });
    const files = unzipSync(out);
    const styles = strFromU8(files['xl/styles.xml'] as Uint8Array);
    for (const [collection, item] of [['fonts', 'font'], ['fills', 'fill'], ['cellXfs', 'xf']] as const) {
      const block = new RegExp(`<${collection} count="(\\d+)">([\\s\\S]*?)</${collection}>`).exec(styles);
      expect(block).not.toBeNull();
      const items = (block?.[2] ?? '').match(new RegExp(`<${item}[\\s/>]`, 'g')) ?? [];
      expect(Number(block?.[1])).toBe(items.length);
    }
    const fonts = /<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '';
    const fontList = fonts.match(/<font\b[\s\S]*?<\/font>/g) ?? [];
    const xfs = (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').match(/<xf\b[^>]*>/g) ?? [];
    const fills = (/<fills[^>]*>([\s\S]*?)<\/fills>/.exec(styles)?.[1] ?? '').match(/<fill>[\s\S]*?<\/fill>/g) ?? [];

    const one = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    const headerS = [...one.matchAll(/<c r="[AB]1"[^>]*\ss="(\d+)"/g)].map((m) => Number(m[1]));
    expect(headerS).toHaveLength(2);
    const headerXf = xfs[headerS[0] ?? -1] ?? '';
    const fontId = Number(/fontId="(\d+)"/.exec(headerXf)?.[1]);
    const fillId = Number(/fillId="(\d+)"/.exec(headerXf)?.[1]);
    expect(fontList[fontId]).toContain('<b/>');
    expect(fills[fillId]).toContain('patternType="solid"');
    expect(headerXf).toContain('applyFill="1"');
    // Data cells keep their number formats.
    expect(one).toMatch(/<c r="A2" s="(\d+)"/);
    expect(one).toContain('state="frozen"');
    expect(childOrder(one)).toEqual(['dimension', 'sheetViews', 'sheetData', 'autoFilter', 'conditionalFormatting', 'ignoredErrors']);

    const two = strFromU8(files['xl/worksheets/sheet2.xml'] as Uint8Array);
    const titleS = Number(/<c r="A1"[^>]*\ss="(\d+)"/.exec(two)?.[1]);
    const titleXf = xfs[titleS] ?? '';
    expect(fontList[Number(/fontId="(\d+)"/.exec(titleXf)?.[1])]).toContain('<b/>');
    expect(titleXf).toContain('fillId="0"');
    // A header over a number keeps that number's format id.
    const numS = Number(/<c r="A2"[^>]*\ss="(\d+)"/.exec(two)?.[1]);
    const numXf = xfs[numS] ?? '';
    expect(/numFmtId="(\d+)"/.exec(numXf)?.[1]).toBe('2');
    expect(two).not.toContain('<pane');

    for (const [name, data] of Object.entries(files)) {
      if (name.endsWith('.xml') || name.endsWith('.rels')) expect([name, checkWellFormed(strFromU8(data))]).toEqual([name, []]);
    }
    // SheetJS still reads every value.
    const back = XLSX.read(out, { type: 'array' });
    expect(back.Sheets['One']?.['B2']?.v).toBe(1.5);
  });

  it('wraps the given cells top-aligned, keeping their number formats', async () => {
    const out = await patchWorkbook(writeBare(), { sheets: [style({ wrapCells: ['B2'] }), style({})] });
    const files = unzipSync(out);
    const styles = strFromU8(files['xl/styles.xml'] as Uint8Array);
    const xfs = (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
    const one = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    const s = Number(/<c r="B2"[^>]*\ss="(\d+)"/.exec(one)?.[1]);
    expect(xfs[s]).toMatch(/^<xf [^>]*numFmtId="2"[^>]*applyAlignment="1"[^>]*><alignment vertical="top" wrapText="1"\/><\/xf>$/);
    expect(checkWellFormed(styles)).toEqual([]);
  });

  it('patches only the head and tail of a large sheet and keeps every byte between intact', async () => {
    const ws: XLSX.WorkSheet = { '!ref': 'A1:B4001' };
    ws['A1'] = { t: 's', v: 'asset' };
    ws['B1'] = { t: 's', v: 'value' };
    for (let r = 2; r <= 4001; r += 1) {
      // Multi-byte text inline (no shared strings) so the cut lands among UTF-8 sequences.
      ws[`A${r}`] = { t: 's', v: `ЭФИР 比特币 ${r}` };
      ws[`B${r}`] = { t: 'n', v: r / 7 };
    }
    const wb: XLSX.WorkBook = { SheetNames: ['Big'], Sheets: { Big: ws } };
    const raw = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST: false, compression: false }) as ArrayBuffer);
    const before = strFromU8(unzipSync(raw)['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(new TextEncoder().encode(before).length).toBeGreaterThan(200_000);
    const print = { ...createPrintSetup(), landscape: true, titleRows: [1, 1] as [number, number], gridLines: true };
    const out = await patchWorkbook(raw, { sheets: [style({ headerRows: [1], frozenRows: 1, print })], page: { title: 'T & Co', generatedAt: 'now', app: 'A' } });
    const after = strFromU8(unzipSync(out)['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(checkWellFormed(after)).toEqual([]);
    expect(after).toContain('state="frozen"');
    expect(after).toMatch(/<c r="A1"[^>]*\ss="\d+"/);
    expect(childOrder(after)).toEqual(['sheetPr', 'dimension', 'sheetViews', 'sheetData', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'ignoredErrors']);
    expect(after).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(after).toContain('<oddHeader>&amp;LT &amp;&amp; Co&amp;R&amp;A</oddHeader>');
    // Every row from the second to the last is unchanged.
    const rows = (xml: string): string => xml.slice(xml.indexOf('<row r="2"'), xml.indexOf('</sheetData>'));
    expect(rows(after)).toBe(rows(before));
    const back = XLSX.read(out, { type: 'array' });
    expect(back.Sheets['Big']?.['A4001']?.v).toBe('ЭФИР 比特币 4001');
  });

  it('refuses a plan that does not match the sheets', async () => {
    await expect(patchWorkbook(writeBare(), { sheets: [] })).rejects.toThrow(/2 sheets written, 0 styled/);
  });

  it('refuses a package without styles', async () => {
    const broken = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
    await expect(patchWorkbook(broken, { sheets: [] })).rejects.toThrow(/styles/);
  });

  it('yields through the checkpoint between parts and stops when it throws', async () => {
    let calls = 0;
    await patchWorkbook(writeBare(), { sheets: [style({}), style({})] }, { checkpoint: async () => { calls += 1; } });
    expect(calls).toBeGreaterThan(5);
    const stop = async (): Promise<void> => { throw new Error('stopped'); };
    await expect(patchWorkbook(writeBare(), { sheets: [style({}), style({})] }, { checkpoint: stop })).rejects.toThrow('stopped');
  });

  it('deflates a large part in slices, a checkpoint after each, into the same part', async () => {
    // One sheet of ~3 MB of cells: about a dozen 256 KB slices.
    const rows = Array.from({ length: 40_000 }, (_, i) => [`row ${i} ${'x'.repeat(20)}`, i * 1.5, i]);
    const ws = XLSX.utils.aoa_to_sheet(rows);
    const pkg = new Uint8Array(XLSX.write({ SheetNames: ['Big'], Sheets: { Big: ws } }, { type: 'array', bookType: 'xlsx', bookSST: false, compression: false }) as ArrayBuffer);
    const part = unzipSync(pkg)['xl/worksheets/sheet1.xml']!;
    expect(part.length).toBeGreaterThan(2_500_000);
    const parts = Object.keys(unzipSync(pkg)).length;
    let calls = 0;
    const out = await patchWorkbook(pkg, { sheets: [style({})] }, { checkpoint: async () => { calls += 1; } });
    expect(calls).toBeGreaterThanOrEqual(parts + Math.floor(part.length / (256 * 1024)));
    expect(Buffer.from(unzipSync(out)['xl/worksheets/sheet1.xml']!).equals(Buffer.from(part))).toBe(true);
  });
});
