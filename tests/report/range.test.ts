import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricsInput } from '../../src/engine/metrics';
import { buildReport } from '../../src/report/build';
import type { ExportOptions, ReportTable } from '../../src/report/model.types';
import { resolveDayRange } from '../../src/report/range';
import { makeResult } from '../fixtures/backtestResult';

const calls: MetricsInput[] = [];
vi.mock('../../src/engine/metrics', () => ({
  computeMetrics: (input: MetricsInput) => {
    calls.push(input);
    return { total_return: input.values[input.values.length - 1]!.div(input.initialCapital).minus(1).toNumber() };
  },
}));

const OPTIONS: ExportOptions = { formats: ['csv'], template: 'detailed', bom: true };
const DATES = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];

function summary(tables: ReportTable[]): ReportTable {
  return tables.find((t) => t.id === 'performance_summary')!;
}

describe('resolveDayRange', () => {
  it('maps inclusive bounds to indexes, snapping to timeline dates', () => {
    expect(resolveDayRange(DATES, undefined)).toEqual({ start: 0, end: 4, whole: true });
    expect(resolveDayRange(DATES, { from: '2023-01-01', to: '2030-01-01' })).toEqual({ start: 0, end: 4, whole: true });
    expect(resolveDayRange(DATES, { from: '2024-01-02' })).toEqual({ start: 1, end: 4, whole: false });
    expect(resolveDayRange(DATES, { to: '2024-01-03' })).toEqual({ start: 0, end: 2, whole: false });
    expect(resolveDayRange(['2024-01-01', '2024-01-08'], { from: '2024-01-02', to: '2024-01-09' })).toEqual({ start: 1, end: 1, whole: false });
    expect(() => resolveDayRange(['2024-01-01', '2024-01-08'], { from: '2024-01-02', to: '2024-01-07' })).toThrow(/2024-01-02 to 2024-01-07/);
  });
});

describe('summary over a date range', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('uses the run metrics for the whole run', () => {
    const report = buildReport(makeResult(), OPTIONS);
    expect(calls).toHaveLength(0);
    expect(report.meta.run?.summaryScope).toBe('run');
    expect(summary(report.sections[0]!.tables).note).toBeUndefined();
  });

  it('recomputes from the close before the range, re-indexing trades onto the range', () => {
    const result = makeResult();
    const report = buildReport(result, { ...OPTIONS, dateRange: { from: '2024-01-03', to: '2024-01-04' } });
    expect(calls).toHaveLength(2);
    const strategy = calls[0]!;
    expect(strategy.dates).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    expect(strategy.values).toEqual(result.strategy.values.slice(1, 4));
    expect(strategy.initialCapital).toEqual(result.strategy.values[1]);
    expect(strategy.trades.map((t) => t.day)).toEqual(result.strategy.trades.filter((t) => t.day === 3).map(() => 2));
    expect(strategy.benchmarkReturns).toEqual(result.benchmarks[0]!.returns.slice(1, 3));
    expect(calls[1]!.values).toEqual(result.benchmarks[0]!.values.slice(1, 4));
    expect(report.meta.run?.summaryScope).toBe('exported_range');
    const table = summary(report.sections[0]!.tables);
    expect(table.note).toContain('close of 2024-01-02');
    expect(table.rows[0]![1]).toBeCloseTo(result.strategy.values[3]!.div(result.strategy.values[1]!).minus(1).toNumber(), 12);
    expect(report.meta.keyFigures.find((k) => k.key === 'final_value')!.values[0]).toEqual(result.strategy.values[3]);
    const daily = report.sections.find((s) => s.id === 'daily')!.tables[0]!;
    expect(daily.rows.map((r) => r[0])).toEqual(['2024-01-03', '2024-01-04']);
    expect(daily.note).toContain('left out');
    expect(report.sections.find((s) => s.id === 'risk')!.tables[0]!.note).toContain('Recomputed over 2024-01-03 to 2024-01-04');
  });

  it('starts from the initial capital when the range starts at day 0', () => {
    const result = makeResult();
    buildReport(result, { ...OPTIONS, dateRange: { to: '2024-01-02' } });
    expect(calls[0]!.dates).toEqual(['2024-01-01', '2024-01-02']);
    expect(calls[0]!.initialCapital.toString()).toBe('10000');
    expect(calls[0]!.trades.every((t) => t.day === 0)).toBe(true);
  });
});
