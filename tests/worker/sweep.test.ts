/**
 * runSweep: many configurations on a pool of workers (here Node's worker_threads, the page's
 * Web Workers through the same pool code via `adaptWebWorker`), results in configuration order
 * and equal to running each configuration here; failures, progress and cancel.
 */
import { describe, expect, it } from 'vitest';
import { generateSyntheticPrices } from '../../src/data/examples/synthetic';
import { runBacktest } from '../../src/engine/run';
import { BackfolioError } from '../../src/errors';
import { adaptWebWorker, runOnPool, serveTasks, type PoolWorker } from '../../src/worker/pool';
import { runSweep, summariseRun, toWireData, fromWireData, type SweepRun } from '../../src/worker/sweep';

const { prices } = generateSyntheticPrices({ assets: 3, start: '2022-01-01', end: '2023-06-30', calendar: 'daily', seed: 9 });

const base = {
  name: 'Sweep',
  start_date: '2022-01-01',
  end_date: '2023-06-30',
  initial_capital: '10000',
  base_currency: 'USD',
  rebalancing_frequency: 'monthly',
  transaction_costs: { fixed_per_trade: '0.5', percentage: '0.001' },
  quantity_decimals: 8,
  strategy: { type: 'risk_parity', assets: ['A01', 'A02', 'A03'], lookback: 30 },
  benchmarks: [{ name: 'first', type: 'buy_and_hold', asset: 'A01' }],
};

function configs(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const lookback of [10, 20, 45]) {
    for (const threshold of [null, '5/25', 0.05]) {
      out.push({ ...base, name: `lb ${lookback} ${String(threshold)}`, strategy: { ...base.strategy, lookback }, ...(threshold === null ? {} : { rebalance_threshold: threshold }) });
    }
  }
  return out;
}

const metricsOf = (run: SweepRun): unknown => (run.error === undefined ? run.portfolios.map((p) => [p.name, p.metrics]) : run.error);

describe('runSweep', () => {
  it('runs every configuration on 2 workers, in order, with the metrics of a run here', async () => {
    const list = configs();
    const progress: number[] = [];
    const runs = await runSweep(list, { prices }, { workers: 2, onProgress: ({ done, total }) => progress.push(done / total) });
    expect(runs.map((r) => r.index)).toEqual(list.map((_, i) => i));
    list.forEach((config, i) => {
      const expected = summariseRun(i, runBacktest({ config, prices }));
      expect(metricsOf(runs[i] as SweepRun), `config ${i}`).toEqual(metricsOf(expected));
      expect((runs[i] as { name: string }).name).toBe(config.name);
    });
    expect(progress).toEqual(list.map((_, i) => (i + 1) / list.length));
    // Money stays exact: decimal strings, not floats.
    const first = runs[0] as Extract<SweepRun, { portfolios: unknown }>;
    expect(typeof first.portfolios[0]?.metrics.final_value).toBe('string');
  }, 120_000);

  it('gives the same runs with one worker and with none', async () => {
    const list = configs().slice(0, 4);
    const one = await runSweep(list, { prices }, { workers: 1 });
    const none = await runSweep(list, { prices }, { workers: 0 });
    expect(one.map(metricsOf)).toEqual(none.map(metricsOf));
  }, 120_000);

  it('reports a configuration that does not validate in its place and runs the others', async () => {
    const list = configs().slice(0, 3);
    list[1] = { ...list[1], initial_capital: '-5' };
    const runs = await runSweep(list, { prices }, { workers: 2 });
    expect(runs[1]?.error?.code).toBe('CONFIG_INVALID');
    expect(runs[1]?.error?.message).toContain('initial_capital');
    expect(runs[0]?.error).toBeUndefined();
    expect(runs[2]?.error).toBeUndefined();
  }, 120_000);

  it('stops on abort: rejects with ABORTED and leaves no worker running', async () => {
    const controller = new AbortController();
    const list = Array.from({ length: 40 }, () => base);
    const sweep = runSweep(list, { prices }, { workers: 2, signal: controller.signal, onProgress: ({ done }) => done === 2 && controller.abort() });
    await expect(sweep).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(runSweep(list, { prices }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(BackfolioError);
  }, 120_000);

  it('round-trips the data through its wire form exactly', () => {
    const back = fromWireData(toWireData({ prices }));
    expect(back.prices.assets.map((a) => a.points.map((p) => [p.date, p.price.toFixed()]))).toEqual(prices.assets.map((a) => a.points.map((p) => [p.date, p.price.toFixed()])));
  });
});

/** A stand-in for a Web Worker (EventTarget + postMessage), serving tasks with the pool's own worker side. */
class FakeWebWorker extends EventTarget {
  terminated = false;
  private readonly handlers: ((message: unknown) => void)[] = [];
  constructor(handle: ((task: number, init: number) => number) | null) {
    super();
    if (handle === null) return; // a worker whose script never loads: it answers nothing
    serveTasks<number, number, number>(
      { postMessage: (message) => queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: message }))), onMessage: (h) => this.handlers.push(h) },
      handle,
      (error) => ({ code: 'INTERNAL', message: String(error) }),
    );
  }
  postMessage(message: unknown): void {
    queueMicrotask(() => this.handlers.forEach((h) => h(structuredClone(message))));
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('runOnPool through the Web Worker adapter', () => {
  it('initialises each worker once, returns results in task order, a failing task in its place', async () => {
    const made: FakeWebWorker[] = [];
    const create = (): PoolWorker => {
      const worker = new FakeWebWorker((task, init) => {
        if (task === 3) throw new Error('three');
        return task * init;
      });
      made.push(worker);
      return adaptWebWorker(worker as unknown as Worker);
    };
    const results = await runOnPool<number, number, number>(create, 3, 10, [0, 1, 2, 3, 4, 5, 6]);
    expect(results).toEqual([0, 10, 20, { error: { code: 'INTERNAL', message: 'Error: three' } }, 40, 50, 60]);
    expect(made).toHaveLength(3);
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('rejects when a worker fails to start, and terminates the others', async () => {
    let count = 0;
    const made: FakeWebWorker[] = [];
    const create = (): PoolWorker => {
      const failing = count++ === 1;
      const worker = new FakeWebWorker(failing ? null : (task) => task);
      made.push(worker);
      // What a page sees when a worker script fails to load: an `error` event with a message.
      if (failing) setTimeout(() => worker.dispatchEvent(Object.assign(new Event('error'), { message: 'script not found' })), 5);
      return adaptWebWorker(worker as unknown as Worker);
    };
    await expect(runOnPool<number, number, number>(create, 2, 1, [1, 2, 3, 4])).rejects.toThrow('script not found');
    expect(made.every((w) => w.terminated)).toBe(true);
  });
});
