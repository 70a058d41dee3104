/**
 * Column constructors shared by the report tables, so every table types the same kind of value
 * the same way (money 2 decimals in the base currency, fractions as percent, ratios as numbers).
 */
import type { MetricUnit } from '../engine/types';
import { assertNever, type Column, type ColumnType } from './model.types';

/** Decimals shown on screens for percentages and ratios (backtest.md, Precision). */
export const DISPLAY_DECIMALS = 2;

export const DATE: ColumnType = { kind: 'date' };
export const TEXT: ColumnType = { kind: 'text' };
export const JSON_TEXT: ColumnType = { kind: 'json' };
export const INTEGER: ColumnType = { kind: 'integer' };
/** A calendar year: an integer shown without a thousands separator (2024, not 2,024). */
export const YEAR: ColumnType = { kind: 'integer', grouping: false };
export const PERCENT: ColumnType = { kind: 'percent', decimals: DISPLAY_DECIMALS };
export const RATIO: ColumnType = { kind: 'number', decimals: DISPLAY_DECIMALS };
export const PRICE: ColumnType = { kind: 'price' };

/** Money in `currency`, to the cent. */
export function currencyType(currency: string): ColumnType {
  return { kind: 'currency', currency, decimals: 2 };
}

/** Quantities to the run's `quantity_decimals`. */
export function quantityType(decimals: number): ColumnType {
  return { kind: 'quantity', decimals };
}

/** The column type of a metric's unit: percent for fractions, number for ratios, currency for money, integer for counts. */
export function metricColumnType(unit: MetricUnit, baseCurrency: string): ColumnType {
  switch (unit) {
    case 'percent':
      return PERCENT;
    case 'ratio':
    case 'number':
      return RATIO;
    case 'currency':
      return currencyType(baseCurrency);
    case 'integer':
    case 'periods':
      return INTEGER;
    default:
      return assertNever(unit);
  }
}

/** A column; `description` only when given (keeps the model small and JSON-clean). */
export function makeColumn(key: string, label: string, type: ColumnType, description?: string): Column {
  return description === undefined ? { key, label, type } : { key, label, type, description };
}

/**
 * Column keys made unique by a `_2`, `_3` … suffix: two portfolios with the same snake_case
 * name (a strategy and a benchmark both called `bitcoin`) must not give a file two equal columns.
 */
export function uniqueKeys(keys: string[]): string[] {
  const seen = new Set<string>();
  return keys.map((key) => {
    let candidate = key;
    for (let n = 2; seen.has(candidate); n += 1) candidate = `${key}_${n}`;
    seen.add(candidate);
    return candidate;
  });
}
