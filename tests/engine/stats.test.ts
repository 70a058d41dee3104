import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import {
  annualizeGrowth,
  compoundGrowth,
  computeCovarianceMatrix,
  computeDrawdownSeries,
  computeSimpleReturns,
  correlation,
  divideOrNull,
  excessKurtosis,
  findDrawdownIntervals,
  mean,
  quantile,
  sampleCovariance,
  sampleStd,
  sampleVariance,
  skewness,
} from '../../src/engine/stats';

describe('moments', () => {
  it('mean, sample variance and std divide by n and n − 1', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32, var = 32/7.
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(sampleVariance(xs)).toBeCloseTo(32 / 7, 15);
    expect(sampleStd(xs)).toBeCloseTo(Math.sqrt(32 / 7), 15);
  });

  it('is null where undefined (no values, one value)', () => {
    expect(mean([])).toBeNull();
    expect(sampleVariance([1])).toBeNull();
    expect(sampleStd([])).toBeNull();
    expect(skewness([1, 2])).toBeNull();
    expect(excessKurtosis([1, 2, 3])).toBeNull();
  });

  it('covariance and correlation of paired series', () => {
    // a = [1, 2, 3], b = [2, 4, 7]: means 2 and 13/3; Σ(da·db) = (−1)(−7/3) + 0 + (1)(8/3) = 5; cov = 5/2.
    expect(sampleCovariance([1, 2, 3], [2, 4, 7])).toBeCloseTo(2.5, 15);
    // var b = ((−7/3)² + (−1/3)² + (8/3)²)/2 = (49 + 1 + 64)/18 = 114/18; ρ = 2.5 / √(1 × 114/18).
    expect(correlation([1, 2, 3], [2, 4, 7])).toBeCloseTo(2.5 / Math.sqrt(114 / 18), 14);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(correlation([1, 2, 3], [5, 5, 5])).toBeNull();
  });

  it('covariance matrix equals pairwise sample covariances, symmetric; null below 2 rows', () => {
    const series = [
      [1, 2, 3, 5],
      [2, 4, 7, 1],
      [0.5, 0.5, 0.7, 0.1],
    ];
    const matrix = computeCovarianceMatrix(series);
    series.forEach((a, i) =>
      series.forEach((b, j) => expect(matrix?.[i]?.[j]).toBeCloseTo(sampleCovariance(a, b) ?? NaN, 15)),
    );
    expect(matrix?.[0]?.[2]).toBe(matrix?.[2]?.[0]);
    expect(computeCovarianceMatrix([[1], [2]])).toBeNull();
    expect(() => computeCovarianceMatrix([[1, 2], [1]])).toThrow(BackfolioError);
  });

  it('rejects series of different lengths as an internal error', () => {
    expect(() => sampleCovariance([1, 2], [1, 2, 3])).toThrow(BackfolioError);
  });

  it('skewness and excess kurtosis match pandas .skew() / .kurt()', () => {
    // [1, 2, 3, 4, 10]: mean 4, deviations −3 −2 −1 0 6; S2 = 50, S3 = 180, S4 = 1394.
    // skew = 5·√4/3 × 180/50^1.5 = 1.6970562748…; kurt = 5·6·4·1394/(3·2·2500) − 3·16/6 = 3.152
    // (scipy.stats.skew/kurtosis with bias=False, which pandas uses, give the same).
    expect(skewness([1, 2, 3, 4, 10])).toBeCloseTo(1.6970562748477143, 13);
    expect(excessKurtosis([1, 2, 3, 4, 10])).toBeCloseTo(3.152, 13);
  });

  it('skewness and kurtosis are null for a constant series (zero variance)', () => {
    expect(skewness([0.01, 0.01, 0.01, 0.01])).toBeNull();
    expect(excessKurtosis([0.01, 0.01, 0.01, 0.01, 0.01])).toBeNull();
  });
});

describe('quantile', () => {
  it('interpolates linearly between order statistics (numpy default)', () => {
    // sorted [−0.1, 0.1, 0.1]: h = 2 × 0.05 = 0.1 → −0.1 + 0.1 × 0.2 = −0.08 (np.percentile gives −0.08).
    expect(quantile([0.1, -0.1, 0.1], 0.05)).toBeCloseTo(-0.08, 15);
    // np.percentile([0.013, −0.021, 0.004, 0.017, −0.009, 0.002], 5) = −0.018
    expect(quantile([0.013, -0.021, 0.004, 0.017, -0.009, 0.002], 0.05)).toBeCloseTo(-0.018, 15);
    expect(quantile([3], 0.05)).toBe(3);
    expect(quantile([], 0.05)).toBeNull();
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });
});

describe('returns and growth', () => {
  it('simple returns from values; a zero previous value gives 0', () => {
    expect(computeSimpleReturns([100, 110, 99])).toEqual([0.10000000000000009, -0.09999999999999998]);
    expect(computeSimpleReturns([0, 5])).toEqual([0]);
    expect(computeSimpleReturns([7])).toEqual([]);
  });

  it('compounds and annualizes', () => {
    expect(compoundGrowth([0.1, -0.1])).toBeCloseTo(0.99, 15);
    // 1.21 over 2 periods with P = 1 → 1.21^(1/2) − 1 = 0.1
    expect(annualizeGrowth(1.21, 2, 1)).toBeCloseTo(0.1, 15);
    expect(annualizeGrowth(1.21, 0, 1)).toBeNull();
  });

  it('divideOrNull treats |d| < 1e-12 as zero', () => {
    expect(divideOrNull(1, 1e-13)).toBeNull();
    expect(divideOrNull(1, 1e-11)).toBeCloseTo(1e11, 0);
    expect(divideOrNull(null, 2)).toBeNull();
  });
});

describe('drawdowns', () => {
  it('series uses C as the first peak', () => {
    // C = 100: 99 → −1%; 120 new peak; 90 → −25%; 130 new peak.
    const series = computeDrawdownSeries([99, 120, 90, 130], 100);
    expect(series[0]).toBeCloseTo(-0.01, 15);
    expect(series[1]).toBe(0);
    expect(series[2]).toBeCloseTo(-0.25, 15);
    expect(series[3]).toBe(0);
  });

  it('intervals: recovered and open, with C as the first peak', () => {
    // C = 100. Day 0 at 99 (below C: drawdown from the C peak, start index 0), day 1 at 98 (trough),
    // day 2 at 101 (recovered, new peak), day 3 at 105 (new peak), day 4 at 94.5 (−10%), day 5 at 100.
    const intervals = findDrawdownIntervals([99, 98, 101, 105, 94.5, 100], 100);
    expect(intervals).toHaveLength(2);
    expect(intervals[0]).toMatchObject({ start: 0, trough: 1, recovery: 2, length: 2 });
    expect(intervals[0]?.depth).toBeCloseTo(-0.02, 15);
    expect(intervals[1]).toMatchObject({ start: 3, trough: 4, recovery: null, length: 2 });
    expect(intervals[1]?.depth).toBeCloseTo(94.5 / 105 - 1, 15);
  });

  it('a value equal to the peak is a recovery and the next drawdown starts there', () => {
    // 100 (peak at 0), 90, 100 (recovery at 2, new peak date), 95, 96 (open).
    const intervals = findDrawdownIntervals([100, 90, 100, 95, 96], 100);
    expect(intervals.map((i) => [i.start, i.trough, i.recovery, i.length])).toEqual([
      [0, 1, 2, 2],
      [2, 3, null, 2],
    ]);
  });

  it('no drawdown in a rising series', () => {
    expect(findDrawdownIntervals([100, 101, 102], 100)).toEqual([]);
  });
});
