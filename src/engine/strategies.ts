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
      // Inverse volatility needs only the diagonal; risk parity the whole matrix (same numbers on the diagonal).
      const window = centreWindow(logReturns, t, strategy.lookback);
      const cov = strategy.type === 'risk_parity' ? covarianceOfCentred(window, n, strategy.lookback) : null;
      const variances: number[] = new Array<number>(n);
      for (let i = 0; i < n; i++) variances[i] = cov === null ? varianceOfCentred(window, i, strategy.lookback) : (cov[i * n + i] as number);
      // A flat asset has no risk to balance (1/σ is infinite): the whole decision falls back to equal weights.
      if (variances.some((v) => !(v > 0) || !Number.isFinite(v))) return { weights: computeEqualWeights(n), note: 'zero_volatility' };
      const inverseVol = computeInverseVolatilityWeights(variances);
      if (cov === null) return { weights: inverseVol, note: null };
      const solved = solveRiskParityFlat(cov, n);
      return solved === null ? { weights: inverseVol, note: 'risk_parity_fallback' } : { weights: solved, note: null };
    }
  }
}

// Scratch arrays reused across decisions (each fully overwritten before it is read; nothing
// here keeps one across calls): a 40-asset risk-parity run would otherwise allocate megabytes.
const SCRATCH_WINDOW = 0;
const SCRATCH_COVARIANCE = 1;
const SCRATCH_SIGMA = 2;
const SCRATCH_JACOBIAN = 3;
const SCRATCH_ELIMINATION = 4;
const scratchArrays: Float64Array[] = [];

/** The scratch array of `slot`, at least `size` long (contents undefined). */
function scratch(slot: number, size: number): Float64Array {
  let array = scratchArrays[slot];
  if (array === undefined || array.length < size) {
    array = new Float64Array(size);
    scratchArrays[slot] = array;
  }
  return array;
}

/**
 * The trailing window of each asset, centred on its mean, as one flat array (asset-major:
 * `[i · lookback + k]`); the arithmetic of `computeSampleVariance` / `computeSampleCovariance`
 * (mean summed left to right from 0, then x − mean) on typed arrays.
 */
function centreWindow(logReturns: ArrayLike<number>[], t: number, lookback: number): Float64Array {
  const n = logReturns.length;
  const out = scratch(SCRATCH_WINDOW, n * lookback);
  const first = t - lookback + 1;
  for (let i = 0; i < n; i++) {
    const series = logReturns[i] as ArrayLike<number>;
    let total = 0;
    for (let k = 0; k < lookback; k++) total += series[first + k] as number;
    const mean = total / lookback;
    const base = i * lookback;
    for (let k = 0; k < lookback; k++) out[base + k] = (series[first + k] as number) - mean;
  }
  return out;
}

/** `computeSampleVariance` of asset i from its centred window. */
function varianceOfCentred(centred: Float64Array, i: number, lookback: number): number {
  let sum = 0;
  const base = i * lookback;
  for (let k = 0; k < lookback; k++) {
    const c = centred[base + k] as number;
    sum += c * c;
  }
  return sum / (lookback - 1);
}

/** `computeSampleCovariance` of centred windows, as a flat symmetric n × n array (row-major). */
function covarianceOfCentred(centred: Float64Array, n: number, lookback: number): Float64Array {
  const cov = scratch(SCRATCH_COVARIANCE, n * n);
  const divisor = lookback - 1;
  for (let i = 0; i < n; i++) {
    const a = i * lookback;
    let j = i;
    // Four sums at a time, each in its own order (the same numbers): independent chains.
    for (; j + 3 < n; j += 4) {
      const b0 = j * lookback;
      const b1 = b0 + lookback;
      const b2 = b1 + lookback;
      const b3 = b2 + lookback;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < lookback; k++) {
        const x = centred[a + k] as number;
        s0 += x * (centred[b0 + k] as number);
        s1 += x * (centred[b1 + k] as number);
        s2 += x * (centred[b2 + k] as number);
        s3 += x * (centred[b3 + k] as number);
      }
      cov[i * n + j] = cov[j * n + i] = s0 / divisor;
      cov[i * n + j + 1] = cov[(j + 1) * n + i] = s1 / divisor;
      cov[i * n + j + 2] = cov[(j + 2) * n + i] = s2 / divisor;
      cov[i * n + j + 3] = cov[(j + 3) * n + i] = s3 / divisor;
    }
    for (; j < n; j++) {
      const b = j * lookback;
      let sum = 0;
      for (let k = 0; k < lookback; k++) sum += (centred[a + k] as number) * (centred[b + k] as number);
      const value = sum / divisor;
      cov[i * n + j] = value;
      cov[j * n + i] = value;
    }
  }
  return cov;
}

/** `1/N` each. */
export function computeEqualWeights(n: number): number[] {
  const weights = new Array<number>(n);
  for (let i = 0; i < n; i++) weights[i] = 1 / n;
  return weights;
}

/** `w ∝ 1/σ` from variances (all > 0). */
export function computeInverseVolatilityWeights(variances: number[]): number[] {
  const inverse = variances.map((v) => 1 / Math.sqrt(v));
  const total = inverse.reduce((a, b) => a + b, 0);
  return inverse.map((x) => x / total);
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
  const flat = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) flat[i * n + j] = (cov[i] as number[])[j] as number;
  return solveRiskParityFlat(flat, n);
}

/** `solveRiskParity` on a flat row-major covariance: the same iteration, the same numbers. */
function solveRiskParityFlat(cov: Float64Array, n: number): number[] | null {
  if (n === 1) return [1];
  // Scaling Σ by its mean variance changes y, not w, and keeps the iteration well conditioned.
  let trace = 0;
  for (let i = 0; i < n; i++) trace += cov[i * n + i] as number;
  const scale = trace / n;
  const sigma = scratch(SCRATCH_SIGMA, n * n);
  for (let k = 0; k < n * n; k++) sigma[k] = (cov[k] as number) / scale;
  const budget = 1 / n;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = 1 / Math.sqrt(sigma[i * n + i] as number);
  let weights = normaliseFlat(y);
  let converged = false;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let cross = 0;
      // j < i, then j > i: the same left-to-right order as skipping j = i.
      for (let j = 0; j < i; j++) cross += (sigma[row + j] as number) * (y[j] as number);
      for (let j = i + 1; j < n; j++) cross += (sigma[row + j] as number) * (y[j] as number);
      const diag = sigma[row + i] as number;
      y[i] = (-cross + Math.sqrt(cross * cross + 4 * diag * budget)) / (2 * diag);
    }
    // With Σ scaled to unit mean variance the answer is O(1); runaway growth means no ERC exists.
    for (let i = 0; i < n; i++) {
      const v = y[i] as number;
      if (!(Number.isFinite(v) && v > 0 && v < 1e8)) return null;
    }
    const next = normaliseFlat(y);
    let change = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.abs((next[i] as number) - (weights[i] as number));
      if (d > change) change = d;
    }
    weights = next;
    if (change < SWEEP_TOLERANCE) {
      converged = true;
      break;
    }
  }
  if (!converged) return null;
  const polished = polishWithNewton(sigma, n, y, budget);
  const result = Array.from(normaliseFlat(polished));
  // Linear convergence can stall short of the answer: accept only a verified solution.
  return measureRiskParityErrorFlat(cov, n, result) < WEIGHT_TOLERANCE ? result : null;
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

/** `measureRiskParityError` on a flat covariance (same sums, same order). */
function measureRiskParityErrorFlat(cov: Float64Array, n: number, weights: number[]): number {
  const sw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (cov[i * n + j] as number) * (weights[j] as number);
    sw[i] = s;
  }
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (sw[i] as number) * (weights[i] as number);
  const target = 1 / n;
  let error = -Infinity;
  for (let i = 0; i < n; i++) {
    const e = Math.abs(((weights[i] as number) * (sw[i] as number)) / variance - target);
    // Math.max semantics: NaN wins.
    if (e > error || Number.isNaN(e)) error = e;
    if (Number.isNaN(error)) return error;
  }
  return error;
}

function normaliseFlat(values: Float64Array): Float64Array {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] as number) / total;
  return out;
}

/** Newton steps on `Σy − b/y = 0` (Jacobian `Σ + diag(b/y²)`, positive definite); kept only while they help. */
function polishWithNewton(sigma: Float64Array, n: number, start: Float64Array, budget: number): Float64Array {
  let y = start.slice();
  let residual = measureResidual(sigma, n, y, budget);
  const jacobian = scratch(SCRATCH_JACOBIAN, n * n);
  for (let step = 0; step < 12 && residual.norm > 0; step++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = sigma[i * n + j] as number;
        jacobian[i * n + j] = i === j ? x + budget / (y[i] as number) ** 2 : x;
      }
    }
    const delta = solveLinearSystem(jacobian, n, residual.values);
    if (delta === null) break;
    const candidate = new Float64Array(n);
    let valid = true;
    for (let i = 0; i < n; i++) {
      const v = (y[i] as number) - (delta[i] as number);
      candidate[i] = v;
      if (!(Number.isFinite(v) && v > 0)) valid = false;
    }
    if (!valid) break;
    const next = measureResidual(sigma, n, candidate, budget);
    if (!(next.norm < residual.norm)) break;
    // Far from quadratic progress means the residual is at rounding noise: one more step is waste.
    const stalled = next.norm > residual.norm / 4;
    y = candidate;
    residual = next;
    if (stalled) break;
  }
  return y;
}

function measureResidual(sigma: Float64Array, n: number, y: Float64Array, budget: number): { values: Float64Array; norm: number } {
  const values = new Float64Array(n);
  let norm = -Infinity;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (sigma[i * n + j] as number) * (y[j] as number);
    const v = s - budget / (y[i] as number);
    values[i] = v;
    const a = Math.abs(v);
    // Math.max semantics: NaN wins.
    if (a > norm || Number.isNaN(a)) norm = a;
    if (Number.isNaN(norm)) break;
  }
  if (Number.isNaN(norm)) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (sigma[i * n + j] as number) * (y[j] as number);
      values[i] = s - budget / (y[i] as number);
    }
  }
  return { values, norm };
}

/** Gaussian elimination with partial pivoting on a flat matrix (rows swapped by index); `null` when singular. */
function solveLinearSystem(matrix: Float64Array, n: number, rhs: Float64Array): Float64Array | null {
  const width = n + 1;
  const a = scratch(SCRATCH_ELIMINATION, n * width);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * width + j] = matrix[i * n + j] as number;
    a[i * width + n] = rhs[i] as number;
  }
  // rows[r]: which stored row is at position r.
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[(rows[r] as number) * width + col] as number) > Math.abs(a[(rows[pivot] as number) * width + col] as number)) pivot = r;
    }
    const pivotRow = rows[pivot] as number;
    const p = pivotRow * width;
    if (Math.abs(a[p + col] as number) < 1e-300) return null;
    rows[pivot] = rows[col] as number;
    rows[col] = pivotRow;
    const pivotValue = a[p + col] as number;
    let r = col + 1;
    // Two rows at a time (each element computed exactly as one row at a time).
    for (; r + 1 < n; r += 2) {
      const row0 = (rows[r] as number) * width;
      const row1 = (rows[r + 1] as number) * width;
      const factor0 = (a[row0 + col] as number) / pivotValue;
      const factor1 = (a[row1 + col] as number) / pivotValue;
      for (let c = col; c <= n; c++) {
        const pc = a[p + c] as number;
        a[row0 + c] = (a[row0 + c] as number) - factor0 * pc;
        a[row1 + c] = (a[row1 + c] as number) - factor1 * pc;
      }
    }
    for (; r < n; r++) {
      const row = (rows[r] as number) * width;
      const factor = (a[row + col] as number) / pivotValue;
      for (let c = col; c <= n; c++) a[row + c] = (a[row + c] as number) - factor * (a[p + c] as number);
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    const row = (rows[r] as number) * width;
    let sum = a[row + n] as number;
    for (let c = r + 1; c < n; c++) sum -= (a[row + c] as number) * (x[c] as number);
    x[r] = sum / (a[row + r] as number);
  }
  return x;
}
