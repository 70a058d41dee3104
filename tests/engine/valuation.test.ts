import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDec } from '../../src/engine/decimal';
import { computeValue } from '../../src/engine/ledger';
import { buildMarket } from '../../src/engine/timeline';
import { HoldingsValuer } from '../../src/engine/valuation';
import { fixedWeights, makeConfig, makeFx, makePrices } from './engine-helpers';

const config = makeConfig({ start_date: '2021-01-04', end_date: '2021-01-08', strategy: fixedWeights({ A: 0.5, B: 0.5 }) });

describe('HoldingsValuer', () => {
  it('gives exactly the Decimal value in integers for file prices', () => {
    const market = buildMarket(config, makePrices([{ date: '2021-01-04', A: '12.3456', B: '0.5' }, { date: '2021-01-05', A: '13', B: '0.25' }]), undefined);
    expect(market.priceScale).toBe(4);
    const valuer = new HoldingsValuer(market.assets, market.priceScale, 6);
    const holdings = { cash: toDec('0.123456789'), quantities: [toDec('3.000001'), toDec('1000')] };
    valuer.setHoldings(holdings);
    // Day 0: 0.123456789 + 3.000001 × 12.3456 + 1000 × 0.5 = 0.123456789 + 37.0368123456 + 500
    expect(valuer.valueAt(0, holdings, market.assets.map((a) => a.basePrices[0]!)).toFixed()).toBe('537.1602691346');
    // cash has 9 decimals ≤ scale 10: still exact. Day 1: 0.123456789 + 39.000013 + 250
    expect(valuer.valueAt(1, holdings, market.assets.map((a) => a.basePrices[1]!)).toFixed()).toBe('289.123469789');
  });

  it('falls back to Decimal for prices converted with an inverse FX rate', () => {
    const market = buildMarket(
      config,
      makePrices([{ date: '2021-01-04', A: '10', B: '7' }], { B: 'EUR' }),
      makeFx([['2021-01-04', 'USD', 'EUR', '0.9']]),
    );
    expect(market.priceScale).toBeNull();
    const valuer = new HoldingsValuer(market.assets, market.priceScale, 6);
    const holdings = { cash: toDec('1'), quantities: [toDec('2'), toDec('3')] };
    valuer.setHoldings(holdings);
    const prices = market.assets.map((a) => a.basePrices[0]!);
    expect(valuer.valueAt(0, holdings, prices).eq(computeValue(holdings, prices))).toBe(true);
  });

  it('agrees with computeValue on random holdings, also off the quantity grid and beyond 64 digits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 6 })), { minLength: 2, maxLength: 2 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 40n }), { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 10 }),
        fc.bigInt({ min: 0n, max: 10n ** 70n }),
        (priceParts, quantityUnits, decimals, extraDecimals, cashUnits) => {
          const prices = priceParts.map(([units, scale]) => toDec(units).div(10 ** scale).toFixed());
          const market = buildMarket(config, makePrices([{ date: '2021-01-04', A: prices[0]!, B: prices[1]! }]), undefined);
          const valuer = new HoldingsValuer(market.assets, market.priceScale, decimals);
          const quantityScale = decimals + (extraDecimals % 2 === 0 ? 0 : 1);
          const holdings = {
            cash: toDec(cashUnits.toString()).div(toDec(10).pow(extraDecimals + 2)),
            quantities: quantityUnits.map((q) => toDec(q.toString()).div(toDec(10).pow(quantityScale))),
          };
          valuer.setHoldings(holdings);
          const base = market.assets.map((a) => a.basePrices[0]!);
          expect(valuer.valueAt(0, holdings, base).eq(computeValue(holdings, base))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
