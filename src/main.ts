/**
 * The dashboard's entry: creates the page's store (src/ui/store.ts, state in one place), the
 * worker client, the actions that change the state (src/ui/actions.ts) and the views that draw
 * it, then wires the page shell's controls to the actions. Heavy code (engine, writers, Plotly)
 * loads in the worker or on first use.
 */
import './ui/styles.css';
import { createEventBus, type AnalyticsEvent, type EventBus, type EventListener } from './export/events';
import { sanitizePrefix } from './export/naming';
import { APP_VERSION } from './version';
import { createActions } from './ui/actions';
import { captureCharts } from './ui/chartCapture';
import { warmUpPlotly } from './ui/charts';
import { createDebugPanel } from './ui/debugPanel';
import { byId } from './ui/dom';
import { createErrorToasts } from './ui/errorToasts';
import { createExportDialog } from './ui/exportDialog';
import { pickExampleFor } from './ui/formModel';
import { parseHash } from './ui/hash';
import { mountHistoryView } from './ui/historyView';
import { initialPageState } from './ui/pageState';
import { mountDataView, mountFormView, mountRunView } from './ui/pageViews';
import { loadPreferences } from './ui/prefs';
import { createChartFigures, mountResultsView } from './ui/resultsView';
import { createStore } from './ui/store';
import { createToaster } from './ui/toasts';
import { WorkerClient } from './worker/client';

/** What a host page gets on `window.backfolio`. */
export interface BackfolioPageApi {
  version: string;
  /** The page's analytics bus (src/export/events.ts). */
  bus: EventBus;
  /** Subscribes to analytics events; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Every event so far (also in the debug panel). */
  events(): AnalyticsEvent[];
  toasts: ReturnType<typeof createToaster>;
  /** Test hook: makes the worker crash, to exercise recovery. */
  crashWorker(): void;
}

declare global {
  interface Window {
    backfolio?: BackfolioPageApi;
  }
}

const bus = createEventBus();
const eventLog: AnalyticsEvent[] = [];
bus.subscribe((e) => eventLog.push(e));
const toaster = createToaster(document.body);
const errors = createErrorToasts(toaster);
const prefs = loadPreferences();
const store = createStore(initialPageState(prefs.exportOptions));

const client = new WorkerClient({
  create: () => new Worker(new URL('./worker/backtest.worker.ts', import.meta.url), { type: 'module', name: 'backfolio' }),
  onCrash: (message, dataLost) => {
    if (dataLost) {
      store.update((s) => ({ data: { ...s.data, prices: null, fx: null, exampleId: null }, run: { ...s.run, view: null } }));
    }
    errors.show('worker', {
      title: 'The background worker stopped',
      message: dataLost ? message : `${message} It was restarted and your data reloaded. Run or export again.`,
    });
  },
});

const { containers: charts, slots: chartSlots } = createChartFigures();
const historyView = mountHistoryView(errors);
const actions = createActions({
  store,
  client,
  bus,
  toaster,
  errors,
  prepareCharts: (signal) => captureCharts(charts, signal),
  onHistoryChanged: () => void historyView.refresh(),
});

mountDataView(store);
mountFormView(store, actions);
mountRunView(store);
mountResultsView({ store, client, errors, slots: chartSlots });

const dialog = createExportDialog({
  onExport: (p) => void actions.exportNow(p),
  onCancel: () => actions.cancelExport(),
  onClose: () => store.update((s) => ({ export: { ...s.export, open: false } })),
});
store.subscribe((s, prev) => {
  if (s.export !== prev.export || s.run.view !== prev.run.view) {
    const view = s.run.view;
    dialog.render(s.export, view ? { first: view.firstDate, last: view.lastDate } : null, sanitizePrefix(view?.name ?? 'backfolio'));
  }
});

const debugPanel = createDebugPanel(bus, (open) => actions.setDebug(open));

// ------------------------------------------------------------------------------------------
// Controls of the page shell
// ------------------------------------------------------------------------------------------

byId('run-button').addEventListener('click', () => void actions.run());
byId('run-cancel').addEventListener('click', () => actions.cancelRun());
byId('jump-results').addEventListener('click', () => {
  const results = byId('results-section');
  results.scrollIntoView({ block: 'start' });
  results.focus({ preventScroll: true });
});
byId('open-export').addEventListener('click', () => {
  if (store.get().run.view) store.update((s) => ({ export: { ...s.export, open: true } }));
});
byId('load-example').addEventListener('click', () => {
  const id = byId<HTMLSelectElement>('example-select').value;
  if (id) void actions.loadExample(id, null);
});
for (const kind of ['prices', 'fx'] as const) {
  byId<HTMLInputElement>(`${kind}-file`).addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void actions.loadFile(kind, file).finally(() => (input.value = ''));
  });
}
byId('clear-fx').addEventListener('click', () => void actions.clearFx());
// A file dropped anywhere on the page is a price file: the browser must not navigate to it.
const drop = byId('drop-zone');
document.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('dragging');
});
document.addEventListener('dragleave', (event) => {
  if (event.relatedTarget === null) drop.classList.remove('dragging');
});
document.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('dragging');
  const file = event.dataTransfer?.files[0];
  if (file) void actions.loadFile('prices', file);
});
byId('copy-link').addEventListener('click', () => {
  const url = byId<HTMLInputElement>('share-url').value;
  navigator.clipboard
    .writeText(url)
    .then(() => toaster.show({ kind: 'info', title: 'Link copied', message: 'It opens this configuration with the bundled example data.' }))
    .catch(() => {
      byId<HTMLInputElement>('share-url').select();
      toaster.show({ kind: 'info', title: 'Copy the selected link', message: 'The browser did not allow copying; press Ctrl+C.' });
    });
});
byId('reset-prefs').addEventListener('click', () => void actions.resetPreferences());
window.addEventListener('hashchange', () => {
  const state = parseHash(location.hash);
  if (state.debug !== debugPanel.isOpen()) debugPanel.toggle(state.debug);
  showLinkProblem(state.configProblem);
  if (state.config) actions.applyConfig(state.config);
});

/** A link whose settings could not be used says so (and why); a good one closes that message. */
function showLinkProblem(problem: string | undefined): void {
  if (problem === undefined) errors.resolve('link');
  else errors.show('link', { title: 'Settings in the link not used', message: problem });
}

window.backfolio = {
  version: APP_VERSION,
  bus,
  onEvent: (listener) => bus.subscribe(listener),
  events: () => [...eventLog],
  toasts: toaster,
  crashWorker: () => void client.call('crash', {}).promise.catch(() => undefined),
};

async function start(): Promise<void> {
  const hash = parseHash(location.hash);
  if (hash.debug) debugPanel.toggle(true);
  showLinkProblem(hash.configProblem);
  void historyView.refresh();
  try {
    const examples = await client.call('list_examples', {}).promise;
    store.update({ examples });
  } catch (error) {
    errors.show('example', { title: 'Examples unavailable', message: error instanceof Error ? error.message : String(error) });
  }
  // A shared link or a saved configuration opens with the example whose data it needs.
  const initial = hash.config ?? prefs.config ?? null;
  const first = pickExampleFor(store.get().examples, initial);
  if (first) await actions.loadExample(first.id, initial);
  document.body.dataset.ready = 'true';
  // Fetch and compile Plotly while the user is still choosing: its first evaluation is the
  // longest main-thread task of the page and should not land in the middle of showing a result.
  const idle = (fn: () => void): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 3000 });
    else setTimeout(fn, 1000);
  };
  idle(() => void warmUpPlotly().catch(() => undefined));
  registerOfflineCache();
}

/**
 * Opens offline after the first load: the build's sw.js (scripts/vite-offline-plugin.ts)
 * precaches every built file. Only in a build served over http(s); a failure only costs the
 * offline copy, so it is logged, not shown.
 */
function registerOfflineCache(): void {
  // Not under the dev server (no sw.js there): `import.meta.hot` exists only in dev.
  if (import.meta.hot || !('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('Offline copy unavailable:', error));
}

void start();
