/**
 * What the browser fixtures' `window.consumer.run` takes and returns (exercise.ts), in a file of
 * its own that imports nothing from the package, so the repository's tests and bench can name
 * these types without the package being built.
 */

/** What one export did, as the test reads it. */
export interface ExportRun {
  format: string;
  name: string | null;
  /** The file, base64 (null when cancelled). */
  base64: string | null;
  rows: number;
  /** Wall time from the call to the result (or the rejection). */
  ms: number;
  /** Longest main-thread task seen (PerformanceObserver 'longtask', ≥ 50 ms), 0 when none. */
  longestTaskMs: number;
  /** Interval ticks while the export ran, and the longest gap between two. */
  ticks: number;
  longestGapMs: number;
  /** `abort()` to rejection, when the run was cancelled. */
  abortLatencyMs: number | null;
  errorCode: string | null;
  progressSeen: number;
}

/** How a toast made by the package's `createToaster` looks in the host page (computed styles). */
export interface ToastLook {
  /** `<link rel="stylesheet">` and `<style>` elements in the page (the host imported no CSS: 0). */
  documentSheets: number;
  /** Stylesheets adopted by the document (the toaster's own). */
  adoptedSheets: number;
  region: { position: string; right: string; bottom: string; zIndex: string; width: number };
  toast: { display: string; backgroundColor: string; borderLeftWidth: string; borderLeftColor: string; borderRadius: string; boxShadow: string; fontFamily: string };
  icon: { backgroundColor: string; color: string; borderRadius: string };
  closeButton: { width: string; height: string; backgroundColor: string };
  text: string;
  /** The success accent after the host set `--bf-toast-success` (theming through the CSS variables). */
  themedBorderLeftColor: string;
}

/** Options of one run. */
export interface RunOptions {
  rows: number;
  /** `false`: write on the page (no worker). */
  worker?: false;
  /** Cancel this long after the export started (mid-file for a 20,000-row table). */
  abortAfterMs?: number;
  /** Cancel once the writer reports this fraction of the format done (it is then running). */
  abortAt?: number;
}

declare global {
  interface Window {
    /** Set by exercise.ts once the page is wired. */
    consumer: { run(format: 'csv' | 'xlsx' | 'pdf', options: RunOptions): Promise<ExportRun>; toast(): Promise<ToastLook>; sweep(): Promise<string[]> };
  }
}
