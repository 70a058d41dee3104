/**
 * What each browser fixture host does with the installed package: builds a host table of any
 * size, exports it (all three formats, in the export worker or on the page), and measures the
 * page while it does: long tasks (PerformanceObserver), a 10 ms interval timer (ticks and the
 * longest gap between two), and, when asked, the time from `abort()` to the export's rejection.
 * Exposed as `window.consumer` for the tests (tests/consumer/consumer.test.ts) and the bench.
 */
import { exportReport, isAbortError, reportFromTables, type ExportReportOptions, type HostTableInput } from 'backfolio/export';
import type { ExportRun, RunOptions, ToastLook } from './run.types.js';

/** A host table: dates, text with accents, money as decimal strings, a percent, integers. */
export function salesTable(rows: number): HostTableInput {
  const regions = ['Nord', 'Île-de-France', 'Süd', 'Øst', 'Centre'];
  const data: (string | number | null)[][] = [];
  const day0 = Date.UTC(2000, 0, 1);
  for (let i = 0; i < rows; i++) {
    const date = new Date(day0 + i * 86_400_000).toISOString().slice(0, 10);
    data.push([date, regions[i % regions.length] ?? 'Nord', (1000 + i * 1.37).toFixed(2), i === 0 ? null : ((i % 41) - 20) / 1000, 100 + (i % 97)]);
  }
  return {
    id: 'daily_sales',
    title: 'Daily sales',
    columns: [
      { key: 'day', label: 'Day', type: 'date' },
      { key: 'region', label: 'Lead region', type: 'text' },
      { key: 'revenue', label: 'Revenue', type: 'currency', currency: 'EUR' },
      { key: 'growth', label: 'Growth', type: 'percent', decimals: 1 },
      { key: 'orders', label: 'Orders', type: 'integer' },
    ],
    rows: data,
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Exports the sales table of `options.rows` rows in `format`, measuring the page meanwhile. */
export async function run(format: 'csv' | 'xlsx' | 'pdf', options: RunOptions): Promise<ExportRun> {
  const report = reportFromTables({ title: 'Consumer host', tables: [salesTable(options.rows)], template: 'detailed' });
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let ticks = 0;
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    ticks++;
  }, 10);
  const controller = new AbortController();
  let abortedAt: number | null = null;
  let progressSeen = 0;
  const exportOptions: ExportReportOptions = {
    formats: [format],
    signal: controller.signal,
    worker: options.worker,
    onProgress: (p) => {
      progressSeen = Math.max(progressSeen, p.fraction);
      if (options.abortAt !== undefined && abortedAt === null && p.fraction >= options.abortAt) {
        abortedAt = performance.now();
        controller.abort();
      }
    },
  };
  const started = performance.now();
  if (options.abortAfterMs !== undefined) {
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, options.abortAfterMs);
  }
  const result: ExportRun = { format, name: null, base64: null, rows: 0, ms: 0, longestTaskMs: 0, ticks: 0, longestGapMs: 0, abortLatencyMs: null, errorCode: null, progressSeen: 0 };
  let bytes: Uint8Array | null = null;
  try {
    const { files } = await exportReport(report, exportOptions);
    const file = files[0];
    if (file) {
      result.name = file.name;
      bytes = file.bytes;
      result.rows = file.rows;
    }
  } catch (error) {
    if (abortedAt !== null) result.abortLatencyMs = performance.now() - abortedAt;
    result.errorCode = isAbortError(error) ? 'ABORTED' : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  result.ms = performance.now() - started;
  // Let the observer deliver the last entries.
  await new Promise((resolve) => setTimeout(resolve, 50));
  clearInterval(timer);
  observer.disconnect();
  result.longestTaskMs = Math.max(0, ...longTasks);
  result.ticks = ticks;
  result.longestGapMs = longestGap;
  result.progressSeen = progressSeen;
  // Encoded for the test after the measurement: the host's own work, not the export's.
  if (bytes !== null) result.base64 = toBase64(bytes);
  return result;
}

/**
 * Shows a toast with the package's `createToaster` (the host imports no CSS: the toaster brings
 * its own stylesheet) and reads back how the browser styles it, then themes it through a CSS
 * variable set from script. The root entry loads on demand, so the first load stays light.
 */
export async function toast(): Promise<ToastLook> {
  const { createToaster } = await import('backfolio');
  const toaster = createToaster(document.body);
  toaster.show({ kind: 'success', title: 'Export ready', message: 'daily_sales.xlsx (120 KB)', durationMs: 0 });
  const node = toaster.region.querySelector<HTMLElement>('.bf-toast');
  const icon = node?.querySelector<HTMLElement>('.bf-toast-icon');
  const close = node?.querySelector<HTMLElement>('.bf-toast-close');
  if (!node || !icon || !close) throw new Error('the toaster rendered no toast');
  const region = getComputedStyle(toaster.region);
  const look = getComputedStyle(node);
  const iconLook = getComputedStyle(icon);
  const closeLook = getComputedStyle(close);
  const result: ToastLook = {
    documentSheets: document.querySelectorAll('link[rel="stylesheet"], style').length,
    adoptedSheets: document.adoptedStyleSheets.length,
    region: { position: region.position, right: region.right, bottom: region.bottom, zIndex: region.zIndex, width: toaster.region.getBoundingClientRect().width },
    toast: {
      display: look.display,
      backgroundColor: look.backgroundColor,
      borderLeftWidth: look.borderLeftWidth,
      borderLeftColor: look.borderLeftColor,
      borderRadius: look.borderRadius,
      boxShadow: look.boxShadow,
      fontFamily: look.fontFamily,
    },
    icon: { backgroundColor: iconLook.backgroundColor, color: iconLook.color, borderRadius: iconLook.borderRadius },
    closeButton: { width: closeLook.width, height: closeLook.height, backgroundColor: closeLook.backgroundColor },
    text: node.textContent ?? '',
    themedBorderLeftColor: '',
  };
  // A host themes the toasts with the documented variables (set from script, which no CSP blocks).
  document.documentElement.style.setProperty('--bf-toast-success', '#123456');
  result.themedBorderLeftColor = getComputedStyle(node).borderLeftColor;
  document.documentElement.style.removeProperty('--bf-toast-success');
  return result;
}

/**
 * Three backtests on the package's sweep workers (Web Workers here), loaded on demand so the
 * engine stays out of the first load: each run's final value, or its error.
 */
export async function sweep(): Promise<string[]> {
  const { parsePriceCsv, runSweep } = await import('backfolio');
  const prices = parsePriceCsv('date,AAA,BBB\n2024-01-01,100,50\n2024-01-02,101,50.5\n2024-01-03,99.5,51\n2024-01-04,102,50.75\n');
  const configs = ['daily', 'weekly', 'never'].map((frequency) => ({
    name: `Sweep ${frequency}`, start_date: '2024-01-01', end_date: '2024-01-04', initial_capital: '10000', base_currency: 'USD',
    rebalancing_frequency: frequency, strategy: { type: 'fixed', weights: { AAA: 0.5, BBB: 0.5 } },
  }));
  const runs = await runSweep(configs, { prices }, { workers: 2 });
  return runs.map((run) => (run.error ? `error: ${run.error.message}` : String(run.portfolios[0]?.metrics.final_value)));
}

window.consumer = { run, toast, sweep };
document.body.dataset.ready = 'true';
