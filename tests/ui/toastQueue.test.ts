import { describe, expect, it } from 'vitest';
import { ToastQueue, type TimerApi, type Toast } from '../../src/ui/toastQueue';

/** Timers driven by hand: `advance(ms)` fires what is due. */
function fakeTimers(): TimerApi & { advance(ms: number): void } {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    set: (fn, ms) => {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (handle) => void due.delete(handle as number),
    now: () => now,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const first = [...due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!first) break;
        due.delete(first[0]);
        now = first[1].at;
        first[1].fn();
      }
      now = end;
    },
  };
}

function setup(max = 2) {
  const timers = fakeTimers();
  let shown: readonly Toast[] = [];
  const queue = new ToastQueue((v) => (shown = [...v]), max, timers);
  return { timers, queue, titles: () => shown.map((t) => t.title) };
}

describe('toast queue', () => {
  it('shows at most maxVisible and queues the rest in order', () => {
    const { queue, titles } = setup(2);
    queue.show({ kind: 'success', title: 'a' });
    queue.show({ kind: 'success', title: 'b' });
    const c = queue.show({ kind: 'info', title: 'c' });
    expect(titles()).toEqual(['a', 'b']);
    expect(queue.waitingCount()).toBe(1);
    queue.dismiss(c); // a waiting toast can be withdrawn
    expect(queue.waitingCount()).toBe(0);
  });

  it('closes by itself after its duration and promotes the next', () => {
    const { queue, titles, timers } = setup(1);
    queue.show({ kind: 'success', title: 'a', durationMs: 1000 });
    queue.show({ kind: 'success', title: 'b', durationMs: 1000 });
    timers.advance(999);
    expect(titles()).toEqual(['a']);
    timers.advance(1);
    expect(titles()).toEqual(['b']);
    timers.advance(1000);
    expect(titles()).toEqual([]);
  });

  it('keeps errors until dismissed', () => {
    const { queue, titles, timers } = setup();
    queue.show({ kind: 'error', title: 'boom' });
    timers.advance(60_000);
    expect(titles()).toEqual(['boom']);
    expect(queue.dismissLatest()).toBe(true);
    expect(titles()).toEqual([]);
    expect(queue.dismissLatest()).toBe(false);
  });

  it('pauses while hovered and resumes with the time left', () => {
    const { queue, titles, timers } = setup();
    const id = queue.show({ kind: 'success', title: 'a', durationMs: 1000 });
    timers.advance(600);
    queue.pause(id);
    timers.advance(10_000);
    expect(titles()).toEqual(['a']);
    queue.resume(id);
    timers.advance(399);
    expect(titles()).toEqual(['a']);
    timers.advance(1);
    expect(titles()).toEqual([]);
  });

  it('Escape closes the newest visible toast first', () => {
    const { queue, titles } = setup(3);
    queue.show({ kind: 'error', title: 'old' });
    queue.show({ kind: 'error', title: 'new' });
    queue.dismissLatest();
    expect(titles()).toEqual(['old']);
  });
});
