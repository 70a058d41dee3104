/**
 * One portfolio through the timeline: initial rebalance on day 0, then each day mark to market,
 * apply the rules, trade at the close, and record the end-of-day state. The strategy and every
 * benchmark run through this same function.
 */
import type Decimal from 'decimal.js';
import { throwIfAborted } from '../errors';
import { ZERO } from './decimal';
import { rebalanceHoldings, type Holdings, type LedgerSettings, type RebalanceOutcome } from './ledger';
import { findRebalanceReason, isAnyOutOfBand } from './rules';
import { computeTargetWeights, type TargetNote } from './strategies';
import type { Market, MarketAsset } from './timeline';
import { listStrategyAssets } from './timeline';
import type { PortfolioResult, RebalanceReason, RebalanceThreshold, RebalancingFrequency, RunWarning, StrategySpec, Trade } from './types';
import { toSnakeKey } from './naming';
import { HoldingsValuer } from './valuation';

/** What to simulate: a strategy and the rules that trigger its rebalances. */
export interface PortfolioPlan {
  name: string;
  role: 'strategy' | 'benchmark';
  strategy: StrategySpec;
  frequency: RebalancingFrequency;
  threshold: RebalanceThreshold;
}

/** Shared by every portfolio of a run. */
export interface SimulationContext {
  market: Market;
  initialCapital: Decimal;
  ledger: LedgerSettings;
  signal?: AbortSignal;
  /** Called every `PROGRESS_STRIDE` dates with the number of dates done. */
  onDates?: (done: number) => void;
}

/** Dates between abort checks and progress reports. */
export const PROGRESS_STRIDE = 64;

/** A simulated portfolio (metrics left empty for the caller) and any warnings about its decisions. */
export interface SimulatedPortfolio {
  portfolio: PortfolioResult;
  warnings: RunWarning[];
}

/** Runs `plan` over `context.market`; throws `ABORTED` when the signal fires. */
export function simulatePortfolio(plan: PortfolioPlan, context: SimulationContext): SimulatedPortfolio {
  const { market } = context;
  const symbols = listStrategyAssets(plan.strategy);
  const series = symbols.map((symbol) => market.assets[market.indexOf.get(symbol) as number] as MarketAsset);
  const logReturns = series.map((s) => s.logReturns);
  const dayCount = market.dates.length;
  const recorder = new PortfolioRecorder(plan, symbols, dayCount);
  const notes = new Map<TargetNote, { count: number; first: string }>();
  let holdings: Holdings = { cash: context.initialCapital, quantities: symbols.map(() => ZERO) };
  let quantityFloats = symbols.map(() => 0);
  const valuer = new HoldingsValuer(series, market.priceScale, context.ledger.quantityDecimals);
  valuer.setHoldings(holdings);
  let targets: number[] = [];

  const rebalanceAt = (day: number, prices: Decimal[], reason: RebalanceReason): boolean => {
    const decision = computeTargetWeights(plan.strategy, logReturns, day);
    if (decision.note !== null && decision.note !== 'warming_up') {
      const seen = notes.get(decision.note);
      if (seen === undefined) notes.set(decision.note, { count: 1, first: market.dates[day] as string });
      else seen.count++;
    }
    targets = decision.weights;
    const outcome = rebalanceHoldings(holdings, prices, targets, context.ledger);
    if (outcome.trades.length > 0) {
      recorder.recordRebalance(day, market.dates[day] as string, reason, outcome, series, targets);
      holdings = outcome;
      valuer.setHoldings(holdings);
      quantityFloats = holdings.quantities.map((q) => q.toNumber());
    }
    return outcome.trades.length > 0;
  };

  const floatWeights = new Float64Array(symbols.length);
  let cashFloat = 0;
  for (let day = 0; day < dayCount; day++) {
    if (day % PROGRESS_STRIDE === 0) {
      throwIfAborted(context.signal);
      if (day > 0) context.onDates?.(PROGRESS_STRIDE);
    }
    const prices = series.map((s) => s.basePrices[day] as Decimal);
    let traded = true;
    let endValue = ZERO;
    let endValueFloat = 0;
    if (day === 0) {
      rebalanceAt(0, prices, 'initial');
    } else {
      const value = valuer.valueAt(day, holdings, prices);
      endValueFloat = value.toNumber();
      fillFloatWeights(floatWeights, quantityFloats, series, day, endValueFloat);
      const threshold = plan.threshold;
      const reason = findRebalanceReason(plan.frequency, threshold, market.dates[day - 1] as string, market.dates[day] as string, () =>
        threshold === null
          ? false
          : isAnyOutOfBand(threshold, targets, floatWeights, (i) => (holdings.quantities[i] as Decimal).mul(prices[i] as Decimal).div(value)),
      );
      traded = reason !== null && rebalanceAt(day, prices, reason);
      endValue = value;
    }
    // Marked-to-market values stand unless this date traded.
    if (traded) {
      endValue = valuer.valueAt(day, holdings, prices);
      endValueFloat = endValue.toNumber();
      cashFloat = holdings.cash.toNumber();
      fillFloatWeights(floatWeights, quantityFloats, series, day, endValueFloat);
    }
    recorder.recordDay(endValue, holdings, floatWeights, endValueFloat === 0 ? 0 : cashFloat / endValueFloat);
  }
  context.onDates?.(dayCount % PROGRESS_STRIDE === 0 ? PROGRESS_STRIDE : dayCount % PROGRESS_STRIDE);
  return { portfolio: recorder.finish(), warnings: describeNotes(plan, notes) };
}

function fillFloatWeights(out: Float64Array, quantities: number[], series: MarketAsset[], day: number, value: number): void {
  for (let i = 0; i < quantities.length; i++) {
    out[i] = value === 0 ? 0 : ((quantities[i] as number) * ((series[i] as MarketAsset).basePriceFloats[day] as number)) / value;
  }
}

function describeNotes(plan: PortfolioPlan, notes: Map<TargetNote, { count: number; first: string }>): RunWarning[] {
  const warnings: RunWarning[] = [];
  const times = (count: number): string => (count === 1 ? 'on 1 rebalance date' : `on ${count} rebalance dates`);
  for (const [note, { count, first }] of notes) {
    const what =
      note === 'zero_volatility'
        ? 'an asset had zero volatility over the lookback window, so equal weights were used'
        : 'no equal-risk-contribution portfolio was found to 1e-10, so inverse-volatility weights were used';
    warnings.push({ code: 'OTHER', message: `${plan.name} (${plan.strategy.type}): ${times(count)} (first ${first}) ${what}.` });
  }
  return warnings;
}

/** Accumulates the per-day series, trades and events of one portfolio. */
class PortfolioRecorder {
  private readonly values: Decimal[] = [];
  private readonly cash: Decimal[] = [];
  private readonly quantities: Decimal[][];
  private readonly weights: number[][];
  private readonly cashWeights: number[] = [];
  private readonly trades: Trade[] = [];
  private readonly rebalances: PortfolioResult['rebalances'] = [];

  constructor(
    private readonly plan: PortfolioPlan,
    private readonly symbols: string[],
    dayCount: number,
  ) {
    this.quantities = symbols.map(() => []);
    this.weights = symbols.map(() => new Array<number>(dayCount));
  }

  recordRebalance(day: number, date: string, reason: RebalanceReason, outcome: RebalanceOutcome, series: MarketAsset[], targets: number[]): void {
    const indexes: number[] = [];
    for (const trade of outcome.trades) {
      const asset = series[trade.asset] as MarketAsset;
      indexes.push(this.trades.length);
      this.trades.push({
        date,
        day,
        asset: asset.symbol,
        action: trade.action,
        quantity: trade.quantity,
        price: asset.localPrices[day] as Decimal,
        currency: asset.currency,
        base_price: asset.basePrices[day] as Decimal,
        trade_value: trade.value,
        cost: trade.cost,
        reason,
      });
    }
    const traded = new Set(outcome.trades.map((t) => t.asset));
    this.rebalances.push({
      date,
      day,
      reason,
      transaction_cost: outcome.totalCost,
      assets_changed: this.symbols.filter((_, i) => traded.has(i)),
      trade_indexes: indexes,
      target_weights: [...targets],
    });
  }

  recordDay(value: Decimal, holdings: Holdings, floatWeights: Float64Array, cashWeight: number): void {
    const day = this.values.length;
    this.values.push(value);
    this.cash.push(holdings.cash);
    holdings.quantities.forEach((q, i) => {
      (this.quantities[i] as Decimal[]).push(q);
      (this.weights[i] as number[])[day] = floatWeights[i] as number;
    });
    this.cashWeights.push(cashWeight);
  }

  finish(): PortfolioResult {
    // float64, the same `V_t / V_{t−1} − 1` the metrics compute from the values (stats.ts).
    const returns: number[] = [];
    let previous = (this.values[0] as Decimal).toNumber();
    for (let t = 1; t < this.values.length; t++) {
      const current = (this.values[t] as Decimal).toNumber();
      returns.push(previous === 0 ? 0 : current / previous - 1);
      previous = current;
    }
    return {
      name: this.plan.name,
      key: toSnakeKey(this.plan.name),
      role: this.plan.role,
      assets: [...this.symbols],
      values: this.values,
      cash: this.cash,
      quantities: this.quantities,
      weights: this.weights,
      cash_weights: this.cashWeights,
      returns,
      trades: this.trades,
      rebalances: this.rebalances,
      metrics: {},
    };
  }
}
