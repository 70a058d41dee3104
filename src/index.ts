/**
 * Backfolio as a library: everything the dashboard does, for a host page or a Node script.
 * Parse prices, validate a run configuration, run the backtest (synchronously, or in the
 * dashboard's worker), build the report model, and export it as a CSV package, an Excel
 * workbook or a PDF report, all on the user's machine. Host applications can also export their
 * own tables through the same writers (`reportFromTables`).
 *
 * Sub-paths for smaller bundles: `backfolio/engine` (engine only, no browser code) and
 * `backfolio/export` (report model → files, no engine).
 *
 * @example
 * import { parsePriceCsv, runBacktest, buildReport, exportReport, downloadBytes } from 'backfolio';
 * const result = runBacktest({ config, prices: parsePriceCsv(csvText) });
 * const report = buildReport(result, { formats: ['csv'], template: 'detailed', bom: true });
 * const { files } = await exportReport(report);
 * for (const f of files) downloadBytes(f.bytes, f.name, f.mimeType);
 */

// ---------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------

/**
 * Runs a backtest synchronously (exact decimal ledger, metrics, risk analytics). Takes an
 * `AbortSignal` and a progress callback. In a page, prefer running it off the main thread
 * (see `WorkerClient`).
 *
 * @example
 * const result = runBacktest({ config: JSON.parse(configText), prices: parsePriceCsv(pricesText) });
 * result.strategy.metrics.total_return; // e.g. 0.1234
 */
export { runBacktest, type BacktestInput } from './engine/run';

/**
 * Validates a run configuration (JSON as given) and returns the typed form; throws one
 * `CONFIG_INVALID` error listing every problem with its key path and value.
 * `configToJson` is the inverse (canonical JSON, money as strings).
 *
 * @example
 * const config = validateConfig({ start_date: '2020-01-01', end_date: '2024-12-31', initial_capital: '10000',
 *   base_currency: 'USD', rebalancing_frequency: 'monthly', strategy: { type: 'equal_weight', assets: ['SPY', 'AGG'] } });
 */
export { validateConfig, configToJson } from './engine/config';

/**
 * The project's decimal constructor (64 significant digits, half-up) for money, quantities and
 * prices, and `toDec` to wrap a number or string in it.
 *
 * @example
 * toDec('0.1').plus('0.2').toFixed(); // '0.3'
 */
export { Dec, toDec } from './engine/decimal';

/**
 * Engine types: `RunConfig`, `BacktestResult`, `PriceData`, `FxData`, `PortfolioResult`…
 *
 * @example
 * const metrics: BacktestResult['strategy']['metrics'] = result.strategy.metrics;
 */
export type * from './engine/types';
// Both the engine and the report model name their date strings `IsoDate` (the same type).
export type { IsoDate } from './engine/types';

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/**
 * Parses a price CSV (long `date,symbol,price[,currency]` or wide `date,<SYMBOL>…`); throws
 * `PRICES_INVALID` listing every problem with row, column and value.
 *
 * @example
 * const prices = parsePriceCsv('date,BTC,ETH\n2024-01-01,42000.5,2300\n');
 */
export { parsePriceCsv, parsePriceCsvDetailed, type ParsedPrices } from './data/prices';

/**
 * Parses an FX CSV (`date,from_currency,to_currency,rate`); throws `FX_INVALID` with row, column
 * and value.
 *
 * @example
 * const fx = parseFxCsv('date,from_currency,to_currency,rate\n2024-01-02,EUR,USD,1.0945\n');
 */
export { parseFxCsv, parseFxCsvDetailed, type ParsedFx } from './data/fx';

/**
 * Decodes a file's bytes for the parsers: UTF-8 (with or without BOM) or UTF-16 with a BOM;
 * anything else is rejected naming the byte offset.
 *
 * @example
 * const text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()), 'prices');
 */
export { decodeCsvBytes, decodeCsvBytesDetailed, type InputFileKind, type DetectedEncoding } from './data/decode';

/**
 * Parses JSON refusing a key given twice in one object (`JSON.parse` silently keeps the last):
 * throws `CONFIG_INVALID` naming every duplicate by key path and lines, or the parser's own
 * message for invalid JSON. For configuration files a user edits by hand.
 *
 * @example
 * const config = validateConfig(parseJsonStrict(await file.text(), file.name));
 */
export { parseJsonStrict, findDuplicateKeys, type DuplicateKey } from './data/json';

/**
 * The bundled examples: a run configuration plus its price data (loaded lazily).
 *
 * @example
 * const example = EXAMPLES[0];
 * const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
 */
export { EXAMPLES, type ExampleDataset } from './data/examples/index';

// ---------------------------------------------------------------------------------------------
// Report model
// ---------------------------------------------------------------------------------------------

/**
 * Builds the format-neutral report of a backtest (the tables of the export contract, charts,
 * metadata) that every writer reads.
 *
 * @example
 * const report = buildReport(result, { formats: ['xlsx'], template: 'executive', bom: true });
 */
export { buildReport, SECTION_IDS, SECTION_TITLES, type BuildReportContext } from './report/build';

// ---------------------------------------------------------------------------------------------
// Export (also available alone as `backfolio/export`): reportFromTables, exportReport,
// getWriter / registerWriter / listFormats, exportFileName, downloadBytes, chart capture,
// the analytics event bus, report-model types, cell formatting, BackfolioError.
// ---------------------------------------------------------------------------------------------

export * from './lib/export-entry';

/**
 * Text of a cell as files (`formatFileValue`) or people (`formatDisplayValue`) see it (decimal.js
 * arithmetic, so not in the lighter `backfolio/export`).
 *
 * @example
 * formatDisplayValue(0.1234, { kind: 'percent', decimals: 2 }); // '12.34%'
 */
export { formatFileValue, formatDisplayValue } from './report/format';

// ---------------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------------

/**
 * Toast notifications (an `aria-live` region, queued, text only) for host pages.
 *
 * @example
 * const toasts = createToaster(document.body);
 * toasts.show({ kind: 'success', title: 'Exported', message: 'report.pdf' });
 */
export { createToaster, type Toaster, type Toast, type ToastInput, type ToastKind, type ToastAction } from './ui/toasts';

/**
 * The dashboard's worker client: typed calls to the backtest worker (`run`, `export`…) with
 * progress, cancel and crash recovery; `createBacktestWorker` starts the worker script
 * (`dist-lib/assets/backtest.worker.js`, also the `backfolio/worker` entry).
 *
 * @example
 * const client = new WorkerClient({ create: createBacktestWorker });
 * const view = await client.call('run', { config }).promise;
 */
export { WorkerClient, type WorkerClientOptions, type Job, type CallOptions } from './worker/client';
export { createBacktestWorker } from './lib/backtest-worker';

/**
 * Runs many configurations on the same data on a pool of workers sized to the cores (Web Workers
 * in a page, `worker_threads` in Node), with progress and cancel; one summary (metrics, warnings
 * or the error) per configuration, in order. `workers: 0` runs them here, one after another.
 *
 * @example
 * const configs = [20, 60, 120].map((lookback) => ({ ...config, strategy: { ...config.strategy, lookback } }));
 * const runs = await runSweep(configs, { prices }, { signal, onProgress: ({ fraction }) => bar(fraction) });
 */
export { runSweep, type SweepRun, type SweepOptions, type SweepData, type SweepPortfolio } from './worker/sweep';

/** The worker pool under `runSweep`, with its adapters for Web Workers and `worker_threads`. */
export { runOnPool, serveTasks, adaptWebWorker, adaptNodeWorker, type PoolWorker, type PoolRunOptions, type NodeWorkerLike } from './worker/pool';
export type { WorkerApi, ExampleSummary, DataSummary, ExampleLoaded } from './worker/protocol';
export type { ResultView } from './worker/viewModel.types';

/**
 * The Content-Security-Policy the dashboard and the embedding example run under (no eval, no
 * network beyond the origin), for hosts to adopt; `parseCsp` reads a policy back.
 *
 * @example
 * meta.content = CONTENT_SECURITY_POLICY; // "default-src 'self'; script-src 'self'; …"
 */
export { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, parseCsp } from './lib/csp';

// ---------------------------------------------------------------------------------------------
// Errors and versions
// ---------------------------------------------------------------------------------------------

/**
 * Builds one error from many issues (what the parsers and the validator throw).
 *
 * @example
 * throw errorFromIssues('CONFIG_INVALID', 'Invalid settings', [{ path: 'rate', value: 'x', expected: 'a number' }]);
 */
export { errorFromIssues, formatIssue, throwIfAborted } from './errors';

/**
 * Name and versions written into every export's metadata.
 *
 * @example
 * console.log(`${APP_NAME} ${APP_VERSION}, engine ${ENGINE_VERSION}`);
 */
export { APP_NAME, APP_VERSION, ENGINE_VERSION } from './version';
