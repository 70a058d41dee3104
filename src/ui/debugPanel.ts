/**
 * A small panel listing analytics events, hidden by default: Ctrl+Shift+D (or `#debug` in the
 * URL) toggles it. For developers of host pages checking what their listener will receive.
 */
import type { AnalyticsEvent, EventBus } from '../export/events';
import { byId, el } from './dom';

/** Most events kept in the panel. */
const MAX_ROWS = 200;

/** The debug panel's controller. */
export interface DebugPanel {
  toggle(force?: boolean): void;
  isOpen(): boolean;
}

/** One line for an event: its type and fields as compact JSON. */
export function describeEvent(event: AnalyticsEvent): string {
  const { type, ...rest } = event;
  return `${type} ${JSON.stringify(rest)}`;
}

/** Wires `#debug-panel` to the bus. */
export function createDebugPanel(bus: EventBus, onToggle: (open: boolean) => void): DebugPanel {
  const panel = byId('debug-panel');
  const list = byId('debug-events');
  bus.subscribe((event) => {
    list.prepend(el('li', { text: describeEvent(event), dataset: { type: event.type } }));
    while (list.childElementCount > MAX_ROWS) list.lastElementChild?.remove();
  });
  const api: DebugPanel = {
    toggle(force) {
      panel.hidden = force === undefined ? !panel.hidden : !force;
      onToggle(!panel.hidden);
    },
    isOpen: () => !panel.hidden,
  };
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey && event.shiftKey && (event.key === 'D' || event.key === 'd')) {
      event.preventDefault();
      api.toggle();
    }
  });
  byId('debug-close').addEventListener('click', () => api.toggle(false));
  return api;
}
