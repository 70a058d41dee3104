/**
 * Starting the dashboard's backtest worker in a host page, for `WorkerClient`. The literal
 * `new Worker(new URL('…', import.meta.url))` is what bundlers (Vite, webpack 5, Parcel) turn
 * into a separate worker file; the library build points it at the self-contained
 * `dist-lib/assets/backtest.worker.js` (no bare imports, so Vite's dev server needs no
 * `optimizeDeps` settings for it).
 */

/**
 * Starts a backtest worker (a module worker).
 *
 * @example
 * const client = new WorkerClient({ create: createBacktestWorker });
 * const view = await client.call('run', { config }).promise;
 */
export function createBacktestWorker(): Worker {
  return new Worker(new URL('../worker/backtest.worker.ts', import.meta.url), { type: 'module', name: 'backfolio' });
}
