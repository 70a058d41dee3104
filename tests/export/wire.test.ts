import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/engine/decimal';
import { decodeReport, encodeReport, isDecimalValue, transferablesOf } from '../../src/export/wire';
import { buildReport } from '../../src/report/build';
import { reportFromTables } from '../../src/report/host';
import type { CellValue, Report } from '../../src/report/model.types';
import { makeResult } from '../fixtures/backtestResult';

/** Every cell of every table, in order, as `[kind, text]` so Decimals and numbers compare exactly. */
function cells(report: Report): [string, string][] {
  const describe = (value: CellValue): [string, string] =>
    value === null ? ['null', ''] : isDecimalValue(value) ? ['decimal', value.toString()] : [typeof value, String(value)];
  return report.sections.flatMap((s) => s.tables.flatMap((t) => t.rows.flatMap((row) => row.map(describe))));
}

const toDecimal = (text: string): CellValue => new Dec(text);

describe('the report on the wire to the export worker', () => {
  it('brings a backtest report back cell for cell: Decimals as Decimals with their exact digits', async () => {
    const report = buildReport(makeResult(), { formats: ['csv'], template: 'detailed', bom: true }, { generatedAt: '2025-09-06T08:38:40Z' });
    const encoded = await encodeReport(report);
    expect(encoded.tagged).toBe(true);
    const decoded = decodeReport(encoded, toDecimal);
    expect(cells(decoded)).toEqual(cells(report));
    expect(cells(report).some(([kind]) => kind === 'decimal')).toBe(true);
    // Key figures (Decimal money too) come back as values of the same kind and digits.
    const figures = (r: Report): string[][] => r.meta.keyFigures.map((k) => k.values.map((v) => `${isDecimalValue(v) ? 'decimal' : typeof v}:${String(v)}`));
    expect(figures(decoded)).toEqual(figures(report));
    expect({ ...decoded.meta, keyFigures: [] }).toEqual(JSON.parse(JSON.stringify({ ...report.meta, keyFigures: [] })));
    const money = decoded.sections.flatMap((s) => s.tables).flatMap((t) => t.rows.flat()).find(isDecimalValue);
    expect(Decimal.isDecimal(money)).toBe(true);
  });

  it('keeps non-finite numbers as numbers, tiny Decimals exact, and strings that look like tags as strings', async () => {
    const report: Report = {
      meta: reportFromTables({ title: 'T', tables: [] }).meta,
      sections: [
        {
          id: 's',
          title: 'S',
          charts: [],
          tables: [
            {
              id: 't',
              title: 'T',
              columns: [
                { key: 'n', label: 'n', type: { kind: 'number', decimals: 2 } },
                { key: 's', label: 's', type: { kind: 'text' } },
              ],
              rows: [
                [Number.NaN, '{"$decimal":"1"}'],
                [Number.POSITIVE_INFINITY, ''],
                [Number.NEGATIVE_INFINITY, null],
                [new Dec('-0.000000000000000000000000001'), '$number'],
              ],
            },
          ],
        },
      ],
    };
    const decoded = decodeReport(await encodeReport(report), toDecimal);
    const rows = decoded.sections[0]!.tables[0]!.rows;
    expect(rows.map((r) => r[0]).slice(0, 3)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(String(rows[3]![0])).toBe('-0.000000000000000000000000001');
    expect(rows.map((r) => r[1])).toEqual(['{"$decimal":"1"}', '', null, '$number']);
  });

  it('encodes a large table in slices, awaiting the checkpoint between them, in transferable buffers of its own', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => ['2024-01-01', `r${i}`, String(i), i / 7]);
    const report = reportFromTables({
      title: 'Big',
      tables: [{ id: 'big', title: 'Big', columns: [{ key: 'd', type: 'date' }, { key: 't', type: 'text' }, { key: 'm', type: 'currency' }, { key: 'p', type: 'percent' }], rows }],
    });
    let checkpoints = 0;
    const encoded = await encodeReport(report, async () => {
      checkpoints++;
    });
    expect(encoded.tagged).toBe(false);
    expect(encoded.rows.length).toBeGreaterThan(4);
    expect(checkpoints).toBe(encoded.rows.length);
    const buffers = transferablesOf(encoded);
    expect(new Set(buffers).size).toBe(buffers.length);
    for (const buffer of buffers) expect(buffer).toBeInstanceOf(ArrayBuffer);
    // Moved, not copied: after a transfer the page's copy is gone.
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<typeof encoded>((resolve) => port2.addEventListener('message', (event) => resolve((event as MessageEvent<typeof encoded>).data)));
    port2.start();
    port1.postMessage(encoded, buffers);
    const arrived = await received;
    port1.close();
    port2.close();
    expect(encoded.skeleton.byteLength).toBe(0);
    const decoded = decodeReport(arrived, toDecimal);
    expect(decoded.sections[0]!.tables[0]!.rows).toEqual(report.sections[0]!.tables[0]!.rows);
  });
});
