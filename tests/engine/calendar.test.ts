import { describe, expect, it } from 'vitest';
import { countDaysBetween, getIsoWeek, getIsoWeekday, isNewPeriod, isWeekend, toEpochDay } from '../../src/engine/calendar';
import { civilFromDayNumber, dayNumberFromCivil, formatCivilDate } from '../../src/iso-date';

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

describe('proleptic Gregorian calendar, years 0001–9999 (backtest.md, Dates)', () => {
  // Known values (proleptic Gregorian, as Python's datetime and ISO 8601 count them).
  const known: [string, number, { year: number; week: number }, number][] = [
    ['0001-01-01', 1, { year: 1, week: 1 }, -719_162],
    ['0001-12-31', 1, { year: 2, week: 1 }, -718_798],
    ['0004-02-29', 7, { year: 4, week: 9 }, -718_008],
    ['0099-06-15', 1, { year: 99, week: 25 }, -683_203],
    ['0099-12-31', 4, { year: 99, week: 53 }, -683_004],
    ['0100-03-01', 1, { year: 100, week: 9 }, -682_944],
    ['1582-10-04', 1, { year: 1582, week: 40 }, -141_438],
    ['1582-10-15', 5, { year: 1582, week: 41 }, -141_427],
    ['1900-01-01', 1, { year: 1900, week: 1 }, -25_567],
    ['9999-12-31', 5, { year: 9999, week: 52 }, 2_932_896],
  ];

  for (const [date, weekday, week, epochDay] of known) {
    it(`${date}: weekday ${weekday}, ISO week ${week.year}-W${week.week}, day ${epochDay}`, () => {
      expect(getIsoWeekday(date)).toBe(weekday);
      expect(getIsoWeek(date)).toEqual(week);
      expect(toEpochDay(date)).toBe(epochDay);
    });
  }

  it('counts the days of the years 0001–0099 without jumping to 1900 (year 0004 is a leap year, 0100 is not)', () => {
    expect(countDaysBetween('0001-01-01', '0002-01-01')).toBe(365);
    expect(countDaysBetween('0004-01-01', '0005-01-01')).toBe(366);
    expect(countDaysBetween('0099-12-31', '0100-01-01')).toBe(1);
    expect(countDaysBetween('0100-02-28', '0100-03-01')).toBe(1);
    expect(countDaysBetween('0001-01-01', '9999-12-31')).toBe(3_652_058);
  });

  it('round-trips every 997th day number from 0001-01-01 to 9999-12-31', () => {
    for (let day = -719_162; day <= 2_932_896; day += 997) {
      const civil = civilFromDayNumber(day);
      expect(dayNumberFromCivil(civil.year, civil.month, civil.day)).toBe(day);
      expect(toEpochDay(formatCivilDate(civil))).toBe(day);
    }
  });

  it('weekly periods and weekends work in year 0099 (a Saturday and Sunday there are a weekend)', () => {
    expect(isWeekend('0099-06-13')).toBe(true); // Saturday
    expect(isWeekend('0099-06-14')).toBe(true); // Sunday
    expect(isWeekend('0099-06-15')).toBe(false); // Monday
    expect(isNewPeriod('weekly', '0099-06-14', '0099-06-15')).toBe(true);
    expect(isNewPeriod('weekly', '0099-06-15', '0099-06-18')).toBe(false);
  });
});
