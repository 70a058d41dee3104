import { describe, expect, it } from 'vitest';
import { createCheckpoint } from '../../src/export/checkpoint';
import { isAbortError } from '../../src/errors';

describe('createCheckpoint', () => {
  it('yields to the event loop only once the interval has passed', async () => {
    let now = 0;
    const checkpoint = createCheckpoint(undefined, 40, () => now);
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    await checkpoint();
    expect(timerRan).toBe(false); // no time passed: no yield, the timer has not run
    now = 41;
    await checkpoint();
    expect(timerRan).toBe(true); // yielded a macrotask
  });

  it('throws ABORTED once the signal fired, before and after yielding', async () => {
    const controller = new AbortController();
    const checkpoint = createCheckpoint(controller.signal, 40, () => 0);
    await checkpoint();
    controller.abort();
    const error = await checkpoint().catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
  });
});
