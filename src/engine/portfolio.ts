/**
 * One portfolio through the timeline: initial rebalance on day 0, then each day mark to market,
 * apply the rules, trade at the close, and record the end-of-day state. The strategy and every
 * benchmark run through this same function.
 *
 * Two books, one result: while prices have exact integer forms (see `UnitValuer`), holdings are
 * kept in scaled integers and each day costs a few float operations per asset
 * (`rebalanceUnits`, `UnitValuer`); otherwise, or once an amount leaves the integer range, the
 * Decimal ledger (`rebalanceHoldings`, `HoldingsValuer`) takes over from the same holdings. The
 * Decimal holdings are kept current in both cases, so switching loses nothing.
 */
import type Decimal from 'decimal.js';
import { throwIfAborted } from '../errors';
import { decimalFromBigUnits, decimalFromUnits, readBigUnits, readUnits, SAFE_LIMIT, unitsToNumber, ZERO } from './decimal';
import {
  prepareUnitLedger,
  rebalanceHoldings,
  rebalanceUnits,
  type Holdings,
  type LedgerSettings,
  type LedgerTrade,
  type UnitHoldings,
  type UnitLedger,
  type UnitPrices,
} from './ledger';
import { chooseRebalanceReason, isAnyOutOfBand, listNewPeriodDays } from './rules';
import { computeTargetWeights, type TargetNote } from './strategies';
import type { Market, MarketAsset } from './timeline';
import { listStrategyAssets } from './timeline';
import type { PortfolioResult, RebalanceReason, RebalanceThreshold, RebalancingFrequency, RunWarning, StrategySpec, Trade } from './types';
import { toSnakeKey } from './naming';
import { HoldingsValuer, UnitValuer } from './valuation';

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
  /**
   * `'decimal'` runs the Decimal ledger only (the reference the integer book is tested against);
   * the default uses the integer book wherever the prices allow.
   */
  book?: 'auto' | 'decimal';
}

/** Dates between abort checks and progress reports. */
export const PROGRESS_STRIDE = 64;

/** A simulated portfolio (metrics left empty for the caller) and any warnings about its decisions. */
export interface SimulatedPortfolio {
  portfolio: PortfolioResult;
  warnings: RunWarning[];
  /** End-of-day values as correctly rounded doubles (`values[t].toNumber()`), for statistics. */
  valueFloats: Float64Array;
  /**
   * Σ trade costs and the double of Σ |trade value| after day 0, kept exactly by the integer
   * book; `null` when any rebalance went through the Decimal book (then sum the trades).
   */
  tradeTotals: { costs: Decimal; tradedAfterDayZero: number } | null;
}

/** Runs `plan` over `context.market`; throws `ABORTED` when the signal fires. */
export function simulatePortfolio(plan: PortfolioPlan, context: SimulationContext): SimulatedPortfolio {
  const { market } = context;
  const settings = context.ledger;
  const symbols = listStrategyAssets(plan.strategy);
  const series = symbols.map((symbol) => market.assets[market.indexOf.get(symbol) as number] as MarketAsset);
  const n = series.length;
  // Only volatility strategies read log returns (computed on first read, see timeline.ts).
  const volatilityBased = plan.strategy.type === 'inverse_volatility' || plan.strategy.type === 'risk_parity';
  const logReturns = volatilityBased ? series.map((s) => s.logReturns) : [];
  const dayCount = market.dates.length;
  const recorder = new PortfolioRecorder(plan, symbols, dayCount);
  const notes = new Map<TargetNote, { count: number; first: string }>();
  const newPeriod = listNewPeriodDays(plan.frequency, market.dates);
  let holdings: Holdings = { cash: context.initialCapital, quantities: symbols.map(() => ZERO) };
  const quantityFloats = new Float64Array(n);
  let targets: number[] = [];
  // Exact totals of the integer book's trades (cents; value units after day 0).
  let totalCostCents = 0;
  let tradedAfterDayZero = 0n;
  let allTradesInUnits = true;

  // The integer book, when the prices and the capital allow it.
  const unitValuer = context.book === 'decimal' ? null : UnitValuer.create(series, market.priceScale, settings.quantityDecimals);
  const unitLedger = unitValuer === null ? null : prepareUnitLedger(settings, market.priceScale as number);
  let units: UnitHoldings | null = null;
  if (unitValuer !== null && unitLedger !== null) units = toUnitHoldings(holdings, unitLedger, unitValuer);
  // The Decimal book: created on first use.
  let decimalValuer: HoldingsValuer | null = null;
  const valueDecimally = (day: number, prices: Decimal[]): Decimal => {
    if (decimalValuer === null) {
      decimalValuer = new HoldingsValuer(series, market.priceScale, settings.quantityDecimals);
      decimalValuer.setHoldings(holdings);
    }
    return decimalValuer.valueAt(day, holdings, prices);
  };

  // The portfolio's price doubles day-major (`[day · n + asset]`): a day's prices side by side.
  const dayFloats = new Float64Array(n * dayCount);
  for (let i = 0; i < n; i++) {
    const floats = (series[i] as MarketAsset).basePriceFloats;
    for (let t = 0; t < dayCount; t++) dayFloats[t * n + i] = floats[t] as number;
  }
  const priceUnits = new Float64Array(n);
  const priceFloats = new Float64Array(n);
  let dayPrices: Decimal[] | null = null;
  let pricesDay = -1;
  const decimalPricesAt = (day: number): Decimal[] => {
    if (pricesDay !== day) {
      dayPrices = series.map((s) => s.basePrices[day] as Decimal);
      pricesDay = day;
    }
    return dayPrices as Decimal[];
  };

  /** Adopts new holdings after a rebalance that traded. */
  const adopt = (next: Holdings, nextUnits: UnitHoldings | null): void => {
    holdings = next;
    if (nextUnits !== null && unitLedger !== null) {
      // q / 10^decimals: one exact division, the same double as the Decimal's toNumber().
      for (let i = 0; i < n; i++) quantityFloats[i] = (nextUnits.quantities[i] as number) / unitLedger.quantityPower;
    } else {
      for (let i = 0; i < n; i++) quantityFloats[i] = (next.quantities[i] as Decimal).toNumber();
    }
    if (units !== null && unitLedger !== null && unitValuer !== null) {
      units = nextUnits ?? toUnitHoldings(next, unitLedger, unitValuer);
      if (units !== null && nextUnits !== null && !unitValuer.setHoldings(units.cash, units.quantities)) units = null;
    }
    (decimalValuer as HoldingsValuer | null)?.setHoldings(next);
  };

  /** Rebalances at `day`; true when it traded. `value` is the exact value (integer book only). */
  const rebalanceAt = (day: number, reason: RebalanceReason, value: UnitValuer | null): boolean => {
    const decision = computeTargetWeights(plan.strategy, logReturns, day);
    if (decision.note !== null && decision.note !== 'warming_up') {
      const seen = notes.get(decision.note);
      if (seen === undefined) notes.set(decision.note, { count: 1, first: market.dates[day] as string });
      else seen.count++;
    }
    targets = decision.weights;
    const date = market.dates[day] as string;
    if (units !== null && unitLedger !== null && value !== null) {
      const dayUnits = (unitValuer as UnitValuer).prices;
      for (let i = 0; i < n; i++) {
        priceUnits[i] = dayUnits[day * n + i] as number;
        priceFloats[i] = dayFloats[day * n + i] as number;
      }
      const prices: UnitPrices = { units: priceUnits, floats: priceFloats, decimals: () => decimalPricesAt(day) };
      const outcome = rebalanceUnits(units, value.toBigInt(), value.toNumber(), prices, targets, unitLedger);
      if (outcome !== null) {
        if (outcome.trades.length === 0) return false;
        const { quantityDecimals, valueScale } = unitLedger;
        totalCostCents += outcome.totalCost;
        if (day > 0) for (const trade of outcome.trades) tradedAfterDayZero += trade.value;
        const trades: LedgerTrade[] = outcome.trades.map((trade) => ({
          asset: trade.asset,
          action: trade.action,
          quantity: decimalFromUnits(trade.quantity, quantityDecimals),
          value: decimalFromBigUnits(trade.value, valueScale),
          cost: decimalFromUnits(trade.cost, 2),
        }));
        const quantities = holdings.quantities.slice();
        for (const trade of outcome.trades) quantities[trade.asset] = decimalFromUnits(outcome.quantities[trade.asset] as number, quantityDecimals);
        recorder.recordRebalance(day, date, reason, { trades, totalCost: decimalFromUnits(outcome.totalCost, 2) }, series, targets);
        adopt({ cash: decimalFromBigUnits(outcome.cash, valueScale), quantities }, outcome);
        return true;
      }
    }
    const outcome = rebalanceHoldings(holdings, decimalPricesAt(day), targets, settings);
    if (outcome.trades.length === 0) return false;
    allTradesInUnits = false;
    recorder.recordRebalance(day, date, reason, outcome, series, targets);
    adopt(outcome, null);
    return true;
  };

  const floatWeights = new Float64Array(n);
  const valueFloats = new Float64Array(dayCount);
  let cashFloat = 0;
  // The threshold test of the current day (one closure for the whole run).
  let today = 0;
  let todayValue: Decimal = ZERO;
  const threshold = plan.threshold;
  const isOutOfBand = (): boolean =>
    threshold === null
      ? false
      : isAnyOutOfBand(threshold, targets, floatWeights, (i) =>
          (holdings.quantities[i] as Decimal).mul(decimalPricesAt(today)[i] as Decimal).div(todayValue),
        );
  for (let day = 0; day < dayCount; day++) {
    if (day % PROGRESS_STRIDE === 0) {
      throwIfAborted(context.signal);
      if (day > 0) context.onDates?.(PROGRESS_STRIDE);
    }
    const dayOffset = day * n;
    // Mark to market: the exact value before any trade.
    let value: Decimal;
    let valueFloat: number;
    let valueUnits: UnitValuer | null = null;
    if (units !== null) {
      const valuer = unitValuer as UnitValuer;
      valuer.valueAt(day);
      value = valuer.toDecimal();
      valueFloat = valuer.toNumber();
      valueUnits = valuer;
    } else {
      value = day === 0 ? ZERO : valueDecimally(day, decimalPricesAt(day));
      valueFloat = value.toNumber();
    }
    let traded = true;
    if (day === 0) {
      rebalanceAt(0, 'initial', valueUnits);
    } else {
      fillFloatWeights(floatWeights, quantityFloats, dayFloats, dayOffset, valueFloat);
      today = day;
      todayValue = value;
      const reason = chooseRebalanceReason(newPeriod[day] === 1, threshold, isOutOfBand);
      traded = reason !== null && rebalanceAt(day, reason, valueUnits);
    }
    // Marked-to-market values stand unless this date traded.
    if (traded) {
      if (units !== null) {
        const book = units as UnitHoldings;
        const valuer = unitValuer as UnitValuer;
        valuer.valueAt(day);
        value = valuer.toDecimal();
        valueFloat = valuer.toNumber();
        cashFloat = unitsToNumber(book.cash, (unitLedger as UnitLedger).valueScale);
      } else {
        value = valueDecimally(day, decimalPricesAt(day));
        valueFloat = value.toNumber();
        cashFloat = holdings.cash.toNumber();
      }
      fillFloatWeights(floatWeights, quantityFloats, dayFloats, dayOffset, valueFloat);
    }
    valueFloats[day] = valueFloat;
    recorder.recordDay(value, holdings, floatWeights, valueFloat === 0 ? 0 : cashFloat / valueFloat);
  }
  context.onDates?.(dayCount % PROGRESS_STRIDE === 0 ? PROGRESS_STRIDE : dayCount % PROGRESS_STRIDE);
  const tradeTotals =
    allTradesInUnits && unitLedger !== null && totalCostCents < SAFE_LIMIT
      ? { costs: decimalFromUnits(totalCostCents, 2), tradedAfterDayZero: unitsToNumber(tradedAfterDayZero, unitLedger.valueScale) }
      : null;
  return { portfolio: recorder.finish(valueFloats), warnings: describeNotes(plan, notes), valueFloats, tradeTotals };
}

/** Integer holdings of `holdings`, or `null` when they are off the grid or out of the exact range. */
function toUnitHoldings(holdings: Holdings, ledger: UnitLedger, valuer: UnitValuer): UnitHoldings | null {
  const cash = readBigUnits(holdings.cash, ledger.valueScale);
  if (cash === null || cash < 0n) return null;
  const quantities = new Float64Array(holdings.quantities.length);
  for (let i = 0; i < quantities.length; i++) {
    const q = readUnits(holdings.quantities[i] as Decimal, ledger.quantityDecimals);
    if (!(q >= 0 && q < SAFE_LIMIT)) return null;
    quantities[i] = q;
  }
  return valuer.setHoldings(cash, quantities) ? { cash, quantities } : null;
}

function fillFloatWeights(out: Float64Array, quantities: Float64Array, prices: Float64Array, offset: number, value: number): void {
  for (let i = 0; i < quantities.length; i++) {
    out[i] = value === 0 ? 0 : ((quantities[i] as number) * (prices[offset + i] as number)) / value;
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
  private readonly values: Decimal[];
  private readonly cash: Decimal[];
  private readonly quantities: Decimal[][];
  private readonly weights: number[][];
  private readonly cashWeights: number[];
  private readonly trades: Trade[] = [];
  private readonly rebalances: PortfolioResult['rebalances'] = [];
  private day = 0;
  private readonly holdingsFrom: { day: number; holdings: Holdings }[] = [];
  private lastHoldings: Holdings | null = null;

  constructor(
    private readonly plan: PortfolioPlan,
    private readonly symbols: string[],
    dayCount: number,
  ) {
    this.values = new Array<Decimal>(dayCount);
    this.cash = new Array<Decimal>(dayCount);
    this.cashWeights = new Array<number>(dayCount);
    this.quantities = symbols.map(() => new Array<Decimal>(dayCount));
    this.weights = symbols.map(() => new Array<number>(dayCount));
  }

  recordRebalance(
    day: number,
    date: string,
    reason: RebalanceReason,
    outcome: { trades: LedgerTrade[]; totalCost: Decimal },
    series: MarketAsset[],
    targets: number[],
  ): void {
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
    const day = this.day++;
    this.values[day] = value;
    // Holdings change only at rebalances: remembered once per change, spread over days at the end.
    if (holdings !== this.lastHoldings) {
      this.holdingsFrom.push({ day, holdings });
      this.lastHoldings = holdings;
    }
    for (let i = 0; i < this.symbols.length; i++) (this.weights[i] as number[])[day] = floatWeights[i] as number;
    this.cashWeights[day] = cashWeight;
  }

  /** Fills the per-day cash and quantities from the holdings each rebalance left (same objects). */
  private spreadHoldings(): void {
    for (let k = 0; k < this.holdingsFrom.length; k++) {
      const { day, holdings } = this.holdingsFrom[k] as { day: number; holdings: Holdings };
      const end = (this.holdingsFrom[k + 1] as { day: number } | undefined)?.day ?? this.day;
      this.cash.fill(holdings.cash, day, end);
      for (let i = 0; i < this.symbols.length; i++) (this.quantities[i] as Decimal[]).fill(holdings.quantities[i] as Decimal, day, end);
    }
  }

  finish(valueFloats: Float64Array): PortfolioResult {
    this.spreadHoldings();
    // float64, the same `V_t / V_{t−1} − 1` the metrics compute from the values (stats.ts).
    const returns = new Array<number>(Math.max(0, this.day - 1));
    for (let t = 1; t < this.day; t++) {
      const previous = valueFloats[t - 1] as number;
      returns[t - 1] = previous === 0 ? 0 : (valueFloats[t] as number) / previous - 1;
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
