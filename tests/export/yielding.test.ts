/**
 * Every built-in writer hands the thread back often enough and stops when cancelled: it awaits
 * the export's checkpoint between small units of work (rows, autotable slices, zip steps), and
 * once the checkpoint throws ABORTED the writer rejects with it and does no more work.
 */
import { describe, expect, it } from 'vitest';
import { BackfolioError, isAbortError } from '../../src/errors';
import { getWriter } from '../../src/export/registry';
import { reportFromTables } from '../../src/report/host';
import type { Report } from '../../src/report/model.types';

const ROWS = 6000;

function report(): Report {
  return reportFromTables({
    title: 'Yielding',
    template: 'detailed',
    tables: [
      {
        id: 'sales',
        title: 'Sales',
        columns: [{ key: 'day', type: 'date' }, { key: 'region', type: 'text' }, { key: 'revenue', type: 'currency', currency: 'EUR' }, { key: 'growth', type: 'percent' }],
        rows: Array.from({ length: ROWS }, (_, i) => [new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), `Region ${i % 7}`, (i * 1.5).toFixed(2), (i % 11) / 100]),
      },
    ],
  });
}

/** Fewest checkpoints each format must await for a 6,000-row table (units of at most a few ms). */
const FEWEST: Record<string, number> = {
  // Batches of 2,000 rows, plus the zip.
  csv: 3,
  // Sheet layout every 500 rows, SheetJS, styling, the zip in 256 KB steps.
  xlsx: ROWS / 500,
  // At least one per page of rows (~50 a page): the table is drawn in page-sized slices or smaller.
  pdf: ROWS / 100,
};

describe.each(['csv', 'xlsx', 'pdf'])('the %s writer', (format) => {
  it('awaits the checkpoint between small units of work', async () => {
    let calls = 0;
    const writer = await getWriter(format);
    const output = await writer.write(report(), {
      checkpoint: async () => {
        calls++;
      },
    });
    expect(output.rows).toBe(ROWS);
    expect(calls).toBeGreaterThanOrEqual(FEWEST[format] ?? 1);
  });

  it('stops at the checkpoint that reports the cancel, and delivers nothing', async () => {
    const writer = await getWriter(format);
    let calls = 0;
    let afterCancel = 0;
    const cancelAt = 3;
    const error = await writer
      .write(report(), {
        checkpoint: async () => {
          calls++;
          if (calls > cancelAt) afterCancel++;
          if (calls >= cancelAt) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
        },
      })
      .catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(afterCancel).toBe(0);
  });
});
