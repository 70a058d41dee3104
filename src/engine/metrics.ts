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
import { computeMonthlyReturns, computeYearlyReturns } from './analytics';
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
  longestRun,
  mean,
  normalCdf,
  quantileOfSorted,
  sampleCovariance,
  sampleStd,
  skewness,
  sortAscending,
  sum,
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
  /**
   * `true` when `dates[0]`/`values[0]` is the close before an export range (its starting capital)
   * rather than a date of the period: best/worst month and year then start from `dates[1]`.
   */
  anchored?: boolean;
  /** `values` as their correctly rounded doubles, when the caller has them (saves converting each). */
  valueFloats?: ArrayLike<number>;
  /**
   * Figures the caller kept exactly while the portfolio ran (the engine's integer ledger does):
   * V_N, Σ trade costs, the double of Σ |trade value| after day 0 and the number of trades, the
   * same as reading `values` and `trades`, which are then not read at all.
   */
  totals?: { finalValue: Decimal; costs: Decimal; tradedAfterDayZero: number; tradeCount: number };
}

/**
 * The QuantStats rows (backtest.md, Metrics): QuantStats's names and definitions (quantstats
 * 0.0.84, stats.py; rf 0, threshold 0) over the market periods r_1..r_N, the drawdown-based ones
 * over the value path ρ_0 = V_0/C − 1, ρ_t = r_t (the daily table's daily_return) with C as the
 * first peak. Known quirks are kept and named. p = count(r > 0) / count(r ≠ 0) is QuantStats's
 * win rate (zero returns left out), q_x the linear-interpolated quantile (pandas default).
 */
const QUANTSTATS_DEFINITIONS: MetricDefinition[] = [
  {
    key: 'omega_ratio',
    label: 'Omega ratio',
    unit: 'ratio',
    formula: 'Σ max(r_t, 0) / Σ max(−r_t, 0) (QuantStats omega, threshold 0); empty with no negative return or n < 2',
  },
  { key: 'tail_ratio', label: 'Tail ratio', unit: 'ratio', formula: '|q_0.95(r) / q_0.05(r)| (QuantStats tail_ratio)' },
  {
    key: 'profit_factor',
    label: 'Profit factor',
    unit: 'ratio',
    formula: 'Σ r_t over r_t ≥ 0 / |Σ r_t over r_t < 0| (QuantStats profit_factor); empty without a negative return (QuantStats: ∞)',
  },
  { key: 'payoff_ratio', label: 'Payoff ratio', unit: 'ratio', formula: 'avg_win / |avg_loss| (QuantStats payoff_ratio)' },
  {
    key: 'gain_to_pain_ratio',
    label: 'Gain to pain ratio',
    unit: 'ratio',
    formula: 'Σ r_t / |Σ r_t over r_t < 0| (QuantStats gain_to_pain_ratio, daily resolution; quirk kept: simple sums, not compounded)',
  },
  {
    key: 'common_sense_ratio',
    label: 'Common sense ratio',
    unit: 'ratio',
    formula: 'profit_factor × tail_ratio (QuantStats common_sense_ratio)',
  },
  {
    key: 'cpc_index',
    label: 'CPC index',
    unit: 'ratio',
    formula: 'profit_factor × p × payoff_ratio, p = count(r > 0) / count(r ≠ 0) (QuantStats cpc_index; its win rate leaves zero returns out)',
  },
  {
    key: 'max_consecutive_wins',
    label: 'Max consecutive wins',
    unit: 'integer',
    formula: 'longest run of consecutive periods with r_t > 0 (QuantStats consecutive_wins)',
  },
  {
    key: 'max_consecutive_losses',
    label: 'Max consecutive losses',
    unit: 'integer',
    formula: 'longest run of consecutive periods with r_t < 0 (QuantStats consecutive_losses)',
  },
  { key: 'avg_win', label: 'Average win', unit: 'percent', formula: 'mean of r_t over r_t > 0 (QuantStats avg_win)' },
  { key: 'avg_loss', label: 'Average loss', unit: 'percent', formula: 'mean of r_t over r_t < 0, ≤ 0 (QuantStats avg_loss)' },
  {
    key: 'kelly_criterion',
    label: 'Kelly criterion',
    unit: 'percent',
    formula: '(b × p − (1 − p)) / b, b = payoff_ratio, p = count(r > 0) / count(r ≠ 0) (QuantStats kelly_criterion, fixed-odds fraction)',
  },
  {
    key: 'outlier_win_ratio',
    label: 'Outlier win ratio',
    unit: 'ratio',
    formula: 'q_0.99(r) / mean of r_t over r_t ≥ 0 (QuantStats outlier_win_ratio; quirk kept: zero returns count in the mean)',
  },
  {
    key: 'outlier_loss_ratio',
    label: 'Outlier loss ratio',
    unit: 'ratio',
    formula: 'q_0.01(r) / mean of r_t over r_t < 0 (QuantStats outlier_loss_ratio)',
  },
  {
    key: 'risk_of_ruin',
    label: 'Risk of ruin',
    unit: 'percent',
    formula: '((1 − p) / (1 + p))^n, p = count(r > 0) / count(r ≠ 0) (QuantStats risk_of_ruin; quirk kept: the exponent is the number of periods n)',
  },
  {
    key: 'exposure',
    label: 'Exposure (time in market)',
    unit: 'percent',
    formula: 'ceil(100 × count(r_t ≠ 0) / n) / 100 (QuantStats exposure; quirk kept: rounded up to a whole percent)',
  },
  {
    key: 'r_squared',
    label: 'R-squared',
    unit: 'ratio',
    formula: 'Pearson correlation(r_t, r_b)², first benchmark (QuantStats r_squared, linregress r²)',
  },
  {
    key: 'ulcer_index',
    label: 'Ulcer index',
    unit: 'percent',
    formula: '√(Σ_{t=0..N} dd_t² / N), dd_t = V_t / max(C, max_{s≤t} V_s) − 1 (QuantStats ulcer_index; its n − 1 divisor over the N + 1 points of the path)',
  },
  {
    key: 'ulcer_performance_index',
    label: 'Ulcer performance index',
    unit: 'ratio',
    formula: 'total_return / ulcer_index (QuantStats ulcer_performance_index: compounded return of the path, rf 0, not annualized)',
  },
  {
    key: 'recovery_factor',
    label: 'Recovery factor',
    unit: 'ratio',
    formula: '|Σ_{t=0..N} ρ_t| / |max_drawdown|, ρ_0 = V_0/C − 1, ρ_t = r_t (QuantStats recovery_factor; quirk kept: a simple sum of returns)',
  },
  {
    key: 'serenity_index',
    label: 'Serenity index',
    unit: 'ratio',
    formula:
      'Σ ρ_t / (ulcer_index × pitfall), pitfall = −CVaR(dd) / std(ρ), CVaR(dd) = mean(dd) − std(dd) × φ(Φ⁻¹(0.05)) / 0.05 (QuantStats serenity_index: simple sum; parametric normal CVaR of dd_0..dd_N)',
  },
  {
    key: 'best_month',
    label: 'Best month',
    unit: 'percent',
    formula: 'max of the monthly returns (month-end value over the previous month-end value, C first)',
  },
  { key: 'worst_month', label: 'Worst month', unit: 'percent', formula: 'min of the monthly returns' },
  {
    key: 'best_year',
    label: 'Best year',
    unit: 'percent',
    formula: 'max of the yearly returns (year-end value over the previous year-end value, C first)',
  },
  { key: 'worst_year', label: 'Worst year', unit: 'percent', formula: 'min of the yearly returns' },
  {
    key: 'probabilistic_sharpe_ratio',
    label: 'Probabilistic Sharpe ratio',
    unit: 'percent',
    formula:
      'Φ(SR / √((1 − γ₃·SR + (γ₄ − 1)/4 · SR²) / (n − 1))), SR = mean(r) / std(r) per period (not annualized, rf 0), γ₃ = pandas skew, γ₄ = pandas kurt + 3 (QuantStats probabilistic_sharpe_ratio, against SR* = 0)',
  },
];

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
  ...QUANTSTATS_DEFINITIONS,
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
  const totals = input.totals;
  const values = input.valueFloats === undefined ? input.values.map((value) => value.toNumber()) : Array.from(input.valueFloats);
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
  // One sort serves var_95 and every QuantStats quantile (as `quantile` sorts).
  const sorted = sortAscending(returns);
  const var95 = quantileOfSorted(sorted, 0.05);

  const metrics: Record<string, MetricValue> = {
    total_return: totalReturn,
    annualized_return: annualized,
    volatility,
    sharpe_ratio: divideOrNull(excess, volatility),
    max_drawdown: maxDrawdown,
    sortino_ratio: divideOrNull(excess, downside),
    downside_deviation: finiteOrNull(downside),
    calmar_ratio: divideOrNull(annualized, maxDrawdown === null ? null : Math.abs(maxDrawdown)),
    final_value: totals !== undefined ? toDec(totals.finalValue) : input.values.length === 0 ? null : toDec(input.values[input.values.length - 1] ?? ZERO),
    num_trades: totals?.tradeCount ?? input.trades.length,
    total_costs: totals?.costs ?? input.trades.reduce((total, trade) => total.plus(trade.cost), toDec(0)),
    turnover: computeTurnover(() => input.trades, values, n, P, totals?.tradedAfterDayZero),
    var_95: var95,
    cvar_95: var95 === null ? null : mean(returns.filter((r) => r <= var95)),
    skewness: skewness(returns),
    kurtosis: excessKurtosis(returns),
    best_period: n === 0 ? null : maximumOf(returns),
    worst_period: n === 0 ? null : minimumOf(returns, Infinity),
    win_rate: n === 0 ? null : returns.filter((r) => r > 0).length / n,
    longest_drawdown: values.length === 0 ? null : computeLongestDrawdown(values, capital),
    ...computeBenchmarkMetrics(returns, input.benchmarkReturns, P, rf),
    ...computeQuantStatsMetrics(returns, sorted, values, capital, input.benchmarkReturns),
    ...computeCalendarExtremes(input.anchored ? input.dates.slice(1) : input.dates, input.anchored ? values.slice(1) : values, capital),
  };
  // Display order is the definitions' order, whatever order the groups above were computed in.
  return Object.fromEntries(METRIC_DEFINITIONS.map((d) => [d.key, metrics[d.key] ?? null]));
}

/** φ(Φ⁻¹(0.05)) / 0.05: the normal expected shortfall at 95 % in standard deviations (scipy: norm.pdf(norm.ppf(0.05)) / 0.05). */
const NORMAL_SHORTFALL_95 = 2.0627128075074253;

/**
 * The QuantStats rows (see `QUANTSTATS_DEFINITIONS`). Where QuantStats returns NaN, ±∞ (or 0 for
 * a 0/0 profit factor or win rate), Backfolio reports `null`: a ratio over a zero denominator is
 * empty (backtest.md).
 */
function computeQuantStatsMetrics(
  returns: number[],
  sorted: Float64Array,
  values: number[],
  capital: number,
  benchmarkReturns: number[] | null,
): Record<string, number | null> {
  const n = returns.length;
  let winSum = 0;
  let lossSum = 0;
  let wins = 0;
  let losses = 0;
  let nonNegativeSum = 0;
  let nonNegative = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i] as number;
    if (r > 0) {
      winSum += r;
      wins += 1;
    } else if (r < 0) {
      lossSum += r;
      losses += 1;
    }
    if (r >= 0) {
      nonNegativeSum += r;
      nonNegative += 1;
    }
  }
  const avgWin = wins === 0 ? null : winSum / wins;
  const avgLoss = losses === 0 ? null : lossSum / losses;
  // QuantStats's win rate: positive over non-zero returns.
  const winRate = divideOrNull(wins, wins + losses);
  const payoff = avgWin === null || avgLoss === null ? null : divideOrNull(avgWin, Math.abs(avgLoss));
  // Σ r ≥ 0 equals Σ r > 0 (zeros add nothing); the denominator is |Σ r < 0|.
  const profitFactor = divideOrNull(winSum, Math.abs(lossSum));
  const upper = quantileOfSorted(sorted, 0.95);
  const lower = quantileOfSorted(sorted, 0.05);
  const tailRatio = upper === null ? null : divideOrNull(upper, lower);
  const tail = tailRatio === null ? null : Math.abs(tailRatio);
  const total = sum(returns);
  const kelly = payoff === null || winRate === null ? null : divideOrNull(payoff * winRate - (1 - winRate), payoff);
  const q99 = quantileOfSorted(sorted, 0.99);
  const q01 = quantileOfSorted(sorted, 0.01);
  const nonNegativeMean = nonNegative === 0 ? null : nonNegativeSum / nonNegative;
  const product = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : finiteOrNull(a * b));
  return {
    omega_ratio: n < 2 ? null : divideOrNull(winSum, -lossSum),
    tail_ratio: tail,
    profit_factor: profitFactor,
    payoff_ratio: payoff,
    gain_to_pain_ratio: divideOrNull(total, Math.abs(lossSum)),
    common_sense_ratio: product(profitFactor, tail),
    cpc_index: product(product(profitFactor, winRate), payoff),
    max_consecutive_wins: n === 0 ? null : longestRun(returns, (r) => r > 0),
    max_consecutive_losses: n === 0 ? null : longestRun(returns, (r) => r < 0),
    avg_win: avgWin,
    avg_loss: avgLoss,
    kelly_criterion: kelly,
    outlier_win_ratio: q99 === null ? null : divideOrNull(q99, nonNegativeMean),
    outlier_loss_ratio: q01 === null ? null : divideOrNull(q01, avgLoss),
    risk_of_ruin: winRate === null ? null : finiteOrNull(((1 - winRate) / (1 + winRate)) ** n),
    // The same float operations as QuantStats (ex × 100, ceil, / 100), so the rounding agrees.
    exposure: n === 0 ? null : Math.ceil(((wins + losses) / n) * 100) / 100,
    r_squared: computeRSquared(returns, benchmarkReturns),
    ...computeDrawdownIndexes(values, capital),
    probabilistic_sharpe_ratio: computeProbabilisticSharpe(returns),
  };
}

function computeRSquared(returns: number[], benchmarkReturns: number[] | null): number | null {
  if (benchmarkReturns === null || benchmarkReturns.length !== returns.length) return null;
  const rho = correlation(returns, benchmarkReturns);
  return rho === null ? null : rho * rho;
}

/**
 * Ulcer index, ulcer performance index, recovery factor and serenity index over the value path:
 * ρ_0 = V_0/C − 1 then r_1..r_N, drawdowns dd_0..dd_N with C as the first peak (exactly what
 * QuantStats computes when given the daily table's `daily_return` column).
 */
function computeDrawdownIndexes(values: number[], capital: number): Record<string, number | null> {
  const none = { ulcer_index: null, ulcer_performance_index: null, recovery_factor: null, serenity_index: null };
  const first = values[0];
  const last = values[values.length - 1];
  if (first === undefined || last === undefined || capital === 0) return none;
  const path = [first / capital - 1, ...computeSimpleReturns(values)];
  const drawdown = computeDrawdownSeries(values, capital);
  const divisor = path.length - 1;
  const ulcer = divisor === 0 ? null : Math.sqrt(sum(drawdown.map((d) => d * d)) / divisor);
  const maxDrawdown = minimumOf(drawdown, 0);
  const pathSum = sum(path);
  const pathStd = sampleStd(path);
  const drawdownMean = mean(drawdown) ?? 0;
  const drawdownStd = sampleStd(drawdown);
  // QuantStats's parametric CVaR returns the mean when the spread is zero.
  const cvar = drawdownStd === null || drawdownStd === 0 ? drawdownMean : drawdownMean - drawdownStd * NORMAL_SHORTFALL_95;
  const pitfall = pathStd === null ? null : divideOrNull(-cvar, pathStd);
  return {
    ulcer_index: ulcer === null ? null : finiteOrNull(ulcer),
    ulcer_performance_index: divideOrNull(last / capital - 1, ulcer),
    recovery_factor: divideOrNull(Math.abs(pathSum), Math.abs(maxDrawdown)),
    serenity_index: ulcer === null || pitfall === null ? null : divideOrNull(pathSum, ulcer * pitfall),
  };
}

/**
 * QuantStats's probabilistic Sharpe ratio (Bailey & López de Prado's PSR against SR* = 0): the
 * per-period Sharpe with pandas's bias-corrected skew and kurtosis. `null` where any is undefined.
 */
function computeProbabilisticSharpe(returns: number[]): number | null {
  const n = returns.length;
  const std = sampleStd(returns);
  const average = mean(returns);
  const skew = skewness(returns);
  const kurt = excessKurtosis(returns);
  if (n < 2 || std === null || average === null || skew === null || kurt === null) return null;
  const sharpe = divideOrNull(average, std);
  if (sharpe === null) return null;
  const variance = (1 - skew * sharpe + ((kurt + 3 - 1) / 4) * sharpe * sharpe) / (n - 1);
  if (!(variance > 0)) return null;
  return finiteOrNull(normalCdf(sharpe / Math.sqrt(variance)));
}

/** Best and worst month and year from the period's monthly and yearly returns (C first). */
function computeCalendarExtremes(dates: IsoDate[], values: number[], capital: number): Record<string, number | null> {
  const months = computeMonthlyReturns(dates, values, capital).flatMap((row) => row.months.filter((m): m is number => m !== null));
  const years = computeYearlyReturns(dates, values, capital)
    .map((row) => row.return)
    .filter((y): y is number => y !== null);
  return {
    best_month: months.length === 0 ? null : maximumOf(months),
    worst_month: months.length === 0 ? null : minimumOf(months, Infinity),
    best_year: years.length === 0 ? null : maximumOf(years),
    worst_year: years.length === 0 ? null : minimumOf(years, Infinity),
  };
}


/** Σ|trade value| after day 0 / 2 / mean(V) × P/n: the one-way share of the portfolio traded per year. */
function computeTurnover(trades: () => Trade[], values: number[], n: number, P: number, tradedAfterDayZero?: number): number | null {
  if (n === 0) return null;
  const traded =
    tradedAfterDayZero ??
    trades()
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
  for (let i = 0; i < values.length; i++) if ((values[i] as number) < minimum) minimum = values[i] as number;
  return minimum;
}

function maximumOf(values: readonly number[]): number {
  let maximum = -Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > maximum) maximum = values[i] as number;
  return maximum;
}

function scaleOrNull(value: number | null, factor: number): number | null {
  return value === null ? null : finiteOrNull(value * factor);
}
