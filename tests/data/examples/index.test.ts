import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, findExample, generateCryptoExampleCsv } from '../../../src/data/examples/index';
import { parsePriceCsv } from '../../../src/data/prices';
import { validateConfig } from '../../../src/engine/config';
import { runBacktest } from '../../../src/engine/run';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('bundled examples', () => {
  it('has the three examples, crypto first, with unique ids', () => {
    expect(EXAMPLES.map((e) => e.id)).toEqual(['crypto-risk-parity', 'us-stocks', 'sp500']);
    expect(findExample('sp500')?.title).toContain('S&P 500');
    expect(findExample('nope')).toBeUndefined();
  });

  it('hands out a fresh configuration on every read (editing one cannot change the example)', () => {
    const first = EXAMPLES[0]!.config;
    first.name = 'edited';
    (first.strategy as { assets: string[] }).assets.push('DOGE');
    const again = EXAMPLES[0]!.config;
    expect(again.name).toBe('Risk parity crypto (synthetic)');
    expect((again.strategy as { assets: string[] }).assets).toEqual(['BTC', 'ETH', 'SOL', 'ADA', 'XRP']);
    expect({ ...EXAMPLES[0]! }.config).toEqual(again);
  });

  it('labels the synthetic example as synthetic', () => {
    const crypto = EXAMPLES[0];
    expect(crypto?.synthetic).toBe(true);
    expect(crypto?.title.toLowerCase()).toContain('synthetic');
    expect(crypto?.description.toLowerCase()).toContain('synthetic');
    expect(EXAMPLES.slice(1).every((e) => !e.synthetic && e.source.includes('BSD-3-Clause'))).toBe(true);
  });

  it('crypto prices are deterministic (seed 42), daily 2020–2024, pinned by hash', async () => {
    const csv = await EXAMPLES[0]!.loadPrices();
    expect(generateCryptoExampleCsv()).toBe(csv);
    // Pinned: the hash goes into every export's metadata; a change must be deliberate.
    expect(sha256(csv)).toBe('5c6238fb908409949a643a21f915a639a7881f480d2d93ce0fc79ef05f1f2780');
    const data = parsePriceCsv(csv);
    expect(data.assets.map((a) => a.symbol)).toEqual(['BTC', 'ETH', 'SOL', 'ADA', 'XRP']);
    const dates = data.assets[0]?.points.map((p) => p.date) ?? [];
    expect(dates[0]).toBe('2020-01-01');
    expect(dates.at(-1)).toBe('2024-12-31');
    expect(dates).toHaveLength(1827);
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s: prices parse and cover every configured asset', async (_id, example) => {
    const data = parsePriceCsv(await example.loadPrices());
    const symbols = new Set(data.assets.map((a) => a.symbol));
    const strategy = example.config.strategy as { assets?: string[]; weights?: Record<string, number> };
    const used = strategy.assets ?? Object.keys(strategy.weights ?? {});
    expect(used.length).toBeGreaterThan(0);
    for (const symbol of used) expect(symbols.has(symbol)).toBe(true);
    const start = String(example.config.start_date);
    for (const asset of data.assets.filter((a) => used.includes(a.symbol))) {
      expect(asset.points[0]!.date <= start || asset.symbol === 'GOOG').toBe(true);
    }
  });

  it('us-stocks: ISO dates converted from "Jan 1 2000", GOOG from Aug 2004', async () => {
    const data = parsePriceCsv(await findExample('us-stocks')!.loadPrices());
    expect(data.form).toBe('long');
    const goog = data.assets.find((a) => a.symbol === 'GOOG');
    expect(goog?.points[0]).toMatchObject({ date: '2004-08-01' });
    expect(goog?.points[0]?.price.toString()).toBe('102.37');
    const msft = data.assets.find((a) => a.symbol === 'MSFT');
    expect(msft?.points[0]?.date).toBe('2000-01-01');
    expect(msft?.points[0]?.price.toString()).toBe('39.81');
  });

  it('sp500: one SPX column, closes as given', async () => {
    const data = parsePriceCsv(await findExample('sp500')!.loadPrices());
    expect(data.assets.map((a) => a.symbol)).toEqual(['SPX']);
    expect(data.assets[0]?.points[0]?.date).toBe('2000-01-03');
    expect(data.assets[0]?.points[0]?.price.toString()).toBe('1455.219971');
    expect(data.assets[0]?.points).toHaveLength(5105);
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s: configuration passes validateConfig', (_id, example) => {
    const config = validateConfig(example.config);
    expect(config.strategy.type).toBe((example.config.strategy as { type: string }).type);
    expect(config.benchmarks.length).toBeGreaterThan(0);
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s: runs without warnings from its start date', async (_id, example) => {
    const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
    expect(result.warnings).toEqual([]);
    expect(result.dates[0]).toBe(String(example.config.start_date));
    expect(result.strategy.trades.length).toBeGreaterThan(0);
  });

  it('sp500: fixed 100 % never rebalanced equals the buy-and-hold benchmark to the last digit', async () => {
    const example = findExample('sp500')!;
    const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
    const [benchmark] = result.benchmarks;
    expect(result.strategy.values.map(String)).toEqual(benchmark?.values.map(String));
    expect(result.strategy.trades).toHaveLength(1);
  });
});
