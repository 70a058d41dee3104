/**
 * The export worker's two sides over a real `MessageChannel` (structured clone and transfer, as
 * between a page and a worker): the page's client and the worker's service, and `exportReport`
 * choosing between them.
 */
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { Dec } from '../../src/engine/decimal';
import { BackfolioError, isAbortError } from '../../src/errors';
import { exportReport } from '../../src/export/export';
import { registerWriter } from '../../src/export/registry';
import { ExportWorkerClient, type WorkerLike } from '../../src/export/worker-client';
import type { ExportWorkerToPage, PageToExportWorker } from '../../src/export/worker.protocol';
import { ExportWorkerService } from '../../src/export/worker-service';
import { buildReport } from '../../src/report/build';
import { reportFromTables } from '../../src/report/host';
import type { Report } from '../../src/report/model.types';
import { makeResult } from '../fixtures/backtestResult';

interface FakeWorker extends WorkerLike {
  /** Messages the page sent, by type. */
  sent: string[];
  terminated: boolean;
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/**
 * A worker made of a MessageChannel: `service` handles what the page posts (the real
 * ExportWorkerService by default), and says `ready` like export.worker.ts.
 */
function fakeWorker(options: { handle?: (message: PageToExportWorker, post: (m: ExportWorkerToPage, t?: Transferable[]) => void) => void; ready?: boolean } = {}): FakeWorker {
  const channel = new MessageChannel();
  channels.push(channel);
  const { port1: inside, port2: page } = channel;
  const post = (message: ExportWorkerToPage, transfer: Transferable[] = []): void => inside.postMessage(message, transfer);
  const service = new ExportWorkerService(post, (text) => new Dec(text));
  inside.addEventListener('message', (event) => {
    const message = (event as MessageEvent<PageToExportWorker>).data;
    if (options.handle) options.handle(message, post);
    else service.handle(message);
  });
  inside.start();
  const worker: FakeWorker = {
    sent: [],
    terminated: false,
    postMessage(message: PageToExportWorker, transfer?: Transferable[] | StructuredSerializeOptions) {
      worker.sent.push(message.type);
      page.postMessage(message, (transfer as Transferable[] | undefined) ?? []);
    },
    addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (type === 'message') page.addEventListener('message', listener as EventListener);
    },
    removeEventListener() {},
    terminate() {
      worker.terminated = true;
      inside.close();
      page.close();
    },
  } as FakeWorker;
  page.start();
  if (options.ready !== false) post({ type: 'ready' });
  return worker;
}

function hostReport(rows: number): Report {
  return reportFromTables({
    title: 'Host',
    generatedAt: '2025-09-06T08:38:40Z',
    tables: [
      {
        id: 'sales',
        title: 'Sales',
        columns: [{ key: 'day', type: 'date' }, { key: 'region', type: 'text' }, { key: 'revenue', type: 'currency', currency: 'EUR' }],
        rows: Array.from({ length: rows }, (_, i) => ['2024-01-02', i % 2 === 0 ? '=SUM(A1)' : 'Nord', (i * 1.25).toFixed(2)]),
      },
    ],
  });
}

const fixedClock = (): Date => new Date('2025-09-06T08:38:40Z');

describe('the export worker', () => {
  it('writes the same files as the page would, with progress, and moves the bytes back', async () => {
    const report = buildReport(makeResult(), { formats: ['csv', 'xlsx'], template: 'detailed', bom: true }, { generatedAt: '2025-09-06T08:38:40Z' });
    const worker = fakeWorker();
    const progress: number[] = [];
    const remote = await exportReport(report, { formats: ['csv', 'xlsx'], worker: () => worker as unknown as Worker, now: fixedClock, onProgress: (p) => progress.push(p.fraction) });
    const local = await exportReport(report, { formats: ['csv', 'xlsx'], worker: false, now: fixedClock });
    expect(worker.sent).toEqual(['load', 'write', 'write', 'release']);
    expect(remote.files.map((f) => [f.name, f.rows, f.mimeType])).toEqual(local.files.map((f) => [f.name, f.rows, f.mimeType]));
    // Same bytes: Decimal money crossed exactly.
    expect(Buffer.from(remote.files[0]!.bytes).equals(Buffer.from(local.files[0]!.bytes))).toBe(true);
    expect(Object.keys(unzipSync(remote.files[1]!.bytes))).toEqual(Object.keys(unzipSync(local.files[1]!.bytes)));
    expect(progress.some((f) => f > 0 && f < 0.5)).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it("brings each writer's warnings back with its file", async () => {
    const report = reportFromTables({
      title: 'Host 🚀',
      generatedAt: '2025-09-06T08:38:40Z',
      tables: [{ id: 'history', title: 'History', columns: [{ key: 'day', type: 'date' }], rows: [['1850-01-01'], ['2024-01-02']] }],
    });
    const worker = fakeWorker();
    const { files } = await exportReport(report, { formats: ['csv', 'xlsx', 'pdf'], worker: () => worker as unknown as Worker, now: fixedClock });
    expect(worker.sent).toEqual(['load', 'write', 'write', 'write', 'release']);
    expect(files[0]?.warnings).toEqual([]);
    expect(files[1]?.warnings).toEqual([expect.stringContaining('1 date before 1900-03-01 written as ISO text')]);
    expect(files[2]?.warnings).toEqual([expect.stringContaining('The PDF\'s fonts cannot draw 🚀 (U+1F680), printed as � in “Host �”')]);
  }, 60_000);

  it('passes the CSV options: formulaGuard none writes text as is', async () => {
    const worker = fakeWorker();
    // One factory, one worker, reused by both exports.
    const factory = (): Worker => worker as unknown as Worker;
    const { files } = await exportReport(hostReport(4), { formats: ['csv'], worker: factory, csv: { formulaGuard: 'none' } });
    const csv = new TextDecoder().decode(unzipSync(files[0]!.bytes)['sales.csv']);
    expect(csv).toContain('\r\n2024-01-02,=SUM(A1),0.00\r\n');
    const guarded = await exportReport(hostReport(4), { formats: ['csv'], worker: factory });
    expect(new TextDecoder().decode(unzipSync(guarded.files[0]!.bytes)['sales.csv'])).toContain("\r\n2024-01-02,'=SUM(A1),0.00\r\n");
    expect(worker.sent.filter((t) => t === 'load')).toHaveLength(2);
  });

  it('rejects at once on cancel, delivers nothing, and the worker stops and stays usable', async () => {
    const worker = fakeWorker();
    const client = new ExportWorkerClient(() => worker, { cancelGraceMs: 5000 });
    const job = await client.open(hostReport(20_000), {});
    const controller = new AbortController();
    const pending = job.write('pdf', { fileStem: 'x', signal: controller.signal, onProgress: () => controller.abort() });
    const error = await pending.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    job.release();
    // The worker answered the cancel (no termination) and writes the next job.
    const next = await client.open(hostReport(3), {});
    const output = await next.write('csv', { fileStem: 'y' });
    expect(output.rows).toBe(3);
    expect(worker.terminated).toBe(false);
    expect(worker.sent).toContain('cancel');
  });

  it('terminates a worker that does not stop within the grace period, and starts a new one next time', async () => {
    const workers: FakeWorker[] = [];
    // A worker stuck in one long call: it loads, then never answers a write.
    const stuck = (): FakeWorker => {
      const w = fakeWorker({ handle: (message, post) => (message.type === 'load' ? post({ type: 'done', job: message.job, request: message.request, output: null }) : undefined) });
      workers.push(w);
      return w;
    };
    const client = new ExportWorkerClient(stuck, { cancelGraceMs: 20 });
    const job = await client.open(hostReport(10), {});
    const controller = new AbortController();
    const pending = job.write('csv', { fileStem: 'x', signal: controller.signal });
    controller.abort();
    expect(isAbortError(await pending.catch((e: unknown) => e))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(workers[0]?.terminated).toBe(true);
    expect(await client.start()).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('rejects at once when cancelled while the worker is still starting', async () => {
    // A worker whose script is still loading: it never says ready during the test.
    const client = new ExportWorkerClient(() => fakeWorker({ ready: false }));
    const controller = new AbortController();
    const opening = client.open(hostReport(3), { signal: controller.signal });
    controller.abort();
    expect(isAbortError(await opening.catch((e: unknown) => e))).toBe(true);
  });

  it('loads the report again when the worker was restarted between two formats', async () => {
    const workers: FakeWorker[] = [];
    const client = new ExportWorkerClient(() => {
      const w = fakeWorker();
      workers.push(w);
      return w;
    });
    const job = await client.open(hostReport(3), {});
    expect((await job.write('csv', { fileStem: 'a' })).rows).toBe(3);
    client.terminate();
    expect((await job.write('xlsx', { fileStem: 'a' })).rows).toBe(3);
    job.release();
    expect(workers).toHaveLength(2);
    expect(workers[1]?.sent).toEqual(['load', 'write', 'release']);
  });

  it('reports a writer failure with its code and message', async () => {
    const worker = fakeWorker();
    const client = new ExportWorkerClient(() => worker);
    const job = await client.open(hostReport(1), {});
    const error = await job.write('docx', { fileStem: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackfolioError);
    expect((error as BackfolioError).code).toBe('EXPORT_FAILED');
    expect((error as BackfolioError).message).toMatch(/format: got "docx"/);
  });

  it('falls back to the page when the worker cannot start, and runs registered formats on the page', async () => {
    const report = hostReport(5);
    const throwing = await exportReport(report, {
      formats: ['csv'],
      worker: () => {
        throw new Error('blocked by the Content-Security-Policy');
      },
    });
    expect(throwing.files[0]?.rows).toBe(5);
    // A worker that fails to load (an error event before `ready`).
    let failing: FakeWorker | undefined;
    let onError: EventListener | undefined;
    const broken = (): FakeWorker => {
      failing = fakeWorker({ ready: false });
      const add = failing.addEventListener.bind(failing);
      failing.addEventListener = ((type: string, listener: EventListener) => {
        if (type === 'error') onError = listener;
        else add(type, listener);
      }) as FakeWorker['addEventListener'];
      setTimeout(() => onError?.(new Event('error')), 5);
      return failing;
    };
    const fallback = await exportReport(report, { formats: ['csv'], worker: broken as unknown as () => Worker });
    expect(fallback.files[0]?.rows).toBe(5);
    expect(failing?.terminated).toBe(true);
    // A host's own format never goes to the worker.
    const formats: string[] = [];
    registerWriter('worker_test_json', {
      format: 'worker_test_json',
      label: 'JSON',
      async write(r) {
        formats.push(r.meta.title);
        return { bytes: new Uint8Array([123, 125]), extension: 'json', mimeType: 'application/json', rows: 0 };
      },
    });
    const worker = fakeWorker();
    const mixed = await exportReport(report, { formats: ['worker_test_json', 'csv'], worker: () => worker as unknown as Worker });
    expect(formats).toEqual(['Host']);
    expect(mixed.files.map((f) => f.format)).toEqual(['worker_test_json', 'csv']);
    expect(worker.sent).toEqual(['load', 'write', 'release']);
  });

  it('writes a PDF placing an svg capture on the page (svg2pdf.js needs a DOM), other formats in the worker', async () => {
    const worker = fakeWorker();
    const charts = [{ chartId: 'c', kind: 'svg' as const, svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', cssWidth: 10, cssHeight: 5 }];
    const { files } = await exportReport(hostReport(3), { formats: ['csv', 'pdf'], charts, worker: () => worker as unknown as Worker });
    expect(files.map((f) => f.format)).toEqual(['csv', 'pdf']);
    expect(worker.sent).toEqual(['load', 'write', 'release']);
  });

  it('runs on the calling thread in Node by default (no document, no Worker)', async () => {
    const { files } = await exportReport(hostReport(2), { formats: ['csv'] });
    expect(files[0]?.rows).toBe(2);
  });
});
