/**
 * The export dialog: format (or all), sections, date range, PDF template, file-name prefix and
 * byte-order mark; a progress bar with Cancel while files are written.
 */
import type { SectionId } from '../report/model.types';
import { byId } from './dom';
import { ALL_SECTIONS, type ExportPrefs } from './prefs';

/** The export dialog's controller. */
export interface ExportDialog {
  /** Opens with the remembered choices and the run's date range as limits. */
  open(prefs: ExportPrefs, range: { first: string; last: string }, defaultPrefix: string): void;
  close(): void;
  /** Busy state: progress in [0, 1] and a stage; `null` returns to the form. */
  setProgress(progress: { fraction: number; stage: string } | null): void;
}

/** Reads the dialog's controls into preferences. */
export function readExportForm(form: HTMLFormElement): ExportPrefs {
  const data = new FormData(form);
  const format = String(data.get('format') ?? 'pdf') as ExportPrefs['format'];
  return {
    format,
    sections: ALL_SECTIONS.filter((s) => data.getAll('sections').includes(s)) as SectionId[],
    from: String(data.get('from') ?? ''),
    to: String(data.get('to') ?? ''),
    template: String(data.get('template') ?? 'detailed') as ExportPrefs['template'],
    prefix: String(data.get('prefix') ?? ''),
    bom: data.get('bom') === 'on',
  };
}

/** Wires the dialog of the page shell (`#export-dialog`). */
export function createExportDialog(handlers: { onExport: (prefs: ExportPrefs) => void; onCancel: () => void }): ExportDialog {
  const dialog = byId<HTMLDialogElement>('export-dialog');
  const form = byId<HTMLFormElement>('export-form');
  const progress = byId<HTMLProgressElement>('export-progress');
  const stage = byId('export-stage');
  const busy = byId('export-busy');
  const submit = byId<HTMLButtonElement>('export-submit');
  const close = byId<HTMLButtonElement>('export-close');
  const cancel = byId<HTMLButtonElement>('export-cancel');
  let working = false;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (working) return;
    handlers.onExport(readExportForm(form));
  });
  close.addEventListener('click', () => {
    if (!working) dialog.close();
  });
  cancel.addEventListener('click', () => handlers.onCancel());
  dialog.addEventListener('cancel', (event) => {
    // Escape while writing cancels the export instead of hiding its progress.
    if (working) {
      event.preventDefault();
      handlers.onCancel();
    }
  });

  return {
    open(prefs, range, defaultPrefix) {
      const set = (name: string, value: string): void => {
        const input = form.elements.namedItem(name);
        if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) input.value = value;
      };
      for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="format"]')) radio.checked = radio.value === prefs.format;
      for (const box of form.querySelectorAll<HTMLInputElement>('input[name="sections"]')) box.checked = prefs.sections.includes(box.value as SectionId);
      set('template', prefs.template);
      set('from', prefs.from);
      set('to', prefs.to);
      set('prefix', prefs.prefix);
      const prefix = form.elements.namedItem('prefix');
      if (prefix instanceof HTMLInputElement) prefix.placeholder = defaultPrefix;
      for (const name of ['from', 'to']) {
        const input = form.elements.namedItem(name);
        if (input instanceof HTMLInputElement) {
          input.min = range.first;
          input.max = range.last;
        }
      }
      const bom = form.elements.namedItem('bom');
      if (bom instanceof HTMLInputElement) bom.checked = prefs.bom;
      this.setProgress(null);
      if (!dialog.open) dialog.showModal();
    },
    close() {
      working = false;
      if (dialog.open) dialog.close();
    },
    setProgress(p) {
      working = p !== null;
      busy.hidden = p === null;
      submit.disabled = working;
      close.disabled = working;
      if (p) {
        progress.value = Math.round(p.fraction * 100);
        stage.textContent = p.stage;
      }
    },
  };
}
