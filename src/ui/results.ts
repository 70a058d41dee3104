/**
 * Results without charts: headline figure cards, the metrics comparison table and the paginated
 * trade log. Every value is display text prepared in the worker.
 */
import type { ResultView, TradePage } from '../worker/viewModel.types';
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

/** Pages count for `total` rows. */
export function pageCount(total: number, perPage = TRADES_PER_PAGE): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Draws the trade log with Previous/Next paging; rows come page by page from `loadPage` (the worker). */
export function renderTrades(root: HTMLElement, view: ResultView, loadPage: (offset: number, limit: number) => Promise<TradePage>): void {
  const pages = pageCount(view.trades.total);
  let page = 0;
  let request = 0;
  const draw = async (): Promise<void> => {
    page = Math.min(Math.max(0, page), pages - 1);
    const mine = ++request;
    let slice: TradePage;
    try {
      slice = await loadPage(page * TRADES_PER_PAGE, TRADES_PER_PAGE);
    } catch (error) {
      replaceChildren(root, [el('p', { className: 'hint', text: `The trade log is not available: ${error instanceof Error ? error.message : String(error)}` })]);
      return;
    }
    // A later click won the race: its page is the one to show.
    if (mine !== request) return;
    const table = el('table', { className: 'data-table trades' }, [
      el('thead', {}, [el('tr', {}, view.trades.columns.map((c) => el('th', { attrs: { scope: 'col' }, text: c })))]),
      el('tbody', {}, slice.rows.map((row) => el('tr', {}, row.map((cell) => el('td', { text: cell }))))),
    ]);
    const status = el('span', { className: 'pager-status', text: `Page ${page + 1} of ${pages} (${view.trades.total} trades)` });
    const prev = el('button', { className: 'secondary', attrs: { type: 'button' }, text: 'Previous', on: { click: () => { page -= 1; void draw(); } } });
    const next = el('button', { className: 'secondary', attrs: { type: 'button' }, text: 'Next', on: { click: () => { page += 1; void draw(); } } });
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    replaceChildren(root, [el('div', { className: 'pager' }, [prev, status, next]), el('div', { className: 'table-scroll' }, [table])]);
  };
  void draw();
}
