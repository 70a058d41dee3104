/**
 * Summary metrics of one portfolio (../shared/spec/backtest.md, Metrics), each with its formula.
 * STUB: being implemented.
 */
import type Decimal from 'decimal.js';
import type { IsoDate, MetricDefinition, MetricValue, Trade } from './types';

export interface MetricsInput {
  dates: IsoDate[];
  /** End-of-day values V_0..V_N. */
  values: Decimal[];
  initialCapital: Decimal;
  periodsPerYear: number;
  riskFreeRate: number;
  trades: Trade[];
  /** Returns of the first benchmark on the same dates (t = 1..N), for beta, alpha, tracking error. */
  benchmarkReturns: number[] | null;
}

/** Every metric in display order with its one-line formula. */
export const METRIC_DEFINITIONS: MetricDefinition[] = [];

/** Computes every metric of `METRIC_DEFINITIONS`; undefined ratios are `null`, never NaN or Infinity. */
export function computeMetrics(input: MetricsInput): Record<string, MetricValue> {
  void input;
  throw new Error('computeMetrics: not implemented yet');
}
