/**
 * Issue 15.1 end to end: Unicode portfolio names keep their own columns (no `portfolio` fallback
 * that gave daily_portfolio_data.csv two `portfolio_value` columns), and every CSV file of a real
 * export has unique column names.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportReport } from '../../src/export/export';
import { parsePriceCsv } from '../../src/data/prices';
import { runBacktest } from '../../src/engine/run';
import { buildReport } from '../../src/report/build';
import { readFileSync } from 'node:fs';
import { BAD_DIR } from './bad-cases';

describe('Unicode names give distinct, readable columns', () => {
  it('a run with Cyrillic, CJK and Greek benchmarks writes one column per portfolio in every file', async () => {
    const config = JSON.parse(readFileSync(`${BAD_DIR}config-names-unicode-distinct.json`, 'utf8')) as Record<string, unknown>;
    const prices = parsePriceCsv(readFileSync(`${BAD_DIR}good-prices.csv`, 'utf8'));
    const result = runBacktest({ config, prices });
    expect([result.strategy.key, ...result.benchmarks.map((b) => b.key)]).toEqual(['стратегия_60_40', 'биткоин', '比特币', 'ἀθῆναι']);
    const report = buildReport(result, { formats: ['csv'], template: 'detailed', bom: true });
    const { files } = await exportReport(report, { formats: ['csv'], now: () => new Date('2025-09-06T08:38:40Z') });
    const entries = unzipSync(files[0]?.bytes ?? new Uint8Array());
    const headers = new Map<string, string[]>();
    for (const [name, bytes] of Object.entries(entries)) {
      if (!name.endsWith('.csv')) continue;
      const header = strFromU8(bytes).replace(/^\uFEFF/, '').split('\r\n')[0] ?? '';
      headers.set(name, header.split(','));
    }
    for (const [name, columns] of headers) expect(new Set(columns).size, `${name}: ${columns.join(',')}`).toBe(columns.length);
    expect(headers.get('daily_portfolio_data.csv')).toEqual(expect.arrayContaining(['portfolio_value', 'биткоин_value', '比特币_value', 'ἀθῆναι_value']));
    expect(headers.get('performance_summary.csv')).toEqual(['metric', 'стратегия_60_40', 'биткоин', '比特币', 'ἀθῆναι']);
  });
});
