/**
 * The page's side of the export worker: starts it on first use (never at page load), loads a
 * job's report into it once, asks for each format and hands the bytes back. A cancel rejects at
 * once on the page (nothing is delivered) and tells the worker, which stops at its next
 * checkpoint; a worker that does not answer within `cancelGraceMs` (stuck in one long library
 * call) is terminated and started afresh on the next export. A worker that cannot start makes
 * `start()` answer `false`, and `exportReport` writes on the page instead.
 */
import { BackfolioError, type BackfolioErrorCode } from '../errors';
import type { Report } from '../report/model.types';
import { encodeReport, transferablesOf } from './wire';
import type { ExportWorkerToPage, PageToExportWorker, WireExportError, WireFontSource, WireWriterOutput } from './worker.protocol';
import type { CsvWriteOptions, ExportProgress, FontSource, PreparedChart, WriterOutput } from './writer.types';

/** Creates the export worker (a module worker running `export.worker.js`). */
export type ExportWorkerFactory = () => Worker;

/** The part of `Worker` the client uses (tests pass a `MessagePort`-backed fake). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener' | 'removeEventListener'>;

export interface ExportWorkerClientOptions {
  /** How long a cancelled write may take to stop before the worker is terminated (default 250 ms). */
  cancelGraceMs?: number | undefined;
  /** Idle time after which the worker is terminated to free its memory (default 60 s). */
  idleMs?: number | undefined;
}

/** One export's report, loaded in the worker. */
export interface RemoteExportJob {
  /** Writes one built-in format in the worker. */
  write(format: string, request: { fileStem: string; csv?: CsvWriteOptions | undefined; signal?: AbortSignal | undefined; onProgress?: ExportProgress | undefined }): Promise<WriterOutput>;
  /** Frees the report in the worker. */
  release(): void;
}

interface Pending {
  job: number;
  resolve: (output: WireWriterOutput | null) => void;
  reject: (error: Error) => void;
  onProgress?: ExportProgress | undefined;
}

function fromWireError(error: WireExportError): BackfolioError {
  return new BackfolioError(error.code as BackfolioErrorCode, error.message, { issues: error.issues });
}

function aborted(): BackfolioError {
  return new BackfolioError('ABORTED', 'Cancelled by the user.');
}

/** `promise`, or a rejection with `ABORTED` as soon as `signal` fires (waiting for a worker to start). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A copy whose buffer can be transferred without detaching the caller's bytes. */
function ownCopy(bytes: Uint8Array): Uint8Array {
  return bytes.slice();
}

/** Fonts as they cross: base URL resolved against the page now (the worker has another base). */
function toWireFonts(fonts: FontSource | undefined): WireFontSource | null {
  if (fonts === undefined) return null;
  const wire: WireFontSource = {};
  if (fonts.baseUrl !== undefined) {
    const base = (globalThis as { document?: { baseURI?: string } }).document?.baseURI;
    wire.baseUrl = base === undefined ? String(fonts.baseUrl) : new URL(String(fonts.baseUrl), base).href;
  }
  if (fonts.files !== undefined) {
    wire.files = {};
    for (const [name, bytes] of Object.entries(fonts.files)) if (bytes !== undefined) wire.files[name as keyof typeof fonts.files] = ownCopy(bytes);
  }
  return wire;
}

/**
 * A lazily started export worker shared by every export of the page.
 *
 * @example
 * const client = new ExportWorkerClient(() => new Worker(url, { type: 'module' }));
 * if (await client.start()) { const job = await client.open(report, {}); await job.write('xlsx', { fileStem }); }
 */
export class ExportWorkerClient {
  private worker: WorkerLike | null = null;
  private ready: Promise<boolean> | null = null;
  private broken = false;
  private nextJob = 1;
  private nextRequest = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly openJobs = new Set<number>();
  /** Cancelled jobs the worker has answered since (so it is not stuck). */
  private readonly acknowledged = new Set<number>();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly cancelGraceMs: number;
  private readonly idleMs: number;

  constructor(
    private readonly factory: () => WorkerLike,
    options: ExportWorkerClientOptions = {},
  ) {
    this.cancelGraceMs = options.cancelGraceMs ?? 250;
    this.idleMs = options.idleMs ?? 60_000;
  }

  /** Starts the worker if it is not running; `false` when it cannot start (export on the page then). */
  start(): Promise<boolean> {
    if (this.broken) return Promise.resolve(false);
    if (this.ready !== null) return this.ready;
    let worker: WorkerLike;
    try {
      worker = this.factory();
    } catch {
      // No module workers, or a Content-Security-Policy that forbids this one.
      this.broken = true;
      return Promise.resolve(false);
    }
    this.worker = worker;
    this.ready = new Promise<boolean>((resolve) => {
      let started = false;
      worker.addEventListener('message', (event: MessageEvent<ExportWorkerToPage>) => {
        if (event.data.type === 'ready') {
          started = true;
          resolve(true);
          return;
        }
        this.receive(event.data);
      });
      worker.addEventListener('error', (event: Event) => {
        const message = (event as ErrorEvent).message || 'the export worker could not be loaded';
        if (!started) {
          // Never came up (file missing, blocked): remember, and let exports run on the page.
          this.broken = true;
          this.stop();
          resolve(false);
          return;
        }
        this.crash(message);
      });
    });
    return this.ready;
  }

  /**
   * Loads `report` into the worker for one export. The report is encoded (between checkpoints)
   * each time it is loaded: once normally, again if the worker was restarted between two formats
   * (after a cancelled export's worker was terminated), so a job never writes into a worker that
   * does not hold its report.
   */
  async open(
    report: Report,
    options: { charts?: PreparedChart[] | undefined; fonts?: FontSource | undefined; checkpoint?: (() => Promise<void>) | undefined; signal?: AbortSignal | undefined },
  ): Promise<RemoteExportJob> {
    const job = this.nextJob++;
    // Counted from now, so a cancel elsewhere does not terminate the worker while this one encodes.
    this.openJobs.add(job);
    clearTimeout(this.idleTimer);
    let loadedInto: WorkerLike | null = null;
    const load = async (): Promise<void> => {
      if (!(await untilAborted(this.start(), options.signal)) || this.worker === null) throw new BackfolioError('EXPORT_FAILED', 'the export worker is not running');
      const encoded = await encodeReport(report, options.checkpoint);
      const charts = (options.charts ?? []).map((chart) => (chart.kind === 'png' ? { ...chart, bytes: ownCopy(chart.bytes) } : chart));
      const transfer: Transferable[] = [...transferablesOf(encoded)];
      for (const chart of charts) if (chart.kind === 'png') transfer.push(chart.bytes.buffer as ArrayBuffer);
      const fonts = toWireFonts(options.fonts);
      for (const bytes of Object.values(fonts?.files ?? {})) if (bytes !== undefined) transfer.push(bytes.buffer as ArrayBuffer);
      // Encoding yields: the worker may have been stopped meanwhile.
      if (!(await untilAborted(this.start(), options.signal)) || this.worker === null) throw new BackfolioError('EXPORT_FAILED', 'the export worker is not running');
      const worker = this.worker;
      this.openJobs.add(job);
      const request = this.nextRequest++;
      await this.request(job, request, { type: 'load', job, request, report: encoded, charts, fonts }, transfer, options.signal);
      loadedInto = worker;
    };
    try {
      await load();
    } catch (error) {
      this.release(job);
      throw error;
    }
    return {
      write: async (format, request) => {
        if (loadedInto !== this.worker) await load();
        const number = this.nextRequest++;
        const output = await this.request(
          job,
          number,
          { type: 'write', job, request: number, format, fileStem: request.fileStem, csv: request.csv ?? null },
          [],
          request.signal,
          request.onProgress,
        );
        if (output === null) throw new BackfolioError('INTERNAL', `export worker: ${format} returned no file`);
        return output;
      },
      release: () => this.release(job),
    };
  }

  /** Stops the worker now (pending exports fail); the next export starts a new one. */
  terminate(): void {
    this.crash('the export worker was stopped');
  }

  private request(
    job: number,
    request: number,
    message: PageToExportWorker,
    transfer: Transferable[],
    signal: AbortSignal | undefined,
    onProgress?: ExportProgress,
  ): Promise<WireWriterOutput | null> {
    const worker = this.worker;
    if (worker === null) return Promise.reject(new BackfolioError('EXPORT_FAILED', 'the export worker is not running'));
    if (signal?.aborted) return Promise.reject(aborted());
    return new Promise<WireWriterOutput | null>((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(request);
        reject(aborted());
        this.cancel(job);
      };
      const settle = (): void => signal?.removeEventListener('abort', onAbort);
      this.pending.set(request, {
        job,
        onProgress,
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(message, transfer);
    });
  }

  private receive(message: ExportWorkerToPage): void {
    if (message.type === 'ready') return;
    const pending = this.pending.get(message.request);
    if (pending === undefined || pending.job !== message.job) {
      // An answer to a cancelled request: the worker is alive, so no need to terminate it.
      this.acknowledged.add(message.job);
      return;
    }
    switch (message.type) {
      case 'progress':
        pending.onProgress?.({ fraction: message.fraction, stage: message.stage });
        return;
      case 'done':
        this.pending.delete(message.request);
        pending.resolve(message.output);
        return;
      case 'failed':
        this.pending.delete(message.request);
        pending.reject(fromWireError(message.error));
        return;
    }
  }

  /** Tells the worker to stop a job; terminates it if it does not answer within the grace period. */
  private cancel(job: number): void {
    const worker = this.worker;
    if (worker === null) return;
    this.acknowledged.delete(job);
    worker.postMessage({ type: 'cancel', job } satisfies PageToExportWorker);
    setTimeout(() => {
      if (this.worker !== worker || this.acknowledged.has(job)) return;
      // Still inside one long library call. Terminated unless another export is using it (that
      // one would lose its work); the next export then starts a fresh worker.
      const othersOpen = [...this.openJobs].some((other) => other !== job);
      if (!othersOpen) this.stop();
    }, this.cancelGraceMs);
  }

  private release(job: number): void {
    this.openJobs.delete(job);
    this.acknowledged.delete(job);
    this.worker?.postMessage({ type: 'release', job } satisfies PageToExportWorker);
    if (this.openJobs.size === 0) {
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => {
        if (this.openJobs.size === 0) this.stop();
      }, this.idleMs);
    }
  }

  /** Fails every pending request and forgets the worker (a new one starts on the next export). */
  private crash(reason: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.stop();
    for (const p of pending) p.reject(new BackfolioError('EXPORT_FAILED', `export worker: ${reason}`));
  }

  private stop(): void {
    clearTimeout(this.idleTimer);
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.openJobs.clear();
  }
}
