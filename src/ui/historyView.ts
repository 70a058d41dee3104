/** The export history list: the last exports kept in this browser, each downloadable again. */
import { downloadBytes } from '../export/download';
import { byId, el, formatBytes, replaceChildren } from './dom';
import type { ErrorToasts } from './errorToasts';
import { describeExportOptions } from './exportOptions';
import { clearHistory, getHistoryEntry, listHistory } from './history';

/** The history list's controller. */
export interface HistoryView {
  /** Reads the history again and redraws the list. */
  refresh(): Promise<void>;
}

/** Wires `#history-list` and `#clear-history`. */
export function mountHistoryView(errors: ErrorToasts): HistoryView {
  const list = byId('history-list');

  async function redownload(id: number | undefined): Promise<void> {
    if (id === undefined) return;
    try {
      const entry = await getHistoryEntry(id);
      if (!entry) throw new Error('It is no longer in the history.');
      downloadBytes(entry.bytes, entry.name, entry.mimeType);
    } catch (error) {
      errors.show('history', { title: 'Could not download again', message: error instanceof Error ? error.message : String(error) });
    }
  }

  async function refresh(): Promise<void> {
    try {
      const entries = await listHistory();
      replaceChildren(
        list,
        entries.length === 0
          ? [el('li', { className: 'hint', text: 'No exports yet.' })]
          : entries.map((e) =>
              el('li', { dataset: { historyId: String(e.id ?? '') } }, [
                el('span', { className: 'history-name', text: e.name }),
                el('span', { className: 'hint', text: ` ${new Date(e.time).toLocaleString()} · ${formatBytes(e.size)} · ${describeExportOptions(e.format, e.options)}` }),
                el('button', {
                  className: 'secondary',
                  attrs: { type: 'button', 'aria-label': `Download ${e.name} again` },
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

  byId('clear-history').addEventListener('click', () => {
    void clearHistory()
      .then(refresh)
      .catch(() => undefined);
  });
  return { refresh };
}
