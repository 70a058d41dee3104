/**
 * Cross-check of metrics and analytics against numpy/scipy on a seeded random walk: the Python
 * below uses the libraries' own routines (np.std(ddof=1), np.percentile, np.cov, np.corrcoef,
 * scipy.stats.skew/kurtosis with bias=False = pandas .skew()/.kurt()), not our formulas.
 * Needs python3 with numpy and scipy (Debian packages, installed by .ci/run); fails without them.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { computeRiskAnalytics } from '../../src/engine/analytics';
import { toDec } from '../../src/engine/decimal';
import { computeMetrics } from '../../src/engine/metrics';
import type { MetricValue } from '../../src/engine/types';
import { requirePython } from '../support/tools';

const python = requirePython(['numpy', 'scipy']);

const PYTHON = String.raw`
import json, math, sys
import numpy as np
from scipy import stats
d = json.load(sys.stdin)
V = np.array(d["values"]); C = d["capital"]; P = d["P"]; rf = d["rf"]; W = d["window"]
rb = np.array(d["benchmark"]); A = np.array(d["assets"]); w = np.array(d["weights"])
r = V[1:] / V[:-1] - 1; n = len(r)
tr = V[-1] / C - 1
ann = (1 + tr) ** (P / n) - 1
vol = np.std(r, ddof=1) * math.sqrt(P)
dd = math.sqrt(np.mean(np.minimum(r, 0) ** 2)) * math.sqrt(P)
peaks = np.maximum.accumulate(np.concatenate([[C], V]))[1:]
mdd = float(np.min(V / peaks - 1))
var = float(np.percentile(r, 5))
annb = float(np.prod(1 + rb) ** (P / n) - 1)
annp = float(np.prod(1 + r) ** (P / n) - 1)
beta = float(np.cov(r, rb, ddof=1)[0, 1] / np.var(rb, ddof=1))
te = float(np.std(r - rb, ddof=1) * math.sqrt(P))
ar = A[:, 1:] / A[:, :-1] - 1
S = np.cov(ar, ddof=1) * P
pv = math.sqrt(w @ S @ w)
roll = [None] * W + [float(np.prod(1 + r[t - W:t]) - 1) for t in range(W, n + 1)]
rollv = [None] * W + [float(np.std(r[t - W:t], ddof=1) * math.sqrt(P)) for t in range(W, n + 1)]
rfp = (1 + rf) ** (1 / P) - 1
rolls = [None] * W + [float((np.mean(r[t - W:t]) - rfp) / np.std(r[t - W:t], ddof=1) * math.sqrt(P)) for t in range(W, n + 1)]
rollb = [None] * W + [float(np.cov(r[t - W:t], rb[t - W:t], ddof=1)[0, 1] / np.var(rb[t - W:t], ddof=1)) for t in range(W, n + 1)]
print(json.dumps({
  "metrics": {
    "total_return": tr, "annualized_return": ann, "volatility": vol, "sharpe_ratio": (ann - rf) / vol,
    "max_drawdown": mdd, "downside_deviation": dd, "sortino_ratio": (ann - rf) / dd,
    "calmar_ratio": ann / abs(mdd), "var_95": var, "cvar_95": float(np.mean(r[r <= var])),
    "skewness": float(stats.skew(r, bias=False)), "kurtosis": float(stats.kurtosis(r, bias=False)),
    "best_period": float(r.max()), "worst_period": float(r.min()), "win_rate": float(np.mean(r > 0)),
    "beta": beta, "alpha": annp - (rf + beta * (annb - rf)), "correlation": float(np.corrcoef(r, rb)[0, 1]),
    "tracking_error": te, "information_ratio": (annp - annb) / te,
  },
  "correlation": np.corrcoef(ar).tolist(),
  "contribution": (w * (S @ w) / pv).tolist(),
  "asset_vol": np.sqrt(np.diag(S)).tolist(),
  "portfolio_volatility": pv,
  "rolling_return": roll, "rolling_volatility": rollv, "rolling_sharpe": rolls, "rolling_beta": rollb,
}))
`;

interface PythonOutput {
  metrics: Record<string, number>;
  correlation: number[][];
  contribution: number[];
  asset_vol: number[];
  portfolio_volatility: number;
  rolling_return: (number | null)[];
  rolling_volatility: (number | null)[];
  rolling_sharpe: (number | null)[];
  rolling_beta: (number | null)[];
}

/** Seeded random walk (mulberry32), so the test is deterministic. */
function makeWalk(seed: number, length: number, start: number, scale: number): number[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const walk = [start];
  for (let t = 1; t < length; t += 1) walk.push((walk[t - 1] ?? start) * (1 + (random() - 0.48) * scale));
  return walk.map((v) => Number(v.toFixed(6)));
}

function expectClose(actual: MetricValue | undefined, expected: number | null | undefined, label: string): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, label).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe('number');
  const value = actual as number;
  expect(Math.abs(value - expected), `${label}: ${value} vs ${expected}`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected)));
}

describe('metrics and analytics agree with numpy/scipy', () => {
  const N = 300;
  const values = makeWalk(1, N + 1, 9950, 0.03);
  const benchmark = makeWalk(2, N + 1, 100, 0.02);
  const assets = [makeWalk(3, N + 1, 50, 0.04), makeWalk(4, N + 1, 20, 0.02), makeWalk(5, N + 1, 300, 0.05)];
  const benchmarkReturns = benchmark.slice(1).map((v, t) => v / (benchmark[t] ?? 1) - 1);
  const weights = [0.5, 0.3, 0.15];
  const dates = Array.from({ length: N + 1 }, (_, t) => new Date(Date.UTC(2020, 0, 1 + t)).toISOString().slice(0, 10));
  const expected = JSON.parse(
    execFileSync(python, ['-c', PYTHON], {
      input: JSON.stringify({ values, capital: 10000, P: 365, rf: 0.02, window: 30, benchmark: benchmarkReturns, assets, weights }),
      encoding: 'utf8',
    }),
  ) as PythonOutput;

  it('every return metric', () => {
    const metrics = computeMetrics({
      dates,
      values: values.map((v) => toDec(v)),
      initialCapital: toDec(10000),
      periodsPerYear: 365,
      riskFreeRate: 0.02,
      trades: [],
      benchmarkReturns,
    });
    for (const [key, value] of Object.entries(expected.metrics)) expectClose(metrics[key], value, key);
  });

  it('correlation matrix, volatility decomposition and rolling metrics', () => {
    const analytics = computeRiskAnalytics({
      dates,
      values: values.map((v) => toDec(v)),
      initialCapital: toDec(10000),
      assets: ['X', 'Y', 'Z'],
      assetBasePrices: assets.map((series) => series.map((p) => toDec(p))),
      finalWeights: weights,
      periodsPerYear: 365,
      riskFreeRate: 0.02,
      rollingWindow: 30,
      benchmarkValues: benchmark.map((v) => toDec(v)),
    });
    expected.correlation.forEach((row, i) =>
      row.forEach((value, j) => expectClose(analytics.correlation[i]?.[j], value, `correlation[${i}][${j}]`)),
    );
    analytics.volatility_decomposition.forEach((row, i) => {
      expectClose(row.contribution, expected.contribution[i], `contribution ${row.asset}`);
      expectClose(row.volatility, expected.asset_vol[i], `volatility ${row.asset}`);
    });
    expectClose(analytics.portfolio_volatility, expected.portfolio_volatility, 'portfolio_volatility');
    expected.rolling_return.forEach((value, t) => expectClose(analytics.rolling.return[t], value, `rolling return ${t}`));
    expected.rolling_volatility.forEach((value, t) =>
      expectClose(analytics.rolling.volatility[t], value, `rolling volatility ${t}`),
    );
    expected.rolling_sharpe.forEach((value, t) => expectClose(analytics.rolling.sharpe[t], value, `rolling sharpe ${t}`));
    expected.rolling_beta.forEach((value, t) => expectClose(analytics.rolling.beta[t], value, `rolling beta ${t}`));
  });
});
