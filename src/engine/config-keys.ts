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
