/**
 * Summary metrics of one portfolio (../shared/spec/backtest.md, Metrics), each with its formula.
 *
 * Notation of the formulas: V_0..V_N end-of-day values, C initial capital, r_t = V_t/V_{t−1} − 1
 * for t = 1..N (n = N returns), P periods per year, rf the annual risk-free rate, r_b the first
 * benchmark's returns on the same dates. Statistics are float64 (values converted once); money
 * stays Decimal. Conventions are numpy/pandas defaults (see stats.ts and
 * docs/decisions/metrics-config.md).
 */
import type Decimal from 'decimal.js';
import { BackfolioError } from '../errors';
import { toDec, ZERO } from './decimal';
import {
  annualizeGrowth,
  compoundGrowth,
  computeDrawdownSeries,
  computeSimpleReturns,
  correlation,
  divideOrNull,
  excessKurtosis,
  findDrawdownIntervals,
  finiteOrNull,
  isNearZero,
  mean,
  quantile,
  sampleCovariance,
  sampleStd,
  skewness,
} from './stats';
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

/** Every metric in display order with its one-line formula. The first five are the CSV contract's. */
export const METRIC_DEFINITIONS: MetricDefinition[] = [
  { key: 'total_return', label: 'Total return', unit: 'percent', formula: 'V_N / C − 1' },
  { key: 'annualized_return', label: 'Annualized return', unit: 'percent', formula: '(1 + total_return)^(P/n) − 1' },
  { key: 'volatility', label: 'Volatility (annualized)', unit: 'percent', formula: 'sample std (n − 1) of r_t × √P' },
  {
    key: 'sharpe_ratio',
    label: 'Sharpe ratio',
    unit: 'ratio',
    formula: '(annualized_return − risk_free_rate) / volatility',
  },
  {
    key: 'max_drawdown',
    label: 'Max drawdown',
    unit: 'percent',
    formula: 'min_t (V_t / max(C, max_{s≤t} V_s) − 1), t = 0..N',
  },
  {
    key: 'sortino_ratio',
    label: 'Sortino ratio',
    unit: 'ratio',
    formula: '(annualized_return − risk_free_rate) / downside_deviation',
  },
  {
    key: 'downside_deviation',
    label: 'Downside deviation (annualized)',
    unit: 'percent',
    formula: '√(mean over all n returns of min(r_t, 0)²) × √P',
  },
  { key: 'calmar_ratio', label: 'Calmar ratio', unit: 'ratio', formula: 'annualized_return / |max_drawdown|' },
  { key: 'final_value', label: 'Final value', unit: 'currency', formula: 'V_N' },
  { key: 'num_trades', label: 'Number of trades', unit: 'integer', formula: 'count of executed trades (day 0 included)' },
  { key: 'total_costs', label: 'Total costs', unit: 'currency', formula: 'Σ cost over all trades (exact)' },
  {
    key: 'turnover',
    label: 'Turnover (annualized)',
    unit: 'percent',
    formula: 'Σ |trade_value| of trades after day 0 / 2 / mean(V_0..V_N) × P/n',
  },
  {
    key: 'var_95',
    label: 'Value at risk 95% (historical)',
    unit: 'percent',
    formula: '5th percentile of r_t, linear interpolation at (n − 1) × 0.05 in sorted r_t',
  },
  {
    key: 'cvar_95',
    label: 'Conditional VaR 95%',
    unit: 'percent',
    formula: 'mean of r_t with r_t ≤ var_95',
  },
  {
    key: 'skewness',
    label: 'Skewness',
    unit: 'number',
    formula: 'n √(n − 1) / (n − 2) × Σ(r − r̄)³ / (Σ(r − r̄)²)^1.5 (pandas skew)',
  },
  {
    key: 'kurtosis',
    label: 'Excess kurtosis',
    unit: 'number',
    formula: 'n(n+1)(n−1) Σ(r − r̄)⁴ / ((n−2)(n−3) (Σ(r − r̄)²)²) − 3(n−1)² / ((n−2)(n−3)) (pandas kurt)',
  },
  { key: 'best_period', label: 'Best period', unit: 'percent', formula: 'max r_t' },
  { key: 'worst_period', label: 'Worst period', unit: 'percent', formula: 'min r_t' },
  { key: 'win_rate', label: 'Win rate', unit: 'percent', formula: 'count(r_t > 0) / n' },
  {
    key: 'longest_drawdown',
    label: 'Longest drawdown',
    unit: 'periods',
    formula: 'max over drawdowns of (recovery index, or N if not recovered) − index the peak was set (C: 0)',
  },
  {
    key: 'beta',
    label: 'Beta',
    unit: 'ratio',
    formula: 'sample cov(r_t, r_b) / sample var(r_b), first benchmark',
  },
  {
    key: 'alpha',
    label: 'Alpha (annualized)',
    unit: 'percent',
    formula: 'ann_p − (rf + beta × (ann_b − rf)), ann_x = (Π(1 + r_x))^(P/n) − 1 over the market periods of each',
  },
  { key: 'correlation', label: 'Correlation', unit: 'ratio', formula: 'Pearson correlation of r_t and r_b' },
  {
    key: 'tracking_error',
    label: 'Tracking error',
    unit: 'percent',
    formula: 'sample std (n − 1) of (r_t − r_b) × √P',
  },
  {
    key: 'information_ratio',
    label: 'Information ratio',
    unit: 'ratio',
    formula: '(ann_p − ann_b) / tracking_error, ann_x = (Π(1 + r_x))^(P/n) − 1',
  },
];

/**
 * Computes every metric of `METRIC_DEFINITIONS` (same keys, same order); undefined ratios are
 * `null`, never NaN or Infinity. Money (`final_value`, `total_costs`) is Decimal.
 *
 * @example
 * const metrics = computeMetrics({ dates, values, initialCapital, periodsPerYear: 252,
 *   riskFreeRate: 0.02, trades, benchmarkReturns: null });
 * metrics.sharpe_ratio; // number | null
 */
export function computeMetrics(input: MetricsInput): Record<string, MetricValue> {
  const values = input.values.map((value) => value.toNumber());
  const capital = input.initialCapital.toNumber();
  const P = input.periodsPerYear;
  const rf = input.riskFreeRate;
  const returns = computeSimpleReturns(values);
  const n = returns.length;
  const last = values[values.length - 1];

  const totalReturn = last === undefined || capital === 0 ? null : finiteOrNull(last / capital - 1);
  const annualized = totalReturn === null ? null : annualizeGrowth(1 + totalReturn, n, P);
  const volatility = scaleOrNull(sampleStd(returns), Math.sqrt(P));
  const excess = annualized === null ? null : annualized - rf;
  const downside = n === 0 ? null : Math.sqrt(mean(returns.map((r) => Math.min(r, 0) ** 2)) ?? 0) * Math.sqrt(P);
  const maxDrawdown = values.length === 0 ? null : minimumOf(computeDrawdownSeries(values, capital), 0);
  const var95 = quantile(returns, 0.05);

  const metrics: Record<string, MetricValue> = {
    total_return: totalReturn,
    annualized_return: annualized,
    volatility,
    sharpe_ratio: divideOrNull(excess, volatility),
    max_drawdown: maxDrawdown,
    sortino_ratio: divideOrNull(excess, downside),
    downside_deviation: finiteOrNull(downside),
    calmar_ratio: divideOrNull(annualized, maxDrawdown === null ? null : Math.abs(maxDrawdown)),
    final_value: input.values.length === 0 ? null : toDec(input.values[input.values.length - 1] ?? ZERO),
    num_trades: input.trades.length,
    total_costs: input.trades.reduce((total, trade) => total.plus(trade.cost), toDec(0)),
    turnover: computeTurnover(input.trades, values, n, P),
    var_95: var95,
    cvar_95: var95 === null ? null : mean(returns.filter((r) => r <= var95)),
    skewness: skewness(returns),
    kurtosis: excessKurtosis(returns),
    best_period: n === 0 ? null : maximumOf(returns),
    worst_period: n === 0 ? null : minimumOf(returns, Infinity),
    win_rate: n === 0 ? null : returns.filter((r) => r > 0).length / n,
    longest_drawdown: values.length === 0 ? null : computeLongestDrawdown(values, capital),
    ...computeBenchmarkMetrics(returns, input.benchmarkReturns, P, rf),
  };
  return metrics;
}

/** Σ|trade value| after day 0 / 2 / mean(V) × P/n: the one-way share of the portfolio traded per year. */
function computeTurnover(trades: Trade[], values: number[], n: number, P: number): number | null {
  if (n === 0) return null;
  const traded = trades
    .filter((trade) => trade.day > 0)
    .reduce((total, trade) => total.plus(trade.trade_value.abs()), toDec(0))
    .toNumber();
  const perMeanValue = divideOrNull(traded / 2, mean(values));
  return perMeanValue === null ? null : finiteOrNull((perMeanValue * P) / n);
}

function computeLongestDrawdown(values: number[], capital: number): number {
  return findDrawdownIntervals(values, capital).reduce((longest, interval) => Math.max(longest, interval.length), 0);
}

type BenchmarkMetrics = Pick<
  Record<string, number | null>,
  'beta' | 'alpha' | 'correlation' | 'tracking_error' | 'information_ratio'
>;

/** Metrics against the first benchmark; all `null` without one. */
function computeBenchmarkMetrics(
  returns: number[],
  benchmarkReturns: number[] | null,
  P: number,
  rf: number,
): BenchmarkMetrics {
  const none = { beta: null, alpha: null, correlation: null, tracking_error: null, information_ratio: null };
  if (benchmarkReturns === null) return none;
  if (benchmarkReturns.length !== returns.length) {
    throw new BackfolioError(
      'INTERNAL',
      `Benchmark returns cover ${benchmarkReturns.length} periods, the portfolio's ${returns.length}`,
    );
  }
  const n = returns.length;
  const benchmarkStd = sampleStd(benchmarkReturns);
  const covariance = sampleCovariance(returns, benchmarkReturns);
  const beta =
    covariance === null || benchmarkStd === null || isNearZero(benchmarkStd)
      ? null
      : finiteOrNull(covariance / benchmarkStd ** 2);
  // Like with like: both sides annualize their market-period returns (day-0 costs excluded on
  // both), so a portfolio identical to its benchmark has alpha 0 and an active return of 0.
  const portfolioAnnualized = annualizeGrowth(compoundGrowth(returns), n, P);
  const benchmarkAnnualized = annualizeGrowth(compoundGrowth(benchmarkReturns), n, P);
  const differences = returns.map((r, t) => r - (benchmarkReturns[t] ?? 0));
  const trackingError = scaleOrNull(sampleStd(differences), Math.sqrt(P));
  const alpha =
    portfolioAnnualized === null || beta === null || benchmarkAnnualized === null
      ? null
      : finiteOrNull(portfolioAnnualized - (rf + beta * (benchmarkAnnualized - rf)));
  const activeReturn =
    portfolioAnnualized === null || benchmarkAnnualized === null ? null : portfolioAnnualized - benchmarkAnnualized;
  return {
    beta,
    alpha,
    correlation: correlation(returns, benchmarkReturns),
    tracking_error: trackingError,
    information_ratio: divideOrNull(activeReturn, trackingError),
  };
}

/** The smallest of `values` and `start` (a loop: spreading a long series into Math.min can overflow the stack). */
function minimumOf(values: readonly number[], start: number): number {
  let minimum = start;
  for (const value of values) if (value < minimum) minimum = value;
  return minimum;
}

function maximumOf(values: readonly number[]): number {
  let maximum = -Infinity;
  for (const value of values) if (value > maximum) maximum = value;
  return maximum;
}

function scaleOrNull(value: number | null, factor: number): number | null {
  return value === null ? null : finiteOrNull(value * factor);
}
