/** The report and CSV package of a real engine run of the bundled example (not the hand-made fixture). */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/data/examples/index';
import { parsePriceCsv } from '../../src/data/prices';
import { validateConfig } from '../../src/engine/config';
import { runBacktest } from '../../src/engine/run';
import { sha256Hex } from '../../src/export/sha256';
import { buildReport } from '../../src/report/build';
import { readPackage } from '../export/csv/helpers';
import { csvWriter } from '../../src/export/csv/index';

describe('report of the bundled example', async () => {
  const example = EXAMPLES[0]!;
  const csv = await example.loadPrices();
  const bytes = new TextEncoder().encode(csv);
  const result = runBacktest({ config: example.config, prices: parsePriceCsv(csv) });
  const inputs = { prices: { name: 'prices.csv', bytes: bytes.length, sha256: sha256Hex(bytes) } };
  const report = buildReport(result, { formats: ['csv'], template: 'detailed', bom: true }, { generatedAt: '2025-09-06T08:38:40Z', inputs });
  const out = await csvWriter.write(report, {});
  const pkg = readPackage(out.bytes, out.rows);

  it('writes one daily row per timeline date and the trades of the strategy', () => {
    expect(pkg.csv('daily_portfolio_data.csv')).toHaveLength(result.dates.length + 1);
    expect(pkg.csv('transaction_log.csv')).toHaveLength(result.strategy.trades.length + 1);
    expect(pkg.csv('rebalancing_events.csv')).toHaveLength(result.strategy.rebalances.length + 1);
    expect(pkg.csv('performance_summary.csv')[0]).toEqual(['metric', 'risk_parity_crypto_synthetic', 'bitcoin', 'equal_weight']);
  });

  it('keeps the identities of the contract in the files', () => {
    const daily = pkg.csv('daily_portfolio_data.csv').slice(1);
    const capital = 10000;
    const last = daily[daily.length - 1]!;
    // cumulative_return = V_t / C − 1, to the file's 10 decimals.
    expect(Number(last[3])).toBeCloseTo(Number(last[1]) / capital - 1, 6);
    for (const row of daily) expect(Number(row[4])).toBeLessThanOrEqual(0);
    const summary = pkg.csv('performance_summary.csv');
    expect(Number(summary[1]![1])).toBeCloseTo(Number(last[1]) / capital - 1, 6);
    const weights = pkg.csv('asset_allocations.csv').slice(1);
    for (const row of weights) expect(row.slice(1).reduce((s, w) => s + Number(w), 0)).toBeCloseTo(1, 8);
    const events = pkg.csv('rebalancing_events.csv').slice(1);
    const tradesInEvents = events.reduce((s, e) => s + (JSON.parse(e[4]!) as unknown[]).length, 0);
    expect(tradesInEvents).toBe(result.strategy.trades.length);
  });

  it('writes metadata that validates back into the same configuration', () => {
    const meta = pkg.metadata;
    expect(meta.inputs.prices).toEqual(inputs.prices);
    expect(validateConfig(meta.config)).toEqual(validateConfig(example.config));
    expect(meta.resolved?.periods_per_year).toBe(365);
    expect(meta.glossary.length).toBe(result.metric_definitions.length);
    for (const file of meta.files) expect(sha256Hex(pkg.entries[file.name]!)).toBe(file.sha256);
  });
});
