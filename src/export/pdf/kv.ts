/** Small derived tables (key–value records, key figures, latest weights) built on the report model. */
import type { CellValue, Column, KeyFigure, ReportMeta, ReportTable } from '../../report/model.types';

const TEXT = { kind: 'text' } as const;

/** A two-column `Item | Value` table of text pairs. */
export function makeKeyValueTable(id: string, title: string, pairs: [string, string][]): ReportTable {
  return {
    id,
    title,
    columns: [
      { key: 'item', label: 'Item', type: TEXT },
      { key: 'value', label: 'Value', type: TEXT },
    ],
    rows: pairs.map(([k, v]) => [k, v]),
  };
}

/** The cover's headline figures: one row per key figure, one column per portfolio, typed per row. */
export function makeKeyFigureTable(meta: ReportMeta, figures: KeyFigure[]): ReportTable {
  const columns: Column[] = [{ key: 'metric', label: 'Metric', type: TEXT }];
  meta.portfolios.forEach((p) => {
    columns.push({ key: p.key, label: p.name, type: TEXT, typeByRow: figures.map((f) => f.type) });
  });
  const rows: CellValue[][] = figures.map((f) => [f.label, ...meta.portfolios.map((_, i) => f.values[i] ?? null)]);
  return { id: 'key_figures', title: 'Headline figures', columns, rows };
}

/** The last row of the allocations table turned into `Asset | Weight` (the latest weights). */
export function makeLatestWeightsTable(allocations: ReportTable): ReportTable | null {
  const last = allocations.rows[allocations.rows.length - 1];
  if (!last) return null;
  const date = String(last[0] ?? '');
  const weightColumn = allocations.columns.find((c, i) => i > 0 && c.type.kind === 'percent');
  const columns: Column[] = [
    { key: 'asset', label: 'Asset', type: TEXT },
    { key: 'weight', label: 'Weight', type: weightColumn?.type ?? { kind: 'percent', decimals: 2 } },
  ];
  const rows: CellValue[][] = [];
  allocations.columns.forEach((c, i) => {
    if (i === 0) return;
    rows.push([c.label.replace(/ weight$/i, ''), last[i] ?? null]);
  });
  return { id: 'latest_weights', title: `Latest weights (${date})`, columns, rows };
}
