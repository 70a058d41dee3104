/**
 * A sweep worker (see sweep.ts): receives the shared data once, then runs one configuration per
 * message and answers with its summary. The same file runs as a module Web Worker in a page and
 * as a `worker_threads` Worker in Node; `port` is the one adapter between the two.
 */
import { runBacktest } from '../engine/run';
import { findNodeBuiltin } from '../node-builtins';
import { serveTasks } from './pool';
import { describeRunError, fromWireData, summariseRun, type SweepData, type SweepRun, type SweepTask, type WireData } from './sweep';

interface Port {
  postMessage(message: unknown): void;
  onMessage(handler: (message: unknown) => void): void;
}

/** Serves sweep tasks on `port`: the data is rebuilt once (Decimals from text), then shared by every run. */
function serve(port: Port): void {
  let cache: { wire: WireData; data: SweepData } | null = null;
  serveTasks<WireData, SweepTask, SweepRun>(
    port,
    (task, wire) => {
      if (cache === null || cache.wire !== wire) cache = { wire, data: fromWireData(wire) };
      const { data } = cache;
      return summariseRun(task.index, runBacktest({ config: task.config, prices: data.prices, ...(data.fx ? { fx: data.fx } : {}) }));
    },
    describeRunError,
  );
}

// This worker's link to whoever started it: `worker_threads`' parentPort in Node (it holds
// messages until a listener is attached), `self` in a page (attached at once, before any message).
const threads = findNodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
if (threads !== undefined) {
  const { parentPort } = threads;
  if (parentPort === null) throw new Error('sweep.worker: not started as a worker');
  serve({ postMessage: (message) => parentPort.postMessage(message), onMessage: (handler) => parentPort.on('message', handler) });
} else {
  const scope = globalThis as unknown as { postMessage(message: unknown): void; addEventListener(type: 'message', listener: (event: MessageEvent) => void): void };
  serve({ postMessage: (message) => scope.postMessage(message), onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data)) });
}
