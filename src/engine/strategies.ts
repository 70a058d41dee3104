/**
 * Target weights of each strategy (../shared/spec/backtest.md, Strategies). Weights are float64;
 * volatility-based strategies read only the trailing window of log returns ending at day t, so a
 * decision never sees a later price.
 */
import type { StrategySpec } from './types';

/** Why a strategy did not use its own rule on a date (reported as a run warning). */
export type TargetNote = 'warming_up' | 'zero_volatility' | 'risk_parity_fallback';

/** Target weights (strategy asset order) and why, when the strategy's own rule was not used. */
export interface TargetDecision {
  weights: number[];
  note: TargetNote | null;
}

/**
 * Target weights at day `t`. `logReturns[i][k]` is asset i's log return into day k (k ≥ 1), in the
 * strategy's asset order; only entries `t − lookback + 1 … t` are read.
 */
export function computeTargetWeights(strategy: StrategySpec, logReturns: ArrayLike<number>[], t: number): TargetDecision {
  switch (strategy.type) {
    case 'fixed':
      // As configured, not renormalised: the configuration already sums to 1 within ±0.0001.
      return { weights: strategy.weights.map((w) => w.weight), note: null };
    case 'equal_weight':
      return { weights: computeEqualWeights(strategy.assets.length), note: null };
    case 'inverse_volatility':
    case 'risk_parity': {
      const n = strategy.assets.length;
      if (t < strategy.lookback) return { weights: computeEqualWeights(n), note: 'warming_up' };
      const window = logReturns.map((series) => sliceWindow(series, t, strategy.lookback));
      // Inverse volatility needs only the diagonal; risk parity the whole matrix (same numbers on the diagonal).
      const cov = strategy.type === 'risk_parity' ? computeSampleCovariance(window) : null;
      const variances = cov === null ? window.map(computeSampleVariance) : cov.map((row, i) => row[i] as number);
      // A flat asset has no risk to balance (1/σ is infinite): the whole decision falls back to equal weights.
      if (variances.some((v) => !(v > 0) || !Number.isFinite(v))) return { weights: computeEqualWeights(n), note: 'zero_volatility' };
      const inverseVol = computeInverseVolatilityWeights(variances);
      if (cov === null) return { weights: inverseVol, note: null };
      const solved = solveRiskParity(cov);
      return solved === null ? { weights: inverseVol, note: 'risk_parity_fallback' } : { weights: solved, note: null };
    }
  }
}

/** `1/N` each. */
export function computeEqualWeights(n: number): number[] {
  return Array.from({ length: n }, () => 1 / n);
}

/** `w ∝ 1/σ` from variances (all > 0). */
export function computeInverseVolatilityWeights(variances: number[]): number[] {
  const inverse = variances.map((v) => 1 / Math.sqrt(v));
  const total = inverse.reduce((a, b) => a + b, 0);
  return inverse.map((x) => x / total);
}

function sliceWindow(series: ArrayLike<number>, t: number, lookback: number): number[] {
  const out: number[] = [];
  for (let k = t - lookback + 1; k <= t; k++) out.push(series[k] as number);
  return out;
}

/** Sample variance (n − 1), the same arithmetic as a diagonal entry of `computeSampleCovariance`. */
export function computeSampleVariance(series: number[]): number {
  const length = series.length;
  const mean = series.reduce((a, b) => a + b, 0) / length;
  let sum = 0;
  for (let k = 0; k < length; k++) {
    const centred = (series[k] as number) - mean;
    sum += centred * centred;
  }
  return sum / (length - 1);
}

/** Sample covariance (n − 1) of equally long series. */
export function computeSampleCovariance(series: number[][]): number[][] {
  const n = series.length;
  const length = series[0]?.length ?? 0;
  const centred = series.map((s) => {
    const mean = s.reduce((a, b) => a + b, 0) / length;
    return s.map((x) => x - mean);
  });
  const cov: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const a = centred[i] as number[];
    for (let j = i; j < n; j++) {
      const b = centred[j] as number[];
      let sum = 0;
      for (let k = 0; k < length; k++) sum += (a[k] as number) * (b[k] as number);
      const value = sum / (length - 1);
      (cov[i] as number[])[j] = value;
      (cov[j] as number[])[i] = value;
    }
  }
  return cov;
}

const MAX_SWEEPS = 20_000;
const SWEEP_TOLERANCE = 1e-7;
const WEIGHT_TOLERANCE = 1e-10;

/**
 * Equal-risk-contribution weights for covariance `cov` (positive diagonal): minimises
 * `½ yᵀΣy − (1/N) Σ ln y` by cyclical coordinate descent (Griveau-Billion, Richard & Roncalli
 * 2013), each coordinate step solved in closed form, then polishes with Newton steps; `w = y / Σy`.
 * Returns `null` when no ERC portfolio exists or the iteration does not reach 1e-10 on the
 * weights (e.g. a combination of assets with zero variance).
 */
export function solveRiskParity(cov: number[][]): number[] | null {
  const n = cov.length;
  if (n === 1) return [1];
  // Scaling Σ by its mean variance changes y, not w, and keeps the iteration well conditioned.
  const scale = cov.reduce((s, row, i) => s + (row[i] as number), 0) / n;
  const sigma = cov.map((row) => row.map((x) => x / scale));
  const budget = 1 / n;
  const y = sigma.map((row, i) => 1 / Math.sqrt(row[i] as number));
  let weights = normalise(y);
  let converged = false;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    for (let i = 0; i < n; i++) {
      const row = sigma[i] as number[];
      let cross = 0;
      for (let j = 0; j < n; j++) if (j !== i) cross += (row[j] as number) * (y[j] as number);
      const diag = row[i] as number;
      y[i] = (-cross + Math.sqrt(cross * cross + 4 * diag * budget)) / (2 * diag);
    }
    // With Σ scaled to unit mean variance the answer is O(1); runaway growth means no ERC exists.
    if (!y.every((v) => Number.isFinite(v) && v > 0 && v < 1e8)) return null;
    const next = normalise(y);
    const change = Math.max(...next.map((w, i) => Math.abs(w - (weights[i] as number))));
    weights = next;
    if (change < SWEEP_TOLERANCE) {
      converged = true;
      break;
    }
  }
  if (!converged) return null;
  const polished = polishWithNewton(sigma, y, budget);
  const result = normalise(polished);
  // Linear convergence can stall short of the answer: accept only a verified solution.
  return measureRiskParityError(cov, result) < WEIGHT_TOLERANCE ? result : null;
}

/** Largest `|RC_a − 1/N|` of weights `w`, RC_a = `w_a (Σw)_a / (wᵀΣw)`. */
export function measureRiskParityError(cov: number[][], weights: number[]): number {
  const contributions = computeRiskContributions(cov, weights);
  const target = 1 / weights.length;
  return Math.max(...contributions.map((c) => Math.abs(c - target)));
}

/** Risk contributions `w_a (Σw)_a / (wᵀΣw)` (sum to 1). */
export function computeRiskContributions(cov: number[][], weights: number[]): number[] {
  const sw = cov.map((row) => row.reduce((s, x, j) => s + x * (weights[j] as number), 0));
  const variance = sw.reduce((s, x, i) => s + x * (weights[i] as number), 0);
  return sw.map((x, i) => ((weights[i] as number) * x) / variance);
}

function normalise(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((v) => v / total);
}

/** Newton steps on `Σy − b/y = 0` (Jacobian `Σ + diag(b/y²)`, positive definite); kept only while they help. */
function polishWithNewton(sigma: number[][], start: number[], budget: number): number[] {
  let y = [...start];
  let residual = measureResidual(sigma, y, budget);
  for (let step = 0; step < 12 && residual.norm > 0; step++) {
    const jacobian = sigma.map((row, i) => row.map((x, j) => (i === j ? x + budget / ((y[i] as number) ** 2) : x)));
    const delta = solveLinearSystem(jacobian, residual.values);
    if (delta === null) break;
    const candidate = y.map((v, i) => v - (delta[i] as number));
    if (!candidate.every((v) => Number.isFinite(v) && v > 0)) break;
    const next = measureResidual(sigma, candidate, budget);
    if (!(next.norm < residual.norm)) break;
    // Far from quadratic progress means the residual is at rounding noise: one more step is waste.
    const stalled = next.norm > residual.norm / 4;
    y = candidate;
    residual = next;
    if (stalled) break;
  }
  return y;
}

function measureResidual(sigma: number[][], y: number[], budget: number): { values: number[]; norm: number } {
  const values = sigma.map((row, i) => row.reduce((s, x, j) => s + x * (y[j] as number), 0) - budget / (y[i] as number));
  return { values, norm: Math.max(...values.map(Math.abs)) };
}

/** Gaussian elimination with partial pivoting; `null` when singular. */
function solveLinearSystem(matrix: number[][], rhs: number[]): number[] | null {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = r;
    const pivotRow = a[pivot] as number[];
    if (Math.abs(pivotRow[col] as number) < 1e-300) return null;
    a[pivot] = a[col] as number[];
    a[col] = pivotRow;
    for (let r = col + 1; r < n; r++) {
      const row = a[r] as number[];
      const factor = (row[col] as number) / (pivotRow[col] as number);
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - factor * (pivotRow[c] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r] as number[];
    let sum = row[n] as number;
    for (let c = r + 1; c < n; c++) sum -= (row[c] as number) * (x[c] as number);
    x[r] = sum / (row[r] as number);
  }
  return x;
}
