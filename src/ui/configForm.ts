/**
 * The run configuration form: renders a `FormState`, keeps it updated as the user types, and
 * shows `validateConfig`'s issues beside the field their key path names. Structural changes
 * (strategy type, assets, benchmarks) re-render; typing only updates the state.
 */
import type { InputIssue } from '../errors';
import { el, replaceChildren } from './dom';
import type { BenchmarkForm, FormState, StrategyType, ThresholdMode } from './formModel';
import { plainIssue } from './messages';
import { SETTING_LABELS, settingOfPath, type SettingKey } from './settings';

/** The form's controller. */
export interface ConfigFormView {
  /** Replaces the form's content; `symbols` are the loaded data's assets. */
  setState(state: FormState, symbols: string[]): void;
  getState(): FormState;
  /** Shows issues beside their fields; those no field claims go in the list on top. */
  showIssues(issues: InputIssue[]): void;
  /** Shows "set by you" (with a reset) on these settings, and hides it on the others. */
  markUserSet(settings: ReadonlySet<SettingKey>): void;
  /** Puts a new run name in (derived from a new strategy) without redrawing the form, so focus stays where it is. */
  setName(name: string): void;
  /** The hint under "Periods per year" (e.g. what the data implies). */
  setPeriodsHint(text: string): void;
}

/** What the form tells the page. */
export interface ConfigFormHandlers {
  /** After every edit: the new state and the key path of the field edited. */
  onChange: (state: FormState, path: string) => void;
  /** "Reset" pressed on a setting marked as set by the user. */
  onReset: (setting: SettingKey) => void;
}

const FREQUENCIES = ['never', 'daily', 'weekly', 'monthly', 'quarterly', 'annually'];
const STRATEGIES: { value: StrategyType; label: string }[] = [
  { value: 'fixed', label: 'Fixed weights' },
  { value: 'equal_weight', label: 'Equal weight' },
  { value: 'inverse_volatility', label: 'Inverse volatility' },
  { value: 'risk_parity', label: 'Risk parity' },
];
const BENCHMARK_KINDS = [
  { value: 'buy_and_hold', label: 'Buy and hold' },
  { value: 'equal_weight', label: 'Equal weight' },
  { value: 'inverse_volatility', label: 'Inverse volatility' },
  { value: 'risk_parity', label: 'Risk parity' },
];

/** `benchmarks[0].asset` and `benchmarks.0.asset` both become `benchmarks.0.asset`. */
export function normalizePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/** The field path (of `fieldPaths`) that claims an issue path: the longest prefix on a `.` boundary. */
export function matchIssuePath(issuePath: string, fieldPaths: string[]): string | null {
  const p = normalizePath(issuePath);
  let best: string | null = null;
  for (const f of fieldPaths) {
    if ((p === f || p.startsWith(`${f}.`)) && (best === null || f.length > best.length)) best = f;
  }
  return best;
}

let uid = 0;

/** Builds the form inside `root`; `handlers.onChange` fires after every edit with the new state. */
export function createConfigForm(root: HTMLElement, general: HTMLElement, handlers: ConfigFormHandlers): ConfigFormView {
  let state: FormState | null = null;
  let symbols: string[] = [];
  let marked: ReadonlySet<SettingKey> = new Set();
  let periodsHint = '';
  const errorSlots = new Map<string, HTMLElement>();

  const changed = (path: string): void => {
    if (state) handlers.onChange(state, path);
  };

  /** "set by you · Reset" beside a setting's label; shown by `markUserSet`. */
  function marker(path: string): HTMLElement | null {
    const setting = settingOfPath(path);
    if (setting === null) return null;
    const reset = el('button', {
      className: 'link-button',
      attrs: { type: 'button', 'aria-label': `Reset ${SETTING_LABELS[setting]} to the value the data implies` },
      text: 'Reset',
      on: { click: () => handlers.onReset(setting) },
    });
    const node = el('span', { className: 'set-by-you', dataset: { setting } }, ['set by you · ', reset]);
    node.hidden = !marked.has(setting);
    return node;
  }

  function field(label: string, path: string, control: HTMLElement, hint?: string): HTMLElement {
    const id = `cf-${++uid}`;
    control.id = id;
    control.dataset.path = path;
    const error = el('p', { className: 'field-error', attrs: { id: `${id}-error`, 'aria-live': 'off' } });
    const hintNode = hint ? el('small', { className: 'hint', attrs: { id: `${id}-hint` }, text: hint }) : null;
    control.setAttribute('aria-describedby', hintNode ? `${id}-hint ${id}-error` : `${id}-error`);
    errorSlots.set(path, error);
    return el('div', { className: 'field', dataset: { field: path } }, [
      el('div', { className: 'field-head' }, [el('label', { attrs: { for: id }, text: label }), marker(path)]),
      control,
      hintNode,
      error,
    ]);
  }

  function textInput(value: string, set: (v: string) => void, attrs: Record<string, string> = {}, path = ''): HTMLInputElement {
    const input = el('input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs } });
    input.value = value;
    input.addEventListener('input', () => {
      set(input.value);
      changed(input.dataset.path ?? path);
    });
    return input;
  }

  function select(options: { value: string; label: string }[], value: string, set: (v: string) => void, rerender = false): HTMLSelectElement {
    const node = el(
      'select',
      {},
      options.map((o) => el('option', { attrs: { value: o.value }, text: o.label })),
    );
    node.value = value;
    node.addEventListener('change', () => {
      const path = node.dataset.path ?? '';
      set(node.value);
      if (rerender) render(path);
      changed(path);
    });
    return node;
  }

  function assetPicker(selected: string[], set: (assets: string[]) => void, path: string, legend: string): HTMLElement {
    const all = [...symbols, ...selected.filter((s) => !symbols.includes(s))];
    const boxes = all.map((symbol) => {
      const box = el('input', { attrs: { type: 'checkbox', value: symbol }, dataset: { asset: symbol } });
      box.checked = selected.includes(symbol);
      box.addEventListener('change', () => {
        const chosen = all.filter((s, i) => (i === all.indexOf(symbol) ? box.checked : selected.includes(s)));
        set(chosen);
        render(`${path}#${symbol}`);
        changed(path);
      });
      return el('label', { className: 'asset-choice' }, [box, symbol]);
    });
    const error = el('p', { className: 'field-error' });
    errorSlots.set(path, error);
    return el('fieldset', { className: 'assets', dataset: { field: path } }, [
      el('legend', { text: legend }),
      marker(path),
      el('div', { className: 'asset-list' }, boxes),
      error,
    ]);
  }

  function benchmarkRow(b: BenchmarkForm, index: number): HTMLElement {
    const s = state as FormState;
    const path = `benchmarks.${index}`;
    const replace = (next: BenchmarkForm): void => {
      s.benchmarks[index] = next;
    };
    const name = textInput(b.name, (v) => {
      (s.benchmarks[index] as BenchmarkForm).name = v;
    });
    const remove = el('button', {
      className: 'secondary',
      attrs: { type: 'button', 'aria-label': `Remove benchmark ${index + 1}` },
      text: 'Remove',
      on: {
        click: () => {
          s.benchmarks.splice(index, 1);
          render('add-benchmark');
          changed(path);
        },
      },
    });
    const children: HTMLElement[] = [field('Benchmark name', `${path}.name`, name)];
    if (b.kind === 'raw') {
      children.push(el('p', { className: 'hint', text: `Custom benchmark kept as configured: ${JSON.stringify(b.raw)}` }));
    } else {
      const kind = b.kind === 'strategy' ? b.strategyType : b.kind;
      children.push(
        field(
          'Type',
          `${path}.type`,
          select(
            BENCHMARK_KINDS,
            kind,
            (v) => {
              const assets = b.kind === 'buy_and_hold' ? [b.asset] : b.assets;
              if (v === 'buy_and_hold') replace({ kind: 'buy_and_hold', name: b.name, asset: assets[0] ?? symbols[0] ?? '' });
              else if (v === 'equal_weight') replace({ kind: 'equal_weight', name: b.name, assets });
              else replace({ kind: 'strategy', name: b.name, strategyType: v as 'inverse_volatility' | 'risk_parity', assets, lookback: '60' });
            },
            true,
          ),
        ),
      );
      if (b.kind === 'buy_and_hold') {
        const options = [...new Set([...symbols, b.asset])].map((v) => ({ value: v, label: v }));
        children.push(field('Asset', `${path}.asset`, select(options, b.asset, (v) => (b.asset = v))));
      } else {
        children.push(assetPicker(b.assets, (a) => (b.assets = a), b.kind === 'strategy' ? `${path}.strategy.assets` : `${path}.assets`, 'Assets'));
        if (b.kind === 'strategy' && b.strategyType !== 'equal_weight') {
          children.push(field('Lookback (returns)', `${path}.strategy.lookback`, textInput(b.lookback, (v) => (b.lookback = v), { inputmode: 'numeric' })));
        }
      }
    }
    children.push(remove);
    const error = el('p', { className: 'field-error' });
    errorSlots.set(path, error);
    children.push(error);
    return el('div', { className: 'benchmark', dataset: { field: path } }, children);
  }

  /** Puts focus back on the control that caused a redraw (`path`, `path#asset`, or an id), so keyboard users keep their place. */
  function restoreFocus(target: string | undefined): void {
    if (!target) return;
    const [path = '', asset] = target.split('#');
    const node = asset !== undefined
      ? root.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"] input[data-asset="${CSS.escape(asset)}"]`)
      : (root.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`) ?? document.getElementById(path));
    node?.focus();
  }

  function render(focus?: string): void {
    errorSlots.clear();
    if (!state) {
      root.replaceChildren();
      return;
    }
    const s = state;
    const thresholdValue = textInput(s.thresholdValue, (v) => (s.thresholdValue = v), { inputmode: 'decimal', placeholder: '0.05' });
    const strategyFields: HTMLElement[] = [
      field(
        'Strategy',
        'strategy.type',
        select(STRATEGIES, s.strategyType, (v) => {
          s.strategyType = v as StrategyType;
          if (s.strategyType === 'fixed') {
            for (const a of s.assets) s.weights[a] ??= (1 / Math.max(1, s.assets.length)).toFixed(6);
          }
          if (s.strategyType !== 'fixed' && s.strategyType !== 'equal_weight' && s.lookback === '') s.lookback = '60';
        }, true),
      ),
      assetPicker(
        s.assets,
        (assets) => {
          s.assets = assets;
          for (const a of assets) s.weights[a] ??= '0';
        },
        s.strategyType === 'fixed' ? 'strategy.weights' : 'strategy.assets',
        'Assets',
      ),
    ];
    if (s.strategyType === 'fixed') {
      strategyFields.push(
        el(
          'div',
          { className: 'weights' },
          s.assets.map((a) =>
            field(`${a} weight`, `strategy.weights.${a}`, textInput(s.weights[a] ?? '', (v) => (s.weights[a] = v), { inputmode: 'decimal' })),
          ),
        ),
      );
    }
    if (s.strategyType === 'inverse_volatility' || s.strategyType === 'risk_parity') {
      strategyFields.push(field('Lookback (returns)', 'strategy.lookback', textInput(s.lookback, (v) => (s.lookback = v), { inputmode: 'numeric' })));
    }
    const thresholdRow: HTMLElement[] = [
      field(
        'Rebalance threshold',
        'rebalance_threshold',
        select(
          [
            { value: 'none', label: 'None (calendar only)' },
            { value: 'absolute', label: 'Absolute band' },
            { value: '5/25', label: '5/25 rule' },
          ],
          s.thresholdMode,
          (v) => (s.thresholdMode = v as ThresholdMode),
          true,
        ),
      ),
    ];
    if (s.thresholdMode === 'absolute') thresholdRow.push(field('Band (fraction, 0–1]', 'rebalance_threshold_value', thresholdValue));

    replaceChildren(root, [
      el('fieldset', {}, [
        el('legend', { text: 'Run' }),
        field('Strategy name', 'name', textInput(s.name, (v) => (s.name = v), { maxlength: '200' })),
        field('Start date', 'start_date', textInput(s.startDate, (v) => (s.startDate = v), { placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}' })),
        field('End date', 'end_date', textInput(s.endDate, (v) => (s.endDate = v), { placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}' })),
        field('Initial capital', 'initial_capital', textInput(s.initialCapital, (v) => (s.initialCapital = v), { inputmode: 'decimal' })),
        field('Base currency', 'base_currency', textInput(s.baseCurrency, (v) => (s.baseCurrency = v), { maxlength: '3', size: '4' })),
      ]),
      el('fieldset', {}, [el('legend', { text: 'Strategy' }), ...strategyFields]),
      el('fieldset', {}, [
        el('legend', { text: 'Rebalancing and costs' }),
        field('Rebalancing frequency', 'rebalancing_frequency', select(FREQUENCIES.map((f) => ({ value: f, label: f })), s.rebalancingFrequency, (v) => (s.rebalancingFrequency = v))),
        ...thresholdRow,
        field('Fixed cost per trade', 'transaction_costs.fixed_per_trade', textInput(s.fixedPerTrade, (v) => (s.fixedPerTrade = v), { inputmode: 'decimal' })),
        field('Cost, fraction of trade value', 'transaction_costs.percentage', textInput(s.percentage, (v) => (s.percentage = v), { inputmode: 'decimal' }), '0.001 = 0.1 %'),
        field('Minimum trade value', 'min_trade_value', textInput(s.minTradeValue, (v) => (s.minTradeValue = v), { inputmode: 'decimal', placeholder: '0' })),
        field('Quantity decimals', 'quantity_decimals', textInput(s.quantityDecimals, (v) => (s.quantityDecimals = v), { inputmode: 'numeric', placeholder: '6' })),
      ]),
      el('fieldset', {}, [
        el('legend', { text: 'Statistics' }),
        field('Risk-free rate (annual)', 'risk_free_rate', textInput(s.riskFreeRate, (v) => (s.riskFreeRate = v), { inputmode: 'decimal', placeholder: '0.02' })),
        field('Periods per year', 'periods_per_year', textInput(s.periodsPerYear, (v) => (s.periodsPerYear = v), { inputmode: 'numeric', placeholder: 'inferred' }), periodsHint || 'Empty: inferred from the dates'),
        field('Rolling window (periods)', 'rolling_window', textInput(s.rollingWindow, (v) => (s.rollingWindow = v), { inputmode: 'numeric', placeholder: '30' })),
      ]),
      el('fieldset', { className: 'benchmarks' }, [
        el('legend', { text: 'Benchmarks' }),
        ...s.benchmarks.map((b, i) => benchmarkRow(b, i)),
        el('button', {
          className: 'secondary',
          attrs: { type: 'button', id: 'add-benchmark' },
          text: 'Add benchmark',
          on: {
            click: () => {
              const first = symbols[0] ?? s.assets[0] ?? '';
              s.benchmarks.push({ kind: 'buy_and_hold', name: `benchmark ${s.benchmarks.length + 1}`, asset: first });
              render(`benchmarks.${s.benchmarks.length - 1}.name`);
              changed('benchmarks');
            },
          },
        }),
      ]),
    ]);
    restoreFocus(focus);
  }

  return {
    setState(next, nextSymbols) {
      state = structuredClone(next);
      symbols = [...nextSymbols];
      render();
    },
    getState() {
      if (!state) throw new Error('The configuration form has no state yet');
      return state;
    },
    showIssues(issues) {
      for (const slot of errorSlots.values()) slot.textContent = '';
      for (const node of root.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
      const paths = [...errorSlots.keys()];
      const unclaimed: InputIssue[] = [];
      for (const issue of issues) {
        // An absolute band's value errors come as `rebalance_threshold`; show them under the value.
        let target = matchIssuePath(issue.path, paths);
        if (target === 'rebalance_threshold' && errorSlots.has('rebalance_threshold_value')) target = 'rebalance_threshold_value';
        const slot = target === null ? undefined : errorSlots.get(target);
        if (!slot || target === null) {
          unclaimed.push(issue);
          continue;
        }
        const text = plainIssue(issue, { withPath: false });
        slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
        root.querySelector(`[data-path="${CSS.escape(target)}"]`)?.setAttribute('aria-invalid', 'true');
      }
      replaceChildren(general, unclaimed.map((i) => el('li', { text: i.path === '' ? i.expected : plainIssue(i, { withPath: true }) })));
      general.hidden = unclaimed.length === 0;
    },
    markUserSet(settings) {
      marked = new Set(settings);
      for (const node of root.querySelectorAll<HTMLElement>('.set-by-you')) node.hidden = !marked.has(node.dataset.setting as SettingKey);
    },
    setName(name) {
      if (state) state.name = name;
      const input = root.querySelector<HTMLInputElement>('input[data-path="name"]');
      if (input && input.value !== name) input.value = name;
    },
    setPeriodsHint(text) {
      periodsHint = text;
      const input = root.querySelector<HTMLInputElement>('input[data-path="periods_per_year"]');
      const hint = input?.parentElement?.querySelector('small.hint');
      if (hint) hint.textContent = text;
    },
  };
}
