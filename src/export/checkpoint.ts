/**
 * Cooperative yielding for writers: long synchronous work (SheetJS, jsPDF, zipping) keeps the
 * host's page responsive only if it hands the event loop back now and then, and it can only stop
 * on cancel where it looks at the signal. Writers call `await context.checkpoint()` between units
 * of work; it is cheap when no time has passed.
 */
import { throwIfAborted } from '../errors';

/** Longest stretch of work between two yields, in milliseconds. */
export const YIELD_INTERVAL_MS = 40;

/** Hands the event loop back once (a macrotask, so rendering and input can run). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A checkpoint for one export: throws `ABORTED` once `signal` fires, and yields when at least
 * `intervalMs` have passed since the last yield.
 *
 * @example
 * const checkpoint = createCheckpoint(signal);
 * for (const row of rows) { writeRow(row); if (++n % 500 === 0) await checkpoint(); }
 */
export function createCheckpoint(signal: AbortSignal | undefined, intervalMs = YIELD_INTERVAL_MS, clock: () => number = () => performance.now()): () => Promise<void> {
  let last = clock();
  return async () => {
    throwIfAborted(signal);
    if (clock() - last < intervalMs) return;
    await yieldToEventLoop();
    last = clock();
    throwIfAborted(signal);
  };
}
