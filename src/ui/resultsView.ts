/**
 * The Results section: subtitle, warnings, figure cards, the performance charts, the metrics
 * and analysis tables, the return and risk charts, and the trade log. Each chart is an image
 * (`role="img"`) named by a one-sentence summary, with its data as a table a screen reader can
 * reach; the equity chart has a log-scale switch. Redraws when the result on screen changes.
 */
import { plural } from '../plural';
import type { WorkerClient } from '../worker/client';
import type { RunView } from '../worker/protocol';
import { thinForSpec } from '../report/chart-data';
import type { ChartView } from '../worker/viewModel.types';
import { chartSummary, chartTable } from './chartTables';
import { naturalHeight, renderChart } from './charts';
import { byId, el, replaceChildren } from './dom';
import type { ErrorToasts } from './errorToasts';
import { firstLine } from './messages';
import type { PageState } from './pageState';
import { analysisTable, buildTable, renderAnalysisTables, renderCards, renderMetrics, renderTrades } from './results';
import type { Store } from './store';

/**
 * Dates drawn per chart for its width on screen: a line chart one per CSS pixel (the worker
 * sends at most 600, extremes kept), a filled area one per two pixels and a stacked area one per
 * three: filled paths are Plotly's slowest plots (the 13 bands of 40 assets took 200–260 ms as
 * one main-thread task at 600 dates), and a fill shows no more detail at that density.
 */
export function screenPoints(spec: Pick<ChartView['spec'], 'kind'>, widthPx: number): number {
  const width = widthPx > 0 ? widthPx : 960;
  const perPixel = spec.kind === 'stacked_area' ? 1 / 3 : spec.kind === 'area' ? 0.5 : 1;
  return Math.max(120, Math.min(600, Math.round(width * perPixel)));
}

/** Where each chart goes on the page: the group's container id, in page order within it. */
export const CHART_GROUPS: { root: string; ids: string[] }[] = [
  { root: 'charts-performance', ids: ['equity', 'underwater', 'drawdown'] },
  { root: 'charts-returns', ids: ['monthly_heatmap', 'yearly_returns', 'return_distribution'] },
  { root: 'charts-risk', ids: ['rolling_volatility', 'rolling_sharpe', 'rolling_beta', 'correlation', 'risk_contributions', 'allocation'] },
];

/** Charts drawn across the grid's width wherever they are. */
const WIDE_CHARTS: ReadonlySet<string> = new Set(['equity', 'monthly_heatmap']);

/** A correlation heatmap of more assets than this spans the grid's width: its square cells need the room. */
export const WIDE_CORRELATION_ASSETS = 12;

/** A chart card as the grid lays it out: its id, and whether it spans the width by its nature. */
export interface GridCard {
  id: string;
  wide: boolean;
}

/**
 * The rows of one group's two-column grid, in page order: a wide card alone, else two cards side
 * by side. Where a run of half-width cards between wide ones is odd, its last card spans the width
 * too, so no card stands beside a hole.
 */
export function planChartRows(cards: GridCard[]): string[][] {
  const rows: string[][] = [];
  let run: string[] = [];
  const flush = (): void => {
    for (let i = 0; i < run.length; i += 2) rows.push(run.slice(i, i + 2));
    run = [];
  };
  for (const card of cards) {
    if (card.wide) {
      flush();
      rows.push([card.id]);
    } else run.push(card.id);
  }
  flush();
  return rows;
}

/** One chart on the page: its figure, the Plotly container and the data disclosure. */
interface ChartSlot {
  figure: HTMLElement;
  chart: HTMLElement;
  details: HTMLDetailsElement;
  logScale: HTMLInputElement | null;
}

/** Creates a figure for every chart id of the page inside its group; returns the containers by id (`#chart-<id>`). */
export function createChartFigures(): { containers: Record<string, HTMLElement>; slots: Map<string, ChartSlot> } {
  const containers: Record<string, HTMLElement> = {};
  const slots = new Map<string, ChartSlot>();
  for (const group of CHART_GROUPS) {
    const root = byId(group.root);
    replaceChildren(
      root,
      group.ids.map((id) => {
        const chart = el('div', { className: 'chart', id: `chart-${id}`, dataset: { chart: id }, attrs: { role: 'img', 'aria-label': id } });
        const body = el('div', { className: 'chart-data-body' });
        const details = el('details', { className: 'chart-data', dataset: { chartData: id } }, [el('summary', { text: 'Data table' }), body]);
        let logScale: HTMLInputElement | null = null;
        const tools: HTMLElement[] = [];
        if (id === 'equity') {
          logScale = el('input', { attrs: { type: 'checkbox', id: 'equity-log' } });
          tools.push(el('label', { className: 'chart-tool', attrs: { for: 'equity-log' } }, [logScale, ' Log scale']));
        }
        const figure = el('figure', { className: `chart-card chart-${id}`, dataset: { figure: id } }, [
          tools.length > 0 ? el('div', { className: 'chart-tools' }, tools) : null,
          chart,
          details,
        ]);
        figure.hidden = true;
        containers[id] = chart;
        slots.set(id, { figure, chart, details, logScale });
        return figure;
      }),
    );
  }
  return { containers, slots };
}

/** Draws the results whenever the result on screen changes. */
export function mountResultsView(options: {
  store: Store<PageState>;
  client: WorkerClient;
  errors: ErrorToasts;
  slots: Map<string, ChartSlot>;
}): void {
  const { store, client, errors, slots } = options;
  let drawn: RunView | null = null;
  /** Heights the charts of the result on screen are drawn at (row-mates of taller charts). */
  let drawnHeights = new Map<string, number>();
  const chartOf = (id: string): ChartView | undefined => drawn?.charts.find((c) => c.spec.id === id);

  for (const [id, slot] of slots) {
    // A chart's data table is built when it is first opened (up to 600 rows).
    slot.details.addEventListener('toggle', () => {
      const chart = chartOf(id);
      if (slot.details.open && chart) fillChartData(slot, chart);
    });
    slot.logScale?.addEventListener('change', () => {
      const chart = chartOf(id);
      if (!chart) return;
      const spec = { ...chart.spec, yScale: slot.logScale?.checked ? ('log' as const) : ('linear' as const) };
      const height = drawnHeights.get(id);
      void renderChart(slot.chart, spec, fitted(slot, chart), height ? { height } : {}).catch(() => undefined);
    });
  }

  store.subscribe((s, prev) => {
    if (s.run.view === prev.run.view) return;
    const view = s.run.view;
    byId('results-section').hidden = view === null;
    if (!view) return;
    drawn = view;
    const resultId = s.run.resultId;
    byId('results-subtitle').textContent =
      `${view.name}: ${view.firstDate} to ${view.lastDate}, ${plural(view.dateCount, 'date')}, base currency ${view.baseCurrency}, ` +
      `${view.periodsPerYear} periods per year (${view.periodsPerYearSource}).`;
    replaceChildren(byId('results-warnings'), view.warnings.map((w) => el('li', { text: w })));
    renderCards(byId('cards'), view);
    // Every metric of the report's performance summary (the exports' rows and roundings).
    const summary = view.analysis.find((t) => t.id === 'performance_summary');
    if (summary) replaceChildren(byId('metrics'), [analysisTable({ ...summary, title: 'Metrics of the strategy and its benchmarks' }, { heading: false })]);
    else renderMetrics(byId('metrics'), view);
    renderAnalysisTables(byId('analysis-tables'), view.analysis.filter((t) => t !== summary));
    renderTrades(byId('trades'), view, (offset, limit) => client.call('trades', { resultId, offset, limit }).promise);
    const order: { slot: ChartSlot; chart: ChartView }[] = [];
    for (const [id, slot] of slots) {
      const chart = chartOf(id);
      slot.figure.hidden = chart === undefined;
      slot.details.querySelector('.chart-data-body')?.replaceChildren();
      if (!chart) continue;
      slot.chart.setAttribute('aria-label', chartSummary(chart.spec, chart.data));
      slot.details.querySelector('summary')!.textContent = `Data table: ${chart.spec.title}`;
      if (slot.logScale) slot.logScale.checked = chart.spec.yScale === 'log';
      if (slot.details.open) fillChartData(slot, chart);
      order.push({ slot, chart });
    }
    drawnHeights = layoutChartGrid(order);
    void drawCharts(order, drawnHeights).catch((error: unknown) => {
      errors.show('run', { title: 'Charts could not be drawn', message: `${firstLine(error instanceof Error ? error.message : String(error))} The figures and tables are still valid.` });
    });
  });

  /**
   * Lays the charts of each group out in rows (see `planChartRows`) and returns the height each
   * chart is drawn at: in a row of two, a chart shorter than its neighbour (a line chart beside a
   * correlation heatmap) is drawn as tall, so the two cards end level, with no gap under one.
   */
  function layoutChartGrid(order: { slot: ChartSlot; chart: ChartView }[]): Map<string, number> {
    const heights = new Map<string, number>();
    const entries = new Map(order.map((o) => [o.chart.spec.id, o]));
    for (const group of CHART_GROUPS) {
      const cards = group.ids.flatMap((id): GridCard[] => {
        const entry = entries.get(id);
        if (!entry) return [];
        const wide = WIDE_CHARTS.has(id) || (entry.chart.spec.kind === 'heatmap' && entry.chart.data.series.length > WIDE_CORRELATION_ASSETS);
        return [{ id, wide }];
      });
      const rows = planChartRows(cards);
      for (const row of rows) for (const id of row) entries.get(id)?.slot.figure.classList.toggle('chart-wide', row.length === 1 && !WIDE_CHARTS.has(id));
      // One column (a phone, a narrow window): every card keeps its own height.
      const columns = getComputedStyle(byId(group.root)).gridTemplateColumns.split(' ').filter((c) => c !== '').length;
      if (columns < 2) continue;
      for (const row of rows) {
        if (row.length < 2) continue;
        const natural = row.map((id) => {
          const entry = entries.get(id);
          return entry ? naturalHeight(entry.chart.spec, entry.chart.data, entry.slot.chart.clientWidth || 480) : 0;
        });
        const tallest = Math.max(...natural);
        row.forEach((id, i) => {
          const entry = entries.get(id);
          // Heatmaps size themselves to their cells; the others take the row's height.
          if (entry && entry.chart.spec.kind !== 'heatmap' && (natural[i] ?? 0) < tallest) heights.set(id, tallest);
        });
      }
    }
    return heights;
  }

  /** Draws the charts in page order, one main-thread task each; a newer result stops an older drawing. */
  async function drawCharts(order: { slot: ChartSlot; chart: ChartView }[], heights: Map<string, number>): Promise<void> {
    const mine = drawn;
    for (const { slot, chart } of order) {
      // Each chart in a task of its own, after the browser has laid out and painted what came
      // before (the tables drawn in this task, the previous chart): that work then runs in the
      // frame, not inside the chart's first measurement.
      await afterNextPaint();
      if (drawn !== mine) return;
      const height = heights.get(chart.spec.id);
      await renderChart(slot.chart, chart.spec, fitted(slot, chart), height ? { height } : {});
    }
  }
}

/**
 * Resolves in a new task after the next frame (or after 100 ms where frames do not run, as in a
 * hidden tab), so the layout and paint of what is already on the page happen before it.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const next = (): void => {
      if (settled) return;
      settled = true;
      setTimeout(resolve, 0);
    };
    requestAnimationFrame(next);
    setTimeout(next, 100);
  });
}

/** The chart's data thinned to what its width can show (the data table keeps what the worker sent). */
function fitted(slot: ChartSlot, chart: ChartView): ChartView['data'] {
  return thinForSpec(chart.spec, chart.data, screenPoints(chart.spec, slot.chart.clientWidth));
}

function fillChartData(slot: ChartSlot, chart: ChartView): void {
  const body = slot.details.querySelector<HTMLElement>('.chart-data-body');
  if (!body || body.childElementCount > 0) return;
  const table = chartTable(chart.spec, chart.data);
  const title = chart.spec.title;
  body.append(el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': `${title}, data` } }, [buildTable(table.columns, table.rows, { rowHeaders: true, caption: `${title}: data` })]));
}
