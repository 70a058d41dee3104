/**
 * Risk analytics of the strategy: correlations, volatility decomposition, rolling metrics,
 * drawdown periods, monthly returns (../shared/spec/backtest.md, Risk analytics).
 * STUB: being implemented.
 */
import type Decimal from 'decimal.js';
import type { IsoDate, RiskAnalytics } from './types';

export interface AnalyticsInput {
  dates: IsoDate[];
  values: Decimal[];
  initialCapital: Decimal;
  assets: string[];
  /** basePrices[asset][day], base currency, carried forward, from day 0. */
  assetBasePrices: Decimal[][];
  /** End-of-day asset weights on the last date (configuration order; cash excluded). */
  finalWeights: number[];
  periodsPerYear: number;
  riskFreeRate: number;
  rollingWindow: number;
}

export function computeRiskAnalytics(input: AnalyticsInput): RiskAnalytics {
  void input;
  throw new Error('computeRiskAnalytics: not implemented yet');
}
