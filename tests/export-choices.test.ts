import { describe, expect, it } from 'vitest';
import { checkDateRange, checkSections, CLI_LABELS, DIALOG_LABELS } from '../src/export-choices';

const RUN = { first: '2020-01-01', last: '2024-12-31' };

describe('checkDateRange', () => {
  it('accepts an empty range, one bound, or a range inside the run', () => {
    expect(checkDateRange('', '', DIALOG_LABELS, RUN)).toEqual([]);
    expect(checkDateRange('2021-01-01', '', DIALOG_LABELS, RUN)).toEqual([]);
    expect(checkDateRange('2020-01-01', '2024-12-31', DIALOG_LABELS, RUN)).toEqual([]);
    expect(checkDateRange('2022-05-05', '2022-05-05', DIALOG_LABELS, RUN)).toEqual([]);
  });
  it('refuses a reversed range in plain words naming both dates', () => {
    expect(checkDateRange('2024-12-01', '2024-01-01', DIALOG_LABELS, RUN)).toEqual([
      { field: 'from', message: 'From (2024-12-01) is after To (2024-01-01): choose a From date on or before the To date.' },
    ]);
  });
  it('refuses what is not a calendar date, and dates outside the run', () => {
    expect(checkDateRange('2021-02-29', '', DIALOG_LABELS)[0]?.message).toBe('From (2021-02-29) is not a date: write it as YYYY-MM-DD, for example 2021-06-30.');
    expect(checkDateRange('', '12/31/2021', CLI_LABELS)[0]).toMatchObject({ field: 'to', message: expect.stringContaining('--to (12/31/2021) is not a date') });
    expect(checkDateRange('2019-06-01', '', DIALOG_LABELS, RUN)[0]?.message).toBe('From (2019-06-01) is before the run starts (2020-01-01): choose a date from 2020-01-01 to 2024-12-31.');
    expect(checkDateRange('', '2025-01-01', DIALOG_LABELS, RUN)[0]).toMatchObject({ field: 'to', message: expect.stringContaining('after the run ends (2024-12-31)') });
  });
});

describe('checkSections', () => {
  it('needs at least one known section', () => {
    expect(checkSections(['summary'], ['summary', 'daily'], 'Sections')).toEqual([]);
    expect(checkSections([], ['summary'], 'Sections')[0]?.message).toBe('Sections: choose at least one section.');
    expect(checkSections(['a', 'b'], ['summary', 'daily'], '--sections')[0]?.message).toBe('--sections: "a", "b" are not sections; choose from summary, daily (2 sections).');
  });
});
