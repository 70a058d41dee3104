/**
 * The export worker's side of the protocol (worker.protocol.ts), apart from `self` so tests can
 * drive it over a `MessageChannel`: decodes each job's report once, runs the built-in writers
 * with a checkpoint of their own (the worker yields too, so a `cancel` message is read within
 * one checkpoint interval), and posts the bytes back as transferables.
 */
import { BackfolioError } from '../errors';
import type { CellValue, Report } from '../report/model.types';
import { createCheckpoint } from './checkpoint';
import { getWriter } from './registry';
import { decodeReport } from './wire';
import type { ExportWorkerToPage, PageToExportWorker, WireExportError, WireFontSource } from './worker.protocol';
import type { PreparedChart } from './writer.types';

/** Sends a message to the page, moving the listed buffers. */
export type PostToPage = (message: ExportWorkerToPage, transfer?: Transferable[]) => void;

interface JobState {
  report: Report;
  charts: PreparedChart[];
  fonts: WireFontSource | null;
  controller: AbortController;
}

/** Fewest milliseconds between two progress messages of one write (a bar needs no more). */
const PROGRESS_INTERVAL_MS = 33;

/** A failure in the form that crosses to the page. */
export function toWireExportError(error: unknown): WireExportError {
  if (error instanceof BackfolioError) return { code: error.code, message: error.message, issues: error.issues };
  return { code: 'EXPORT_FAILED', message: error instanceof Error ? error.message : String(error), issues: [] };
}

/**
 * Handles the page's messages for one worker.
 *
 * @example
 * const service = new ExportWorkerService((m, t) => self.postMessage(m, t ?? []), (text) => new Dec(text));
 * self.addEventListener('message', (e) => service.handle(e.data));
 */
export class ExportWorkerService {
  private readonly jobs = new Map<number, JobState>();

  constructor(
    private readonly post: PostToPage,
    private readonly toDecimal: (text: string) => CellValue,
  ) {}

  /** Handles one message; answers asynchronously through `post`. */
  handle(message: PageToExportWorker): void {
    switch (message.type) {
      case 'load':
        this.load(message);
        return;
      case 'write':
        void this.write(message);
        return;
      case 'cancel':
        this.jobs.get(message.job)?.controller.abort();
        return;
      case 'release':
        this.jobs.get(message.job)?.controller.abort();
        this.jobs.delete(message.job);
        return;
    }
  }

  private load(message: Extract<PageToExportWorker, { type: 'load' }>): void {
    try {
      const report = decodeReport(message.report, this.toDecimal);
      this.jobs.set(message.job, { report, charts: message.charts, fonts: message.fonts, controller: new AbortController() });
      this.post({ type: 'done', job: message.job, request: message.request, output: null });
    } catch (error) {
      this.post({ type: 'failed', job: message.job, request: message.request, error: toWireExportError(error) });
    }
  }

  private async write(message: Extract<PageToExportWorker, { type: 'write' }>): Promise<void> {
    const { job, request } = message;
    const state = this.jobs.get(job);
    try {
      if (state === undefined) throw new BackfolioError('INTERNAL', `export worker: job ${job} was not loaded`);
      const { signal } = state.controller;
      const writer = await getWriter(message.format);
      let lastProgress = 0;
      const output = await writer.write(state.report, {
        signal,
        checkpoint: createCheckpoint(signal),
        charts: state.charts,
        fileStem: message.fileStem,
        fonts: state.fonts ?? undefined,
        csv: message.csv ?? undefined,
        onProgress: ({ fraction, stage }) => {
          const now = Date.now();
          if (fraction < 1 && now - lastProgress < PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          this.post({ type: 'progress', job, request, fraction, stage });
        },
      });
      // A view over a larger (or shared) buffer would move bytes the page must not see: copy then.
      const bytes = output.bytes.byteOffset === 0 && output.bytes.byteLength === output.bytes.buffer.byteLength && output.bytes.buffer instanceof ArrayBuffer
        ? output.bytes
        : output.bytes.slice();
      this.post({ type: 'done', job, request, output: { bytes, extension: output.extension, mimeType: output.mimeType, rows: output.rows, warnings: output.warnings ?? [] } }, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      this.post({ type: 'failed', job, request, error: toWireExportError(error) });
    }
  }
}
