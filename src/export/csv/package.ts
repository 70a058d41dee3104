/**
 * Streaming the CSV package: one `<table id>.csv` per report table, in report order, then
 * `metadata.json`. Rows are formatted and pushed in batches (never one string per file), so
 * 100,000+ trades do not need several copies in memory; row counts and SHA-256 are taken while
 * streaming. Usable by the browser writer (collecting chunks) and by a command-line tool (writing
 * chunks to a file as they come).
 */
import { BackfolioError, throwIfAborted } from '../../errors';
import type { Report, ReportTable } from '../../report/model.types';
import type { ExportProgress, FormulaGuard } from '../writer.types';
import { createZipStream } from '../zip';
import { formatHeader, formatRows, UTF8_BOM } from './encode';
import { buildPackageMetadata, serializeMetadata, toFileEntry, type PackageFileEntry, type PackageMetadata } from './metadata';

/** Rows formatted per chunk: large enough to amortise the deflate calls, small enough to cancel quickly. */
export const ROWS_PER_BATCH = 2000;

/** Longest stretch of work between yields to the event loop (lets a Cancel click be handled). */
const YIELD_EVERY_MS = 25;

export interface CsvPackageOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ExportProgress | undefined;
  /** The export's checkpoint (yields, throws on cancel), awaited after each batch of rows. */
  checkpoint?: (() => Promise<void>) | undefined;
  /** Formula-looking text: `escape` (default, prefixed with `'`) or `none` (written as is). */
  formulaGuard?: FormulaGuard | undefined;
}

export interface CsvPackageSummary {
  files: PackageFileEntry[];
  /** Data rows over every CSV file. */
  rows: number;
  metadata: PackageMetadata;
}

/** A table's file name in the package; throws when an id cannot be a safe file name. */
export function csvFileName(table: ReportTable): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(table.id) || table.id === 'metadata') {
    throw new BackfolioError('EXPORT_FAILED', `table id: got "${table.id}", expected letters, digits, _ . - (not "metadata")`);
  }
  return `${table.id}.csv`;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Writes the zip package of `report`, handing compressed chunks to `onData` as they are made.
 * Checks `signal` between batches (throws `ABORTED`; the chunks handed out so far are then an
 * incomplete archive the caller must discard) and reports progress by rows written.
 */
export async function streamCsvPackage(
  report: Report,
  onData: (chunk: Uint8Array) => void,
  options: CsvPackageOptions = {},
): Promise<CsvPackageSummary> {
  const { signal, onProgress, checkpoint } = options;
  const guard = options.formulaGuard ?? 'escape';
  const tables = report.sections.flatMap((s) => s.tables);
  const names = tables.map(csvFileName);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new BackfolioError('EXPORT_FAILED', `table id: "${duplicate.slice(0, -4)}" appears twice; ids must be unique`);
  const bom = report.meta.options.bom !== false;
  const mtime = new Date(report.meta.generatedAt);
  const zip = createZipStream(onData, Number.isNaN(mtime.getTime()) ? new Date() : mtime);
  const encoder = new TextEncoder();
  const totalUnits = tables.reduce((sum, t) => sum + t.rows.length + 1, 0) + 1;
  let doneUnits = 0;
  let lastYield = Date.now();
  const files: PackageFileEntry[] = [];
  let rows = 0;
  try {
    throwIfAborted(signal);
    for (const [i, table] of tables.entries()) {
      const name = names[i] ?? `${table.id}.csv`;
      const entry = zip.openEntry(name);
      if (bom) entry.push(UTF8_BOM);
      entry.push(encoder.encode(formatHeader(table.columns, guard)));
      doneUnits += 1;
      for (let from = 0; from < table.rows.length; from += ROWS_PER_BATCH) {
        const to = Math.min(from + ROWS_PER_BATCH, table.rows.length);
        entry.push(encoder.encode(formatRows(table, from, to, guard)));
        doneUnits += to - from;
        onProgress?.({ fraction: doneUnits / totalUnits, stage: `csv: ${name}` });
        if (Date.now() - lastYield >= YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = Date.now();
        }
        throwIfAborted(signal);
        await checkpoint?.();
      }
      files.push(toFileEntry(entry.close(), table.rows.length));
      rows += table.rows.length;
      onProgress?.({ fraction: doneUnits / totalUnits, stage: `csv: ${name}` });
      throwIfAborted(signal);
    }
    const metadata = buildPackageMetadata(report, files, guard);
    const entry = zip.openEntry('metadata.json');
    entry.push(encoder.encode(serializeMetadata(metadata)));
    entry.close();
    zip.finish();
    onProgress?.({ fraction: 1, stage: 'csv: metadata.json' });
    return { files, rows, metadata };
  } catch (error) {
    zip.terminate();
    throw error;
  }
}
