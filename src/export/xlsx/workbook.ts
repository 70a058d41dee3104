/**
 * Writing the workbook: Overview, one sheet per report section, Metadata; SheetJS (loaded on
 * first use) writes the package, `patch.ts` adds what SheetJS CE cannot (styles, frozen panes,
 * page setup, the Overview's native charts).
 */
import type { WorkBook } from 'xlsx';
import type { Report } from '../../report/model.types';
import { createCheckpoint } from '../checkpoint';
import type { WriteContext } from '../writer.types';
import { buildMetadataSheet } from './metadata-sheet';
import { buildOverviewSheet, type OverviewSheet } from './overview';
import { planOverviewCharts } from './overview-charts';
import { patchWorkbook } from './patch';
import { buildSectionSheet, type BuiltSheet } from './section-sheet';
import { createSheetNamer } from './sheet-names';

/** The workbook's bytes, the data rows written (headers excluded) and the writer's warnings. */
export interface WorkbookBytes {
  bytes: Uint8Array;
  rows: number;
  /** Cells changed to fit Excel (text cut, dates before 1900 as text), as on the Metadata sheet. */
  warnings: string[];
}

/** The laid-out sheets in workbook order (Overview first, Metadata last) and the Overview's charts. */
export interface WorkbookLayout {
  sheets: BuiltSheet[];
  overview: OverviewSheet;
  /** The writer's own warnings (listed on the Metadata sheet after the report's). */
  warnings: string[];
}

/** The context's checkpoint, or one over its signal when the caller gave none (direct calls, tests). */
function checkpointOf(context: WriteContext): () => Promise<void> {
  return context.checkpoint ?? createCheckpoint(context.signal);
}

/**
 * Lays out every sheet of a report, in workbook order, without loading SheetJS: Overview,
 * one per section (named from its title under Excel's rules), Metadata.
 */
export async function layoutWorkbook(report: Report, context: WriteContext = {}): Promise<WorkbookLayout> {
  const { onProgress } = context;
  const checkpoint = checkpointOf(context);
  const name = createSheetNamer();
  // Overview and Metadata are named first so a section titled "Overview" gets "Overview (2)".
  const overviewName = name('Overview');
  const metadataName = name('Metadata');
  const warnings: string[] = [];
  const sectionSheets: BuiltSheet[] = [];
  const steps = report.sections.length + 3;
  // Host tables show their labels in the header row; backtest sheets their keys, like the CSV files.
  const headerLabels = report.meta.run === undefined;
  for (const [i, section] of report.sections.entries()) {
    await checkpoint();
    onProgress?.({ fraction: i / steps, stage: `Sheet ${section.title}` });
    sectionSheets.push(await buildSectionSheet(section, name(section.title), { warnings, checkpoint, headerLabels }));
  }
  await checkpoint();
  const layouts = sectionSheets.flatMap((s) => s.tables);
  onProgress?.({ fraction: (steps - 3) / steps, stage: 'Overview and Metadata' });
  // Chart caches, key-figure formulas and the Metadata sheet each read whole tables: one step each.
  const charts = planOverviewCharts(report, layouts);
  await checkpoint();
  const overview = buildOverviewSheet(report, overviewName, layouts, charts);
  await checkpoint();
  const metadata = buildMetadataSheet(report, metadataName, warnings);
  return { sheets: [overview, ...sectionSheets, metadata], overview, warnings };
}

/** The laid-out sheets of a report in workbook order (see `layoutWorkbook`). */
export async function layoutSheets(report: Report, context: WriteContext = {}): Promise<BuiltSheet[]> {
  return (await layoutWorkbook(report, context)).sheets;
}

/**
 * The `.xlsx` bytes of a report. Yields through `context.checkpoint` (stopping on abort) between
 * sheets, blocks of rows and packaging steps, and reports progress.
 *
 * @example const { bytes } = await writeWorkbook(report, { onProgress: console.log });
 */
export async function writeWorkbook(report: Report, context: WriteContext = {}): Promise<WorkbookBytes> {
  const { onProgress } = context;
  const checkpoint = checkpointOf(context);
  const { sheets, overview, warnings } = await layoutWorkbook(report, { ...context, checkpoint });
  const steps = report.sections.length + 3;
  await checkpoint();
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
  const written = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: false }) as Uint8Array;
  await checkpoint();
  onProgress?.({ fraction: (steps - 1) / steps, stage: 'Styling workbook' });
  const bytes = await patchWorkbook(
    written,
    {
      sheets: sheets.map((s) => s.style),
      charts: { sheet: 0, charts: overview.charts },
      page: { title: report.meta.title, generatedAt: report.meta.generatedAt, app: `${report.meta.app.name} ${report.meta.app.version}` },
    },
    { checkpoint },
  );
  onProgress?.({ fraction: 1, stage: 'Done' });
  return { bytes, rows: sheets.reduce((sum, s) => sum + s.dataRows, 0), warnings };
}
