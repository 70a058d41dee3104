import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/data/examples/index';
import { configToJson, validateConfig } from '../../src/engine/config';
import { configSymbols, configToForm, fitFormToSymbols, formToConfig, integerOut, pickExampleFor } from '../../src/ui/formModel';

describe('form ↔ configuration', () => {
  it('round-trips every bundled example to the same validated configuration', () => {
    expect(EXAMPLES.length).toBeGreaterThan(0);
    for (const example of EXAMPLES) {
      const back = formToConfig(configToForm(example.config));
      expect(configToJson(validateConfig(back)), example.id).toEqual(configToJson(validateConfig(example.config)));
    }
    // Written with decimal strings throughout, the crypto example comes back key for key.
    const crypto = EXAMPLES[0]!.config;
    expect(formToConfig(configToForm(crypto))).toEqual(crypto);
  });

  it('maps fixed weights, an absolute band and optional fields left empty', () => {
    const form = configToForm({
      name: 'Fixed',
      start_date: '2020-01-01',
      end_date: '2021-01-01',
      initial_capital: 1000,
      base_currency: 'eur',
      rebalancing_frequency: 'quarterly',
      rebalance_threshold: 0.05,
      transaction_costs: { fixed_per_trade: '1', percentage: 0.002 },
      strategy: { type: 'fixed', weights: { A: 0.6, B: '0.4' } },
      benchmarks: [],
    });
    expect(form.strategyType).toBe('fixed');
    expect(form.assets).toEqual(['A', 'B']);
    expect(form.thresholdMode).toBe('absolute');
    const config = formToConfig(form);
    expect(config).toMatchObject({
      initial_capital: '1000',
      base_currency: 'EUR',
      rebalance_threshold: 0.05,
      transaction_costs: { fixed_per_trade: '1', percentage: '0.002' },
      strategy: { type: 'fixed', weights: { A: '0.6', B: '0.4' } },
    });
    expect(config).not.toHaveProperty('periods_per_year');
    expect(config).not.toHaveProperty('risk_free_rate');
    expect(() => validateConfig(config)).not.toThrow();
  });

  it('keeps benchmarks and keys the form cannot edit unchanged', () => {
    const raw = { name: 'custom', type: 'strategy', strategy: { type: 'fixed', weights: { A: 1 } }, rebalancing_frequency: 'never' };
    const config = { name: 'x', mystery_key: 42, benchmarks: [raw, { name: 'rp', type: 'strategy', strategy: { type: 'risk_parity', assets: ['A', 'B'], lookback: 20 } }] };
    const back = formToConfig(configToForm(config));
    expect(back.mystery_key).toBe(42);
    expect(back.benchmarks).toEqual(config.benchmarks);
  });

  it('passes text the form cannot read as a number through, for the validator to name', () => {
    expect(integerOut(' 12 ')).toBe(12);
    expect(integerOut('1.5')).toBe('1.5');
    const form = { ...configToForm(EXAMPLES[0]!.config), quantityDecimals: 'eight', thresholdMode: 'absolute' as const, thresholdValue: 'abc' };
    const config = formToConfig(form);
    expect(config.quantity_decimals).toBe('eight');
    expect(config.rebalance_threshold).toBe('abc');
    expect(() => validateConfig(config)).toThrow(/quantity_decimals/);
  });

  it('fits the form to a new file: unknown assets go, dates follow the data', () => {
    const form = configToForm(EXAMPLES[0]!.config);
    const same = fitFormToSymbols(form, ['BTC', 'ETH', 'SOL', 'ADA', 'XRP', 'DOGE'], { first: '2019-01-01', last: '2020-01-01' });
    expect(same).toBe(form);
    const other = fitFormToSymbols(form, ['AAA', 'BBB'], { first: '2019-01-01', last: '2020-01-01' });
    expect(other.assets).toEqual(['AAA', 'BBB']);
    expect(other.startDate).toBe('2019-01-01');
    expect(other.benchmarks).toEqual([{ kind: 'buy_and_hold', name: 'AAA buy and hold', asset: 'AAA' }]);
    const partial = fitFormToSymbols(form, ['BTC', 'ETH'], { first: '2020-01-01', last: '2024-12-31' });
    expect(partial.assets).toEqual(['BTC', 'ETH']);
    expect(partial.benchmarks.map((b) => b.name)).toEqual(['Bitcoin']);
  });
});

describe('choosing the example a configuration needs', () => {
  const examples = EXAMPLES.map((e) => ({ id: e.id, symbols: configSymbols(e.config) }));

  it('lists the symbols of strategy and benchmarks once', () => {
    expect(configSymbols(EXAMPLES[0]!.config)).toEqual(['BTC', 'ETH', 'SOL', 'ADA', 'XRP']);
  });

  it('picks the example holding every symbol, the first otherwise', () => {
    expect(pickExampleFor(examples, null)?.id).toBe(EXAMPLES[0]!.id);
    for (const example of EXAMPLES) expect(pickExampleFor(examples, example.config)?.id).toBe(example.id);
    expect(pickExampleFor(examples, { strategy: { type: 'equal_weight', assets: ['NOPE'] } })?.id).toBe(EXAMPLES[0]!.id);
  });
});

