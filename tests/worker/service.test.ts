import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { BackfolioError } from '../../src/errors';
import { WorkerService, toWireError } from '../../src/worker/service';
import { MAX_CHART_POINTS } from '../../src/worker/viewModel';

const encode = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;
const noProgress = (): void => undefined;
const signal = (): AbortSignal => new AbortController().signal;

describe('WorkerService (the worker without postMessage)', () => {
  it('lists examples, loads the crypto example and runs it into a plain view model', async () => {
    const service = new WorkerService();
    const examples = await service.handle('list_examples', {}, noProgress, signal());
    expect(examples[0]).toMatchObject({ id: 'crypto-risk-parity', synthetic: true });
    const stages: string[] = [];
    const loaded = await service.handle('load_example', { exampleId: 'crypto-risk-parity' }, (_f, s) => stages.push(s), signal());
    expect(loaded.prices.series.map((s) => s.name)).toEqual(['BTC', 'ETH', 'SOL', 'ADA', 'XRP']);
    expect(loaded.prices.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stages).toContain('Parsing prices');
    const fractions: number[] = [];
    const view = await service.handle('run', { config: loaded.config, resultId: 1 }, (f) => fractions.push(f), signal());
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(view.dateCount).toBe(1827);
    expect(view.firstDate).toBe('2020-01-01');
    const equity = view.charts.find((c) => c.spec.id === 'equity')!;
    expect(equity.data.labels[0]).toBe('2020-01-01');
    expect(equity.data.labels.at(-1)).toBe(view.lastDate);
    expect(equity.data.labels.length).toBeLessThanOrEqual(MAX_CHART_POINTS + 3);
    expect(equity.data.series[0]!.values).toHaveLength(equity.data.labels.length);
    const page = await service.handle('trades', { resultId: 1, offset: 50, limit: 50 }, noProgress, signal());
    expect(page).toMatchObject({ offset: 50, total: view.trades.total });
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0]).toHaveLength(view.trades.columns.length);
    expect(view.cards.find((c) => c.key === 'final_value')?.value).toMatch(/^[\d,]+\.\d{2} USD$/);
    expect(equity.data.series.map((s) => s.name)).toEqual(['Risk parity crypto (synthetic)', 'Bitcoin', 'Equal weight']);
    // Only plain data: survives structured clone unchanged.
    expect(structuredClone(view)).toEqual(view);
    expect(JSON.stringify(view)).not.toContain('"d":[');
  });

  it('reads a UTF-16 price file (with its byte-order mark) as the library does, hashing the bytes as given', async () => {
    const text = 'date,Биткоин\n2024-01-01,10\n2024-01-02,11\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1) new DataView(utf16.buffer).setUint16(2 + 2 * i, text.charCodeAt(i), true);
    const service = new WorkerService();
    const loaded = await service.handle('load_prices', { fileName: 'utf16.csv', bytes: utf16.buffer as ArrayBuffer }, noProgress, signal());
    expect(loaded.series.map((s) => s.name)).toEqual(['Биткоин']);
    const { sha256Hex } = await import('../../src/export/sha256');
    expect(loaded.sha256).toBe(sha256Hex(utf16));
  });

  it('keeps the previous data when a price file is rejected, naming row, column and value', async () => {
    const service = new WorkerService();
    const good = await service.handle('load_prices', { fileName: 'good.csv', bytes: encode('date,AAA,BBB\n2024-01-01,10,20\n2024-01-02,11,21\n2024-01-03,12,19\n') }, noProgress, signal());
    expect(good.form).toBe('wide');
    const error = await service
      .handle('load_prices', { fileName: 'bad.csv', bytes: encode('date,AAA\n2024-01-01,10\n2024-01-02,-3\n') }, noProgress, signal())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackfolioError);
    const wire = toWireError(error);
    expect(wire.code).toBe('PRICES_INVALID');
    expect(wire.issues[0]?.path).toMatch(/row 3/);
    expect(wire.issues[0]?.value).toBe('-3');
    const config = {
      name: 'two',
      start_date: '2024-01-01',
      end_date: '2024-01-03',
      initial_capital: '1000',
      base_currency: 'USD',
      rebalancing_frequency: 'daily',
      transaction_costs: { fixed_per_trade: '0', percentage: '0' },
      strategy: { type: 'equal_weight', assets: ['AAA', 'BBB'] },
      benchmarks: [],
    };
    const view = await service.handle('run', { config, resultId: 1 }, noProgress, signal());
    expect(view.charts.find((c) => c.spec.id === 'allocation')?.data.series.map((s) => s.name)).toEqual(['AAA', 'BBB', 'Cash']);
  });

  it('returns validation issues with key paths instead of throwing', async () => {
    const service = new WorkerService();
    const issues = await service.handle('validate', { config: { name: 'x', initial_capital: '-5' } }, noProgress, signal());
    expect(issues.map((i) => i.path)).toContain('initial_capital');
  });

  it('exports the last result as bytes with the naming rule, and refuses before any run', async () => {
    const service = new WorkerService();
    const before = await service
      .handle('export', { resultId: 1, format: 'csv', options: { formats: ['csv'], template: 'detailed', bom: true }, charts: [] }, noProgress, signal())
      .catch((e: unknown) => toWireError(e));
    expect(before).toMatchObject({ code: 'INPUT_MISMATCH' });
    const loaded = await service.handle('load_example', { exampleId: 'crypto-risk-parity' }, noProgress, signal());
    await service.handle('run', { config: loaded.config, resultId: 1 }, noProgress, signal());
    const file = await service.handle(
      'export',
      { resultId: 1, format: 'csv', options: { formats: ['csv'], template: 'detailed', bom: false, sections: ['summary'] }, charts: [], exportedAt: '2025-09-06T08:38:40.000Z' },
      noProgress,
      signal(),
    );
    expect(file.fileName).toBe('risk_parity_crypto_synthetic_2025-09-06T08-38-40Z.zip');
    const entries = unzipSync(file.bytes);
    expect(Object.keys(entries).sort()).toEqual(['metadata.json', 'performance_summary.csv']);
    expect(file.rows).toBeGreaterThan(0);
    expect(file.warnings).toEqual([]);
    // The bundled example's data says it is synthetic, by what it is (not by its file name).
    const metadata = JSON.parse(new TextDecoder().decode(entries['metadata.json'])) as { inputs: { prices: Record<string, unknown> } };
    expect(metadata.inputs.prices).toMatchObject({ name: 'crypto-risk-parity_prices.csv', synthetic: true, source: expect.stringContaining('mulberry32, seed 42') });
  });

  it('stops a run whose signal has fired with ABORTED', async () => {
    const service = new WorkerService();
    const loaded = await service.handle('load_example', { exampleId: 'crypto-risk-parity' }, noProgress, signal());
    const controller = new AbortController();
    controller.abort();
    const error = await service.handle('run', { config: loaded.config, resultId: 1 }, noProgress, controller.signal).catch((e: unknown) => toWireError(e));
    expect(error).toMatchObject({ code: 'ABORTED' });
  });
});

describe('WorkerService: analysis tables and late cancels', () => {
  it('sends the metrics, trailing, yearly and worst-drawdown tables as display text from the report model', async () => {
    const service = new WorkerService();
    const loaded = await service.handle('load_example', { exampleId: 'crypto-risk-parity' }, () => undefined, new AbortController().signal);
    const view = await service.handle('run', { config: loaded.config, resultId: 7 }, () => undefined, new AbortController().signal);
    expect(view.analysis.map((t) => t.id)).toEqual(['performance_summary', 'trailing_returns', 'yearly_returns', 'drawdown_periods']);
    const yearly = view.analysis.find((t) => t.id === 'yearly_returns')!;
    expect(yearly.columns.map((c) => c.label)).toEqual(['Year', 'Risk parity crypto (synthetic)', 'Bitcoin', 'Equal weight']);
    expect(yearly.rows.map((r) => r[0])).toEqual(['2020', '2021', '2022', '2023', '2024']);
    expect(yearly.rows[0]?.[1]).toMatch(/^-?[\d,]+\.\d{2}%$/);
    const trailing = view.analysis.find((t) => t.id === 'trailing_returns')!;
    expect(trailing.rows.map((r) => r[0])).toEqual(['MTD', '3 months', '6 months', 'YTD', '1 year', '3 years (ann.)', '5 years (ann.)', '10 years (ann.)', 'Since inception (ann.)']);
    expect(view.analysis.find((t) => t.id === 'drawdown_periods')!.rows.length).toBeLessThanOrEqual(5);
    // Trade pages and exports name the result they belong to.
    await expect(service.handle('trades', { resultId: 99, offset: 0, limit: 5 }, () => undefined, new AbortController().signal)).rejects.toMatchObject({ code: 'INPUT_MISMATCH' });
    expect((await service.handle('trades', { resultId: 7, offset: 0, limit: 5 }, () => undefined, new AbortController().signal)).rows).toHaveLength(5);
  });

  it('a run whose cancel arrives while the engine works keeps nothing: the previous result stays', async () => {
    const service = new WorkerService();
    const loaded = await service.handle('load_example', { exampleId: 'crypto-risk-parity' }, () => undefined, new AbortController().signal);
    await service.handle('run', { config: loaded.config, resultId: 1 }, () => undefined, new AbortController().signal);
    const controller = new AbortController();
    // The cancel message is read at the first yield after the synchronous engine run.
    setTimeout(() => controller.abort(), 0);
    const late = await service.handle('run', { config: { ...loaded.config, name: 'second' }, resultId: 2 }, () => undefined, controller.signal).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: 'ABORTED' });
    await expect(service.handle('trades', { resultId: 2, offset: 0, limit: 1 }, () => undefined, new AbortController().signal)).rejects.toMatchObject({ code: 'INPUT_MISMATCH' });
    expect((await service.handle('trades', { resultId: 1, offset: 0, limit: 1 }, () => undefined, new AbortController().signal)).rows).toHaveLength(1);
  });
});
