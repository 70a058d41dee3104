/**
 * Exporting a report in one or more formats: loads each writer from the registry on first use,
 * names the files, reports progress over all formats, honours cancel, and emits analytics
 * events (start, then completed / failed / cancelled, with duration and sizes).
 */
import { BackfolioError, isAbortError, throwIfAborted } from '../errors';
import type { Report } from '../report/model.types';
import type { AnalyticsEvent } from './events';
import { createCheckpoint } from './checkpoint';
import { exportFileName, sanitizePrefix } from './naming';
import { getWriter } from './registry';
import type { ExportProgress, PreparedChart } from './writer.types';

/** One produced file. */
export interface ExportedFile {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  /** Data rows written (header rows excluded). */
  rows: number;
  format: string;
}

export interface ExportReportOptions {
  /** Formats to write, in order; `report.meta.options.formats` when absent. */
  formats?: string[];
  signal?: AbortSignal;
  onProgress?: ExportProgress;
  /** Charts captured by the page, for writers that embed charts. */
  charts?: PreparedChart[];
  /** Where analytics events go (e.g. an `EventBus`); nowhere when absent. */
  events?: { emit(event: AnalyticsEvent): void };
  /** Clock for the file-name stamp and durations (tests pass a fixed one). */
  now?: () => Date;
}

export interface ExportResult {
  files: ExportedFile[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
  for (const [index, format] of formats.entries()) {
    const started = now().getTime();
    const elapsed = (): number => Math.max(0, now().getTime() - started);
    emit({ type: 'export_started', at: now().toISOString(), format, template });
    try {
      throwIfAborted(options.signal);
      const writer = await getWriter(format);
      const output = await writer.write(report, {
        signal: options.signal,
        checkpoint: createCheckpoint(options.signal),
        charts: options.charts,
        fileStem: exportFileName(prefix, '', stamp),
        onProgress: (p) =>
          options.onProgress?.({ fraction: (index + Math.min(1, Math.max(0, p.fraction))) / formats.length, stage: p.stage }),
      });
      throwIfAborted(options.signal);
      files.push({
        name: exportFileName(prefix, output.extension, stamp),
        bytes: output.bytes,
        mimeType: output.mimeType,
        rows: output.rows,
        format,
      });
      emit({ type: 'export_completed', at: now().toISOString(), format, template, duration_ms: elapsed(), bytes: output.bytes.length, rows: output.rows });
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
  options.onProgress?.({ fraction: 1, stage: 'done' });
  return { files };
}
