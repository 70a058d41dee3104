/**
 * The export dialog: format (or all), sections, date range, PDF template, file-name prefix and
 * byte-order mark; a progress bar with Cancel while files are written. From and To are text
 * fields taking ISO dates (`2021-06-30`), prefilled with the run's range and checked as the user
 * types (a date, From ≤ To, inside the run) with the same rules as the command line, so the
 * worker is only asked for an export that can be written.
 */
import { checkDateRange, checkSections, DIALOG_LABELS, type ChoiceProblem } from '../export-choices';
import type { SectionId } from '../report/model.types';
import { byId, el, replaceChildren } from './dom';
import type { ExportState } from './pageState';
import { ALL_SECTIONS, SECTION_LABELS, type ExportPrefs } from './prefs';

/** The export dialog's controller. */
export interface ExportDialog {
  /** Draws the dialog's part of the page state (open or closed, busy). */
  render(state: ExportState, run: { first: string; last: string } | null, defaultPrefix: string): void;
}

/** What the dialog tells the page. */
export interface ExportDialogHandlers {
  onExport: (prefs: ExportPrefs) => void;
  onCancel: () => void;
  onClose: () => void;
}

/** Reads the dialog's controls into preferences; a range equal to the run's is stored as the whole run (`''`). */
export function readExportForm(form: HTMLFormElement, run: { first: string; last: string } | null): ExportPrefs {
  const data = new FormData(form);
  const format = String(data.get('format') ?? 'pdf') as ExportPrefs['format'];
  const from = String(data.get('from') ?? '').trim();
  const to = String(data.get('to') ?? '').trim();
  return {
    format,
    sections: ALL_SECTIONS.filter((s) => data.getAll('sections').includes(s)),
    from: run && from === run.first ? '' : from,
    to: run && to === run.last ? '' : to,
    template: String(data.get('template') ?? 'detailed') as ExportPrefs['template'],
    prefix: String(data.get('prefix') ?? ''),
    bom: data.get('bom') === 'on',
  };
}

/** Problems of the dialog's choices, checked before the worker is asked. */
export function checkExportPrefs(prefs: ExportPrefs, run: { first: string; last: string } | null): ChoiceProblem[] {
  return [...checkDateRange(prefs.from, prefs.to, DIALOG_LABELS, run ?? undefined), ...checkSections(prefs.sections, ALL_SECTIONS, 'Sections')];
}

/** Wires the dialog of the page shell (`#export-dialog`). */
export function createExportDialog(handlers: ExportDialogHandlers): ExportDialog {
  const dialog = byId<HTMLDialogElement>('export-dialog');
  const form = byId<HTMLFormElement>('export-form');
  const progress = byId<HTMLProgressElement>('export-progress');
  const stage = byId('export-stage');
  const busy = byId('export-busy');
  const submit = byId<HTMLButtonElement>('export-submit');
  const close = byId<HTMLButtonElement>('export-close');
  const cancel = byId<HTMLButtonElement>('export-cancel');
  const sections = byId('export-sections');
  const runHint = byId('export-range-hint');
  const slots: Record<ChoiceProblem['field'], HTMLElement> = {
    from: byId('export-from-error'),
    to: byId('export-to-error'),
    sections: byId('export-sections-error'),
  };
  let working = false;
  let run: { first: string; last: string } | null = null;
  let shownOpen = false;

  replaceChildren(
    sections,
    ALL_SECTIONS.map((id) => el('label', {}, [el('input', { attrs: { type: 'checkbox', name: 'sections', value: id } }), ` ${SECTION_LABELS[id]}`])),
  );

  const input = (name: string): HTMLInputElement | HTMLSelectElement | null => {
    const node = form.elements.namedItem(name);
    return node instanceof HTMLInputElement || node instanceof HTMLSelectElement ? node : null;
  };

  /** Shows each problem under its control; returns them. */
  function validate(): ChoiceProblem[] {
    const problems = checkExportPrefs(readExportForm(form, run), run);
    for (const [field, slot] of Object.entries(slots) as [ChoiceProblem['field'], HTMLElement][]) {
      const mine = problems.filter((p) => p.field === field);
      slot.textContent = mine.map((p) => p.message).join(' ');
      const control = field === 'sections' ? sections : input(field);
      if (mine.length > 0) control?.setAttribute('aria-invalid', 'true');
      else control?.removeAttribute('aria-invalid');
    }
    return problems;
  }

  /** The PDF template matters only for a PDF, the BOM only for CSV. */
  function showRelevantOptions(): void {
    const format = String(new FormData(form).get('format') ?? 'pdf');
    byId('export-template-row').hidden = !(format === 'pdf' || format === 'all');
    byId('export-bom-row').hidden = !(format === 'csv' || format === 'all');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (working) return;
    const problems = validate();
    const [first] = problems;
    if (first) {
      (first.field === 'sections' ? sections.querySelector('input') : input(first.field))?.focus();
      return;
    }
    handlers.onExport(readExportForm(form, run));
  });
  form.addEventListener('input', (event) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.name === 'format') showRelevantOptions();
    // Re-check only what has been flagged, or the date being typed once it looks complete.
    if (target instanceof HTMLInputElement && (target.name === 'from' || target.name === 'to' || target.name === 'sections')) validate();
  });
  form.addEventListener('change', showRelevantOptions);
  close.addEventListener('click', () => {
    if (!working) handlers.onClose();
  });
  cancel.addEventListener('click', () => handlers.onCancel());
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    // Escape while writing cancels the export instead of hiding its progress.
    if (working) handlers.onCancel();
    else handlers.onClose();
  });

  function fill(prefs: ExportPrefs, defaultPrefix: string): void {
    for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="format"]')) radio.checked = radio.value === prefs.format;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name="sections"]')) box.checked = prefs.sections.includes(box.value as SectionId);
    const set = (name: string, value: string): void => {
      const node = input(name);
      if (node) node.value = value;
    };
    set('template', prefs.template);
    // Prefilled with the run's range; a remembered range is kept only when it fits this run.
    const fits = run !== null && checkDateRange(prefs.from, prefs.to, DIALOG_LABELS, run).length === 0;
    set('from', fits && prefs.from !== '' ? prefs.from : (run?.first ?? ''));
    set('to', fits && prefs.to !== '' ? prefs.to : (run?.last ?? ''));
    set('prefix', prefs.prefix);
    const prefix = input('prefix');
    if (prefix instanceof HTMLInputElement) prefix.placeholder = defaultPrefix;
    const bom = input('bom');
    if (bom instanceof HTMLInputElement) bom.checked = prefs.bom;
    runHint.textContent = run ? `The run covers ${run.first} to ${run.last}. Dates are YYYY-MM-DD.` : '';
    for (const slot of Object.values(slots)) slot.textContent = '';
    for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
    showRelevantOptions();
  }

  return {
    render(state, nextRun, defaultPrefix) {
      run = nextRun;
      const wasWorking = working;
      working = state.busy !== null;
      busy.hidden = !working;
      submit.disabled = working;
      close.disabled = working;
      for (const fieldset of form.querySelectorAll('fieldset')) fieldset.disabled = working;
      if (state.busy) {
        progress.value = Math.round(state.busy.fraction * 100);
        stage.textContent = state.busy.stage;
      }
      if (state.open && !shownOpen) {
        fill(state.prefs, defaultPrefix);
        if (!dialog.open) dialog.showModal();
      } else if (!state.open && dialog.open) {
        dialog.close();
      }
      // Keyboard users land on Cancel while writing, and back on Export after a failure.
      if (working && !wasWorking) cancel.focus();
      if (state.open && !working && wasWorking) submit.focus();
      shownOpen = state.open;
    },
  };
}
