/**
 * Preferences in localStorage: the last run configuration and the last export options, so the
 * page opens as it was left. Storage may be unavailable (private mode, quota): every access is
 * guarded and a failure only means nothing is remembered.
 */
import type { ExportFormat, PdfTemplate, SectionId } from '../report/model.types';

/** The export dialog's choices. */
export interface ExportPrefs {
  /** One format, or every built-in format. */
  format: ExportFormat | 'all';
  sections: SectionId[];
  from: string;
  to: string;
  template: PdfTemplate;
  prefix: string;
  bom: boolean;
}

/** What is remembered between visits. */
export interface Preferences {
  config?: Record<string, unknown>;
  exportOptions?: ExportPrefs;
}

/** localStorage key (versioned, so a future shape can start fresh). */
export const PREFS_KEY = 'backfolio.preferences.v1';

/** Every report section, in report order (the same as `SECTION_IDS` of src/report/build.ts, kept here so the page's first load does not pull in the report builder). */
export const ALL_SECTIONS: SectionId[] = ['summary', 'daily', 'allocations', 'trades', 'rebalances', 'risk', 'drawdowns', 'rolling', 'monthly', 'yearly', 'trailing'];

/** How the export dialog names each section. */
export const SECTION_LABELS: Record<SectionId, string> = {
  summary: 'Performance summary',
  daily: 'Daily data',
  allocations: 'Allocations',
  trades: 'Trades',
  rebalances: 'Rebalances',
  risk: 'Risk',
  drawdowns: 'Drawdowns',
  rolling: 'Rolling metrics',
  monthly: 'Monthly returns',
  yearly: 'Yearly returns',
  trailing: 'Trailing returns',
};

/** Export choices before the user made any: PDF, detailed, every section, whole run, BOM on. */
export const DEFAULT_EXPORT_PREFS: ExportPrefs = {
  format: 'pdf',
  sections: [...ALL_SECTIONS],
  from: '',
  to: '',
  template: 'detailed',
  prefix: '',
  bom: true,
};

/** Reads preferences; anything unreadable is treated as absent. */
export function loadPreferences(storage: Pick<Storage, 'getItem'> | null = safeStorage()): Preferences {
  try {
    const raw = storage?.getItem(PREFS_KEY);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (parsed === null || typeof parsed !== 'object') return {};
    const p = parsed as Preferences;
    const out: Preferences = {};
    if (p.config && typeof p.config === 'object') out.config = p.config;
    if (p.exportOptions && typeof p.exportOptions === 'object') {
      const merged = { ...DEFAULT_EXPORT_PREFS, ...p.exportOptions };
      // A section no longer in the report is dropped.
      out.exportOptions = { ...merged, sections: Array.isArray(merged.sections) ? merged.sections.filter((s) => ALL_SECTIONS.includes(s)) : [...ALL_SECTIONS] };
    }
    return out;
  } catch {
    return {};
  }
}

/** Merges `update` into the stored preferences; returns false when storage refused. */
export function savePreferences(update: Preferences, storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeStorage()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PREFS_KEY, JSON.stringify({ ...loadPreferences(storage), ...update }));
    return true;
  } catch {
    return false;
  }
}

/** Forgets every preference. */
export function clearPreferences(storage: Pick<Storage, 'removeItem'> | null = safeStorage()): void {
  try {
    storage?.removeItem(PREFS_KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
