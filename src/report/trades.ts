/** The strategy's trades (`transaction_log`) and rebalance events (`rebalancing_events`). */
import type { BacktestResult, Trade } from '../engine/types';
import { currencyType, DATE, JSON_TEXT, makeColumn, PRICE, quantityType, TEXT } from './columns';
import { formatFileField } from './fastFormat';
import type { CellValue, Column, ColumnType, ReportTable } from './model.types';
import type { DayRange } from './range';

/** `event_type` of every trade: the engine trades only when it rebalances (`reason` says why). */
export const TRADE_EVENT_TYPE = 'rebalance';

/** Separator of `assets_changed` (`BTC;ETH`): not a CSV delimiter, so the field needs no quoting. */
export const ASSETS_CHANGED_SEPARATOR = ';';

/** `transaction_log`: one row per executed trade of the strategy, in execution order. */
export function buildTransactionTable(result: BacktestResult, range: DayRange): ReportTable {
  const money = currencyType(result.config.base_currency);
  const columns: Column[] = [
    makeColumn('date', 'Date', DATE),
    makeColumn('event_type', 'Event', TEXT, `Always "${TRADE_EVENT_TYPE}": trades happen only at rebalances`),
    makeColumn('asset', 'Asset', TEXT),
    makeColumn('action', 'Action', TEXT, 'buy or sell'),
    makeColumn('quantity', 'Quantity', quantityType(result.config.quantity_decimals), 'Units traded (positive)'),
    makeColumn('price', 'Price', PRICE, "Close price in the asset's own currency"),
    makeColumn('cost', 'Cost', money, 'Transaction cost, base currency'),
    makeColumn('reason', 'Reason', TEXT, 'initial, calendar, threshold or 5/25'),
    makeColumn('trade_value', 'Trade value', money, '|quantity| × price in the base currency'),
    makeColumn('currency', 'Currency', TEXT, "The asset's own currency (of price)"),
  ];
  const rows: CellValue[][] = [];
  for (const t of result.strategy.trades) {
    if (t.day < range.start || t.day > range.end) continue;
    rows.push([t.date, TRADE_EVENT_TYPE, t.asset, t.action, t.quantity, t.price, t.cost, t.reason, t.trade_value.abs(), t.currency]);
  }
  return { id: 'transaction_log', title: 'Transaction log', columns, rows };
}

/** The compact JSON of an event's trades: decimals as strings at the precision of the trade columns. */
export function formatTradeDetails(trades: Trade[], quantity: ColumnType, money: ColumnType): string {
  return JSON.stringify(
    trades.map((t) => ({
      asset: t.asset,
      action: t.action,
      quantity: formatFileField(t.quantity, quantity),
      price: formatFileField(t.price, PRICE),
      cost: formatFileField(t.cost, money),
    })),
  );
}

/** `rebalancing_events`: one row per rebalance that executed at least one trade. */
export function buildRebalancesTable(result: BacktestResult, range: DayRange): ReportTable {
  const money = currencyType(result.config.base_currency);
  const quantity = quantityType(result.config.quantity_decimals);
  const columns: Column[] = [
    makeColumn('date', 'Date', DATE),
    makeColumn('trigger_reason', 'Trigger', TEXT, 'initial, calendar, threshold or 5/25'),
    makeColumn('transaction_cost', 'Transaction cost', money, "Sum of the event's trade costs"),
    makeColumn('assets_changed', 'Assets changed', TEXT, `Symbols traded, configuration order, separated by "${ASSETS_CHANGED_SEPARATOR}"`),
    makeColumn('trade_details', 'Trade details', JSON_TEXT, 'JSON array of {asset, action, quantity, price, cost}'),
  ];
  const trades = result.strategy.trades;
  const rows: CellValue[][] = [];
  for (const event of result.strategy.rebalances) {
    if (event.day < range.start || event.day > range.end) continue;
    const eventTrades = event.trade_indexes.map((i) => trades[i]).filter((t): t is Trade => t !== undefined);
    rows.push([
      event.date,
      event.reason,
      event.transaction_cost,
      event.assets_changed.join(ASSETS_CHANGED_SEPARATOR),
      formatTradeDetails(eventTrades, quantity, money),
    ]);
  }
  return { id: 'rebalancing_events', title: 'Rebalancing events', columns, rows };
}
