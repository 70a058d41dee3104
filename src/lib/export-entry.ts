/**
 * The `backfolio/export` sub-path: only what a host needs to turn its own tables into files
 * (report model → CSV zip, workbook, PDF → download), without the engine, the parsers or the
 * examples, so a host that never backtests does not bundle them. Its first load holds no heavy
 * library (not even decimal.js): in a page the writers run in the export worker, started on the
 * first export; elsewhere each writer's library (fflate, xlsx, jspdf) loads on first use.
 *
 * @example
 * import { reportFromTables, exportReport, downloadBytes } from 'backfolio/export';
 * const report = reportFromTables({ title: 'Sales 2024', tables: [salesTable] });
 * const { files } = await exportReport(report, { formats: ['xlsx'] });
 * for (const f of files) downloadBytes(f.bytes, f.name, f.mimeType);
 */

/**
 * A report from a host's own tables (no backtest): columns typed as date, text, number,
 * percent, currency…; the same model every writer reads.
 *
 * @example
 * reportFromTables({ title: 'Sales', tables: [{ id: 'sales', title: 'Sales', columns, rows }] });
 */
export * from '../report/host';

/**
 * Writes a report in one or more formats, with one time stamp, progress, cancel and analytics.
 *
 * @example
 * const { files } = await exportReport(report, { formats: ['csv', 'pdf'], signal });
 */
export { exportReport, terminateExportWorker, type ExportReportOptions, type ExportResult, type ExportedFile } from '../export/export';
export type { ExportWorkerFactory } from '../export/worker-client';

/**
 * The PDF fonts' file names, for a host that serves them itself (`fonts: { baseUrl }`): copy
 * `node_modules/backfolio/dist-lib/assets/fonts/` to that folder.
 *
 * @example
 * await exportReport(report, { formats: ['pdf'], fonts: { baseUrl: '/static/backfolio-fonts/' } });
 */
export { FONT_FILE_NAMES } from '../export/assets';

/**
 * The writer registry: `getWriter('xlsx')` loads a built-in writer; `registerWriter` adds a
 * host's own format (or replaces one).
 *
 * @example
 * registerWriter('json', { format: 'json', label: 'JSON', write: async (r) => ({ bytes: new TextEncoder().encode(JSON.stringify(r.meta)), extension: 'json', mimeType: 'application/json', rows: 0 }) });
 */
export { getWriter, registerWriter, listFormats } from '../export/registry';

/**
 * File names `<prefix>_<YYYY-MM-DDTHH-MM-SSZ>.<ext>` safe on every file system.
 *
 * @example
 * exportFileName('Sales 2024', 'zip', new Date('2025-09-06T08:38:40Z')); // 'sales_2024_2025-09-06T08-38-40Z.zip'
 */
export { exportFileName, sanitizePrefix, formatStamp } from '../export/naming';

/**
 * Hands bytes to the browser as a download (the only DOM-touching export function).
 *
 * @example
 * downloadBytes(file.bytes, file.name, file.mimeType);
 */
export { downloadBytes } from '../export/download';

/**
 * Capturing a host's own chart (an SVG or canvas element) for the PDF writer.
 *
 * @example
 * const chart = await captureElement(document.querySelector('#chart')!, 'sales_chart');
 * await exportReport(report, { formats: ['pdf'], charts: [chart] });
 */
export * from '../export/capture';

/**
 * The analytics event bus: nothing is sent anywhere; a host subscribes to count or time exports.
 *
 * @example
 * const bus = createEventBus();
 * bus.subscribe((e) => console.log(e.type));
 * await exportReport(report, { events: bus });
 */
export { createEventBus, type AnalyticsEvent, type AnalyticsEventType, type EventBus, type EventListener, type ExportEvent, type BacktestEvent } from '../export/events';

/**
 * Report model and writer types, for hosts that build reports or writers by hand.
 *
 * @example
 * const column: Column = { key: 'amount', label: 'Amount', type: { kind: 'currency', currency: 'EUR', decimals: 2 } };
 */
export type {
  CellValue,
  ChartSpec,
  Column,
  ColumnKind,
  ColumnType,
  DataSourceInfo,
  ExportFormat,
  ExportOptions,
  InputFileInfo,
  IsoDate,
  KeyFigure,
  PdfTemplate,
  Report,
  ReportMeta,
  ReportSection,
  ReportTable,
  SectionId,
} from '../report/model.types';
export type {
  ReportWriter,
  WriteContext,
  WriterOutput,
  PreparedChart,
  ExportProgress,
  FontFile,
  FontSource,
  FormulaGuard,
  CsvWriteOptions,
} from '../export/writer.types';

/**
 * The one error class, with a stable `code` and the list of `issues`.
 *
 * @example
 * try { await exportReport(report); } catch (e) { if (e instanceof BackfolioError) console.log(e.code); }
 */
export { BackfolioError, isAbortError, type BackfolioErrorCode, type InputIssue } from '../errors';
