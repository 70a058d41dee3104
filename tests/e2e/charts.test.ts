/**
 * The page's chart renderer in Chromium: every chart spec of a real run of the bundled example
 * (as the worker sends them), drawn with
 * `renderChart` and Plotly, then read back from the DOM: trace names and colours (the strategy
 * in its fixed colour, drawn last), axis titles with units, the log scale, the shared tick
 * labels, values in heatmap cells, and no colliding tick labels.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/data/examples/index';
import { generateSyntheticPrices } from '../../src/data/examples/synthetic';
import { parsePriceCsv } from '../../src/data/prices';
import { runBacktest } from '../../src/engine/run';
import { CHART_COLORS, DIVERGING_SCALE, NORMAL_CURVE_NAME, RETURNS_SCALE, valueAxis } from '../../src/report/chart-style';
import type { ChartView } from '../../src/worker/viewModel.types';
import { buildChartViews } from '../../src/worker/viewModel';
import { buildChartsPage } from './support/charts-page';
import { launchChromium, openPage, removeDir, serveStatic } from './support/harness';

let dist = '';
let server: Server | null = null;
let browser: Browser | null = null;
let page: Page;
let closePage: () => Promise<void> = async () => undefined;
let charts: ChartView[] = [];
/** Charts of a 40-asset run: 40 correlation columns with turned labels, 12 allocation bands and "Other". */
let manyAssetCharts: ChartView[] = [];

/** What a drawn chart shows, read from Plotly's div and its SVG. */
interface Drawn {
  traces: { type: string; name: string; color: string | null; fill: string | null }[];
  yTitle: string;
  yType: string;
  yTickText: string[];
  legend: string[];
  title: string;
  heatmapText: string[];
  colorscale: string[];
  /** Pairs of x tick labels whose boxes overlap. */
  xTickCollisions: number;
}

beforeAll(async () => {
  const example = EXAMPLES[0]!;
  const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
  charts = buildChartViews(result);
  const forty = generateSyntheticPrices({ assets: 40, start: '2021-01-01', end: '2023-12-31', calendar: 'business', seed: 7 });
  const symbols = forty.csv.slice(0, forty.csv.indexOf('\n')).split(',').slice(1);
  const fortyConfig = { ...example.config, start_date: '2021-01-01', end_date: '2023-12-31', periods_per_year: 252, strategy: { type: 'risk_parity', assets: symbols, lookback: 60 }, benchmarks: [{ name: 'First asset', type: 'buy_and_hold', asset: symbols[0] }] };
  manyAssetCharts = buildChartViews(runBacktest({ config: fortyConfig, prices: parsePriceCsv(forty.csv) }));
  dist = await buildChartsPage();
  let origin = '';
  ({ server, origin } = await serveStatic(dist));
  browser = await launchChromium();
  ({ page, close: closePage } = await openPage(browser, origin, '/index.html'));
}, 240_000);

afterAll(async () => {
  await closePage();
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  if (dist) await removeDir(dist);
});

function chart(id: string): ChartView {
  const found = charts.find((c) => c.spec.id === id);
  if (!found) throw new Error(`no chart ${id}; have ${charts.map((c) => c.spec.id).join(', ')}`);
  return found;
}

async function draw(view: ChartView): Promise<Drawn> {
  await page.evaluate(({ spec, data }) => window.drawChart(spec, data), view);
  return page.evaluate((id) => {
    const root = document.getElementById(`chart-${id}`) as HTMLElement & {
      _fullData: { type: string; name: string; meta?: unknown; line?: { color?: string }; marker?: { color?: string }; fill?: string; colorscale?: [number, string][] }[];
      _fullLayout: { yaxis?: { type: string } };
    };
    const texts = (selector: string): string[] => [...root.querySelectorAll(selector)].map((n) => n.textContent ?? '');
    const boxes = [...root.querySelectorAll('.xtick text')].map((n) => n.getBoundingClientRect()).filter((r) => r.width > 0);
    let collisions = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) collisions += 1;
      }
    }
    return {
      // Benchmarks' halos (drawn under their lines) are left out: one entry per series.
      traces: root._fullData.filter((t) => t.meta !== 'halo').map((t) => ({ type: t.type, name: t.name, color: t.line?.color ?? (typeof t.marker?.color === 'string' ? t.marker.color : null), fill: t.fill ?? null })),
      yTitle: texts('.ytitle')[0] ?? '',
      yType: root._fullLayout.yaxis?.type ?? '',
      yTickText: texts('.ytick text'),
      legend: texts('.legendtext'),
      title: texts('.gtitle')[0] ?? '',
      heatmapText: texts('.heatmaplayer text, .textpoint text'),
      colorscale: (root._fullData.find((t) => t.type === 'heatmap')?.colorscale ?? []).map((s) => s[1]),
      xTickCollisions: collisions,
    };
  }, view.spec.id);
}

describe('renderChart in Chromium', { timeout: 120_000 }, () => {
  it('draws the equity curve: labelled legend, strategy last in its fixed colour, value axis in USD on a log scale', async () => {
    const view = chart('equity');
    const drawn = await draw(view);
    expect(drawn.title).toBe('Equity curve vs benchmarks');
    expect(drawn.legend).toEqual(['Risk parity crypto (synthetic)', 'Bitcoin', 'Equal weight']);
    expect(drawn.traces.at(-1)).toMatchObject({ name: 'Risk parity crypto (synthetic)', color: CHART_COLORS.strategy });
    expect(drawn.traces.slice(0, 2).map((t) => t.color)).toEqual([CHART_COLORS.benchmarks[0], CHART_COLORS.benchmarks[1]]);
    expect(drawn.yTitle).toBe('Value (USD)');
    expect(view.spec.yScale).toBe('log');
    expect(drawn.yType).toBe('log');
    // The same tick labels the PDF prints (one axis plan for both renderers).
    const values = view.data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
    expect(drawn.yTickText).toEqual(valueAxis(values, 'currency', 'log').ticks.map((t) => t.label));
    expect(drawn.xTickCollisions).toBe(0);
  });

  it('draws drawdown and underwater areas, the worst five periods shaded', async () => {
    const drawdown = await draw(chart('drawdown'));
    expect(drawdown.traces[0]).toMatchObject({ fill: 'tozeroy', color: CHART_COLORS.strategy });
    expect(drawdown.yTitle).toBe('Drawdown');
    const underwater = chart('underwater');
    const drawn = await draw(underwater);
    expect(underwater.spec.bands).toHaveLength(5);
    const shapes = await page.evaluate(() => (document.getElementById('chart-underwater') as HTMLElement & { _fullLayout: { shapes: { fillcolor: string }[] } })._fullLayout.shapes.map((s) => s.fillcolor));
    expect(shapes).toEqual(Array(5).fill(CHART_COLORS.band));
    expect(drawn.xTickCollisions).toBe(0);
  });

  it('draws the allocation bands in the asset palette, cash grey, on a 0–100 % axis', async () => {
    const drawn = await draw(chart('allocation'));
    expect(drawn.legend).toEqual(['BTC', 'ETH', 'SOL', 'ADA', 'XRP', 'Cash']);
    expect(drawn.traces.map((t) => t.color)).toEqual([...CHART_COLORS.assets.slice(0, 5), CHART_COLORS.other]);
    expect(drawn.yTickText.at(-1)).toBe('100%');
  });

  it('prints correlations in the cells on the diverging scale centred on 0', async () => {
    const drawn = await draw(chart('correlation'));
    expect(drawn.title).toBe('Correlation of daily returns');
    expect(drawn.colorscale).toEqual([...DIVERGING_SCALE]);
    expect(drawn.heatmapText).toContain('1.00');
    expect(drawn.heatmapText.length).toBeGreaterThanOrEqual(25);
  });

  it('prints monthly returns in the cells, losses red', async () => {
    const drawn = await draw(chart('monthly_heatmap'));
    expect(drawn.colorscale).toEqual([...RETURNS_SCALE]);
    expect(drawn.heatmapText.some((t) => /^-\d+\.\d%$/.test(t))).toBe(true);
    expect(drawn.heatmapText.some((t) => /^\d+\.\d%$/.test(t))).toBe(true);
  });

  it('draws the return distribution with the normal curve, and the risk and rolling charts', async () => {
    const distribution = await draw(chart('return_distribution'));
    expect(distribution.legend).toEqual(['Daily returns', NORMAL_CURVE_NAME]);
    expect(distribution.traces.map((t) => t.type)).toEqual(['bar', 'scatter']);
    expect(distribution.traces[1]?.color).toBe(CHART_COLORS.curve);
    const risk = await draw(chart('risk_contributions'));
    expect(risk.yTitle).toBe('Contribution to volatility');
    expect(risk.xTickCollisions).toBe(0);
    for (const id of ['rolling_volatility', 'rolling_sharpe']) {
      const drawn = await draw(chart(id));
      expect(drawn.traces[0]?.color).toBe(CHART_COLORS.strategy);
      expect(drawn.xTickCollisions).toBe(0);
    }
  });

  it('draws every chart in one pass: its margins already hold the labels, so Plotly grows none (which would draw it twice)', async () => {
    const drawnTwice: string[] = [];
    for (const [set, views] of [['example', charts], ['40 assets', manyAssetCharts]] as const) {
      for (const width of [960, 600, 360]) {
        for (const view of views) {
          const id = `${view.spec.id}-${set.replace(/\W/g, '')}-${width}`;
          await page.evaluate(({ spec, data, size }) => window.drawChart(spec, data, size), { spec: { ...view.spec, id }, data: view.data, size: { width, height: 0 } });
          const margins = await page.evaluate((id) => {
            const root = document.getElementById(`chart-${id}`) as HTMLElement & { layout: { margin: Record<string, number> }; _fullLayout: { _size: Record<string, number> } };
            const asked = root.layout.margin;
            const used = root._fullLayout._size;
            root.remove();
            return (['l', 'r', 't', 'b'] as const).filter((side) => asked[side] !== used[side]).map((side) => `${side} ${asked[side]} → ${used[side]}`);
          }, id);
          if (margins.length > 0) drawnTwice.push(`${view.spec.id} (${set}, ${width} px): ${margins.join(', ')}`);
        }
      }
    }
    expect(drawnTwice).toEqual([]);
  });

  it('draws every chart of the report, grouped yearly bars (strategy first) and rolling beta with its reference line', async () => {
    expect(charts.map((c) => c.spec.id).sort()).toEqual(
      ['allocation', 'correlation', 'drawdown', 'equity', 'monthly_heatmap', 'return_distribution', 'risk_contributions', 'rolling_beta', 'rolling_sharpe', 'rolling_volatility', 'underwater', 'yearly_returns'].sort(),
    );
    const yearly = await draw(chart('yearly_returns'));
    expect(yearly.traces.map((t) => [t.type, t.name, t.color])).toEqual([
      ['bar', 'Risk parity crypto (synthetic)', CHART_COLORS.strategy],
      ['bar', 'Bitcoin', CHART_COLORS.benchmarks[0]],
      ['bar', 'Equal weight', CHART_COLORS.benchmarks[1]],
    ]);
    const ticks = await page.$$eval('#chart-yearly_returns .xtick text', (n) => n.map((x) => x.textContent));
    expect(ticks).toEqual(['2020', '2021', '2022', '2023', '2024']);
    await draw(chart('rolling_beta'));
    const annotations = await page.$$eval('#chart-rolling_beta .annotation-text', (n) => n.map((x) => x.textContent));
    expect(annotations).toContain('Beta 1');
  });
});
