import { describe, expect, it } from 'vitest';
import {
  EXACT_ROLLING_WINDOW,
  computeCorrelationMatrix,
  computeDrawdownPeriods,
  computeMonthlyReturns,
  computeRiskAnalytics,
  computeRollingMetrics,
  computeVolatilityDecomposition,
  type AnalyticsInput,
} from '../../src/engine/analytics';
import { toDec } from '../../src/engine/decimal';
import type { RiskAnalytics } from '../../src/engine/types';

// Three assets over 5 dates (4 returns), chosen so that every figure has a closed form:
// A: r = +0.1, −0.1, +0.1, −0.1    B: r = 2 × A's    C: r = +0.1, +0.1, −0.1, −0.1    D: flat
const pricesA = [100, 110, 99, 108.9, 98.01];
const pricesB = [100, 120, 96, 115.2, 92.16];
const pricesC = [100, 110, 121, 108.9, 98.01];
const pricesD = [50, 50, 50, 50, 50];
const dates = ['2021-01-04', '2021-01-05', '2021-01-06', '2021-01-07', '2021-01-08'];

function makeInput(overrides: Partial<AnalyticsInput> = {}): AnalyticsInput {
  return {
    dates,
    values: pricesA.map((v) => toDec(v)),
    initialCapital: toDec(100),
    assets: ['A', 'B', 'C'],
    assetBasePrices: [pricesA, pricesB, pricesC].map((series) => series.map((p) => toDec(p))),
    finalWeights: [0.5, 0.3, 0.2],
    periodsPerYear: 4,
    riskFreeRate: 0.02,
    rollingWindow: 2,
    ...overrides,
  };
}

function returnsOf(prices: number[]): number[] {
  return prices.slice(1).map((p, t) => p / (prices[t] ?? 1) - 1);
}

function expectNoNaN(analytics: RiskAnalytics): void {
  const text = JSON.stringify(analytics, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? `BAD:${String(value)}` : value,
  );
  expect(text).not.toContain('BAD:');
}

describe('correlation matrix', () => {
  it('3 assets: 1 on the diagonal, +1 for a scaled copy, 0 for an orthogonal pattern', () => {
    const matrix = computeCorrelationMatrix([pricesA, pricesB, pricesC].map(returnsOf));
    expect(matrix[0]?.[0]).toBe(1);
    expect(matrix[0]?.[1]).toBeCloseTo(1, 12);
    // A and C deviations (mean 0): .1·.1 + (−.1)(.1) + (.1)(−.1) + (−.1)(−.1) = 0 → ρ = 0.
    expect(matrix[0]?.[2]).toBeCloseTo(0, 12);
    expect(matrix[1]?.[2]).toBeCloseTo(0, 12);
    expect(matrix[2]?.[0]).toBe(matrix[0]?.[2]);
  });

  it('a zero-variance asset has null in its row and column, its diagonal included', () => {
    const matrix = computeCorrelationMatrix([pricesA, pricesD].map(returnsOf));
    expect(matrix).toEqual([
      [1, null],
      [null, null],
    ]);
  });

  it('with fewer than 2 returns every entry is null', () => {
    expect(computeCorrelationMatrix([[0.1], [0.2]])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});

describe('volatility decomposition', () => {
  // Sample covariances × P = 4, with u = (4 × 0.01 / 3) × 4 = 4/75:
  // var_A = u, var_B = 4u, cov_AB = 2u, var_C = u, cov_AC = cov_BC = 0.
  // w = (0.5, 0.3, 0.2): Σw = u (1.1, 2.2, 0.2); wᵀΣw = u (0.55 + 0.66 + 0.04) = 1.25u = 1/15.
  const u = 4 / 75;
  const sigmaP = Math.sqrt(1 / 15);
  const { rows, portfolioVolatility } = computeVolatilityDecomposition(
    ['A', 'B', 'C'],
    [pricesA, pricesB, pricesC].map(returnsOf),
    [0.5, 0.3, 0.2],
    4,
  );

  it('portfolio volatility √(wᵀΣw)', () => {
    expect(portfolioVolatility).toBeCloseTo(sigmaP, 14);
  });

  it('each contribution w_a(Σw)_a/σ_p; they sum to the portfolio volatility', () => {
    const expected = [0.55, 0.66, 0.04].map((x) => (u * x) / sigmaP);
    rows.forEach((row, i) => expect(row.contribution).toBeCloseTo(expected[i] ?? NaN, 14));
    const total = rows.reduce((sum, row) => sum + row.contribution, 0);
    expect(total).toBeCloseTo(portfolioVolatility, 14);
  });

  it('shares = contribution / total, and each asset’s own volatility √Σ_aa', () => {
    // shares = (0.55, 0.66, 0.04) / 1.25
    expect(rows.map((r) => r.contribution_share)).toEqual([
      expect.closeTo(0.44, 13),
      expect.closeTo(0.528, 13),
      expect.closeTo(0.032, 13),
    ]);
    expect(rows.map((r) => r.volatility)).toEqual([
      expect.closeTo(Math.sqrt(u), 14),
      expect.closeTo(Math.sqrt(4 * u), 14),
      expect.closeTo(Math.sqrt(u), 14),
    ]);
    expect(rows.map((r) => [r.asset, r.weight])).toEqual([
      ['A', 0.5],
      ['B', 0.3],
      ['C', 0.2],
    ]);
  });

  it('zero total volatility (all cash, or flat assets): contributions 0, shares null', () => {
    const flat = computeVolatilityDecomposition(['D'], [returnsOf(pricesD)], [1], 4);
    expect(flat.portfolioVolatility).toBe(0);
    expect(flat.rows[0]).toMatchObject({ contribution: 0, contribution_share: null, volatility: 0 });
    const cash = computeVolatilityDecomposition(['A'], [returnsOf(pricesA)], [0], 4);
    expect(cash.rows[0]?.contribution_share).toBeNull();
  });
});

describe('rolling metrics', () => {
  it('fill exactly at day index = window', () => {
    const returns = returnsOf(pricesA);
    for (const window of [2, 3, 4]) {
      const rolling = computeRollingMetrics(returns, window, 4, 0.02);
      expect(rolling.return).toHaveLength(5);
      rolling.volatility.forEach((value, t) => expect(value === null, `window ${window}, t ${t}`).toBe(t < window));
    }
    // A window longer than the run never fills.
    expect(computeRollingMetrics(returns, 5, 4, 0.02).return.every((v) => v === null)).toBe(true);
  });

  it('values from the window’s returns (P = 4, window 2)', () => {
    // Day 2: r_1 = 0.1, r_2 = −0.1 → window return 1.1 × 0.9 − 1 = −0.01 (not annualized);
    // sample std of (0.1, −0.1) = √0.02 → vol = √0.02 × √4; mean 0, rf_p = 1.02^(1/4) − 1,
    // sharpe = (0 − rf_p) / √0.02 × √4.
    const rolling = computeRollingMetrics(returnsOf(pricesA), 2, 4, 0.02);
    const vol = Math.sqrt(0.02) * 2;
    const rfP = 1.02 ** 0.25 - 1;
    expect(rolling.return[2]).toBeCloseTo(-0.01, 14);
    expect(rolling.volatility[2]).toBeCloseTo(vol, 14);
    expect(rolling.sharpe[2]).toBeCloseTo(((0 - rfP) / Math.sqrt(0.02)) * 2, 13);
    // Day 3: r_2 = −0.1, r_3 = +0.1: the same figures.
    expect(rolling.return[3]).toBeCloseTo(-0.01, 14);
    // No benchmark: beta is empty everywhere.
    expect(rolling.beta.every((b) => b === null)).toBe(true);
  });

  it('beta against the benchmark over the same window; empty for a flat benchmark', () => {
    // r = (0.02, −0.01, 0.03), r_b = (0.01, −0.01, 0.02); window 3:
    // mean r = 0.04/3, mean r_b = 0.02/3; cov = Σ(d·d_b)/2, var_b = Σd_b²/2.
    const r = [0.02, -0.01, 0.03];
    const rb = [0.01, -0.01, 0.02];
    const mr = 0.04 / 3;
    const mb = 0.02 / 3;
    const cov = r.reduce((t, x, i) => t + (x - mr) * ((rb[i] ?? 0) - mb), 0);
    const varB = rb.reduce((t, x) => t + (x - mb) ** 2, 0);
    const rolling = computeRollingMetrics(r, 3, 252, 0, { benchmarkReturns: rb });
    expect(rolling.beta.slice(0, 3)).toEqual([null, null, null]);
    expect(rolling.beta[3]).toBeCloseTo(cov / varB, 14);
    expect(rolling.return[3]).toBeCloseTo(1.02 * 0.99 * 1.03 - 1, 15);
    const flat = computeRollingMetrics(r, 3, 252, 0, { benchmarkReturns: [0, 0, 0] });
    expect(flat.beta[3]).toBeNull();
    expect(flat.sharpe[3]).not.toBeNull();
  });

  it('a window longer than EXACT_ROLLING_WINDOW slides its sums in O(n) and agrees with two-pass sums', () => {
    let state = 17;
    const random = (): number => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 4294967296 - 0.5;
    };
    const r = Array.from({ length: 2500 }, () => 0.001 + random() * 0.08);
    const rb = r.map((x) => 0.5 * x + random() * 0.03);
    const window = EXACT_ROLLING_WINDOW + 88;
    const slid = computeRollingMetrics(r, window, 365, 0.03, { benchmarkReturns: rb });
    // The exact reference: each window summed afresh with the two-pass helper (window ≤ limit path).
    const exact = (first: number, last: number): { growth: number; vol: number; beta: number } => {
      const xs = r.slice(first, last + 1);
      const bs = rb.slice(first, last + 1);
      const m = xs.reduce((t, x) => t + x, 0) / xs.length;
      const mb = bs.reduce((t, x) => t + x, 0) / bs.length;
      const ss = xs.reduce((t, x) => t + (x - m) ** 2, 0);
      const sbb = bs.reduce((t, x) => t + (x - mb) ** 2, 0);
      const sxb = xs.reduce((t, x, i) => t + (x - m) * ((bs[i] ?? 0) - mb), 0);
      return { growth: xs.reduce((g, x) => g * (1 + x), 1), vol: Math.sqrt(ss / (xs.length - 1)) * Math.sqrt(365), beta: sxb / sbb };
    };
    for (const t of [window, window + 1, window + 300, 2 * window + 7, 2500]) {
      const e = exact(t - window, t - 1);
      expect(Math.abs((slid.return[t] as number) - (e.growth - 1)) / Math.abs(e.growth - 1)).toBeLessThan(1e-11);
      expect(Math.abs((slid.volatility[t] as number) - e.vol) / e.vol).toBeLessThan(1e-11);
      expect(Math.abs((slid.beta[t] as number) - e.beta) / Math.abs(e.beta)).toBeLessThan(1e-11);
    }
    expect(slid.return[window - 1]).toBeNull();
  });

  it('with one return per date (an export range from the close before it) the window fills one date earlier', () => {
    const rolling = computeRollingMetrics([0.01, 0.02, 0.03], 2, 252, 0, { dates: 3 });
    expect(rolling.return).toHaveLength(3);
    expect(rolling.return[0]).toBeNull();
    expect(rolling.return[1]).toBeCloseTo(1.01 * 1.02 - 1, 15);
    expect(rolling.return[2]).toBeCloseTo(1.02 * 1.03 - 1, 15);
  });

  it('a flat window has zero volatility and a null Sharpe', () => {
    const rolling = computeRollingMetrics([0, 0, 0], 2, 252, 0.02);
    expect(rolling.volatility[2]).toBe(0);
    expect(rolling.sharpe[2]).toBeNull();
    expect(rolling.return[2]).toBe(0);
  });
});

describe('drawdown periods', () => {
  const ddDates = ['2021-01-01', '2021-01-02', '2021-01-03', '2021-01-04', '2021-01-05', '2021-01-06'];

  it('recovered and not recovered, deepest first, C as the first peak dated day 0', () => {
    // C = 100; 99 (day-0 costs) and 98 below C; 101 recovers; 105 new peak; 94.5 = −10%; 100 open.
    const periods = computeDrawdownPeriods(ddDates, [99, 98, 101, 105, 94.5, 100], 100);
    expect(periods).toEqual([
      { start: '2021-01-04', trough: '2021-01-05', recovery: null, depth: expect.closeTo(-0.1, 14), length: 2, length_days: 2, days_to_recover: null },
      { start: '2021-01-01', trough: '2021-01-02', recovery: '2021-01-03', depth: expect.closeTo(-0.02, 14), length: 2, length_days: 2, days_to_recover: 1 },
    ]);
  });

  it('ties in depth: the earlier start first', () => {
    // 100 → 90 → 100 → 90 → 100: two −10% drawdowns.
    const periods = computeDrawdownPeriods(ddDates.slice(0, 5), [100, 90, 100, 90, 100], 100);
    expect(periods.map((p) => p.start)).toEqual(['2021-01-01', '2021-01-03']);
    expect(periods.map((p) => p.recovery)).toEqual(['2021-01-03', '2021-01-05']);
  });

  it('the analytics drawdown series is ≤ 0 and matches max drawdown', () => {
    const analytics = computeRiskAnalytics(makeInput());
    // A: 100, 110, 99, 108.9, 98.01 → peaks 100, 110, 110, 110, 110.
    expect(analytics.drawdown).toEqual([0, 0, expect.closeTo(-0.1, 14), expect.closeTo(-0.01, 14), expect.closeTo(-0.109, 14)]);
    expect(analytics.drawdown_periods).toHaveLength(1);
    expect(analytics.drawdown_periods[0]).toMatchObject({ start: '2021-01-05', trough: '2021-01-08', recovery: null, length: 3 });
  });
});

describe('monthly returns', () => {
  it('month-end over previous month-end (first over C), across a year boundary', () => {
    // C = 100. Month ends: 2020-11 → 99, 2020-12 → 110, 2021-01 → 121, 2021-02 → 108.9.
    // Nov 99/100 − 1 = −0.01; Dec 110/99 − 1; Jan 121/110 − 1 = 0.1; Feb 108.9/121 − 1 = −0.1.
    // Years: 2020: 110/100 − 1 = 0.1; 2021: 108.9/110 − 1 = −0.01.
    const rows = computeMonthlyReturns(
      ['2020-11-30', '2020-12-15', '2020-12-31', '2021-01-15', '2021-02-01'],
      [99, 100, 110, 121, 108.9],
      100,
    );
    expect(rows).toHaveLength(2);
    const [y2020, y2021] = rows;
    expect(y2020?.year).toBe(2020);
    expect(y2020?.months.slice(0, 10)).toEqual(Array(10).fill(null));
    expect(y2020?.months[10]).toBeCloseTo(-0.01, 14);
    expect(y2020?.months[11]).toBeCloseTo(110 / 99 - 1, 14);
    expect(y2020?.year_total).toBeCloseTo(0.1, 14);
    expect(y2021?.year).toBe(2021);
    expect(y2021?.months[0]).toBeCloseTo(0.1, 14);
    expect(y2021?.months[1]).toBeCloseTo(-0.1, 14);
    expect(y2021?.months.slice(2)).toEqual(Array(10).fill(null));
    expect(y2021?.year_total).toBeCloseTo(-0.01, 14);
  });

  it('a month without any timeline date is null and the next month spans the gap', () => {
    const rows = computeMonthlyReturns(['2021-01-29', '2021-03-31'], [100, 121], 100);
    expect(rows[0]?.months.slice(0, 3)).toEqual([0, null, expect.closeTo(0.21, 14)]);
  });

  it('a year without any date has a row of nulls', () => {
    const rows = computeMonthlyReturns(['2019-12-31', '2021-01-29'], [100, 110], 100);
    expect(rows.map((r) => r.year)).toEqual([2019, 2020, 2021]);
    expect(rows[1]).toEqual({ year: 2020, months: Array(12).fill(null), year_total: null });
    expect(rows[2]?.year_total).toBeCloseTo(0.1, 14);
  });
});

describe('computeRiskAnalytics', () => {
  it('assembles every part for the strategy and never outputs NaN or Infinity', () => {
    const analytics = computeRiskAnalytics(
      makeInput({
        assets: ['A', 'B', 'C', 'D'],
        assetBasePrices: [pricesA, pricesB, pricesC, pricesD].map((s) => s.map((p) => toDec(p))),
        finalWeights: [0.4, 0.3, 0.2, 0.1],
      }),
    );
    expect(analytics.assets).toEqual(['A', 'B', 'C', 'D']);
    expect(analytics.correlation).toHaveLength(4);
    expect(analytics.correlation[3]).toEqual([null, null, null, null]);
    expect(analytics.volatility_decomposition.map((r) => r.asset)).toEqual(['A', 'B', 'C', 'D']);
    const total = analytics.volatility_decomposition.reduce((s, r) => s + r.contribution, 0);
    expect(total).toBeCloseTo(analytics.portfolio_volatility, 14);
    expect(analytics.rolling.return).toHaveLength(5);
    expect(analytics.drawdown).toHaveLength(5);
    expect(analytics.monthly_returns).toHaveLength(1);
    expect(analytics.monthly_returns[0]?.months[0]).toBeCloseTo(98.01 / 100 - 1, 14);
    expectNoNaN(analytics);
  });

  it('day 0 only: empty statistics, no NaN', () => {
    const analytics = computeRiskAnalytics(
      makeInput({
        dates: ['2021-01-04'],
        values: [toDec(99)],
        assetBasePrices: [[toDec(1)], [toDec(2)], [toDec(3)]],
      }),
    );
    expect(analytics.portfolio_volatility).toBe(0);
    expect(analytics.rolling.volatility).toEqual([null]);
    expect(analytics.drawdown_periods).toEqual([
      { start: '2021-01-04', trough: '2021-01-04', recovery: null, depth: expect.closeTo(-0.01, 14), length: 0, length_days: 0, days_to_recover: null },
    ]);
    expectNoNaN(analytics);
  });

  it('rejects values and dates of different lengths', () => {
    expect(() => computeRiskAnalytics(makeInput({ dates: dates.slice(1) }))).toThrow(/values for/);
    expect(() => computeRiskAnalytics(makeInput({ assets: ['A', 'B', 'C', 'E'] }))).toThrow(/prices of E/);
  });
});
