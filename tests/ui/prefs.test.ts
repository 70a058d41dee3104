import { describe, expect, it } from 'vitest';
import { clearPreferences, DEFAULT_EXPORT_PREFS, loadPreferences, PREFS_KEY, savePreferences } from '../../src/ui/prefs';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
    key: (i) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    },
  };
}

describe('preferences', () => {
  it('merges saved parts and fills missing export options with defaults', () => {
    const storage = memoryStorage();
    expect(savePreferences({ config: { name: 'a' } }, storage)).toBe(true);
    savePreferences({ exportOptions: { ...DEFAULT_EXPORT_PREFS, format: 'csv' } }, storage);
    expect(loadPreferences(storage)).toEqual({ config: { name: 'a' }, exportOptions: { ...DEFAULT_EXPORT_PREFS, format: 'csv' } });
    storage.setItem(PREFS_KEY, JSON.stringify({ exportOptions: { template: 'compliance' } }));
    expect(loadPreferences(storage).exportOptions).toEqual({ ...DEFAULT_EXPORT_PREFS, template: 'compliance' });
    clearPreferences(storage);
    expect(loadPreferences(storage)).toEqual({});
  });

  it('treats unreadable or refused storage as nothing remembered', () => {
    const storage = memoryStorage();
    storage.setItem(PREFS_KEY, '{not json');
    expect(loadPreferences(storage)).toEqual({});
    const full = { ...memoryStorage(), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } } as Storage;
    expect(savePreferences({ config: {} }, full)).toBe(false);
    expect(loadPreferences(null)).toEqual({});
  });
});
