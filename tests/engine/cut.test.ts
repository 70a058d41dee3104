import fc from 'fast-check';
import type Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { findAffordableQuantity, type CutProblem } from '../../src/engine/cut';
import { Dec, toDec } from '../../src/engine/decimal';
import { computeTradeCost, rebalanceHoldings } from '../../src/engine/ledger';
import { makeLedger } from './engine-helpers';

/** A cut problem whose cash test is the ledger's own (value + cent-rounded cost). */
function makeProblem(options: { released: string; quantity: string; price: string; decimals: number; fixed: string; percentage: string }): CutProblem {
  const settings = makeLedger({ decimals: options.decimals, fixed: options.fixed, percentage: options.percentage });
  const released = toDec(options.released);
  const price = toDec(options.price);
  return {
    released,
    quantity: toDec(options.quantity),
    price,
    quantityDecimals: options.decimals,
    fixedCost: settings.fixedCost,
    percentageCost: settings.percentageCost,
    cashAfterBuying: (q) => {
      const value = q.mul(price);
      return released.sub(value.add(computeTradeCost(value, settings)));
    },
  };
}

/** The definition, unit by unit: the largest quantity below the buy's whose cash stays ≥ 0. */
function scanLargest(problem: CutProblem): Decimal {
  const unit = new Dec(10).pow(-problem.quantityDecimals);
  for (let q = problem.quantity.sub(unit); q.gt(0); q = q.sub(unit)) {
    if (problem.cashAfterBuying(q).gte(0)) return q;
  }
  return new Dec(0);
}

describe('findAffordableQuantity (the cut loop of the ledger)', () => {
  it('equals the unit-by-unit definition on realistic prices and costs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('0', '0.5', '1', '2.37'),
        fc.constantFrom('0', '0.001', '0.0025', '0.01', '0.3'),
        fc.integer({ min: 0, max: 120 }),
        (units, priceCents, decimals, fixed, percentage, shortfall) => {
          const unit = new Dec(10).pow(-decimals);
          const quantity = unit.mul(units);
          const price = new Dec(priceCents).div(100);
          const settings = makeLedger({ decimals, fixed, percentage });
          const value = quantity.mul(price);
          // Released cash just short of the whole buy, so the buy must be cut.
          const released = value.add(computeTradeCost(value, settings)).sub(new Dec(shortfall + 1).div(100));
          if (released.lt(0)) return;
          const problem = makeProblem({ released: released.toFixed(), quantity: quantity.toFixed(), price: price.toFixed(), decimals, fixed, percentage });
          expect(findAffordableQuantity(problem).toFixed()).toBe(scanLargest(problem).toFixed());
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['1e-70', 6],
    ['1.234567e-70', 8],
    ['1e-300', 18],
    ['3.3333333333333333333333333333333333333333333333333333333333333333e-150', 18],
  ])('finishes on a price of %s with %i decimals (10^80 units and more) and leaves cash ≥ 0', (price, decimals) => {
    const fixed = '1';
    const percentage = '0.003';
    const settings = makeLedger({ decimals, fixed, percentage });
    const quantity = toDec(10_000).div(toDec(price)).toDecimalPlaces(decimals, Dec.ROUND_DOWN);
    const value = quantity.mul(toDec(price));
    const released = value.add(computeTradeCost(value, settings)).sub('12.34');
    const problem = makeProblem({ released: released.toFixed(), quantity: quantity.toFixed(), price, decimals, fixed, percentage });
    const affordable = findAffordableQuantity(problem);
    expect(affordable.gt(0)).toBe(true);
    expect(affordable.lt(quantity)).toBe(true);
    expect(problem.cashAfterBuying(affordable).gte(0)).toBe(true);
    // On the quantity grid.
    expect(affordable.toDecimalPlaces(decimals).eq(affordable)).toBe(true);
  });

  it('a rebalance at a price of 1e-70 with costs ends with cash ≥ 0 and value − costs exactly', () => {
    const settings = makeLedger({ decimals: 8, fixed: '1', percentage: '0.003' });
    const prices = [toDec('1.234567e-70'), toDec('57')];
    const outcome = rebalanceHoldings({ cash: toDec(10_000), quantities: [toDec(0), toDec(0)] }, prices, [0.6, 0.4], settings);
    expect(outcome.cash.gte(0)).toBe(true);
    const after = outcome.cash.add(outcome.quantities[0]?.mul(prices[0] as Decimal) ?? 0).add(outcome.quantities[1]?.mul(prices[1] as Decimal) ?? 0);
    expect(after.add(outcome.totalCost).toFixed()).toBe('10000');
  });
});
