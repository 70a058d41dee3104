/**
 * Validating the run configuration (../shared/spec/config.md): every rule, unknown keys rejected,
 * every problem reported together, each naming the key path, the value and what was expected.
 *
 * The validator walks the JSON once, pushing an `InputIssue` per problem into a shared list, and
 * only throws (one `CONFIG_INVALID` error) at the end, so a user fixes everything in one pass.
 */
import { isCalendarDate } from '../iso-date';
import { CONFIG_KEYS, CONFIG_RANGES, describeRange, type NumberRange } from './config-keys';
import Decimal from 'decimal.js';
import { errorFromIssues, type InputIssue } from '../errors';
import { toDec } from './decimal';
import { findColumnCollisions, type ConfigName } from './naming';
import type {
  BenchmarkSpec,
  IsoDate,
  RebalanceThreshold,
  RebalancingFrequency,
  RunConfig,
  StrategySpec,
  TransactionCosts,
} from './types';

/** Allowed rebalancing frequencies, in the order they are listed to users. */
export const REBALANCING_FREQUENCIES: readonly RebalancingFrequency[] = [
  'never',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'annually',
];

/** Strategy types a `strategy` object may name. */
export const STRATEGY_TYPES: readonly StrategySpec['type'][] = [
  'fixed',
  'equal_weight',
  'inverse_volatility',
  'risk_parity',
];

/** Benchmark types a `benchmarks[i]` object may name. */
export const BENCHMARK_TYPES: readonly BenchmarkSpec['type'][] = ['buy_and_hold', 'equal_weight', 'strategy'];

/** Defaults of the optional keys (config.md / backtest.md). */
export const CONFIG_DEFAULTS = {
  name: 'Backtest',
  risk_free_rate: 0.02,
  quantity_decimals: 6,
  rolling_window: 30,
  lookback: 60,
} as const;

/** Weights must sum to 1 within this tolerance (backtest.md, Configuration). */
const WEIGHT_SUM_TOLERANCE = 0.0001;


const COST_KEYS = ['fixed_per_trade', 'percentage'] as const;

const WEIGHT_ENTRY_KEYS = ['symbol', 'weight'] as const;

const STRATEGY_KEYS: Record<StrategySpec['type'], readonly string[]> = {
  fixed: ['type', 'weights'],
  equal_weight: ['type', 'assets'],
  inverse_volatility: ['type', 'assets', 'lookback'],
  risk_parity: ['type', 'assets', 'lookback'],
};

const BENCHMARK_KEYS: Record<BenchmarkSpec['type'], readonly string[]> = {
  buy_and_hold: ['name', 'type', 'asset'],
  equal_weight: ['name', 'type', 'assets', 'rebalancing_frequency', 'rebalance_threshold'],
  strategy: ['name', 'type', 'strategy', 'rebalancing_frequency', 'rebalance_threshold'],
};

/**
 * A plain decimal number as text: optional sign, digits with an optional fraction, optional
 * exponent (`"0.001"`, `"10000"`, `"1e-4"`). Rejects `""`, `"abc"`, `"NaN"`, `"Infinity"`, `"1e"`,
 * `"0x10"`, `"1,5"` and surrounding spaces.
 */
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Object keys JavaScript iterates first, in numeric order, whatever the insertion order. */
const ARRAY_INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;


type JsonObject = Record<string, unknown>;

/** Collects issues while the validator walks the input. */
class IssueList {
  readonly items: InputIssue[] = [];

  add(path: string, value: unknown, expected: string): void {
    this.items.push({ path, value: describeValue(value), expected });
  }
}

/**
 * Validates a run configuration as given (JSON) and returns the typed form the engine uses.
 * Throws one `BackfolioError('CONFIG_INVALID')` listing every problem (`issues` holds them all).
 *
 * @example
 * const config = validateConfig(JSON.parse(text));
 * config.initial_capital.toFixed(); // "10000"
 */
export function validateConfig(input: unknown): RunConfig {
  const issues = new IssueList();
  if (!isPlainObject(input)) {
    issues.add('(configuration)', input, 'a JSON object');
    throw errorFromIssues('CONFIG_INVALID', 'Invalid run configuration', issues.items);
  }
  checkUnknownKeys(input, CONFIG_KEYS, '', issues);

  const name = readName(input, issues);
  const start = readDate(input, 'start_date', issues);
  const end = readDate(input, 'end_date', issues);
  if (start !== null && end !== null && start >= end) {
    issues.add('end_date', input.end_date, `a date after start_date (${start})`);
  }
  const initialCapital = readDecimal(input, 'initial_capital', 'initial_capital', issues, CONFIG_RANGES.initial_capital);
  const baseCurrency = readCurrency(input, issues);
  const frequency = readFrequency(input.rebalancing_frequency, 'rebalancing_frequency', issues, true);
  const threshold = readThreshold(input, 'rebalance_threshold', '', issues);
  const costs = readCosts(input, issues);
  const riskFreeRate = readOptionalNumber(input, 'risk_free_rate', issues, CONFIG_DEFAULTS.risk_free_rate, CONFIG_RANGES.risk_free_rate);
  const periodsPerYear = readPeriodsPerYear(input, issues);
  const quantityDecimals = readOptionalInteger(input, 'quantity_decimals', '', issues, CONFIG_DEFAULTS.quantity_decimals, CONFIG_RANGES.quantity_decimals);
  const minTradeValue =
    input.min_trade_value === undefined
      ? toDec(0)
      : readDecimal(input, 'min_trade_value', 'min_trade_value', issues, CONFIG_RANGES.min_trade_value);
  const rollingWindow = readOptionalInteger(input, 'rolling_window', '', issues, CONFIG_DEFAULTS.rolling_window, CONFIG_RANGES.rolling_window);
  const strategy = readStrategy(input.strategy, 'strategy', issues);
  const portfolioNames: ConfigName[] = [{ value: name, path: 'name' }];
  const benchmarks = readBenchmarks(input, portfolioNames, frequency, threshold, issues);
  // Column names must be unique in every export file (exports.md): checked before any computing.
  if (strategy !== null) {
    const assets = listStrategySymbols(strategy, Array.isArray((input.strategy as JsonObject).weights));
    for (const issue of findColumnCollisions({ portfolios: portfolioNames, assets })) issues.items.push(issue);
  }

  if (
    issues.items.length > 0 ||
    start === null ||
    end === null ||
    initialCapital === null ||
    baseCurrency === null ||
    frequency === null ||
    minTradeValue === null ||
    strategy === null
  ) {
    throw errorFromIssues('CONFIG_INVALID', 'Invalid run configuration', issues.items);
  }
  return {
    name,
    start_date: start,
    end_date: end,
    initial_capital: initialCapital,
    base_currency: baseCurrency,
    rebalancing_frequency: frequency,
    rebalance_threshold: threshold,
    transaction_costs: costs,
    risk_free_rate: riskFreeRate,
    periods_per_year: periodsPerYear,
    quantity_decimals: quantityDecimals,
    min_trade_value: minTradeValue,
    rolling_window: rollingWindow,
    strategy,
    benchmarks,
  };
}

/**
 * The canonical JSON of a validated configuration: snake_case keys, money as decimal strings
 * (`"10000"`), weights and rates as numbers. `validateConfig(configToJson(c))` equals `c`.
 * A benchmark's rebalancing keys are written only where they differ from the run's.
 */
export function configToJson(config: RunConfig): Record<string, unknown> {
  return {
    name: config.name,
    start_date: config.start_date,
    end_date: config.end_date,
    initial_capital: moneyText(config.initial_capital),
    base_currency: config.base_currency,
    rebalancing_frequency: config.rebalancing_frequency,
    rebalance_threshold: config.rebalance_threshold,
    transaction_costs: {
      fixed_per_trade: moneyText(config.transaction_costs.fixed_per_trade),
      percentage: moneyText(config.transaction_costs.percentage),
    },
    risk_free_rate: config.risk_free_rate,
    periods_per_year: config.periods_per_year,
    quantity_decimals: config.quantity_decimals,
    min_trade_value: moneyText(config.min_trade_value),
    rolling_window: config.rolling_window,
    strategy: strategyToJson(config.strategy),
    benchmarks: config.benchmarks.map((benchmark) => benchmarkToJson(benchmark, config)),
  };
}

// ---------------------------------------------------------------------------------------------
// Top-level fields
// ---------------------------------------------------------------------------------------------

function readName(input: JsonObject, issues: IssueList): string {
  const value = input.name;
  if (value === undefined) return CONFIG_DEFAULTS.name;
  if (typeof value !== 'string' || value.trim() === '') {
    issues.add('name', value, 'a non-empty string');
    return CONFIG_DEFAULTS.name;
  }
  return value;
}

function readDate(input: JsonObject, key: 'start_date' | 'end_date', issues: IssueList): IsoDate | null {
  const value = input[key];
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  issues.add(key, value, 'a calendar date YYYY-MM-DD');
  return null;
}

function readCurrency(input: JsonObject, issues: IssueList): string | null {
  const value = input.base_currency;
  if (typeof value === 'string' && /^[A-Za-z]{3}$/.test(value)) return value.toUpperCase();
  issues.add('base_currency', value, 'a 3-letter currency code (A–Z), e.g. "USD"');
  return null;
}

function readFrequency(
  value: unknown,
  path: string,
  issues: IssueList,
  required: boolean,
): RebalancingFrequency | null {
  if (value === undefined && !required) return null;
  const found = REBALANCING_FREQUENCIES.find((frequency) => frequency === value);
  if (found !== undefined) return found;
  issues.add(path, value, `one of ${listOf(REBALANCING_FREQUENCIES)}`);
  return null;
}

function readThreshold(input: JsonObject, key: string, prefix: string, issues: IssueList): RebalanceThreshold {
  const value = input[key];
  if (value === undefined || value === null) return null;
  if (value === '5/25') return '5/25';
  const number = parseNumberLike(value);
  if (number !== null && number > 0 && number <= 1) return number;
  issues.add(joinPath(prefix, key), value, 'null, a number in (0, 1] (absolute band) or "5/25"');
  return null;
}

function readCosts(input: JsonObject, issues: IssueList): TransactionCosts {
  const value = input.transaction_costs;
  const costs: TransactionCosts = { fixed_per_trade: toDec(0), percentage: toDec(0) };
  if (value === undefined) return costs;
  if (!isPlainObject(value)) {
    issues.add('transaction_costs', value, 'an object {"fixed_per_trade": ≥ 0, "percentage": ≥ 0}');
    return costs;
  }
  checkUnknownKeys(value, COST_KEYS, 'transaction_costs', issues);
  for (const key of COST_KEYS) {
    if (value[key] === undefined) continue;
    const amount = readDecimal(value, key, `transaction_costs.${key}`, issues, CONFIG_RANGES[`transaction_costs.${key}`]);
    if (amount !== null) costs[key] = amount;
  }
  return costs;
}

function readPeriodsPerYear(input: JsonObject, issues: IssueList): number | null {
  const value = input.periods_per_year;
  if (value === undefined || value === null) return null;
  const range = CONFIG_RANGES.periods_per_year;
  const number = parseNumberLike(value);
  if (number !== null && isInRange(number, range)) return number;
  issues.add('periods_per_year', value, `${describeRange(range)}, e.g. 252, 365, 52, 12; or null to infer it`);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Strategy and benchmarks
// ---------------------------------------------------------------------------------------------

function readStrategy(value: unknown, path: string, issues: IssueList): StrategySpec | null {
  if (!isPlainObject(value)) {
    issues.add(path, value, `a strategy object with a type (${listOf(STRATEGY_TYPES)})`);
    return null;
  }
  const type = STRATEGY_TYPES.find((known) => known === value.type);
  if (type === undefined) {
    issues.add(joinPath(path, 'type'), value.type, `one of ${listOf(STRATEGY_TYPES)}`);
    return null;
  }
  checkUnknownKeys(value, STRATEGY_KEYS[type], path, issues);
  switch (type) {
    case 'fixed': {
      const weights = readWeights(value.weights, joinPath(path, 'weights'), issues);
      return weights === null ? null : { type, weights };
    }
    case 'equal_weight': {
      const assets = readAssets(value.assets, joinPath(path, 'assets'), issues);
      return assets === null ? null : { type, assets };
    }
    case 'inverse_volatility':
    case 'risk_parity': {
      const assets = readAssets(value.assets, joinPath(path, 'assets'), issues);
      const lookback = readOptionalInteger(value, 'lookback', path, issues, CONFIG_DEFAULTS.lookback, CONFIG_RANGES.lookback);
      return assets === null ? null : { type, assets, lookback };
    }
  }
}

function readWeights(
  value: unknown,
  path: string,
  issues: IssueList,
): { symbol: string; weight: number }[] | null {
  const entries = listWeightEntries(value, path, issues);
  if (entries === null || entries.length === 0) {
    issues.add(path, value, 'an object of symbol → weight, e.g. {"SPY": 0.6, "AGG": 0.4}');
    return null;
  }
  const weights: { symbol: string; weight: number }[] = [];
  const seen = new Set<string>();
  let valid = true;
  for (const { symbol, raw, at } of entries) {
    if (typeof symbol !== 'string' || symbol.trim() === '') {
      issues.add(at, symbol, 'a non-empty asset symbol');
      valid = false;
      continue;
    }
    if (seen.has(symbol)) {
      issues.add(at, symbol, 'a symbol not listed before (weights must name each asset once)');
      valid = false;
      continue;
    }
    seen.add(symbol);
    const weight = parseNumberLike(raw);
    if (weight === null || weight < 0) {
      issues.add(at, raw, 'a weight ≥ 0 (a fraction, e.g. 0.6)');
      valid = false;
      continue;
    }
    weights.push({ symbol, weight });
  }
  if (!valid) return null;
  if (!weights.some((entry) => entry.weight > 0)) {
    issues.add(path, value, 'at least one weight > 0');
    return null;
  }
  // Summed exactly, so that 0.1 + 0.2 + 0.7 is 1 and the reported sum has no float noise.
  const sum = weights.reduce((total, entry) => total.plus(toDec(entry.weight)), toDec(0));
  if (sum.minus(1).abs().gt(WEIGHT_SUM_TOLERANCE)) {
    issues.add(path, value, `weights summing to 1 (±${WEIGHT_SUM_TOLERANCE}); weights sum to ${sum.toFixed()}`);
    return null;
  }
  return weights;
}

/**
 * The weights as (symbol, raw weight, issue path) in configuration order. The usual form is an
 * object; an array of `{"symbol", "weight"}` is also accepted because JavaScript orders
 * integer-like object keys (`"7203"`) first, which would silently reorder such assets.
 */
function listWeightEntries(
  value: unknown,
  path: string,
  issues: IssueList,
): { symbol: unknown; raw: unknown; at: string }[] | null {
  if (isPlainObject(value)) {
    return Object.entries(value).map(([symbol, raw]) => ({ symbol, raw, at: `${path}.${symbol}` }));
  }
  if (!Array.isArray(value)) return null;
  return value.map((item: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isPlainObject(item)) return { symbol: item, raw: undefined, at };
    checkUnknownKeys(item, WEIGHT_ENTRY_KEYS, at, issues);
    return { symbol: item.symbol, raw: item.weight, at };
  });
}

/** The strategy's symbols with their key paths (weights given as an object or as an array). */
function listStrategySymbols(strategy: StrategySpec, weightsAsArray: boolean): ConfigName[] {
  if (strategy.type !== 'fixed') return strategy.assets.map((symbol, i) => ({ value: symbol, path: `strategy.assets[${i}]` }));
  return strategy.weights.map((w, i) => ({ value: w.symbol, path: weightsAsArray ? `strategy.weights[${i}]` : `strategy.weights.${w.symbol}` }));
}

function readAssets(value: unknown, path: string, issues: IssueList): string[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(path, value, 'a non-empty array of asset symbols, e.g. ["SPY", "AGG"]');
    return null;
  }
  const seen = new Set<string>();
  let valid = true;
  value.forEach((item: unknown, index) => {
    const itemPath = `${path}[${index}]`;
    if (typeof item !== 'string' || item.trim() === '') {
      issues.add(itemPath, item, 'a non-empty asset symbol');
      valid = false;
    } else if (seen.has(item)) {
      issues.add(itemPath, item, 'a symbol not listed before (assets must be unique)');
      valid = false;
    } else {
      seen.add(item);
    }
  });
  return valid ? (value as string[]).slice() : null;
}

function readBenchmarks(
  input: JsonObject,
  names: ConfigName[],
  runFrequency: RebalancingFrequency | null,
  runThreshold: RebalanceThreshold,
  issues: IssueList,
): BenchmarkSpec[] {
  const value = input.benchmarks;
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.add('benchmarks', value, 'an array of benchmark objects (or leave it out)');
    return [];
  }
  const benchmarks: BenchmarkSpec[] = [];
  value.forEach((item: unknown, index) => {
    const path = `benchmarks[${index}]`;
    const benchmark = readBenchmark(item, path, runFrequency ?? 'never', runThreshold, issues);
    if (benchmark === null) return;
    names.push({ value: benchmark.name, path: `${path}.name` });
    benchmarks.push(benchmark);
  });
  return benchmarks;
}

function readBenchmark(
  value: unknown,
  path: string,
  runFrequency: RebalancingFrequency,
  runThreshold: RebalanceThreshold,
  issues: IssueList,
): BenchmarkSpec | null {
  if (!isPlainObject(value)) {
    issues.add(path, value, `a benchmark object with a name and a type (${listOf(BENCHMARK_TYPES)})`);
    return null;
  }
  const nameValue = value.name;
  const name = typeof nameValue === 'string' && nameValue.trim() !== '' ? nameValue : null;
  if (name === null) issues.add(joinPath(path, 'name'), nameValue, 'a non-empty string');
  const type = BENCHMARK_TYPES.find((known) => known === value.type);
  if (type === undefined) {
    issues.add(joinPath(path, 'type'), value.type, `one of ${listOf(BENCHMARK_TYPES)}`);
    return null;
  }
  if (type === 'buy_and_hold') {
    for (const key of ['rebalancing_frequency', 'rebalance_threshold']) {
      if (key in value) issues.add(joinPath(path, key), value[key], 'no such key: buy_and_hold never rebalances');
    }
    const rest = Object.fromEntries(
      Object.entries(value).filter(([key]) => key !== 'rebalancing_frequency' && key !== 'rebalance_threshold'),
    );
    checkUnknownKeys(rest, BENCHMARK_KEYS.buy_and_hold, path, issues);
  } else {
    checkUnknownKeys(value, BENCHMARK_KEYS[type], path, issues);
  }

  let strategy: StrategySpec | null = null;
  if (type === 'buy_and_hold') {
    const asset = value.asset;
    if (typeof asset === 'string' && asset.trim() !== '') {
      strategy = { type: 'fixed', weights: [{ symbol: asset, weight: 1 }] };
    } else {
      issues.add(joinPath(path, 'asset'), asset, 'a non-empty asset symbol');
    }
  } else if (type === 'equal_weight') {
    const assets = readAssets(value.assets, joinPath(path, 'assets'), issues);
    if (assets !== null) strategy = { type: 'equal_weight', assets };
  } else {
    strategy = readStrategy(value.strategy, joinPath(path, 'strategy'), issues);
  }

  let frequency: RebalancingFrequency = 'never';
  let threshold: RebalanceThreshold = null;
  if (type !== 'buy_and_hold') {
    frequency =
      value.rebalancing_frequency === undefined
        ? runFrequency
        : (readFrequency(value.rebalancing_frequency, joinPath(path, 'rebalancing_frequency'), issues, true) ??
          runFrequency);
    threshold = 'rebalance_threshold' in value ? readThreshold(value, 'rebalance_threshold', path, issues) : runThreshold;
  }
  if (name === null || strategy === null) return null;
  return { name, type, strategy, rebalancing_frequency: frequency, rebalance_threshold: threshold };
}

// ---------------------------------------------------------------------------------------------
// Serialisation
// ---------------------------------------------------------------------------------------------

function strategyToJson(strategy: StrategySpec): Record<string, unknown> {
  switch (strategy.type) {
    case 'fixed':
      // An object unless a key would be reordered by JavaScript (integer-like symbols).
      return {
        type: 'fixed',
        weights: strategy.weights.some((entry) => ARRAY_INDEX_KEY.test(entry.symbol))
          ? strategy.weights.map((entry) => ({ symbol: entry.symbol, weight: entry.weight }))
          : Object.fromEntries(strategy.weights.map((entry) => [entry.symbol, entry.weight])),
      };
    case 'equal_weight':
      return { type: 'equal_weight', assets: strategy.assets.slice() };
    case 'inverse_volatility':
    case 'risk_parity':
      return { type: strategy.type, assets: strategy.assets.slice(), lookback: strategy.lookback };
  }
}

function benchmarkToJson(benchmark: BenchmarkSpec, config: RunConfig): Record<string, unknown> {
  const json: Record<string, unknown> = { name: benchmark.name, type: benchmark.type };
  if (benchmark.type === 'buy_and_hold') {
    const first = benchmark.strategy.type === 'fixed' ? benchmark.strategy.weights[0] : undefined;
    json.asset = first?.symbol ?? '';
    return json;
  }
  if (benchmark.type === 'equal_weight' && benchmark.strategy.type === 'equal_weight') {
    json.assets = benchmark.strategy.assets.slice();
  } else {
    // An equal_weight benchmark whose strategy is not equal weight cannot come from
    // validateConfig; writing it as `strategy` keeps the JSON valid and the run the same.
    json.type = 'strategy';
    json.strategy = strategyToJson(benchmark.strategy);
  }
  if (benchmark.rebalancing_frequency !== config.rebalancing_frequency) {
    json.rebalancing_frequency = benchmark.rebalancing_frequency;
  }
  if (benchmark.rebalance_threshold !== config.rebalance_threshold) {
    json.rebalance_threshold = benchmark.rebalance_threshold;
  }
  return json;
}

/** Plain decimal text, never exponent notation (`"0.0001"`, `"10000"`). */
function moneyText(value: Decimal): string {
  return value.toFixed();
}

// ---------------------------------------------------------------------------------------------
// Small readers
// ---------------------------------------------------------------------------------------------

/** A finite JSON number, or a string of decimal text; anything else (booleans too) is `null`. */
function parseNumberLike(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

/** Money or a rate kept exact: a finite JSON number or decimal text, inside `range`. */
function readDecimal(input: JsonObject, key: string, path: string, issues: IssueList, range: NumberRange): Decimal | null {
  const value = input[key];
  let amount: Decimal | null = null;
  if (Decimal.isDecimal(value)) amount = toDec(value);
  else if (typeof value === 'number' && Number.isFinite(value)) amount = toDec(value);
  else if (typeof value === 'string' && DECIMAL_TEXT.test(value)) amount = toDec(value);
  if (amount === null || !amount.isFinite() || amount.lt(range.min) || amount.gt(range.max)) {
    const example = key === 'initial_capital' ? '"10000"' : '"0.001"';
    issues.add(path, value, `${describeRange(range)}, as a JSON number or a decimal string such as ${example}`);
    return null;
  }
  // `-0` would print as "0" but compare oddly; normalise it.
  return amount.isZero() ? toDec(0) : amount;
}

/** True when `number` lies in `range` (and is whole when the range asks for it). */
function isInRange(number: number, range: NumberRange): boolean {
  return number >= Number(range.min) && number <= Number(range.max) && (range.integer !== true || Number.isInteger(number));
}

function readOptionalNumber(input: JsonObject, key: string, issues: IssueList, fallback: number, range: NumberRange): number {
  const value = input[key];
  if (value === undefined) return fallback;
  const number = parseNumberLike(value);
  if (number !== null && isInRange(number, range)) return number === 0 ? 0 : number;
  issues.add(key, value, describeRange(range));
  return fallback;
}

function readOptionalInteger(input: JsonObject, key: string, prefix: string, issues: IssueList, fallback: number, range: NumberRange): number {
  const value = input[key];
  if (value === undefined) return fallback;
  const number = parseNumberLike(value);
  if (number !== null && isInRange(number, range)) return number;
  issues.add(joinPath(prefix, key), value, describeRange(range));
  return fallback;
}

/** Reports every key of `value` not in `known`, suggesting the closest known key. */
function checkUnknownKeys(value: JsonObject, known: readonly string[], prefix: string, issues: IssueList): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const suggestion = suggestKey(key, known);
    const expected =
      suggestion === null
        ? `a known key (one of ${listOf(known)})`
        : `a known key (did you mean "${suggestion}"?)`;
    issues.add(joinPath(prefix, key), value[key], expected);
  }
}

/** Keys longer than this get no "did you mean" (no known key is half as long). */
const MAX_SUGGESTED_KEY_LENGTH = 64;

/** The closest known key by edit distance, when close enough to be a plausible typo. */
export function suggestKey(key: string, known: readonly string[]): string | null {
  // The edit distance costs key length × candidate length: a 1 MB key must not cost seconds.
  if (key.length > MAX_SUGGESTED_KEY_LENGTH) return null;
  const normalised = key.trim().toLowerCase().replace(/[\s-]+/g, '_');
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    // A truncated or extended key (`percent`, `assets_list`) counts as one edit away.
    const isPrefix = normalised.length >= 3 && (candidate.startsWith(normalised) || normalised.startsWith(candidate));
    const distance = isPrefix ? 1 : editDistance(normalised, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(normalised.length / 3));
  return best !== null && bestDistance <= allowed ? best : null;
}

/** Levenshtein distance (insert, delete, substitute each cost 1). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinPath(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

function listOf(values: readonly string[]): string {
  return values.join(' | ');
}

/** The value as given, as text for the issue (`undefined` stays missing). */
function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
