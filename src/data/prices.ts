/**
 * Parsing price CSVs (long `date,symbol,price[,currency]` or wide `date,<SYMBOL>…`) with
 * papaparse, rejecting what ../shared/spec/backtest.md rejects with row, column and value.
 * STUB: being implemented.
 */
import type { PriceData } from '../engine/types';

export function parsePriceCsv(text: string): PriceData {
  void text;
  throw new Error('parsePriceCsv: not implemented yet');
}
