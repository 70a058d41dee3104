/** The charts of a built report: every spec finds its data, and a date range restricts every chart to the range. */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build';
import { chartDataFor } from '../../src/report/chart-data';
import type { ExportOptions } from '../../src/report/model.types';
import { makeResult } from '../fixtures/backtestResult';

const OPTIONS: ExportOptions = { formats: ['pdf'], template: 'detailed', bom: true };

describe('report charts', () => {
  const result = makeResult({ days: 120 });

  it('gives every chart its data from a table of the report', () => {
    const report = buildReport(result, OPTIONS, { generatedAt: '2025-01-01T00:00:00Z' });
    const charts = report.sections.flatMap((s) => s.charts);
    expect(charts.length).toBeGreaterThanOrEqual(12);
    for (const spec of charts) {
      const data = chartDataFor(report, spec);
      expect(data, spec.id).not.toBeNull();
      expect(data?.series.length, spec.id).toBeGreaterThan(0);
    }
  });

  it('restricts every dated chart, its shaded periods and the return distribution to the export range', () => {
    const from = result.dates[40] ?? '';
    const to = result.dates[90] ?? '';
    const report = buildReport(result, { ...OPTIONS, dateRange: { from, to } }, { generatedAt: '2025-01-01T00:00:00Z' });
    for (const spec of report.sections.flatMap((s) => s.charts)) {
      const data = chartDataFor(report, spec);
      if (!data || data.xKind !== 'date') continue;
      expect(data.labels[0], spec.id).toBe(from);
      for (const label of data.labels) {
        expect(label >= from && label <= to, `${spec.id} ${label}`).toBe(true);
      }
      for (const band of spec.bands ?? []) expect(band.from >= from && band.to <= to, `${spec.id} band ${band.from}`).toBe(true);
      // The range starts after day 0: every return in it is a market period, none is left out.
      if (spec.kind === 'histogram') expect(spec.omitX).toBeUndefined();
    }
  });
});
