/**
 * Cross-check against an independent implementation: scripts/reference/backtest_reference.py was
 * written from ../shared/spec/backtest.md alone (Python `decimal` + numpy), without reading the
 * TypeScript engine. Both run the same scenarios; every value, trade and core metric must agree.
 * Needs python3 with numpy (Debian's python3-numpy, installed by .ci/run); fails without it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFxCsv } from '../../src/data/fx';
import { parsePriceCsv } from '../../src/data/prices';
import { Dec } from '../../src/engine/decimal';
import { runBacktest } from '../../src/engine/run';
import type { PortfolioResult } from '../../src/engine/types';
import { requirePython } from '../support/tools';

const SCRIPT = join(__dirname, '../../scripts/reference/backtest_reference.py');
const python = requirePython(['numpy']);

interface ReferencePortfolio {
  name: string;
  values: string[];
  trades: { day: number; asset: string; quantity: string; cost: string }[];
  events: { day: number; reason: string; n: number }[];
  metrics: Record<string, number | string | null>;
}
interface ReferenceOutput {
  dates: string[];
  periods_per_year: number;
  portfolios: ReferencePortfolio[];
}

/** Deterministic prices: a seeded random walk per asset, with optional gaps and a late start. */
function makePrices(options: {
  symbols: string[];
  start: string;
  days: number;
  seed: number;
  gaps?: Record<string, number>;
  lateStart?: Record<string, number>;
  currency?: Record<string, string>;
  weekdaysOnly?: boolean;
}): string {
  let state = options.seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const prices = options.symbols.map((_, i) => 20 + 40 * i + random() * 10);
  const hasCurrency = options.currency !== undefined;
  const lines = [hasCurrency ? 'date,symbol,price,currency' : 'date,symbol,price'];
  const day = new Date(`${options.start}T00:00:00Z`);
  for (let k = 0; k < options.days; k += 1, day.setUTCDate(day.getUTCDate() + 1)) {
    const weekday = day.getUTCDay();
    if (options.weekdaysOnly && (weekday === 0 || weekday === 6)) continue;
    const iso = day.toISOString().slice(0, 10);
    options.symbols.forEach((symbol, i) => {
      prices[i] = (prices[i] ?? 1) * (1 + (random() - 0.5) * 0.08);
      const gap = options.gaps?.[symbol];
      if (gap !== undefined && k % gap === 1) return;
      if ((options.lateStart?.[symbol] ?? 0) > k) return;
      const currency = hasCurrency ? `,${options.currency?.[symbol] ?? 'USD'}` : '';
      lines.push(`${iso},${symbol},${(prices[i] ?? 1).toFixed(4)}${currency}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

interface Scenario {
  name: string;
  config: Record<string, unknown>;
  prices: string;
  fx?: string;
}

const BASE = { initial_capital: '10000', base_currency: 'USD', risk_free_rate: '0.02' };

const scenarios: Scenario[] = [
  {
    name: 'fixed weights, monthly, fixed + percentage costs',
    config: {
      ...BASE,
      name: 'Fixed',
      start_date: '2021-01-01',
      end_date: '2021-06-30',
      rebalancing_frequency: 'monthly',
      transaction_costs: { fixed_per_trade: '1.5', percentage: '0.0025' },
      strategy: { type: 'fixed', weights: { AAA: 0.5, BBB: 0.3, CCC: 0.2 } },
      benchmarks: [{ name: 'aaa', type: 'buy_and_hold', asset: 'AAA' }],
    },
    prices: makePrices({ symbols: ['AAA', 'BBB', 'CCC'], start: '2021-01-01', days: 181, seed: 7, weekdaysOnly: true }),
  },
  {
    name: 'equal weight, daily, 5/25, min trade value',
    config: {
      ...BASE,
      name: 'EW daily',
      start_date: '2022-03-01',
      end_date: '2022-05-15',
      rebalancing_frequency: 'daily',
      rebalance_threshold: '5/25',
      min_trade_value: '50',
      transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
      strategy: { type: 'equal_weight', assets: ['X', 'Y', 'Z', 'W'] },
    },
    prices: makePrices({ symbols: ['X', 'Y', 'Z', 'W'], start: '2022-03-01', days: 80, seed: 11 }),
  },
  {
    name: 'inverse volatility, weekly across a year end, absolute threshold, gaps',
    config: {
      ...BASE,
      name: 'Inverse vol',
      start_date: '2020-11-01',
      end_date: '2021-02-28',
      rebalancing_frequency: 'weekly',
      rebalance_threshold: 0.03,
      quantity_decimals: 8,
      transaction_costs: { fixed_per_trade: '0.5', percentage: '0.001' },
      strategy: { type: 'inverse_volatility', assets: ['BTC', 'ETH', 'SOL'], lookback: 20 },
      benchmarks: [{ name: 'Equal weight', type: 'equal_weight', assets: ['BTC', 'ETH', 'SOL'] }],
    },
    prices: makePrices({ symbols: ['BTC', 'ETH', 'SOL'], start: '2020-11-01', days: 120, seed: 3, gaps: { SOL: 9 } }),
  },
  {
    name: 'risk parity, monthly + 5/25, late-starting asset',
    config: {
      ...BASE,
      name: 'Risk parity',
      start_date: '2021-01-01',
      end_date: '2021-09-30',
      rebalancing_frequency: 'monthly',
      rebalance_threshold: '5/25',
      quantity_decimals: 8,
      transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
      strategy: { type: 'risk_parity', assets: ['BTC', 'ETH', 'SOL', 'ADA'], lookback: 30 },
      benchmarks: [{ name: 'bitcoin', type: 'buy_and_hold', asset: 'BTC' }],
    },
    prices: makePrices({ symbols: ['BTC', 'ETH', 'SOL', 'ADA'], start: '2021-01-01', days: 273, seed: 5, lateStart: { ADA: 12 } }),
  },
  {
    name: 'buy scaling and the cash cut loop with a large fixed cost',
    config: {
      ...BASE,
      name: 'Tight cash',
      initial_capital: '1000',
      start_date: '2021-01-01',
      end_date: '2021-03-31',
      rebalancing_frequency: 'weekly',
      quantity_decimals: 2,
      transaction_costs: { fixed_per_trade: '3', percentage: '0.004' },
      strategy: { type: 'fixed', weights: { P: 0.34, Q: 0.33, R: 0.33 } },
      benchmarks: [{ name: 'p', type: 'buy_and_hold', asset: 'P' }],
    },
    prices: makePrices({ symbols: ['P', 'Q', 'R'], start: '2021-01-01', days: 90, seed: 19 }),
  },
  {
    name: 'monthly data (12 periods a year inferred), quarterly calendar, inverse volatility',
    config: {
      ...BASE,
      name: 'Monthly data',
      start_date: '2005-01-01',
      end_date: '2010-12-31',
      rebalancing_frequency: 'quarterly',
      transaction_costs: { fixed_per_trade: '2', percentage: '0.0015' },
      strategy: { type: 'inverse_volatility', assets: ['M1', 'M2', 'M3'], lookback: 6 },
      benchmarks: [{ name: 'm1', type: 'buy_and_hold', asset: 'M1' }],
    },
    prices: (() => {
      const lines = ['date,symbol,price'];
      let level = [30, 55, 80];
      for (let k = 0; k < 72; k += 1) {
        const date = `${2005 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
        level = level.map((p, i) => p * (1 + 0.06 * Math.sin(k * (i + 1) * 0.7) + 0.01 * i));
        level.forEach((p, i) => lines.push(`${date},M${i + 1},${p.toFixed(3)}`));
      }
      return `${lines.join('\n')}\n`;
    })(),
  },
  {
    name: 'never calendar with an absolute threshold only, weekday data (252 inferred)',
    config: {
      ...BASE,
      name: 'Threshold only',
      start_date: '2022-01-01',
      end_date: '2022-12-31',
      rebalancing_frequency: 'never',
      rebalance_threshold: '0.02',
      min_trade_value: '25',
      transaction_costs: { fixed_per_trade: '0.75', percentage: '0.0005' },
      strategy: { type: 'fixed', weights: { T1: 0.25, T2: 0.25, T3: 0.5 } },
      benchmarks: [{ name: 'Equal', type: 'equal_weight', assets: ['T1', 'T2', 'T3'], rebalancing_frequency: 'monthly' }],
    },
    prices: makePrices({ symbols: ['T1', 'T2', 'T3'], start: '2022-01-01', days: 365, seed: 29, weekdaysOnly: true }),
  },
  {
    name: 'risk parity, annual calendar with 5/25 over three years, five assets',
    config: {
      ...BASE,
      name: 'Annual RP',
      start_date: '2019-06-01',
      end_date: '2022-06-30',
      rebalancing_frequency: 'annually',
      rebalance_threshold: '5/25',
      quantity_decimals: 8,
      transaction_costs: { fixed_per_trade: '0', percentage: '0.002' },
      strategy: { type: 'risk_parity', assets: ['A', 'B', 'C', 'D', 'E'], lookback: 90 },
      benchmarks: [
        { name: 'ew', type: 'equal_weight', assets: ['A', 'B', 'C', 'D', 'E'] },
        { name: 'iv', type: 'strategy', strategy: { type: 'inverse_volatility', assets: ['A', 'C', 'E'], lookback: 45 } },
      ],
    },
    prices: makePrices({ symbols: ['A', 'B', 'C', 'D', 'E'], start: '2019-06-01', days: 1126, seed: 31 }),
  },
  {
    name: 'foreign asset with FX given in both directions',
    config: {
      ...BASE,
      name: 'FX',
      start_date: '2021-01-04',
      end_date: '2021-04-30',
      rebalancing_frequency: 'monthly',
      rebalance_threshold: 0.05,
      transaction_costs: { fixed_per_trade: '1', percentage: '0.001' },
      strategy: { type: 'fixed', weights: { US: 0.6, EU: 0.4 } },
    },
    prices: makePrices({ symbols: ['US', 'EU'], start: '2021-01-04', days: 117, seed: 23, weekdaysOnly: true, currency: { EU: 'EUR' } }),
    fx: (() => {
      const lines = ['date,from_currency,to_currency,rate'];
      const day = new Date('2021-01-01T00:00:00Z');
      for (let k = 0; k < 120; k += 1, day.setUTCDate(day.getUTCDate() + 1)) {
        const rate = 1.2 + 0.05 * Math.sin(k / 9);
        const iso = day.toISOString().slice(0, 10);
        // Every day, weekends included, so FX moves the EU asset while its market is closed.
        lines.push(k % 3 === 0 ? `${iso},USD,EUR,${(1 / rate).toFixed(6)}` : `${iso},EUR,USD,${rate.toFixed(6)}`);
      }
      return `${lines.join('\n')}\n`;
    })(),
  },
];

function runReference(scenario: Scenario): ReferenceOutput {
  const dir = mkdtempSync(join(tmpdir(), 'backfolio-ref-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(scenario.config));
  writeFileSync(join(dir, 'prices.csv'), scenario.prices);
  const args = [SCRIPT, join(dir, 'config.json'), join(dir, 'prices.csv')];
  if (scenario.fx) {
    writeFileSync(join(dir, 'fx.csv'), scenario.fx);
    args.push(join(dir, 'fx.csv'));
  }
  const run = spawnSync(python, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`reference failed: ${run.stderr}`);
  const paths = JSON.parse(run.stderr.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  for (const [key, count] of Object.entries(paths)) ledgerPaths[key] = (ledgerPaths[key] ?? 0) + count;
  return JSON.parse(run.stdout) as ReferenceOutput;
}

/** How often the scenarios went through the ledger's rarer paths (buy scaling, the cash cut loop). */
const ledgerPaths: Record<string, number> = {};

function expectClose(actual: unknown, expected: unknown, label: string): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, label).toBeNull();
    return;
  }
  const a = Dec.isDecimal(actual) ? (actual as InstanceType<typeof Dec>).toNumber() : Number(actual);
  const e = Number(expected);
  expect(Math.abs(a - e), `${label}: ${a} vs ${e}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
}

function comparePortfolio(actual: PortfolioResult, expected: ReferencePortfolio): void {
  expect(actual.values.length).toBe(expected.values.length);
  actual.values.forEach((value, day) => {
    expect(value.eq(new Dec(expected.values[day] ?? 'NaN')), `${actual.name} value on day ${day}: ${value.toFixed()} vs ${expected.values[day]}`).toBe(true);
  });
  expect(actual.trades.map((t) => [t.day, t.asset, t.quantity.abs().toFixed(), t.cost.toFixed(2)])).toEqual(
    expected.trades.map((t) => [t.day, t.asset, new Dec(t.quantity).abs().toFixed(), new Dec(t.cost).toFixed(2)]),
  );
  expect(actual.rebalances.map((e) => [e.day, e.reason, e.trade_indexes.length])).toEqual(expected.events.map((e) => [e.day, e.reason, e.n]));
  for (const [key, value] of Object.entries(expected.metrics)) {
    expectClose(actual.metrics[key], value, `${actual.name} ${key}`);
  }
}

describe('engine agrees with the independent Python reference', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const expected = runReference(scenario);
      const result = runBacktest({
        config: scenario.config,
        prices: parsePriceCsv(scenario.prices),
        ...(scenario.fx ? { fx: parseFxCsv(scenario.fx) } : {}),
      });
      expect(result.dates).toEqual(expected.dates);
      expect(result.config.periods_per_year).toBe(expected.periods_per_year);
      const portfolios = [result.strategy, ...result.benchmarks];
      expect(portfolios.length).toBe(expected.portfolios.length);
      portfolios.forEach((portfolio, i) => comparePortfolio(portfolio, expected.portfolios[i] as ReferencePortfolio));
    });
  }

  it('exercised buy scaling and the cash cut loop', () => {
    expect(ledgerPaths['scaled'] ?? 0).toBeGreaterThan(0);
    expect(ledgerPaths['cut'] ?? 0).toBeGreaterThan(0);
  });
});
