/**
 * The export worker: a thin adapter from `postMessage` to `ExportWorkerService`. Started by
 * `exportReport` on the first export of a page (see worker-client.ts); says `ready` once loaded,
 * so a page whose worker cannot start (a blocking Content-Security-Policy, a missing file) falls
 * back to writing on its own thread.
 */
/// <reference lib="webworker" />
import { Dec } from '../engine/decimal';
import type { PageToExportWorker } from './worker.protocol';
import { ExportWorkerService } from './worker-service';

declare const self: DedicatedWorkerGlobalScope;

const service = new ExportWorkerService(
  (message, transfer) => self.postMessage(message, transfer ?? []),
  // Decimals come back as the engine's constructor (64 digits), as the page built them.
  (text) => new Dec(text),
);

self.addEventListener('message', (event: MessageEvent<PageToExportWorker>) => service.handle(event.data));
self.postMessage({ type: 'ready' });
