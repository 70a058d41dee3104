/**
 * Results without charts: headline figure cards, the metrics comparison table and the paginated
 * trade log. Every value is display text prepared in the worker.
 */
import type { ResultView } from '../worker/viewModel.types';
import { el, replaceChildren } from './dom';

/** Rows per trade-log page. */
export const TRADES_PER_PAGE = 50;

/** The rows of page `page` (0-based, clamped) and the page count. */
export function pageOf<T>(rows: T[], page: number, perPage = TRADES_PER_PAGE): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { rows: rows.slice(p * perPage, (p + 1) * perPage), page: p, pages };
}

/** Draws the figure cards. */
export function renderCards(root: HTMLElement, view: ResultView): void {
  replaceChildren(
    root,
    view.cards.map((c) =>
      el('div', { className: `card tone-${c.tone}`, dataset: { metric: c.key } }, [
        el('span', { className: 'card-label', text: c.label }),
        el('span', { className: 'card-value', text: c.value }),
      ]),
    ),
  );
}

/** Draws the metrics table: one row per metric, one column per portfolio. */
export function renderMetrics(root: HTMLElement, view: ResultView): void {
  const head = el('tr', {}, [el('th', { attrs: { scope: 'col' }, text: 'Metric' }), ...view.metrics.portfolios.map((p) => el('th', { attrs: { scope: 'col' }, text: p }))]);
  const body = view.metrics.rows.map((r) =>
    el('tr', {}, [el('th', { attrs: { scope: 'row', title: r.formula }, text: r.label }), ...r.values.map((v) => el('td', { text: v }))]),
  );
  replaceChildren(root, [el('table', { className: 'data-table' }, [el('thead', {}, [head]), el('tbody', {}, body)])]);
}

/** Draws the trade log with Previous/Next paging. */
export function renderTrades(root: HTMLElement, view: ResultView): void {
  let page = 0;
  const draw = (): void => {
    const slice = pageOf(view.trades.rows, page);
    page = slice.page;
    const table = el('table', { className: 'data-table trades' }, [
      el('thead', {}, [el('tr', {}, view.trades.columns.map((c) => el('th', { attrs: { scope: 'col' }, text: c })))]),
      el('tbody', {}, slice.rows.map((row) => el('tr', {}, row.map((cell) => el('td', { text: cell }))))),
    ]);
    const status = el('span', { className: 'pager-status', text: `Page ${page + 1} of ${slice.pages} (${view.trades.rows.length} trades)` });
    const prev = el('button', { className: 'secondary', attrs: { type: 'button' }, text: 'Previous', on: { click: () => { page -= 1; draw(); } } });
    const next = el('button', { className: 'secondary', attrs: { type: 'button' }, text: 'Next', on: { click: () => { page += 1; draw(); } } });
    prev.disabled = page === 0;
    next.disabled = page >= slice.pages - 1;
    replaceChildren(root, [el('div', { className: 'pager' }, [prev, status, next]), el('div', { className: 'table-scroll' }, [table])]);
  };
  draw();
}
