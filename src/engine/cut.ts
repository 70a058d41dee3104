/**
 * The search behind the ledger's cut loop (backtest.md, Trades and costs, step 3): the largest
 * quantity of one buy, in whole quantity units, that the cash released for it still pays for
 * with its cent-rounded cost. Its work is bounded by the size of the problem, not by the size of
 * the numbers.
 *
 * A bisection over all units, as before, ran forever on prices of 1e-70 and below: the buy held
 * 10^80 and more units, beyond the 64 digits decimal.js computes with, so the midpoint stopped
 * moving. Here units are exact integers (BigInt), the answer is computed directly in exact
 * rational arithmetic, and the engine's own cash test (its 64-digit Decimal arithmetic) only
 * confirms it: where that arithmetic resolves one unit, as for every realistic price, the
 * estimate is the answer and two evaluations settle it (an exponential search from the estimate
 * covers the last-digit roundings); where a unit is below its resolution (10^80 units and more),
 * the search moves in steps that it resolves, so it stays a few dozen evaluations.
 */
import type Decimal from 'decimal.js';
import { Dec } from './decimal';

/** Money and rates of one cut, all in the base currency. */
export interface CutProblem {
  /** Cash left when this buy is removed entirely (≥ 0). */
  released: Decimal;
  /** The buy's quantity, on the quantity grid (a multiple of 10^−decimals). */
  quantity: Decimal;
  price: Decimal;
  quantityDecimals: number;
  fixedCost: Decimal;
  percentageCost: Decimal;
  /** Cash after buying `quantity` (> 0) instead: released − value − cent-rounded cost. */
  cashAfterBuying: (quantity: Decimal) => Decimal;
}

/**
 * The largest quantity ≤ the buy's, one unit short of it at most (the caller has cash < 0 with
 * the whole buy), whose cash stays ≥ 0; zero when no unit is affordable. Cash is non-increasing
 * in the quantity (the cost is monotone in the value), so "largest quantity" is "fewest units cut".
 *
 * @example
 * // 100 cash released, price 10, no costs, 6 decimals: 10 units of the asset are affordable.
 * findAffordableQuantity({ released: toDec(100), quantity: toDec(12), price: toDec(10), quantityDecimals: 6, ... }) // 10
 */
export function findAffordableQuantity(problem: CutProblem): Decimal {
  const decimals = problem.quantityDecimals;
  const units = toUnits(problem.quantity, decimals);
  const max = units - 1n;
  if (max <= 0n) return new Dec(0);
  const affordable = (n: bigint): boolean => n === 0n || problem.cashAfterBuying(fromUnits(n, decimals)).gte(0);
  const estimate = clamp(estimateAffordableUnits(problem), 0n, max);
  // Below the arithmetic's resolution, units are searched in steps of `step` (see `findSearchStep`).
  const step = findSearchStep(problem);
  if (step === 1n) return fromUnits(searchLargest(estimate, max, affordable), decimals);
  const steps = searchLargest(estimate / step, max / step, (m) => affordable(m * step));
  return fromUnits(steps * step, decimals);
}

/**
 * 1 where decimal.js resolves a single unit (every realistic price: the unit is worth more than
 * 10^−60 of the cash involved), else the power of ten of units that is: with 10^300 units of a
 * 1e-300 price, one unit changes the 64-digit cash by nothing, so its cash test is flat over
 * ~10^240 units and a unit-exact search would take ~1,600 evaluations for a difference below
 * the 60th significant digit of the trade's value. The cut may then exceed the fewest units by
 * less than one step, worth less than that digit.
 */
function findSearchStep(problem: CutProblem): bigint {
  const unitValue = problem.price.mul(new Dec(10).pow(-problem.quantityDecimals));
  const unitsInCash = problem.released.add(problem.quantity.mul(problem.price)).div(unitValue);
  const excessDigits = unitsInCash.isZero() ? 0 : unitsInCash.e - 60;
  return excessDigits > 0 ? 10n ** BigInt(excessDigits) : 1n;
}

/** Largest n in [0, max] with `test(n)` (true at 0, monotone), by exponential search from `start`. */
function searchLargest(start: bigint, max: bigint, test: (n: bigint) => boolean): bigint {
  let low: bigint; // passes
  let high: bigint; // fails, or max + 1
  if (test(start)) {
    low = start;
    let step = 1n;
    high = low + step;
    while (high <= max && test(high)) {
      low = high;
      step *= 2n;
      high = low + step;
    }
    if (high > max + 1n) high = max + 1n;
  } else {
    high = start;
    let step = 1n;
    low = high - step;
    while (low > 0n && !test(low)) {
      high = low;
      step *= 2n;
      low = high - step;
    }
    if (low < 0n) low = 0n;
  }
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (test(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * The answer in exact arithmetic: the rounded cost of the largest affordable buy is one of the
 * three cent values around the cost at the unrounded solution `v = (released − f) / (1 + p)`; for
 * each candidate cost `C` the largest `n` has `n·u·price ≤ released − C` and
 * `f + p·n·u·price < C + 0.005` (half-up rounding keeps the cost at `C` or below).
 */
function estimateAffordableUnits(problem: CutProblem): bigint {
  const { released, fixedCost, percentageCost } = problem;
  const unitValue = scaled(problem.price).times(new Exact(1n, -problem.quantityDecimals));
  const continuous = released.sub(fixedCost).div(percentageCost.add(1));
  const middle = fixedCost.add(percentageCost.mul(Dec.max(continuous, 0))).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  let best = 0n;
  for (const offset of [-1, 0, 1]) {
    const cost = middle.add(new Dec(offset).div(100));
    if (cost.lt(0)) continue;
    const byCash = scaled(released.sub(cost)).floorDiv(unitValue);
    let units = byCash;
    if (percentageCost.gt(0)) {
      // n < (C + 0.005 − f) / (p · unit value): the largest integer strictly below.
      const room = scaled(cost.add('0.005').sub(fixedCost));
      units = room.ceilDiv(scaled(percentageCost).times(unitValue)) - 1n;
      if (byCash < units) units = byCash;
    } else if (fixedCost.toDecimalPlaces(2, Dec.ROUND_HALF_UP).gt(cost)) continue;
    if (units > best) best = units;
  }
  return best;
}

/** An exact decimal `digits × 10^exponent` (BigInt digits), for the estimate only. */
class Exact {
  constructor(
    readonly digits: bigint,
    readonly exponent: number,
  ) {}

  times(other: Exact): Exact {
    return new Exact(this.digits * other.digits, this.exponent + other.exponent);
  }

  /** ⌊this / divisor⌋ for divisor > 0; negative results round towards −∞. */
  floorDiv(divisor: Exact): bigint {
    const [numerator, denominator] = this.align(divisor);
    const quotient = numerator / denominator;
    return numerator < 0n && quotient * denominator !== numerator ? quotient - 1n : quotient;
  }

  /** ⌈this / divisor⌉ for divisor > 0. */
  ceilDiv(divisor: Exact): bigint {
    const [numerator, denominator] = this.align(divisor);
    const quotient = numerator / denominator;
    return numerator > 0n && quotient * denominator !== numerator ? quotient + 1n : quotient;
  }

  private align(divisor: Exact): [bigint, bigint] {
    const shift = this.exponent - divisor.exponent;
    return shift >= 0 ? [this.digits * 10n ** BigInt(shift), divisor.digits] : [this.digits, divisor.digits * 10n ** BigInt(-shift)];
  }
}

/** A Decimal as an exact `digits × 10^exponent` (from its exponential text: no rounding). */
function scaled(value: Decimal): Exact {
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = BigInt(`${whole}${fraction}`);
  return new Exact(negative ? -digits : digits, Number(exponentText) - fraction.length);
}

/** The quantity in units of 10^−decimals, exactly. */
function toUnits(quantity: Decimal, decimals: number): bigint {
  return BigInt(quantity.toFixed(decimals).replace('.', ''));
}

/** `n` units of 10^−decimals as a Decimal, exactly (the constructor never rounds). */
function fromUnits(units: bigint, decimals: number): Decimal {
  return new Dec(`${units}e-${decimals}`);
}

function clamp(value: bigint, low: bigint, high: bigint): bigint {
  return value < low ? low : value > high ? high : value;
}
