/**
 * Yearly and trailing returns (backtest.md, Risk analytics) on hand-computed series: calendar
 * boundaries, the clamp of the day to the month end, a run shorter than 3 years (3y/5y/10y
 * empty) and a run starting mid-month (mtd/ytd over C).
 */
import { describe, expect, it } from 'vitest';
import { computeTrailingReturns, computeYearlyReturns, subtractMonths, TRAILING_PERIODS } from '../../src/engine/analytics';

describe('subtractMonths', () => {
  it('clamps the day to the end of the target month and crosses years', () => {
    expect(subtractMonths('2024-05-31', 3)).toBe('2024-02-29');
    expect(subtractMonths('2023-05-31', 3)).toBe('2023-02-28');
    expect(subtractMonths('2024-02-29', 12)).toBe('2023-02-28');
    expect(subtractMonths('2024-01-15', 1)).toBe('2023-12-15');
    expect(subtractMonths('2025-03-31', 120)).toBe('2015-03-31');
    expect(subtractMonths('0010-01-31', 6)).toBe('0009-07-31');
  });
});

describe('computeYearlyReturns', () => {
  it('each year end over the previous year end, the first year over C; a gap year is null', () => {
    const dates = ['2020-06-30', '2020-12-31', '2021-03-01', '2023-01-02', '2023-12-29'];
    const values = [99, 110, 121, 100, 120];
    expect(computeYearlyReturns(dates, values, 100)).toEqual([
      { year: 2020, return: expect.closeTo(0.1, 15) },
      { year: 2021, return: expect.closeTo(0.1, 15) },
      { year: 2022, return: null },
      { year: 2023, return: expect.closeTo(120 / 121 - 1, 15) },
    ]);
    expect(computeYearlyReturns([], [], 100)).toEqual([]);
  });
});

describe('computeTrailingReturns', () => {
  // Month ends from 2019-12-31 to 2024-06-30: value 100 × 1.01^k at the k-th month end.
  const dates: string[] = [];
  const values: number[] = [];
  for (let k = 0; k <= 54; k += 1) {
    const year = 2019 + Math.floor((11 + k) / 12);
    const month = ((11 + k) % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    dates.push(`${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`);
    values.push(100 * 1.01 ** k);
  }

  it('lists the nine periods in display order', () => {
    expect(TRAILING_PERIODS.map((p) => p.period)).toEqual(['mtd', '3m', '6m', 'ytd', '1y', '3y', '5y', '10y', 'inception']);
  });

  it('k-month periods over the value k months back; 3y annualized over exactly 3 years; 5y and 10y empty', () => {
    // Up to 2024-05-31 (k = 53): every look-back lands on a month end of the series.
    const t = computeTrailingReturns(dates.slice(0, 54), values.slice(0, 54), 100, 12);
    expect(t.mtd).toBeCloseTo(0.01, 14);
    expect(t['3m']).toBeCloseTo(1.01 ** 3 - 1, 14);
    expect(t['6m']).toBeCloseTo(1.01 ** 6 - 1, 14);
    expect(t.ytd).toBeCloseTo(1.01 ** 5 - 1, 14);
    expect(t['1y']).toBeCloseTo(1.01 ** 12 - 1, 14);
    // 2024-05-31 − 36 months = 2021-05-31.
    expect(t['3y']).toBeCloseTo((1.01 ** 36) ** (1 / 3) - 1, 14);
    // 2019-05-31 is before day 0 (2019-12-31): empty.
    expect(t['5y']).toBeNull();
    expect(t['10y']).toBeNull();
    // inception = annualized_return: (V_N / C)^(P / n) − 1 with n = 53 periods.
    expect(t.inception).toBeCloseTo((1.01 ** 53) ** (12 / 53) - 1, 14);
  });

  it('the day is kept, only clamped: 2024-06-30 − 3 months is 2024-03-30, so month-end data looks back to 2024-02-29', () => {
    const t = computeTrailingReturns(dates, values, 100, 12);
    expect(t['3m']).toBeCloseTo(1.01 ** 4 - 1, 14);
    // 2023-12-30 → 2023-11-30; but ytd is over the 2023-12-31 value.
    expect(t['6m']).toBeCloseTo(1.01 ** 7 - 1, 14);
    expect(t.ytd).toBeCloseTo(1.01 ** 6 - 1, 14);
  });

  it('a run shorter than 3 years: 3y, 5y, 10y empty; 1y present once a date is a year back', () => {
    const short = computeTrailingReturns(dates.slice(0, 20), values.slice(0, 20), 100, 12);
    expect(short['3y']).toBeNull();
    expect(short['5y']).toBeNull();
    expect(short['10y']).toBeNull();
    expect(short['1y']).toBeCloseTo(1.01 ** 12 - 1, 14);
  });

  it('the look-back takes the last date on or before the target, day clamped to the month end', () => {
    // Last date 2024-05-31; 3 months back is 2024-02-29 (clamped); the last date on or before it is 2024-02-28.
    const d = ['2023-12-29', '2024-02-28', '2024-03-01', '2024-05-31'];
    const v = [100, 105, 106, 110];
    const t = computeTrailingReturns(d, v, 100, 252);
    expect(t['3m']).toBeCloseTo(110 / 105 - 1, 15);
    expect(t.mtd).toBeCloseTo(110 / 106 - 1, 15);
    expect(t.ytd).toBeCloseTo(110 / 100 - 1, 15);
    // 6 months back, 2023-11-30, is before day 0: empty.
    expect(t['6m']).toBeNull();
  });

  it('a run starting mid-month: mtd and ytd over C', () => {
    const d = ['2024-03-15', '2024-03-18', '2024-03-29'];
    const v = [99.9, 101, 103];
    const t = computeTrailingReturns(d, v, 100, 252);
    expect(t.mtd).toBeCloseTo(0.03, 15);
    expect(t.ytd).toBeCloseTo(0.03, 15);
    expect(t['3m']).toBeNull();
    expect(t['1y']).toBeNull();
    expect(t.inception).toBeCloseTo(1.03 ** (252 / 2) - 1, 12);
  });

  it('empty series: every period empty', () => {
    expect(Object.values(computeTrailingReturns([], [], 100, 252)).every((v) => v === null)).toBe(true);
  });
});
