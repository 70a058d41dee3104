/**
 * The Results section: subtitle, warnings, figure cards, charts (each an image with a name and
 * its data as a table a screen reader can reach), the metrics table and the trade log. Redraws
 * when the result on screen changes.
 */
import { plural } from '../plural';
import type { WorkerClient } from '../worker/client';
import type { ResultView } from '../worker/viewModel.types';
import { chartSummary, chartTable } from './chartTables';
import { CHART_IDS, CHART_TITLES, renderCharts, type ChartId } from './charts';
import { byId, el, replaceChildren } from './dom';
import type { ErrorToasts } from './errorToasts';
import { firstLine } from './messages';
import type { PageState } from './pageState';
import { analysisTable, buildTable, renderAnalysisTables, renderCards, renderMetrics, renderTrades } from './results';
import type { Store } from './store';

/** The chart containers by id (`#chart-<id>`), created once inside `#charts`. */
export function createChartFigures(root: HTMLElement): Record<ChartId, HTMLElement> {
  const containers = {} as Record<ChartId, HTMLElement>;
  replaceChildren(
    root,
    CHART_IDS.map((id) => {
      const chart = el('div', { className: 'chart', id: `chart-${id}`, dataset: { chart: id }, attrs: { role: 'img', 'aria-label': CHART_TITLES[id] } });
      containers[id] = chart;
      const data = el('div', { className: 'chart-data-body' });
      const details = el('details', { className: 'chart-data', dataset: { chartData: id } }, [el('summary', { text: `Data table: ${CHART_TITLES[id]}` }), data]);
      return el('figure', { className: 'chart-card', dataset: { figure: id } }, [chart, details]);
    }),
  );
  return containers;
}

/** Draws the results whenever the result on screen changes. */
export function mountResultsView(options: {
  store: Store<PageState>;
  client: WorkerClient;
  errors: ErrorToasts;
  charts: Record<ChartId, HTMLElement>;
}): void {
  const { store, client, errors, charts } = options;
  let drawn: ResultView | null = null;
  // A chart's data table is built when it is first opened (600 rows × a few columns each).
  for (const details of document.querySelectorAll<HTMLDetailsElement>('details.chart-data')) {
    details.addEventListener('toggle', () => {
      if (details.open && drawn) fillChartData(details, drawn);
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
    for (const id of CHART_IDS) {
      charts[id].setAttribute('aria-label', chartSummary(id, CHART_TITLES[id], view));
      const details = document.querySelector<HTMLDetailsElement>(`details[data-chart-data="${id}"]`);
      if (details) {
        details.querySelector('.chart-data-body')?.replaceChildren();
        if (details.open) fillChartData(details, view);
      }
    }
    void renderCharts(charts, view).catch((error: unknown) => {
      errors.show('run', { title: 'Charts could not be drawn', message: `${firstLine(error instanceof Error ? error.message : String(error))} The figures and tables are still valid.` });
    });
  });
}

function fillChartData(details: HTMLDetailsElement, view: ResultView): void {
  const body = details.querySelector<HTMLElement>('.chart-data-body');
  const id = details.dataset.chartData ?? '';
  if (!body || body.childElementCount > 0) return;
  const table = chartTable(id, view);
  if (!table) return;
  const title = CHART_TITLES[id as ChartId] ?? id;
  body.append(el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': `${title}, data` } }, [buildTable(table.columns, table.rows, { rowHeaders: true, caption: `${title}: data` })]));
}
