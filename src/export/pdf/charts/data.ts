/** Reading a ChartSpec's numbers out of its report table (floats: charts are statistics). */
import type { ChartSpec, ReportTable } from '../../../report/model.types';
import { toNumber } from '../../../report/format';
import { parseIsoDay } from './scale';

/** One named series, aligned with the chart's x values (`null` where missing). */
export interface SeriesData {
  name: string;
  values: (number | null)[];
}

/** A chart's data: x as day numbers (dates) or categories (text), plus its series. */
export interface ChartData {
  xKind: 'date' | 'category';
  /** Day numbers when `xKind` is `date`; row positions otherwise. */
  x: number[];
  /** Category labels (the x column as text). */
  labels: string[];
  series: SeriesData[];
}

/** Pulls the x column and series columns of `spec` from `table`; `null` when a column is missing. */
export function extractChartData(spec: ChartSpec, table: ReportTable): ChartData | null {
  const xIndex = table.columns.findIndex((c) => c.key === spec.x);
  if (xIndex < 0) return null;
  const seriesIndices = spec.series.map((s) => table.columns.findIndex((c) => c.key === s.column));
  if (seriesIndices.some((i) => i < 0)) return null;
  const isDate = table.columns[xIndex]?.type.kind === 'date';
  const labels = table.rows.map((row) => String(row[xIndex] ?? ''));
  const x = isDate ? labels.map((l, i) => parseIsoDay(l) ?? i) : labels.map((_, i) => i);
  const series = spec.series.map((s, k) => {
    const column = seriesIndices[k] ?? 0;
    return { name: s.name, values: table.rows.map((row) => toNumber(row[column] ?? null)) };
  });
  return { xKind: isDate ? 'date' : 'category', x, labels, series };
}
