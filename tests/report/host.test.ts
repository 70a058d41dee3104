import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import { reportFromTables } from '../../src/report/host';

describe('reportFromTables', () => {
  const report = reportFromTables({
    title: 'Sales 2024',
    author: 'Ops',
    generatedAt: '2025-01-02T03:04:05Z',
    tables: [
      {
        id: 'sales',
        title: 'Sales',
        columns: [
          { key: 'day', label: 'Day', type: 'date' },
          { key: 'region', type: 'text' },
          { key: 'amount', label: 'Amount', type: 'currency', currency: 'EUR' },
          { key: 'units', type: { kind: 'quantity', decimals: 3 } },
          { key: 'price', type: 'price' },
          { key: 'share', type: 'percent' },
          { key: 'orders', type: 'integer' },
          { key: 'extra', type: 'json' },
        ],
        rows: [
          [new Date('2024-01-02T00:00:00Z'), 'North', 12.5, '1.25', 0.1, 0.25, 3, { a: 1 }],
          ['2024-01-03', 'South', '-3', 2, new Decimal('17200.5'), null, '4', undefined],
        ],
      },
      { title: 'Second table!', columns: [{ key: 'x', type: 'number' }], rows: [[1.5]] },
    ],
    charts: [
      { id: 'amounts', title: 'Amounts', kind: 'bar', tableId: 'sales', x: 'region', series: [{ column: 'amount', name: 'Amount' }], xLabel: 'Region', yLabel: 'EUR', yFormat: 'currency' },
    ],
  });

  it('makes one section per table, titled like the table, with its charts', () => {
    expect(report.sections.map((s) => [s.id, s.title])).toEqual([['sales', 'Sales'], ['second_table', 'Second table!']]);
    expect(report.sections[0]!.charts.map((c) => c.id)).toEqual(['amounts']);
    expect(report.meta.title).toBe('Sales 2024');
    expect(report.meta.options).toMatchObject({ prefix: 'sales_2024', bom: true, template: 'detailed', author: 'Ops' });
    expect(report.meta.run).toBeUndefined();
  });

  it('coerces cells to their column types (exact decimal text for money, quantities, prices)', () => {
    const [first, second] = report.sections[0]!.tables[0]!.rows;
    expect(first![0]).toBe('2024-01-02');
    expect(first![2]).toBe('12.5');
    expect(first![3]).toBe('1.25');
    expect(first![4]).toBe('0.1');
    expect(first![7]).toBe('{"a":1}');
    expect(second![2]).toBe('-3');
    // A decimal.js Decimal from the host keeps its exact value.
    expect(second![4]).toBe('17200.5');
    expect(second![5]).toBeNull();
    expect(second![6]).toBe(4);
    expect(second![7]).toBeNull();
    expect(report.sections[0]!.tables[0]!.columns[1]!.label).toBe('region');
  });

  it('reports every mismatch together, naming table, row, column and value', () => {
    try {
      reportFromTables({
        title: 'Bad',
        tables: [
          {
            id: 'bad',
            title: 'Bad',
            columns: [{ key: 'day', type: 'date' }, { key: 'amount', type: 'currency' }, { key: 'n', type: 'integer' }],
            rows: [['2024-13', 'abc', 1.5], ['2024-01-01', 1]],
          },
        ],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BackfolioError);
      const e = error as BackfolioError;
      expect(e.code).toBe('EXPORT_FAILED');
      expect(e.issues.map((i) => i.path)).toEqual([
        'table "bad", row 1, column day',
        'table "bad", row 1, column amount',
        'table "bad", row 1, column n',
        'table "bad", row 2',
      ]);
      expect(e.message).toContain('table "bad", row 1, column amount: got "abc", expected a finite number');
    }
  });

  it('accepts money only in plain decimal notation: no hex, no Infinity, no decimal comma', () => {
    const money = (cell: string | number): unknown =>
      reportFromTables({ title: 'T', tables: [{ id: 't', title: 'T', columns: [{ key: 'm', type: 'currency' }], rows: [[cell]] }] }).sections[0]!.tables[0]!.rows[0]![0];
    expect(['-12.50', '.5', '+3', '1e-7', ' 4 '].map(money)).toEqual(['-12.50', '.5', '+3', '1e-7', '4']);
    expect(money(0.1)).toBe('0.1');
    for (const bad of ['0x10', 'Infinity', '1,5', '12 EUR', 'NaN']) expect(() => money(bad), bad).toThrow(/column m: got ".*", expected a finite number/);
    expect(() => money(Number.POSITIVE_INFINITY)).toThrow(/expected a finite number/);
  });

  it('rejects duplicate column keys and charts over unknown tables or columns', () => {
    expect(() =>
      reportFromTables({ title: 'T', tables: [{ id: 't', title: 'T', columns: [{ key: 'a', type: 'text' }, { key: 'a', type: 'text' }], rows: [] }] }),
    ).toThrow(/column 2: got "a", expected a key not used by another column/);
    expect(() =>
      reportFromTables({
        title: 'T',
        tables: [{ id: 't', title: 'T', columns: [{ key: 'a', type: 'text' }], rows: [] }],
        charts: [{ id: 'c', title: 'c', kind: 'line', tableId: 'nope', x: 'a', series: [], xLabel: '', yLabel: '', yFormat: 'number' }],
      }),
    ).toThrow(/chart "c", tableId: got "nope"/);
  });

  it('names an unknown column type', () => {
    expect(() =>
      reportFromTables({ title: 'T', tables: [{ id: 't', title: 'T', columns: [{ key: 'a', type: 'money' as never }], rows: [['x']] }] }),
    ).toThrow(/table "t", column a, type: got "money", expected one of date, integer/);
  });

  it('makes table ids file-safe and unique', () => {
    const r = reportFromTables({
      title: 'T',
      tables: [
        { id: '../evil', title: 'A', columns: [], rows: [] },
        { id: 'evil', title: 'B', columns: [], rows: [] },
        { id: 'metadata', title: 'C', columns: [], rows: [] },
        { title: '比特币', columns: [], rows: [] },
      ],
    });
    expect(r.sections.map((s) => s.id)).toEqual(['evil', 'evil_2', 'metadata_table', 'table_4']);
  });

  it("records where the host's data comes from, checking each field's type", () => {
    const table = { id: 't', title: 'T', columns: [{ key: 'a', type: 'integer' as const }], rows: [[1]] };
    const demo = reportFromTables({ title: 'Demo', tables: [table], data: { synthetic: true, source: 'seed 7', extra: 1 } as never });
    expect(demo.meta.inputs).toEqual({ data: { synthetic: true, source: 'seed 7' } });
    expect(reportFromTables({ title: 'Plain', tables: [table] }).meta.inputs).toBeUndefined();
    expect(() => reportFromTables({ title: 'Bad', tables: [table], data: { synthetic: 'yes' as never, source: 7 as never } })).toThrow(
      /data\.synthetic: got "yes", expected true or false[\s\S]*data\.source: got "7", expected text naming where the data comes from/,
    );
  });
});
