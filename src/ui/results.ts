/**
 * Results without charts: headline figure cards, the metrics comparison table and the paginated
 * trade log. Every value is display text prepared in the worker.
 */
import { plural } from '../plural';
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

/**
 * Columns for `count` cards when at most `max` fit a row: the fewest rows, then as even as can
 * be, so no card is left alone on its last row (8 cards: 4 + 4, never 7 + 1).
 */
export function balancedColumns(count: number, max: number): number {
  const fit = Math.max(1, Math.floor(max));
  if (count <= fit) return Math.max(1, count);
  const rows = Math.ceil(count / fit);
  return Math.ceil(count / rows);
}

/** Smallest card width and gap (CSS px), as in styles.css. */
const CARD_MIN_WIDTH = 150;
const CARD_GAP = 10;

function layoutCards(root: HTMLElement): void {
  const width = root.clientWidth;
  if (width === 0) return;
  const max = Math.floor((width + CARD_GAP) / (CARD_MIN_WIDTH + CARD_GAP));
  root.style.setProperty('--card-columns', String(balancedColumns(root.childElementCount, max)));
}

const cardObservers = new WeakSet<HTMLElement>();

/** Draws the figure cards, in a grid whose rows are as even as the width allows. */
export function renderCards(root: HTMLElement, view: ResultView): void {
  if (!cardObservers.has(root) && typeof ResizeObserver === 'function') {
    cardObservers.add(root);
    new ResizeObserver(() => layoutCards(root)).observe(root);
  }
  replaceChildren(
    root,
    view.cards.map((c) =>
      el('div', { className: `card tone-${c.tone}`, dataset: { metric: c.key } }, [
        el('span', { className: 'card-label', text: c.label }),
        el('span', { className: 'card-value', text: c.value }),
      ]),
    ),
  );
  layoutCards(root);
}

/** True when every non-empty cell of a column reads as a number (`-1,234.5`, `12.3%`, `1.2 USD`), so it is right-aligned. */
export function isNumericColumn(rows: readonly (readonly string[])[], column: number): boolean {
  let seen = false;
  for (const row of rows) {
    const cell = (row[column] ?? '').trim();
    if (cell === '' || cell === 'n/a') continue;
    if (!/^[−+-]?[\d,]*\.?\d+(?:e[+-]?\d+)?\s?(?:%|[A-Z]{3})?$/.test(cell)) return false;
    seen = true;
  }
  return seen;
}

/** A table of display text: numeric columns right-aligned, text left; the first column a row header when `rowHeaders`. */
export function buildTable(columns: readonly string[], rows: readonly (readonly string[])[], options: { className?: string; rowHeaders?: boolean; caption?: string } = {}): HTMLTableElement {
  const numeric = columns.map((_, i) => isNumericColumn(rows, i));
  const align = (i: number): string => (numeric[i] ? 'num' : 'text');
  return el('table', { className: `data-table ${options.className ?? ''}`.trim() }, [
    options.caption ? el('caption', { className: 'visually-hidden', text: options.caption }) : null,
    el('thead', {}, [el('tr', {}, columns.map((c, i) => el('th', { className: align(i), attrs: { scope: 'col' }, text: c })))]),
    el(
      'tbody',
      {},
      rows.map((row) =>
        el(
          'tr',
          {},
          row.map((cell, i) => (i === 0 && options.rowHeaders ? el('th', { className: align(i), attrs: { scope: 'row' }, text: cell }) : el('td', { className: align(i), text: cell }))),
        ),
      ),
    ),
  ]);
}

/** Draws the metrics table: one row per metric (its name stays in view when scrolling sideways), one column per portfolio. */
export function renderMetrics(root: HTMLElement, view: ResultView): void {
  const head = el('tr', {}, [
    el('th', { className: 'text sticky-col', attrs: { scope: 'col' }, text: 'Metric' }),
    ...view.metrics.portfolios.map((p) => el('th', { className: 'num', attrs: { scope: 'col' }, text: p })),
  ]);
  const body = view.metrics.rows.map((r) =>
    el('tr', {}, [
      el('th', { className: 'text sticky-col', attrs: { scope: 'row', title: r.formula }, text: r.label }),
      ...r.values.map((v) => el('td', { className: 'num', text: v })),
    ]),
  );
  replaceChildren(root, [el('table', { className: 'data-table metrics-table' }, [el('caption', { className: 'visually-hidden', text: 'Metrics of the strategy and its benchmarks' }), el('thead', {}, [head]), el('tbody', {}, body)])]);
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
    const table = buildTable(view.trades.columns, slice.rows, { className: 'trades', caption: 'Trade log of the strategy' });
    const status = el('span', { className: 'pager-status', attrs: { 'aria-live': 'polite' }, text: `Page ${page + 1} of ${pages} (${plural(view.trades.total, 'trade')})` });
    const focused = root.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.pager : undefined;
    const prev = el('button', { className: 'secondary', attrs: { type: 'button' }, dataset: { pager: 'prev' }, text: 'Previous', on: { click: () => { page -= 1; void draw(); } } });
    const next = el('button', { className: 'secondary', attrs: { type: 'button' }, dataset: { pager: 'next' }, text: 'Next', on: { click: () => { page += 1; void draw(); } } });
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    replaceChildren(root, [el('div', { className: 'pager' }, [prev, status, next]), el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Trade log' } }, [table])]);
    // Paging by keyboard keeps focus on the button pressed (or the other one once it is disabled).
    if (focused === 'prev') (prev.disabled ? next : prev).focus();
    if (focused === 'next') (next.disabled ? prev : next).focus();
  };
  void draw();
}

/** A table of the analysis as the worker sends it (display text, numeric columns flagged). */
export interface AnalysisTable {
  id: string;
  title: string;
  columns: { label: string; numeric: boolean; description: string }[];
  rows: string[][];
  rowTitles?: string[];
  note?: string;
}

/** Draws the analysis tables (trailing, yearly, worst drawdowns): the first column names the row and stays in view. */
export function renderAnalysisTables(root: HTMLElement, tables: readonly AnalysisTable[]): void {
  replaceChildren(root, tables.map((t) => analysisTable(t)));
}

/** One analysis table with its heading, in a scroll region that keeps the first column in view. */
export function analysisTable(t: AnalysisTable, options: { heading?: boolean } = {}): HTMLElement {
  const headId = `analysis-${t.id}`;
  const head = el('tr', {}, t.columns.map((c, i) =>
    el('th', { className: `${c.numeric ? 'num' : 'text'}${i === 0 ? ' sticky-col' : ''}`, attrs: { scope: 'col', ...(c.description ? { title: c.description } : {}) }, text: c.label }),
  ));
  // Losses in red, except in the metrics table, where a negative skew or VaR is no loss.
  const tinted = t.id !== 'performance_summary';
  const body = t.rows.map((row, r) =>
    el('tr', {}, row.map((cell, i) => {
      const numeric = t.columns[i]?.numeric ?? false;
      const tone = tinted && numeric && /^[−-]\d/.test(cell) ? ' negative' : '';
      const title = t.rowTitles?.[r];
      return i === 0
        ? el('th', { className: 'text sticky-col', attrs: { scope: 'row', ...(title ? { title } : {}) }, text: cell })
        : el('td', { className: `${numeric ? 'num' : 'text'}${tone}`, text: cell === '' ? '–' : cell });
    })),
  );
  const table = el('table', { className: 'data-table analysis' }, [el('thead', {}, [head]), el('tbody', {}, body)]);
  const heading = el('h4', { id: headId, className: options.heading === false ? 'visually-hidden' : '', text: t.title });
  // The scroll region is the landmark (named by the heading); the block around it is not another.
  return el('div', { className: 'analysis-block', dataset: { table: t.id } }, [
    heading,
    el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-labelledby': headId } }, [table]),
    t.note ? el('p', { className: 'hint', text: t.note }) : null,
  ]);
}
