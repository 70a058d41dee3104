import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { toDec } from '../../src/engine/decimal';
import { computeMetrics, METRIC_DEFINITIONS, type MetricsInput } from '../../src/engine/metrics';
import type { MetricValue, Trade } from '../../src/engine/types';

function makeTrade(day: number, value: string, cost: string, action: 'buy' | 'sell' = 'buy'): Trade {
  return {
    date: `2021-01-0${day + 1}`,
    day,
    asset: 'A',
    action,
    quantity: toDec(1),
    price: toDec(value),
    currency: 'USD',
    base_price: toDec(value),
    trade_value: toDec(value),
    cost: toDec(cost),
    reason: day === 0 ? 'initial' : 'calendar',
  };
}

function makeInput(values: number[], overrides: Partial<MetricsInput> = {}): MetricsInput {
  return {
    dates: values.map((_, t) => `2021-01-${String(t + 1).padStart(2, '0')}`),
    values: values.map((v) => toDec(v)),
    initialCapital: toDec(100),
    periodsPerYear: 4,
    riskFreeRate: 0.02,
    trades: [],
    benchmarkReturns: null,
    ...overrides,
  };
}

function num(value: MetricValue | undefined): number {
  if (typeof value !== 'number') throw new Error(`expected a number, got ${String(value)}`);
  return value;
}

/** No metric is ever NaN or ±Infinity (null is the only "undefined"). */
function expectAllFinite(metrics: Record<string, MetricValue>): void {
  for (const [key, value] of Object.entries(metrics)) {
    if (value === null) continue;
    const n = typeof value === 'number' ? value : (value as Decimal).toNumber();
    expect(Number.isFinite(n), `${key} = ${String(n)}`).toBe(true);
  }
}

describe('METRIC_DEFINITIONS', () => {
  it('starts with the five metrics the CSV contract needs, then the rest, each with a formula', () => {
    expect(METRIC_DEFINITIONS.map((d) => d.key)).toEqual([
      'total_return',
      'annualized_return',
      'volatility',
      'sharpe_ratio',
      'max_drawdown',
      'sortino_ratio',
      'downside_deviation',
      'calmar_ratio',
      'final_value',
      'num_trades',
      'total_costs',
      'turnover',
      'var_95',
      'cvar_95',
      'skewness',
      'kurtosis',
      'best_period',
      'worst_period',
      'win_rate',
      'longest_drawdown',
      'beta',
      'alpha',
      'correlation',
      'tracking_error',
      'information_ratio',
      'omega_ratio',
      'tail_ratio',
      'profit_factor',
      'payoff_ratio',
      'gain_to_pain_ratio',
      'common_sense_ratio',
      'cpc_index',
      'max_consecutive_wins',
      'max_consecutive_losses',
      'avg_win',
      'avg_loss',
      'kelly_criterion',
      'outlier_win_ratio',
      'outlier_loss_ratio',
      'risk_of_ruin',
      'exposure',
      'r_squared',
      'ulcer_index',
      'ulcer_performance_index',
      'recovery_factor',
      'serenity_index',
      'best_month',
      'worst_month',
      'best_year',
      'worst_year',
      'probabilistic_sharpe_ratio',
    ]);
    for (const definition of METRIC_DEFINITIONS) {
      expect(definition.formula.length, definition.key).toBeGreaterThan(2);
      expect(definition.formula).not.toContain('\n');
      expect(definition.label.length).toBeGreaterThan(2);
    }
    expect(METRIC_DEFINITIONS.find((d) => d.key === 'final_value')?.unit).toBe('currency');
    expect(METRIC_DEFINITIONS.find((d) => d.key === 'total_costs')?.unit).toBe('currency');
  });

  it('computeMetrics returns exactly those keys in that order', () => {
    const metrics = computeMetrics(makeInput([100, 110, 99, 108.9]));
    expect(Object.keys(metrics)).toEqual(METRIC_DEFINITIONS.map((d) => d.key));
  });
});

describe('computeMetrics on a hand-computed series', () => {
  // C = 100, P = 4 (√P = 2), rf = 0.02. V = 100, 110, 99, 108.9 → r = +0.1, −0.1, +0.1; n = 3.
  // Trades: day 0 buy of 100 (cost 0.1, excluded from turnover), day 2 sell 10 and buy 10 (cost 0.2 and 0).
  const trades = [makeTrade(0, '100', '0.1'), makeTrade(2, '10', '0.2', 'sell'), makeTrade(2, '10', '0')];
  const benchmarkReturns = [0.05, -0.05, 0.1];
  const metrics = computeMetrics(makeInput([100, 110, 99, 108.9], { trades, benchmarkReturns }));
  // total_return = 108.9/100 − 1 = 0.089; annualized = 1.089^(4/3) − 1.
  const annualized = 1.089 ** (4 / 3) - 1;
  // r̄ = 0.1/3; deviations 4/60, −8/60, 4/60 → Σd² = 96/3600; var = 48/3600; std = √(48)/60 = 0.11547…
  const volatility = (Math.sqrt(48) / 60) * 2;
  // ann_b = (1.05 × 0.95 × 1.1)^(4/3) − 1 = 1.09725^(4/3) − 1.
  const benchmarkAnnualized = 1.09725 ** (4 / 3) - 1;

  it('total and annualized return', () => {
    expect(num(metrics.total_return)).toBeCloseTo(0.089, 14);
    expect(num(metrics.annualized_return)).toBeCloseTo(annualized, 14);
  });

  it('volatility and Sharpe', () => {
    expect(num(metrics.volatility)).toBeCloseTo(volatility, 14);
    expect(num(metrics.sharpe_ratio)).toBeCloseTo((annualized - 0.02) / volatility, 13);
  });

  it('downside deviation over all n returns and Sortino', () => {
    // min(r, 0)² = 0, 0.01, 0 → mean 0.01/3 → √ = 0.057735… × 2.
    const downside = Math.sqrt(0.01 / 3) * 2;
    expect(num(metrics.downside_deviation)).toBeCloseTo(downside, 14);
    expect(num(metrics.sortino_ratio)).toBeCloseTo((annualized - 0.02) / downside, 13);
  });

  it('max drawdown, Calmar and longest drawdown', () => {
    // Peak 110 on day 1, 99 on day 2 → 99/110 − 1 = −0.1; not recovered by day 3 (108.9 < 110):
    // longest drawdown = 3 − 1 = 2 periods.
    expect(num(metrics.max_drawdown)).toBeCloseTo(-0.1, 14);
    expect(num(metrics.calmar_ratio)).toBeCloseTo(annualized / 0.1, 13);
    expect(metrics.longest_drawdown).toBe(2);
  });

  it('final value, trades, exact total costs and turnover', () => {
    expect((metrics.final_value as Decimal).toFixed()).toBe('108.9');
    expect(metrics.num_trades).toBe(3);
    // 0.1 + 0.2 + 0 = 0.3 exactly (Decimal, not 0.30000000000000004).
    expect((metrics.total_costs as Decimal).toFixed()).toBe('0.3');
    // Σ|tv| after day 0 = 20 → /2 = 10; mean V = 417.9/4 = 104.475; × P/n = 4/3.
    expect(num(metrics.turnover)).toBeCloseTo((10 / 104.475) * (4 / 3), 14);
  });

  it('VaR and CVaR 95% (historical, linear interpolation)', () => {
    // sorted r = −0.1, 0.1, 0.1; h = 2 × 0.05 = 0.1 → −0.1 + 0.1 × 0.2 = −0.08; CVaR = mean(r ≤ −0.08) = −0.1.
    expect(num(metrics.var_95)).toBeCloseTo(-0.08, 14);
    expect(num(metrics.cvar_95)).toBeCloseTo(-0.1, 14);
  });

  it('skewness (pandas) and kurtosis (needs 4 returns → null)', () => {
    // S2 = 96/3600, S3 = (64 − 512 + 64)/216000 = −384/216000; 3√2/1 × S3/S2^1.5 = −√3.
    expect(num(metrics.skewness)).toBeCloseTo(-Math.sqrt(3), 12);
    expect(metrics.kurtosis).toBeNull();
  });

  it('best, worst period and win rate', () => {
    expect(num(metrics.best_period)).toBeCloseTo(0.1, 14);
    expect(num(metrics.worst_period)).toBeCloseTo(-0.1, 14);
    expect(num(metrics.win_rate)).toBeCloseTo(2 / 3, 15);
  });

  it('beta, alpha, correlation, tracking error and information ratio against the first benchmark', () => {
    // In units of 1/60: portfolio deviations 4, −8, 4; benchmark deviations 1, −5, 4.
    // cov = 60/3600/2, var_b = 42/3600/2 → beta = 60/42 = 10/7.
    const beta = 10 / 7;
    expect(num(metrics.beta)).toBeCloseTo(beta, 13);
    // ρ = 60 / √(96 × 42)
    expect(num(metrics.correlation)).toBeCloseTo(60 / Math.sqrt(96 * 42), 13);
    // r − r_b = 0.05, −0.05, 0 → mean 0, Σd² = 0.005, var = 0.0025, std = 0.05 → TE = 0.1.
    expect(num(metrics.tracking_error)).toBeCloseTo(0.1, 13);
    expect(num(metrics.information_ratio)).toBeCloseTo((annualized - benchmarkAnnualized) / 0.1, 12);
    expect(num(metrics.alpha)).toBeCloseTo(annualized - (0.02 + beta * (benchmarkAnnualized - 0.02)), 13);
  });

  it('alpha compares like with like: a portfolio that is its benchmark after day-0 costs has alpha 0', () => {
    // V_0 = 99 after a day-0 cost of 1 (C = 100); the returns are exactly the benchmark's.
    const values = [99, 108.9, 98.01, 107.811];
    const same = computeMetrics(makeInput(values, { benchmarkReturns: [0.1, -0.1, 0.1] }));
    expect(num(same.beta)).toBeCloseTo(1, 12);
    expect(num(same.alpha)).toBeCloseTo(0, 12);
    expect(same.information_ratio).toBeNull(); // tracking error 0
  });

  it('benchmark metrics are null without a benchmark', () => {
    const alone = computeMetrics(makeInput([100, 110, 99, 108.9]));
    for (const key of ['beta', 'alpha', 'correlation', 'tracking_error', 'information_ratio']) {
      expect(alone[key], key).toBeNull();
    }
  });

  it('never outputs NaN or Infinity', () => {
    expectAllFinite(metrics);
  });
});

describe('computeMetrics: day-0 costs and C as the first peak', () => {
  it('total return and drawdown count the initial cost against C', () => {
    // C = 100, V_0 = 99 after costs, then 99 → 100.98 (+2%).
    const metrics = computeMetrics(makeInput([99, 100.98]));
    expect(num(metrics.total_return)).toBeCloseTo(0.0098, 14);
    // drawdown on day 0 = 99/100 − 1 = −0.01 (C is the first peak), recovered on day 1.
    expect(num(metrics.max_drawdown)).toBeCloseTo(-0.01, 14);
    expect(metrics.longest_drawdown).toBe(1);
  });
});

describe('computeMetrics: zero volatility', () => {
  it('a flat series: every ratio over a zero denominator is null', () => {
    const metrics = computeMetrics(makeInput([100, 100, 100, 100, 100], { benchmarkReturns: [0, 0, 0, 0] }));
    expect(metrics.total_return).toBe(0);
    expect(metrics.volatility).toBe(0);
    expect(metrics.sharpe_ratio).toBeNull();
    expect(metrics.downside_deviation).toBe(0);
    expect(metrics.sortino_ratio).toBeNull();
    expect(metrics.max_drawdown).toBe(0);
    expect(metrics.calmar_ratio).toBeNull();
    expect(metrics.skewness).toBeNull();
    expect(metrics.kurtosis).toBeNull();
    expect(metrics.beta).toBeNull();
    expect(metrics.alpha).toBeNull();
    expect(metrics.correlation).toBeNull();
    expect(metrics.tracking_error).toBe(0);
    expect(metrics.information_ratio).toBeNull();
    expect(metrics.win_rate).toBe(0);
    expect(metrics.longest_drawdown).toBe(0);
    expectAllFinite(metrics);
  });

  it('a steady 1% per period: float noise in the std still gives null ratios, not 1e15', () => {
    const values = [100];
    for (let t = 1; t <= 12; t += 1) values.push((values[t - 1] ?? 0) * 1.01);
    const metrics = computeMetrics(makeInput(values, { periodsPerYear: 252, benchmarkReturns: Array(12).fill(0.01) }));
    expect(num(metrics.volatility)).toBeLessThan(1e-12);
    expect(metrics.sharpe_ratio).toBeNull();
    expect(metrics.sortino_ratio).toBeNull();
    expect(metrics.calmar_ratio).toBeNull();
    expect(metrics.skewness).toBeNull();
    expect(metrics.beta).toBeNull();
    expect(metrics.information_ratio).toBeNull();
    expectAllFinite(metrics);
  });
});

describe('computeMetrics: very short runs', () => {
  it('n = 0 (day 0 only): the return statistics are null', () => {
    const metrics = computeMetrics(makeInput([99], { trades: [makeTrade(0, '99', '1')] }));
    expect(num(metrics.total_return)).toBeCloseTo(-0.01, 15);
    expect(metrics.num_trades).toBe(1);
    expect((metrics.total_costs as Decimal).toFixed()).toBe('1');
    expect(num(metrics.max_drawdown)).toBeCloseTo(-0.01, 15);
    expect(metrics.longest_drawdown).toBe(0);
    for (const key of [
      'annualized_return',
      'volatility',
      'sharpe_ratio',
      'downside_deviation',
      'sortino_ratio',
      'calmar_ratio',
      'turnover',
      'var_95',
      'cvar_95',
      'skewness',
      'kurtosis',
      'best_period',
      'worst_period',
      'win_rate',
    ]) {
      expect(metrics[key], key).toBeNull();
    }
    expectAllFinite(metrics);
  });

  it('n = 1: annualized return, downside and VaR exist; volatility does not', () => {
    // C = 100, V = 100, 110: r = 0.1; annualized = 1.1^(4/1) − 1 = 0.4641.
    const metrics = computeMetrics(makeInput([100, 110], { benchmarkReturns: [0.05] }));
    expect(num(metrics.annualized_return)).toBeCloseTo(0.4641, 13);
    expect(metrics.volatility).toBeNull();
    expect(metrics.sharpe_ratio).toBeNull();
    expect(metrics.downside_deviation).toBe(0);
    expect(metrics.sortino_ratio).toBeNull();
    expect(num(metrics.var_95)).toBeCloseTo(0.1, 15);
    expect(num(metrics.cvar_95)).toBeCloseTo(0.1, 15);
    expect(metrics.beta).toBeNull();
    expect(metrics.tracking_error).toBeNull();
    expect(metrics.win_rate).toBe(1);
    expectAllFinite(metrics);
  });

  it('n = 2: volatility defined from two returns', () => {
    // r = 0.1, −0.1 → std = √(0.02) → vol = √0.02 × 2
    const metrics = computeMetrics(makeInput([100, 110, 99]));
    expect(num(metrics.volatility)).toBeCloseTo(Math.sqrt(0.02) * 2, 14);
    expect(metrics.skewness).toBeNull();
    expectAllFinite(metrics);
  });

  it('no values at all: money and counts still typed, everything else null', () => {
    const metrics = computeMetrics(makeInput([]));
    expect(metrics.total_return).toBeNull();
    expect(metrics.final_value).toBeNull();
    expect(metrics.max_drawdown).toBeNull();
    expect(metrics.num_trades).toBe(0);
    expect((metrics.total_costs as Decimal).toFixed()).toBe('0');
  });

  it('a total loss annualizes to −100%, not NaN', () => {
    const metrics = computeMetrics(makeInput([100, 0]));
    expect(metrics.total_return).toBe(-1);
    expect(metrics.annualized_return).toBe(-1);
    expect(metrics.max_drawdown).toBe(-1);
    expectAllFinite(metrics);
  });

  it('rejects benchmark returns of another length as an internal error', () => {
    expect(() => computeMetrics(makeInput([100, 110, 99], { benchmarkReturns: [0.1] }))).toThrow(/Benchmark returns/);
  });
});

describe('computeMetrics: money stays exact', () => {
  it('final value keeps every digit and total costs sums Decimals exactly', () => {
    const values = [toDec('10000'), toDec('10000.123456789012345678901234')];
    const trades = Array.from({ length: 10 }, (_, i) => makeTrade(i % 2, '1', '0.01'));
    const metrics = computeMetrics({ ...makeInput([10000, 10000]), values, trades });
    expect((metrics.final_value as Decimal).toFixed()).toBe('10000.123456789012345678901234');
    expect((metrics.total_costs as Decimal).toFixed()).toBe('0.1');
    expect(Decimal.isDecimal(metrics.final_value)).toBe(true);
  });
});
