/**
 * Risk analytics of the strategy: correlations, volatility decomposition, rolling metrics,
 * drawdown periods, monthly returns (../shared/spec/backtest.md, Risk analytics).
 *
 * Pure and float64: Decimals are converted once on entry. Return statistics use the market
 * periods t = 1..N only (day 0 has no return); choices are in docs/decisions/metrics-config.md.
 */
import type Decimal from 'decimal.js';
import { BackfolioError } from '../errors';
import {
  annualizeGrowth,
  compoundGrowth,
  computeDrawdownSeries,
  computeSimpleReturns,
  computeCovarianceMatrix,
  divideOrNull,
  findDrawdownIntervals,
  finiteOrNull,
  isNearZero,
  sampleStd,
} from './stats';
import type { DrawdownPeriod, IsoDate, MonthlyReturnsRow, RiskAnalytics } from './types';

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

/**
 * Computes the strategy's risk analytics. Undefined values are `null` (a zero-variance asset's
 * correlations, a rolling window not yet full, a month outside the run), never NaN or Infinity.
 */
export function computeRiskAnalytics(input: AnalyticsInput): RiskAnalytics {
  if (input.values.length !== input.dates.length) {
    throw new BackfolioError('INTERNAL', `Analytics got ${input.values.length} values for ${input.dates.length} dates`);
  }
  input.assets.forEach((asset, i) => {
    const length = input.assetBasePrices[i]?.length;
    if (length !== input.dates.length) {
      throw new BackfolioError('INTERNAL', `Analytics got ${length ?? 0} prices of ${asset} for ${input.dates.length} dates`);
    }
  });
  const values = input.values.map((value) => value.toNumber());
  const capital = input.initialCapital.toNumber();
  const assetReturns = input.assetBasePrices.map((prices) => computeSimpleReturns(prices.map((p) => p.toNumber())));
  // One covariance matrix serves both the correlations and the decomposition.
  const covariance = computeCovarianceMatrix(assetReturns);
  const decomposition = computeVolatilityDecomposition(
    input.assets,
    assetReturns,
    input.finalWeights,
    input.periodsPerYear,
    covariance,
  );
  return {
    assets: input.assets.slice(),
    correlation: computeCorrelationMatrix(assetReturns, covariance),
    volatility_decomposition: decomposition.rows,
    portfolio_volatility: decomposition.portfolioVolatility,
    rolling: computeRollingMetrics(computeSimpleReturns(values), input.rollingWindow, input.periodsPerYear, input.riskFreeRate),
    drawdown: computeDrawdownSeries(values, capital),
    drawdown_periods: computeDrawdownPeriods(input.dates, values, capital),
    monthly_returns: computeMonthlyReturns(input.dates, values, capital),
  };
}

/**
 * Pearson correlations of the assets' simple returns. An asset with zero variance (or fewer than
 * 2 returns) has `null` in its whole row and column, its diagonal included; otherwise the
 * diagonal is exactly 1.
 */
export function computeCorrelationMatrix(
  assetReturns: number[][],
  covariance: number[][] | null = computeCovarianceMatrix(assetReturns),
): (number | null)[][] {
  const std = assetReturns.map((_, i) => Math.sqrt(Math.max(covariance?.[i]?.[i] ?? 0, 0)));
  const defined = std.map((s) => covariance !== null && !isNearZero(s));
  return assetReturns.map((_, i) =>
    assetReturns.map((__, j) => {
      if (!defined[i] || !defined[j]) return null;
      if (i === j) return 1;
      // Rounding can push |ρ| a hair past 1; a correlation is clamped to its definitional range.
      const rho = (covariance?.[i]?.[j] ?? 0) / ((std[i] ?? 1) * (std[j] ?? 1));
      return Math.min(Math.max(rho, -1), 1);
    }),
  );
}

/**
 * Risk contributions at the given weights: Σ = sample covariance × P, contribution_a =
 * w_a (Σw)_a / √(wᵀΣw), which sum to the portfolio volatility √(wᵀΣw). With fewer than 2 returns
 * the covariance is undefined and every figure is 0 (shares `null`).
 */
export function computeVolatilityDecomposition(
  assets: string[],
  assetReturns: number[][],
  weights: number[],
  periodsPerYear: number,
  sample: number[][] | null = computeCovarianceMatrix(assetReturns),
): { rows: RiskAnalytics['volatility_decomposition']; portfolioVolatility: number } {
  const covariance = assetReturns.map((_, i) =>
    assetReturns.map((__, j) => (sample?.[i]?.[j] ?? 0) * periodsPerYear),
  );
  const sigmaW = covariance.map((row) => row.reduce((total, c, j) => total + c * (weights[j] ?? 0), 0));
  const variance = sigmaW.reduce((total, s, i) => total + (weights[i] ?? 0) * s, 0);
  const portfolioVolatility = Math.sqrt(Math.max(variance, 0));
  const rows = assets.map((asset, i) => {
    const weight = weights[i] ?? 0;
    const contribution = divideOrNull(weight * (sigmaW[i] ?? 0), portfolioVolatility) ?? 0;
    return {
      asset,
      weight,
      volatility: Math.sqrt(Math.max(covariance[i]?.[i] ?? 0, 0)),
      contribution,
      contribution_share: divideOrNull(contribution, portfolioVolatility),
    };
  });
  return { rows, portfolioVolatility };
}

/**
 * Rolling metrics per date t = 0..N over the `window` returns r_{t−window+1}..r_t: annualized
 * return (Π(1 + r))^(P/window) − 1, volatility sample std × √P, Sharpe (ret − rf)/vol.
 * `null` while t < window (day t has a value iff t ≥ window).
 */
export function computeRollingMetrics(
  returns: number[],
  window: number,
  periodsPerYear: number,
  riskFreeRate: number,
): RiskAnalytics['rolling'] {
  const days = returns.length + 1;
  const rolling: RiskAnalytics['rolling'] = { return: [], volatility: [], sharpe: [] };
  for (let t = 0; t < days; t += 1) {
    if (t < window) {
      rolling.return.push(null);
      rolling.volatility.push(null);
      rolling.sharpe.push(null);
      continue;
    }
    // returns[k] is r_{k+1}, so r_{t−window+1}..r_t are returns[t − window .. t − 1].
    const slice = returns.slice(t - window, t);
    const annualized = annualizeGrowth(compoundGrowth(slice), window, periodsPerYear);
    const std = sampleStd(slice);
    const volatility = std === null ? null : finiteOrNull(std * Math.sqrt(periodsPerYear));
    rolling.return.push(annualized);
    rolling.volatility.push(volatility);
    rolling.sharpe.push(divideOrNull(annualized === null ? null : annualized - riskFreeRate, volatility));
  }
  return rolling;
}

/**
 * Drawdown periods with dates, deepest first (ties: earlier start). When the peak is C itself
 * (no value has exceeded it yet) the start is day 0's date.
 */
export function computeDrawdownPeriods(dates: IsoDate[], values: number[], initialCapital: number): DrawdownPeriod[] {
  const dateAt = (index: number): IsoDate => dates[index] ?? '';
  return findDrawdownIntervals(values, initialCapital)
    .sort((a, b) => a.depth - b.depth || a.start - b.start)
    .map((interval) => ({
      start: dateAt(interval.start),
      trough: dateAt(interval.trough),
      recovery: interval.recovery === null ? null : dateAt(interval.recovery),
      depth: interval.depth,
      length: interval.length,
    }));
}

/**
 * Monthly returns table, one row per calendar year of the run. A month's return is its month-end
 * value (the last timeline date in the month) over the previous month-end value; the first
 * month is over C. Year totals likewise from year-end values. Months outside the run, or inside
 * it without any timeline date, are `null` (the next month's return then spans the gap).
 */
export function computeMonthlyReturns(dates: IsoDate[], values: number[], initialCapital: number): MonthlyReturnsRow[] {
  const monthEnds = new Map<string, number>();
  const yearEnds = new Map<number, number>();
  dates.forEach((date, t) => {
    const value = values[t] ?? 0;
    monthEnds.set(date.slice(0, 7), value);
    yearEnds.set(Number(date.slice(0, 4)), value);
  });
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return [];

  const monthlyReturn = new Map<string, number | null>();
  let previousMonthEnd = initialCapital;
  for (const [month, value] of monthEnds) {
    monthlyReturn.set(month, previousMonthEnd === 0 ? null : finiteOrNull(value / previousMonthEnd - 1));
    previousMonthEnd = value;
  }
  const rows: MonthlyReturnsRow[] = [];
  let previousYearEnd = initialCapital;
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year += 1) {
    const months = Array.from({ length: 12 }, (_, m) => {
      const key = `${String(year).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
      return monthlyReturn.get(key) ?? null;
    });
    const yearEnd = yearEnds.get(year);
    let yearTotal: number | null = null;
    if (yearEnd !== undefined) {
      yearTotal = previousYearEnd === 0 ? null : finiteOrNull(yearEnd / previousYearEnd - 1);
      previousYearEnd = yearEnd;
    }
    rows.push({ year, months, year_total: yearTotal });
  }
  return rows;
}
