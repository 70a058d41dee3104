/**
 * The configuration form's state, and its mapping to and from the run configuration JSON
 * (../shared/spec/config.md). Text fields stay text: money and rates go out as decimal strings,
 * integers as numbers when they read as integers, anything else as typed, so `validateConfig`
 * (not the form) decides what is wrong and names the key path.
 */

import { CONFIG_KEYS } from '../engine/config-keys';

/** Strategy types of config.md. */
export type StrategyType = 'fixed' | 'equal_weight' | 'inverse_volatility' | 'risk_parity';
/** The threshold select: none, an absolute band, or the 5/25 rule. */
export type ThresholdMode = 'none' | 'absolute' | '5/25';

/** One benchmark row of the form; `raw` keeps a benchmark the form cannot edit, unchanged. */
export type BenchmarkForm =
  | { kind: 'buy_and_hold'; name: string; asset: string }
  | { kind: 'equal_weight'; name: string; assets: string[] }
  | { kind: 'strategy'; name: string; strategyType: Exclude<StrategyType, 'fixed'>; assets: string[]; lookback: string }
  | { kind: 'raw'; name: string; raw: Record<string, unknown> };

/** Everything the form shows, as text where the user types. */
export interface FormState {
  name: string;
  startDate: string;
  endDate: string;
  initialCapital: string;
  baseCurrency: string;
  rebalancingFrequency: string;
  thresholdMode: ThresholdMode;
  thresholdValue: string;
  fixedPerTrade: string;
  percentage: string;
  riskFreeRate: string;
  /** Empty: inferred from the timeline. */
  periodsPerYear: string;
  quantityDecimals: string;
  minTradeValue: string;
  rollingWindow: string;
  strategyType: StrategyType;
  /** Selected assets, in order. */
  assets: string[];
  /** symbol → weight text (fixed strategy). */
  weights: Record<string, string>;
  lookback: string;
  benchmarks: BenchmarkForm[];
  /** Keys of the configuration the form does not show, carried through unchanged. */
  extra: Record<string, unknown>;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(CONFIG_KEYS);

/** Text of a JSON value as the form shows it (`''` when absent). */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => text(v)) : [];
}

/** An integer field: a number when the text is an integer, the text itself otherwise (validation names it). */
export function integerOut(value: string): number | string {
  const t = value.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** A rate or band: the trimmed text (the config accepts decimal strings). */
function decimalOut(value: string): string {
  return value.trim();
}

const STRATEGY_TYPES: StrategyType[] = ['fixed', 'equal_weight', 'inverse_volatility', 'risk_parity'];

function benchmarkFromJson(value: unknown): BenchmarkForm {
  const b = record(value);
  const name = text(b.name);
  const keys = Object.keys(b);
  const only = (allowed: string[]): boolean => keys.every((k) => allowed.includes(k));
  if (b.type === 'buy_and_hold' && typeof b.asset === 'string' && only(['name', 'type', 'asset'])) {
    return { kind: 'buy_and_hold', name, asset: b.asset };
  }
  if (b.type === 'equal_weight' && Array.isArray(b.assets) && only(['name', 'type', 'assets'])) {
    return { kind: 'equal_weight', name, assets: strings(b.assets) };
  }
  const s = record(b.strategy);
  if (
    b.type === 'strategy' &&
    only(['name', 'type', 'strategy']) &&
    (s.type === 'equal_weight' || s.type === 'inverse_volatility' || s.type === 'risk_parity') &&
    Object.keys(s).every((k) => ['type', 'assets', 'lookback'].includes(k))
  ) {
    return { kind: 'strategy', name, strategyType: s.type, assets: strings(s.assets), lookback: text(s.lookback) };
  }
  return { kind: 'raw', name, raw: b };
}

function benchmarkToJson(b: BenchmarkForm): Record<string, unknown> {
  switch (b.kind) {
    case 'buy_and_hold':
      return { name: b.name, type: 'buy_and_hold', asset: b.asset };
    case 'equal_weight':
      return { name: b.name, type: 'equal_weight', assets: [...b.assets] };
    case 'strategy': {
      const strategy: Record<string, unknown> = { type: b.strategyType, assets: [...b.assets] };
      if (b.strategyType !== 'equal_weight' && b.lookback.trim() !== '') strategy.lookback = integerOut(b.lookback);
      return { name: b.name, type: 'strategy', strategy };
    }
    case 'raw':
      return { ...b.raw, name: b.name };
  }
}

/** The form's state for a configuration (tolerant: numbers or strings, missing keys empty). */
export function configToForm(config: Record<string, unknown>): FormState {
  const strategy = record(config.strategy);
  const costs = record(config.transaction_costs);
  const type = STRATEGY_TYPES.includes(strategy.type as StrategyType) ? (strategy.type as StrategyType) : 'equal_weight';
  const weightsJson = record(strategy.weights);
  const assets = type === 'fixed' ? Object.keys(weightsJson) : strings(strategy.assets);
  const weights: Record<string, string> = {};
  for (const [symbol, weight] of Object.entries(weightsJson)) weights[symbol] = text(weight);
  const threshold = config.rebalance_threshold;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) if (!KNOWN_KEYS.has(key)) extra[key] = value;
  return {
    name: text(config.name),
    startDate: text(config.start_date),
    endDate: text(config.end_date),
    initialCapital: text(config.initial_capital),
    baseCurrency: text(config.base_currency),
    rebalancingFrequency: text(config.rebalancing_frequency) || 'monthly',
    thresholdMode: threshold === undefined || threshold === null ? 'none' : threshold === '5/25' ? '5/25' : 'absolute',
    thresholdValue: threshold === undefined || threshold === null || threshold === '5/25' ? '' : text(threshold),
    fixedPerTrade: text(costs.fixed_per_trade),
    percentage: text(costs.percentage),
    riskFreeRate: text(config.risk_free_rate),
    periodsPerYear: text(config.periods_per_year),
    quantityDecimals: text(config.quantity_decimals),
    minTradeValue: text(config.min_trade_value),
    rollingWindow: text(config.rolling_window),
    strategyType: type,
    assets,
    weights,
    lookback: text(strategy.lookback),
    benchmarks: Array.isArray(config.benchmarks) ? config.benchmarks.map(benchmarkFromJson) : [],
    extra,
  };
}

/** The configuration JSON for a form state. Optional fields left empty are left out. */
export function formToConfig(form: FormState): Record<string, unknown> {
  const config: Record<string, unknown> = {
    name: form.name,
    start_date: form.startDate.trim(),
    end_date: form.endDate.trim(),
    initial_capital: decimalOut(form.initialCapital),
    base_currency: form.baseCurrency.trim().toUpperCase(),
    rebalancing_frequency: form.rebalancingFrequency,
  };
  if (form.thresholdMode === '5/25') config.rebalance_threshold = '5/25';
  else if (form.thresholdMode === 'absolute') {
    const t = form.thresholdValue.trim();
    config.rebalance_threshold = t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
  }
  config.transaction_costs = { fixed_per_trade: decimalOut(form.fixedPerTrade) || '0', percentage: decimalOut(form.percentage) || '0' };
  if (form.riskFreeRate.trim() !== '') config.risk_free_rate = decimalOut(form.riskFreeRate);
  if (form.periodsPerYear.trim() !== '') config.periods_per_year = integerOut(form.periodsPerYear);
  if (form.quantityDecimals.trim() !== '') config.quantity_decimals = integerOut(form.quantityDecimals);
  if (form.minTradeValue.trim() !== '') config.min_trade_value = decimalOut(form.minTradeValue);
  if (form.rollingWindow.trim() !== '') config.rolling_window = integerOut(form.rollingWindow);
  if (form.strategyType === 'fixed') {
    const weights: Record<string, string> = {};
    for (const symbol of form.assets) weights[symbol] = (form.weights[symbol] ?? '').trim();
    config.strategy = { type: 'fixed', weights };
  } else {
    const strategy: Record<string, unknown> = { type: form.strategyType, assets: [...form.assets] };
    if (form.strategyType !== 'equal_weight' && form.lookback.trim() !== '') strategy.lookback = integerOut(form.lookback);
    config.strategy = strategy;
  }
  config.benchmarks = form.benchmarks.map(benchmarkToJson);
  return { ...form.extra, ...config };
}

/** Form state adjusted to a newly loaded price file: assets missing from it are dropped (all symbols when none is left). */
export function fitFormToSymbols(form: FormState, symbols: string[], range: { first: string; last: string }): FormState {
  const kept = form.assets.filter((s) => symbols.includes(s));
  if (kept.length === form.assets.length && kept.length > 0) return form;
  const assets = kept.length > 0 ? kept : [...symbols];
  const weights: Record<string, string> = {};
  const equal = assets.length > 0 ? (1 / assets.length).toFixed(6) : '1';
  for (const s of assets) weights[s] = kept.length > 0 ? form.weights[s] ?? equal : equal;
  const first = symbols[0];
  const benchmarks: BenchmarkForm[] = first === undefined ? [] : [{ kind: 'buy_and_hold', name: `${first} buy and hold`, asset: first }];
  return {
    ...form,
    startDate: range.first,
    endDate: range.last,
    assets,
    weights,
    benchmarks: kept.length > 0 ? form.benchmarks.filter((b) => benchmarkAssets(b).every((a) => symbols.includes(a))) : benchmarks,
  };
}

/** The assets a benchmark uses (empty for a raw benchmark the form does not read). */
export function benchmarkAssets(b: BenchmarkForm): string[] {
  switch (b.kind) {
    case 'buy_and_hold':
      return [b.asset];
    case 'equal_weight':
    case 'strategy':
      return b.assets;
    case 'raw':
      return [];
  }
}

/** Every symbol a configuration uses (strategy, then benchmarks), without repeats. */
export function configSymbols(config: Record<string, unknown>): string[] {
  const form = configToForm(config);
  return [...new Set([...form.assets, ...form.benchmarks.flatMap(benchmarkAssets)])];
}

/** The first example whose symbols cover every symbol of `config`; the first example when none does. */
export function pickExampleFor<T extends { symbols: string[] }>(examples: T[], config: Record<string, unknown> | null): T | undefined {
  if (!config) return examples[0];
  const needed = configSymbols(config);
  return examples.find((e) => needed.every((s) => e.symbols.includes(s))) ?? examples[0];
}

