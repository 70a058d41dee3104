/**
 * The one shape every format writer has. Writers take a `Report` (they know nothing of
 * backtests), return bytes, never touch the DOM, and load their heavy library with `await
 * import()` inside `write`. Built-ins live in one registry (`registry.ts`) that hosts can extend.
 */
import type { Report } from '../report/model.types';

/** Progress of an export: `fraction` in [0, 1] and what is being written. */
export type ExportProgress = (progress: { fraction: number; stage: string }) => void;

/** A chart prepared by the page (or by a host) for a writer that embeds charts. */
export type PreparedChart =
  /** PNG bytes with their pixel size and the size they were captured for, in CSS px. */
  | { chartId: string; kind: 'png'; bytes: Uint8Array; widthPx: number; heightPx: number; cssWidth: number; cssHeight: number }
  /** SVG markup, drawn as vectors. */
  | { chartId: string; kind: 'svg'; svg: string; cssWidth: number; cssHeight: number };

/** The font files the PDF writer can embed (see `FONT_FILE_NAMES` for their file names). */
export type FontFile = 'DejaVuSans' | 'DejaVuSans-Bold' | 'DejaVuSansMono' | 'NotoSansSC';

/**
 * Where the PDF writer gets its fonts: `files` first (bytes the host already holds), then
 * `baseUrl` (a folder where the host serves the files named in `FONT_FILE_NAMES`), else the
 * copies shipped with the package (resolved by the host's bundler, or read from disk in Node).
 *
 * @example
 * await exportReport(report, { formats: ['pdf'], fonts: { baseUrl: '/static/backfolio-fonts/' } });
 */
export interface FontSource {
  /** Folder URL holding the `.ttf` files (relative URLs resolve against the page); a trailing `/` is added when missing. */
  baseUrl?: string | URL | undefined;
  /** The font files' bytes, by font. */
  files?: Partial<Record<FontFile, Uint8Array>> | undefined;
}

/**
 * What the CSV writer does with text a spreadsheet would run as a formula (a field starting with
 * `=`, `+`, `-`, `@`, tab or CR): `escape` (default) prefixes it with `'`, as OWASP advises for
 * files opened in Excel; `none` writes it untouched, for files only read by programs (pandas, a
 * database import) where the prefix would change the data.
 */
export type FormulaGuard = 'escape' | 'none';

/** Options of the CSV package writer. */
export interface CsvWriteOptions {
  /** Default `escape`. */
  formulaGuard?: FormulaGuard | undefined;
}

export interface WriteContext {
  signal?: AbortSignal | undefined;
  onProgress?: ExportProgress | undefined;
  /** Charts captured in the page; a writer draws the chart specs itself when one is absent. */
  charts?: PreparedChart[] | undefined;
  /** The name the file will be saved under, without its extension (`crypto_2025-09-06T08-38-40Z`), for writers that print it. */
  fileStem?: string | undefined;
  /** Where the PDF writer's fonts come from (the package's own copies when absent). */
  fonts?: FontSource | undefined;
  /** Options of the CSV package. */
  csv?: CsvWriteOptions | undefined;
  /**
   * Yields to the event loop when ~40 ms of work have passed and throws `ABORTED` once the signal
   * fired. Writers await it between units of work (a few hundred rows, a page, a table) so an
   * export keeps the page responsive and stops soon after a cancel. Absent: no yielding.
   */
  checkpoint?: (() => Promise<void>) | undefined;
}

export interface WriterOutput {
  bytes: Uint8Array;
  /** File extension without the dot (`zip`, `xlsx`, `pdf`). */
  extension: string;
  mimeType: string;
  /** Data rows written (header rows excluded), for analytics. */
  rows: number;
  /**
   * What the caller should know about this file, one sentence each: characters the PDF fonts
   * cannot draw (printed as U+FFFD), workbook cells changed to fit Excel (dates before 1900 as
   * text, text cut at 32,767 characters), a chart left out. The file says the same inside;
   * absent or empty when there is nothing to say.
   */
  warnings?: string[] | undefined;
}

export interface ReportWriter {
  /** `csv`, `xlsx`, `pdf`, or a host's own id. */
  format: string;
  label: string;
  write(report: Report, context: WriteContext): Promise<WriterOutput>;
}
