/**
 * Writing the workbook: Overview, one sheet per report section, Metadata; SheetJS (loaded on
 * first use) writes the package, `patch.ts` adds the styling SheetJS CE cannot.
 */
import type { WorkBook } from 'xlsx';
import { throwIfAborted } from '../../errors';
import type { Report } from '../../report/model.types';
import type { WriteContext } from '../writer.types';
import { buildMetadataSheet } from './metadata-sheet';
import { buildOverviewSheet } from './overview';
import { DEFLATE_LEVEL, patchWorkbookParts } from './patch';
import { zipFilesYielding } from '../zip';
import { buildSectionSheet, type BuiltSheet } from './section-sheet';
import { createSheetNamer } from './sheet-names';

/** The workbook's bytes and the data rows written (headers excluded). */
export interface WorkbookBytes {
  bytes: Uint8Array;
  rows: number;
}

/** Lets a pending abort (a message to the worker, a click) be seen between sheets. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Lays out every sheet of a report, in workbook order, without loading SheetJS: Overview,
 * one per section (named from its title under Excel's rules), Metadata.
 */
export async function layoutSheets(report: Report, context: WriteContext = {}): Promise<BuiltSheet[]> {
  const { signal, onProgress } = context;
  const name = createSheetNamer();
  // Overview and Metadata are named first so a section titled "Overview" gets "Overview (2)".
  const overviewName = name('Overview');
  const metadataName = name('Metadata');
  const warnings: string[] = [];
  const sectionSheets: BuiltSheet[] = [];
  const steps = report.sections.length + 3;
  for (const [i, section] of report.sections.entries()) {
    throwIfAborted(signal);
    onProgress?.({ fraction: i / steps, stage: `Sheet ${section.title}` });
    sectionSheets.push(await buildSectionSheet(section, name(section.title), warnings, signal, context.checkpoint));
    await (context.checkpoint?.() ?? yieldToEventLoop());
  }
  throwIfAborted(signal);
  const layouts = sectionSheets.flatMap((s) => s.tables);
  const overview = buildOverviewSheet(report, overviewName, layouts);
  const metadata = buildMetadataSheet(report, metadataName, warnings);
  return [overview, ...sectionSheets, metadata];
}

/**
 * The `.xlsx` bytes of a report. Honours `context.signal` between sheets and reports progress.
 *
 * @example const { bytes } = await writeWorkbook(report, { onProgress: console.log });
 */
export async function writeWorkbook(report: Report, context: WriteContext = {}): Promise<WorkbookBytes> {
  const { signal, onProgress } = context;
  const sheets = await layoutSheets(report, context);
  const steps = report.sections.length + 3;
  throwIfAborted(signal);
  onProgress?.({ fraction: (steps - 2) / steps, stage: 'Writing workbook' });
  const XLSX = await import('xlsx');
  const created = new Date(report.meta.generatedAt);
  const workbook: WorkBook = {
    SheetNames: sheets.map((s) => s.name),
    Sheets: Object.fromEntries(sheets.map((s) => [s.name, s.sheet])),
    Props: {
      Title: report.meta.title,
      Subject: report.meta.subtitle ?? report.meta.run?.strategyLabel ?? report.meta.title,
      Author: report.meta.options.author ?? report.meta.app.name,
      Company: report.meta.app.name,
      // An instant (UTC), so no time zone is involved; left out when the report's is unreadable.
      ...(Number.isNaN(created.getTime()) ? {} : { CreatedDate: created }),
    },
  };
  // Stored (not deflated) here: the patch step re-zips everything once with fflate. Type `buffer`
  // gives bytes directly (a Buffer in Node, a Uint8Array in browsers); `array` would go through
  // a binary string and cost more than the writing itself.
  await context.checkpoint?.();
  // One synchronous SheetJS call (~3 µs a cell): in a page it runs in the export worker.
  const written = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: false }) as Uint8Array;
  throwIfAborted(signal);
  await context.checkpoint?.();
  onProgress?.({ fraction: (steps - 1) / steps, stage: 'Styling workbook' });
  const parts = patchWorkbookParts(written, { sheets: sheets.map((s) => s.style) });
  await context.checkpoint?.();
  const bytes = await zipFilesYielding(parts, DEFLATE_LEVEL, context.checkpoint, Number.isNaN(created.getTime()) ? new Date() : created);
  onProgress?.({ fraction: 1, stage: 'Done' });
  return { bytes, rows: sheets.reduce((sum, s) => sum + s.dataRows, 0) };
}
