/**
 * Everything the dashboard shows, in one object held by the page's store (src/ui/store.ts).
 * Views render from it; actions (src/ui/actions.ts) change it. Nothing else keeps page state.
 */
import type { InputIssue } from '../errors';
import type { DataSummary, ExampleSummary, RunView } from '../worker/protocol';
import type { FormState } from './formModel';
import { DEFAULT_EXPORT_PREFS, type ExportPrefs } from './prefs';
import type { DataContext, SettingKey, SettingsNotice } from './settings';

/** Progress of a job: a fraction in [0, 1] and what it is doing. */
export interface Progress {
  fraction: number;
  stage: string;
}

/** The loaded data. */
export interface DataState {
  prices: DataSummary | null;
  fx: DataSummary | null;
  /** The bundled example the prices came from, or null for a file. */
  exampleId: string | null;
  /** What the data implies for the settings (null before any data). */
  context: DataContext | null;
  busy: Progress | null;
  /** The last failed load: a title and one line per problem. */
  error: { title: string; lines: string[] } | null;
}

/** The configuration form. */
export interface FormSlice {
  /** The form's values (null before the first data). */
  values: FormState | null;
  /** What the data implies for every setting. */
  baseline: FormState | null;
  /** Settings the user set (kept when the data changes, marked "set by you"). */
  userSet: ReadonlySet<SettingKey>;
  /** Bumped when the form must be drawn again from `values` (not on typing). */
  revision: number;
  /** What the last change of data did to the settings. */
  notice: SettingsNotice | null;
  issues: InputIssue[];
  /** The page's address with this configuration in its hash (the share link). */
  shareUrl: string;
}

/** The backtest run. */
export interface RunState {
  busy: Progress | null;
  status: string;
  /** The result on screen, and the id the worker keeps it under. */
  view: RunView | null;
  resultId: number;
}

/** The export dialog. */
export interface ExportState {
  prefs: ExportPrefs;
  open: boolean;
  busy: Progress | null;
}

/** The whole page. */
export interface PageState {
  examples: ExampleSummary[];
  data: DataState;
  form: FormSlice;
  run: RunState;
  export: ExportState;
  debug: boolean;
}

/** The page before anything loaded. */
export function initialPageState(exportPrefs: ExportPrefs | undefined): PageState {
  return {
    examples: [],
    data: { prices: null, fx: null, exampleId: null, context: null, busy: null, error: null },
    form: { values: null, baseline: null, userSet: new Set(), revision: 0, notice: null, issues: [], shareUrl: '' },
    run: { busy: null, status: '', view: null, resultId: 0 },
    export: { prefs: exportPrefs ?? { ...DEFAULT_EXPORT_PREFS }, open: false, busy: null },
    debug: false,
  };
}
