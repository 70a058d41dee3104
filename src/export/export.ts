/**
 * Exporting a report in one or more formats: names the files, reports progress over all formats,
 * honours cancel, and emits analytics events (start, then completed / failed / cancelled, with
 * duration and sizes). In a page the built-in writers run in the export worker (started on the
 * first export), so a 20,000-row workbook or PDF never freezes the host's page; elsewhere (Node,
 * a worker, a page that cannot start one) they run here, yielding at their checkpoints.
 */
import { BackfolioError, isAbortError, throwIfAborted } from '../errors';
import type { Report } from '../report/model.types';
import { createExportWorker } from './worker-url';
import type { AnalyticsEvent } from './events';
import { createCheckpoint } from './checkpoint';
import { exportFileName, sanitizePrefix } from './naming';
import { getWriter, isBuiltInFormat } from './registry';
import { ExportWorkerClient, type ExportWorkerFactory, type RemoteExportJob } from './worker-client';
import type { CsvWriteOptions, ExportProgress, FontSource, PreparedChart, WriterOutput } from './writer.types';

/** One produced file. */
export interface ExportedFile {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  /** Data rows written (header rows excluded). */
  rows: number;
  format: string;
  /**
   * What the writer could not do as asked, one sentence each (characters the PDF fonts cannot
   * draw, dates before 1900 written to the workbook as text, …); empty when none. The file says
   * the same inside (the PDF's notes, the workbook's Metadata sheet): show these to the user.
   */
  warnings: string[];
}

export interface ExportReportOptions {
  /** Formats to write, in order; `report.meta.options.formats` when absent. */
  formats?: string[] | undefined;
  /** Cancels the export: the promise rejects with `ABORTED` at once and no file is delivered. */
  signal?: AbortSignal | undefined;
  onProgress?: ExportProgress | undefined;
  /** Charts captured by the page, for writers that embed charts. */
  charts?: PreparedChart[] | undefined;
  /** Where analytics events go (e.g. an `EventBus`); nowhere when absent. */
  events?: { emit(event: AnalyticsEvent): void } | undefined;
  /** Clock for the file-name stamp and durations (tests pass a fixed one). */
  now?: (() => Date) | undefined;
  /**
   * Where the built-in writers run. `'auto'` (default): in a page, in the export worker
   * (`dist-lib/assets/export.worker.js`, started on the first export), else on this thread;
   * `false`: always on this thread (yielding every ~40 ms); a function: creates the worker, for a
   * host that serves the worker script from its own URL (pass the same function each time: one
   * worker per function is kept). Formats a host registered run here, and so does a PDF placing
   * `svg` captures (svg2pdf.js needs the page's DOM).
   */
  worker?: 'auto' | false | ExportWorkerFactory | undefined;
  /** Where the PDF writer gets its fonts (the package's own copies when absent). */
  fonts?: FontSource | undefined;
  /** Options of the CSV package (`formulaGuard`). */
  csv?: CsvWriteOptions | undefined;
}

export interface ExportResult {
  files: ExportedFile[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let defaultClient: ExportWorkerClient | null = null;
const customClients = new WeakMap<ExportWorkerFactory, ExportWorkerClient>();

/** Whether this is a page's main thread that can start workers (not Node, not inside a worker). */
function onPageMainThread(): boolean {
  return typeof Worker === 'function' && typeof document !== 'undefined';
}

/** The worker client for these options, or `null` when the writers run on this thread. */
function workerClientFor(worker: ExportReportOptions['worker']): ExportWorkerClient | null {
  if (worker === false) return null;
  if (typeof worker === 'function') {
    let client = customClients.get(worker);
    if (!client) {
      client = new ExportWorkerClient(worker);
      customClients.set(worker, client);
    }
    return client;
  }
  if (!onPageMainThread()) return null;
  defaultClient ??= new ExportWorkerClient(createExportWorker);
  return defaultClient;
}

/**
 * Whether the worker can write this format with these charts: the built-in writers only, and
 * not a PDF placing `svg` captures (svg2pdf.js walks a parsed SVG, and a worker has no DOM:
 * such a PDF is written on the page, yielding at its checkpoints; PNG captures stay in the worker).
 */
function workerCanWrite(format: string, charts: PreparedChart[] | undefined): boolean {
  if (!isBuiltInFormat(format)) return false;
  return format !== 'pdf' || !(charts ?? []).some((chart) => chart.kind === 'svg');
}

/**
 * Stops the page's export worker now (it is also stopped after a minute without exports); the
 * next export starts a new one. Exports in progress fail.
 */
export function terminateExportWorker(): void {
  defaultClient?.terminate();
}

/**
 * Writes `report` in every format; all files share one time stamp. On cancel throws `ABORTED`
 * and returns nothing (files already written for earlier formats are dropped too); on failure
 * throws a `BackfolioError` naming the format.
 *
 * @example
 * const { files } = await exportReport(report, { formats: ['csv', 'pdf'], signal });
 * for (const f of files) downloadBytes(f.bytes, f.name, f.mimeType);
 */
export async function exportReport(report: Report, options: ExportReportOptions = {}): Promise<ExportResult> {
  const now = options.now ?? (() => new Date());
  const formats = options.formats ?? report.meta.options.formats;
  const template = report.meta.options.template;
  const prefix = sanitizePrefix(report.meta.options.prefix ?? report.meta.title);
  const stamp = now();
  const files: ExportedFile[] = [];
  const emit = (event: AnalyticsEvent): void => options.events?.emit(event);
  const checkpoint = createCheckpoint(options.signal);
  const fileStem = exportFileName(prefix, '', stamp);
  // The worker job, opened on the first built-in format; `null` once it could not be used.
  let remote: RemoteExportJob | null | undefined;
  const openRemote = async (): Promise<RemoteExportJob | null> => {
    const client = workerClientFor(options.worker);
    if (client === null || !(await client.start())) return null;
    return client.open(report, { charts: options.charts, fonts: options.fonts, checkpoint, signal: options.signal });
  };
  try {
    for (const [index, format] of formats.entries()) {
      const started = now().getTime();
      const elapsed = (): number => Math.max(0, now().getTime() - started);
      emit({ type: 'export_started', at: now().toISOString(), format, template });
      try {
        throwIfAborted(options.signal);
        const onProgress: ExportProgress = (p) =>
          options.onProgress?.({ fraction: (index + Math.min(1, Math.max(0, p.fraction))) / formats.length, stage: p.stage });
        let output: WriterOutput;
        const inWorker = workerCanWrite(format, options.charts);
        if (inWorker && remote !== null) remote ??= await openRemote();
        if (inWorker && remote) {
          output = await remote.write(format, { fileStem, csv: options.csv, signal: options.signal, onProgress });
        } else {
          const writer = await getWriter(format);
          output = await writer.write(report, {
            signal: options.signal,
            checkpoint,
            charts: options.charts,
            fileStem,
            fonts: options.fonts,
            csv: options.csv,
            onProgress,
          });
        }
        throwIfAborted(options.signal);
        const warnings = [...(output.warnings ?? [])];
        files.push({
          name: exportFileName(prefix, output.extension, stamp),
          bytes: output.bytes,
          mimeType: output.mimeType,
          rows: output.rows,
          format,
          warnings,
        });
        emit({
          type: 'export_completed',
          at: now().toISOString(),
          format,
          template,
          duration_ms: elapsed(),
          bytes: output.bytes.length,
          rows: output.rows,
          warnings: [...warnings],
        });
      } catch (error) {
        if (isAbortError(error) || options.signal?.aborted) {
          emit({ type: 'export_cancelled', at: now().toISOString(), format, template, duration_ms: elapsed() });
          throw isAbortError(error) ? error : new BackfolioError('ABORTED', 'Cancelled by the user.', { cause: error });
        }
        const failure =
          error instanceof BackfolioError ? error : new BackfolioError('EXPORT_FAILED', `${format}: ${messageOf(error)}`, { cause: error });
        emit({ type: 'export_failed', at: now().toISOString(), format, template, duration_ms: elapsed(), error: failure.message, code: failure.code });
        throw failure;
      }
    }
  } finally {
    remote?.release();
  }
  options.onProgress?.({ fraction: 1, stage: 'done' });
  return { files };
}
