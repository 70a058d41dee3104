/** Reading our own workbooks back in tests (SheetJS for cells, fflate for the raw XML parts). */
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { listSheetParts } from '../../../src/export/xlsx/patch';

/** The workbook parsed by SheetJS with number formats and formulas kept. */
export function readWorkbook(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'array', cellNF: true, cellFormula: true });
}

/** Every part of the package as text (binary parts included as latin-1; we write none). */
export function readParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** The worksheet XML of each sheet, by sheet name. */
export function readSheetXml(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  const names = (strFromU8(files['xl/workbook.xml'] ?? new Uint8Array()).match(/<sheet\b[^>]*>/g) ?? []).map(
    (tag) => /name="([^"]*)"/.exec(tag)?.[1] ?? '',
  );
  const parts = listSheetParts(files);
  return Object.fromEntries(parts.map((part, i) => [names[i] ?? '', strFromU8(files[part] ?? new Uint8Array())]));
}

/** A cell of a sheet (throws when absent, so tests fail with the address). */
export function getCell(sheet: XLSX.WorkSheet | undefined, ref: string): XLSX.CellObject {
  const cell = sheet?.[ref] as XLSX.CellObject | undefined;
  if (!cell) throw new Error(`cell ${ref} is empty`);
  return cell;
}
