/**
 * A pool of workers that runs many independent tasks, the same code in a page (Web Workers) and
 * in Node (`worker_threads`): each kind of worker is wrapped by a small adapter into `PoolWorker`,
 * and the pool only ever sees that. Every worker first receives the shared `init` payload (e.g.
 * the price data, sent once), then one task at a time; results come back in task order whatever
 * the order they finish in. A cancel (`signal`) terminates the workers at once: a synchronous task
 * cannot read messages while it runs.
 */
import { BackfolioError, throwIfAborted } from '../errors';

/** What the pool needs of a worker, whatever runs it. */
export interface PoolWorker {
  postMessage(message: unknown): void;
  /** Called with every message the worker sends. */
  onMessage(handler: (message: unknown) => void): void;
  /** Called when the worker fails outside a task (a crash, a script that does not load). */
  onError(handler: (error: Error) => void): void;
  terminate(): void;
}

/** The messages between the pool and a worker (see `serveTasks` for the worker's side). */
export type PoolRequest<Init, Task> = { kind: 'init'; init: Init } | { kind: 'task'; id: number; task: Task };
export type PoolReply<Result> =
  | { kind: 'result'; id: number; result: Result }
  | { kind: 'failure'; id: number; error: { code: string; message: string } };

/** Wraps a Web Worker (or anything with its API) for the pool. */
export function adaptWebWorker(worker: Worker): PoolWorker {
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (handler) => worker.addEventListener('message', (event: MessageEvent) => handler(event.data)),
    onError: (handler) =>
      worker.addEventListener('error', (event: ErrorEvent) => {
        event.preventDefault();
        handler(new Error(event.message || 'the worker failed to start'));
      }),
    terminate: () => worker.terminate(),
  };
}

/** The part of Node's `worker_threads` `Worker` the adapter uses (typed here so pages need no Node types). */
export interface NodeWorkerLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

/** Wraps a Node `worker_threads` Worker for the pool. */
export function adaptNodeWorker(worker: NodeWorkerLike): PoolWorker {
  let terminated = false;
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (handler) => {
      worker.on('message', handler);
    },
    onError: (handler) => {
      worker.on('error', handler);
      worker.on('exit', (code) => {
        if (!terminated && code !== 0) handler(new Error(`the worker exited with code ${code}`));
      });
    },
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
}

/** Options of `runOnPool`. */
export interface PoolRunOptions {
  /** Stops the run: the workers are terminated and the promise rejects with `ABORTED`. */
  signal?: AbortSignal;
  /** After each task: how many are done, of how many. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs `tasks` on `size` workers made by `create` (at most one per task), each initialised with
 * `init`; resolves with every task's result in task order. A task that throws in the worker gives
 * a `failure` entry (`{ error }`) in its place rather than stopping the others; a worker that
 * crashes rejects the whole run. The workers are terminated at the end either way.
 */
export function runOnPool<Init, Task, Result>(
  create: () => PoolWorker,
  size: number,
  init: Init,
  tasks: readonly Task[],
  options: PoolRunOptions = {},
): Promise<(Result | { error: { code: string; message: string } })[]> {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const results = new Array<Result | { error: { code: string; message: string } }>(tasks.length);
  if (tasks.length === 0) return Promise.resolve(results);
  const workers: PoolWorker[] = [];
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) worker.terminate();
      if (error === null) resolve(results);
      else reject(error);
    };
    const onAbort = (): void => finish(new BackfolioError('ABORTED', 'Cancelled by the user.'));
    signal?.addEventListener('abort', onAbort);
    const feed = (worker: PoolWorker): void => {
      if (next >= tasks.length) return;
      const id = next++;
      worker.postMessage({ kind: 'task', id, task: tasks[id] as Task } satisfies PoolRequest<Init, Task>);
    };
    const count = Math.max(1, Math.min(size, tasks.length));
    for (let w = 0; w < count; w++) {
      let worker: PoolWorker;
      try {
        worker = create();
      } catch (error) {
        finish(error);
        return;
      }
      workers.push(worker);
      worker.onMessage((message) => {
        const reply = message as PoolReply<Result>;
        if (settled || (reply.kind !== 'result' && reply.kind !== 'failure')) return;
        results[reply.id] = reply.kind === 'result' ? reply.result : { error: reply.error };
        done++;
        onProgress?.(done, tasks.length);
        if (done === tasks.length) finish(null);
        else feed(worker);
      });
      worker.onError((error) => finish(new BackfolioError('INTERNAL', `A pool worker failed: ${error.message}`, { cause: error })));
      worker.postMessage({ kind: 'init', init } satisfies PoolRequest<Init, Task>);
      feed(worker);
    }
  });
}

/** The worker's side of a pool worker: keeps the `init` payload and answers each task with `handle`. */
export function serveTasks<Init, Task, Result>(
  port: { postMessage(message: unknown): void; onMessage(handler: (message: unknown) => void): void },
  handle: (task: Task, init: Init) => Result,
  describeError: (error: unknown) => { code: string; message: string },
): void {
  let shared: Init | undefined;
  port.onMessage((message) => {
    const request = message as PoolRequest<Init, Task>;
    if (request.kind === 'init') {
      shared = request.init;
      return;
    }
    let reply: PoolReply<Result>;
    try {
      reply = { kind: 'result', id: request.id, result: handle(request.task, shared as Init) };
    } catch (error) {
      reply = { kind: 'failure', id: request.id, error: describeError(error) };
    }
    port.postMessage(reply);
  });
}
