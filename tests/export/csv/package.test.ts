import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/export/sha256';
import { csvWriter } from '../../../src/export/csv/index';
import { buildReport } from '../../../src/report/build';
import { formatFileValue } from '../../../src/report/format';
import { cellType, type ExportOptions } from '../../../src/report/model.types';
import { makeResult } from '../../fixtures/backtestResult';
import { readPackage, writeAndRead } from './helpers';

const OPTIONS: ExportOptions = { formats: ['csv'], template: 'detailed', bom: true };
const AT = '2025-09-06T08:38:40Z';
const CONTEXT = {
  generatedAt: AT,
  inputs: { prices: { name: 'prices.csv', bytes: 1234, sha256: 'a'.repeat(64) } },
};

const FILES = [
  'performance_summary.csv', 'daily_portfolio_data.csv', 'asset_allocations.csv', 'transaction_log.csv', 'rebalancing_events.csv',
  'correlation_matrix.csv', 'volatility_decomposition.csv', 'drawdown_periods.csv', 'rolling_metrics.csv', 'monthly_returns.csv',
  'yearly_returns.csv', 'trailing_returns.csv',
];

describe('csv package round trip', async () => {
  const result = makeResult();
  const report = buildReport(result, OPTIONS, CONTEXT);
  const pkg = await writeAndRead(report);

  it('holds every file of the contract, metadata last', () => {
    expect(pkg.names).toEqual([...FILES, 'metadata.json']);
  });

  it('writes every cell as formatFileValue of the report, with the headers of the model', () => {
    for (const table of report.sections.flatMap((s) => s.tables)) {
      const records = pkg.csv(`${table.id}.csv`);
      expect(records[0]).toEqual(table.columns.map((c) => c.key));
      expect(records.length - 1).toBe(table.rows.length);
      table.rows.forEach((row, r) => {
        const expected = table.columns.map((column, c) => formatFileValue(row[c] ?? null, cellType(column, r)));
        expect(records[r + 1]).toEqual(expected);
      });
    }
  });

  it('agrees with the result object', () => {
    const daily = pkg.csv('daily_portfolio_data.csv');
    result.strategy.values.forEach((v, day) => {
      expect(daily[day + 1]![0]).toBe(result.dates[day]);
      expect(daily[day + 1]![1]).toBe(v.toFixed(2));
      expect(daily[day + 1]![6]).toBe(result.strategy.cash[day]!.toFixed(2));
      expect(Number(daily[day + 1]![7])).toBeCloseTo(result.benchmarks[0]!.values[day]!.toNumber(), 2);
    });
    const log = pkg.csv('transaction_log.csv');
    result.strategy.trades.forEach((t, i) => {
      expect(log[i + 1]).toEqual([t.date, 'rebalance', t.asset, t.action, t.quantity.toFixed(6), t.price.toFixed(), t.cost.toFixed(2), t.reason, t.trade_value.toFixed(2), 'USD']);
    });
    const summary = pkg.csv('performance_summary.csv');
    expect(summary.map((r) => r[0])).toEqual(['metric', ...result.metric_definitions.map((d) => d.key)]);
    expect(Number(summary[1]![1])).toBeCloseTo(result.strategy.metrics.total_return as number, 10);
    expect(summary.find((r) => r[0] === 'num_trades')![1]).toBe(String(result.strategy.trades.length));
    expect(summary.find((r) => r[0] === 'total_costs')![1]).toMatch(/^\d+\.\d{2}$/);
    const events = pkg.csv('rebalancing_events.csv');
    const details = JSON.parse(events[1]![4]!) as { asset: string; quantity: string }[];
    expect(details.map((d) => d.asset)).toEqual(['BTC', 'ETH']);
    expect(typeof details[0]!.quantity).toBe('string');
  });

  it('lists every file in metadata with rows, bytes and sha256 of the extracted bytes', () => {
    const { metadata } = pkg;
    expect(metadata.files.map((f) => f.name)).toEqual(FILES);
    for (const file of metadata.files) {
      const bytes = pkg.entries[file.name]!;
      expect(file.bytes).toBe(bytes.length);
      expect(file.sha256).toBe(sha256Hex(bytes));
      expect(file.rows).toBe(pkg.csv(file.name).length - 1);
    }
    expect(pkg.rows).toBe(metadata.files.reduce((s, f) => s + f.rows, 0));
  });

  it('writes reproducible metadata', () => {
    const { metadata } = pkg;
    expect(Object.keys(metadata)).toEqual([
      'app', 'title', 'engine_version', 'generated_at', 'config', 'strategy', 'resolved', 'data_range', 'exported_range',
      'portfolios', 'inputs', 'export_options', 'summary_scope', 'files', 'glossary', 'warnings',
    ]);
    expect(metadata.app).toEqual({ name: 'Backfolio', version: expect.any(String) as string });
    expect(metadata.generated_at).toBe(AT);
    expect(metadata.config?.name).toBe('Crypto backtest');
    expect(metadata.resolved).toEqual({ periods_per_year: 365, periods_per_year_source: 'configured', day0: '2024-01-01', first_date: '2024-01-01', last_date: '2024-01-05' });
    expect(metadata.inputs.prices).toEqual(CONTEXT.inputs.prices);
    expect(metadata.export_options).toEqual({
      format: 'csv',
      sections: report.sections.map((s) => s.id),
      template: 'detailed',
      date_range: null,
      prefix: 'crypto_backtest',
      bom: true,
      formula_guard: 'escape',
    });
    expect(metadata.summary_scope).toBe('run');
    expect(metadata.glossary[0]).toEqual({ metric: 'total_return', label: 'Total return', formula: 'V_N / C − 1' });
    expect(metadata.warnings).toEqual(['Fixture warning: hand-made data']);
    expect(pkg.text('metadata.json')).toContain('\n  "app": {');
  });

  it('records the formula guard the files were written with, so an audit knows whether a leading quote was added', async () => {
    const unguarded = await csvWriter.write(report, { csv: { formulaGuard: 'none' } });
    expect(readPackage(unguarded.bytes).metadata.export_options.formula_guard).toBe('none');
  });

  it('records whether the data is synthetic and its source, only when known, after the file facts', async () => {
    const prices = { name: 'mc.csv', bytes: 10, sha256: 'b'.repeat(64), synthetic: true, source: 'Monte Carlo, seed 7' };
    const marked = await writeAndRead(buildReport(result, OPTIONS, { generatedAt: AT, inputs: { prices: { ...prices, extra: 'dropped' } as typeof prices } }));
    expect(marked.metadata.inputs.prices).toEqual(prices);
    expect(Object.keys(marked.metadata.inputs.prices ?? {})).toEqual(['name', 'bytes', 'sha256', 'synthetic', 'source']);
    expect(Object.keys(pkg.metadata.inputs.prices ?? {})).toEqual(['name', 'bytes', 'sha256']);
  });

  it('uses CRLF record ends, a BOM by default and none when asked', async () => {
    const raw = pkg.entries['daily_portfolio_data.csv']!;
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(pkg.text('daily_portfolio_data.csv')).toMatch(/^\uFEFFdate,portfolio_value,[^\n]*\r\n2024-01-01,/);
    const plain = await writeAndRead(buildReport(result, { ...OPTIONS, bom: false }, CONTEXT));
    expect(plain.entries['daily_portfolio_data.csv']![0]).toBe('d'.charCodeAt(0));
    expect(plain.metadata.export_options.bom).toBe(false);
    expect(plain.text('metadata.json').charCodeAt(0)).toBe('{'.charCodeAt(0));
  });

  it('leaves out sections not chosen, from the zip and the metadata', async () => {
    const partial = await writeAndRead(buildReport(result, { ...OPTIONS, sections: ['summary', 'risk'] }, CONTEXT));
    expect(partial.names).toEqual(['performance_summary.csv', 'correlation_matrix.csv', 'volatility_decomposition.csv', 'metadata.json']);
    expect(partial.metadata.files.map((f) => f.name)).toEqual(['performance_summary.csv', 'correlation_matrix.csv', 'volatility_decomposition.csv']);
    expect(partial.metadata.export_options.sections).toEqual(['summary', 'risk']);
  });

  it('stamps zip entries with the generation time and returns the writer shape', async () => {
    const out = await csvWriter.write(report, {});
    expect(out.extension).toBe('zip');
    expect(out.mimeType).toBe('application/zip');
    // Local file header: DOS time at offset 10, date at 12 (local time of the machine).
    const view = new DataView(out.bytes.buffer, out.bytes.byteOffset);
    const dosDate = view.getUint16(12, true);
    const at = new Date(AT);
    expect((dosDate >> 9) + 1980).toBe(at.getFullYear());
    expect((dosDate >> 5) & 15).toBe(at.getMonth() + 1);
    expect(readPackage(out.bytes).names).toHaveLength(FILES.length + 1);
  });
});
