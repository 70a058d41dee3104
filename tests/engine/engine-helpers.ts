/**
 * Small builders for engine tests: validated-looking configurations and price data written as
 * compact tables, so each test reads like the hand computation beside it.
 */
import { Dec, toDec } from '../../src/engine/decimal';
import type { LedgerSettings } from '../../src/engine/ledger';
import type { FxData, PriceData, RunConfig, StrategySpec } from '../../src/engine/types';

/** A `RunConfig` with test defaults (no costs, 6 decimals, calendar `never`). */
export function makeConfig(overrides: Partial<RunConfig> & { strategy: StrategySpec }): RunConfig {
  return {
    name: 'Test',
    start_date: '2021-01-01',
    end_date: '2021-12-31',
    initial_capital: toDec(1000),
    base_currency: 'USD',
    rebalancing_frequency: 'never',
    rebalance_threshold: null,
    transaction_costs: { fixed_per_trade: toDec(0), percentage: toDec(0) },
    risk_free_rate: 0,
    periods_per_year: 252,
    quantity_decimals: 6,
    min_trade_value: toDec(0),
    rolling_window: 2,
    benchmarks: [],
    ...overrides,
  };
}

/** Fixed weights from `{ A: 0.5, B: 0.5 }`. */
export function fixedWeights(weights: Record<string, number>): StrategySpec {
  return { type: 'fixed', weights: Object.entries(weights).map(([symbol, weight]) => ({ symbol, weight })) };
}

/**
 * Prices from rows `{ date, A: '10', B: null }` (null or absent: no price that day); `currencies`
 * gives an asset's currency (default none, i.e. the base currency).
 */
export function makePrices(rows: Record<string, string | null>[], currencies: Record<string, string> = {}): PriceData {
  const symbols: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (key !== 'date' && !symbols.includes(key)) symbols.push(key);
  return {
    form: 'wide',
    assets: symbols.map((symbol) => ({
      symbol,
      currency: currencies[symbol] ?? null,
      points: rows
        .filter((row) => row[symbol] !== undefined && row[symbol] !== null)
        .map((row) => ({ date: row.date as string, price: new Dec(row[symbol] as string) })),
    })),
  };
}

/** FX rows `[date, from, to, rate]`. */
export function makeFx(rows: [string, string, string, string][]): FxData {
  return { rates: rows.map(([date, from, to, rate]) => ({ date, from, to, rate: new Dec(rate) })) };
}

/** Ledger settings from text. */
export function makeLedger(options: { decimals?: number; fixed?: string; percentage?: string; minTrade?: string } = {}): LedgerSettings {
  return {
    quantityDecimals: options.decimals ?? 6,
    fixedCost: toDec(options.fixed ?? '0'),
    percentageCost: toDec(options.percentage ?? '0'),
    minTradeValue: toDec(options.minTrade ?? '0'),
  };
}

/** Decimals as their plain text, for readable `toEqual`. */
export function asText(values: { toFixed(): string }[]): string[] {
  return values.map((v) => v.toFixed());
}
