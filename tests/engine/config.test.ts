import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BackfolioError, type InputIssue } from '../../src/errors';
import { configToJson, suggestKey, validateConfig } from '../../src/engine/config';
import type { RunConfig } from '../../src/engine/types';

/** The example of config.md, valid as written. */
function specExample(): Record<string, unknown> {
  return {
    name: 'Risk parity crypto',
    start_date: '2020-01-01',
    end_date: '2024-12-31',
    initial_capital: '10000',
    base_currency: 'USD',
    rebalancing_frequency: 'monthly',
    rebalance_threshold: '5/25',
    transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
    risk_free_rate: '0.02',
    periods_per_year: 365,
    quantity_decimals: 8,
    min_trade_value: '0',
    rolling_window: 30,
    strategy: { type: 'risk_parity', assets: ['BTC', 'ETH', 'SOL'], lookback: 60 },
    benchmarks: [
      { name: 'bitcoin', type: 'buy_and_hold', asset: 'BTC' },
      { name: 'equal_weight', type: 'equal_weight', assets: ['BTC', 'ETH', 'SOL'] },
    ],
  };
}

/** The smallest valid configuration (every optional key left out). */
function minimal(): Record<string, unknown> {
  return {
    start_date: '2021-01-01',
    end_date: '2021-12-31',
    initial_capital: 1000,
    base_currency: 'usd',
    rebalancing_frequency: 'never',
    strategy: { type: 'fixed', weights: { SPY: 0.6, AGG: 0.4 } },
  };
}

/** Runs the validator and returns the issues it reported (fails the test if it did not throw). */
function issuesOf(input: unknown): InputIssue[] {
  try {
    validateConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BackfolioError);
    const backfolioError = error as BackfolioError;
    expect(backfolioError.code).toBe('CONFIG_INVALID');
    return backfolioError.issues;
  }
  throw new Error('expected validateConfig to throw');
}

function issueAt(input: unknown, path: string): InputIssue {
  const issues = issuesOf(input);
  const issue = issues.find((item) => item.path === path);
  if (issue === undefined) throw new Error(`no issue at ${path}; got ${JSON.stringify(issues)}`);
  return issue;
}

function withKey(key: string, value: unknown): Record<string, unknown> {
  return { ...minimal(), [key]: value };
}

function without(key: string): Record<string, unknown> {
  const config = minimal();
  delete config[key];
  return config;
}

describe('validateConfig: valid input', () => {
  it('accepts the example of config.md and types every field', () => {
    const config = validateConfig(specExample());
    expect(config.name).toBe('Risk parity crypto');
    expect(config.initial_capital.toFixed()).toBe('10000');
    expect(config.transaction_costs.percentage.toFixed()).toBe('0.001');
    expect(config.transaction_costs.fixed_per_trade.toFixed()).toBe('0');
    expect(config.risk_free_rate).toBe(0.02);
    expect(config.rebalance_threshold).toBe('5/25');
    expect(config.periods_per_year).toBe(365);
    expect(config.quantity_decimals).toBe(8);
    expect(config.strategy).toEqual({ type: 'risk_parity', assets: ['BTC', 'ETH', 'SOL'], lookback: 60 });
    expect(config.benchmarks).toHaveLength(2);
  });

  it('fills the defaults of every optional key and upper-cases the currency', () => {
    const config = validateConfig(minimal());
    expect(config.name).toBe('Backtest');
    expect(config.base_currency).toBe('USD');
    expect(config.rebalance_threshold).toBeNull();
    expect(config.transaction_costs.fixed_per_trade.toNumber()).toBe(0);
    expect(config.transaction_costs.percentage.toNumber()).toBe(0);
    expect(config.risk_free_rate).toBe(0.02);
    expect(config.periods_per_year).toBeNull();
    expect(config.quantity_decimals).toBe(6);
    expect(config.min_trade_value.toNumber()).toBe(0);
    expect(config.rolling_window).toBe(30);
    expect(config.benchmarks).toEqual([]);
    expect(config.strategy).toEqual({
      type: 'fixed',
      weights: [
        { symbol: 'SPY', weight: 0.6 },
        { symbol: 'AGG', weight: 0.4 },
      ],
    });
  });

  it('keeps money exact from decimal strings (no binary float)', () => {
    const config = validateConfig(withKey('initial_capital', '12345678901234567890.12345678'));
    expect(config.initial_capital.toFixed()).toBe('12345678901234567890.12345678');
  });

  it('accepts a numeric threshold, as a number or a string', () => {
    expect(validateConfig(withKey('rebalance_threshold', 0.05)).rebalance_threshold).toBe(0.05);
    expect(validateConfig(withKey('rebalance_threshold', '1')).rebalance_threshold).toBe(1);
    expect(validateConfig(withKey('rebalance_threshold', null)).rebalance_threshold).toBeNull();
  });

  it('defaults lookback to 60 for the volatility strategies', () => {
    const config = validateConfig(withKey('strategy', { type: 'inverse_volatility', assets: ['A', 'B'] }));
    expect(config.strategy).toEqual({ type: 'inverse_volatility', assets: ['A', 'B'], lookback: 60 });
  });

  it('accepts weights that sum to 1 within 0.0001', () => {
    const config = validateConfig(withKey('strategy', { type: 'fixed', weights: { A: 0.33333, B: 0.33333, C: 0.33333 } }));
    expect(config.strategy.type).toBe('fixed');
  });

  it('builds benchmark specs: buy_and_hold is a fixed 100% weight that never rebalances', () => {
    const config = validateConfig(specExample());
    expect(config.benchmarks[0]).toEqual({
      name: 'bitcoin',
      type: 'buy_and_hold',
      strategy: { type: 'fixed', weights: [{ symbol: 'BTC', weight: 1 }] },
      rebalancing_frequency: 'never',
      rebalance_threshold: null,
    });
    // Other benchmarks inherit the run's rebalancing rules.
    expect(config.benchmarks[1]).toEqual({
      name: 'equal_weight',
      type: 'equal_weight',
      strategy: { type: 'equal_weight', assets: ['BTC', 'ETH', 'SOL'] },
      rebalancing_frequency: 'monthly',
      rebalance_threshold: '5/25',
    });
  });

  it('lets a benchmark override the rebalancing rules and run any strategy', () => {
    const config = validateConfig({
      ...minimal(),
      benchmarks: [
        {
          name: '60/40 quarterly',
          type: 'strategy',
          strategy: { type: 'fixed', weights: { SPY: '0.6', AGG: '0.4' } },
          rebalancing_frequency: 'quarterly',
          rebalance_threshold: 0.1,
        },
      ],
    });
    expect(config.benchmarks[0]).toEqual({
      name: '60/40 quarterly',
      type: 'strategy',
      strategy: {
        type: 'fixed',
        weights: [
          { symbol: 'SPY', weight: 0.6 },
          { symbol: 'AGG', weight: 0.4 },
        ],
      },
      rebalancing_frequency: 'quarterly',
      rebalance_threshold: 0.1,
    });
  });

  it('accepts weights as an array of {symbol, weight}, keeping integer-like symbols in order', () => {
    const config = validateConfig(
      withKey('strategy', {
        type: 'fixed',
        weights: [
          { symbol: 'AAPL', weight: '0.5' },
          { symbol: '7203', weight: 0.5 },
        ],
      }),
    );
    expect(config.strategy).toEqual({
      type: 'fixed',
      weights: [
        { symbol: 'AAPL', weight: 0.5 },
        { symbol: '7203', weight: 0.5 },
      ],
    });
  });

  it('accepts Decimal money (a configuration rebuilt in code)', () => {
    const config = validateConfig(withKey('initial_capital', new Decimal('2500.5')));
    expect(config.initial_capital.toFixed()).toBe('2500.5');
  });

  it('accepts a leap day', () => {
    expect(validateConfig(withKey('end_date', '2024-02-29')).end_date).toBe('2024-02-29');
  });
});

describe('validateConfig: one rule per test', () => {
  it('rejects a non-object configuration', () => {
    expect(issuesOf([1, 2])[0]?.expected).toBe('a JSON object');
    expect(issuesOf(null)).toHaveLength(1);
  });

  it('requires start_date', () => {
    const issue = issueAt(without('start_date'), 'start_date');
    expect(issue.value).toBeUndefined();
    expect(issue.expected).toContain('YYYY-MM-DD');
  });

  it('requires end_date', () => {
    expect(issueAt(without('end_date'), 'end_date').value).toBeUndefined();
  });

  it('rejects a date that does not exist (2023-02-30) and a non-ISO date', () => {
    expect(issueAt(withKey('start_date', '2023-02-30'), 'start_date').value).toBe('2023-02-30');
    expect(issueAt(withKey('start_date', '01/02/2021'), 'start_date').value).toBe('01/02/2021');
    expect(issueAt(withKey('end_date', '2023-02-29'), 'end_date').value).toBe('2023-02-29');
  });

  it('requires start_date < end_date', () => {
    const issue = issueAt({ ...minimal(), start_date: '2021-06-01', end_date: '2021-06-01' }, 'end_date');
    expect(issue.expected).toContain('after start_date (2021-06-01)');
  });

  it('requires initial_capital > 0', () => {
    expect(issueAt(without('initial_capital'), 'initial_capital').value).toBeUndefined();
    expect(issueAt(withKey('initial_capital', 0), 'initial_capital').value).toBe('0');
    expect(issueAt(withKey('initial_capital', '-5'), 'initial_capital').expected).toContain('from 0.01 to 1e21');
  });

  it('rejects money that is not a finite decimal: "abc", "", booleans, NaN, Infinity, "1e"', () => {
    for (const bad of ['abc', '', true, Number.NaN, Number.POSITIVE_INFINITY, '1e', 'Infinity', '1,000', ' 5']) {
      const issue = issueAt(withKey('initial_capital', bad), 'initial_capital');
      expect(issue.expected).toContain('number');
    }
  });

  it('requires a 3-letter base_currency', () => {
    expect(issueAt(withKey('base_currency', 'US'), 'base_currency').value).toBe('US');
    expect(issueAt(withKey('base_currency', 'US1'), 'base_currency').value).toBe('US1');
    expect(issueAt(without('base_currency'), 'base_currency').value).toBeUndefined();
  });

  it('requires a known rebalancing_frequency', () => {
    const issue = issueAt(withKey('rebalancing_frequency', 'fortnightly'), 'rebalancing_frequency');
    expect(issue.expected).toBe('one of never | daily | weekly | monthly | quarterly | annually');
    expect(issueAt(without('rebalancing_frequency'), 'rebalancing_frequency').value).toBeUndefined();
  });

  it('requires rebalance_threshold in (0, 1] or "5/25"', () => {
    for (const bad of [0, 1.5, -0.1, '10/20', 'abc', true]) {
      expect(issueAt(withKey('rebalance_threshold', bad), 'rebalance_threshold').expected).toContain('"5/25"');
    }
  });

  it('requires transaction costs ≥ 0, each key optional', () => {
    expect(issueAt(withKey('transaction_costs', { percentage: -0.001 }), 'transaction_costs.percentage').value).toBe(
      '-0.001',
    );
    expect(issueAt(withKey('transaction_costs', { fixed_per_trade: 'x' }), 'transaction_costs.fixed_per_trade').value).toBe(
      'x',
    );
    expect(issueAt(withKey('transaction_costs', 5), 'transaction_costs').value).toBe('5');
    const config = validateConfig(withKey('transaction_costs', { fixed_per_trade: 1 }));
    expect(config.transaction_costs.fixed_per_trade.toFixed()).toBe('1');
    expect(config.transaction_costs.percentage.toFixed()).toBe('0');
  });

  it('requires risk_free_rate ≥ 0', () => {
    expect(issueAt(withKey('risk_free_rate', -0.01), 'risk_free_rate').value).toBe('-0.01');
    expect(issueAt(withKey('risk_free_rate', 'two'), 'risk_free_rate').value).toBe('two');
    expect(validateConfig(withKey('risk_free_rate', 0)).risk_free_rate).toBe(0);
  });

  it('requires periods_per_year > 0 when given', () => {
    expect(issueAt(withKey('periods_per_year', 0), 'periods_per_year').value).toBe('0');
    expect(validateConfig(withKey('periods_per_year', null)).periods_per_year).toBeNull();
    expect(validateConfig(withKey('periods_per_year', 252)).periods_per_year).toBe(252);
  });

  it('requires quantity_decimals to be an integer from 0 to 18', () => {
    expect(issueAt(withKey('quantity_decimals', 19), 'quantity_decimals').expected).toBe('an integer from 0 to 18 (decimal places of a quantity)');
    expect(issueAt(withKey('quantity_decimals', 2.5), 'quantity_decimals').value).toBe('2.5');
    expect(issueAt(withKey('quantity_decimals', -1), 'quantity_decimals').value).toBe('-1');
    expect(validateConfig(withKey('quantity_decimals', 0)).quantity_decimals).toBe(0);
  });

  it('requires min_trade_value ≥ 0', () => {
    expect(issueAt(withKey('min_trade_value', '-1'), 'min_trade_value').value).toBe('-1');
    expect(validateConfig(withKey('min_trade_value', '25.5')).min_trade_value.toFixed()).toBe('25.5');
  });

  it('requires rolling_window to be an integer from 2 to 10000', () => {
    expect(issueAt(withKey('rolling_window', 1), 'rolling_window').expected).toBe('an integer from 2 to 10000 (periods)');
    expect(issueAt(withKey('rolling_window', 'ten'), 'rolling_window').value).toBe('ten');
  });

  it('requires a non-empty name when given', () => {
    expect(issueAt(withKey('name', ''), 'name').expected).toBe('a non-empty string');
    expect(issueAt(withKey('name', 42), 'name').value).toBe('42');
  });

  it('null is "absent" only for rebalance_threshold and periods_per_year; elsewhere an error', () => {
    for (const key of ['name', 'transaction_costs', 'risk_free_rate', 'quantity_decimals', 'min_trade_value', 'rolling_window', 'benchmarks']) {
      expect(issueAt(withKey(key, null), key).value, key).toBe('null');
    }
  });

  it('requires a strategy', () => {
    expect(issueAt(without('strategy'), 'strategy').value).toBeUndefined();
  });

  it('lists the known strategy types for an unknown type', () => {
    const issue = issueAt(withKey('strategy', { type: 'momentum', assets: ['A'] }), 'strategy.type');
    expect(issue.value).toBe('momentum');
    expect(issue.expected).toBe('one of fixed | equal_weight | inverse_volatility | risk_parity');
  });

  it('rejects a negative weight, naming the symbol', () => {
    const issue = issueAt(withKey('strategy', { type: 'fixed', weights: { BTC: -0.2, ETH: 1.2 } }), 'strategy.weights.BTC');
    expect(issue.value).toBe('-0.2');
  });

  it('rejects a non-numeric weight', () => {
    expect(issueAt(withKey('strategy', { type: 'fixed', weights: { BTC: 'lots' } }), 'strategy.weights.BTC').value).toBe(
      'lots',
    );
  });

  it('requires at least one weight > 0', () => {
    const issue = issueAt(withKey('strategy', { type: 'fixed', weights: { A: 0, B: 0 } }), 'strategy.weights');
    expect(issue.expected).toContain('at least one weight > 0');
  });

  it('requires weights to sum to 1 and reports the actual sum', () => {
    const issue = issueAt(withKey('strategy', { type: 'fixed', weights: { A: 0.5, B: 0.48 } }), 'strategy.weights');
    expect(issue.expected).toContain('weights sum to 0.98');
  });

  it('rejects a symbol listed twice and unknown keys in the array form of weights', () => {
    const strategy = {
      type: 'fixed',
      weights: [
        { symbol: 'A', weight: 0.5 },
        { symbol: 'A', weight: 0.5, note: 'x' },
      ],
    };
    expect(issueAt(withKey('strategy', strategy), 'strategy.weights[1]').expected).toContain('once');
    expect(issueAt(withKey('strategy', strategy), 'strategy.weights[1].note').expected).toContain('a known key');
  });

  it('requires weights to be a non-empty object', () => {
    expect(issueAt(withKey('strategy', { type: 'fixed', weights: {} }), 'strategy.weights').value).toBe('{}');
    expect(issueAt(withKey('strategy', { type: 'fixed' }), 'strategy.weights').value).toBeUndefined();
  });

  it('requires assets to be a non-empty array of unique non-empty strings', () => {
    expect(issueAt(withKey('strategy', { type: 'equal_weight', assets: [] }), 'strategy.assets').value).toBe('[]');
    expect(issueAt(withKey('strategy', { type: 'equal_weight', assets: ['A', 'A'] }), 'strategy.assets[1]').expected).toContain(
      'unique',
    );
    expect(issueAt(withKey('strategy', { type: 'equal_weight', assets: ['A', ''] }), 'strategy.assets[1]').value).toBe('');
    expect(issueAt(withKey('strategy', { type: 'risk_parity', assets: ['A', 3] }), 'strategy.assets[1]').value).toBe('3');
  });

  it('requires lookback to be an integer from 2 to 10000, and only for the volatility strategies', () => {
    const lookback = issueAt(withKey('strategy', { type: 'risk_parity', assets: ['A', 'B'], lookback: 1 }), 'strategy.lookback');
    expect(lookback.expected).toBe('an integer from 2 to 10000 (returns)');
    const extra = issueAt(withKey('strategy', { type: 'equal_weight', assets: ['A'], lookback: 20 }), 'strategy.lookback');
    expect(extra.expected).toContain('a known key');
  });

  it('rejects unknown keys at the top level with a suggestion', () => {
    const issue = issueAt(withKey('rebalance_frequency', 'monthly'), 'rebalance_frequency');
    expect(issue.value).toBe('monthly');
    expect(issue.expected).toBe('a known key (did you mean "rebalancing_frequency"?)');
  });

  it('rejects unknown keys in nested objects, with or without a suggestion', () => {
    const costs = issueAt(withKey('transaction_costs', { percentage: 0.001, percent: 0.1 }), 'transaction_costs.percent');
    expect(costs.expected).toBe('a known key (did you mean "percentage"?)');
    const strategy = issueAt(withKey('strategy', { type: 'fixed', weights: { A: 1 }, colour: 'red' }), 'strategy.colour');
    expect(strategy.expected).toBe('a known key (one of type | weights)');
    const benchmark = issueAt(
      withKey('benchmarks', [{ name: 'b', type: 'buy_and_hold', asset: 'SPY', assset: 'SPY' }]),
      'benchmarks[0].assset',
    );
    expect(benchmark.expected).toBe('a known key (did you mean "asset"?)');
  });

  it('requires benchmarks to be an array', () => {
    expect(issueAt(withKey('benchmarks', { name: 'x' }), 'benchmarks').expected).toContain('array');
  });

  it('requires a benchmark name', () => {
    expect(issueAt(withKey('benchmarks', [{ type: 'buy_and_hold', asset: 'SPY' }]), 'benchmarks[0].name').value).toBeUndefined();
  });

  it('requires benchmark names to be unique (as file keys) and different from the run name', () => {
    const duplicate = issueAt(
      withKey('benchmarks', [
        { name: 'S&P 500', type: 'buy_and_hold', asset: 'SPY' },
        { name: 's&p-500', type: 'buy_and_hold', asset: 'AGG' },
      ]),
      'benchmarks[1].name',
    );
    expect(duplicate.expected).toContain('the benchmark name "S&P 500" (benchmarks[0].name)');
    expect(duplicate.expected).toContain('"s_p_500"');
    const sameAsRun = issueAt(
      { ...minimal(), name: 'My run', benchmarks: [{ name: 'my run', type: 'buy_and_hold', asset: 'SPY' }] },
      'benchmarks[0].name',
    );
    expect(sameAsRun.expected).toContain("the run's name");
  });

  it('lists the known benchmark types for an unknown type', () => {
    const issue = issueAt(withKey('benchmarks', [{ name: 'x', type: 'index' }]), 'benchmarks[0].type');
    expect(issue.expected).toBe('one of buy_and_hold | equal_weight | strategy');
  });

  it('requires the asset of a buy_and_hold benchmark and forbids its rebalancing keys', () => {
    expect(issueAt(withKey('benchmarks', [{ name: 'x', type: 'buy_and_hold' }]), 'benchmarks[0].asset').value).toBeUndefined();
    const issue = issueAt(
      withKey('benchmarks', [{ name: 'x', type: 'buy_and_hold', asset: 'SPY', rebalancing_frequency: 'monthly' }]),
      'benchmarks[0].rebalancing_frequency',
    );
    expect(issue.expected).toContain('never rebalances');
  });

  it('validates a benchmark strategy like the main one, with its full path', () => {
    const issue = issueAt(
      withKey('benchmarks', [
        { name: 'ok', type: 'buy_and_hold', asset: 'SPY' },
        { name: 'x', type: 'strategy', strategy: { type: 'fixed', weights: { BTC: -1, ETH: 2 } } },
      ]),
      'benchmarks[1].strategy.weights.BTC',
    );
    expect(issue.value).toBe('-1');
    expect(issueAt(withKey('benchmarks', [{ name: 'x', type: 'strategy' }]), 'benchmarks[0].strategy').value).toBeUndefined();
  });

  it('validates benchmark overrides', () => {
    const issue = issueAt(
      withKey('benchmarks', [{ name: 'x', type: 'equal_weight', assets: ['A'], rebalance_threshold: 2 }]),
      'benchmarks[0].rebalance_threshold',
    );
    expect(issue.value).toBe('2');
    expect(
      issueAt(withKey('benchmarks', [{ name: 'x', type: 'equal_weight', assets: ['A'], rebalancing_frequency: 'hourly' }]),
        'benchmarks[0].rebalancing_frequency').value,
    ).toBe('hourly');
  });
});

describe('validateConfig: reporting', () => {
  it('refuses a megabyte-long unknown key with a short message and no edit-distance search over it', () => {
    const key = 'k'.repeat(1_000_000);
    expect(suggestKey(key, ['initial_capital', 'name'])).toBeNull();
    let message = '';
    try {
      validateConfig({ ...minimal(), [key]: 1 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('kkkk…: got "1", expected a known key');
    expect(message.length).toBeLessThan(1_000);
  });

  it('reports every problem together, each with its path', () => {
    let caught: unknown;
    try {
      validateConfig({
        start_date: '2023-02-30',
        end_date: '2022-01-01',
        initial_capital: 'abc',
        base_currency: 'US',
        rebalancing_frequency: 'monthly',
        transaction_costs: { percentage: -1 },
        strategy: { type: 'fixed', weights: { BTC: 0.5, ETH: 0.3 } },
        benchmarks: [{ name: 'b', type: 'equal_weight', assets: 'BTC' }],
        colour: 'blue',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BackfolioError);
    const error = caught as BackfolioError;
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(
      [
        'benchmarks[0].assets',
        'base_currency',
        'colour',
        'initial_capital',
        'start_date',
        'strategy.weights',
        'transaction_costs.percentage',
      ].sort(),
    );
    expect(error.message).toContain('Invalid run configuration (7 problems)');
    expect(error.message).toContain('initial_capital: got "abc", expected a number from 0.01 to 1e21');
    expect(error.message).toContain('weights sum to 0.8');
  });
});

describe('configToJson', () => {
  it('round-trips through validateConfig to an equal configuration', () => {
    for (const input of [specExample(), minimal()]) {
      const config = validateConfig(input);
      const json = configToJson(config);
      const again = validateConfig(JSON.parse(JSON.stringify(json)));
      expect(normalise(again)).toEqual(normalise(config));
    }
  });

  it('round-trips benchmark overrides and a custom strategy benchmark', () => {
    const config = validateConfig({
      ...minimal(),
      rebalance_threshold: 0.05,
      benchmarks: [
        { name: 'hold', type: 'buy_and_hold', asset: 'SPY' },
        { name: 'ew', type: 'equal_weight', assets: ['SPY', 'AGG'], rebalancing_frequency: 'annually', rebalance_threshold: null },
        { name: 'rp', type: 'strategy', strategy: { type: 'risk_parity', assets: ['SPY', 'AGG'], lookback: 20 } },
      ],
    });
    const again = validateConfig(JSON.parse(JSON.stringify(configToJson(config))));
    expect(normalise(again)).toEqual(normalise(config));
  });

  it('writes integer-like symbols in the array form so their order survives', () => {
    const config = validateConfig(
      withKey('strategy', { type: 'fixed', weights: [{ symbol: 'ZZZ', weight: 0.4 }, { symbol: '2330', weight: 0.6 }] }),
    );
    const json = configToJson(config);
    expect(json.strategy).toEqual({ type: 'fixed', weights: [{ symbol: 'ZZZ', weight: 0.4 }, { symbol: '2330', weight: 0.6 }] });
    expect(normalise(validateConfig(JSON.parse(JSON.stringify(json))))).toEqual(normalise(config));
  });

  it('writes money as decimal strings and weights as numbers', () => {
    const json = configToJson(validateConfig({ ...minimal(), initial_capital: 1e21, min_trade_value: 0.0000001 }));
    expect(json.initial_capital).toBe('1000000000000000000000');
    expect(json.min_trade_value).toBe('0.0000001');
    expect(json.transaction_costs).toEqual({ fixed_per_trade: '0', percentage: '0' });
    expect(json.strategy).toEqual({ type: 'fixed', weights: { SPY: 0.6, AGG: 0.4 } });
    expect(json.benchmarks).toEqual([]);
  });
});

describe('helpers', () => {
  it('suggestKey suggests only plausible typos', () => {
    expect(suggestKey('intial_capital', ['initial_capital', 'name'])).toBe('initial_capital');
    expect(suggestKey('Start-Date', ['start_date', 'end_date'])).toBe('start_date');
    expect(suggestKey('xyz', ['initial_capital', 'name'])).toBeNull();
  });
});

/** Decimals compared by value: `Decimal.toJSON` writes their canonical text. */
function normalise(config: RunConfig): unknown {
  return JSON.parse(JSON.stringify(config)) as unknown;
}
