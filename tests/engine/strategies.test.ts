import { describe, expect, it } from 'vitest';
import {
  computeRiskContributions,
  computeTargetWeights,
  solveRiskParity,
} from '../../src/engine/strategies';

const series = (...values: number[]): Float64Array => Float64Array.from([0, ...values]);

describe('computeTargetWeights', () => {
  it('keeps fixed weights as given (not renormalised)', () => {
    const spec = { type: 'fixed' as const, weights: [{ symbol: 'A', weight: 0.60005 }, { symbol: 'B', weight: 0.4 }] };
    expect(computeTargetWeights(spec, [], 5).weights).toEqual([0.60005, 0.4]);
  });

  it('gives 1/N for equal weight', () => {
    expect(computeTargetWeights({ type: 'equal_weight', assets: ['A', 'B', 'C', 'D'] }, [], 0).weights).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('inverse volatility: w ∝ 1/σ of the trailing lookback log returns, the return into day t included', () => {
    // lookback 2 at t = 2 reads returns into days 1 and 2.
    // A: [0.01, 0.03], mean 0.02, sample var = (0.0001 + 0.0001)/1 = 0.0002, σ = 0.0141421…
    // B: [0.02, 0.06], mean 0.04, sample var = (0.0004 + 0.0004)/1 = 0.0008, σ = 0.0282842…
    // 1/σ_A : 1/σ_B = 2 : 1 → [2/3, 1/3]
    const spec = { type: 'inverse_volatility' as const, assets: ['A', 'B'], lookback: 2 };
    const returns = [series(0.01, 0.03, 0.5), series(0.02, 0.06, -0.5)];
    const decision = computeTargetWeights(spec, returns, 2);
    expect(decision.weights[0]).toBeCloseTo(2 / 3, 14);
    expect(decision.weights[1]).toBeCloseTo(1 / 3, 14);
    expect(decision.note).toBeNull();
  });

  it('uses equal weights while fewer than lookback returns exist (day t has t returns)', () => {
    const spec = { type: 'risk_parity' as const, assets: ['A', 'B'], lookback: 2 };
    const returns = [series(0.01, 0.03), series(0.02, 0.06)];
    expect(computeTargetWeights(spec, returns, 0)).toEqual({ weights: [0.5, 0.5], note: 'warming_up' });
    expect(computeTargetWeights(spec, returns, 1)).toEqual({ weights: [0.5, 0.5], note: 'warming_up' });
    expect(computeTargetWeights(spec, returns, 2).note).toBeNull();
  });

  it('falls back to equal weights for the whole decision when an asset is flat over the window', () => {
    const spec = { type: 'inverse_volatility' as const, assets: ['A', 'B', 'C'], lookback: 3 };
    const returns = [series(0.01, -0.02, 0.03), series(0, 0, 0), series(0.02, 0.01, -0.01)];
    expect(computeTargetWeights(spec, returns, 3)).toEqual({ weights: [1 / 3, 1 / 3, 1 / 3], note: 'zero_volatility' });
  });

  it('risk parity falls back to inverse volatility when no ERC portfolio exists (perfect hedge)', () => {
    // B = −A: Σ = σ²[[1, −1], [−1, 1]], the 50/50 portfolio has zero variance, so risk
    // contributions are undefined; inverse vol of equal σ gives [0.5, 0.5].
    const spec = { type: 'risk_parity' as const, assets: ['A', 'B'], lookback: 3 };
    const returns = [series(0.01, -0.02, 0.03), series(-0.01, 0.02, -0.03)];
    expect(computeTargetWeights(spec, returns, 3)).toEqual({ weights: [0.5, 0.5], note: 'risk_parity_fallback' });
  });
});

describe('solveRiskParity', () => {
  it('equalises risk contributions of a correlated 3-asset covariance to 1e-8', () => {
    const cov = [
      [0.04, 0.006, 0.01],
      [0.006, 0.09, 0.02],
      [0.01, 0.02, 0.16],
    ];
    const weights = solveRiskParity(cov);
    expect(weights).not.toBeNull();
    const w = weights as number[];
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    for (const rc of computeRiskContributions(cov, w)) expect(Math.abs(rc - 1 / 3)).toBeLessThan(1e-8);
    // The least volatile asset gets the most weight.
    expect(w[0]).toBeGreaterThan(w[1] as number);
    expect(w[1]).toBeGreaterThan(w[2] as number);
  });

  it('equals inverse volatility for uncorrelated assets: σ = 0.2, 0.3, 0.4 → 6/13, 4/13, 3/13', () => {
    // 1/σ = 5, 10/3, 2.5; total 65/6 → 30/65, 20/65, 15/65.
    const w = solveRiskParity([
      [0.04, 0, 0],
      [0, 0.09, 0],
      [0, 0, 0.16],
    ]) as number[];
    expect(w[0]).toBeCloseTo(6 / 13, 12);
    expect(w[1]).toBeCloseTo(4 / 13, 12);
    expect(w[2]).toBeCloseTo(3 / 13, 12);
  });

  it('converges on a singular covariance of perfectly correlated assets (ERC = inverse vol)', () => {
    // σ = 0.1 and 0.3, ρ = 1: RC equal when w₁σ₁ = w₂σ₂ → w = [0.75, 0.25].
    const w = solveRiskParity([
      [0.01, 0.03],
      [0.03, 0.09],
    ]) as number[];
    expect(w[0]).toBeCloseTo(0.75, 10);
    expect(w[1]).toBeCloseTo(0.25, 10);
  });

  it('handles a 40-asset, highly correlated covariance', () => {
    const n = 40;
    const vols = Array.from({ length: n }, (_, i) => 0.01 + 0.001 * i);
    const cov = vols.map((a, i) => vols.map((b, j) => (i === j ? a * a : 0.95 * a * b)));
    const w = solveRiskParity(cov) as number[];
    expect(w).not.toBeNull();
    for (const rc of computeRiskContributions(cov, w)) expect(Math.abs(rc - 1 / n)).toBeLessThan(1e-10);
  });
});
