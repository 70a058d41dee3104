/**
 * The floor for the engine benchmark: the same walk as the engine (mark to market every date,
 * calendar + 5/25 rebalancing to targets, percentage costs), in plain float64 with no rounding,
 * no trade records and no analytics. What the exact Decimal ledger costs is the ratio to this.
 */
import type { PriceData } from '../src/engine/types';

export interface FloatWalkInput {
  /** prices[asset][date], aligned on one timeline. */
  prices: number[][];
  dates: string[];
  capital: number;
  costRate: number;
  /** Volatility lookback; 0 = equal weight. */
  lookback: number;
}

/** Aligns `PriceData` whose assets share the same dates (as the synthetic generator produces). */
export function toFloatMatrix(data: PriceData): { prices: number[][]; dates: string[] } {
  const dates = data.assets[0]?.points.map((p) => p.date) ?? [];
  return { dates, prices: data.assets.map((a) => a.points.map((p) => p.price.toNumber())) };
}

/** Runs the walk; returns the final value (so the work cannot be optimised away). */
export function walkInFloat64(input: FloatWalkInput): number {
  const { prices, dates, capital, costRate, lookback } = input;
  const n = prices.length;
  const quantities = new Float64Array(n);
  const targets = new Float64Array(n).fill(1 / n);
  let cash = capital;
  const rebalance = (t: number): void => {
    if (lookback > 0 && t >= lookback) computeInverseVolTargets(prices, t, lookback, targets);
    let value = cash;
    for (let a = 0; a < n; a++) value += quantities[a]! * prices[a]![t]!;
    for (let a = 0; a < n; a++) {
      const price = prices[a]![t]!;
      const delta = (targets[a]! * value) / price - quantities[a]!;
      cash -= delta * price + Math.abs(delta * price) * costRate;
      quantities[a] = quantities[a]! + delta;
    }
  };
  rebalance(0);
  for (let t = 1; t < dates.length; t++) {
    let value = cash;
    for (let a = 0; a < n; a++) value += quantities[a]! * prices[a]![t]!;
    let outOfBand = false;
    for (let a = 0; a < n && !outOfBand; a++) {
      const weight = (quantities[a]! * prices[a]![t]!) / value;
      const target = targets[a]!;
      outOfBand = Math.abs(weight - target) > Math.min(0.05, 0.25 * target);
    }
    const newMonth = (dates[t] ?? '').slice(0, 7) !== (dates[t - 1] ?? '').slice(0, 7);
    if (newMonth || outOfBand) rebalance(t);
  }
  let final = cash;
  for (let a = 0; a < n; a++) final += quantities[a]! * prices[a]![dates.length - 1]!;
  return final;
}

/** w ∝ 1/σ of the last `lookback` log returns ending at t. */
function computeInverseVolTargets(prices: number[][], t: number, lookback: number, targets: Float64Array): void {
  let sum = 0;
  for (let a = 0; a < prices.length; a++) {
    const series = prices[a]!;
    let mean = 0;
    for (let k = t - lookback + 1; k <= t; k++) mean += Math.log(series[k]! / series[k - 1]!);
    mean /= lookback;
    let squares = 0;
    for (let k = t - lookback + 1; k <= t; k++) squares += (Math.log(series[k]! / series[k - 1]!) - mean) ** 2;
    const inverse = 1 / Math.sqrt(squares / (lookback - 1));
    targets[a] = inverse;
    sum += inverse;
  }
  for (let a = 0; a < prices.length; a++) targets[a] = targets[a]! / sum;
}
