/**
 * Parsing FX CSVs (`date,from_currency,to_currency,rate`).
 * STUB: being implemented.
 */
import type { FxData } from '../engine/types';

export function parseFxCsv(text: string): FxData {
  void text;
  throw new Error('parseFxCsv: not implemented yet');
}
