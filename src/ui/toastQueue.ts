/**
 * Toast queue logic without the DOM: at most `maxVisible` toasts show, the rest wait in order;
 * each visible toast closes after its duration unless paused (hover, focus) or sticky (0).
 * Timers are injected so tests drive time by hand.
 */

/** What a toast reports; sets its look and default duration. */
export type ToastKind = 'success' | 'error' | 'info' | 'cancelled';

/** A button on a toast (Retry, Share); the toast closes when it is pressed. */
export interface ToastAction {
  label: string;
  run: () => void;
}

/** What `show()` takes. */
export interface ToastInput {
  kind: ToastKind;
  title: string;
  message?: string;
  /** e.g. Retry, Share. */
  actions?: ToastAction[];
  /** Milliseconds before closing by itself; 0 keeps it until dismissed. */
  durationMs?: number;
}

/** A queued or visible toast. */
export interface Toast extends Required<Omit<ToastInput, 'message'>> {
  id: number;
  message: string;
}

/** setTimeout/clearTimeout, or fakes in tests. */
export interface TimerApi {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

/** The browser's timers. */
export const realTimers: TimerApi = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Default durations: success and info leave by themselves; errors stay until dismissed or fixed (they carry what to do). */
export const DEFAULT_DURATION: Record<ToastKind, number> = { success: 6000, info: 5000, cancelled: 5000, error: 0 };

interface Timing {
  remaining: number;
  startedAt: number;
  handle: unknown;
  paused: boolean;
}

/** Holds visible and queued toasts; `onChange` fires after every change with the visible list. */
export class ToastQueue {
  private readonly visible: Toast[] = [];
  private readonly waiting: Toast[] = [];
  private readonly timing = new Map<number, Timing>();
  private nextId = 1;

  constructor(
    private readonly onChange: (visible: readonly Toast[]) => void,
    private readonly maxVisible = 3,
    private readonly timers: TimerApi = realTimers,
  ) {}

  /** Queues a toast; returns its id. */
  show(input: ToastInput): number {
    const toast: Toast = {
      id: this.nextId++,
      kind: input.kind,
      title: input.title,
      message: input.message ?? '',
      actions: input.actions ?? [],
      durationMs: input.durationMs ?? DEFAULT_DURATION[input.kind],
    };
    this.waiting.push(toast);
    this.promote();
    return toast.id;
  }

  /** Closes a toast (visible or waiting). */
  dismiss(id: number): void {
    const t = this.timing.get(id);
    if (t) this.timers.clear(t.handle);
    this.timing.delete(id);
    const wi = this.waiting.findIndex((x) => x.id === id);
    if (wi >= 0) this.waiting.splice(wi, 1);
    const vi = this.visible.findIndex((x) => x.id === id);
    if (vi >= 0) this.visible.splice(vi, 1);
    this.promote();
  }

  /** Closes the newest visible toast (Escape). */
  dismissLatest(): boolean {
    const last = this.visible[this.visible.length - 1];
    if (!last) return false;
    this.dismiss(last.id);
    return true;
  }

  /** Stops a toast's countdown (pointer over it, or focus in it). */
  pause(id: number): void {
    const t = this.timing.get(id);
    if (!t || t.paused) return;
    this.timers.clear(t.handle);
    t.remaining = Math.max(0, t.remaining - (this.timers.now() - t.startedAt));
    t.paused = true;
  }

  /** Restarts a paused countdown with the time it had left. */
  resume(id: number): void {
    const t = this.timing.get(id);
    if (!t || !t.paused) return;
    t.paused = false;
    t.startedAt = this.timers.now();
    t.handle = this.timers.set(() => this.dismiss(id), t.remaining);
  }

  visibleToasts(): readonly Toast[] {
    return this.visible;
  }

  waitingCount(): number {
    return this.waiting.length;
  }

  private promote(): void {
    while (this.visible.length < this.maxVisible && this.waiting.length > 0) {
      const toast = this.waiting.shift() as Toast;
      this.visible.push(toast);
      if (toast.durationMs > 0) {
        const id = toast.id;
        this.timing.set(id, {
          remaining: toast.durationMs,
          startedAt: this.timers.now(),
          handle: this.timers.set(() => this.dismiss(id), toast.durationMs),
          paused: false,
        });
      }
    }
    this.onChange(this.visible);
  }
}
