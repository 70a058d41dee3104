/**
 * Many backtests at once: `runSweep` runs a list of configurations on the same data on a pool of
 * workers sized to the machine's cores (Web Workers in a page, `worker_threads` in Node; see
 * pool.ts), and returns each run's metrics in configuration order. The price data crosses to each
 * worker once, as text (Decimals do not survive structured clone); each run's summary comes back
 * as plain numbers and decimal strings.
 */
import { BackfolioError } from '../errors';
import { findNodeBuiltin } from '../node-builtins';
import { decimalFromText } from '../engine/decimal';
import type { BacktestResult, FxData, MetricValue, PriceData, RunConfig } from '../engine/types';
import { adaptNodeWorker, adaptWebWorker, runOnPool, type NodeWorkerLike, type PoolWorker } from './pool';

/** The data every run of a sweep shares. */
export interface SweepData {
  prices: PriceData;
  fx?: FxData;
}

/** One portfolio of a run: its name and every metric (money as exact decimal strings). */
export interface SweepPortfolio {
  name: string;
  key: string;
  role: 'strategy' | 'benchmark';
  metrics: Record<string, number | string | null>;
}

/** The outcome of one configuration, at its index in the list. */
export type SweepRun =
  | { index: number; name: string; portfolios: SweepPortfolio[]; warnings: string[]; error?: undefined }
  | { index: number; error: { code: string; message: string } };

/** Options of `runSweep`. */
export interface SweepOptions {
  /**
   * Workers to use: by default one fewer than the machine's cores (`navigator.hardwareConcurrency`,
   * `os.availableParallelism()`), at least one; never more than there are configurations; `0`
   * runs every configuration here, one after another (no workers).
   */
  workers?: number;
  /** Stops the sweep: the workers are terminated and the promise rejects with `ABORTED`. */
  signal?: AbortSignal;
  /** After each run: how many are done, of how many. */
  onProgress?: (progress: { done: number; total: number; fraction: number }) => void;
  /**
   * Makes one worker running src/worker/sweep.worker.ts (default: a module Web Worker in a page,
   * a `worker_threads` Worker in Node).
   */
  createWorker?: () => PoolWorker;
}

/** Price and FX data as text, for the trip to a worker. */
export interface WireData {
  form: PriceData['form'];
  assets: { symbol: string; currency: string | null; dates: string[]; prices: string[] }[];
  fx: { date: string; from: string; to: string; rate: string }[] | null;
}

/** One run for a worker: the configuration as given (JSON), and its place in the list. */
export interface SweepTask {
  index: number;
  config: Record<string, unknown>;
}

/** A price as its exact text (the text it was read from when there is one). */
function priceText(point: { price: { toString(): string } } & { toJSON?: () => { price?: unknown } }): string {
  const given = typeof point.toJSON === 'function' ? point.toJSON().price : undefined;
  return typeof given === 'string' ? given : point.price.toString();
}

/** `data` as text (exact decimals), the form a worker receives. */
export function toWireData(data: SweepData): WireData {
  return {
    form: data.prices.form,
    assets: data.prices.assets.map((asset) => ({
      symbol: asset.symbol,
      currency: asset.currency,
      dates: asset.points.map((p) => p.date),
      prices: asset.points.map(priceText),
    })),
    fx: data.fx === undefined ? null : data.fx.rates.map((r) => ({ date: r.date, from: r.from, to: r.to, rate: r.rate.toString() })),
  };
}

/** The data back from text, with the engine's Decimals. */
export function fromWireData(wire: WireData): SweepData {
  const prices: PriceData = {
    form: wire.form,
    assets: wire.assets.map((asset) => ({
      symbol: asset.symbol,
      currency: asset.currency,
      points: asset.dates.map((date, i) => ({ date, price: decimalFromText(asset.prices[i] as string) })),
    })),
  };
  return wire.fx === null ? { prices } : { prices, fx: { rates: wire.fx.map((r) => ({ ...r, rate: decimalFromText(r.rate) })) } };
}

function plainMetric(value: MetricValue): number | string | null {
  return value === null || typeof value === 'number' ? value : value.toFixed();
}

/** The summary of a finished run that a sweep returns. */
export function summariseRun(index: number, result: BacktestResult): SweepRun {
  const portfolios = [result.strategy, ...result.benchmarks].map(
    (p): SweepPortfolio => ({
      name: p.name,
      key: p.key,
      role: p.role,
      metrics: Object.fromEntries(Object.entries(p.metrics).map(([key, value]) => [key, plainMetric(value)])),
    }),
  );
  return { index, name: result.config.name, portfolios, warnings: result.warnings.map((w) => w.message) };
}

/** A failure as plain data (code and message), for the trip back from a worker. */
export function describeRunError(error: unknown): { code: string; message: string } {
  if (error instanceof BackfolioError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Runs one task on data already rebuilt (what a worker does for each message). */
export async function runSweepTask(task: SweepTask, data: SweepData): Promise<SweepRun> {
  const { runBacktest } = await import('../engine/run');
  return summariseRun(task.index, runBacktest({ config: task.config, prices: data.prices, ...(data.fx ? { fx: data.fx } : {}) }));
}

/** The machine's cores (1 when unknown). */
export function countCores(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (typeof nav?.hardwareConcurrency === 'number' && nav.hardwareConcurrency > 0) return nav.hardwareConcurrency;
  const os = findNodeBuiltin<{ availableParallelism?: () => number }>('node:os');
  return Math.max(1, os?.availableParallelism?.() ?? 1);
}

/**
 * Workers a sweep uses by default: one fewer than the cores (at least one). The spare core keeps
 * a page responsive and runs V8's garbage collector and compiler threads, which a worker keeps
 * half busy: on 2 cores one worker used 1.5 cores, and a second worker made the bench's sweep
 * slower (1.2 s against 1.05 s).
 */
export function defaultPoolSize(): number {
  return Math.max(1, countCores() - 1);
}

function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string' && typeof (globalThis as { document?: unknown }).document === 'undefined';
}

/**
 * Runs every configuration in `configs` on `data` and returns one `SweepRun` per configuration,
 * in order: its portfolios' metrics and warnings, or the error that stopped it (a configuration
 * that does not validate fails alone). Uses `options.workers` workers (default: the cores).
 *
 * @example
 * const configs = [20, 60, 120].map((lookback) => ({ ...base, strategy: { ...base.strategy, lookback } }));
 * const runs = await runSweep(configs, { prices }, { onProgress: ({ fraction }) => bar.update(fraction) });
 * runs.map((run) => (run.error ? run.error.message : run.portfolios[0].metrics.sharpe_ratio));
 */
export async function runSweep(configs: readonly (RunConfig | Record<string, unknown>)[], data: SweepData, options: SweepOptions = {}): Promise<SweepRun[]> {
  const total = configs.length;
  const report = (done: number): void => options.onProgress?.({ done, total, fraction: total === 0 ? 1 : done / total });
  const size = Math.min(options.workers ?? defaultPoolSize(), total);
  const tasks: SweepTask[] = configs.map((config, index) => ({ index, config: config as Record<string, unknown> }));
  if (size <= 0) {
    const { throwIfAborted } = await import('../errors');
    const runs: SweepRun[] = [];
    for (const task of tasks) {
      throwIfAborted(options.signal);
      try {
        runs.push(await runSweepTask(task, data));
      } catch (error) {
        runs.push({ index: task.index, error: describeRunError(error) });
      }
      report(runs.length);
    }
    return runs;
  }
  const create = options.createWorker ?? (await defaultWorkerFactory());
  const results = await runOnPool<WireData, SweepTask, SweepRun>(create, size, toWireData(data), tasks, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (done) => report(done),
  });
  return results.map((result, index) => ('error' in result && !('portfolios' in result) ? { index, error: result.error } : (result as SweepRun)));
}

let nodeWorkerScript: Promise<string> | null = null;

/** Node's built-in module `id`; a sweep in Node needs Node 20.16 or later (getBuiltinModule). */
function requireNodeBuiltin<T>(id: string): T {
  const module = findNodeBuiltin<T>(id);
  if (module === undefined) throw new BackfolioError('INTERNAL', `runSweep: Node's ${id} is not available (Node 20.16 or later is needed)`);
  return module;
}

/** How this environment makes a sweep worker. */
async function defaultWorkerFactory(): Promise<() => PoolWorker> {
  if (!isNode()) {
    return () => adaptWebWorker(new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'backfolio-sweep' }));
  }
  const { Worker: NodeWorker } = requireNodeBuiltin<{ Worker: new (url: URL) => NodeWorkerLike }>('node:worker_threads');
  nodeWorkerScript ??= locateNodeWorkerScript();
  const script = await nodeWorkerScript;
  return () => adaptNodeWorker(new NodeWorker(new URL(script)));
}

/**
 * The sweep worker as JavaScript Node can start: the library's `assets/sweep.worker.js` (its
 * build rewrites the URL below to that file), or, when running from the TypeScript sources
 * (tests, bench), src/worker/sweep.worker.ts bundled once per process with esbuild into a
 * temporary file.
 */
async function locateNodeWorkerScript(): Promise<string> {
  const { existsSync, mkdtempSync } = requireNodeBuiltin<typeof import('node:fs')>('node:fs');
  const { fileURLToPath, pathToFileURL } = requireNodeBuiltin<typeof import('node:url')>('node:url');
  const script = new URL('./sweep.worker.ts', import.meta.url);
  if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) {
    throw new BackfolioError('INTERNAL', 'runSweep: no sweep worker script found beside the library; pass options.createWorker');
  }
  if (!script.pathname.endsWith('.ts')) return script.href;
  // A development dependency, loaded only from the sources: required at run time, so no bundler follows it.
  const { createRequire } = requireNodeBuiltin<typeof import('node:module')>('node:module');
  const { tmpdir } = requireNodeBuiltin<typeof import('node:os')>('node:os');
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const outfile = `${mkdtempSync(`${tmpdir()}/backfolio-sweep-`)}/sweep.worker.mjs`;
  await esbuild.build({ entryPoints: [fileURLToPath(script)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  return pathToFileURL(outfile).href;
}
