/**
 * The QuantStats rows of the summary on tiny hand-computed series (QuantStats 0.0.84 formulas,
 * rf 0, threshold 0), their kept quirks, and the empty (null) cells where a denominator is zero.
 */
import { describe, expect, it } from 'vitest';
import { toDec } from '../../src/engine/decimal';
import { computeMetrics, type MetricsInput } from '../../src/engine/metrics';
import { normalCdf } from '../../src/engine/stats';
import type { MetricValue } from '../../src/engine/types';

const DATES = ['2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02', '2021-02-01', '2021-02-02'];

function metricsOf(values: number[], overrides: Partial<MetricsInput> = {}): Record<string, MetricValue> {
  return computeMetrics({
    dates: DATES.slice(0, values.length),
    values: values.map((v) => toDec(v)),
    initialCapital: toDec(100),
    periodsPerYear: 252,
    riskFreeRate: 0.02,
    trades: [],
    benchmarkReturns: null,
    ...overrides,
  });
}

function num(value: MetricValue | undefined): number {
  if (typeof value !== 'number') throw new Error(`expected a number, got ${String(value)}`);
  return value;
}

function sampleStd(xs: number[]): number {
  const m = xs.reduce((t, x) => t + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((t, x) => t + (x - m) ** 2, 0) / (xs.length - 1));
}

describe('QuantStats rows on r = (0.1, −0.1, 0, 0.1, −0.1) after a 1 % day-0 cost', () => {
  // C = 100, V_0 = 99 (ρ_0 = −0.01), then r_1..r_5 = 0.1, −0.1, 0, 0.1, −0.1.
  const values = [99, 108.9, 98.01, 98.01, 107.811, 97.0299];
  const m = metricsOf(values);

  it('return-distribution ratios', () => {
    expect(num(m.omega_ratio)).toBeCloseTo(0.2 / 0.2, 12);
    expect(num(m.profit_factor)).toBeCloseTo(1, 12);
    expect(num(m.payoff_ratio)).toBeCloseTo(1, 12);
    // Σ r = 0 over |Σ r<0| = 0.2.
    expect(num(m.gain_to_pain_ratio)).toBeCloseTo(0, 12);
    // Sorted r: −0.1, −0.1, 0, 0.1, 0.1; q_0.95 at 3.8 → 0.1, q_0.05 at 0.2 → −0.1.
    expect(num(m.tail_ratio)).toBeCloseTo(1, 12);
    expect(num(m.common_sense_ratio)).toBeCloseTo(1, 12);
    // QuantStats's win rate leaves the zero return out: 2 / 4.
    expect(num(m.cpc_index)).toBeCloseTo(1 * 0.5 * 1, 12);
    expect(num(m.kelly_criterion)).toBeCloseTo((1 * 0.5 - 0.5) / 1, 12);
    expect(m.max_consecutive_wins).toBe(1);
    expect(m.max_consecutive_losses).toBe(1);
    expect(num(m.avg_win)).toBeCloseTo(0.1, 12);
    expect(num(m.avg_loss)).toBeCloseTo(-0.1, 12);
    // Quirk kept: the mean of r ≥ 0 includes the zero return: 0.1 / (0.2 / 3).
    expect(num(m.outlier_win_ratio)).toBeCloseTo(0.1 / (0.2 / 3), 12);
    expect(num(m.outlier_loss_ratio)).toBeCloseTo(-0.1 / -0.1, 12);
    // ((1 − 0.5) / (1 + 0.5))^5.
    expect(num(m.risk_of_ruin)).toBeCloseTo((1 / 3) ** 5, 14);
    // 4 non-zero returns of 5: 0.8.
    expect(m.exposure).toBe(0.8);
    // Mean 0: per-period Sharpe 0, Φ(0).
    expect(num(m.probabilistic_sharpe_ratio)).toBeCloseTo(0.5, 14);
    expect(m.r_squared).toBeNull();
  });

  it('drawdown-based rows over the value path with C as the first peak', () => {
    const drawdown = [-0.01, 0, 98.01 / 108.9 - 1, 98.01 / 108.9 - 1, 107.811 / 108.9 - 1, 97.0299 / 108.9 - 1];
    const path = [-0.01, 0.1, -0.1, 0, 0.1, -0.1];
    // QuantStats divides by len − 1 = N = 5.
    const ulcer = Math.sqrt(drawdown.reduce((t, d) => t + d * d, 0) / 5);
    expect(num(m.ulcer_index)).toBeCloseTo(ulcer, 14);
    expect(num(m.ulcer_performance_index)).toBeCloseTo((97.0299 / 100 - 1) / ulcer, 12);
    // Quirk kept: |Σ ρ| (a simple sum, −0.01) over |max drawdown| (0.109).
    expect(num(m.recovery_factor)).toBeCloseTo(0.01 / 0.109, 12);
    const meanDd = drawdown.reduce((t, d) => t + d, 0) / drawdown.length;
    const cvar = meanDd - sampleStd(drawdown) * 2.0627128075074253;
    const pitfall = -cvar / sampleStd(path);
    expect(num(m.serenity_index)).toBeCloseTo(-0.01 / (ulcer * pitfall), 12);
  });

  it('best and worst month and year from the monthly and yearly returns', () => {
    // Dec 2020 over C: 108.9 / 100; Jan 2021: 98.01 / 108.9; Feb: 97.0299 / 98.01.
    expect(num(m.best_month)).toBeCloseTo(0.089, 12);
    expect(num(m.worst_month)).toBeCloseTo(-0.1, 12);
    expect(num(m.best_year)).toBeCloseTo(0.089, 12);
    expect(num(m.worst_year)).toBeCloseTo(97.0299 / 108.9 - 1, 12);
  });

  it('r_squared against the first benchmark: 1 for a scaled copy, empty for a flat benchmark', () => {
    const r = [0.1, -0.1, 0, 0.1, -0.1];
    expect(num(metricsOf(values, { benchmarkReturns: r.map((x) => -3 * x + 0.001) }).r_squared)).toBeCloseTo(1, 12);
    const rb = [0.02, 0.01, -0.03, 0.0, 0.05];
    const mr = 0;
    const mb = rb.reduce((t, x) => t + x, 0) / 5;
    const cov = r.reduce((t, x, i) => t + (x - mr) * ((rb[i] ?? 0) - mb), 0);
    const rho = cov / Math.sqrt(r.reduce((t, x) => t + x * x, 0) * rb.reduce((t, x) => t + (x - mb) ** 2, 0));
    expect(num(metricsOf(values, { benchmarkReturns: rb }).r_squared)).toBeCloseTo(rho * rho, 12);
    expect(metricsOf(values, { benchmarkReturns: [0, 0, 0, 0, 0] }).r_squared).toBeNull();
  });

  it('an anchored series (the close before a range) keeps the anchor out of the months and years', () => {
    // The anchor 2020-12-31 close is the range's starting capital: no "December 2020" month.
    const anchored = computeMetrics({
      dates: DATES.slice(1),
      values: [108.9, 98.01, 98.01, 107.811, 97.0299].map((v) => toDec(v)),
      initialCapital: toDec(108.9),
      periodsPerYear: 252,
      riskFreeRate: 0,
      trades: [],
      benchmarkReturns: null,
      anchored: true,
    });
    expect(num(anchored.best_month)).toBeCloseTo(-0.01, 12);
    expect(num(anchored.worst_month)).toBeCloseTo(-0.1, 12);
    expect(num(anchored.best_year)).toBeCloseTo(97.0299 / 108.9 - 1, 12);
  });
});

describe('QuantStats rows where a denominator is zero are empty, never Infinity or NaN', () => {
  it('only gains: no loss to divide by', () => {
    const m = metricsOf([100, 101, 102.01, 103.0301]);
    for (const key of ['omega_ratio', 'profit_factor', 'payoff_ratio', 'gain_to_pain_ratio', 'common_sense_ratio', 'cpc_index', 'kelly_criterion', 'outlier_loss_ratio', 'avg_loss']) {
      expect(m[key], key).toBeNull();
    }
    // Win rate 1: ruin 0; no drawdown: ulcer 0, its ratios empty.
    expect(m.risk_of_ruin).toBe(0);
    expect(m.ulcer_index).toBe(0);
    expect(m.ulcer_performance_index).toBeNull();
    expect(m.recovery_factor).toBeNull();
    expect(m.serenity_index).toBeNull();
    expect(m.max_consecutive_losses).toBe(0);
    expect(m.max_consecutive_wins).toBe(3);
  });

  it('flat: no non-zero return, no spread', () => {
    const m = metricsOf([100, 100, 100, 100, 100]);
    expect(m.exposure).toBe(0);
    for (const key of ['risk_of_ruin', 'kelly_criterion', 'cpc_index', 'tail_ratio', 'probabilistic_sharpe_ratio', 'avg_win', 'outlier_win_ratio']) {
      expect(m[key], key).toBeNull();
    }
    for (const value of Object.values(m)) {
      if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    }
  });

  it('day 0 only: every QuantStats row empty', () => {
    const m = metricsOf([99.5]);
    for (const key of ['omega_ratio', 'exposure', 'max_consecutive_wins', 'ulcer_index', 'probabilistic_sharpe_ratio']) expect(m[key], key).toBeNull();
    expect(num(m.best_month)).toBeCloseTo(-0.005, 12);
  });
});

describe('exposure keeps QuantStats’s rounding up to a whole percent', () => {
  it('1 non-zero return of 3 → ceil(33.33…) / 100 = 0.34', () => {
    expect(metricsOf([100, 100, 101, 101]).exposure).toBe(0.34);
  });
});

describe('probabilistic Sharpe ratio', () => {
  it('Φ(SR / σ_SR) with pandas skew and kurtosis (+ 3), per-period SR', () => {
    const values = [100, 103, 101, 104, 108, 107, 111];
    const r = values.slice(1).map((v, t) => v / (values[t] ?? 1) - 1);
    const n = r.length;
    const mean = r.reduce((t, x) => t + x, 0) / n;
    const s2 = r.reduce((t, x) => t + (x - mean) ** 2, 0);
    const s3 = r.reduce((t, x) => t + (x - mean) ** 3, 0);
    const s4 = r.reduce((t, x) => t + (x - mean) ** 4, 0);
    const skew = ((n * Math.sqrt(n - 1)) / (n - 2)) * (s3 / s2 ** 1.5);
    const kurt = (n * (n + 1) * (n - 1) * s4) / ((n - 2) * (n - 3) * s2 * s2) - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
    const sr = mean / Math.sqrt(s2 / (n - 1));
    const sigma = Math.sqrt((1 - skew * sr + ((kurt + 3 - 1) / 4) * sr * sr) / (n - 1));
    const m = computeMetrics({
      dates: values.map((_, t) => `2021-03-${String(t + 1).padStart(2, '0')}`),
      values: values.map((v) => toDec(v)),
      initialCapital: toDec(100),
      periodsPerYear: 252,
      riskFreeRate: 0.05,
      trades: [],
      benchmarkReturns: null,
    });
    // rf does not enter: QuantStats's default rf 0.
    expect(num(m.probabilistic_sharpe_ratio)).toBeCloseTo(normalCdf(sr / sigma), 14);
    expect(normalCdf(sr / sigma)).toBeGreaterThan(0.8);
  });

  it('normalCdf matches known values in both tails', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-1.6448536269514729)).toBeCloseTo(0.05, 15);
    expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 12);
  });
});
