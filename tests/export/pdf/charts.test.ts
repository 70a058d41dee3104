import { describe, expect, it } from 'vitest';
import { writePdf } from '../../../src/export/pdf/index';
import { downsampleMinMax, strideIndices, type Point } from '../../../src/export/pdf/charts/downsample';
import { MIN_DPI, planImagePlacement } from '../../../src/export/pdf/charts/place';
import { dateTicks, formatTick, niceTicks, parseIsoDay } from '../../../src/export/pdf/charts/scale';
import { extractChartData } from '../../../src/export/pdf/charts/data';
import type { PreparedChart } from '../../../src/export/writer.types';
import { makeFixtureReport } from './fixture-report';
import { makePng, readPdf } from './read-pdf';

describe('downsampling', () => {
  it('keeps at most the limit and every extreme of each bucket', () => {
    const points: Point[] = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: Math.sin(i / 50) + (i === 7_777 ? -5 : 0) + (i === 1_234 ? 4 : 0) }));
    const thin = downsampleMinMax(points, 1500);
    expect(thin.length).toBeLessThanOrEqual(1500);
    expect(thin[0]).toEqual(points[0]);
    expect(thin[thin.length - 1]).toEqual(points[points.length - 1]);
    expect(Math.min(...thin.map((p) => p.y))).toBe(Math.min(...points.map((p) => p.y)));
    expect(Math.max(...thin.map((p) => p.y))).toBe(Math.max(...points.map((p) => p.y)));
    expect(thin.map((p) => p.x)).toEqual([...thin.map((p) => p.x)].sort((a, b) => a - b));
  });

  it('leaves short series alone and strides shared x evenly', () => {
    const short = [{ x: 0, y: 1 }, { x: 1, y: 2 }];
    expect(downsampleMinMax(short)).toBe(short);
    const idx = strideIndices(5000, 1500);
    expect(idx.length).toBe(1500);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(4999);
    expect(strideIndices(10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('axis scales', () => {
  it('covers the range with nice steps', () => {
    expect(niceTicks(0.013, 0.087, 5)).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1]);
    const ticks = niceTicks(9_500, 18_200, 5);
    expect(ticks[0]).toBeLessThanOrEqual(9_500);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(18_200);
    expect(niceTicks(3, 3).length).toBeGreaterThan(1);
  });

  it('formats ticks per y format', () => {
    expect(formatTick(-0.05, 'percent', 0.05)).toBe('-5%');
    expect(formatTick(0.125, 'percent', 0.005)).toBe('12.5%');
    expect(formatTick(12_000, 'currency', 2_000)).toBe('12,000');
    expect(formatTick(0.5, 'number', 0.25)).toBe('0.50');
  });

  it('puts date ticks on month or year starts within the range', () => {
    const first = parseIsoDay('2020-01-15') ?? 0;
    const last = parseIsoDay('2024-12-31') ?? 0;
    const ticks = dateTicks(first, last, 7);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.length).toBeLessThanOrEqual(7);
    for (const t of ticks) {
      expect(t.day).toBeGreaterThanOrEqual(first);
      expect(t.day).toBeLessThanOrEqual(last);
    }
    expect(ticks.map((t) => t.label)).toContain('2022');
  });
});

describe('chart data', () => {
  it('reads dates as days and missing cells as gaps', () => {
    const report = makeFixtureReport({ days: 40, trades: 5 });
    const spec = report.sections.flatMap((s) => s.charts).find((c) => c.id === 'rolling_volatility');
    const table = report.sections.flatMap((s) => s.tables).find((t) => t.id === 'rolling_metrics');
    if (!spec || !table) throw new Error('fixture lacks the rolling chart');
    const data = extractChartData(spec, table);
    expect(data?.xKind).toBe('date');
    expect((data?.x[1] ?? 0) - (data?.x[0] ?? 0)).toBe(1);
    expect(data?.series[0]?.values[0]).toBeNull();
    expect(typeof data?.series[0]?.values[35]).toBe('number');
    expect(extractChartData({ ...spec, series: [{ column: 'nope', name: 'x' }] }, table)).toBeNull();
  });
});

describe('raster charts', () => {
  it('plans PNG placement at ≥ 300 dpi, shrinking or refusing small images', () => {
    const full = planImagePlacement(3000, 1500, 515, 400);
    expect(full?.width).toBeCloseTo(515);
    expect(full?.shrunk).toBe(false);
    expect(full?.dpi).toBeGreaterThanOrEqual(MIN_DPI);
    const shrunk = planImagePlacement(1200, 600, 515, 400);
    expect(shrunk?.width).toBeCloseTo(288);
    expect(shrunk?.dpi).toBeCloseTo(300);
    expect(shrunk?.shrunk).toBe(true);
    expect(planImagePlacement(400, 200, 515, 400)).toBeNull();
  });

  it('draws every chart with a spec as vectors, so the PDF of the page and of the command line are the same', async () => {
    const charts: PreparedChart[] = [
      { chartId: 'equity', kind: 'png', bytes: await makePng(3000, 1500), widthPx: 3000, heightPx: 1500, cssWidth: 960, cssHeight: 480 },
      { chartId: 'drawdown', kind: 'svg', svg: '<svg xmlns="http://www.w3.org/2000/svg"><text>SVG-ONLY-LABEL</text></svg>', cssWidth: 960, cssHeight: 480 },
    ];
    const report = makeFixtureReport({ template: 'detailed', days: 120, trades: 20 });
    const pdf = await readPdf((await writePdf(report, { charts })).bytes);
    const performance = pdf.pages.find((p) => p.lines[1] === 'Performance');
    expect(performance?.images).toEqual([]);
    expect(performance?.text).toContain('Equity curve');
    expect(pdf.pages.map((p) => p.text).join(' ')).not.toContain('SVG-ONLY-LABEL');
    expect(pdf.outline.map((o) => o.title)).not.toContain('Charts from the page');
  });

  it('places a host element captured without a spec at ≥ 300 dpi in its own chapter', async () => {
    const charts: PreparedChart[] = [{ chartId: 'sales_map', kind: 'png', bytes: await makePng(3000, 1500), widthPx: 3000, heightPx: 1500, cssWidth: 960, cssHeight: 480 }];
    const pdf = await readPdf((await writePdf(makeFixtureReport({ template: 'detailed', days: 60, trades: 5 }), { charts })).bytes);
    const entry = pdf.outline.find((o) => o.title === 'Charts from the page');
    const page = pdf.pages[(entry?.page ?? 0) - 1];
    expect(page?.images.length).toBe(1);
    const image = page?.images[0];
    expect(3000 / ((image?.width ?? 1) / 72)).toBeGreaterThanOrEqual(MIN_DPI - 0.01);
    expect(page?.text).toContain('Sales map');
  });
});
