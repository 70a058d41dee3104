/**
 * Float64 statistics helpers for metrics and analytics. Conventions follow numpy/pandas so that a
 * reader can recompute every figure there: sample statistics divide by n − 1 (`ddof=1`), means
 * and moments are two-pass (mean first, then deviations), quantiles interpolate linearly.
 *
 * Every helper returns `null` where the statistic is undefined (too few values, a zero
 * denominator), never NaN or Infinity.
 */
import { BackfolioError } from '../errors';

/**
 * A denominator below this in absolute value counts as zero. Float sums of equal returns are not
 * exactly constant (the std of ten returns of 0.001 is ~1e-19, not 0), so `=== 0` would turn a
 * flat series into an astronomically large ratio.
 */
export const ZERO_TOLERANCE = 1e-12;

/** True when `value` counts as zero for a division (|value| < 1e-12). */
export function isNearZero(value: number): boolean {
  return Math.abs(value) < ZERO_TOLERANCE;
}

/** `numerator / denominator`, or `null` when either is null or the denominator counts as zero. */
export function divideOrNull(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || isNearZero(denominator)) return null;
  return finiteOrNull(numerator / denominator);
}

/** The value itself when finite, else `null` (last guard before a number leaves the engine). */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** Simple returns `v_t / v_{t−1} − 1` for t = 1..N; a zero previous value gives a return of 0. */
export function computeSimpleReturns(values: ArrayLike<number>): number[] {
  // Grown by push, so the array stays packed (as every other series the statistics read).
  const returns: number[] = [];
  // One loop per input kind (float series or plain arrays), each reading one kind of array: a
  // loop fed both reads through a generic path that boxes every element.
  if (values instanceof Float64Array) {
    for (let t = 1; t < values.length; t += 1) {
      const previous = values[t - 1] as number;
      // Only reachable when costs ate the whole portfolio; 0 keeps every statistic finite.
      returns.push(previous === 0 ? 0 : (values[t] as number) / previous - 1);
    }
    return returns;
  }
  for (let t = 1; t < values.length; t += 1) {
    const previous = values[t - 1] ?? 0;
    const current = values[t] ?? 0;
    returns.push(previous === 0 ? 0 : current / previous - 1);
  }
  return returns;
}

/** Sum, left to right. */
export function sum(values: readonly number[]): number {
  let total = 0;
  // Index loops, not for…of: on typed arrays the iterator allocates a result per element.
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

/** Arithmetic mean; `null` for no values. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : sum(values) / values.length;
}

/** Sample variance (n − 1); `null` for fewer than 2 values. */
export function sampleVariance(values: readonly number[]): number | null {
  return sampleCovariance(values, values);
}

/** Sample standard deviation (n − 1), as numpy `std(ddof=1)` / pandas `.std()`; `null` below 2 values. */
export function sampleStd(values: readonly number[]): number | null {
  const variance = sampleVariance(values);
  return variance === null ? null : Math.sqrt(Math.max(variance, 0));
}

/** Sample covariance (n − 1) of two equally long series; `null` below 2 pairs. */
export function sampleCovariance(a: readonly number[], b: readonly number[]): number | null {
  assertSameLength(a, b);
  const n = a.length;
  if (n < 2) return null;
  const meanA = sum(a) / n;
  const meanB = sum(b) / n;
  let total = 0;
  for (let i = 0; i < n; i += 1) total += ((a[i] ?? 0) - meanA) * ((b[i] ?? 0) - meanB);
  return total / (n - 1);
}

/**
 * Sample covariance matrix (n − 1) of equally long series, as numpy `cov(ddof=1)`; `null` below
 * 2 observations. Each series is demeaned once and only the upper triangle is summed, so a
 * 40-asset matrix over 2,600 dates stays a few milliseconds.
 */
export function computeCovarianceMatrix(series: readonly (readonly number[])[]): number[][] | null {
  const n = series[0]?.length ?? 0;
  for (const s of series) assertSameLength(s, series[0] ?? []);
  if (n < 2) return null;
  const centred = series.map((s) => {
    const m = sum(s) / n;
    // A loop, not Float64Array.from(s, fn): V8 runs the mapping form generically, ~10× slower.
    const out = new Float64Array(n);
    for (let t = 0; t < n; t += 1) out[t] = (s[t] as number) - m;
    return out;
  });
  const matrix = series.map(() => new Array<number>(series.length).fill(0));
  const set = (i: number, j: number, total: number): void => {
    const covariance = total / (n - 1);
    (matrix[i] as number[])[j] = covariance;
    (matrix[j] as number[])[i] = covariance;
  };
  const count = centred.length;
  for (let i = 0; i < count; i += 1) {
    const a = centred[i] as Float64Array;
    let j = i;
    // Four sums at a time, each in its own left-to-right order (the same numbers as one at a
    // time): independent chains keep the adder busy instead of waiting on one.
    for (; j + 3 < count; j += 4) {
      const b0 = centred[j] as Float64Array;
      const b1 = centred[j + 1] as Float64Array;
      const b2 = centred[j + 2] as Float64Array;
      const b3 = centred[j + 3] as Float64Array;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < n; t += 1) {
        const x = a[t] as number;
        s0 += x * (b0[t] as number);
        s1 += x * (b1[t] as number);
        s2 += x * (b2[t] as number);
        s3 += x * (b3[t] as number);
      }
      set(i, j, s0);
      set(i, j + 1, s1);
      set(i, j + 2, s2);
      set(i, j + 3, s3);
    }
    for (; j < count; j += 1) {
      const b = centred[j] as Float64Array;
      let total = 0;
      for (let t = 0; t < n; t += 1) total += (a[t] as number) * (b[t] as number);
      set(i, j, total);
    }
  }
  return matrix;
}

/** Pearson correlation; `null` below 2 pairs or when either series has zero variance. */
export function correlation(a: readonly number[], b: readonly number[]): number | null {
  const covariance = sampleCovariance(a, b);
  const stdA = sampleStd(a);
  const stdB = sampleStd(b);
  if (covariance === null || stdA === null || stdB === null) return null;
  if (isNearZero(stdA) || isNearZero(stdB)) return null;
  // Rounding can push |ρ| a hair past 1; a correlation is clamped to its definitional range.
  return clamp(covariance / (stdA * stdB), -1, 1);
}

/**
 * The q-quantile with linear interpolation between order statistics (numpy `percentile` default,
 * pandas `quantile` default): position h = (n − 1)·q in the sorted values. `null` for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  return quantileOfSorted(sortAscending(values), q);
}

/** A sorted copy of `values` (ascending), for several `quantileOfSorted` calls over one sort. */
export function sortAscending(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** `quantile` over values already sorted ascending. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * clamp(q, 0, 1);
  const lower = Math.floor(position);
  const fraction = position - lower;
  const low = sorted[lower] ?? 0;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] ?? low;
  return low + fraction * (high - low);
}

/**
 * Sample skewness as pandas `.skew()` (adjusted Fisher–Pearson G1):
 * `n √(n−1) / (n−2) × S3 / S2^1.5` with `Sk = Σ (x − mean)^k`. `null` below 3 values or for zero
 * variance (pandas reports 0 there; a ratio over a zero denominator is `null` in Backfolio).
 */
export function skewness(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 3 || hasZeroSpread(values)) return null;
  const { s2, s3 } = centralSums(values);
  return finiteOrNull(((n * Math.sqrt(n - 1)) / (n - 2)) * (s3 / s2 ** 1.5));
}

/**
 * Sample excess kurtosis as pandas `.kurt()` (Fisher G2, bias-corrected):
 * `n(n+1)(n−1) S4 / ((n−2)(n−3) S2²) − 3(n−1)² / ((n−2)(n−3))`. `null` below 4 values or for zero
 * variance.
 */
export function excessKurtosis(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 4 || hasZeroSpread(values)) return null;
  const { s2, s4 } = centralSums(values);
  const adjustment = (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  return finiteOrNull((n * (n + 1) * (n - 1) * s4) / ((n - 2) * (n - 3) * s2 * s2) - adjustment);
}

/** `Π (1 + r)` over the returns (1 for none). */
export function compoundGrowth(returns: readonly number[]): number {
  let growth = 1;
  for (let i = 0; i < returns.length; i++) growth *= 1 + (returns[i] as number);
  return growth;
}

/** Annualizes a growth factor over `periods` periods: `growth^(P / periods) − 1`; `null` for 0 periods. */
export function annualizeGrowth(growth: number, periods: number, periodsPerYear: number): number | null {
  if (periods <= 0) return null;
  return finiteOrNull(Math.max(growth, 0) ** (periodsPerYear / periods) - 1);
}

/** Drawdown per date: `v_t / max(C, max_{s≤t} v_s) − 1` (C is the first peak), ≤ 0. */
export function computeDrawdownSeries(values: readonly number[], initialCapital: number): number[] {
  let peak = initialCapital;
  return values.map((value) => {
    if (value > peak) peak = value;
    return peak > 0 ? Math.min(value / peak - 1, 0) : 0;
  });
}

/** A drawdown as date indexes into the series (see `findDrawdownIntervals`). */
export interface DrawdownInterval {
  /** Index where the peak was set (0 when the peak is C itself). */
  start: number;
  trough: number;
  /** First index with a value ≥ the peak; `null` when not recovered by the last date. */
  recovery: number | null;
  /** `trough value / peak − 1`, < 0. */
  depth: number;
  /** `(recovery ?? last index) − start`, in periods. */
  length: number;
}

/**
 * Every drawdown of a value series in time order. C is the first peak (set "at" index 0); a value
 * ≥ the running peak ends a drawdown and becomes the new peak (its index the next start). The
 * trough is the first index of the lowest value.
 */
export function findDrawdownIntervals(values: readonly number[], initialCapital: number): DrawdownInterval[] {
  const intervals: DrawdownInterval[] = [];
  let peak = initialCapital;
  let peakIndex = 0;
  let trough: { index: number; value: number } | null = null;
  values.forEach((value, t) => {
    if (value >= peak) {
      if (trough !== null) {
        intervals.push(toInterval(peakIndex, trough, peak, t, t));
        trough = null;
      }
      peak = value;
      peakIndex = t;
    } else if (trough === null || value < trough.value) {
      trough = { index: t, value };
    }
  });
  if (trough !== null) intervals.push(toInterval(peakIndex, trough, peak, null, values.length - 1));
  return intervals;
}

function toInterval(
  start: number,
  trough: { index: number; value: number },
  peak: number,
  recovery: number | null,
  end: number,
): DrawdownInterval {
  return {
    start,
    trough: trough.index,
    recovery,
    depth: peak > 0 ? trough.value / peak - 1 : 0,
    length: end - start,
  };
}

function centralSums(values: readonly number[]): { s2: number; s3: number; s4: number } {
  const m = sum(values) / values.length;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { s2, s3, s4 };
}

/** Zero spread means the sample std counts as zero (the tolerance is in the values' own units). */
function hasZeroSpread(values: readonly number[]): boolean {
  const std = sampleStd(values);
  return std === null || isNearZero(std);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function assertSameLength(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length) {
    throw new BackfolioError('INTERNAL', `Paired series differ in length: ${a.length} vs ${b.length} values`);
  }
}

/**
 * The standard normal cumulative distribution Φ(z) to about 1e-15 relative, in both tails:
 * 1 − ½·erfc(z/√2) above 0, ½·erfc(|z|/√2) below. erfc comes from the all-positive Taylor series
 * of erf for |x| < 1.5 (no cancellation; erf ≤ 0.967 there) and from its continued fraction
 * (modified Lentz) beyond, where 1 − erf would lose every digit.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const upper = 0.5 * erfc(Math.abs(z) / Math.SQRT2);
  return z >= 0 ? 1 - upper : upper;
}

/** Complementary error function for x ≥ 0 (see `normalCdf`). */
function erfc(x: number): number {
  if (x === Infinity) return 0;
  const gaussian = Math.exp(-x * x);
  if (x < 1.5) {
    // erf(x) = 2/√π · e^{−x²} · Σ 2^n x^{2n+1} / (2n + 1)!!
    let term = x;
    let total = x;
    for (let n = 1; n < 200 && term > total * 1e-17; n += 1) {
      term *= (2 * x * x) / (2 * n + 1);
      total += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * gaussian * total;
  }
  // erfc(x) = e^{−x²}/√π · 1 / (x + (1/2) / (x + (2/2) / (x + (3/2) / (x + …))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k += 1) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return gaussian / (Math.sqrt(Math.PI) * f);
}

/** The longest run of consecutive values satisfying `test` (0 when none). */
export function longestRun(values: readonly number[], test: (value: number) => boolean): number {
  let longest = 0;
  let current = 0;
  for (let i = 0; i < values.length; i++) {
    current = test(values[i] as number) ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}
