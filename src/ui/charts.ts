/**
 * The six result charts, drawn with Plotly (cartesian bundle, loaded on first use so it costs
 * nothing before a run finishes). Names are passed as escaped text: Plotly reads a small HTML
 * subset in labels, and an asset called `<b>` must show as itself.
 */
import type { PlotlyStatic } from 'plotly.js-cartesian-dist-min';
import type { ResultView } from '../worker/viewModel.types';

/** Chart ids, the same as the report's chart specs. */
export const CHART_IDS = ['equity', 'drawdown', 'allocation', 'rolling_volatility', 'correlation', 'risk_contributions'] as const;
/** One of the six result charts. */
export type ChartId = (typeof CHART_IDS)[number];

/** Titles shown above the charts. */
export const CHART_TITLES: Record<ChartId, string> = {
  equity: 'Equity curve vs benchmarks',
  drawdown: 'Drawdown',
  allocation: 'Allocation over time',
  rolling_volatility: 'Rolling volatility and Sharpe ratio',
  correlation: 'Correlation of daily returns',
  risk_contributions: 'Risk contributions',
};

let plotlyPromise: Promise<PlotlyStatic> | null = null;

/** Loads Plotly once. */
export function loadPlotly(): Promise<PlotlyStatic> {
  if (!plotlyPromise) {
    plotlyPromise = import('plotly.js-cartesian-dist-min').then((m) => {
      const mod = m as unknown as { default?: PlotlyStatic } & PlotlyStatic;
      return mod.default ?? mod;
    });
    plotlyPromise.catch(() => {
      plotlyPromise = null;
    });
  }
  return plotlyPromise;
}

/** Text for a Plotly label: `&`, `<`, `>` as entities, so Plotly shows them instead of reading tags. */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['sendDataToCloud', 'editInChartStudio'] };

function baseLayout(title: string, yTitle: string, tickformat?: string): Record<string, unknown> {
  return {
    title: { text: plotlyText(title), font: { size: 14 } },
    margin: { l: 64, r: 24, t: 40, b: 40 },
    legend: { orientation: 'h', y: -0.15 },
    yaxis: { title: { text: yTitle }, ...(tickformat ? { tickformat } : {}), automargin: true },
    xaxis: { automargin: true },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    font: { family: 'system-ui, sans-serif', size: 12 },
    hovermode: 'x unified',
  };
}

/** Most asset series in the allocation chart; the smaller rest is summed into one "other" band. */
export const MAX_ALLOCATION_SERIES = 12;

/** Allocation bands: the `max` largest assets by mean weight, in configuration order, then "other". */
export function groupAllocation(assets: string[], weights: number[][], max = MAX_ALLOCATION_SERIES): { name: string; values: number[] }[] {
  if (assets.length <= max) return assets.map((name, i) => ({ name, values: weights[i] ?? [] }));
  const mean = (w: number[]): number => w.reduce((a, b) => a + b, 0) / Math.max(1, w.length);
  const ranked = assets.map((_, i) => i).sort((a, b) => mean(weights[b] ?? []) - mean(weights[a] ?? []) || a - b);
  const top = new Set(ranked.slice(0, max - 1));
  const bands = assets.flatMap((name, i) => (top.has(i) ? [{ name, values: weights[i] ?? [] }] : []));
  const rest = ranked.slice(max - 1);
  const length = weights[0]?.length ?? 0;
  const other = Array.from({ length }, (_, t) => rest.reduce((sum, i) => sum + (weights[i]?.[t] ?? 0), 0));
  return [...bands, { name: `other (${rest.length} assets)`, values: other }];
}

/** Plotly traces and layout for one chart of a result. */
export function chartFigure(id: ChartId, view: ResultView): { data: Record<string, unknown>[]; layout: Record<string, unknown> } {
  const x = view.dates;
  switch (id) {
    case 'equity':
      return {
        data: view.portfolios.map((p) => ({
          type: 'scatter',
          mode: 'lines',
          name: plotlyText(p.name),
          x,
          y: p.values,
          line: { width: p.role === 'strategy' ? 2.5 : 1.5 },
        })),
        layout: baseLayout(CHART_TITLES.equity, `Value (${plotlyText(view.baseCurrency)})`),
      };
    case 'drawdown':
      return {
        data: view.portfolios.map((p) => ({
          type: 'scatter',
          mode: 'lines',
          name: plotlyText(p.name),
          x,
          y: p.drawdown,
          fill: p.role === 'strategy' ? 'tozeroy' : 'none',
        })),
        layout: baseLayout(CHART_TITLES.drawdown, 'Drawdown', '.0%'),
      };
    case 'allocation':
      return {
        data: [
          ...groupAllocation(view.allocation.assets, view.allocation.weights).map((band) => ({
            type: 'scatter',
            mode: 'lines',
            stackgroup: 'weights',
            name: plotlyText(band.name),
            x,
            y: band.values,
            line: { width: 0.5 },
          })),
          { type: 'scatter', mode: 'lines', stackgroup: 'weights', name: 'cash', x, y: view.allocation.cash, line: { width: 0.5 } },
        ],
        layout: { ...baseLayout(CHART_TITLES.allocation, 'Weight', '.0%'), yaxis: { title: { text: 'Weight' }, tickformat: '.0%', range: [0, 1] } },
      };
    case 'rolling_volatility':
      return {
        data: [
          { type: 'scatter', mode: 'lines', name: 'Rolling volatility', x, y: view.rolling.volatility, connectgaps: false },
          { type: 'scatter', mode: 'lines', name: 'Rolling Sharpe', x, y: view.rolling.sharpe, yaxis: 'y2', connectgaps: false },
        ],
        layout: {
          ...baseLayout(`${CHART_TITLES.rolling_volatility} (${view.rollingWindow} periods)`, 'Volatility', '.0%'),
          yaxis2: { title: { text: 'Sharpe' }, overlaying: 'y', side: 'right', automargin: true },
          margin: { l: 64, r: 64, t: 40, b: 40 },
        },
      };
    case 'correlation': {
      const labels = view.correlation.assets.map(plotlyText);
      return {
        data: [
          {
            type: 'heatmap',
            x: labels,
            y: labels,
            z: view.correlation.matrix,
            zmin: -1,
            zmax: 1,
            colorscale: 'RdBu',
            reversescale: true,
            hovertemplate: '%{y} / %{x}: %{z:.2f}<extra></extra>',
          },
        ],
        layout: { ...baseLayout(CHART_TITLES.correlation, ''), yaxis: { autorange: 'reversed', automargin: true }, hovermode: 'closest' },
      };
    }
    case 'risk_contributions':
      return {
        data: [
          {
            type: 'bar',
            name: 'Contribution',
            x: view.risk.map((r) => plotlyText(r.asset)),
            y: view.risk.map((r) => r.contribution),
          },
        ],
        layout: { ...baseLayout(CHART_TITLES.risk_contributions, 'Contribution to volatility', '.1%'), hovermode: 'closest' },
      };
  }
}

/** Draws every chart into its container (`containers[id]`), replacing what was there. */
export async function renderCharts(containers: Record<ChartId, HTMLElement>, view: ResultView): Promise<void> {
  const Plotly = await loadPlotly();
  for (const id of CHART_IDS) {
    const root = containers[id];
    const started = performance.now();
    const { data, layout } = chartFigure(id, view);
    await Plotly.react(root, data, layout, CONFIG);
    // Visible in the browser's performance timeline (and read by bench/ui.bench.ts).
    performance.measure(`chart:${id}`, { start: started, end: performance.now() });
    // Let the page breathe between charts: each plot is a main-thread task of its own.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * Draws and removes a one-point chart off screen, so Plotly's one-time set-up (styles, font
 * measurement) happens while the page is idle rather than in the first result chart.
 */
export async function warmUpPlotly(): Promise<void> {
  const Plotly = await loadPlotly();
  const root = document.createElement('div');
  root.style.cssText = 'position:absolute;left:-10000px;top:0;width:400px;height:300px;';
  document.body.appendChild(root);
  try {
    await Plotly.newPlot(root, [{ type: 'scatter', mode: 'lines', x: ['2020-01-01', '2020-01-02'], y: [0, 1], stackgroup: 'w' }, { type: 'heatmap', z: [[1]] }, { type: 'bar', x: ['a'], y: [1] }], baseLayout('', ''), { ...CONFIG, responsive: false });
  } finally {
    Plotly.purge(root);
    root.remove();
  }
}

/** Removes the charts (before a new run, or when its data is gone). */
export async function clearCharts(containers: Record<ChartId, HTMLElement>): Promise<void> {
  if (!plotlyPromise) return;
  const Plotly = await plotlyPromise;
  for (const id of CHART_IDS) Plotly.purge(containers[id]);
}
