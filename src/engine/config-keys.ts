/**
 * Every top-level key of a run configuration (config.md), in the documented order. Kept apart
 * from config.ts (and its decimal.js import) so the page's form can use it for free.
 */
export const CONFIG_KEYS = [
  'name',
  'start_date',
  'end_date',
  'initial_capital',
  'base_currency',
  'rebalancing_frequency',
  'rebalance_threshold',
  'transaction_costs',
  'risk_free_rate',
  'periods_per_year',
  'quantity_decimals',
  'min_trade_value',
  'rolling_window',
  'strategy',
  'benchmarks',
] as const;

/** A closed range `[min, max]` (both given as decimal text, so money stays exact). */
export interface NumberRange {
  min: string;
  max: string;
  /** What the number is, for messages (`an annual rate`, `a fraction of the trade value`). */
  unit: string;
  /** Whole numbers only. */
  integer?: boolean;
}

/**
 * The documented range of every numeric configuration key (README, Limits; decisions in
 * docs/decisions/data-cli.md). Outside it a value is refused naming the key, the value and the
 * range; inside it no value can overflow float64 statistics or make the engine work longer than
 * the size of the data requires.
 */
export const CONFIG_RANGES = {
  initial_capital: { min: '0.01', max: '1e21', unit: 'money in the base currency' },
  'transaction_costs.fixed_per_trade': { min: '0', max: '1e21', unit: 'money per trade' },
  'transaction_costs.percentage': { min: '0', max: '1', unit: 'a fraction of the trade value, 0.001 = 0.1%' },
  min_trade_value: { min: '0', max: '1e21', unit: 'money in the base currency' },
  risk_free_rate: { min: '0', max: '1', unit: 'an annual rate, 0.02 = 2%' },
  periods_per_year: { min: '1', max: '366', unit: 'periods in a year; at most one a day' },
  quantity_decimals: { min: '0', max: '18', unit: 'decimal places of a quantity', integer: true },
  rolling_window: { min: '2', max: '10000', unit: 'periods', integer: true },
  lookback: { min: '2', max: '10000', unit: 'returns', integer: true },
} as const satisfies Record<string, NumberRange>;

/** The keys of `CONFIG_RANGES`. */
export type RangedKey = keyof typeof CONFIG_RANGES;

/** `from 0.01 to 1e21 (money in the base currency)`: the wording of every range in messages. */
export function describeRange(range: NumberRange): string {
  return `${range.integer === true ? 'an integer' : 'a number'} from ${range.min} to ${range.max} (${range.unit})`;
}
