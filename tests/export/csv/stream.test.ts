import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../../src/errors';
import { csvWriter, streamCsvPackage } from '../../../src/export/csv/index';
import { ROWS_PER_BATCH } from '../../../src/export/csv/package';
import { concatChunks } from '../../../src/export/zip';
import { buildReport } from '../../../src/report/build';
import { reportFromTables } from '../../../src/report/host';
import type { ExportOptions } from '../../../src/report/model.types';
import { makeResult } from '../../fixtures/backtestResult';
import { readPackage } from './helpers';

const OPTIONS: ExportOptions = { formats: ['csv'], template: 'detailed', bom: true };

describe('streaming the CSV package', () => {
  const big = buildReport(makeResult({ days: 3 * ROWS_PER_BATCH + 10 }), OPTIONS, {
    generatedAt: '2025-09-06T08:38:40Z',
    inputs: { prices: { name: 'p.csv', bytes: 10, sha256: '0'.repeat(64) }, fx: { name: 'fx.csv', bytes: 5, sha256: '1'.repeat(64) } },
  });

  it('emits many chunks that form the same package, with rising progress ending at 1', async () => {
    const chunks: Uint8Array[] = [];
    const fractions: number[] = [];
    const summary = await streamCsvPackage(big, (c) => chunks.push(c), { onProgress: (p) => fractions.push(p.fraction) });
    expect(chunks.length).toBeGreaterThan(10);
    const pkg = readPackage(concatChunks(chunks));
    expect(pkg.csv('daily_portfolio_data.csv')).toHaveLength(3 * ROWS_PER_BATCH + 11);
    expect(pkg.metadata.files).toEqual(summary.files);
    expect(pkg.metadata.inputs.fx).toEqual({ name: 'fx.csv', bytes: 5, sha256: '1'.repeat(64) });
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.filter((f) => f < 1).length).toBeGreaterThan(5);
  });

  it('stops between batches when cancelled and returns no bytes', async () => {
    const controller = new AbortController();
    let calls = 0;
    const outcome = await csvWriter
      .write(big, {
        signal: controller.signal,
        onProgress: () => {
          calls += 1;
          if (calls === 1) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(BackfolioError);
    expect((outcome as BackfolioError).code).toBe('ABORTED');
    expect(calls).toBe(1);
  });

  it('rejects table ids that are not safe file names or are repeated', async () => {
    const report = reportFromTables({ title: 'T', tables: [{ id: 'a', title: 'A', columns: [], rows: [] }] });
    const unsafe = { ...report, sections: [{ ...report.sections[0]!, tables: [{ ...report.sections[0]!.tables[0]!, id: '../x' }] }] };
    await expect(csvWriter.write(unsafe, {})).rejects.toThrow(/table id: got "\.\.\/x"/);
    const twice = { ...report, sections: [report.sections[0]!, report.sections[0]!] };
    await expect(csvWriter.write(twice, {})).rejects.toThrow(/"a" appears twice/);
  });
});
