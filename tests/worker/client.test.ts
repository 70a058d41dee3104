import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import { reconstructCalls, WorkerClient } from '../../src/worker/client';
import type { PageToWorker, WorkerToPage } from '../../src/worker/protocol';

type Listener = (event: { data?: unknown; message?: string; preventDefault(): void }) => void;

/** A stand-in Worker: records what it receives; the test answers, stalls or crashes it. */
class FakeWorker {
  static all: FakeWorker[] = [];
  received: PageToWorker[] = [];
  terminated = false;
  private listeners = new Map<string, Listener[]>();
  constructor() {
    FakeWorker.all.push(this);
  }
  addEventListener(type: string, fn: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  postMessage(message: PageToWorker): void {
    this.received.push(structuredClone(message));
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: WorkerToPage): void {
    for (const fn of this.listeners.get('message') ?? []) fn({ data: message, preventDefault: () => undefined });
  }
  crash(message: string): void {
    for (const fn of this.listeners.get('error') ?? []) fn({ message, preventDefault: () => undefined });
  }
}

function makeClient(onCrash?: (m: string) => void) {
  FakeWorker.all = [];
  const client = new WorkerClient({ create: () => new FakeWorker() as unknown as Worker, onCrash, cancelGraceMs: 20 });
  const current = (): FakeWorker => FakeWorker.all[FakeWorker.all.length - 1]!;
  return { client, current };
}

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('WorkerClient', () => {
  it('resolves a call, forwarding progress, and rejects with the wire error as BackfolioError', async () => {
    const { client, current } = makeClient();
    const seen: number[] = [];
    const job = client.call('validate', { config: {} }, { onProgress: (f) => seen.push(f) });
    current().reply({ id: job.id, kind: 'progress', fraction: 0.5, stage: 'x' });
    current().reply({ id: job.id, kind: 'ok', value: [] });
    await expect(job.promise).resolves.toEqual([]);
    expect(seen).toEqual([0.5]);
    const bad = client.call('run', { config: {}, resultId: 1 });
    current().reply({ id: bad.id, kind: 'error', error: { code: 'CONFIG_INVALID', message: 'm', issues: [{ path: 'name', expected: 'text' }] } });
    const error = await bad.promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackfolioError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', issues: [{ path: 'name', expected: 'text' }] });
  });

  it('never delivers a cancelled job, even when its file arrives after the cancel was sent', async () => {
    const { client, current } = makeClient();
    const job = client.call('export', { resultId: 1, format: 'xlsx', options: { formats: ['xlsx'], template: 'detailed', bom: true }, charts: [] });
    job.cancel();
    // The worker finished before it read the cancel message: its answer is "ok" with the bytes.
    current().reply({ id: job.id, kind: 'ok', value: { fileName: 'x.xlsx', bytes: new Uint8Array(3), mimeType: 'x', extension: 'xlsx', rows: 1 } });
    await expect(job.promise).rejects.toMatchObject({ code: 'ABORTED' });
    await tick(40);
    expect(current().terminated).toBe(false);
  });

  it('cancels through the worker when it answers in time', async () => {
    const { client, current } = makeClient();
    const job = client.call('export', { resultId: 1, format: 'csv', options: { formats: ['csv'], template: 'detailed', bom: true }, charts: [] });
    job.cancel();
    expect(current().received.at(-1)).toMatchObject({ type: 'cancel', target: job.id });
    current().reply({ id: job.id, kind: 'error', error: { code: 'ABORTED', message: 'Cancelled by the user.', issues: [] } });
    await expect(job.promise).rejects.toMatchObject({ code: 'ABORTED' });
    await tick(40);
    expect(FakeWorker.all).toHaveLength(1);
  });

  it('terminates a busy worker after the grace period and replays the data and the last run', async () => {
    const { client, current } = makeClient();
    const bytes = new TextEncoder().encode('date,A\n2024-01-01,1\n').buffer as ArrayBuffer;
    const example = client.call('load_example', { exampleId: 'e' }, { replay: true });
    current().reply({ id: example.id, kind: 'ok', value: {} });
    await example.promise;
    const run = client.call('run', { config: { name: 'first' }, resultId: 1 }, { replay: true });
    current().reply({ id: run.id, kind: 'ok', value: {} });
    await run.promise;
    const prices = client.call('load_prices', { fileName: 'p.csv', bytes }, { replay: true });
    current().reply({ id: prices.id, kind: 'ok', value: {} });
    await prices.promise;
    const busy = client.call('run', { config: { name: 'second' }, resultId: 2 }, { replay: true });
    busy.cancel();
    await expect(busy.promise).rejects.toMatchObject({ code: 'ABORTED' });
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    const replayed = current().received.map((m) => (m.type === 'run' ? `run:${String((m.params.config as { name: string }).name)}` : m.type));
    // The data of the last successful run, that run, then the data loaded since.
    expect(replayed).toEqual(['load_example', 'run:first', 'load_prices']);
    const sent = current().received[2] as Extract<PageToWorker, { type: 'load_prices' }>;
    expect(new TextDecoder().decode(sent.params.bytes)).toBe('date,A\n2024-01-01,1\n');
  });

  it('recovers from a crash: pending calls fail with a clear message, the worker is recreated', async () => {
    const crashes: string[] = [];
    const { client, current } = makeClient((m) => crashes.push(m));
    const pending = client.call('run', { config: {}, resultId: 1 });
    current().crash('out of memory');
    const error = (await pending.promise.catch((e: unknown) => e)) as BackfolioError;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/stopped unexpectedly \(out of memory\).*restarted/);
    expect(crashes).toHaveLength(1);
    expect(FakeWorker.all).toHaveLength(2);
    const next = client.call('validate', { config: {} });
    current().reply({ id: next.id, kind: 'ok', value: [] });
    await expect(next.promise).resolves.toEqual([]);
  });

  it('rebuilds FX from an earlier example when only the prices changed', () => {
    const example = { type: 'load_example' };
    const prices = { type: 'load_prices' };
    const fx = { type: 'load_fx' };
    const clear = { type: 'clear_fx' };
    expect(reconstructCalls({ prices: example, fx: { from: 'example', entry: example } }, clear)).toEqual([example]);
    expect(reconstructCalls({ prices, fx: { from: 'example', entry: example } }, clear)).toEqual([example, prices]);
    expect(reconstructCalls({ prices, fx: { from: 'file', entry: fx } }, clear)).toEqual([prices, fx]);
    expect(reconstructCalls({ prices: example, fx: null }, clear)).toEqual([example, clear]);
  });

  it('stops replaying data that crashes the worker again', async () => {
    const crashes: string[] = [];
    const { client, current } = makeClient((m) => crashes.push(m));
    const example = client.call('load_example', { exampleId: 'e' }, { replay: true });
    current().reply({ id: example.id, kind: 'ok', value: {} });
    await example.promise;
    current().crash('boom');
    expect(current().received.map((m) => m.type)).toEqual(['load_example']);
    current().crash('boom again');
    expect(current().received).toEqual([]);
    expect(crashes.at(-1)).toMatch(/could not be reloaded/);
  });
});
