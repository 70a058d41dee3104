/**
 * Building the report model from a backtest result and export options.
 * STUB: being implemented.
 */
import type { BacktestResult } from '../engine/types';
import type { ExportOptions, InputFileInfo, Report } from './model.types';

export interface BuildReportContext {
  /** Export time, ISO 8601 UTC; defaults to now. */
  generatedAt?: string;
  inputs?: { prices?: InputFileInfo; fx?: InputFileInfo };
}

export function buildReport(result: BacktestResult, options: ExportOptions, context: BuildReportContext = {}): Report {
  void result;
  void options;
  void context;
  throw new Error('buildReport: not implemented yet');
}
