/**
 * The export worker's script, named by a literal `new Worker(new URL('…', import.meta.url))` so
 * bundlers emit it as a worker file (see assets.ts for how the library build points it at
 * `dist-lib/assets/export.worker.js`). Apart from the fonts' URLs so the writers, which the
 * worker itself runs, never reference the worker script.
 */

/** Starts the export worker (a module worker). Called on the first export, never at page load. */
export function createExportWorker(): Worker {
  return new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'backfolio-export' });
}
