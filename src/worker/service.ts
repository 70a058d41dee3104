/**
 * The worker's work, free of `self`: it holds the loaded prices, FX and the last result, and
 * answers `WorkerApi` requests. `backtest.worker.ts` wires it to `postMessage`; tests call it
 * directly in Node.
 */
import { decodeCsvBytes, type InputFileKind } from '../data/decode';
import { BackfolioError, type InputIssue } from '../errors';
import type { BacktestResult, FxData, PriceData } from '../engine/types';
import type { DataSourceInfo, InputFileInfo } from '../report/model.types';
import type { DataSummary, ExampleLoaded, ExampleSummary, ExportedFile, RunView, WireError, WorkerApi } from './protocol';
import { buildScreenTables } from './screenTables';
import { buildResultView, buildTradePage } from './viewModel';

/** Progress reporter of one job. */
export type JobProgress = (fraction: number, stage: string) => void;

/** Bytes per chunk when decoding and hashing a file, so progress moves on big files. */
const CHUNK = 1 << 20;

/** Results kept: the one on screen and the newest (they differ while a new run is shown, or after a late cancel). */
const KEPT_RESULTS = 2;

/** Short labels of the bundled examples' data, for run names derived from data and strategy. */
const EXAMPLE_DATA_LABELS: Record<string, string> = {
  'crypto-risk-parity': 'crypto (synthetic)',
  'us-stocks': 'US tech stocks',
  sp500: 'S&P 500',
};

/**
 * Hands the event loop back once, so a `cancel` message that arrived while synchronous work ran
 * is read before the result is kept or sent: a cancelled job must never deliver.
 */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
}

interface Loaded<T> {
  info: InputFileInfo;
  data: T;
  summary: DataSummary;
}

/** Any thrown value as a wire error; `BackfolioError` keeps its code and issues. */
export function toWireError(error: unknown): WireError {
  if (error instanceof BackfolioError) return { code: error.code, message: error.message, issues: error.issues };
  if (error instanceof Error && error.name === 'AbortError') return { code: 'ABORTED', message: 'Cancelled by the user.', issues: [] };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message, issues: [] };
}

/**
 * Hashes the bytes chunk by chunk (reporting progress), then decodes them as the library does:
 * UTF-8 with or without BOM, or UTF-16 with a BOM; anything else is an error naming the byte.
 */
export async function decodeAndHash(
  bytes: Uint8Array,
  kind: InputFileKind,
  onProgress: JobProgress,
  signal: AbortSignal,
): Promise<{ text: string; sha256: string }> {
  const { createSha256 } = await import('../export/sha256');
  const hash = createSha256();
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    if (signal.aborted) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
    const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + CHUNK));
    hash.update(chunk);
    onProgress((0.5 * (offset + chunk.length)) / Math.max(1, bytes.length), 'Reading file');
  }
  return { text: decodeCsvBytes(bytes, kind), sha256: hash.digestHex() };
}

function summarizePrices(info: InputFileInfo, data: PriceData, inferredPeriodsPerYear: number | null): DataSummary {
  return {
    inferredPeriodsPerYear,
    fileName: info.name,
    bytes: info.bytes,
    sha256: info.sha256,
    form: data.form,
    series: data.assets.map((a) => ({
      name: a.symbol,
      currency: a.currency,
      first: a.points[0]?.date ?? '',
      last: a.points[a.points.length - 1]?.date ?? '',
      count: a.points.length,
    })),
  };
}

function summarizeFx(info: InputFileInfo, data: FxData): DataSummary {
  const pairs = new Map<string, DataSummary['series'][number]>();
  for (const r of data.rates) {
    const name = `${r.from}/${r.to}`;
    const entry = pairs.get(name);
    if (!entry) pairs.set(name, { name, currency: r.to, first: r.date, last: r.date, count: 1 });
    else {
      entry.count += 1;
      if (r.date < entry.first) entry.first = r.date;
      if (r.date > entry.last) entry.last = r.date;
    }
  }
  return { fileName: info.name, bytes: info.bytes, sha256: info.sha256, form: 'fx', series: [...pairs.values()] };
}

/** Periods per year the engine would infer from the union of the file's dates. */
function inferredPeriods(data: PriceData, infer: (dates: string[]) => { value: number }): number | null {
  const dates = new Set<string>();
  for (const asset of data.assets) for (const point of asset.points) dates.add(point.date);
  if (dates.size < 2) return null;
  return infer([...dates].sort()).value;
}

/** The state and handlers of one worker. */
export class WorkerService {
  private prices: Loaded<PriceData> | null = null;
  private fx: Loaded<FxData> | null = null;
  /** The latest results by the page's id, with the inputs each ran on (kept when new data loads, so they stay exportable). */
  private readonly results = new Map<number, { result: BacktestResult; inputs: { prices?: InputFileInfo; fx?: InputFileInfo } }>();

  private resultFor(resultId: number): { result: BacktestResult; inputs: { prices?: InputFileInfo; fx?: InputFileInfo } } {
    const held = this.results.get(resultId);
    if (held) return held;
    throw new BackfolioError('INPUT_MISMATCH', this.results.size === 0 ? 'No backtest result: run the backtest first.' : 'These results are no longer held in the background worker: run the backtest again.');
  }

  /** Answers one request; `signal` is the job's AbortController signal. */
  async handle<K extends keyof WorkerApi>(
    type: K,
    params: WorkerApi[K]['params'],
    onProgress: JobProgress,
    signal: AbortSignal,
  ): Promise<WorkerApi[K]['result']> {
    // One switch keeps every request's handler visible; each branch returns its own result type.
    const p = params as never;
    switch (type) {
      case 'list_examples':
        return (await this.listExamples()) as WorkerApi[K]['result'];
      case 'load_example':
        return (await this.loadExample((p as WorkerApi['load_example']['params']).exampleId, onProgress, signal)) as WorkerApi[K]['result'];
      case 'load_prices': {
        const q = p as WorkerApi['load_prices']['params'];
        return (await this.loadPrices(q.fileName, new Uint8Array(q.bytes), onProgress, signal)) as WorkerApi[K]['result'];
      }
      case 'load_fx': {
        const q = p as WorkerApi['load_fx']['params'];
        return (await this.loadFx(q.fileName, new Uint8Array(q.bytes), onProgress, signal)) as WorkerApi[K]['result'];
      }
      case 'clear_fx':
        this.fx = null;
        return null as WorkerApi[K]['result'];
      case 'validate':
        return (await this.validate((p as WorkerApi['validate']['params']).config)) as WorkerApi[K]['result'];
      case 'run': {
        const q = p as WorkerApi['run']['params'];
        return (await this.run(q.config, q.resultId, onProgress, signal)) as WorkerApi[K]['result'];
      }
      case 'trades': {
        const q = p as WorkerApi['trades']['params'];
        return buildTradePage(this.resultFor(q.resultId).result, q.offset, q.limit) as WorkerApi[K]['result'];
      }
      case 'export':
        return (await this.exportFormat(p as WorkerApi['export']['params'], onProgress, signal)) as WorkerApi[K]['result'];
      case 'crash':
        // Thrown outside any promise chain, so it reaches the worker's onerror like a real crash.
        setTimeout(() => {
          throw new Error('Simulated worker crash');
        }, 0);
        return null as WorkerApi[K]['result'];
      default:
        throw new BackfolioError('INTERNAL', `Unknown worker request "${String(type)}"`);
    }
  }

  private async listExamples(): Promise<ExampleSummary[]> {
    const { EXAMPLES } = await import('../data/examples/index');
    const { configSymbols } = await import('../ui/formModel');
    return EXAMPLES.map((e) => ({
      id: e.id,
      title: e.title,
      description: e.description,
      synthetic: e.synthetic,
      source: e.source,
      symbols: configSymbols(e.config),
      dataLabel: EXAMPLE_DATA_LABELS[e.id] ?? e.title,
    }));
  }

  private async loadExample(exampleId: string, onProgress: JobProgress, signal: AbortSignal): Promise<ExampleLoaded> {
    const { EXAMPLES } = await import('../data/examples/index');
    const example = EXAMPLES.find((e) => e.id === exampleId);
    if (!example) {
      throw new BackfolioError('INPUT_MISMATCH', `example: got "${exampleId}", expected one of ${EXAMPLES.map((e) => e.id).join(', ')}`);
    }
    onProgress(0.05, 'Loading example');
    const encoder = new TextEncoder();
    const pricesText = await example.loadPrices();
    const fxText = example.loadFx ? await example.loadFx() : null;
    const fileBase = example.id.replace(/[^a-z0-9_-]+/gi, '_');
    const { exampleProvenance } = await import('../data/examples/provenance');
    const prices = await this.parseLoaded(`${fileBase}_prices.csv`, encoder.encode(pricesText), 'prices', onProgress, signal, exampleProvenance(example));
    const fx = fxText === null ? null : await this.parseLoaded(`${fileBase}_fx.csv`, encoder.encode(fxText), 'fx', onProgress, signal, exampleProvenance(example));
    // Replace only once everything parsed, so a failing example leaves the previous data loaded.
    this.prices = prices as Loaded<PriceData>;
    this.fx = fx as Loaded<FxData> | null;
    return { config: structuredClone(example.config), prices: prices.summary, fx: fx?.summary ?? null };
  }

  private async parseLoaded(
    name: string,
    bytes: Uint8Array,
    kind: 'prices' | 'fx',
    onProgress: JobProgress,
    signal: AbortSignal,
    provenance: DataSourceInfo = {},
  ): Promise<Loaded<PriceData> | Loaded<FxData>> {
    const { text, sha256 } = await decodeAndHash(bytes, kind, onProgress, signal);
    // A bundled example's data says whether it is synthetic and where it comes from; a user's file says nothing.
    const info: InputFileInfo = { name, bytes: bytes.length, sha256, ...provenance };
    const stage = kind === 'prices' ? 'Parsing prices' : 'Parsing FX rates';
    onProgress(0.5, stage);
    // Parsing is synchronous; its progress messages still reach the page while it runs.
    const parseOptions = { signal, onProgress: (fraction: number) => onProgress(0.5 + 0.5 * fraction, stage) };
    if (kind === 'prices') {
      const [{ parsePriceCsv }, { inferPeriodsPerYear }] = await Promise.all([import('../data/prices'), import('../engine/timeline')]);
      const data = parsePriceCsv(text, parseOptions);
      onProgress(1, 'Prices loaded');
      return { info, data, summary: summarizePrices(info, data, inferredPeriods(data, inferPeriodsPerYear)) };
    }
    const { parseFxCsv } = await import('../data/fx');
    const data = parseFxCsv(text, parseOptions);
    onProgress(1, 'FX rates loaded');
    return { info, data, summary: summarizeFx(info, data) };
  }

  private async loadPrices(name: string, bytes: Uint8Array, onProgress: JobProgress, signal: AbortSignal): Promise<DataSummary> {
    const loaded = (await this.parseLoaded(name, bytes, 'prices', onProgress, signal)) as Loaded<PriceData>;
    this.prices = loaded;
    return loaded.summary;
  }

  private async loadFx(name: string, bytes: Uint8Array, onProgress: JobProgress, signal: AbortSignal): Promise<DataSummary> {
    const loaded = (await this.parseLoaded(name, bytes, 'fx', onProgress, signal)) as Loaded<FxData>;
    this.fx = loaded;
    return loaded.summary;
  }

  private async validate(config: Record<string, unknown>): Promise<InputIssue[]> {
    const { validateConfig } = await import('../engine/config');
    try {
      validateConfig(config);
      return [];
    } catch (error) {
      if (error instanceof BackfolioError && error.issues.length > 0) return error.issues;
      const wire = toWireError(error);
      return [{ path: '', expected: wire.message }];
    }
  }

  private async run(config: Record<string, unknown>, resultId: number, onProgress: JobProgress, signal: AbortSignal): Promise<RunView> {
    if (!this.prices) throw new BackfolioError('INPUT_MISMATCH', 'prices: no price data loaded, expected an example or a price CSV');
    const { runBacktest } = await import('../engine/run');
    onProgress(0, 'Starting');
    const input = this.fx ? { config, prices: this.prices.data, fx: this.fx.data } : { config, prices: this.prices.data };
    const result = runBacktest(input, {
      signal,
      onProgress: ({ fraction, stage }) => onProgress(fraction * 0.95, stage),
    });
    onProgress(0.96, 'Preparing charts and tables');
    const view: RunView = { ...buildResultView(result), analysis: await buildScreenTables(result) };
    // A cancel sent while the engine ran is read here: a cancelled run replaces nothing.
    await yieldToMessages();
    throwIfCancelled(signal);
    const inputs: { prices?: InputFileInfo; fx?: InputFileInfo } = { prices: this.prices.info };
    if (this.fx) inputs.fx = this.fx.info;
    this.results.set(resultId, { result, inputs });
    for (const id of this.results.keys()) if (this.results.size > KEPT_RESULTS) this.results.delete(id);
    onProgress(1, 'Done');
    return view;
  }

  private async exportFormat(
    params: WorkerApi['export']['params'],
    onProgress: JobProgress,
    signal: AbortSignal,
  ): Promise<ExportedFile> {
    const held = this.resultFor(params.resultId);
    const [{ buildReport }, { exportReport }] = await Promise.all([import('../report/build'), import('../export/export')]);
    const at = params.exportedAt ? new Date(params.exportedAt) : new Date();
    const generatedAt = `${at.toISOString().slice(0, 19)}Z`;
    onProgress(0.02, 'Building report');
    const inputs = held.inputs;
    const options = { ...params.options, formats: [params.format] };
    // No prefix: exportReport derives it from the report title (the strategy name), as the CLI does.
    if (options.prefix !== undefined && options.prefix.trim() === '') delete options.prefix;
    const report = buildReport(held.result, options, { generatedAt, inputs });
    if (signal.aborted) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
    // Events are emitted by the page (it also times chart capture); none from here.
    const { files } = await exportReport(report, {
      formats: [params.format],
      signal,
      charts: params.charts,
      now: () => at,
      onProgress: ({ fraction, stage }) => onProgress(0.05 + 0.95 * fraction, stage),
    });
    // A writer's last synchronous step (zipping a workbook) cannot see a cancel; read it now.
    await yieldToMessages();
    throwIfCancelled(signal);
    const file = files[0];
    if (!file) throw new BackfolioError('EXPORT_FAILED', `${params.format}: the writer produced no file`);
    return { fileName: file.name, bytes: file.bytes, mimeType: file.mimeType, extension: file.name.split('.').pop() ?? '', rows: file.rows, warnings: file.warnings };
  }
}
