/**
 * Summaries the templates print instead of long series, built from the report's own tables (no
 * statistic is computed here, only selected, counted or summed exactly): month-end rows of a
 * daily series, the rebalances as readable lines (never JSON), rebalances by reason and year,
 * the worst drawdowns, the current allocation beside its risk contributions.
 */
import Decimal from 'decimal.js';
import { formatDisplayValue, toDecimal } from '../../report/format';
import type { CellValue, ReportMeta, ReportTable } from '../../report/model.types';
import { columnIndex, convertTable, makeNamer } from './convert';
import { formatCount } from './labels';
import type { PrintCell, PrintTable } from './tables';
import { COLORS } from './style';

/** Indices of the last row of every calendar month of a date-indexed table (first column `YYYY-MM-DD`). */
export function monthEndRows(table: ReportTable): number[] {
  const out: number[] = [];
  table.rows.forEach((row, i) => {
    const month = String(row[0] ?? '').slice(0, 7);
    const next = String(table.rows[i + 1]?.[0] ?? '').slice(0, 7);
    if (month !== next) out.push(i);
  });
  return out;
}

/** The sentence under a month-end table: what it shows and where every row is. */
export function monthEndNote(shown: number, total: number, where: string): string {
  return `Month-end rows: ${formatCount(shown)} of ${formatCount(total)} rows (the last date of each month), ${formatCount(total - shown)} left out. ${where}`;
}

/** How a trigger reason reads. */
export function reasonLabel(reason: string): string {
  switch (reason) {
    case 'initial':
      return 'Initial';
    case 'calendar':
      return 'Calendar';
    case 'threshold':
      return 'Threshold';
    case '5/25':
      return '5/25 band';
    default:
      return reason.charAt(0).toUpperCase() + reason.slice(1);
  }
}

/** One trade of a rebalance's `trade_details`. */
interface TradeDetail {
  asset: string;
  action: string;
  quantity?: string;
  price?: string;
  cost?: string;
}

function parseDetails(json: CellValue): TradeDetail[] | null {
  if (typeof json !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return null;
    return parsed.filter((t): t is TradeDetail => typeof t === 'object' && t !== null && typeof (t as TradeDetail).asset === 'string');
  } catch {
    return null;
  }
}

function decimalText(value: string | undefined, kind: 'price' | 'money' | 'quantity'): string {
  const d = value === undefined ? null : toDecimal(value);
  if (d === null) return value ?? '';
  if (kind === 'price') return formatDisplayValue(d, { kind: 'price' });
  const decimals = kind === 'money' ? 2 : Math.max(0, (value?.split('.')[1] ?? '').length);
  return formatDisplayValue(d, { kind: 'quantity', decimals });
}

/**
 * The rebalancing events as people read them: date, reason, assets bought and sold, number of
 * trades, cost; `full` spells out every trade (`buy BTC 0.01234567 at 17,200.0000, cost 2.12`).
 */
export function readableRebalances(meta: ReportMeta, table: ReportTable, full: boolean, rowIndices?: number[]): PrintTable {
  const at = (key: string): number => columnIndex(table, key);
  const [date, reason, cost, assets, details] = [at('date'), at('trigger_reason'), at('transaction_cost'), at('assets_changed'), at('trade_details')];
  const costColumn = table.columns[cost];
  const currency = costColumn?.type.kind === 'currency' ? costColumn.type.currency : meta.run?.baseCurrency;
  const rows = (rowIndices ?? table.rows.map((_, i) => i)).map((r): PrintCell[] => {
    const row = table.rows[r] ?? [];
    const trades = parseDetails(row[details] ?? null);
    const bought = trades?.filter((t) => t.action === 'buy').map((t) => t.asset) ?? [];
    const sold = trades?.filter((t) => t.action === 'sell').map((t) => t.asset) ?? [];
    const changed = String(row[assets] ?? '').split(';').filter(Boolean).join(', ');
    const costText = costColumn ? formatDisplayValue(row[cost] ?? null, costColumn.type) : '';
    const cells: PrintCell[] = [{ text: String(row[date] ?? '') }, { text: reasonLabel(String(row[reason] ?? '')) }];
    if (full) {
      const lines = trades?.map((t) => `${t.action} ${t.asset} ${decimalText(t.quantity, 'quantity')} at ${decimalText(t.price, 'price')}, cost ${decimalText(t.cost, 'money')}`);
      cells.push({ text: lines ? lines.join('; ') : changed });
    } else {
      cells.push({ text: trades ? bought.join(', ') || '—' : changed }, { text: trades ? sold.join(', ') || '—' : '' });
      cells.push({ text: trades ? String(trades.length) : '' });
    }
    cells.push({ text: costText });
    return cells;
  });
  const money = `Cost${currency ? ` (${currency})` : ''}`;
  const columns = full
    ? [
        { label: 'Date', numeric: false },
        { label: 'Reason', numeric: false },
        { label: 'Trades (action, asset, quantity, price in the asset’s currency, cost)', numeric: false, wraps: true },
        { label: money, numeric: true },
      ]
    : [
        { label: 'Date', numeric: false },
        { label: 'Reason', numeric: false },
        { label: 'Bought', numeric: false, wraps: true },
        { label: 'Sold', numeric: false, wraps: true },
        { label: 'Trades', numeric: true },
        { label: money, numeric: true },
      ];
  return { title: 'Rebalances', columns, rows, keyColumn: true };
}

function sum(values: Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), new Decimal(0));
}

/** One calendar year of rebalances. */
interface YearEntry {
  counts: Map<string, number>;
  costs: Decimal[];
  trades: number;
  value: Decimal[];
}

/**
 * Rebalances counted by reason and calendar year, with the year's trades, traded value and costs
 * (exact sums of the trade and event tables), and a total row.
 */
export function rebalancesByYear(meta: ReportMeta, rebalances: ReportTable, trades: ReportTable | undefined): PrintTable | null {
  const date = columnIndex(rebalances, 'date');
  const reason = columnIndex(rebalances, 'trigger_reason');
  const cost = columnIndex(rebalances, 'transaction_cost');
  if (date < 0 || reason < 0) return null;
  const reasons = [...new Set(rebalances.rows.map((r) => String(r[reason] ?? '')))];
  const years = new Map<string, YearEntry>();
  const yearOf = (d: CellValue): string => String(d ?? '').slice(0, 4);
  const entry = (y: string): YearEntry => {
    let e = years.get(y);
    if (!e) years.set(y, (e = { counts: new Map(), costs: [], trades: 0, value: [] }));
    return e;
  };
  for (const row of rebalances.rows) {
    const e = entry(yearOf(row[date] ?? null));
    const r = String(row[reason] ?? '');
    e.counts.set(r, (e.counts.get(r) ?? 0) + 1);
    const c = toDecimal(row[cost] ?? null);
    if (c) e.costs.push(c);
  }
  const tradeDate = trades ? columnIndex(trades, 'date') : -1;
  const tradeValue = trades ? columnIndex(trades, 'trade_value') : -1;
  if (trades && tradeDate >= 0) {
    for (const row of trades.rows) {
      const e = entry(yearOf(row[tradeDate] ?? null));
      e.trades += 1;
      const v = tradeValue >= 0 ? toDecimal(row[tradeValue] ?? null) : null;
      if (v) e.value.push(v.abs());
    }
  }
  const currency = meta.run?.baseCurrency ?? '';
  const money = (d: Decimal): string => formatDisplayValue(d, { kind: 'currency', currency, decimals: 2 });
  const sorted = [...years.keys()].sort();
  const withTrades = trades !== undefined && tradeDate >= 0;
  const rowFor = (label: string, list: YearEntry[], bold: boolean): PrintCell[] => {
    const count = (r: string): number => list.reduce((a, e) => a + (e.counts.get(r) ?? 0), 0);
    const cells: PrintCell[] = [{ text: label, bold }, ...reasons.map((r) => ({ text: formatCount(count(r)), bold }))];
    cells.push({ text: formatCount(reasons.reduce((a, r) => a + count(r), 0)), bold });
    if (withTrades) {
      cells.push({ text: formatCount(list.reduce((a, e) => a + e.trades, 0)), bold });
      cells.push({ text: money(sum(list.flatMap((e) => e.value))), bold });
    }
    cells.push({ text: money(sum(list.flatMap((e) => e.costs))), bold });
    return cells;
  };
  const rows = sorted.map((y) => rowFor(y, [entry(y)], false));
  rows.push(rowFor('Total', [...years.values()], true));
  const suffix = currency ? ` (${currency})` : '';
  const columns = [
    { label: 'Year', numeric: false },
    ...reasons.map((r) => ({ label: reasonLabel(r), numeric: true })),
    { label: 'Rebalances', numeric: true },
    ...(withTrades ? [{ label: 'Trades', numeric: true }, { label: `Traded value${suffix}`, numeric: true }] : []),
    { label: `Costs${suffix}`, numeric: true },
  ];
  return { title: 'Rebalances by reason and year', columns, rows, keyColumn: true };
}

/** The `count` deepest drawdowns (the table is deepest first), in days where the table has them. */
export function worstDrawdowns(meta: ReportMeta, table: ReportTable, count: number, title: string): PrintTable {
  const keys = ['start', 'trough', 'recovery', 'depth', columnIndex(table, 'length_days') >= 0 ? 'length_days' : 'length', 'days_to_recover'];
  const columns = keys.map((k) => columnIndex(table, k)).filter((i) => i >= 0);
  const shown = Math.min(count, table.rows.length);
  const rows = table.rows.slice(0, shown).map((_, i) => i);
  const printed = convertTable(meta, table, { rowIndices: rows, columnIndices: columns, title, footnote: null });
  // An open drawdown has no recovery date: say so instead of leaving the cell blank.
  const recovery = columns.indexOf(columnIndex(table, 'recovery'));
  if (recovery >= 0) for (const row of printed.rows) if (row[recovery]?.text === '') row[recovery] = { text: 'not recovered', color: COLORS.muted };
  return printed;
}

/**
 * The current allocation beside each asset's share of risk: `volatility_decomposition` (final
 * weights) plus cash from the last allocation row; `null` when neither table is there.
 */
export function allocationAndRisk(meta: ReportMeta, decomposition: ReportTable | undefined, allocations: ReportTable | undefined, title: string): PrintTable | null {
  const name = makeNamer(meta);
  if (decomposition) {
    const columns = ['asset', 'weight', 'volatility', 'contribution_share'].map((k) => columnIndex(decomposition, k)).filter((i) => i >= 0);
    const printed = convertTable(meta, decomposition, { columnIndices: columns, title, footnote: null });
    const last = allocations?.rows[allocations.rows.length - 1];
    const cash = allocations ? columnIndex(allocations, 'cash_weight') : -1;
    if (last && cash >= 0) {
      const weight = formatDisplayValue(last[cash] ?? null, { kind: 'percent', decimals: 2 });
      printed.rows.push([{ text: 'Cash' }, { text: weight }, ...columns.slice(2).map(() => ({ text: '' }))]);
    }
    return printed;
  }
  if (!allocations) return null;
  const last = allocations.rows.length - 1;
  if (last < 0) return null;
  return {
    title,
    columns: [
      { label: 'Asset', numeric: false, wraps: true },
      { label: 'Weight', numeric: true },
    ],
    rows: allocations.columns.slice(1).map((c, i) => [
      { text: name(c.label.replace(/ weight$/i, '')) },
      { text: formatDisplayValue(allocations.rows[last]?.[i + 1] ?? null, c.type) },
    ]),
    keyColumn: true,
  };
}
