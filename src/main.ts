/**
 * The dashboard's entry: wires the page shell to the backtest worker, the form, the results,
 * the export dialog, toasts, analytics events, preferences and export history. Heavy code
 * (engine, writers, Plotly) loads in the worker or on first use.
 */
import './ui/styles.css';
import { BackfolioError, formatIssue, isAbortError } from './errors';
import { downloadBytes } from './export/download';
import { createEventBus, type AnalyticsEvent, type EventBus, type EventListener } from './export/events';
import { sanitizePrefix } from './export/naming';
import type { PreparedChart } from './export/writer.types';
import { APP_VERSION } from './version';
import { captureCharts } from './ui/chartCapture';
import { CHART_IDS, renderCharts, warmUpPlotly, type ChartId } from './ui/charts';
import { createConfigForm } from './ui/configForm';
import { createDebugPanel } from './ui/debugPanel';
import { byId, el, formatBytes, replaceChildren } from './ui/dom';
import { createExportDialog } from './ui/exportDialog';
import { exportAdvice, formatsOf, toExportOptions } from './ui/exportOptions';
import { configToForm, fitFormToSymbols, formToConfig, pickExampleFor, type FormState } from './ui/formModel';
import { formatHash, parseHash } from './ui/hash';
import { addHistoryEntry, clearHistory, getHistoryEntry, isQuotaError, listHistory } from './ui/history';
import { ALL_SECTIONS, clearPreferences, DEFAULT_EXPORT_PREFS, loadPreferences, savePreferences, type ExportPrefs } from './ui/prefs';
import { renderCards, renderMetrics, renderTrades } from './ui/results';
import { createToaster } from './ui/toasts';
import { WorkerClient, type Job } from './worker/client';
import type { DataSummary, ExampleSummary, ExportedFile } from './worker/protocol';
import type { ResultView } from './worker/viewModel.types';

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
const now = (): string => new Date().toISOString();

const client = new WorkerClient({
  create: () => new Worker(new URL('./worker/backtest.worker.ts', import.meta.url), { type: 'module', name: 'backfolio' }),
  onCrash: (message, dataLost) => {
    if (dataLost) {
      byId('data-status').textContent = 'No data loaded: the background worker could not reload it. Load an example or a file again.';
      view = null;
      byId('results-section').hidden = true;
    }
    toaster.show({
      kind: 'error',
      title: 'The background worker stopped',
      message: dataLost ? message : `${message} It was restarted and your data reloaded. Run or export again.`,
    });
  },
});

let symbols: string[] = [];
let dataRange = { first: '', last: '' };
let examples: ExampleSummary[] = [];
let currentExample: string | null = null;
let view: ResultView | null = null;
let runJob: Job<ResultView> | null = null;
let exportJob: { cancel(): void } | null = null;
let debugOn = false;
const prefs = loadPreferences();
let exportPrefs: ExportPrefs = prefs.exportOptions ?? { ...DEFAULT_EXPORT_PREFS };

const chartRoots = Object.fromEntries(CHART_IDS.map((id) => [id, byId(`chart-${id}`)])) as Record<ChartId, HTMLElement>;

// ------------------------------------------------------------------------------------------
// Configuration form, hash and preferences
// ------------------------------------------------------------------------------------------

let validateTimer: ReturnType<typeof setTimeout> | undefined;
let validateSeq = 0;

function currentConfig(): Record<string, unknown> {
  return formToConfig(form.getState());
}

function onFormChange(): void {
  clearTimeout(validateTimer);
  validateTimer = setTimeout(() => void validateNow(), 250);
}

async function validateNow(): Promise<boolean> {
  const config = currentConfig();
  updateHash(config);
  savePreferences({ config });
  const seq = ++validateSeq;
  try {
    const issues = await client.call('validate', { config }).promise;
    if (seq === validateSeq) form.showIssues(issues);
    return issues.length === 0;
  } catch {
    return true; // The run reports what validation could not.
  }
}

function updateHash(config: Record<string, unknown> | null): void {
  const hash = formatHash({ config, debug: debugOn });
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  byId<HTMLInputElement>('share-url').value = location.href;
}

const form = createConfigForm(byId('config-form'), byId('config-errors'), onFormChange);

function setForm(state: FormState): void {
  form.setState(state, symbols);
  void validateNow();
}

// ------------------------------------------------------------------------------------------
// Data
// ------------------------------------------------------------------------------------------

function showDataBusy(p: { fraction: number; stage: string } | null): void {
  byId('data-busy').hidden = p === null;
  if (p) {
    byId<HTMLProgressElement>('data-progress').value = Math.round(p.fraction * 100);
    byId('data-stage').textContent = p.stage;
  }
}

function showDataError(title: string, error: unknown): void {
  const box = byId('data-errors');
  byId('data-error-title').textContent = `${title} The previously loaded data is still in use.`;
  const issues = error instanceof BackfolioError ? error.issues : [];
  const lines = issues.length > 0 ? issues.slice(0, 50).map(formatIssue) : [error instanceof Error ? error.message : String(error)];
  if (issues.length > 50) lines.push(`… and ${issues.length - 50} more`);
  replaceChildren(byId('data-error-list'), lines.map((l) => el('li', { text: l })));
  box.hidden = false;
}

function describeData(prices: DataSummary, fx: DataSummary | null): void {
  const first = prices.series.reduce((m, s) => (m === '' || s.first < m ? s.first : m), '');
  const last = prices.series.reduce((m, s) => (s.last > m ? s.last : m), '');
  dataRange = { first, last };
  symbols = prices.series.map((s) => s.name);
  const example = examples.find((e) => e.id === currentExample);
  const origin = example ? `${example.title}${example.synthetic ? ' — synthetic data, not market prices' : ''}` : prices.fileName;
  byId('data-status').textContent =
    `Loaded: ${origin}. ${symbols.length} assets (${symbols.join(', ')}), ${first} to ${last}, ${formatBytes(prices.bytes)}, SHA-256 ${prices.sha256.slice(0, 12)}…` +
    (fx ? ` FX: ${fx.fileName} (${fx.series.map((s) => s.name).join(', ')}).` : '');
  byId('clear-fx').hidden = fx === null;
}

let loadedFx: DataSummary | null = null;
let loadedPrices: DataSummary | null = null;

async function loadExample(id: string, config: Record<string, unknown> | null): Promise<void> {
  showDataBusy({ fraction: 0, stage: 'Loading example' });
  try {
    const loaded = await client.call('load_example', { exampleId: id }, { onProgress: (fraction, stage) => showDataBusy({ fraction, stage }), replay: true }).promise;
    currentExample = id;
    loadedPrices = loaded.prices;
    loadedFx = loaded.fx;
    byId('data-errors').hidden = true;
    describeData(loaded.prices, loaded.fx);
    setForm(configToForm(config ?? loaded.config));
  } catch (error) {
    showDataError('The example could not be loaded.', error);
    toaster.show({ kind: 'error', title: 'Example not loaded', message: error instanceof Error ? error.message : String(error) });
  } finally {
    showDataBusy(null);
  }
}

async function loadFile(kind: 'prices' | 'fx', file: File): Promise<void> {
  showDataBusy({ fraction: 0, stage: `Reading ${file.name}` });
  try {
    const bytes = await file.arrayBuffer();
    const type = kind === 'prices' ? 'load_prices' : 'load_fx';
    const summary = await client.call(type, { fileName: file.name, bytes }, { onProgress: (fraction, stage) => showDataBusy({ fraction, stage }), replay: true }).promise;
    byId('data-errors').hidden = true;
    if (kind === 'prices') {
      currentExample = null;
      loadedPrices = summary;
      describeData(summary, loadedFx);
      setForm(fitFormToSymbols(form.getState(), symbols, dataRange));
    } else if (loadedPrices) {
      loadedFx = summary;
      describeData(loadedPrices, summary);
    }
    toaster.show({ kind: 'success', title: `${file.name} loaded`, message: `${summary.series.length} ${kind === 'prices' ? 'assets' : 'currency pairs'}, ${formatBytes(summary.bytes)}` });
  } catch (error) {
    const what = kind === 'prices' ? 'price' : 'FX';
    showDataError(`${file.name} is not a valid ${what} file.`, error);
    toaster.show({
      kind: 'error',
      title: `${file.name} was not loaded`,
      message: `${error instanceof BackfolioError && error.issues.length > 0 ? `${error.issues.length} problem(s), listed under Data.` : error instanceof Error ? error.message : String(error)} Fix the file and choose it again.`,
    });
  } finally {
    showDataBusy(null);
  }
}

// ------------------------------------------------------------------------------------------
// Run
// ------------------------------------------------------------------------------------------

function showRunBusy(p: { fraction: number; stage: string } | null): void {
  byId('run-busy').hidden = p === null;
  byId<HTMLButtonElement>('run-button').disabled = p !== null;
  if (p) {
    byId<HTMLProgressElement>('run-progress').value = Math.round(p.fraction * 100);
    byId('run-stage').textContent = p.stage;
  }
}

async function runBacktestNow(): Promise<void> {
  if (runJob) return;
  const config = currentConfig();
  savePreferences({ config });
  updateHash(config);
  const started = performance.now();
  bus.emit({ type: 'backtest_started', at: now() });
  showRunBusy({ fraction: 0, stage: 'Starting' });
  byId('run-status').textContent = '';
  const job = client.call('run', { config }, { onProgress: (fraction, stage) => showRunBusy({ fraction, stage }), replay: true });
  runJob = job;
  try {
    const result = await job.promise;
    const duration = Math.round(performance.now() - started);
    view = result;
    bus.emit({ type: 'backtest_completed', at: now(), duration_ms: duration, dates: result.dateCount, trades: result.trades.total });
    byId('run-status').textContent = `Finished in ${(duration / 1000).toFixed(1)} s: ${result.dateCount} dates, ${result.trades.total} trades.`;
    form.showIssues([]);
    await showResults(result);
  } catch (error) {
    const duration = Math.round(performance.now() - started);
    if (isAbortError(error)) {
      bus.emit({ type: 'backtest_cancelled', at: now(), duration_ms: duration });
      byId('run-status').textContent = 'Backtest cancelled.';
      toaster.show({ kind: 'cancelled', title: 'Backtest cancelled', message: view ? 'The previous results are still shown.' : 'Nothing was computed.' });
    } else {
      const code = error instanceof BackfolioError ? error.code : 'INTERNAL';
      const message = error instanceof Error ? error.message : String(error);
      bus.emit({ type: 'backtest_failed', at: now(), duration_ms: duration, error: message, code });
      if (error instanceof BackfolioError && error.code === 'CONFIG_INVALID') form.showIssues(error.issues);
      byId('run-status').textContent = `The backtest failed: ${message}`;
      toaster.show({
        kind: 'error',
        title: 'Backtest failed',
        message: `${firstLine(message)} ${code === 'CONFIG_INVALID' ? 'Correct the highlighted fields, then retry.' : 'Check the data and the configuration, then retry.'}`,
        actions: [{ label: 'Retry', run: () => void runBacktestNow() }],
      });
    }
  } finally {
    runJob = null;
    showRunBusy(null);
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

async function showResults(result: ResultView): Promise<void> {
  const section = byId('results-section');
  section.hidden = false;
  byId('results-subtitle').textContent = `${result.name}: ${result.firstDate} to ${result.lastDate}, base currency ${result.baseCurrency}, ${result.periodsPerYear} periods per year (${result.periodsPerYearSource}).`;
  replaceChildren(byId('results-warnings'), result.warnings.map((w) => el('li', { text: w })));
  renderCards(byId('cards'), result);
  renderMetrics(byId('metrics'), result);
  renderTrades(byId('trades'), result, (offset, limit) => client.call('trades', { offset, limit }).promise);
  try {
    await renderCharts(chartRoots, result);
  } catch (error) {
    toaster.show({ kind: 'error', title: 'Charts could not be drawn', message: `${error instanceof Error ? error.message : String(error)} The figures and tables are still valid.` });
  }
}

// ------------------------------------------------------------------------------------------
// Export
// ------------------------------------------------------------------------------------------

const dialog = createExportDialog({
  onExport: (p) => void exportNow(p),
  onCancel: () => exportJob?.cancel(),
});

function defaultPrefix(): string {
  return sanitizePrefix(view?.name ?? 'backfolio');
}

async function exportNow(p: ExportPrefs): Promise<void> {
  if (!view || exportJob) return;
  exportPrefs = p;
  savePreferences({ exportOptions: p });
  const controller = new AbortController();
  let current: Job<ExportedFile> | null = null;
  exportJob = {
    cancel: () => {
      controller.abort();
      current?.cancel();
    },
  };
  const options = toExportOptions(p);
  const formats = formatsOf(p);
  dialog.setProgress({ fraction: 0, stage: 'Preparing' });
  const exportedAt = now();
  let failed = false;
  try {
    for (const [i, format] of formats.entries()) {
      const share = (f: number): number => (i + f) / formats.length;
      const started = performance.now();
      bus.emit({ type: 'export_started', at: now(), format, template: p.template });
      try {
        let charts: PreparedChart[] = [];
        if (format === 'pdf') {
          dialog.setProgress({ fraction: share(0), stage: 'Capturing charts at 300 dpi' });
          charts = await captureCharts(chartRoots, controller.signal);
        }
        if (controller.signal.aborted) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
        current = client.call('export', { format, options, charts, exportedAt }, {
          onProgress: (fraction, stage) => dialog.setProgress({ fraction: share(fraction), stage: `${format.toUpperCase()}: ${stage}` }),
          transfer: charts.flatMap((c) => (c.kind === 'png' && c.bytes.buffer instanceof ArrayBuffer ? [c.bytes.buffer] : [])),
        });
        const file = await current.promise;
        const duration = Math.round(performance.now() - started);
        downloadBytes(file.bytes, file.fileName, file.mimeType);
        bus.emit({ type: 'export_completed', at: now(), format, template: p.template, duration_ms: duration, bytes: file.bytes.length, rows: file.rows });
        notifyExported(file);
        void remember(file, format, p);
      } catch (error) {
        const duration = Math.round(performance.now() - started);
        if (isAbortError(error) || controller.signal.aborted) {
          bus.emit({ type: 'export_cancelled', at: now(), format, template: p.template, duration_ms: duration });
          toaster.show({ kind: 'cancelled', title: 'Export cancelled', message: `No ${format.toUpperCase()} file was written.` });
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        bus.emit({ type: 'export_failed', at: now(), format, template: p.template, duration_ms: duration, error: message, code: error instanceof BackfolioError ? error.code : 'INTERNAL' });
        toaster.show({
          kind: 'error',
          title: `${format.toUpperCase()} export failed`,
          message: `${firstLine(message)} ${exportAdvice(error)}`,
          actions: [{ label: 'Retry', run: () => void exportNow({ ...p, format }) }],
        });
        failed = true;
        return;
      }
    }
  } finally {
    exportJob = null;
    // After a failure the dialog stays open with the choices, so they can be corrected.
    if (failed) dialog.setProgress(null);
    else dialog.close();
  }
}


function notifyExported(file: ExportedFile): void {
  const actions = [];
  // Only where the Web Share API exists: the File is a copy of the bytes.
  const shareFile = typeof navigator.canShare === 'function' ? new File([file.bytes.slice().buffer as ArrayBuffer], file.fileName, { type: file.mimeType }) : null;
  if (shareFile && navigator.canShare({ files: [shareFile] })) {
    actions.push({
      label: 'Share',
      run: () => {
        navigator.share({ files: [shareFile], title: file.fileName }).catch(() => undefined);
      },
    });
  }
  toaster.show({ kind: 'success', title: 'Export ready', message: `${file.fileName} (${formatBytes(file.bytes.length)})`, actions });
}

async function remember(file: ExportedFile, format: string, p: ExportPrefs): Promise<void> {
  try {
    await addHistoryEntry({ name: file.fileName, time: now(), size: file.bytes.length, mimeType: file.mimeType, format, options: p, bytes: file.bytes });
    await renderHistory();
  } catch (error) {
    toaster.show({
      kind: 'error',
      title: 'Not saved to the export history',
      message: isQuotaError(error)
        ? 'The browser has no storage space left. Your file was downloaded; clear the history to keep future exports.'
        : `The browser refused to store it (${error instanceof Error ? error.message : String(error)}). Your file was downloaded.`,
    });
  }
}

async function renderHistory(): Promise<void> {
  const list = byId('history-list');
  try {
    const entries = await listHistory();
    replaceChildren(
      list,
      entries.length === 0
        ? [el('li', { className: 'hint', text: 'No exports yet.' })]
        : entries.map((e) =>
            el('li', { dataset: { historyId: String(e.id ?? '') } }, [
              el('span', { className: 'history-name', text: e.name }),
              el('span', { className: 'hint', text: ` ${new Date(e.time).toLocaleString()} · ${formatBytes(e.size)} · ${describeOptions(e.format, e.options)}` }),
              el('button', {
                className: 'secondary',
                attrs: { type: 'button' },
                text: 'Download again',
                on: { click: () => void redownload(e.id) },
              }),
            ]),
          ),
    );
  } catch {
    replaceChildren(list, [el('li', { className: 'hint', text: 'The export history is not available in this browser (storage disabled).' })]);
  }
}

/** The options of a past export in a few words (`pdf · detailed · 7 of 9 sections · 2021-01-01 to end`). */
function describeOptions(format: string, o: ExportPrefs): string {
  const parts = [format, o.template, `${o.sections.length} of ${ALL_SECTIONS.length} sections`];
  if (o.from || o.to) parts.push(`${o.from || 'start'} to ${o.to || 'end'}`);
  if (format === 'csv' && !o.bom) parts.push('no BOM');
  return parts.join(' · ');
}

async function redownload(id: number | undefined): Promise<void> {
  if (id === undefined) return;
  try {
    const entry = await getHistoryEntry(id);
    if (!entry) throw new Error('It is no longer in the history.');
    downloadBytes(entry.bytes, entry.name, entry.mimeType);
  } catch (error) {
    toaster.show({ kind: 'error', title: 'Could not download again', message: error instanceof Error ? error.message : String(error) });
  }
}

// ------------------------------------------------------------------------------------------
// Wiring
// ------------------------------------------------------------------------------------------

const debugPanel = createDebugPanel(bus, (open) => {
  debugOn = open;
  updateHash(currentConfigSafe());
});

/** The form's configuration, or null before the form has one (start-up). */
function currentConfigSafe(): Record<string, unknown> | null {
  try {
    return currentConfig();
  } catch {
    return null;
  }
}

byId('run-button').addEventListener('click', () => void runBacktestNow());
byId('run-cancel').addEventListener('click', () => runJob?.cancel());
byId('open-export').addEventListener('click', () => {
  if (view) dialog.open(exportPrefs, { first: view.firstDate, last: view.lastDate }, defaultPrefix());
});
byId('load-example').addEventListener('click', () => {
  const id = byId<HTMLSelectElement>('example-select').value;
  if (id) void loadExample(id, null);
});
byId<HTMLSelectElement>('example-select').addEventListener('change', (event) => {
  const id = (event.target as HTMLSelectElement).value;
  byId('example-description').textContent = examples.find((e) => e.id === id)?.description ?? '';
});
byId<HTMLInputElement>('prices-file').addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  if (file) void loadFile('prices', file).finally(() => (input.value = ''));
});
byId<HTMLInputElement>('fx-file').addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  if (file) void loadFile('fx', file).finally(() => (input.value = ''));
});
byId('clear-fx').addEventListener('click', () => {
  void client.call('clear_fx', {}, { replay: true }).promise.then(() => {
    loadedFx = null;
    if (loadedPrices) describeData(loadedPrices, null);
  });
});
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
  if (file) void loadFile('prices', file);
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
byId('reset-prefs').addEventListener('click', () => {
  clearPreferences();
  exportPrefs = { ...DEFAULT_EXPORT_PREFS };
  void loadExample(examples[0]?.id ?? '', null).then(() => toaster.show({ kind: 'info', title: 'Preferences reset', message: 'The example configuration and default export options are back.' }));
});
byId('clear-history').addEventListener('click', () => {
  void clearHistory()
    .then(renderHistory)
    .catch(() => undefined);
});
window.addEventListener('hashchange', () => {
  const state = parseHash(location.hash);
  if (state.debug !== debugPanel.isOpen()) debugPanel.toggle(state.debug);
  if (state.config && JSON.stringify(state.config) !== JSON.stringify(currentConfigSafe())) setForm(configToForm(state.config));
});

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
  void renderHistory();
  try {
    examples = await client.call('list_examples', {}).promise;
  } catch (error) {
    toaster.show({ kind: 'error', title: 'Examples unavailable', message: error instanceof Error ? error.message : String(error) });
  }
  const select = byId<HTMLSelectElement>('example-select');
  replaceChildren(select, examples.map((e) => el('option', { attrs: { value: e.id }, text: `${e.title}${e.synthetic ? ' [synthetic]' : ''}` })));
  // A shared link or a saved configuration opens with the example whose data it needs.
  const initial = hash.config ?? prefs.config ?? null;
  const first = pickExampleFor(examples, initial);
  if (first) {
    select.value = first.id;
    byId('example-description').textContent = first.description;
    await loadExample(first.id, initial);
  }
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
