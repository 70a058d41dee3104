/**
 * Wire types between the page and the backtest worker. Only plain data crosses: Decimal values do
 * not survive structured clone, so the worker keeps prices, FX and the `BacktestResult` and
 * sends the page view models of numbers and strings (see `viewModel.ts`).
 */
import type { InputIssue } from '../errors';
import type { ExportFormat, ExportOptions } from '../report/model.types';
import type { PreparedChart } from '../export/writer.types';
import type { ResultView, TradePage } from './viewModel.types';

/** A bundled example as listed in the data picker. */
export interface ExampleSummary {
  id: string;
  title: string;
  description: string;
  synthetic: boolean;
  source: string;
  /** Symbols its configuration uses (strategy and benchmarks), to pick the example a shared link needs. */
  symbols: string[];
  /** A few words for its data in derived run names ("crypto (synthetic)" in "Equal weight · crypto (synthetic)"). */
  dataLabel: string;
}

/** What the page shows about a loaded price or FX file. */
export interface DataSummary {
  fileName: string;
  bytes: number;
  sha256: string;
  /** `long`/`wide` for prices, `fx` for FX rates. */
  form: 'long' | 'wide' | 'fx';
  /** Price files: one entry per asset; FX files: one per currency pair. */
  series: { name: string; currency: string | null; first: string; last: string; count: number }[];
  /** Price files: the periods per year the engine infers from these dates when none is configured. */
  inferredPeriodsPerYear?: number | null;
}

/** A loaded example: its run configuration and the data now held by the worker. */
export interface ExampleLoaded {
  config: Record<string, unknown>;
  prices: DataSummary;
  fx: DataSummary | null;
}

/** An export written in the worker; `bytes` is transferred, not copied. */
export interface ExportedFile {
  fileName: string;
  bytes: Uint8Array;
  mimeType: string;
  extension: string;
  rows: number;
  /** What the writer could not do as asked (`ExportedFile.warnings` of the export layer); empty when none. */
  warnings: string[];
}

/** A table of the analysis on screen, as display text (from the report model, so it matches the exports). */
export interface ScreenTable {
  id: string;
  title: string;
  /** `numeric` columns are right-aligned; the first column names the row. */
  columns: { label: string; numeric: boolean; description: string }[];
  rows: string[][];
  /** One tooltip per row (a metric's formula), `''` for none. */
  rowTitles: string[];
  note?: string;
}

/** What a run sends the page: the result's view model and the analysis tables. */
export type RunView = ResultView & { analysis: ScreenTable[] };

/** Every request the worker answers: its parameters and its result. */
export interface WorkerApi {
  list_examples: { params: Record<string, never>; result: ExampleSummary[] };
  load_example: { params: { exampleId: string }; result: ExampleLoaded };
  load_prices: { params: { fileName: string; bytes: ArrayBuffer }; result: DataSummary };
  load_fx: { params: { fileName: string; bytes: ArrayBuffer }; result: DataSummary };
  clear_fx: { params: Record<string, never>; result: null };
  validate: { params: { config: Record<string, unknown> }; result: InputIssue[] };
  /**
   * Runs a backtest; the worker keeps its result under `resultId` (chosen by the page), so later
   * trade pages and exports name the result on screen, never one computed after it (a run whose
   * Cancel came too late).
   */
  run: { params: { config: Record<string, unknown>; resultId: number }; result: RunView };
  /** A page of a result's trade log. */
  trades: { params: { resultId: number; offset: number; limit: number }; result: TradePage };
  export: {
    params: { resultId: number; format: ExportFormat; options: ExportOptions; charts: PreparedChart[]; exportedAt?: string };
    result: ExportedFile;
  };
  /** Test hook: throws from a timer so the page's crash recovery can be exercised. */
  crash: { params: Record<string, never>; result: null };
}

/** Names of the requests. */
export type RequestType = keyof WorkerApi;

/** A request with its id; the response carries the same id. */
export type WorkerRequest = {
  [K in RequestType]: { id: number; type: K; params: WorkerApi[K]['params'] };
}[RequestType];

/** Asks the worker to abort the job `target` (its AbortController fires). */
export interface CancelMessage {
  id: number;
  type: 'cancel';
  target: number;
}

/** Every message the page sends. */
export type PageToWorker = WorkerRequest | CancelMessage;

/** An error as it crosses the boundary: `BackfolioError` fields, plain. */
export interface WireError {
  code: string;
  message: string;
  issues: InputIssue[];
}

/** Every message the worker sends: progress, then one result or one error per request. */
export type WorkerToPage =
  | { id: number; kind: 'progress'; fraction: number; stage: string }
  | { id: number; kind: 'ok'; value: unknown }
  | { id: number; kind: 'error'; error: WireError };
