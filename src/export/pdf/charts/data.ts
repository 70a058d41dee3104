/**
 * A chart spec's data for the PDF: the report model's `chartData` (src/report/chart-data.ts),
 * the same shaping the page's charts get from the worker, looked up in the tables of the write.
 */
import { chartData, chartDataFor, type ChartData } from '../../../report/chart-data';
import type { ChartSpec, ReportTable } from '../../../report/model.types';

export { chartData, chartDataFor, type ChartData };

/** Pulls the x column and series columns of `spec` from `table`; `null` when a column is missing. */
export function extractChartData(spec: ChartSpec, table: ReportTable): ChartData | null {
  return chartData(spec, table);
}
