/**
 * Types at the engine's boundary: the price data it reads, the validated run configuration, and
 * the result it returns. Everything here is plain data (plus decimal.js values), so it crosses a
 * worker boundary once serialised (see `src/worker/`) and runs the same in Node and tests.
 *
 * Money, quantities and prices are `Decimal`; statistics (returns, weights, ratios) are float64.
 */
import type Decimal from 'decimal.js';

/** ISO calendar date `YYYY-MM-DD`, always UTC-free (a calendar day, never an instant). */
export type IsoDate = string;

// ---------------------------------------------------------------------------------------------
// Input data
// ---------------------------------------------------------------------------------------------

export interface PricePoint {
  date: IsoDate;
  price: Decimal;
}

/** One asset's prices, sorted by date, one per date, in the asset's own currency. */
export interface AssetPrices {
  symbol: string;
  /** 3-letter code; `null` when the file had no currency column (means the base currency). */
  currency: string | null;
  points: PricePoint[];
}

export interface PriceData {
  /** In the order first seen in the file. */
  assets: AssetPrices[];
  /** `long` or `wide`, as detected from the header. */
  form: 'long' | 'wide';
}

/** 1 `from` = `rate` × `to` on `date`. */
export interface FxRate {
  date: IsoDate;
  from: string;
  to: string;
  rate: Decimal;
}

export interface FxData {
  rates: FxRate[];
}

// ---------------------------------------------------------------------------------------------
// Run configuration (../shared/spec/config.md). `RunConfigInput` is the JSON as given;
// `RunConfig` is the validated form the engine uses.
// ---------------------------------------------------------------------------------------------

/** The JSON document as a user or the form wrote it (money may be numbers or strings). */
export type RunConfigInput = Record<string, unknown>;

export type RebalancingFrequency = 'never' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'annually';

/** `null`: calendar only; a number in (0, 1]: absolute band; `'5/25'`: the band rule. */
export type RebalanceThreshold = null | number | '5/25';

export type StrategySpec =
  | { type: 'fixed'; weights: { symbol: string; weight: number }[] }
  | { type: 'equal_weight'; assets: string[] }
  | { type: 'inverse_volatility'; assets: string[]; lookback: number }
  | { type: 'risk_parity'; assets: string[]; lookback: number };

export type StrategyType = StrategySpec['type'];

export interface BenchmarkSpec {
  name: string;
  /** As configured: `buy_and_hold`, `equal_weight` or `strategy`. */
  type: 'buy_and_hold' | 'equal_weight' | 'strategy';
  /** The strategy it runs (buy-and-hold is a fixed 100% weight that never rebalances). */
  strategy: StrategySpec;
  rebalancing_frequency: RebalancingFrequency;
  rebalance_threshold: RebalanceThreshold;
}

export interface TransactionCosts {
  fixed_per_trade: Decimal;
  percentage: Decimal;
}

export interface RunConfig {
  name: string;
  start_date: IsoDate;
  end_date: IsoDate;
  initial_capital: Decimal;
  base_currency: string;
  rebalancing_frequency: RebalancingFrequency;
  rebalance_threshold: RebalanceThreshold;
  transaction_costs: TransactionCosts;
  risk_free_rate: number;
  /** `null` until resolved from the timeline (see `ResolvedRun.periods_per_year`). */
  periods_per_year: number | null;
  quantity_decimals: number;
  min_trade_value: Decimal;
  rolling_window: number;
  strategy: StrategySpec;
  benchmarks: BenchmarkSpec[];
}

// ---------------------------------------------------------------------------------------------
// Result
// ---------------------------------------------------------------------------------------------

export type RebalanceReason = 'initial' | 'calendar' | 'threshold' | '5/25';

export interface Trade {
  date: IsoDate;
  /** Index into `BacktestResult.dates`. */
  day: number;
  asset: string;
  action: 'buy' | 'sell';
  /** Positive, rounded to `quantity_decimals`. */
  quantity: Decimal;
  /** In the asset's own currency (as given, carried forward). */
  price: Decimal;
  currency: string;
  /** Price in the base currency used for the trade (`price × fx`). */
  base_price: Decimal;
  /** `|quantity| × base_price`, base currency, unrounded (exact). */
  trade_value: Decimal;
  /** Cent-rounded, base currency. */
  cost: Decimal;
  reason: RebalanceReason;
}

export interface RebalanceEvent {
  date: IsoDate;
  day: number;
  reason: RebalanceReason;
  /** Sum of the costs of this event's trades. */
  transaction_cost: Decimal;
  /** Symbols traded, configuration order. */
  assets_changed: string[];
  /** Indexes into the portfolio's `trades` array. */
  trade_indexes: number[];
  /** Targets aimed at (configuration asset order). */
  target_weights: number[];
}

/** A metric's value: fractions and ratios as numbers, money as Decimal, `null` when undefined. */
export type MetricValue = number | Decimal | null;

export type MetricUnit = 'percent' | 'ratio' | 'currency' | 'integer' | 'periods' | 'number';

export interface MetricDefinition {
  key: string;
  label: string;
  unit: MetricUnit;
  /** One line a reader can recompute from, e.g. `(1 + total_return)^(P/n) − 1`. */
  formula: string;
}

export interface PortfolioResult {
  /** As configured (`Risk parity crypto`, `bitcoin`). */
  name: string;
  /** snake_case file name (exports.md naming rule). */
  key: string;
  role: 'strategy' | 'benchmark';
  /** Symbols in configuration order; `quantities[i]`/`weights[i]` follow it. */
  assets: string[];
  /** Per date from day 0 (index = day): end-of-day value after trades and costs. */
  values: Decimal[];
  cash: Decimal[];
  /** quantities[asset][day] */
  quantities: Decimal[][];
  /** weights[asset][day], end of day over the end-of-day value. */
  weights: number[][];
  /** cash_weight[day] */
  cash_weights: number[];
  /** `r_t = V_t / V_{t−1} − 1` for t = 1..N (length N). */
  returns: number[];
  trades: Trade[];
  rebalances: RebalanceEvent[];
  metrics: Record<string, MetricValue>;
}

export interface DrawdownPeriod {
  start: IsoDate;
  trough: IsoDate;
  recovery: IsoDate | null;
  /** ≤ 0 */
  depth: number;
  /** Periods from start to recovery (or to the last date). */
  length: number;
  /** Calendar days from start to recovery (or to the last date); an addition to the contract's columns. */
  length_days: number;
  /** Calendar days from the trough to the recovery; `null` when not recovered. */
  days_to_recover: number | null;
}

/** A calendar year's return: its last value over the previous year's last value (C first). */
export interface YearlyReturn {
  year: number;
  /** `null` when the year holds no timeline date (a gap inside the run). */
  return: number | null;
}

/** Trailing periods at the last date, in display order (backtest.md, Trailing returns). */
export type TrailingPeriod = 'mtd' | '3m' | '6m' | 'ytd' | '1y' | '3y' | '5y' | '10y' | 'inception';

/** Trailing returns by period; `null` where the look-back starts before day 0. */
export type TrailingReturns = Record<TrailingPeriod, number | null>;

export interface MonthlyReturnsRow {
  year: number;
  /** 12 entries, Jan..Dec; `null` where the month is outside the run. */
  months: (number | null)[];
  year_total: number | null;
}

export interface RiskAnalytics {
  /** Symbols of the strategy in configuration order. */
  assets: string[];
  /** correlation[i][j]; `null` when undefined (an asset with zero variance). */
  correlation: (number | null)[][];
  volatility_decomposition: {
    asset: string;
    weight: number;
    /** Annualized volatility of the asset alone. */
    volatility: number;
    contribution: number;
    contribution_share: number | null;
  }[];
  /** Annualized portfolio volatility `√(wᵀΣw)` at the final weights. */
  portfolio_volatility: number;
  /**
   * Per date from day 0; `null` until the window fills or where a denominator is zero. `beta` is
   * against the first benchmark (all `null` without one).
   */
  rolling: { return: (number | null)[]; volatility: (number | null)[]; sharpe: (number | null)[]; beta: (number | null)[] };
  drawdown: number[];
  drawdown_periods: DrawdownPeriod[];
  monthly_returns: MonthlyReturnsRow[];
}

export interface AssetSeries {
  symbol: string;
  currency: string;
  /** Carried-forward local price per date from day 0. */
  local_prices: Decimal[];
  /** local price × fx(currency→base), per date from day 0. */
  base_prices: Decimal[];
}

export interface RunWarning {
  /** `DEGENERATE`: valid but unable to do what was asked (a fixed cost above the capital, an asset never bought). */
  code: 'LATE_DAY0' | 'SHORT_RUN' | 'PERIODS_INFERRED' | 'DEGENERATE' | 'OTHER';
  message: string;
}

export interface BacktestResult {
  engine_version: string;
  /** The validated configuration, `periods_per_year` filled in with the value used. */
  config: RunConfig & { periods_per_year: number };
  periods_per_year_source: 'configured' | 'inferred';
  /** Timeline from day 0 (index 0) to the last date N. */
  dates: IsoDate[];
  /** The first date of the timeline before day-0 trimming (≥ start_date). */
  first_timeline_date: IsoDate;
  assets: AssetSeries[];
  strategy: PortfolioResult;
  benchmarks: PortfolioResult[];
  /** Risk analytics of the strategy. */
  analytics: RiskAnalytics;
  /** Glossary of every metric key in `PortfolioResult.metrics`, in display order. */
  metric_definitions: MetricDefinition[];
  warnings: RunWarning[];
}

/** Progress of a long computation: `fraction` in [0, 1] and a short stage label. */
export type ProgressCallback = (progress: { fraction: number; stage: string }) => void;

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}
