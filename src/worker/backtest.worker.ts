/**
 * The backtest worker: a thin adapter from `postMessage` to `WorkerService`. Each request gets an
 * AbortController; a `cancel` message fires it. (A synchronous engine loop cannot read messages
 * while it runs, so the page also terminates a worker that does not stop promptly: see client.ts.)
 */
/// <reference lib="webworker" />
import type { PageToWorker, WorkerToPage } from './protocol';
import { WorkerService, toWireError } from './service';

declare const self: DedicatedWorkerGlobalScope;

const service = new WorkerService();
const jobs = new Map<number, AbortController>();
// Requests run one after another, in the order sent: handlers await (imports, parsing), and a
// load must not finish after a later run has started on the data it replaces.
let queue: Promise<unknown> = Promise.resolve();

function post(message: WorkerToPage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

self.addEventListener('message', (event: MessageEvent<PageToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    jobs.get(message.target)?.abort();
    return;
  }
  const controller = new AbortController();
  jobs.set(message.id, controller);
  let lastProgress = 0;
  let lastStage = '';
  const onProgress = (fraction: number, stage: string): void => {
    // At most ~30 updates a second of the same stage: enough for a bar, cheap for the page. A new
    // stage always goes through, so the page names every step (and a cancel can be aimed at it).
    const now = Date.now();
    if (fraction < 1 && stage === lastStage && now - lastProgress < 33) return;
    lastProgress = now;
    lastStage = stage;
    post({ id: message.id, kind: 'progress', fraction, stage });
  };
  queue = queue
    .then(() => service.handle(message.type, message.params, onProgress, controller.signal))
    .then((value) => {
      // Never deliver what was cancelled, even when the work finished before the cancel was read.
      if (controller.signal.aborted) {
        post({ id: message.id, kind: 'error', error: { code: 'ABORTED', message: 'Cancelled by the user.', issues: [] } });
        return;
      }
      const transfer: Transferable[] = [];
      if (message.type === 'export' && value !== null && typeof value === 'object' && 'bytes' in value) {
        const bytes = (value as { bytes: Uint8Array }).bytes;
        if (bytes.buffer instanceof ArrayBuffer) transfer.push(bytes.buffer);
      }
      post({ id: message.id, kind: 'ok', value }, transfer);
    })
    .catch((error: unknown) => {
      post({ id: message.id, kind: 'error', error: toWireError(error) });
    })
    .finally(() => jobs.delete(message.id));
});
