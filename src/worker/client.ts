/**
 * The page's side of the worker: typed calls with progress, cancel, and recovery. A worker that
 * crashes, or that does not stop within `cancelGraceMs` of a cancel (a synchronous engine loop
 * cannot read the cancel message), is terminated and recreated, and the data it held is loaded
 * again by replaying the calls that loaded it.
 */
import { BackfolioError, type BackfolioErrorCode } from '../errors';
import type { PageToWorker, WireError, WorkerApi, WorkerToPage } from './protocol';

/** A request in flight. */
export interface Job<T> {
  id: number;
  promise: Promise<T>;
  /** Asks the worker to stop; the promise rejects with `ABORTED`. */
  cancel(): void;
}

/** Options of one call. */
export interface CallOptions {
  onProgress?: (fraction: number, stage: string) => void;
  transfer?: Transferable[];
  /** Replayed into a recreated worker (calls that load data or compute the result). */
  replay?: boolean;
}

/** How the client makes its worker and reports crashes. */
export interface WorkerClientOptions {
  /** Creates a worker (the page passes `new Worker(new URL(...), { type: 'module' })`). */
  create: () => Worker;
  /** Told when the worker crashed and was recreated (the page shows a toast); `dataLost` when it restarted empty. */
  onCrash?: (message: string, dataLost: boolean) => void;
  /** How long a cancelled job may take to stop before the worker is terminated. */
  cancelGraceMs?: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onProgress?: (fraction: number, stage: string) => void;
}

interface ReplayEntry {
  type: keyof WorkerApi;
  params: unknown;
  /** A copy of transferred buffers, so the call can be sent again. */
  copy: () => { params: unknown; transfer: Transferable[] };
}

/** A wire error as a `BackfolioError` (codes outside the union become `INTERNAL`). */
export function fromWireError(error: WireError): BackfolioError {
  return new BackfolioError(error.code as BackfolioErrorCode, error.message, { issues: error.issues });
}

/** What the worker holds, as the calls that loaded it: replaying them rebuilds it. */
interface DataState {
  prices: ReplayEntry | null;
  /** FX from an example (the same call as the prices, or an earlier example), a file, or none. */
  fx: { from: 'example' | 'file'; entry: ReplayEntry } | null;
}

const CLEAR_FX: ReplayEntry = { type: 'clear_fx', params: {}, copy: () => ({ params: {}, transfer: [] }) };

/** The calls that rebuild a data state, in order. */
export function reconstructCalls<E extends { type: string }>(state: { prices: E | null; fx: { from: 'example' | 'file'; entry: E } | null }, clearFx: E): E[] {
  const calls: E[] = [];
  if (state.fx?.from === 'example' && state.fx.entry !== state.prices) calls.push(state.fx.entry);
  if (state.prices) calls.push(state.prices);
  if (state.fx?.from === 'file') calls.push(state.fx.entry);
  else if (state.fx === null && state.prices?.type === 'load_example') calls.push(clearFx);
  return calls;
}

/** Typed client of the backtest worker. */
export class WorkerClient {
  private worker: Worker;
  private nextId = 1;
  /** Crashes since the worker last answered anything. */
  private crashes = 0;
  private readonly pending = new Map<number, Pending>();
  /** Jobs the page cancelled: an answer that still arrives is turned into `ABORTED`. */
  private readonly cancelled = new Set<number>();
  private data: DataState = { prices: null, fx: null };
  /** The last successful run and the data it ran on. */
  private lastRun: { entry: ReplayEntry; data: DataState } | null = null;
  private readonly options: WorkerClientOptions;

  constructor(options: WorkerClientOptions) {
    this.options = options;
    this.worker = this.spawn();
  }

  /** Sends a request; progress arrives through `options.onProgress`. */
  call<K extends keyof WorkerApi>(type: K, params: WorkerApi[K]['params'], options: CallOptions = {}): Job<WorkerApi[K]['result']> {
    const id = this.nextId++;
    let entry: ReplayEntry | null = null;
    if (options.replay) entry = this.replayEntry(type, params);
    const promise = new Promise<WorkerApi[K]['result']>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: options.onProgress });
    });
    const sent = entry ? entry.copy() : { params, transfer: options.transfer ?? [] };
    this.post({ id, type, params: sent.params } as PageToWorker, sent.transfer);
    if (entry) {
      const recorded = entry;
      promise.then(() => this.record(recorded), () => undefined);
    }
    return { id, promise, cancel: () => this.cancel(id) };
  }

  /** Stops the worker for good (page unload, tests). */
  dispose(): void {
    this.worker.terminate();
    this.rejectAll('ABORTED', 'The worker was closed.');
  }

  private spawn(): Worker {
    const worker = this.options.create();
    worker.addEventListener('message', (event: MessageEvent<WorkerToPage>) => this.receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.recover(`The background worker stopped unexpectedly${event.message ? ` (${event.message})` : ''}.`);
    });
    worker.addEventListener('messageerror', () => this.recover('The background worker sent a message the page could not read.'));
    return worker;
  }

  private post(message: PageToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private receive(message: WorkerToPage): void {
    this.crashes = 0;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.kind === 'progress') {
      pending.onProgress?.(message.fraction, message.stage);
      return;
    }
    this.pending.delete(message.id);
    const cancelled = this.cancelled.delete(message.id);
    // The work may have finished before the worker read the cancel: a cancelled job never delivers.
    if (message.kind === 'ok' && cancelled) pending.reject(new BackfolioError('ABORTED', 'Cancelled by the user.'));
    else if (message.kind === 'ok') pending.resolve(message.value);
    else pending.reject(fromWireError(message.error));
  }

  private cancel(id: number): void {
    if (!this.pending.has(id)) return;
    this.cancelled.add(id);
    this.post({ id: this.nextId++, type: 'cancel', target: id });
    const grace = this.options.cancelGraceMs ?? 300;
    setTimeout(() => {
      const pending = this.pending.get(id);
      if (!pending) return;
      this.cancelled.delete(id);
      // Still busy (a synchronous loop): stop the thread, answer the job, restore the data.
      this.pending.delete(id);
      pending.reject(new BackfolioError('ABORTED', 'Cancelled by the user.'));
      this.restart();
    }, grace);
  }

  private recover(message: string): void {
    this.crashes += 1;
    // A second crash before any answer means replaying the data crashes it too: start empty.
    const dropData = this.crashes >= 2;
    if (dropData) {
      this.data = { prices: null, fx: null };
      this.lastRun = null;
    }
    const after = dropData ? 'It has been restarted without data: load your data again.' : 'It has been restarted and your data reloaded; please try again.';
    this.rejectAll('INTERNAL', `${message} ${after}`);
    this.restart();
    this.options.onCrash?.(dropData ? `${message} The data could not be reloaded; load it again.` : message, dropData);
  }

  private rejectAll(code: BackfolioErrorCode, message: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new BackfolioError(code, message));
  }

  private restart(): void {
    this.worker.terminate();
    const others = [...this.pending.entries()];
    this.pending.clear();
    this.worker = this.spawn();
    // Replay first: the worker handles messages in order, so later calls see the data again.
    for (const entry of this.replayCalls()) {
      const sent = entry.copy();
      this.post({ id: this.nextId++, type: entry.type, params: sent.params } as PageToWorker, sent.transfer);
    }
    // Calls in flight on the old worker are lost with it.
    for (const [, p] of others) p.reject(new BackfolioError('INTERNAL', 'The background worker was restarted; please try again.'));
  }

  private replayEntry(type: keyof WorkerApi, params: unknown): ReplayEntry {
    // Keep our own copy of any ArrayBuffer so that it can be transferred again after a restart.
    const kept = params !== null && typeof params === 'object' && 'bytes' in params && (params as { bytes: unknown }).bytes instanceof ArrayBuffer
      ? (params as { bytes: ArrayBuffer }).bytes.slice(0)
      : null;
    return {
      type,
      params,
      copy: () => {
        if (!kept) return { params, transfer: [] };
        const bytes = kept.slice(0);
        return { params: { ...(params as object), bytes }, transfer: [bytes] };
      },
    };
  }

  /** The data the last run used, the run, then what changed in the data since. */
  private replayCalls(): ReplayEntry[] {
    const now = reconstructCalls(this.data, CLEAR_FX);
    if (!this.lastRun) return now;
    const then = this.lastRun.data;
    const calls = [...reconstructCalls(then, CLEAR_FX), this.lastRun.entry];
    const fxSame = then.fx === this.data.fx || (then.fx !== null && this.data.fx !== null && then.fx.from === this.data.fx.from && then.fx.entry === this.data.fx.entry);
    if (then.prices === this.data.prices && fxSame) return calls;
    // Loading a price file leaves FX alone, so only the prices need loading again.
    if (fxSame && this.data.prices?.type === 'load_prices') return [...calls, this.data.prices];
    return [...calls, ...now];
  }

  private record(entry: ReplayEntry): void {
    switch (entry.type) {
      case 'load_example':
        this.data = { prices: entry, fx: { from: 'example', entry } };
        break;
      case 'load_prices':
        this.data = { ...this.data, prices: entry };
        break;
      case 'load_fx':
        this.data = { ...this.data, fx: { from: 'file', entry } };
        break;
      case 'clear_fx':
        this.data = { ...this.data, fx: null };
        break;
      case 'run':
        this.lastRun = { entry, data: { ...this.data } };
        break;
      default:
        break;
    }
  }
}
