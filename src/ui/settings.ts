/**
 * Where each setting of the form came from, and what happens to it when the data changes.
 *
 * Every setting has a baseline: what the loaded data implies (an example's own configuration;
 * for a price file its symbols, its dates, periods per year inferred, a name from the file and
 * the strategy; for everything a file says nothing about, the previous baseline). A setting the
 * user typed differently from its baseline is "set by you": it survives a change of data (made
 * to fit it, e.g. assets the new file lacks are dropped) and is shown with a reset. Every other
 * setting follows the new baseline, and the page says what changed.
 */
import type { DataSummary, ExampleSummary } from '../worker/protocol';
import { plural } from '../plural';
import { benchmarkAssets, configToForm, type BenchmarkForm, type FormState, type StrategyType } from './formModel';

/** One setting as the user sees it (some cover two form fields: the threshold's mode and value). */
export type SettingKey =
  | 'name'
  | 'startDate'
  | 'endDate'
  | 'initialCapital'
  | 'baseCurrency'
  | 'rebalancingFrequency'
  | 'threshold'
  | 'fixedPerTrade'
  | 'percentage'
  | 'riskFreeRate'
  | 'periodsPerYear'
  | 'quantityDecimals'
  | 'minTradeValue'
  | 'rollingWindow'
  | 'strategyType'
  | 'assets'
  | 'lookback'
  | 'benchmarks';

/** Every setting, in the form's order. */
export const SETTING_KEYS: readonly SettingKey[] = [
  'name',
  'startDate',
  'endDate',
  'initialCapital',
  'baseCurrency',
  'strategyType',
  'assets',
  'lookback',
  'rebalancingFrequency',
  'threshold',
  'fixedPerTrade',
  'percentage',
  'minTradeValue',
  'quantityDecimals',
  'riskFreeRate',
  'periodsPerYear',
  'rollingWindow',
  'benchmarks',
];

/** How a setting is called on screen (notices, "set by you" markers). */
export const SETTING_LABELS: Record<SettingKey, string> = {
  name: 'Strategy name',
  startDate: 'Start date',
  endDate: 'End date',
  initialCapital: 'Initial capital',
  baseCurrency: 'Base currency',
  rebalancingFrequency: 'Rebalancing frequency',
  threshold: 'Rebalance threshold',
  fixedPerTrade: 'Fixed cost per trade',
  percentage: 'Cost, fraction of trade value',
  riskFreeRate: 'Risk-free rate',
  periodsPerYear: 'Periods per year',
  quantityDecimals: 'Quantity decimals',
  minTradeValue: 'Minimum trade value',
  rollingWindow: 'Rolling window',
  strategyType: 'Strategy',
  assets: 'Assets',
  lookback: 'Lookback',
  benchmarks: 'Benchmarks',
};

/** Short strategy names for derived run names ("Risk parity · prices"). */
export const STRATEGY_NAMES: Record<StrategyType, string> = {
  fixed: 'Fixed weights',
  equal_weight: 'Equal weight',
  inverse_volatility: 'Inverse volatility',
  risk_parity: 'Risk parity',
};

/** The setting a form field's key path belongs to (`strategy.weights.BTC` → `assets`); null for none. */
export function settingOfPath(path: string): SettingKey | null {
  const exact: Record<string, SettingKey> = {
    name: 'name',
    start_date: 'startDate',
    end_date: 'endDate',
    initial_capital: 'initialCapital',
    base_currency: 'baseCurrency',
    rebalancing_frequency: 'rebalancingFrequency',
    rebalance_threshold: 'threshold',
    rebalance_threshold_value: 'threshold',
    'transaction_costs.fixed_per_trade': 'fixedPerTrade',
    'transaction_costs.percentage': 'percentage',
    risk_free_rate: 'riskFreeRate',
    periods_per_year: 'periodsPerYear',
    quantity_decimals: 'quantityDecimals',
    min_trade_value: 'minTradeValue',
    rolling_window: 'rollingWindow',
    'strategy.type': 'strategyType',
    'strategy.lookback': 'lookback',
  };
  if (exact[path]) return exact[path];
  if (path === 'strategy.assets' || path.startsWith('strategy.weights')) return 'assets';
  if (path === 'benchmarks' || path.startsWith('benchmarks.')) return 'benchmarks';
  return null;
}

/** A setting's value in comparable form (JSON of the fields it covers). */
export function settingValue(form: FormState, key: SettingKey): string {
  switch (key) {
    case 'threshold':
      return JSON.stringify([form.thresholdMode, form.thresholdMode === 'absolute' ? form.thresholdValue.trim() : '']);
    case 'assets':
      return JSON.stringify(form.strategyType === 'fixed' ? form.assets.map((a) => [a, (form.weights[a] ?? '').trim()]) : form.assets);
    case 'benchmarks':
      return JSON.stringify(form.benchmarks);
    default: {
      const value = form[key];
      return typeof value === 'string' ? value.trim() : JSON.stringify(value);
    }
  }
}

/** `to` with the fields of setting `key` copied from `from`. */
function copySetting(to: FormState, from: FormState, key: SettingKey): void {
  switch (key) {
    case 'threshold':
      to.thresholdMode = from.thresholdMode;
      to.thresholdValue = from.thresholdValue;
      return;
    case 'assets':
      to.assets = [...from.assets];
      to.weights = { ...from.weights };
      return;
    case 'benchmarks':
      to.benchmarks = structuredClone(from.benchmarks);
      return;
    default:
      (to as unknown as Record<string, unknown>)[key] = from[key];
  }
}

/** What the loaded data is, as far as the form's defaults go. */
export interface DataContext {
  symbols: string[];
  first: string;
  last: string;
  /** The one currency every series is quoted in, or null (mixed, or not stated). */
  currency: string | null;
  /** Periods per year the engine will infer from these dates (null when unknown). */
  inferredPeriods: number | null;
  /** Used in derived names: the file's name without extension, or the example's data label. */
  label: string;
  /** The example the data came from, with its configuration. */
  example: { id: string; config: Record<string, unknown> } | null;
  /** The file name (price file) or the example title, for notices. */
  source: string;
}

/** The data context of a loaded price file or example. */
export function dataContextOf(prices: DataSummary, example: (ExampleSummary & { config: Record<string, unknown> }) | null): DataContext {
  const first = prices.series.reduce((m, s) => (m === '' || (s.first !== '' && s.first < m) ? s.first : m), '');
  const last = prices.series.reduce((m, s) => (s.last > m ? s.last : m), '');
  const currencies = new Set(prices.series.map((s) => s.currency));
  const [only] = [...currencies];
  return {
    symbols: prices.series.map((s) => s.name),
    first,
    last,
    currency: currencies.size === 1 && typeof only === 'string' && only !== '' ? only : null,
    inferredPeriods: prices.inferredPeriodsPerYear ?? null,
    label: example ? example.dataLabel : prices.fileName.replace(/\.[^.]*$/, '') || prices.fileName,
    example: example ? { id: example.id, config: example.config } : null,
    source: example ? example.title : prices.fileName,
  };
}

/** Settings before any data says otherwise (a price file loaded first starts from these). */
export const DEFAULT_FORM: FormState = configToForm({
  initial_capital: '10000',
  base_currency: 'USD',
  rebalancing_frequency: 'monthly',
  transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
  risk_free_rate: '0.02',
  strategy: { type: 'equal_weight', assets: [] },
  benchmarks: [],
});

/** The run name the data and strategy imply: the example's own when its strategy is chosen, else "Strategy · data". */
export function impliedName(context: DataContext, strategyType: StrategyType): string {
  const exampleForm = context.example ? configToForm(context.example.config) : null;
  if (exampleForm && exampleForm.strategyType === strategyType && exampleForm.name !== '') return exampleForm.name;
  return `${STRATEGY_NAMES[strategyType]} · ${context.label}`;
}

function equalWeights(assets: string[]): Record<string, string> {
  const weights: Record<string, string> = {};
  const share = assets.length > 0 ? (1 / assets.length).toFixed(6) : '1';
  for (const a of assets) weights[a] = share;
  return weights;
}

function usable(b: BenchmarkForm, symbols: string[]): boolean {
  return benchmarkAssets(b).every((a) => symbols.includes(a));
}

/**
 * The baseline for `context`: an example's configuration, or for a price file the previous
 * baseline (or the defaults) with what the file implies: every symbol, its dates, periods per
 * year inferred, its currency when it has one, the benchmarks that still fit (else buy and hold
 * of the first symbol), and a name from the file and the strategy.
 */
export function baselineFor(context: DataContext, previous: FormState | null): FormState {
  if (context.example) return configToForm(context.example.config);
  const base = structuredClone(previous ?? DEFAULT_FORM);
  base.startDate = context.first;
  base.endDate = context.last;
  base.periodsPerYear = '';
  base.assets = [...context.symbols];
  base.weights = equalWeights(base.assets);
  if (context.currency) base.baseCurrency = context.currency;
  const kept = base.benchmarks.filter((b) => usable(b, context.symbols) && b.kind !== 'raw');
  const first = context.symbols[0];
  base.benchmarks = kept.length > 0 ? kept : first === undefined ? [] : [{ kind: 'buy_and_hold', name: `${first} buy and hold`, asset: first }];
  if ((base.strategyType === 'inverse_volatility' || base.strategyType === 'risk_parity') && base.lookback === '') base.lookback = '60';
  base.name = impliedName(context, base.strategyType);
  return base;
}

/** The settings of `form` that differ from `baseline` (the ones the user set). */
export function userSettings(form: FormState, baseline: FormState, context: DataContext | null): Set<SettingKey> {
  const set = new Set<SettingKey>();
  for (const key of SETTING_KEYS) {
    const base = key === 'name' && context ? impliedName(context, form.strategyType) : settingValue(baseline, key);
    if (settingValue(form, key) !== base) set.add(key);
  }
  return set;
}

/** What a change of data did to the settings, for a short notice. */
export interface SettingsNotice {
  /** E.g. `Settings follow business_days.csv`. */
  title: string;
  /** One line per setting that changed: `Periods per year: 365 → inferred (252)`. */
  changed: string[];
  /** Settings the user set that were kept (or fitted to the data). */
  kept: string[];
}

/** A setting as a few words for the notice. */
export function describeSetting(form: FormState, key: SettingKey, context: DataContext | null): string {
  switch (key) {
    case 'periodsPerYear':
      return form.periodsPerYear.trim() === '' ? `inferred${context?.inferredPeriods ? ` (${context.inferredPeriods})` : ''}` : form.periodsPerYear.trim();
    case 'assets':
      return form.assets.length <= 6 ? form.assets.join(', ') || 'none' : plural(form.assets.length, 'asset');
    case 'benchmarks':
      return form.benchmarks.length === 0 ? 'none' : form.benchmarks.map((b) => b.name).join(', ');
    case 'threshold':
      return form.thresholdMode === 'none' ? 'none' : form.thresholdMode === '5/25' ? '5/25 rule' : `band ${form.thresholdValue}`;
    case 'strategyType':
      return STRATEGY_NAMES[form.strategyType];
    case 'name':
      return `“${form.name}”`;
    default: {
      const value = settingValue(form, key);
      return value === '' ? 'empty' : value;
    }
  }
}

/** The outcome of a change of data: the new form, its baseline, what the user set, and the notice. */
export interface Reconciled {
  form: FormState;
  baseline: FormState;
  userSet: Set<SettingKey>;
  notice: SettingsNotice | null;
}

/**
 * The form after the data changed to `context`: settings the user set stay (assets and
 * benchmarks fitted to the new symbols), every other setting takes the new baseline. With
 * `keepAll` (a configuration from a shared link or a saved visit), every value of `form` stays
 * and only the markers are worked out.
 */
export function reconcileSettings(
  form: FormState | null,
  userSet: ReadonlySet<SettingKey>,
  context: DataContext,
  previousBaseline: FormState | null,
): Reconciled {
  const baseline = baselineFor(context, previousBaseline);
  if (!form) return { form: structuredClone(baseline), baseline, userSet: new Set(), notice: null };
  const next = structuredClone(baseline);
  const kept: string[] = [];
  for (const key of SETTING_KEYS) if (userSet.has(key)) copySetting(next, form, key);
  const symbols = context.symbols;
  if (userSet.has('assets')) {
    const assets = form.assets.filter((a) => symbols.includes(a));
    if (assets.length === 0) {
      copySetting(next, baseline, 'assets');
      kept.push(`${SETTING_LABELS.assets}: none of yours is in the new data, so all ${plural(symbols.length, 'asset')} are used`);
    } else {
      next.assets = assets;
      next.weights = Object.fromEntries(assets.map((a) => [a, form.weights[a] ?? '']));
      const dropped = form.assets.length - assets.length;
      if (dropped > 0) kept.push(`${SETTING_LABELS.assets}: yours, without ${plural(dropped, 'asset')} the new data lacks`);
    }
  }
  if (userSet.has('benchmarks')) {
    const benchmarks = form.benchmarks.filter((b) => b.kind === 'raw' || usable(b, symbols));
    if (benchmarks.length < form.benchmarks.length) {
      kept.push(`${SETTING_LABELS.benchmarks}: ${plural(form.benchmarks.length - benchmarks.length, 'benchmark')} dropped (their assets are not in the new data)`);
    }
    next.benchmarks = benchmarks.length > 0 ? benchmarks : structuredClone(baseline.benchmarks);
  }
  // The name follows the strategy actually chosen, unless the user named the run.
  if (!userSet.has('name')) next.name = impliedName(context, next.strategyType);
  const nextUserSet = userSettings(next, baseline, context);
  for (const key of SETTING_KEYS) {
    if (nextUserSet.has(key) && userSet.has(key) && !kept.some((k) => k.startsWith(SETTING_LABELS[key]))) kept.push(`${SETTING_LABELS[key]} (set by you)`);
  }
  const changed: string[] = [];
  for (const key of SETTING_KEYS) {
    if (userSet.has(key)) continue;
    const before = describeSetting(form, key, null);
    const after = describeSetting(next, key, context);
    if (settingValue(form, key) !== settingValue(next, key)) changed.push(`${SETTING_LABELS[key]}: ${before} → ${after}`);
  }
  const notice = changed.length > 0 || kept.length > 0 ? { title: `Settings follow ${context.source}`, changed, kept } : null;
  return { form: next, baseline, userSet: nextUserSet, notice };
}
