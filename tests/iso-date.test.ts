import { describe, expect, it } from 'vitest';
import { daysInMonth, isCalendarDate, readCalendarDate } from '../src/iso-date';

describe('ISO calendar dates', () => {
  it('knows month lengths and leap years', () => {
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-02-30')).toBe(false);
    expect(isCalendarDate('2021-04-31')).toBe(false);
    expect(daysInMonth(2021, 12)).toBe(31);
  });

  it('accepts only the YYYY-MM-DD form', () => {
    for (const text of ['2021-00-10', '2021-13-01', '2021-1-10', '20210110', '2021-01-10T00:00:00Z', ' 2021-01-10', '']) {
      expect(isCalendarDate(text), text).toBe(false);
    }
    expect(readCalendarDate('2021-01-10')).toEqual({ year: 2021, month: 1, day: 10 });
  });
});

describe('years 0001–9999 only', () => {
  it('rejects year 0000 and accepts 0001-01-01 and 9999-12-31', () => {
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isCalendarDate('0000-02-29')).toBe(false);
    expect(isCalendarDate('0001-01-01')).toBe(true);
    expect(isCalendarDate('9999-12-31')).toBe(true);
    expect(isCalendarDate('0004-02-29')).toBe(true);
    expect(isCalendarDate('0100-02-29')).toBe(false);
  });
});
