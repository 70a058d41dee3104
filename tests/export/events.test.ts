import { describe, expect, it } from 'vitest';
import { createEventBus, type AnalyticsEvent } from '../../src/export/events';

const EVENT: AnalyticsEvent = { type: 'export_started', at: '2025-01-01T00:00:00.000Z', format: 'csv', template: 'detailed' };

describe('createEventBus', () => {
  it('delivers to subscribers in order until they unsubscribe', () => {
    const bus = createEventBus();
    const seen: string[] = [];
    const stopA = bus.subscribe((e) => seen.push(`a:${e.type}`));
    bus.subscribe((e) => seen.push(`b:${e.type}`));
    bus.emit(EVENT);
    stopA();
    bus.emit(EVENT);
    expect(seen).toEqual(['a:export_started', 'b:export_started', 'b:export_started']);
  });

  it('isolates a throwing listener and handles a function subscribed twice', () => {
    const bus = createEventBus();
    let count = 0;
    const listener = (): void => {
      count += 1;
    };
    bus.subscribe(() => {
      throw new Error('boom');
    });
    const stop1 = bus.subscribe(listener);
    bus.subscribe(listener);
    expect(() => bus.emit(EVENT)).not.toThrow();
    expect(count).toBe(2);
    stop1();
    stop1();
    bus.emit(EVENT);
    expect(count).toBe(3);
  });

  it('does nothing with no subscriber', () => {
    expect(() => createEventBus().emit(EVENT)).not.toThrow();
  });
});
