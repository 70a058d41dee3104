import { describe, expect, it } from 'vitest';
import { countDaysBetween, getIsoWeek, getIsoWeekday, isNewPeriod, isWeekend } from '../../src/engine/calendar';

describe('ISO weeks', () => {
  it('puts 2020-12-31 (Thu) and 2021-01-01..03 in 2020-W53 and 2021-01-04 (Mon) in 2021-W1', () => {
    expect(getIsoWeek('2020-12-31')).toEqual({ year: 2020, week: 53 });
    expect(getIsoWeek('2021-01-01')).toEqual({ year: 2020, week: 53 });
    expect(getIsoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(getIsoWeek('2021-01-04')).toEqual({ year: 2021, week: 1 });
  });

  it('puts 2019-12-30 (Mon) in 2020-W1, the week holding the first Thursday', () => {
    expect(getIsoWeek('2019-12-30')).toEqual({ year: 2020, week: 1 });
    expect(getIsoWeek('2019-12-29')).toEqual({ year: 2019, week: 52 });
  });

  it('numbers weekdays Monday = 1 … Sunday = 7 and knows weekends', () => {
    expect(getIsoWeekday('2021-01-04')).toBe(1);
    expect(getIsoWeekday('2021-01-03')).toBe(7);
    expect(isWeekend('2021-01-02')).toBe(true);
    expect(isWeekend('2021-01-01')).toBe(false);
  });

  it('counts days across a leap day', () => {
    expect(countDaysBetween('2020-02-28', '2020-03-01')).toBe(2);
  });
});

describe('calendar periods', () => {
  it('weekly: no change from Thu 2020-12-31 to Sun 2021-01-03 (both W53), a change on Mon 2021-01-04', () => {
    expect(isNewPeriod('weekly', '2020-12-31', '2021-01-01')).toBe(false);
    expect(isNewPeriod('weekly', '2020-12-31', '2021-01-03')).toBe(false);
    expect(isNewPeriod('weekly', '2021-01-03', '2021-01-04')).toBe(true);
    expect(isNewPeriod('weekly', '2020-12-31', '2021-01-04')).toBe(true);
  });

  it('weekly: the same week number of different years is a change', () => {
    // 2020-01-06 is 2020-W2, 2021-01-11 is 2021-W2.
    expect(isNewPeriod('weekly', '2020-01-06', '2021-01-11')).toBe(true);
  });

  it('monthly, quarterly, annually change on the calendar boundary only', () => {
    expect(isNewPeriod('monthly', '2021-01-29', '2021-02-01')).toBe(true);
    expect(isNewPeriod('monthly', '2021-02-01', '2021-02-26')).toBe(false);
    expect(isNewPeriod('quarterly', '2021-02-26', '2021-03-31')).toBe(false);
    expect(isNewPeriod('quarterly', '2021-03-31', '2021-04-01')).toBe(true);
    expect(isNewPeriod('quarterly', '2021-06-30', '2021-07-01')).toBe(true);
    expect(isNewPeriod('annually', '2021-06-30', '2021-12-31')).toBe(false);
    expect(isNewPeriod('annually', '2020-12-31', '2021-01-04')).toBe(true);
  });

  it('daily always, never never', () => {
    expect(isNewPeriod('daily', '2021-01-04', '2021-01-05')).toBe(true);
    expect(isNewPeriod('never', '2020-12-31', '2021-01-04')).toBe(false);
  });
});
