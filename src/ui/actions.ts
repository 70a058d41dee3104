/**
 * What the dashboard does: load data, edit and validate the configuration, run, export. Each
 * action talks to the worker and writes the outcome into the store; views draw from the store.
 */
import { BackfolioError, formatIssue, isAbortError } from '../errors';
import { downloadBytes } from '../export/download';
import type { EventBus } from '../export/events';
import type { PreparedChart } from '../export/writer.types';
import { plural } from '../plural';
import type { Job, WorkerClient } from '../worker/client';
import type { ExportedFile } from '../worker/protocol';
import type { ErrorToasts } from './errorToasts';
import { formatBytes } from './dom';
import { exportAdvice, exportWarningText, formatsOf, toExportOptions } from './exportOptions';
import { configToForm, formToConfig, type FormState } from './formModel';
import { formatHash } from './hash';
import { addHistoryEntry, isQuotaError } from './history';
import { firstLine, plainError } from './messages';
import type { PageState, Progress } from './pageState';
import { clearPreferences, DEFAULT_EXPORT_PREFS, savePreferences, type ExportPrefs } from './prefs';
import { baselineFor, dataContextOf, impliedName, reconcileSettings, userSettings, type SettingKey } from './settings';
import type { Store } from './store';
import type { Toaster } from './toasts';

/** What the actions need from the page. */
export interface ActionDeps {
  store: Store<PageState>;
  client: WorkerClient;
  bus: EventBus;
  toaster: Pick<Toaster, 'show' | 'dismiss'>;
  errors: ErrorToasts;
  /** Charts prepared in the page for the PDF (may be none: the writer draws the specs). */
  prepareCharts: (signal: AbortSignal) => Promise<PreparedChart[]>;
  /** Called after an export was stored in the history. */
  onHistoryChanged: () => void;
}

/** The page's actions. */
export interface Actions {
  loadExample(id: string, config: Record<string, unknown> | null): Promise<void>;
  loadFile(kind: 'prices' | 'fx', file: File): Promise<void>;
  clearFx(): Promise<void>;
  /** The form changed (`path` is the field edited). */
  editForm(values: FormState, path: string): void;
  /** Puts a setting the user set back to what the data implies. */
  resetSetting(key: SettingKey): void;
  /** A configuration from the URL hash replaces the form (markers show what differs from the data's). */
  applyConfig(config: Record<string, unknown>): void;
  dismissNotice(): void;
  run(): Promise<void>;
  cancelRun(): void;
  exportNow(prefs: ExportPrefs): Promise<void>;
  cancelExport(): void;
  setDebug(on: boolean): void;
  resetPreferences(): Promise<void>;
  /** The form's configuration, or null before there is one. */
  currentConfig(): Record<string, unknown> | null;
  /** Validates now (also runs 250 ms after each edit). */
  validateNow(): Promise<boolean>;
}

const now = (): string => new Date().toISOString();

/** Creates the actions over the store. */
export function createActions(deps: ActionDeps): Actions {
  const { store, client, bus, toaster, errors } = deps;
  let runJob: Job<unknown> | null = null;
  let exportJob: { cancel(): void } | null = null;
  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  let validateSeq = 0;
  let nextResultId = 1;

  type Slice = 'data' | 'form' | 'run' | 'export';
  const patch = <K extends Slice>(key: K, value: Partial<PageState[K]>): void =>
    store.update((s) => ({ [key]: { ...s[key], ...value } }) as Partial<PageState>);

  function currentConfig(): Record<string, unknown> | null {
    const values = store.get().form.values;
    return values ? formToConfig(values) : null;
  }

  function rememberConfig(): void {
    const config = currentConfig();
    if (!config) return;
    savePreferences({ config });
    const hash = formatHash({ config, debug: store.get().debug });
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    if (store.get().form.shareUrl !== location.href) patch('form', { shareUrl: location.href });
  }

  async function validateNow(): Promise<boolean> {
    clearTimeout(validateTimer);
    const config = currentConfig();
    if (!config) return true;
    rememberConfig();
    const seq = ++validateSeq;
    try {
      const issues = await client.call('validate', { config }).promise;
      if (seq === validateSeq) {
        patch('form', { issues });
        if (issues.length === 0) errors.resolve('config');
      }
      return issues.length === 0;
    } catch {
      return true; // The run reports what validation could not.
    }
  }

  function scheduleValidation(): void {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(() => void validateNow(), 250);
  }

  function setBusy(p: Progress | null): void {
    patch('data', { busy: p });
  }

  function describeLoadError(title: string, error: unknown): { title: string; lines: string[] } {
    const issues = error instanceof BackfolioError ? error.issues : [];
    const lines = issues.length > 0 ? issues.slice(0, 50).map(formatIssue) : [plainError(error)];
    if (issues.length > 50) lines.push(`… and ${plural(issues.length - 50, 'more problem')}`);
    return { title: `${title} The previously loaded data is still in use.`, lines };
  }

  /** New data is loaded: settings follow it, except what the user set (or everything of `config`). */
  function dataChanged(update: Partial<PageState['data']>, exampleConfig: Record<string, unknown> | null, config: Record<string, unknown> | null): void {
    const s = store.get();
    const prices = update.prices ?? s.data.prices;
    if (!prices) return;
    const summary = update.exampleId ? s.examples.find((e) => e.id === update.exampleId) : undefined;
    const context = dataContextOf(prices, summary && exampleConfig ? { ...summary, config: exampleConfig } : null);
    let form: Pick<PageState['form'], 'values' | 'baseline' | 'userSet' | 'notice'>;
    if (config) {
      const values = configToForm(config);
      const baseline = baselineFor(context, s.form.baseline);
      form = { values, baseline, userSet: userSettings(values, baseline, context), notice: null };
    } else {
      const r = reconcileSettings(s.form.values, s.form.userSet, context, s.form.baseline);
      form = { values: r.form, baseline: r.baseline, userSet: r.userSet, notice: r.notice };
    }
    store.update((state) => ({
      data: { ...state.data, ...update, context, error: null },
      form: { ...state.form, ...form, revision: state.form.revision + 1, issues: [] },
    }));
    // Whatever a run failed on in the old data is gone with it.
    errors.resolve('run-data', 'config');
    void validateNow();
  }

  async function loadExample(id: string, config: Record<string, unknown> | null): Promise<void> {
    setBusy({ fraction: 0, stage: 'Loading example' });
    try {
      const loaded = await client.call('load_example', { exampleId: id }, { onProgress: (fraction, stage) => setBusy({ fraction, stage }), replay: true }).promise;
      dataChanged({ prices: loaded.prices, fx: loaded.fx, exampleId: id }, loaded.config, config);
      errors.resolve('example', 'prices', 'fx');
    } catch (error) {
      patch('data', { error: describeLoadError('The example could not be loaded.', error) });
      errors.show('example', { title: 'Example not loaded', message: `${plainError(error)} Choose another example or reload the page.` });
    } finally {
      setBusy(null);
    }
  }

  async function loadFile(kind: 'prices' | 'fx', file: File): Promise<void> {
    setBusy({ fraction: 0, stage: `Reading ${file.name}` });
    try {
      const bytes = await file.arrayBuffer();
      const type = kind === 'prices' ? 'load_prices' : 'load_fx';
      const summary = await client.call(type, { fileName: file.name, bytes }, { onProgress: (fraction, stage) => setBusy({ fraction, stage }), replay: true }).promise;
      if (kind === 'prices') dataChanged({ prices: summary, exampleId: null }, null, null);
      else {
        patch('data', { fx: summary, error: null });
        errors.resolve('run-data');
      }
      errors.resolve(kind);
      const count = kind === 'prices' ? plural(summary.series.length, 'asset') : plural(summary.series.length, 'currency pair');
      toaster.show({ kind: 'success', title: `${file.name} loaded`, message: `${count}, ${formatBytes(summary.bytes)}` });
    } catch (error) {
      const what = kind === 'prices' ? 'price' : 'FX';
      patch('data', { error: describeLoadError(`${file.name} is not a valid ${what} file.`, error) });
      const issues = error instanceof BackfolioError ? error.issues.length : 0;
      errors.show(kind, {
        title: `${file.name} was not loaded`,
        message: `${issues > 0 ? `${plural(issues, 'problem')}, listed under Data.` : plainError(error)} Fix the file and choose it again.`,
      });
    } finally {
      setBusy(null);
    }
  }

  async function clearFx(): Promise<void> {
    await client.call('clear_fx', {}, { replay: true }).promise;
    patch('data', { fx: null });
  }

  function editForm(values: FormState, path: string): void {
    const s = store.get();
    const next = structuredClone(values);
    const context = s.data.context;
    const wasNamed = s.form.userSet.has('name');
    // A new strategy renames an unnamed run: "Equal weight · business_days", not the old name.
    if (path === 'strategy.type' && context && !wasNamed) next.name = impliedName(context, next.strategyType);
    const userSet = context && s.form.baseline ? userSettings(next, s.form.baseline, context) : new Set<SettingKey>();
    patch('form', { values: next, userSet });
    scheduleValidation();
  }

  function resetSetting(key: SettingKey): void {
    const s = store.get();
    const { values, baseline } = s.form;
    const context = s.data.context;
    if (!values || !baseline) return;
    const next = structuredClone(values);
    switch (key) {
      case 'threshold':
        next.thresholdMode = baseline.thresholdMode;
        next.thresholdValue = baseline.thresholdValue;
        break;
      case 'assets':
        next.assets = [...baseline.assets];
        next.weights = { ...baseline.weights };
        break;
      case 'benchmarks':
        next.benchmarks = structuredClone(baseline.benchmarks);
        break;
      case 'name':
        next.name = context ? impliedName(context, next.strategyType) : baseline.name;
        break;
      case 'strategyType':
        next.strategyType = baseline.strategyType;
        if (context && !s.form.userSet.has('name')) next.name = impliedName(context, next.strategyType);
        break;
      default:
        (next as unknown as Record<string, unknown>)[key] = baseline[key];
    }
    const userSet = context ? userSettings(next, baseline, context) : new Set<SettingKey>();
    store.update((state) => ({ form: { ...state.form, values: next, userSet, revision: state.form.revision + 1 } }));
    void validateNow();
  }

  function applyConfig(config: Record<string, unknown>): void {
    const s = store.get();
    if (JSON.stringify(config) === JSON.stringify(currentConfig())) return;
    const values = configToForm(config);
    const context = s.data.context;
    const userSet = context && s.form.baseline ? userSettings(values, s.form.baseline, context) : new Set<SettingKey>();
    store.update((state) => ({ form: { ...state.form, values, userSet, revision: state.form.revision + 1 } }));
    void validateNow();
  }

  // --------------------------------------------------------------------------------------------
  // Run
  // --------------------------------------------------------------------------------------------

  async function run(): Promise<void> {
    if (runJob) return;
    const config = currentConfig();
    if (!config) return;
    rememberConfig();
    const resultId = nextResultId++;
    const started = performance.now();
    bus.emit({ type: 'backtest_started', at: now() });
    patch('run', { busy: { fraction: 0, stage: 'Starting' }, status: '' });
    const job = client.call('run', { config, resultId }, { onProgress: (fraction, stage) => patch('run', { busy: { fraction, stage } }), replay: true });
    runJob = job;
    try {
      const view = await job.promise;
      const duration = Math.round(performance.now() - started);
      bus.emit({ type: 'backtest_completed', at: now(), duration_ms: duration, dates: view.dateCount, trades: view.trades.total });
      errors.resolve('run', 'run-data', 'config', 'worker');
      store.update((s) => ({
        run: { ...s.run, view, resultId, busy: null, status: `Finished in ${(duration / 1000).toFixed(1)} s: ${plural(view.dateCount, 'date')}, ${plural(view.trades.total, 'trade')}.` },
        form: { ...s.form, issues: [] },
      }));
    } catch (error) {
      const duration = Math.round(performance.now() - started);
      const hasView = store.get().run.view !== null;
      if (isAbortError(error)) {
        bus.emit({ type: 'backtest_cancelled', at: now(), duration_ms: duration });
        patch('run', { busy: null, status: 'Backtest cancelled.' });
        toaster.show({ kind: 'cancelled', title: 'Backtest cancelled', message: hasView ? 'The previous results are still shown.' : 'Nothing was computed.' });
        return;
      }
      const code = error instanceof BackfolioError ? error.code : 'INTERNAL';
      const message = error instanceof Error ? error.message : String(error);
      bus.emit({ type: 'backtest_failed', at: now(), duration_ms: duration, error: message, code });
      if (error instanceof BackfolioError && code === 'CONFIG_INVALID') patch('form', { issues: error.issues });
      const plain = plainError(error);
      patch('run', { busy: null, status: `The backtest failed: ${plain}` });
      // Retry only where repeating the same run can succeed: the worker had stopped.
      const transient = code === 'INTERNAL';
      const cause = code === 'CONFIG_INVALID' ? 'config' : transient ? 'worker' : 'run-data';
      errors.show(cause, {
        title: 'Backtest failed',
        message: `${plain} ${code === 'CONFIG_INVALID' ? 'Correct the highlighted fields, then run again.' : transient ? 'Retry; if it fails again, reload the page.' : 'Load data that covers the configuration (or its FX rates), then run again.'}`,
        actions: transient ? [{ label: 'Retry', run: () => void run() }] : [],
      });
    } finally {
      runJob = null;
      if (store.get().run.busy) patch('run', { busy: null });
    }
  }

  // --------------------------------------------------------------------------------------------
  // Export
  // --------------------------------------------------------------------------------------------

  async function exportNow(prefs: ExportPrefs): Promise<void> {
    const s = store.get();
    const view = s.run.view;
    if (!view || exportJob) return;
    const resultId = s.run.resultId;
    patch('export', { prefs });
    savePreferences({ exportOptions: prefs });
    const controller = new AbortController();
    let current: Job<ExportedFile> | null = null;
    exportJob = {
      cancel: () => {
        controller.abort();
        current?.cancel();
      },
    };
    const options = toExportOptions(prefs, { first: view.firstDate, last: view.lastDate });
    const formats = formatsOf(prefs);
    const template = prefs.template;
    patch('export', { busy: { fraction: 0, stage: 'Preparing' } });
    const exportedAt = now();
    let failed = false;
    // Files are delivered together once every format is written: a cancel half-way through
    // "All three" must not leave the zip already downloaded (exportReport's all-or-nothing rule).
    const ready: { file: ExportedFile; format: string; duration: number }[] = [];
    try {
      for (const [i, format] of formats.entries()) {
        const share = (f: number): number => (i + f) / formats.length;
        const started = performance.now();
        bus.emit({ type: 'export_started', at: now(), format, template });
        try {
          let charts: PreparedChart[] = [];
          if (format === 'pdf') {
            patch('export', { busy: { fraction: share(0), stage: 'Preparing charts' } });
            charts = await deps.prepareCharts(controller.signal);
          }
          if (controller.signal.aborted) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
          current = client.call('export', { resultId, format, options, charts, exportedAt }, {
            onProgress: (fraction, stage) => {
              if (!controller.signal.aborted) patch('export', { busy: { fraction: share(fraction), stage: `${format.toUpperCase()}: ${stage}` } });
            },
            transfer: charts.flatMap((c) => (c.kind === 'png' && c.bytes.buffer instanceof ArrayBuffer ? [c.bytes.buffer] : [])),
          });
          const file = await current.promise;
          // Cancel pressed while the file was on its way: it is dropped, never downloaded.
          if (controller.signal.aborted) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
          ready.push({ file, format, duration: Math.round(performance.now() - started) });
        } catch (error) {
          const duration = Math.round(performance.now() - started);
          if (isAbortError(error) || controller.signal.aborted) {
            bus.emit({ type: 'export_cancelled', at: now(), format, template, duration_ms: duration });
            const what = formats.length > 1 ? 'No file was saved' : `No ${format.toUpperCase()} file was saved`;
            toaster.show({ kind: 'cancelled', title: 'Export cancelled', message: `${what}.` });
            return;
          }
          const message = error instanceof Error ? error.message : String(error);
          const code = error instanceof BackfolioError ? error.code : 'INTERNAL';
          bus.emit({ type: 'export_failed', at: now(), format, template, duration_ms: duration, error: message, code });
          errors.show('export', {
            title: `${format.toUpperCase()} export failed`,
            message: `${plainError(error)} ${exportAdvice(error)}`,
            // Retry only where the same export can succeed: the worker had stopped.
            actions: code === 'INTERNAL' ? [{ label: 'Retry', run: () => void exportNow({ ...prefs, format }) }] : [],
          });
          failed = true;
          return;
        }
      }
      for (const { file, format, duration } of ready) {
        downloadBytes(file.bytes, file.fileName, file.mimeType);
        bus.emit({ type: 'export_completed', at: now(), format, template, duration_ms: duration, bytes: file.bytes.length, rows: file.rows, warnings: file.warnings });
        notifyExported(file);
        void remember(file, format, prefs);
      }
      if (ready.length > 0) errors.resolve('export');
    } finally {
      exportJob = null;
      // After a failure the dialog stays open with the choices, so they can be corrected.
      patch('export', { busy: null, open: failed });
    }
  }

  function notifyExported(file: ExportedFile): void {
    const actions = [];
    // Only where the Web Share API exists: the File is a copy of the bytes.
    const shareFile = typeof navigator.canShare === 'function' ? new File([file.bytes.slice().buffer as ArrayBuffer], file.fileName, { type: file.mimeType }) : null;
    if (shareFile && navigator.canShare({ files: [shareFile] })) {
      actions.push({ label: 'Share', run: () => void navigator.share({ files: [shareFile], title: file.fileName }).catch(() => undefined) });
    }
    const ready = `${file.fileName} (${formatBytes(file.bytes.length)})`;
    if (file.warnings.length === 0) {
      toaster.show({ kind: 'success', title: 'Export ready', message: ready, actions });
      return;
    }
    // Still a success (the file is downloaded), but it stays until dismissed: the note is worth reading.
    toaster.show({ kind: 'success', title: 'Export ready, with a note', message: `${ready}. ${exportWarningText(file.warnings)}`, actions, durationMs: 0 });
  }

  async function remember(file: ExportedFile, format: string, prefs: ExportPrefs): Promise<void> {
    try {
      await addHistoryEntry({ name: file.fileName, time: now(), size: file.bytes.length, mimeType: file.mimeType, format, options: prefs, bytes: file.bytes });
      deps.onHistoryChanged();
    } catch (error) {
      errors.show('history', {
        title: 'Not saved to the export history',
        message: isQuotaError(error)
          ? 'The browser has no storage space left. Your file was downloaded; clear the history to keep future exports.'
          : `The browser refused to store it (${firstLine(error instanceof Error ? error.message : String(error))}). Your file was downloaded.`,
      });
    }
  }

  return {
    loadExample,
    loadFile,
    clearFx,
    editForm,
    resetSetting,
    applyConfig,
    dismissNotice: () => patch('form', { notice: null }),
    run,
    cancelRun: () => runJob?.cancel(),
    exportNow,
    cancelExport: () => exportJob?.cancel(),
    setDebug(on) {
      store.update({ debug: on });
      rememberConfig();
    },
    async resetPreferences() {
      clearPreferences();
      store.update((s) => ({ export: { ...s.export, prefs: { ...DEFAULT_EXPORT_PREFS } }, form: { ...s.form, userSet: new Set() } }));
      const first = store.get().examples[0]?.id;
      if (first) await loadExample(first, null);
      patch('form', { notice: null });
      toaster.show({ kind: 'info', title: 'Preferences reset', message: 'The example configuration and default export options are back.' });
    },
    currentConfig,
    validateNow,
  };
}
