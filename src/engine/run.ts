/**
 * The backtest: validates the configuration, builds the timeline, runs the strategy and every
 * benchmark through the same ledger, then computes metrics and analytics
 * (../shared/spec/backtest.md).
 */
import Decimal from 'decimal.js';
import { throwIfAborted } from '../errors';
import { plural } from '../plural';
import { ENGINE_VERSION } from '../version';
import { computeRiskAnalytics } from './analytics';
import { validateConfig } from './config';
import { toDec } from './decimal';
import type { LedgerSettings } from './ledger';
import { checkValueRange, describeDegenerateRun } from './limits';
import { computeMetrics, METRIC_DEFINITIONS } from './metrics';
import { assertUniqueColumnNames } from './naming';
import { simulatePortfolio, type PortfolioPlan, type SimulationContext } from './portfolio';
import { buildMarket, inferPeriodsPerYear, type Market } from './timeline';
import type { AssetSeries, BacktestResult, FxData, PortfolioResult, PriceData, RunConfig, RunOptions, RunWarning } from './types';

/** What a run reads: the configuration, the prices and (for foreign assets) the FX rates. */
export interface BacktestInput {
  /** A validated `RunConfig`, or the JSON as given (validated here). */
  config: RunConfig | Record<string, unknown>;
  prices: PriceData;
  fx?: FxData;
}

/**
 * Runs a backtest synchronously; checks `options.signal` and reports progress every few dates.
 *
 * @example
 * const result = runBacktest({ config: json, prices: parsePriceCsv(text) });
 * result.strategy.metrics.total_return; // e.g. 0.1234
 */
export function runBacktest(input: BacktestInput, options: RunOptions = {}): BacktestResult {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const given = isRunConfig(input.config);
  const config = normaliseConfig(given ? (input.config as RunConfig) : validateConfig(input.config));
  // validateConfig checks the names; a configuration built by a host has skipped it.
  if (given) assertUniqueColumnNames(config);
  onProgress?.({ fraction: 0, stage: 'Building the timeline' });
  const market = buildMarket(config, input.prices, input.fx);
  const warnings: RunWarning[] = [...market.warnings];
  const periods = resolvePeriodsPerYear(config, market, warnings);
  if (market.dates.length < 2) {
    warnings.push({ code: 'SHORT_RUN', message: `The run has ${market.dates.length} date(s) from day 0 ${market.dates[0]}: no returns to measure.` });
  }

  const plans = listPortfolioPlans(config);
  const totalDates = plans.length * market.dates.length;
  let doneDates = 0;
  let stage = '';
  const context: SimulationContext = {
    market,
    initialCapital: config.initial_capital,
    ledger: toLedgerSettings(config),
    ...(signal === undefined ? {} : { signal }),
    onDates: (done) => {
      doneDates += done;
      // The simulation is ~90% of the work; metrics and analytics take the rest.
      onProgress?.({ fraction: 0.9 * Math.min(1, doneDates / totalDates), stage });
    },
  };
  const simulations = plans.map((plan) => {
    stage = `Simulating ${plan.name}`;
    const simulated = simulatePortfolio(plan, context);
    warnings.push(...simulated.warnings);
    return simulated;
  });
  const portfolios = simulations.map((simulated) => simulated.portfolio);
  // Valid but degenerate runs are reported; values float64 cannot hold are refused.
  checkValueRange(portfolios, market.dates, simulations.map((simulated) => (simulated.valueFloats.length === 0 ? undefined : simulated.valueFloats[0])));
  warnings.push(
    ...describeDegenerateRun(
      config,
      market,
      simulations.map(({ portfolio, bought }, i) => ({ portfolio, strategy: (plans[i] as PortfolioPlan).strategy, bought })),
    ),
  );

  throwIfAborted(signal);
  onProgress?.({ fraction: 0.9, stage: 'Computing metrics' });
  const strategy = portfolios[0] as PortfolioResult;
  const benchmarks = portfolios.slice(1);
  const benchmarkReturns = benchmarks[0]?.returns ?? null;
  for (const { portfolio, valueFloats, totals } of simulations) {
    // values and trades are read only if the metrics need them (they are built on first read).
    portfolio.metrics = computeMetrics({
      dates: market.dates,
      get values() {
        return portfolio.values;
      },
      initialCapital: config.initial_capital,
      periodsPerYear: periods.value,
      riskFreeRate: config.risk_free_rate,
      get trades() {
        return portfolio.trades;
      },
      benchmarkReturns,
      valueFloats,
      ...(totals === null ? {} : { totals }),
    });
  }
  throwIfAborted(signal);
  onProgress?.({ fraction: 0.95, stage: 'Computing risk analytics' });
  const analytics = computeRiskAnalytics({
    dates: market.dates,
    get values() {
      return strategy.values;
    },
    initialCapital: config.initial_capital,
    assets: strategy.assets,
    assetBasePrices: strategy.assets.map((symbol) => findAsset(market, symbol).basePrices),
    finalWeights: (simulations[0] as (typeof simulations)[number]).finalWeights,
    periodsPerYear: periods.value,
    riskFreeRate: config.risk_free_rate,
    rollingWindow: config.rolling_window,
    get benchmarkValues() {
      return benchmarks[0]?.values ?? null;
    },
    floats: {
      values: (simulations[0] as (typeof simulations)[number]).valueFloats,
      assetBasePrices: strategy.assets.map((symbol) => findAsset(market, symbol).basePriceFloats),
      benchmarkValues: simulations[1]?.valueFloats ?? null,
    },
  });
  onProgress?.({ fraction: 1, stage: 'Done' });

  return {
    engine_version: ENGINE_VERSION,
    config: { ...config, periods_per_year: periods.value },
    periods_per_year_source: periods.source,
    dates: market.dates,
    first_timeline_date: market.firstTimelineDate,
    assets: market.assets.map(
      (asset): AssetSeries => ({ symbol: asset.symbol, currency: asset.currency, local_prices: asset.localPrices, base_prices: asset.basePrices }),
    ),
    strategy,
    benchmarks,
    analytics,
    metric_definitions: METRIC_DEFINITIONS,
    warnings,
  };
}

/** True for an already validated configuration (its money is Decimal, not JSON text or numbers). */
export function isRunConfig(config: RunConfig | Record<string, unknown> | null | undefined): config is RunConfig {
  // JavaScript callers can pass anything; null and non-objects go to validation, which names them.
  if (typeof config !== 'object' || config === null) return false;
  const costs = (config as { transaction_costs?: unknown }).transaction_costs;
  return (
    Decimal.isDecimal((config as { initial_capital?: unknown }).initial_capital) &&
    typeof costs === 'object' &&
    costs !== null &&
    Decimal.isDecimal((costs as { fixed_per_trade?: unknown }).fixed_per_trade)
  );
}

/** Re-wraps money in the engine's 64-digit clone: a config built elsewhere may carry another precision. */
function normaliseConfig(config: RunConfig): RunConfig {
  return {
    ...config,
    initial_capital: toDec(config.initial_capital),
    min_trade_value: toDec(config.min_trade_value),
    transaction_costs: {
      fixed_per_trade: toDec(config.transaction_costs.fixed_per_trade),
      percentage: toDec(config.transaction_costs.percentage),
    },
  };
}

function toLedgerSettings(config: RunConfig): LedgerSettings {
  return {
    quantityDecimals: config.quantity_decimals,
    minTradeValue: config.min_trade_value,
    fixedCost: config.transaction_costs.fixed_per_trade,
    percentageCost: config.transaction_costs.percentage,
  };
}

function resolvePeriodsPerYear(
  config: RunConfig,
  market: Market,
  warnings: RunWarning[],
): { value: number; source: 'configured' | 'inferred' } {
  if (config.periods_per_year !== null) return { value: config.periods_per_year, source: 'configured' };
  const inferred = inferPeriodsPerYear(market.dates);
  const gap = inferred.medianGap === null ? 'a single date' : `a median gap of ${plural(inferred.medianGap, 'day')}`;
  warnings.push({ code: 'PERIODS_INFERRED', message: `periods_per_year inferred as ${inferred.value} from the timeline (${gap}).` });
  return { value: inferred.value, source: 'inferred' };
}

/** The strategy first, then each benchmark in configuration order. Buy-and-hold never rebalances. */
function listPortfolioPlans(config: RunConfig): PortfolioPlan[] {
  const strategy: PortfolioPlan = {
    name: config.name,
    role: 'strategy',
    strategy: config.strategy,
    frequency: config.rebalancing_frequency,
    threshold: config.rebalance_threshold,
  };
  const benchmarks = config.benchmarks.map(
    (benchmark): PortfolioPlan => ({
      name: benchmark.name,
      role: 'benchmark',
      strategy: benchmark.strategy,
      frequency: benchmark.type === 'buy_and_hold' ? 'never' : benchmark.rebalancing_frequency,
      threshold: benchmark.type === 'buy_and_hold' ? null : benchmark.rebalance_threshold,
    }),
  );
  return [strategy, ...benchmarks];
}

function findAsset(market: Market, symbol: string): Market['assets'][number] {
  return market.assets[market.indexOf.get(symbol) as number] as Market['assets'][number];
}
