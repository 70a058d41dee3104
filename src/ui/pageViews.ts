/**
 * The views of the data, configuration and run sections: each subscribes to the store and
 * redraws its part of the page shell when its slice of the state changed.
 */
import { plural } from '../plural';
import type { Actions } from './actions';
import { createConfigForm } from './configForm';
import { byId, el, formatBytes, replaceChildren } from './dom';
import type { PageState } from './pageState';
import type { Store } from './store';

/** The Data section: example picker, loading progress, errors and what is loaded. */
export function mountDataView(store: Store<PageState>): void {
  const select = byId<HTMLSelectElement>('example-select');
  const describe = (s: PageState): void => {
    byId('example-description').textContent = s.examples.find((e) => e.id === select.value)?.description ?? '';
  };
  select.addEventListener('change', () => describe(store.get()));
  store.subscribe((s, prev) => {
    if (s.examples !== prev.examples) {
      replaceChildren(select, s.examples.map((e) => el('option', { attrs: { value: e.id }, text: exampleOptionText(e) })));
      describe(s);
    }
    if (s.data.exampleId !== prev.data.exampleId && s.data.exampleId) {
      select.value = s.data.exampleId;
      describe(s);
    }
    if (s.data.busy !== prev.data.busy) {
      byId('data-busy').hidden = s.data.busy === null;
      if (s.data.busy) {
        byId<HTMLProgressElement>('data-progress').value = Math.round(s.data.busy.fraction * 100);
        byId('data-stage').textContent = s.data.busy.stage;
      }
    }
    if (s.data.error !== prev.data.error) {
      byId('data-errors').hidden = s.data.error === null;
      if (s.data.error) {
        byId('data-error-title').textContent = s.data.error.title;
        replaceChildren(byId('data-error-list'), s.data.error.lines.map((l) => el('li', { text: l })));
      }
    }
    if (s.data.prices !== prev.data.prices || s.data.fx !== prev.data.fx || s.examples !== prev.examples) {
      byId('data-status').textContent = describeData(s);
      byId('clear-fx').hidden = s.data.fx === null;
    }
  });
}

/** "Loaded: … 5 assets (BTC, …), 2020-01-01 to 2024-12-31, 96.3 KB, SHA-256 …; FX: …". */
export function describeData(s: PageState): string {
  const prices = s.data.prices;
  if (!prices) return 'No data loaded: load an example or a price file.';
  const example = s.examples.find((e) => e.id === s.data.exampleId);
  const origin = example ? `${example.title}${example.synthetic ? ' — synthetic data, not market prices' : ''}` : prices.fileName;
  const symbols = prices.series.map((x) => x.name);
  const shown = symbols.length <= 12 ? symbols.join(', ') : `${symbols.slice(0, 12).join(', ')}, …`;
  const context = s.data.context;
  const periods = context?.inferredPeriods ? `, ${context.inferredPeriods} periods per year by its dates` : '';
  const fx = s.data.fx ? ` FX: ${s.data.fx.fileName} (${s.data.fx.series.map((x) => x.name).join(', ')}).` : '';
  return `Loaded: ${origin}. ${plural(symbols.length, 'asset')} (${shown}), ${context?.first ?? ''} to ${context?.last ?? ''}${periods}, ${formatBytes(prices.bytes)}, SHA-256 ${prices.sha256.slice(0, 12)}…${fx}`;
}

/** The Configure section: the form, "set by you" markers, the settings notice, issues and the share link. */
export function mountFormView(store: Store<PageState>, actions: Actions): void {
  const form = createConfigForm(byId('config-form'), byId('config-errors'), {
    onChange: (values, path) => actions.editForm(values, path),
    onReset: (setting) => {
      actions.resetSetting(setting);
      // The reset button is gone with the redraw; focus goes to the setting itself.
      focusSetting(setting);
    },
  });
  const notice = byId('settings-notice');
  byId('settings-notice-close').addEventListener('click', () => actions.dismissNotice());

  store.subscribe((s, prev) => {
    const f = s.form;
    const symbols = s.data.context?.symbols ?? [];
    if (f.revision !== prev.form.revision && f.values) {
      form.setState(f.values, symbols);
      form.markUserSet(f.userSet);
      form.showIssues(f.issues);
    } else if (f.values !== prev.form.values && f.values) {
      // Typing: the form already shows it; only a derived name has to be put in.
      form.setName(f.values.name);
    }
    if (f.userSet !== prev.form.userSet) form.markUserSet(f.userSet);
    if (f.issues !== prev.form.issues && f.revision === prev.form.revision) form.showIssues(f.issues);
    if (s.data.context !== prev.data.context) {
      const n = s.data.context?.inferredPeriods;
      form.setPeriodsHint(n ? `Empty: inferred from the dates (${n} for this data)` : 'Empty: inferred from the dates');
    }
    if (f.notice !== prev.form.notice) {
      notice.hidden = f.notice === null;
      if (f.notice) {
        byId('settings-notice-title').textContent = f.notice.title;
        replaceChildren(byId('settings-notice-list'), [
          ...f.notice.changed.map((line) => el('li', { text: line })),
          ...f.notice.kept.map((line) => el('li', { className: 'kept', text: line })),
        ]);
      }
    }
    if (f.shareUrl !== prev.form.shareUrl) byId<HTMLInputElement>('share-url').value = f.shareUrl;
  });
}

/** Focuses the first control of a setting (after a reset redrew the form). */
function focusSetting(setting: string): void {
  const root = byId('config-form');
  const marker = root.querySelector<HTMLElement>(`.set-by-you[data-setting="${CSS.escape(setting)}"]`);
  const holder = marker?.closest('[data-field]');
  holder?.querySelector<HTMLElement>('input, select')?.focus();
}

/** The Run section: button, progress with Cancel, status, and a link to the results once there are some. */
export function mountRunView(store: Store<PageState>): void {
  store.subscribe((s, prev) => {
    if (s.run.busy !== prev.run.busy) {
      const busy = s.run.busy;
      byId('run-busy').hidden = busy === null;
      const button = byId<HTMLButtonElement>('run-button');
      button.disabled = busy !== null;
      if (busy) {
        byId<HTMLProgressElement>('run-progress').value = Math.round(busy.fraction * 100);
        byId('run-stage').textContent = busy.stage;
        if (prev.run.busy === null && document.activeElement === button) byId('run-cancel').focus();
      } else if (prev.run.busy !== null && document.activeElement === document.body) {
        button.focus();
      }
    }
    if (s.run.status !== prev.run.status) byId('run-status').textContent = s.run.status;
    if (s.run.view !== prev.run.view) byId('jump-results').hidden = s.run.view === null;
  });
}

/** An example's name in the select: its title, marked synthetic unless the title already says so (once is enough). */
export function exampleOptionText(example: { title: string; synthetic: boolean }): string {
  return example.synthetic && !/synthetic/i.test(example.title) ? `${example.title} (synthetic)` : example.title;
}
