/**
 * The backtest: validates the configuration, builds the timeline, runs the strategy and every
 * benchmark through the same ledger, then computes metrics and analytics.
 * STUB: being implemented.
 */
import type { BacktestResult, FxData, PriceData, RunConfig, RunOptions } from './types';

export interface BacktestInput {
  /** A validated `RunConfig`, or the JSON as given (validated here). */
  config: RunConfig | Record<string, unknown>;
  prices: PriceData;
  fx?: FxData;
}

/** Runs a backtest synchronously; checks `options.signal` and reports progress every few dates. */
export function runBacktest(input: BacktestInput, options: RunOptions = {}): BacktestResult {
  void input;
  void options;
  throw new Error('runBacktest: not implemented yet');
}
