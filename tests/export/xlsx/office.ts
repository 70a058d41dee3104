/**
 * LibreOffice and poppler for the workbook tests: convert a workbook (to CSV sheet by sheet, or
 * to PDF), with or without recalculating its formulas on load, and look at a rendered page's
 * pixels. Both are Debian packages that .ci/run installs; a missing one fails the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { requireCommand } from '../../support/tools';

const soffice = requireCommand(['soffice', 'libreoffice'], 'libreoffice-calc-nogui');
const pdftoppm = requireCommand(['pdftoppm'], 'poppler-utils');
const pdfinfo = requireCommand(['pdfinfo'], 'poppler-utils');

/**
 * A LibreOffice user profile in `dir`; `recalculate` makes it recalculate every formula of an
 * xlsx file on load (by default it trusts the cached values, as Excel's viewers do).
 */
export function createProfile(dir: string, recalculate: boolean): string {
  mkdirSync(join(dir, 'user'), { recursive: true });
  // OOXMLRecalcMode 0: always recalculate; 1: never (LibreOffice's default is to ask, i.e. never headless).
  const mode = recalculate ? 0 : 1;
  writeFileSync(
    join(dir, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item></oor:items>\n`,
  );
  return dir;
}

/** Converts `file` with a LibreOffice filter into `outDir`, in the given profile. */
export function convertWith(profile: string, file: string, filter: string, outDir: string): void {
  execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, file], {
    timeout: 240_000,
    stdio: 'ignore',
  });
}

/** Converts every sheet to CSV (`<name>-<sheet>.csv`); `shown` keeps cell text as formatted. */
export function convertToCsv(profile: string, file: string, outDir: string, shown: boolean): void {
  convertWith(profile, file, `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${shown},false,false,-1`, outDir);
}

/** A CSV file LibreOffice wrote, as rows of fields. */
export function readCsv(path: string): string[][] {
  return Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: false }).data;
}

/** Pages of a PDF. */
export function countPdfPages(pdf: string): number {
  const info = execFileSync(pdfinfo, [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** A page rendered as RGB pixels. */
export interface Raster {
  width: number;
  height: number;
  /** `width × height × 3` bytes, row by row. */
  rgb: Uint8Array;
}

/** Renders one page (one-based) of a PDF at `dpi` with pdftoppm (binary PPM, parsed here). */
export function renderPdfPage(pdf: string, page: number, dpi: number): Raster {
  const ppm = execFileSync(pdftoppm, ['-r', String(dpi), '-f', String(page), '-l', String(page), pdf], { maxBuffer: 256 * 1024 * 1024 });
  // P6 <width> <height> <maxval>\n<bytes>
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, rgb: new Uint8Array(ppm.subarray(header[0].length, header[0].length + width * height * 3)) };
}

/** Pixels within `tolerance` (per channel) of the colour `RRGGBB`. */
export function countColour(raster: Raster, hex: string, tolerance = 40): number {
  const target = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < raster.rgb.length; i += 3) {
    if (
      Math.abs((raster.rgb[i] ?? 0) - (target[0] ?? 0)) <= tolerance &&
      Math.abs((raster.rgb[i + 1] ?? 0) - (target[1] ?? 0)) <= tolerance &&
      Math.abs((raster.rgb[i + 2] ?? 0) - (target[2] ?? 0)) <= tolerance
    ) {
      count += 1;
    }
  }
  return count;
}
