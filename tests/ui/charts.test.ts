/** The Plotly figures built from chart specs (pure: no browser needed); tests/e2e/charts.test.ts draws them in Chromium. */
import { describe, expect, it } from 'vitest';
import { chartData, type ChartData } from '../../src/report/chart-data';
import { BENCHMARK_HALO, CHART_COLORS, DIVERGING_SCALE, LINE_WIDTH, valueAxis } from '../../src/report/chart-style';
import { correlationChart, equityChart, returnDistributionChart, riskContributionsChart, underwaterChart, yearlyReturnsChart } from '../../src/report/charts';
import type { ChartSpec, ReportTable } from '../../src/report/model.types';
import { HALO, plotlyFigure } from '../../src/ui/charts';
import { dayAfter, makeContext, makeCorrelation, makeDaily, makeDecomposition, makeDrawdownPeriods, makeYearly, withDatesFrom } from '../report/chart-fixtures';

const context = makeContext({}, [
  { key: 'bitcoin', name: 'Bitcoin <b>buy</b> & hold' },
  { key: 'equal_weight', name: 'Equal weight' },
]);

function dataOf(spec: ChartSpec, table: ReportTable): ChartData {
  const data = chartData(spec, table);
  if (!data) throw new Error(`no data for ${spec.id}`);
  return data;
}

type Trace = Record<string, unknown> & { line?: { color?: string; width?: number }; marker?: { color?: string } };
type Axis = { type: string; tickvals: number[]; ticktext: string[]; range: number[]; title: { text: string } };

describe('Plotly figures from chart specs', () => {
  it('orders traces for drawing (strategy last) and the legend by spec (strategy first), names escaped', () => {
    const daily = makeDaily(500, 5, ['bitcoin', 'equal_weight']);
    const spec = equityChart(daily, context);
    const figure = plotlyFigure(spec, dataOf(spec, daily));
    const traces = (figure.data as Trace[]).filter((t) => t.meta !== HALO);
    expect(traces.map((t) => t.name)).toEqual(['Bitcoin &lt;b&gt;buy&lt;/b&gt; &amp; hold', 'Equal weight', 'Risk parity crypto (synthetic)']);
    expect(traces.map((t) => t.legendrank)).toEqual([2, 3, 1]);
    expect(traces.at(-1)?.line?.color).toBe(CHART_COLORS.strategy);
    expect(traces.at(-1)?.line?.width).toBeGreaterThan(traces[0]?.line?.width ?? Infinity);
  });

  it('gives the y axis the shared plan: log type, range in log units, the PDF tick labels, the title with its currency', () => {
    const daily = makeDaily(500, 5);
    const spec = equityChart(daily, context);
    const data = dataOf(spec, daily);
    const yaxis = plotlyFigure(spec, data).layout.yaxis as Axis;
    const plan = valueAxis(data.series.flatMap((s) => s.values.filter((v): v is number => v !== null)), 'currency', 'log');
    expect(yaxis.type).toBe('log');
    expect(yaxis.range).toEqual([Math.log10(plan.min), Math.log10(plan.max)]);
    expect(yaxis.tickvals).toEqual(plan.ticks.map((t) => t.value));
    expect(yaxis.ticktext).toEqual(plan.ticks.map((t) => t.label));
    expect(yaxis.title.text).toBe('Value (USD)');
    const linear = plotlyFigure({ ...spec, yScale: 'linear' }, data).layout.yaxis as Axis;
    expect(linear.type).toBe('linear');
  });

  it('draws a halo under each benchmark line (wider, translucent, no legend or hover), the strategy thinner and last', () => {
    const daily = makeDaily(400, 2, ['bitcoin', 'equal_weight']);
    const spec = equityChart(daily, context);
    const traces = plotlyFigure(spec, dataOf(spec, daily)).data as (Trace & { opacity?: number })[];
    expect(traces.map((t) => [t.meta === HALO ? 'halo' : 'line', t.name])).toEqual([
      ['halo', 'Bitcoin &lt;b&gt;buy&lt;/b&gt; &amp; hold'],
      ['line', 'Bitcoin &lt;b&gt;buy&lt;/b&gt; &amp; hold'],
      ['halo', 'Equal weight'],
      ['line', 'Equal weight'],
      ['line', 'Risk parity crypto (synthetic)'],
    ]);
    const [halo, line] = traces;
    expect(halo).toMatchObject({ showlegend: false, hoverinfo: 'skip', opacity: BENCHMARK_HALO.opacity, line: { color: line?.line?.color, width: BENCHMARK_HALO.screen } });
    // The halo reaches past the strategy's line on both sides, so a benchmark under it still shows.
    expect(BENCHMARK_HALO.screen - LINE_WIDTH.strategy.screen).toBeGreaterThanOrEqual(2);
    expect(traces.at(-1)?.line?.color).toBe(CHART_COLORS.strategy);
    // Charts without a strategy line (or not line charts) get none.
    const drawdown = plotlyFigure({ ...spec, kind: 'area' }, dataOf(spec, daily)).data as Trace[];
    expect(drawdown.some((t) => t.meta === HALO)).toBe(false);
  });

  it('gives every trace of a date chart one shared x array in ms, and the axis range and ticks in ms', () => {
    const daily = makeDaily(400, 2, ['bitcoin', 'equal_weight']);
    const spec = equityChart(daily, context);
    const figure = plotlyFigure(spec, dataOf(spec, daily));
    const traces = figure.data as Trace[];
    const x = traces[0]?.x as number[];
    expect(traces.every((t) => t.x === x)).toBe(true);
    expect(x[0]).toBe(Date.parse('2020-01-01T00:00:00Z'));
    const axis = figure.layout.xaxis as Axis;
    expect(axis.range).toEqual([x[0], x.at(-1)]);
    expect(axis.tickvals.every((v) => typeof v === 'number' && new Date(v).getUTCDate() === 1)).toBe(true);
  });

  it('puts a year-0050 series in the year 50 (not 1950), ticks labelled with the year 0051', () => {
    const daily = withDatesFrom(makeDaily(1_000, 2), '0050-01-01');
    const spec = equityChart(daily, makeContext({ day0: '0050-01-01', range: { from: '0050-01-01', to: dayAfter(999, '0050-01-01') } }));
    const figure = plotlyFigure(spec, dataOf(spec, daily));
    const x = (figure.data[0] as Trace).x as number[];
    expect(new Date(x[0] ?? 0).toISOString().slice(0, 10)).toBe('0050-01-01');
    const axis = figure.layout.xaxis as Axis;
    expect(axis.ticktext.some((t) => t.includes('0051'))).toBe(true);
    expect(axis.tickvals.map((v) => new Date(v).getUTCFullYear())).toContain(51);
  });

  it('reserves room for the y tick labels and title up front, wider for wider labels', () => {
    const daily = makeDaily(400, 2);
    const spec = equityChart(daily, context);
    const data = dataOf(spec, daily);
    const margin = (measure: (text: string, size: number) => number): number => (plotlyFigure(spec, data, { width: 960, measureText: measure }).layout.margin as { l: number }).l;
    const narrow = margin((text) => text.length * 5);
    const wide = margin((text) => text.length * 10);
    const longest = Math.max(...valueAxis(data.series.flatMap((s) => s.values.filter((v): v is number => v !== null)), 'currency', spec.yScale ?? 'linear').ticks.map((t) => t.label.length));
    expect(wide - narrow).toBeGreaterThanOrEqual(longest * 5 - 1);
    expect(Number.isInteger(wide)).toBe(true);
  });

  it('labels every k-th of many turned category labels on a phone, every one where they fit', () => {
    const table = makeDecomposition(Array.from({ length: 40 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`));
    const spec = riskContributionsChart(table, context);
    const phone = plotlyFigure(spec, dataOf(spec, table), { width: 348 }).layout.xaxis as Axis & { tickangle: number };
    expect(phone.tickangle).toBe(-45);
    expect(phone.ticktext.length).toBeLessThan(40);
    expect(phone.ticktext[0]).toBe('A01');
    const wide = plotlyFigure(spec, dataOf(spec, table), { width: 1400 }).layout.xaxis as Axis;
    expect(wide.ticktext).toHaveLength(40);
  });

  it('thins date ticks to the width: fewer on a phone than on a desktop', () => {
    const daily = makeDaily(1_800, 2);
    const spec = equityChart(daily, context);
    const data = dataOf(spec, daily);
    const wide = (plotlyFigure(spec, data, { width: 960 }).layout.xaxis as Axis).tickvals.length;
    const narrow = (plotlyFigure(spec, data, { width: 360 }).layout.xaxis as Axis).tickvals.length;
    expect(narrow).toBeLessThan(wide);
    expect(narrow).toBeGreaterThanOrEqual(2);
  });

  it('shades the underwater bands under the series with their ranks', () => {
    const daily = makeDaily(300, 1.4);
    const spec = underwaterChart(daily, makeDrawdownPeriods([[dayAfter(10), dayAfter(20), dayAfter(40), -0.1]]), context);
    const layout = plotlyFigure(spec, dataOf(spec, daily)).layout as { shapes: Record<string, unknown>[]; annotations: Record<string, unknown>[] };
    // Date axes take ms since 1970 (Plotly parses no date text).
    const ms = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
    expect(layout.shapes).toEqual([expect.objectContaining({ x0: ms(dayAfter(10)), x1: ms(dayAfter(40)), fillcolor: CHART_COLORS.band, layer: 'below' })]);
    expect(layout.annotations[0]).toMatchObject({ text: '<b>1</b>' });
  });

  it('prints heatmap values in the cells on the fixed diverging scale, and none in cells too small to read', () => {
    const small = makeCorrelation(['BTC', 'ETH', 'SOL'], 0.4);
    const spec = correlationChart(small, context);
    const [trace] = plotlyFigure(spec, dataOf(spec, small)).data as (Trace & { text: string[][]; texttemplate: string; zmin: number; zmax: number; colorscale: [number, string][] })[];
    expect(trace?.text[0]).toEqual(['1.00', '0.40', '0.40']);
    expect(trace?.text[1]?.[0]).toBe('-0.40');
    expect(trace?.texttemplate).toBe('%{text}');
    expect([trace?.zmin, trace?.zmax]).toEqual([-1, 1]);
    expect(trace?.colorscale.map((s) => s[1])).toEqual([...DIVERGING_SCALE]);
    const many = makeCorrelation(Array.from({ length: 40 }, (_, i) => `A${i}`));
    const [crowded] = plotlyFigure(correlationChart(many, context), dataOf(correlationChart(many, context), many)).data as (Trace & { texttemplate: string })[];
    expect(crowded?.texttemplate).toBe('');
  });

  it('groups yearly bars with the strategy first and draws the histogram with its normal curve', () => {
    const yearly = makeYearly([{ key: 'risk_parity_crypto_synthetic', label: 'x' }, { key: 'bitcoin', label: 'bitcoin' }], [[2021, 0.2, 0.3]]);
    const barSpec = yearlyReturnsChart(yearly, context);
    const bars = plotlyFigure(barSpec, dataOf(barSpec, yearly));
    expect(bars.layout.barmode).toBe('group');
    expect((bars.data as Trace[]).map((t) => t.marker?.color)).toEqual([CHART_COLORS.strategy, CHART_COLORS.benchmarks[0]]);
    const daily = makeDaily(400, 1.3);
    const histSpec = returnDistributionChart(daily, context);
    const hist = plotlyFigure(histSpec, dataOf(histSpec, daily));
    expect((hist.data as Trace[]).map((t) => t.type)).toEqual(['bar', 'scatter']);
    expect((hist.data as Trace[])[1]?.line?.color).toBe(CHART_COLORS.curve);
    expect((hist.layout.xaxis as Axis).title.text).toBe('Daily return');
  });
});
