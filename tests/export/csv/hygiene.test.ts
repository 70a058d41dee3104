import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { toDec } from '../../../src/engine/decimal';
import { formatHeader, formatRows, neutraliseFormula, quoteField } from '../../../src/export/csv/encode';
import { buildReport } from '../../../src/report/build';
import type { ExportOptions, ReportTable } from '../../../src/report/model.types';
import { formatTradeDetails } from '../../../src/report/trades';
import { reportFromTables } from '../../../src/report/host';
import { makeResult } from '../../fixtures/backtestResult';
import { writeAndRead } from './helpers';

const OPTIONS: ExportOptions = { formats: ['csv'], template: 'detailed', bom: true };

describe('csv encoding', () => {
  it('neutralises formula starts on text only', () => {
    expect(['=CMD', '+X', '-1', '@SUM', '\tx', '\rx', 'ok', "'x", ''].map(neutraliseFormula)).toEqual([
      "'=CMD", "'+X", "'-1", "'@SUM", "'\tx", "'\rx", 'ok', "'x", '',
    ]);
  });

  it('quotes fields with comma, quote, CR or LF and doubles quotes', () => {
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('a\nb')).toBe('"a\nb"');
    expect(quoteField('a\rb')).toBe('"a\rb"');
    expect(quoteField('plain; text')).toBe('plain; text');
  });

  it('never alters numbers, writes no exponent and leaves missing values empty', () => {
    const table: ReportTable = {
      id: 't',
      title: 't',
      columns: [
        { key: '-neg', label: 'n', type: { kind: 'number', decimals: 2 } },
        { key: 'p', label: 'p', type: { kind: 'percent', decimals: 2 } },
        { key: 'c', label: 'c', type: { kind: 'currency', currency: 'USD', decimals: 2 } },
        { key: 'q', label: 'q', type: { kind: 'quantity', decimals: 8 } },
        { key: 'px', label: 'px', type: { kind: 'price' } },
        { key: 'i', label: 'i', type: { kind: 'integer' } },
        { key: 's', label: 's', type: { kind: 'text' } },
      ],
      rows: [
        [-0.5, 1e-7, toDec('1e21'), toDec('0.00000001'), toDec('1e-9'), 1e21, '-5'],
        [Number.NaN, Number.POSITIVE_INFINITY, null, null, null, null, null],
        [-1e21, -1e-7, toDec('-1234.565'), new Decimal('-0.000000004'), toDec('17200'), -3, '=1+1'],
      ],
    };
    expect(formatHeader(table.columns)).toBe("'-neg,p,c,q,px,i,s\r\n");
    expect(formatRows(table, 0, 3).split('\r\n')).toEqual([
      "-0.5,0.0000001,1000000000000000000000.00,0.00000001,0.000000001,1000000000000000000000,'-5",
      ',,,,,,',
      "-1000000000000000000000,-0.0000001,-1234.57,0.00000000,17200,-3,'=1+1",
      '',
    ]);
    // formulaGuard 'none': text and headers as they are, numbers unchanged.
    expect(formatHeader(table.columns, 'none')).toBe('-neg,p,c,q,px,i,s\r\n');
    expect(formatRows(table, 2, 3, 'none')).toBe('-1000000000000000000000,-0.0000001,-1234.57,0.00000000,17200,-3,=1+1\r\n');
  });
});

describe('csv package hygiene', () => {
  it('guards hostile symbols in headers and cells, keeps Unicode and awkward names intact', async () => {
    const result = makeResult({ symbols: ['=CMD', '+X'], strategyName: 'Стратегия "α, β"\nline', benchmarkName: '比特币' });
    const pkg = await writeAndRead(buildReport(result, OPTIONS));
    expect(pkg.csv('asset_allocations.csv')[0]).toEqual(['date', "'=CMD_weight", "'+X_weight", 'cash_weight']);
    expect(pkg.csv('correlation_matrix.csv').map((r) => r[0])).toEqual(['asset', "'=CMD", "'+X"]);
    expect(pkg.csv('transaction_log.csv')[1]![2]).toBe("'=CMD");
    expect(pkg.csv('rebalancing_events.csv')[1]![3]).toBe("'=CMD;+X");
    // Keys follow the Unicode snake_case rule of exports.md (letters of any script are kept).
    expect(pkg.csv('performance_summary.csv')[0]).toEqual(['metric', 'стратегия_α_β_line', '比特币']);
    expect(pkg.metadata.title).toBe('Стратегия "α, β"\nline');
    expect(pkg.metadata.portfolios[1]!.name).toBe('比特币');
    // Negative numbers are written as numbers, never guarded.
    const daily = pkg.csv('daily_portfolio_data.csv');
    expect(daily.slice(1).some((r) => r[2]!.startsWith('-'))).toBe(true);
    for (const r of daily.slice(1)) expect(r[2]!.startsWith("'")).toBe(false);
  });

  it('quotes Unicode symbols with commas, quotes and newlines and reads them back', async () => {
    const result = makeResult({ symbols: ['Ж,"x"', 'a\nb'] });
    const pkg = await writeAndRead(buildReport(result, OPTIONS));
    expect(pkg.csv('asset_allocations.csv')[0]).toEqual(['date', 'Ж,"x"_weight', 'a\nb_weight', 'cash_weight']);
    expect(pkg.csv('correlation_matrix.csv')[0]).toEqual(['asset', 'Ж,"x"', 'a\nb']);
    const details = JSON.parse(pkg.csv('rebalancing_events.csv')[1]![4]!) as { asset: string }[];
    expect(details.map((d) => d.asset)).toEqual(['Ж,"x"', 'a\nb']);
  });

  it('writes a zero-trade run: header-only trade files, empty trade details', async () => {
    const pkg = await writeAndRead(buildReport(makeResult({ noTrades: true }), OPTIONS));
    expect(pkg.csv('transaction_log.csv')).toHaveLength(1);
    expect(pkg.csv('rebalancing_events.csv')).toHaveLength(1);
    expect(pkg.metadata.files.find((f) => f.name === 'transaction_log.csv')!.rows).toBe(0);
    expect(formatTradeDetails([], { kind: 'quantity', decimals: 6 }, { kind: 'currency', currency: 'USD', decimals: 2 })).toBe('[]');
  });

  it('writes a single-asset run without benchmarks', async () => {
    const pkg = await writeAndRead(buildReport(makeResult({ symbols: ['SPY'], noBenchmark: true }), OPTIONS));
    expect(pkg.csv('asset_allocations.csv')[0]).toEqual(['date', 'SPY_weight', 'cash_weight']);
    expect(pkg.csv('daily_portfolio_data.csv')[0]).toEqual(['date', 'portfolio_value', 'daily_return', 'cumulative_return', 'drawdown', 'volatility_rolling', 'cash']);
    expect(pkg.csv('performance_summary.csv')[0]).toEqual(['metric', 'crypto_backtest']);
  });

  it('writes a date range leaving one day', async () => {
    const result = makeResult();
    const report = buildReport(result, { ...OPTIONS, sections: ['daily', 'allocations', 'trades', 'rebalances', 'rolling', 'risk'], dateRange: { from: '2024-01-04', to: '2024-01-04' } });
    const pkg = await writeAndRead(report);
    for (const name of ['daily_portfolio_data.csv', 'asset_allocations.csv', 'rolling_metrics.csv']) {
      const rows = pkg.csv(name);
      expect(rows, name).toHaveLength(2);
      expect(rows[1]![0]).toBe('2024-01-04');
    }
    // The fixture's second rebalance is on day 3 = 2024-01-04.
    expect(pkg.csv('transaction_log.csv').slice(1).every((r) => r[0] === '2024-01-04')).toBe(true);
    expect(pkg.csv('rebalancing_events.csv')).toHaveLength(2);
    expect(pkg.csv('correlation_matrix.csv')).toHaveLength(3);
    expect(pkg.metadata.export_options.date_range).toEqual({ from: '2024-01-04', to: '2024-01-04' });
    expect(pkg.metadata.exported_range).toEqual({ from: '2024-01-04', to: '2024-01-04' });
  });

  it('writes a host report: no run keys in metadata', async () => {
    const report = reportFromTables({
      title: 'Sales 2024',
      generatedAt: '2025-01-02T03:04:05Z',
      tables: [{ id: 'sales', title: 'Sales', columns: [{ key: 'day', type: 'date' }, { key: 'amount', type: 'currency', currency: 'EUR' }], rows: [['2024-01-02', 12.5], ['2024-01-03', -3]] }],
    });
    const pkg = await writeAndRead(report);
    expect(pkg.names).toEqual(['sales.csv', 'metadata.json']);
    expect(pkg.csv('sales.csv')).toEqual([['day', 'amount'], ['2024-01-02', '12.50'], ['2024-01-03', '-3.00']]);
    expect(Object.keys(pkg.metadata)).toEqual(['app', 'title', 'generated_at', 'portfolios', 'inputs', 'export_options', 'files', 'glossary', 'warnings']);
    expect(pkg.metadata.export_options.sections).toEqual(['sales']);
    expect(pkg.metadata.inputs).toEqual({});
    const demo = await writeAndRead(reportFromTables({ title: 'Demo', tables: [{ id: 't', title: 'T', columns: [{ key: 'a', type: 'integer' }], rows: [[1]] }], data: { synthetic: true, source: 'seed 7' } }));
    expect(demo.metadata.inputs).toEqual({ data: { synthetic: true, source: 'seed 7' } });
  });
});
