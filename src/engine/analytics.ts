/**
 * Risk analytics of the strategy: correlations, volatility decomposition, rolling metrics,
 * drawdown periods, monthly returns (../shared/spec/backtest.md, Risk analytics).
 *
 * Pure and float64: Decimals are converted once on entry. Return statistics use the market
 * periods t = 1..N only (day 0 has no return); choices are in docs/decisions/metrics-config.md.
 */
import type Decimal from 'decimal.js';
import { BackfolioError } from '../errors';
import { daysInMonth } from '../iso-date';
import { countDaysBetween, parseIsoDate } from './calendar';
import {
  annualizeGrowth,
  computeDrawdownSeries,
  computeSimpleReturns,
  computeCovarianceMatrix,
  divideOrNull,
  findDrawdownIntervals,
  finiteOrNull,
  isNearZero,
} from './stats';
import type { DrawdownPeriod, IsoDate, MonthlyReturnsRow, RiskAnalytics, TrailingPeriod, TrailingReturns, YearlyReturn } from './types';

export interface AnalyticsInput {
  /** The period's dates: the run from day 0, or an export range. */
  dates: IsoDate[];
  values: Decimal[];
  /** The first peak and the base of the first month and year: C, or the close before a range. */
  initialCapital: Decimal;
  assets: string[];
  /** basePrices[asset][day], base currency, carried forward, parallel to `dates`. */
  assetBasePrices: Decimal[][];
  /** End-of-day asset weights on the last date (configuration order; cash excluded). */
  finalWeights: number[];
  periodsPerYear: number;
  riskFreeRate: number;
  rollingWindow: number;
  /** The first benchmark's values on the same dates, for `rolling.beta`; `null` without one. */
  benchmarkValues?: Decimal[] | null;
  /**
   * The close before the period (an export range): the returns into `dates[0]` are measured
   * from it, so the period has one market period per date. Absent for a run: day 0 has no return.
   */
  previousClose?: { date: IsoDate; value: Decimal; assetBasePrices: Decimal[]; benchmarkValue: Decimal | null };
  /**
   * The same series as correctly rounded doubles, when the caller has them (the engine does):
   * `values`, each asset's `assetBasePrices`, `benchmarkValues`. Saves converting every Decimal.
   */
  floats?: { values: ArrayLike<number>; assetBasePrices: ArrayLike<number>[]; benchmarkValues: ArrayLike<number> | null };
}

/**
 * Computes the strategy's risk analytics. Undefined values are `null` (a zero-variance asset's
 * correlations, a rolling window not yet full, a month outside the run), never NaN or Infinity.
 */
export function computeRiskAnalytics(input: AnalyticsInput): RiskAnalytics {
  const floats = input.floats;
  // With `floats`, the Decimal series are not read at all (a caller may build them lazily).
  const valueCount = floats === undefined ? input.values.length : floats.values.length;
  if (valueCount !== input.dates.length) {
    throw new BackfolioError('INTERNAL', `Analytics got ${valueCount} values for ${input.dates.length} dates`);
  }
  input.assets.forEach((asset, i) => {
    const length = input.assetBasePrices[i]?.length;
    if (length !== input.dates.length) {
      throw new BackfolioError('INTERNAL', `Analytics got ${length ?? 0} prices of ${asset} for ${input.dates.length} dates`);
    }
  });
  const benchmarkCount = floats === undefined ? (input.benchmarkValues ?? null)?.length ?? null : floats.benchmarkValues?.length ?? null;
  if (benchmarkCount !== null && benchmarkCount !== input.dates.length) {
    throw new BackfolioError('INTERNAL', `Analytics got ${benchmarkCount} benchmark values for ${input.dates.length} dates`);
  }
  const previous = input.previousClose;
  // With a previous close the series is prefixed by it, so every date of the period has a return.
  const withPrevious = (numbers: ArrayLike<number>, first: Decimal | null | undefined): ArrayLike<number> =>
    first === undefined || first === null ? numbers : [first.toNumber(), ...Array.from(numbers)];
  const toNumbers = (series: Decimal[]): number[] => series.map((value) => value.toNumber());
  const values = floats === undefined ? toNumbers(input.values) : Array.from(floats.values);
  const capital = input.initialCapital.toNumber();
  const returns = computeSimpleReturns(withPrevious(values, previous?.value));
  const benchmarkNumbers = floats === undefined ? ((series) => (series === null ? null : toNumbers(series)))(input.benchmarkValues ?? null) : floats.benchmarkValues;
  const benchmarkReturns =
    benchmarkNumbers === null ? null : computeSimpleReturns(withPrevious(benchmarkNumbers, previous === undefined ? undefined : previous.benchmarkValue));
  const assetReturns = input.assetBasePrices.map((prices, i) =>
    computeSimpleReturns(withPrevious(floats?.assetBasePrices[i] ?? toNumbers(prices), previous?.assetBasePrices[i])),
  );
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
    rolling: computeRollingMetrics(returns, input.rollingWindow, input.periodsPerYear, input.riskFreeRate, {
      benchmarkReturns: benchmarkReturns !== null && benchmarkReturns.length === returns.length ? benchmarkReturns : null,
      dates: input.dates.length,
    }),
    drawdown: computeDrawdownSeries(values, capital),
    // A range's starting value is the close before it: a drawdown from it started on that date.
    drawdown_periods:
      previous === undefined
        ? computeDrawdownPeriods(input.dates, values, capital)
        : computeDrawdownPeriods([previous.date, ...input.dates], [previous.value.toNumber(), ...values], capital),
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

/** Windows up to this length are summed two-pass per date; longer ones slide (see `computeRollingMetrics`). */
export const EXACT_ROLLING_WINDOW = 512;

/** Sums of one window: Π(1 + r), mean, Σ(r − mean)², and with a benchmark Σ(r_b − mean_b)², Σ(r − mean)(r_b − mean_b). */
interface WindowSums {
  growth: number;
  mean: number;
  squares: number;
  benchmarkSquares: number;
  products: number;
}

/**
 * Rolling metrics per date over the `window` most recent returns up to and including the date's
 * own (backtest.md, Rolling metrics): `return` Π(1 + r) − 1 (not annualized), `volatility`
 * sample std × √P, `sharpe` (mean(r) − rf_p) / std(r) × √P with rf_p = (1 + rf)^(1/P) − 1, and
 * `beta` sample cov(r, r_b) / sample var(r_b) against `benchmarkReturns` (the same periods).
 *
 * `returns[k]` is the return into date `k + (dates − returns.length)`: for a run (dates = N + 1,
 * N returns) day t has a value iff t ≥ window. Windows up to `EXACT_ROLLING_WINDOW` are summed
 * two-pass in place (no slice per date; as exact as numpy over the same window). Longer windows
 * slide their sums (deviations from a reference mean) and are summed afresh every `window`
 * dates, which bounds the drift: O(n) instead of O(n · window), so a window of half a long run
 * cannot stall the engine.
 */
export function computeRollingMetrics(
  returns: readonly number[],
  window: number,
  periodsPerYear: number,
  riskFreeRate: number,
  options: { benchmarkReturns?: readonly number[] | null; dates?: number } = {},
): RiskAnalytics['rolling'] {
  const days = options.dates ?? returns.length + 1;
  const offset = days - returns.length;
  const benchmark = options.benchmarkReturns ?? null;
  if (benchmark !== null && benchmark.length !== returns.length) {
    throw new BackfolioError('INTERNAL', `Rolling beta got ${benchmark.length} benchmark returns for ${returns.length} returns`);
  }
  const rootP = Math.sqrt(periodsPerYear);
  const periodRiskFree = (1 + riskFreeRate) ** (1 / periodsPerYear) - 1;
  const rolling: RiskAnalytics['rolling'] = { return: [], volatility: [], sharpe: [], beta: [] };
  const sliding = window > EXACT_ROLLING_WINDOW ? new SlidingWindow(returns, benchmark, window) : null;
  for (let t = 0; t < days; t += 1) {
    // The return into day t is returns[t − offset]; the window ends there.
    const last = t - offset;
    const first = last - window + 1;
    if (window < 2 || first < 0) {
      rolling.return.push(null);
      rolling.volatility.push(null);
      rolling.sharpe.push(null);
      rolling.beta.push(null);
      continue;
    }
    const sums = sliding === null ? sumWindow(returns, benchmark, first, last) : sliding.at(last);
    const std = Math.sqrt(Math.max(sums.squares, 0) / (window - 1));
    rolling.return.push(finiteOrNull(sums.growth - 1));
    rolling.volatility.push(finiteOrNull(std * rootP));
    const sharpe = divideOrNull(sums.mean - periodRiskFree, std);
    rolling.sharpe.push(sharpe === null ? null : finiteOrNull(sharpe * rootP));
    if (benchmark === null) {
      rolling.beta.push(null);
    } else {
      const benchmarkStd = Math.sqrt(Math.max(sums.benchmarkSquares, 0) / (window - 1));
      rolling.beta.push(isNearZero(benchmarkStd) ? null : finiteOrNull(sums.products / sums.benchmarkSquares));
    }
  }
  return rolling;
}

/** Two-pass sums of returns[first..last] (and the benchmark's), in place. */
function sumWindow(returns: readonly number[], benchmark: readonly number[] | null, first: number, last: number): WindowSums {
  const count = last - first + 1;
  let growth = 1;
  let total = 0;
  let benchmarkTotal = 0;
  for (let k = first; k <= last; k += 1) {
    const r = returns[k] as number;
    growth *= 1 + r;
    total += r;
    if (benchmark !== null) benchmarkTotal += benchmark[k] as number;
  }
  const mean = total / count;
  const benchmarkMean = benchmarkTotal / count;
  let squares = 0;
  let benchmarkSquares = 0;
  let products = 0;
  for (let k = first; k <= last; k += 1) {
    const d = (returns[k] as number) - mean;
    squares += d * d;
    if (benchmark !== null) {
      const db = (benchmark[k] as number) - benchmarkMean;
      benchmarkSquares += db * db;
      products += d * db;
    }
  }
  return { growth, mean, squares, benchmarkSquares, products };
}

/**
 * Sums of a long window that moves one return at a time (`at(last)` with `last` rising by 1).
 * Deviations are taken from the reference means of the last fresh summation, which is redone
 * every `window` steps (and whenever a 1 + r of 0 would make the product's division undefined).
 */
class SlidingWindow {
  private last = -2;
  private steps = 0;
  private referenceR = 0;
  private referenceB = 0;
  private s1 = 0;
  private s2 = 0;
  private b1 = 0;
  private b2 = 0;
  private sb = 0;
  private growth = 1;

  constructor(
    private readonly returns: readonly number[],
    private readonly benchmark: readonly number[] | null,
    private readonly window: number,
  ) {}

  at(last: number): WindowSums {
    const first = last - this.window + 1;
    const outgoing = this.returns[first - 1] as number;
    if (last !== this.last + 1 || this.steps >= this.window || 1 + outgoing === 0) {
      this.refresh(first, last);
    } else {
      this.slide(first - 1, last);
    }
    this.last = last;
    const n = this.window;
    return {
      growth: this.growth,
      mean: this.referenceR + this.s1 / n,
      squares: this.s2 - (this.s1 * this.s1) / n,
      benchmarkSquares: this.b2 - (this.b1 * this.b1) / n,
      products: this.sb - (this.s1 * this.b1) / n,
    };
  }

  private refresh(first: number, last: number): void {
    const exact = sumWindow(this.returns, this.benchmark, first, last);
    this.referenceR = exact.mean;
    let benchmarkTotal = 0;
    if (this.benchmark !== null) for (let k = first; k <= last; k += 1) benchmarkTotal += this.benchmark[k] as number;
    this.referenceB = benchmarkTotal / this.window;
    this.s1 = 0;
    this.s2 = exact.squares;
    this.b1 = 0;
    this.b2 = exact.benchmarkSquares;
    this.sb = exact.products;
    this.growth = exact.growth;
    this.steps = 0;
  }

  private slide(outgoing: number, incoming: number): void {
    const rOut = (this.returns[outgoing] as number) - this.referenceR;
    const rIn = (this.returns[incoming] as number) - this.referenceR;
    this.s1 += rIn - rOut;
    this.s2 += rIn * rIn - rOut * rOut;
    if (this.benchmark !== null) {
      const bOut = (this.benchmark[outgoing] as number) - this.referenceB;
      const bIn = (this.benchmark[incoming] as number) - this.referenceB;
      this.b1 += bIn - bOut;
      this.b2 += bIn * bIn - bOut * bOut;
      this.sb += rIn * bIn - rOut * bOut;
    }
    this.growth *= (1 + (this.returns[incoming] as number)) / (1 + (this.returns[outgoing] as number));
    this.steps += 1;
  }
}

/**
 * Drawdown periods with dates, deepest first (ties: earlier start). When the peak is C itself
 * (no value has exceeded it yet) the start is day 0's date. `length_days` counts calendar days
 * from the start to the recovery (or to the last date), like `length` counts periods;
 * `days_to_recover` counts calendar days from the trough to the recovery.
 */
export function computeDrawdownPeriods(dates: IsoDate[], values: number[], initialCapital: number): DrawdownPeriod[] {
  const dateAt = (index: number): IsoDate => dates[index] ?? '';
  const lastDate = dateAt(dates.length - 1);
  return findDrawdownIntervals(values, initialCapital)
    .sort((a, b) => a.depth - b.depth || a.start - b.start)
    .map((interval) => {
      const start = dateAt(interval.start);
      const trough = dateAt(interval.trough);
      const recovery = interval.recovery === null ? null : dateAt(interval.recovery);
      return {
        start,
        trough,
        recovery,
        depth: interval.depth,
        length: interval.length,
        length_days: countDaysBetween(start, recovery ?? lastDate),
        days_to_recover: recovery === null ? null : countDaysBetween(trough, recovery),
      };
    });
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

/**
 * Yearly returns, one per calendar year from the first date's year to the last's: each year's last
 * value over the previous year's last value, the first year over C (the monthly table's year
 * total). A year inside the run without any timeline date is `null`; the next year then spans it.
 */
export function computeYearlyReturns(dates: IsoDate[], values: number[], initialCapital: number): YearlyReturn[] {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return [];
  const yearEnds = new Map<number, number>();
  dates.forEach((date, t) => yearEnds.set(Number(date.slice(0, 4)), values[t] ?? 0));
  const rows: YearlyReturn[] = [];
  let previous = initialCapital;
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year += 1) {
    const yearEnd = yearEnds.get(year);
    if (yearEnd === undefined) {
      rows.push({ year, return: null });
      continue;
    }
    rows.push({ year, return: previous === 0 ? null : finiteOrNull(yearEnd / previous - 1) });
    previous = yearEnd;
  }
  return rows;
}

/** Trailing periods in display order, with the calendar months each k-month period looks back. */
export const TRAILING_PERIODS: readonly { period: TrailingPeriod; months: number | null }[] = [
  { period: 'mtd', months: null },
  { period: '3m', months: 3 },
  { period: '6m', months: 6 },
  { period: 'ytd', months: null },
  { period: '1y', months: 12 },
  { period: '3y', months: 36 },
  { period: '5y', months: 60 },
  { period: '10y', months: 120 },
  { period: 'inception', months: null },
];

/** The date `months` calendar months before `date`, its day clamped to that month's end (2024-02-29 − 12 → 2023-02-28). */
export function subtractMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(targetDay, 2)}`;
}

/**
 * Trailing returns at the last date d_N (backtest.md, Trailing returns). `mtd`/`ytd` are over the
 * last value of the previous calendar month/year, or over C when the series starts inside that
 * month/year. A k-month period is over the value on the last date on or before d_N − k months
 * (day clamped to the month end), empty when that date is before `dates[0]`. `3y`, `5y`, `10y` are
 * annualized as (V_N / V_s)^(1/years) − 1 with years = k / 12 exactly (3, 5, 10), whatever the
 * calendar days in between; `inception` is annualized_return, (V_N / C)^(P/n) − 1 with n = N.
 */
export function computeTrailingReturns(
  dates: IsoDate[],
  values: number[],
  initialCapital: number,
  periodsPerYear: number,
): TrailingReturns {
  const none: TrailingReturns = { mtd: null, '3m': null, '6m': null, ytd: null, '1y': null, '3y': null, '5y': null, '10y': null, inception: null };
  const lastIndex = dates.length - 1;
  const lastDate = dates[lastIndex];
  const lastValue = values[lastIndex];
  if (lastDate === undefined || lastValue === undefined) return none;
  const over = (base: number | undefined, years = 1): number | null => {
    if (base === undefined || base === 0) return null;
    const growth = lastValue / base;
    return finiteOrNull(years === 1 ? growth - 1 : Math.max(growth, 0) ** (1 / years) - 1);
  };
  // The value on the last date strictly before `prefix` starts (dates sort as strings), or C.
  const lastBefore = (boundary: IsoDate): number => {
    const index = lastIndexAtOrBefore(dates, boundary, true);
    return index < 0 ? initialCapital : (values[index] as number);
  };
  const result = { ...none };
  for (const { period, months } of TRAILING_PERIODS) {
    if (period === 'mtd') result.mtd = over(lastBefore(`${lastDate.slice(0, 7)}-01`));
    else if (period === 'ytd') result.ytd = over(lastBefore(`${lastDate.slice(0, 4)}-01-01`));
    else if (period === 'inception') {
      result.inception = initialCapital === 0 ? null : annualizeGrowth(1 + (lastValue / initialCapital - 1), lastIndex, periodsPerYear);
    } else if (months !== null) {
      const index = lastIndexAtOrBefore(dates, subtractMonths(lastDate, months), false);
      result[period] = index < 0 ? null : over(values[index], months >= 36 ? months / 12 : 1);
    }
  }
  return result;
}

/** The last index whose date is ≤ `boundary` (or < it when `strict`), by binary search; −1 when none. */
function lastIndexAtOrBefore(dates: IsoDate[], boundary: IsoDate, strict: boolean): number {
  let low = 0;
  let high = dates.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const date = dates[middle] as IsoDate;
    if (strict ? date < boundary : date <= boundary) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
