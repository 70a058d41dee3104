/**
 * Messages between the page and the export worker. A job is one `exportReport` call: the page
 * loads the report once (`load`), asks for each format (`write`) and releases it (`release`);
 * `cancel` stops whatever the job is doing. The worker answers every `load` and `write` with
 * exactly one `done` or `failed` (its bytes transferred), and sends `progress` in between.
 */
import type { EncodedReport } from './wire';
import type { CsvWriteOptions, FontFile, PreparedChart } from './writer.types';

/** Fonts as they cross: a base URL made absolute by the page, or bytes. */
export interface WireFontSource {
  baseUrl?: string;
  files?: Partial<Record<FontFile, Uint8Array>>;
}

/** Page → worker. */
export type PageToExportWorker =
  | { type: 'load'; job: number; request: number; report: EncodedReport; charts: PreparedChart[]; fonts: WireFontSource | null }
  | { type: 'write'; job: number; request: number; format: string; fileStem: string; csv: CsvWriteOptions | null }
  | { type: 'cancel'; job: number }
  | { type: 'release'; job: number };

/** A failure as it crosses (a `BackfolioError` is rebuilt from it on the page). */
export interface WireExportError {
  code: string;
  message: string;
  issues: { path: string; value?: string; expected: string }[];
}

/** The bytes and facts of one written file. */
export interface WireWriterOutput {
  bytes: Uint8Array;
  extension: string;
  mimeType: string;
  rows: number;
  /** `WriterOutput.warnings` (empty when none). */
  warnings: string[];
}

/** Worker → page; `request` names the `load` or `write` answered. */
export type ExportWorkerToPage =
  | { type: 'ready' }
  | { type: 'progress'; job: number; request: number; fraction: number; stage: string }
  | { type: 'done'; job: number; request: number; output: WireWriterOutput | null }
  | { type: 'failed'; job: number; request: number; error: WireExportError };
