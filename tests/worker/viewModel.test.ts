import { describe, expect, it } from 'vitest';
import { toDec } from '../../src/engine/decimal';
import { buildReport } from '../../src/report/build';
import { CHART_COLORS } from '../../src/report/chart-style';
import { buildChartViews, buildResultView, formatMetric } from '../../src/worker/viewModel';
import { makeResult } from '../fixtures/backtestResult';

describe('view model helpers', () => {
  it('formats metrics by unit, empty when undefined', () => {
    expect(formatMetric(0.123456, 'percent', 'USD')).toBe('12.35%');
    expect(formatMetric(1.005, 'ratio', 'USD')).toBe('1.01');
    expect(formatMetric(toDec('12345.675'), 'currency', 'USD')).toBe('12,345.68');
    expect(formatMetric(480, 'integer', 'USD')).toBe('480');
    expect(formatMetric(null, 'ratio', 'USD')).toBe('');
    expect(formatMetric(undefined, 'ratio', 'USD')).toBe('');
  });
});

describe('chart views', () => {
  it('carries every chart spec of the report with its data, the same specs an export builds', () => {
    const result = makeResult({ days: 60 });
    const views = buildChartViews(result);
    const report = buildReport(result, { formats: ['pdf'], template: 'detailed', bom: true }, { generatedAt: '2025-01-01T00:00:00Z' });
    const exported = report.sections.flatMap((s) => s.charts);
    expect(views.map((v) => v.spec)).toEqual(exported);
    for (const view of views) expect(view.data.series.length, view.spec.id).toBeGreaterThan(0);
    const equity = views.find((v) => v.spec.id === 'equity');
    expect(equity?.data.series[0]?.color).toBe(CHART_COLORS.strategy);
    expect(equity?.data.labels).toHaveLength(60);
  });

  it('thins long series to the budget, keeping the first and last dates', () => {
    const result = makeResult({ days: 900 });
    const equity = buildChartViews(result, 100).find((v) => v.spec.id === 'equity');
    expect(equity?.data.labels.length).toBeLessThanOrEqual(102);
    expect(equity?.data.labels[0]).toBe(result.dates[0]);
    expect(equity?.data.labels.at(-1)).toBe(result.dates.at(-1));
  });

  it('is plain data: survives structured clone unchanged', () => {
    const view = buildResultView(makeResult({ days: 40 }));
    expect(structuredClone(view)).toEqual(view);
  });
});
