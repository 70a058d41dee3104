/**
 * Typed analytics events of runs and exports, and a tiny in-memory emitter. Nothing is sent
 * anywhere: a host subscribes if it wants to count exports or measure their duration.
 */

/** Events of a backtest run (emitted by the page or a host around `runBacktest`). */
export type BacktestEvent =
  | { type: 'backtest_started'; at: string }
  | { type: 'backtest_completed'; at: string; duration_ms: number; dates: number; trades: number }
  | { type: 'backtest_failed'; at: string; duration_ms: number; error: string; code?: string }
  | { type: 'backtest_cancelled'; at: string; duration_ms: number };

/** Events of one format's export (`exportReport` emits one `started` and one outcome per format). */
export type ExportEvent =
  | { type: 'export_started'; at: string; format: string; template: string }
  | {
      type: 'export_completed';
      at: string;
      format: string;
      template: string;
      duration_ms: number;
      /** Size of the produced file. */
      bytes: number;
      /** Data rows written (header rows excluded). */
      rows: number;
      /** The writer's warnings about the file (`ExportedFile.warnings`); empty when none. */
      warnings: string[];
    }
  | { type: 'export_failed'; at: string; format: string; template: string; duration_ms: number; error: string; code?: string }
  | { type: 'export_cancelled'; at: string; format: string; template: string; duration_ms: number };

export type AnalyticsEvent = BacktestEvent | ExportEvent;
export type AnalyticsEventType = AnalyticsEvent['type'];

export type EventListener = (event: AnalyticsEvent) => void;

export interface EventBus {
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void;
  /** Delivers an event to every listener, in subscription order; a throwing listener is isolated. */
  emit(event: AnalyticsEvent): void;
}

/**
 * Creates an emitter with no listeners (so nothing leaves the machine by default).
 *
 * @example
 * const bus = createEventBus();
 * const stop = bus.subscribe((e) => console.log(e.type));
 * stop();
 */
export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    subscribe(listener) {
      // Wrapped so the same function subscribed twice is also removed twice, independently.
      const entry: EventListener = (event) => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // Analytics must never break an export: a faulty listener is ignored.
        }
      }
    },
  };
}
