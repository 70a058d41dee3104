/**
 * Timeline, day 0, carry-forward and FX (../shared/spec/backtest.md, Timeline / Inputs).
 */
import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import { buildMarket, inferPeriodsPerYear } from '../../src/engine/timeline';
import { asText, fixedWeights, makeConfig, makeFx, makePrices } from './engine-helpers';

const twoAssets = makeConfig({ start_date: '2021-01-04', end_date: '2021-01-08', strategy: fixedWeights({ A: 0.5, B: 0.5 }) });

function catchError(run: () => unknown): BackfolioError {
  try {
    run();
  } catch (error) {
    if (error instanceof BackfolioError) return error;
    throw error;
  }
  throw new Error('expected a BackfolioError');
}

describe('buildMarket: timeline and day 0', () => {
  it('uses every date on which a used asset has a price, carrying gaps forward', () => {
    const prices = makePrices([
      { date: '2021-01-04', A: '10', B: '20' },
      { date: '2021-01-05', A: '11' },
      { date: '2021-01-06', B: '22' },
      { date: '2021-01-07', A: '12', B: '21' },
    ]);
    const market = buildMarket(twoAssets, prices, undefined);
    expect(market.dates).toEqual(['2021-01-04', '2021-01-05', '2021-01-06', '2021-01-07']);
    expect(asText(market.assets[0]?.basePrices ?? [])).toEqual(['10', '11', '11', '12']);
    expect(asText(market.assets[1]?.basePrices ?? [])).toEqual(['20', '20', '22', '21']);
    // A gap day in a base-currency asset has a zero return.
    expect(market.assets[1]?.logReturns[1]).toBe(0);
    expect(market.assets[0]?.logReturns[2]).toBe(0);
    expect(market.warnings).toEqual([]);
  });

  it('carries a price forward from before start_date', () => {
    const prices = makePrices([
      { date: '2020-12-30', A: '9' },
      { date: '2021-01-04', B: '20' },
      { date: '2021-01-05', A: '10', B: '21' },
    ]);
    const market = buildMarket(twoAssets, prices, undefined);
    expect(market.dates).toEqual(['2021-01-04', '2021-01-05']);
    expect(asText(market.assets[0]?.localPrices ?? [])).toEqual(['9', '10']);
  });

  it('starts at the first date every asset has a price, dropping earlier dates and warning', () => {
    const prices = makePrices([
      { date: '2021-01-04', A: '10' },
      { date: '2021-01-05', A: '11' },
      { date: '2021-01-06', A: '12', B: '5' },
      { date: '2021-01-07', A: '13' },
    ]);
    const market = buildMarket(twoAssets, prices, undefined);
    expect(market.dates).toEqual(['2021-01-06', '2021-01-07']);
    expect(market.firstTimelineDate).toBe('2021-01-04');
    expect(asText(market.assets[0]?.basePrices ?? [])).toEqual(['12', '13']);
    // Returns start at day 0: no return from the dropped dates leaks in.
    expect(market.assets[0]?.logReturns[1]).toBeCloseTo(Math.log(13 / 12), 15);
    expect(market.warnings.map((w) => w.code)).toEqual(['LATE_DAY0']);
    expect(market.warnings[0]?.message).toContain('2021-01-06');
  });

  it('fails naming the asset and its first available date when it has no price in the range', () => {
    const prices = makePrices([
      { date: '2021-01-04', A: '10' },
      { date: '2021-02-01', B: '5' },
    ]);
    const error = catchError(() => buildMarket(twoAssets, prices, undefined));
    expect(error.code).toBe('ASSET_NO_DATA');
    expect(error.message).toContain('"B"');
    expect(error.message).toContain('first available date is 2021-02-01');
  });

  it('fails when an asset of the configuration is not in the price file, listing the symbols available', () => {
    const prices = makePrices([{ date: '2021-01-04', A: '10', C: '3', D: '4' }]);
    const error = catchError(() => buildMarket(twoAssets, prices, undefined));
    expect(error.code).toBe('INPUT_MISMATCH');
    expect(error.message).toContain('"B"');
    expect(error.message).toContain('the file has 3 symbols (A, C, D)');
  });

  it('includes benchmark-only assets in the timeline and day 0', () => {
    const config = makeConfig({
      start_date: '2021-01-04',
      end_date: '2021-01-08',
      strategy: fixedWeights({ A: 1 }),
      benchmarks: [{ name: 'b', type: 'buy_and_hold', strategy: fixedWeights({ B: 1 }), rebalancing_frequency: 'never', rebalance_threshold: null }],
    });
    const prices = makePrices([
      { date: '2021-01-04', A: '10' },
      { date: '2021-01-05', A: '11', B: '1' },
      { date: '2021-01-08', B: '2' },
    ]);
    const market = buildMarket(config, prices, undefined);
    expect(market.dates).toEqual(['2021-01-05', '2021-01-08']);
    expect(market.assets.map((a) => a.symbol)).toEqual(['A', 'B']);
  });
});

describe('buildMarket: currencies', () => {
  const config = makeConfig({ start_date: '2021-01-04', end_date: '2021-01-10', strategy: fixedWeights({ US: 0.5, EU: 0.5 }) });

  it('refuses both directions of a pair on one date when they disagree, naming the pair and the first such date', () => {
    const prices = makePrices([{ date: '2021-01-04', US: '50', EU: '100' }, { date: '2021-01-05', US: '51', EU: '101' }], { EU: 'EUR' });
    const fx = makeFx([
      ['2021-01-04', 'EUR', 'USD', '1.1'],
      ['2021-01-05', 'EUR', 'USD', '1.1'],
      ['2021-01-05', 'USD', 'EUR', '0.5'],
      ['2021-01-04', 'USD', 'EUR', '0.5'],
    ]);
    expect(() => buildMarket(config, prices, fx)).toThrowError(
      expect.objectContaining({ code: 'FX_INVALID', message: expect.stringMatching(/EUR→USD and USD→EUR on 2021-01-04 \(the first of 2 such dates\).*1\.1 × 0\.5 = 0\.55/) }),
    );
  });

  it('converts with direct rows, inverse rows (1/rate), prefers direct on a date with both, and moves a closed market with FX', () => {
    const prices = makePrices(
      [
        { date: '2021-01-04', US: '50', EU: '100' },
        { date: '2021-01-05', US: '51', EU: '100' },
        { date: '2021-01-06', US: '52' },
        { date: '2021-01-07', US: '53' },
      ],
      { EU: 'EUR' },
    );
    const fx = makeFx([
      ['2021-01-04', 'EUR', 'USD', '1.2'],
      ['2021-01-05', 'USD', 'EUR', '0.8'],
      // Both directions, agreeing within 1e-6 (0.9090909 × 1.1 = 0.99999999): the direct quote is used.
      ['2021-01-06', 'USD', 'EUR', '0.9090909'],
      ['2021-01-06', 'EUR', 'USD', '1.1'],
    ]);
    const market = buildMarket(config, prices, fx);
    const eu = market.assets[1];
    // 100 × 1.2 = 120; 100 × 1/0.8 = 125; closed on the 6th: 100 (carried) × 1.1 (direct wins) = 110;
    // the 7th carries both: 110.
    expect(asText(eu?.basePrices ?? [])).toEqual(['120', '125', '110', '110']);
    expect(asText(eu?.localPrices ?? [])).toEqual(['100', '100', '100', '100']);
    expect(eu?.currency).toBe('EUR');
    expect(market.assets[0]?.currency).toBe('USD');
    // The closed market still has a return: ln(110/125).
    expect(eu?.logReturns[2]).toBeCloseTo(Math.log(110 / 125), 15);
  });

  it('needs an FX rate for day 0 too', () => {
    const prices = makePrices(
      [
        { date: '2021-01-04', US: '50', EU: '100' },
        { date: '2021-01-05', US: '51', EU: '101' },
      ],
      { EU: 'EUR' },
    );
    const market = buildMarket(config, prices, makeFx([['2021-01-05', 'USD', 'EUR', '0.8']]));
    expect(market.dates).toEqual(['2021-01-05']);
    expect(asText(market.assets[1]?.basePrices ?? [])).toEqual(['126.25']);
    expect(market.warnings.map((w) => w.code)).toEqual(['LATE_DAY0']);
  });

  it('fails naming the missing pair', () => {
    const prices = makePrices([{ date: '2021-01-04', US: '50', EU: '100' }], { EU: 'JPY' });
    const error = catchError(() => buildMarket(config, prices, makeFx([['2021-01-04', 'EUR', 'USD', '1.2']])));
    expect(error.code).toBe('FX_MISSING_PAIR');
    expect(error.message).toContain('JPY→USD');
    expect(catchError(() => buildMarket(config, prices, undefined)).code).toBe('FX_MISSING_PAIR');
  });

  it('fails naming the pair when its first rate comes after end_date', () => {
    const prices = makePrices([{ date: '2021-01-04', US: '50', EU: '100' }], { EU: 'EUR' });
    const error = catchError(() => buildMarket(config, prices, makeFx([['2021-03-01', 'EUR', 'USD', '1.2']])));
    expect(error.code).toBe('FX_MISSING_PAIR');
    expect(error.message).toContain('EUR→USD');
    expect(error.message).toContain('2021-03-01');
  });
});

describe('inferPeriodsPerYear', () => {
  it('maps the median gap: ≥ 28 days → 12, ≥ 7 → 52', () => {
    expect(inferPeriodsPerYear(['2021-01-31', '2021-02-28', '2021-03-31', '2021-04-30']).value).toBe(12);
    expect(inferPeriodsPerYear(['2021-01-04', '2021-01-11', '2021-01-18']).value).toBe(52);
  });

  it('daily dates: 365 when a date falls on a weekend, else 252', () => {
    expect(inferPeriodsPerYear(['2021-01-01', '2021-01-02', '2021-01-03']).value).toBe(365);
    expect(inferPeriodsPerYear(['2021-01-04', '2021-01-05', '2021-01-08']).value).toBe(252);
  });

  it('takes the mean of the two middle gaps for an even count', () => {
    // Gaps 1, 1, 13, 13 → median (1 + 13)/2 = 7 → 52 (the lower middle alone would say daily).
    const result = inferPeriodsPerYear(['2021-01-04', '2021-01-05', '2021-01-06', '2021-01-19', '2021-02-01']);
    expect(result).toEqual({ value: 52, medianGap: 7 });
    // Gaps 7, 7, 50, 50 → 28.5 → 12.
    expect(inferPeriodsPerYear(['2021-01-04', '2021-01-11', '2021-01-18', '2021-03-09', '2021-04-28']).value).toBe(12);
  });
});
