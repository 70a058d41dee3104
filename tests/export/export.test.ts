import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import { createEventBus, type AnalyticsEvent } from '../../src/export/events';
import { exportReport } from '../../src/export/export';
import { registerWriter } from '../../src/export/registry';
import type { ReportWriter } from '../../src/export/writer.types';
import { buildReport } from '../../src/report/build';
import { reportFromTables } from '../../src/report/host';
import { makeResult } from '../fixtures/backtestResult';
import { readPackage } from './csv/helpers';

/** A clock that advances 5 ms at every reading, so durations are known. */
function steppingClock(start = Date.parse('2025-09-06T08:38:40Z')): () => Date {
  let t = start - 5;
  return () => new Date((t += 5));
}

const report = buildReport(makeResult(), { formats: ['csv'], template: 'executive', bom: true }, { generatedAt: '2025-09-06T08:38:40Z' });

function recorder(): { bus: ReturnType<typeof createEventBus>; events: AnalyticsEvent[] } {
  const bus = createEventBus();
  const events: AnalyticsEvent[] = [];
  bus.subscribe((e) => events.push(e));
  return { bus, events };
}

const fakeWriter = (format: string, behaviour: 'ok' | 'fail'): ReportWriter => ({
  format,
  label: format,
  async write(_report, context) {
    context.onProgress?.({ fraction: 0.5, stage: format });
    if (behaviour === 'fail') throw new Error('disk on fire');
    return { bytes: new Uint8Array([1, 2, 3]), extension: 'txt', mimeType: 'text/plain', rows: 7 };
  },
});

describe('exportReport', () => {
  it('names files with the prefix and one stamp, emits events in order with durations and sizes', async () => {
    registerWriter('fake_ok', fakeWriter('fake_ok', 'ok'));
    const { bus, events } = recorder();
    const progress: number[] = [];
    const { files } = await exportReport(report, { formats: ['csv', 'fake_ok'], events: bus, now: steppingClock(), onProgress: (p) => progress.push(p.fraction) });
    expect(files.map((f) => f.name)).toEqual(['crypto_backtest_2025-09-06T08-38-40Z.zip', 'crypto_backtest_2025-09-06T08-38-40Z.txt']);
    expect(files[0]!.mimeType).toBe('application/zip');
    expect(readPackage(files[0]!.bytes).metadata.files).toHaveLength(12);
    expect(events.map((e) => `${e.type}:${'format' in e ? e.format : ''}`)).toEqual([
      'export_started:csv', 'export_completed:csv', 'export_started:fake_ok', 'export_completed:fake_ok',
    ]);
    const done = events.filter((e) => e.type === 'export_completed');
    for (const e of done) {
      expect(e.duration_ms).toBeGreaterThan(0);
      expect(e.template).toBe('executive');
    }
    expect(done[0]!.bytes).toBe(files[0]!.bytes.length);
    expect(done[0]!.rows).toBe(files[0]!.rows);
    expect(done[1]!.rows).toBe(7);
    // Progress covers both formats and never goes backwards.
    expect(progress.at(-1)).toBe(1);
    expect(progress.some((f) => f > 0.5 && f < 1)).toBe(true);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('tells each writer the name its file will be saved under (the compliance PDF prints it)', async () => {
    const stems: (string | undefined)[] = [];
    registerWriter('fake_stem', {
      format: 'fake_stem',
      label: 'stem',
      async write(_report, context) {
        stems.push(context.fileStem);
        return { bytes: new Uint8Array([1]), extension: 'txt', mimeType: 'text/plain', rows: 1 };
      },
    });
    const { files } = await exportReport(report, { formats: ['fake_stem'], now: steppingClock() });
    expect(stems).toEqual(['crypto_backtest_2025-09-06T08-38-40Z']);
    expect(files[0]!.name).toBe(`${stems[0]}.txt`);
  });

  it('emits export_failed with the message and throws EXPORT_FAILED naming the format', async () => {
    registerWriter('fake_fail', fakeWriter('fake_fail', 'fail'));
    const { bus, events } = recorder();
    const error = await exportReport(report, { formats: ['fake_fail'], events: bus, now: steppingClock() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackfolioError);
    expect((error as BackfolioError).code).toBe('EXPORT_FAILED');
    expect((error as BackfolioError).message).toBe('fake_fail: disk on fire');
    expect(events.map((e) => e.type)).toEqual(['export_started', 'export_failed']);
    expect(events[1]).toMatchObject({ error: 'fake_fail: disk on fire', code: 'EXPORT_FAILED' });
  });

  it("hands each file's warnings to the caller and to export_completed: the PDF's undrawable glyphs, the workbook's dates before 1900", async () => {
    const host = reportFromTables({
      title: 'Launch 🚀 plan',
      generatedAt: '2025-09-06T08:38:40Z',
      tables: [{ id: 'history', title: 'History', columns: [{ key: 'day', type: 'date' }, { key: 'note', type: 'text' }], rows: [['1850-01-01', 'founded'], ['2024-01-02', 'listed']] }],
    });
    const { bus, events } = recorder();
    const { files } = await exportReport(host, { formats: ['csv', 'xlsx', 'pdf'], events: bus, now: steppingClock() });
    const [csv, xlsx, pdf] = files;
    expect(csv?.warnings).toEqual([]);
    expect(xlsx?.warnings).toEqual([expect.stringMatching(/^History_, table History: 1 date before 1900-03-01 written as ISO text/)]);
    expect(pdf?.warnings).toEqual([expect.stringMatching(/^The PDF's fonts cannot draw 🚀 \(U\+1F680\), printed as � in “Launch � plan”\.$/u)]);
    const completed = events.filter((e) => e.type === 'export_completed');
    expect(completed.map((e) => e.warnings)).toEqual(files.map((f) => f.warnings));
    // The event holds its own copy: a listener that edits it cannot change the result.
    expect(completed[1]?.warnings).not.toBe(xlsx?.warnings);
  }, 60_000);

  it("copies a registered writer's warnings, and gives an empty list when a writer returns none", async () => {
    registerWriter('fake_warn', {
      format: 'fake_warn',
      label: 'warn',
      write: async () => ({ bytes: new Uint8Array([1]), extension: 'txt', mimeType: 'text/plain', rows: 1, warnings: ['cut to fit'] }),
    });
    registerWriter('fake_quiet', fakeWriter('fake_quiet', 'ok'));
    const { files } = await exportReport(report, { formats: ['fake_warn', 'fake_quiet'], now: steppingClock() });
    expect(files.map((f) => f.warnings)).toEqual([['cut to fit'], []]);
  });

  it('rejects an unknown format', async () => {
    await expect(exportReport(report, { formats: ['docx'] })).rejects.toThrow(/format: got "docx"/);
  });

  it('cancels mid-export: no files, an export_cancelled event, ABORTED', async () => {
    const { bus, events } = recorder();
    const controller = new AbortController();
    const big = buildReport(makeResult({ days: 5000 }), { formats: ['csv'], template: 'detailed', bom: true });
    let calls = 0;
    const outcome = await exportReport(big, {
      formats: ['csv'],
      signal: controller.signal,
      events: bus,
      onProgress: () => {
        calls += 1;
        if (calls === 2) controller.abort();
      },
    }).then(
      (r) => r,
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(BackfolioError);
    expect((outcome as BackfolioError).code).toBe('ABORTED');
    expect(events.map((e) => e.type)).toEqual(['export_started', 'export_cancelled']);
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(exportReport(report, { formats: ['csv'], signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
