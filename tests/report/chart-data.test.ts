import { describe, expect, it } from 'vitest';
import { chartData, chartDataFor, groupAllocation, histogramOf, thinChartData, type ChartData } from '../../src/report/chart-data';
import { CHART_COLORS } from '../../src/report/chart-style';
import { allocationChart, equityChart, rollingVolatilityChart } from '../../src/report/charts';
import type { Report } from '../../src/report/model.types';
import { makeAllocations, makeContext, makeDaily, makeRolling } from './chart-fixtures';

describe('chart data', () => {
  it('reads dates as days and missing cells as gaps; null when a column is missing', () => {
    const table = makeRolling(40);
    const spec = rollingVolatilityChart(table, makeContext());
    const data = chartData(spec, table);
    expect(data?.xKind).toBe('date');
    expect((data?.x[1] ?? 0) - (data?.x[0] ?? 0)).toBe(1);
    expect(data?.series[0]?.values[0]).toBeNull();
    expect(typeof data?.series[0]?.values[35]).toBe('number');
    expect(chartData({ ...spec, series: [{ column: 'nope', name: 'x' }] }, table)).toBeNull();
    expect(chartData({ ...spec, x: 'nope' }, table)).toBeNull();
  });

  it('finds the table of a spec in any section of a report', () => {
    const daily = makeDaily(10, 1.1);
    const spec = equityChart(daily, makeContext());
    const report = { meta: {}, sections: [{ id: 'a', title: 'A', tables: [], charts: [] }, { id: 'daily', title: 'Daily', tables: [daily], charts: [spec] }] } as unknown as Report;
    expect(chartDataFor(report, spec)?.x).toHaveLength(10);
    expect(chartDataFor(new Map(), spec)).toBeNull();
  });

  it('groups more than 12 assets into the 11 largest and "Other (n assets)", cash kept last', () => {
    const assets = Array.from({ length: 15 }, (_, i) => `A${i}`);
    const table = makeAllocations(assets, 4);
    const data = chartData(allocationChart(table, makeContext()), table);
    expect(data?.series.map((s) => s.name)).toEqual([...assets.slice(4), 'Other (4 assets)', 'Cash']);
    expect(data?.series.at(-2)?.color).toBe(CHART_COLORS.grouped);
    expect(data?.series.at(-1)?.color).toBe(CHART_COLORS.other);
    const sum = (data?.series ?? []).reduce((total, s) => total + (s.values[0] ?? 0), 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(groupAllocation(['A', 'B'], [[1], [2]])).toEqual([
      { name: 'A', values: [1] },
      { name: 'B', values: [2] },
    ]);
  });
});

describe('histogram', () => {
  it('bins every value and overlays the normal curve of the same mean and sample volatility', () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i * 12.9898) * 0.03);
    const h = histogramOf(values);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(h.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(h.edges).toHaveLength(h.counts.length + 1);
    expect(h.counts.length).toBeGreaterThanOrEqual(10);
    expect(h.counts.length).toBeLessThanOrEqual(60);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
    expect(h.mean).toBeCloseTo(mean, 14);
    expect(h.stdev).toBeCloseTo(sd, 14);
    // The curve is the density × bin width: its peak sits at the mean and it sums to ~1 per bin width.
    const width = (h.edges[1] ?? 0) - (h.edges[0] ?? 0);
    const peak = h.curveY.indexOf(Math.max(...h.curveY));
    expect(h.curveX[peak]).toBeCloseTo(mean, 2);
    expect(Math.max(...h.curveY)).toBeCloseTo(width / (sd * Math.sqrt(2 * Math.PI)), 3);
    const step = (h.curveX[1] ?? 0) - (h.curveX[0] ?? 0);
    expect(h.curveY.reduce((a, b) => a + b, 0) * (step / width)).toBeCloseTo(1, 2);
  });

  it('copes with one value and with identical values', () => {
    expect(histogramOf([0.01]).counts.reduce((a, b) => a + b, 0)).toBe(1);
    const same = histogramOf([0.02, 0.02, 0.02]);
    expect(same.counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(same.curveY).toEqual([]);
    expect(histogramOf([]).n).toBe(0);
  });
});

describe('thinning', () => {
  function series(n: number): ChartData {
    const values = Array.from({ length: n }, (_, i) => Math.sin(i / 50) + (i === 7_777 ? -5 : 0) + (i === 1_234 ? 4 : 0));
    return { xKind: 'date', x: values.map((_, i) => i), labels: values.map((_, i) => String(i)), series: [{ name: 's', role: 'strategy', color: '#000000', values }] };
  }

  it('keeps the budget, the first and last rows and every extreme', () => {
    const data = series(10_000);
    const thin = thinChartData(data, 600);
    expect(thin.x.length).toBeLessThanOrEqual(600 + 2);
    expect(thin.x[0]).toBe(0);
    expect(thin.x.at(-1)).toBe(9_999);
    const values = thin.series[0]?.values.filter((v): v is number => v !== null) ?? [];
    expect(Math.min(...values)).toBe(Math.min(...(data.series[0]?.values as number[])));
    expect(Math.max(...values)).toBe(Math.max(...(data.series[0]?.values as number[])));
    expect(thin.x).toEqual([...thin.x].sort((a, b) => a - b));
    expect(thin.labels).toHaveLength(thin.x.length);
  });

  it('keeps gaps, strides stacked data evenly and leaves short or category data alone', () => {
    const data = series(5_000);
    const values = data.series[0]?.values ?? [];
    for (let i = 2_000; i < 2_100; i++) values[i] = null;
    const thin = thinChartData(data, 500);
    expect(thin.series[0]?.values).toContain(null);
    const stride = thinChartData(series(5_000), 100, 'stride');
    expect(stride.x.length).toBe(100);
    const short = series(50);
    expect(thinChartData(short, 600)).toBe(short);
    const categories: ChartData = { ...series(5_000), xKind: 'category' };
    expect(thinChartData(categories, 100)).toBe(categories);
  });
});
