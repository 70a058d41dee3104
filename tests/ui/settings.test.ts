import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/data/examples/index';
import { configToForm } from '../../src/ui/formModel';
import { baselineFor, dataContextOf, impliedName, reconcileSettings, settingOfPath, userSettings, type DataContext } from '../../src/ui/settings';
import type { DataSummary, ExampleSummary } from '../../src/worker/protocol';

const crypto = EXAMPLES[0]!;
const cryptoSummary: ExampleSummary = { id: crypto.id, title: crypto.title, description: '', synthetic: true, source: '', symbols: ['BTC', 'ETH', 'SOL', 'ADA', 'XRP'], dataLabel: 'crypto (synthetic)' };

function prices(fileName: string, symbols: string[], first: string, last: string, inferred: number, currency: string | null = null): DataSummary {
  return { fileName, bytes: 100, sha256: 'ab', form: 'wide', series: symbols.map((name) => ({ name, currency, first, last, count: 10 })), inferredPeriodsPerYear: inferred };
}

const cryptoContext: DataContext = dataContextOf(prices('crypto_prices.csv', cryptoSummary.symbols, '2020-01-01', '2024-12-31', 365), { ...cryptoSummary, config: crypto.config });
const businessContext: DataContext = dataContextOf(prices('business_days.csv', ['A01', 'A02'], '2019-01-01', '2023-12-29', 252, 'EUR'), null);

describe('settings that follow the data', () => {
  it('an example implies its own configuration; a file its symbols, dates, inferred periods, currency and a name', () => {
    const start = reconcileSettings(null, new Set(), cryptoContext, null);
    expect(start.form.periodsPerYear).toBe('365');
    expect(start.form.name).toBe('Risk parity crypto (synthetic)');
    expect(start.userSet.size).toBe(0);
    const next = reconcileSettings(start.form, start.userSet, businessContext, start.baseline);
    expect(next.form).toMatchObject({ periodsPerYear: '', name: 'Risk parity · business_days', assets: ['A01', 'A02'], startDate: '2019-01-01', endDate: '2023-12-29', baseCurrency: 'EUR' });
    expect(next.form.benchmarks).toEqual([{ kind: 'buy_and_hold', name: 'A01 buy and hold', asset: 'A01' }]);
    // What a file says nothing about stays as the example had it.
    expect(next.form.percentage).toBe('0.001');
    expect(next.form.strategyType).toBe('risk_parity');
    expect(next.notice?.changed).toContain('Periods per year: 365 → inferred (252)');
    expect(next.notice?.changed).toContain('Strategy name: “Risk parity crypto (synthetic)” → “Risk parity · business_days”');
    expect(next.notice?.changed).toContain('Assets: BTC, ETH, SOL, ADA, XRP → A01, A02');
  });

  it('keeps what the user set, fitted to the new data, and says so', () => {
    const start = reconcileSettings(null, new Set(), cryptoContext, null);
    const edited = { ...start.form, initialCapital: '25000', periodsPerYear: '360', assets: ['BTC', 'ETH'] };
    const userSet = userSettings(edited, start.baseline, cryptoContext);
    expect([...userSet].sort()).toEqual(['assets', 'initialCapital', 'periodsPerYear']);
    const next = reconcileSettings(edited, userSet, businessContext, start.baseline);
    expect(next.form.initialCapital).toBe('25000');
    expect(next.form.periodsPerYear).toBe('360');
    // None of the chosen assets is in the file: all of its symbols, and the marker goes.
    expect(next.form.assets).toEqual(['A01', 'A02']);
    expect(next.userSet.has('assets')).toBe(false);
    expect(next.userSet.has('initialCapital')).toBe(true);
    expect(next.notice?.kept.join(' ')).toContain('Initial capital (set by you)');
    expect(next.notice?.kept.join(' ')).toContain('none of yours is in the new data, so all 2 assets are used');
  });

  it('names the run after the strategy chosen, unless the user named it', () => {
    expect(impliedName(cryptoContext, 'risk_parity')).toBe('Risk parity crypto (synthetic)');
    expect(impliedName(cryptoContext, 'equal_weight')).toBe('Equal weight · crypto (synthetic)');
    expect(impliedName(businessContext, 'inverse_volatility')).toBe('Inverse volatility · business_days');
    const base = baselineFor(cryptoContext, null);
    const renamed = { ...base, strategyType: 'equal_weight' as const, name: 'Equal weight · crypto (synthetic)' };
    expect([...userSettings(renamed, base, cryptoContext)]).toEqual(['strategyType']);
    expect([...userSettings({ ...renamed, name: 'Mine' }, base, cryptoContext)].sort()).toEqual(['name', 'strategyType']);
  });

  it('a shared configuration is kept whole; its differences from the data are the user\'s', () => {
    const config = { ...crypto.config, name: 'Shared', rolling_window: 10 };
    const values = configToForm(config);
    const set = userSettings(values, baselineFor(cryptoContext, null), cryptoContext);
    expect([...set].sort()).toEqual(['name', 'rollingWindow']);
  });

  it('maps form key paths to settings', () => {
    expect(settingOfPath('strategy.weights.BTC')).toBe('assets');
    expect(settingOfPath('benchmarks.1.asset')).toBe('benchmarks');
    expect(settingOfPath('rebalance_threshold_value')).toBe('threshold');
    expect(settingOfPath('nothing')).toBeNull();
  });
});
