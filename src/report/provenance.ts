/**
 * Where a report's data comes from, read the one way every writer prints it: from what the
 * report records about its inputs (`InputFileInfo.synthetic` / `source`, or a host's `data`),
 * never from a file name or a title.
 */
import type { DataSourceInfo, ReportMeta } from './model.types';

/** The data's origin: the price file's facts for a backtest, the host's `data` for its tables. */
export function dataOrigin(meta: Pick<ReportMeta, 'inputs'>): DataSourceInfo | undefined {
  return meta.inputs?.prices ?? meta.inputs?.data;
}

/**
 * The words every file uses for synthetic data, or `null` when the data is not marked synthetic:
 * "Synthetic prices, not market data" (a backtest) or "Synthetic data, not real figures" (a host's tables).
 */
export function syntheticNotice(meta: Pick<ReportMeta, 'inputs' | 'run'>): string | null {
  if (dataOrigin(meta)?.synthetic !== true) return null;
  return meta.run !== undefined || meta.inputs?.prices !== undefined ? 'Synthetic prices, not market data' : 'Synthetic data, not real figures';
}
