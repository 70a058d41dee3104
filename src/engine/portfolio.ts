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
  type UnitOutcome,
  type UnitPrices,
  type UnitTrade,
} from './ledger';
import { chooseRebalanceReason, isAnyOutOfBand, listNewPeriodDays } from './rules';
import { computeTargetWeights, type TargetNote } from './strategies';
import type { Market, MarketAsset } from './timeline';
import { listStrategyAssets } from './timeline';
import type { PortfolioResult, RebalanceReason, RebalanceThreshold, RebalancingFrequency, RunWarning, StrategySpec, Trade } from './types';
import { toSnakeKey } from './naming';
import { exactUnitsToDecimal, HoldingsValuer, UnitValuer } from './valuation';

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
   * What the metrics would otherwise read from the trades and values, kept exactly by the
   * integer book (the same figures); `null` when any rebalance went through the Decimal book.
   */
  totals: LedgerTotals | null;
  /** The symbols the portfolio ever bought (what `portfolio.trades` would say, without building them). */
  bought: ReadonlySet<string>;
  /** Each asset's weight on the last day (the last entry of `portfolio.weights`, without building them). */
  finalWeights: number[];
}

/** Figures of a portfolio kept exactly while it ran (see `MetricsInput.totals`). */
export interface LedgerTotals {
  /** V_N. */
  finalValue: Decimal;
  /** Σ trade costs. */
  costs: Decimal;
  /** The double of Σ |trade value| over trades after day 0. */
  tradedAfterDayZero: number;
  tradeCount: number;
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
  const recorder = new PortfolioRecorder(plan, symbols, series, dayCount, unitValuer?.scale ?? 0);
  // The Decimal book: created on first use.
  let decimalValuer: HoldingsValuer | null = null;
  const valueDecimally = (day: number, prices: Decimal[]): Decimal => {
    if (decimalValuer === null) {
      decimalValuer = new HoldingsValuer(series, market.priceScale, settings.quantityDecimals);
      decimalValuer.setHoldings(holdings);
    }
    return decimalValuer.valueAt(day, holdings, prices);
  };

  const floatSeries = series.map((s) => s.basePriceFloats);
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
      const unitSeries = (unitValuer as UnitValuer).prices;
      for (let i = 0; i < n; i++) {
        priceUnits[i] = (unitSeries[i] as Float64Array)[day] as number;
        priceFloats[i] = (floatSeries[i] as Float64Array)[day] as number;
      }
      const prices: UnitPrices = { units: priceUnits, floats: priceFloats, decimals: () => decimalPricesAt(day) };
      const outcome = rebalanceUnits(units, value.toBigInt(), value.toNumber(), prices, targets, unitLedger);
      if (outcome !== null) {
        if (outcome.trades.length === 0) return false;
        const { quantityDecimals, valueScale } = unitLedger;
        totalCostCents += outcome.totalCost;
        if (day > 0) for (const trade of outcome.trades) tradedAfterDayZero += trade.value;
        const quantities = holdings.quantities.slice();
        for (const trade of outcome.trades) quantities[trade.asset] = decimalFromUnits(outcome.quantities[trade.asset] as number, quantityDecimals);
        recorder.recordUnitRebalance(day, date, reason, outcome, unitLedger, targets);
        adopt({ cash: decimalFromBigUnits(outcome.cash, valueScale), quantities }, outcome);
        return true;
      }
    }
    const outcome = rebalanceHoldings(holdings, decimalPricesAt(day), targets, settings);
    if (outcome.trades.length === 0) return false;
    allTradesInUnits = false;
    recorder.recordDecimalRebalance(day, date, reason, outcome, targets);
    adopt(outcome, null);
    return true;
  };

  const floatWeights = new Float64Array(n);
  const valueFloats = new Float64Array(dayCount);
  let cashFloat = 0;
  // The threshold test of the current day (one closure for the whole run).
  let today = 0;
  // The day's exact value as a Decimal, built only if a threshold test is too close to call.
  let todayValue: Decimal | null = null;
  const todayDecimal = (): Decimal => (todayValue ??= (unitValuer as UnitValuer).toDecimal());
  const threshold = plan.threshold;
  const isOutOfBand = (): boolean =>
    threshold === null
      ? false
      : isAnyOutOfBand(threshold, targets, floatWeights, (i) =>
          (holdings.quantities[i] as Decimal).mul(decimalPricesAt(today)[i] as Decimal).div(todayDecimal()),
        );
  for (let day = 0; day < dayCount; day++) {
    if (day % PROGRESS_STRIDE === 0) {
      throwIfAborted(context.signal);
      if (day > 0) context.onDates?.(PROGRESS_STRIDE);
    }
    // Mark to market: the exact value before any trade (integer book: units, kept as two doubles).
    let value: Decimal | null = null;
    let valueFloat: number;
    let valueUnits: UnitValuer | null = null;
    if (units !== null) {
      const valuer = unitValuer as UnitValuer;
      valuer.valueAt(day);
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
      // The weights are only needed here for a threshold test (the recorded ones are built at the end).
      if (threshold !== null) fillFloatWeights(floatWeights, quantityFloats, floatSeries, day, valueFloat);
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
        value = null;
        valueFloat = valuer.toNumber();
        cashFloat = unitsToNumber(book.cash, (unitLedger as UnitLedger).valueScale);
      } else {
        value = valueDecimally(day, decimalPricesAt(day));
        valueFloat = value.toNumber();
        cashFloat = holdings.cash.toNumber();
      }
    }
    valueFloats[day] = valueFloat;
    if (value === null) recorder.recordUnitValue((unitValuer as UnitValuer).high, (unitValuer as UnitValuer).low);
    else recorder.recordDecimalValue(value);
    // A portfolio worth nothing holds nothing (prices are positive): all of it, none, is cash, so the weights still sum to 1.
    recorder.recordDay(holdings, quantityFloats, valueFloat === 0 ? 1 : cashFloat / valueFloat);
  }
  context.onDates?.(dayCount % PROGRESS_STRIDE === 0 ? PROGRESS_STRIDE : dayCount % PROGRESS_STRIDE);
  const finalValue = recorder.finalValue();
  const totals: LedgerTotals | null =
    allTradesInUnits && unitLedger !== null && totalCostCents < SAFE_LIMIT && finalValue !== null
      ? {
          finalValue,
          costs: decimalFromUnits(totalCostCents, 2),
          tradedAfterDayZero: unitsToNumber(tradedAfterDayZero, unitLedger.valueScale),
          tradeCount: recorder.tradeCount,
        }
      : null;
  return {
    portfolio: recorder.finish(valueFloats, floatSeries),
    warnings: describeNotes(plan, notes),
    valueFloats,
    totals,
    bought: recorder.bought,
    finalWeights: recorder.finalWeights(valueFloats, floatSeries),
  };
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

/** `q × p / V` per asset on `day` (0 when V is 0): the float weights, as the output records them. */
function fillFloatWeights(out: Float64Array, quantities: Float64Array, prices: Float64Array[], day: number, value: number): void {
  for (let i = 0; i < quantities.length; i++) {
    out[i] = value === 0 ? 0 : ((quantities[i] as number) * ((prices[i] as Float64Array)[day] as number)) / value;
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

/** Holdings from `day` until the next change, with their quantities as doubles. */
interface HoldingPeriod {
  day: number;
  holdings: Holdings;
  quantityFloats: Float64Array;
}

/** The trades of one rebalance, in integers (built into `Trade`s when first read) or as Decimals. */
interface TradeBatch {
  day: number;
  date: string;
  reason: RebalanceReason;
  units: { trades: UnitTrade[]; ledger: UnitLedger } | null;
  decimals: LedgerTrade[] | null;
}

/**
 * Accumulates the per-day series, trades and events of one portfolio. Values, cash, quantities
 * and trades are kept compactly while the portfolio runs (integer units, holding periods, integer
 * trades) and become the result's Decimal arrays when first read: a run whose caller only needs
 * the metrics never builds them; every reader gets exactly the same objects as if built eagerly.
 */
class PortfolioRecorder {
  private readonly cashWeights: number[];
  private readonly rebalances: PortfolioResult['rebalances'] = [];
  private day = 0;
  private readonly holdingsFrom: HoldingPeriod[] = [];
  private lastHoldings: Holdings | null = null;
  /** Exact value units of each day (high + low), for days valued in integers. */
  private readonly valueHigh: Float64Array;
  private readonly valueLow: Float64Array;
  /** Values of days valued in Decimal (the Decimal book), by day. */
  private decimalValues: Decimal[] | null = null;
  private readonly batches: TradeBatch[] = [];
  tradeCount = 0;
  /** Symbols bought at least once. */
  readonly bought = new Set<string>();

  constructor(
    private readonly plan: PortfolioPlan,
    private readonly symbols: string[],
    private readonly series: MarketAsset[],
    private readonly dayCount: number,
    /** Decimal places of the integer book's value units. */
    private readonly valueScale: number,
  ) {
    // Float series are grown in day order from empty arrays, so they stay packed: the statistics
    // read packed arrays without boxing each element (a preallocated `new Array(n)` is holey).
    this.cashWeights = [];
    this.valueHigh = new Float64Array(dayCount);
    this.valueLow = new Float64Array(dayCount);
  }

  recordUnitRebalance(day: number, date: string, reason: RebalanceReason, outcome: UnitOutcome, ledger: UnitLedger, targets: number[]): void {
    this.batches.push({ day, date, reason, units: { trades: outcome.trades, ledger }, decimals: null });
    this.recordEvent(day, date, reason, outcome.trades, decimalFromUnits(outcome.totalCost, 2), targets);
  }

  recordDecimalRebalance(day: number, date: string, reason: RebalanceReason, outcome: { trades: LedgerTrade[]; totalCost: Decimal }, targets: number[]): void {
    this.batches.push({ day, date, reason, units: null, decimals: outcome.trades });
    this.recordEvent(day, date, reason, outcome.trades, outcome.totalCost, targets);
  }

  private recordEvent(day: number, date: string, reason: RebalanceReason, trades: { asset: number; action: 'buy' | 'sell' }[], totalCost: Decimal, targets: number[]): void {
    for (const trade of trades) if (trade.action === 'buy') this.bought.add((this.series[trade.asset] as MarketAsset).symbol);
    const indexes: number[] = [];
    for (let k = 0; k < trades.length; k++) indexes.push(this.tradeCount + k);
    this.tradeCount += trades.length;
    const traded = new Set(trades.map((t) => t.asset));
    this.rebalances.push({
      date,
      day,
      reason,
      transaction_cost: totalCost,
      assets_changed: this.symbols.filter((_, i) => traded.has(i)),
      trade_indexes: indexes,
      target_weights: [...targets],
    });
  }

  /** The value of the next day to record, as exact units (integer book). */
  recordUnitValue(high: number, low: number): void {
    this.valueHigh[this.day] = high;
    this.valueLow[this.day] = low;
  }

  /** The value of the next day to record, as a Decimal (Decimal book). */
  recordDecimalValue(value: Decimal): void {
    (this.decimalValues ??= new Array<Decimal>(this.dayCount))[this.day] = value;
  }

  /** The end of a day: the holdings after its trades (their quantities as doubles) and the cash weight. */
  recordDay(holdings: Holdings, quantityFloats: Float64Array, cashWeight: number): void {
    const day = this.day++;
    // Holdings change only at rebalances: remembered once per change, spread over days when read.
    if (holdings !== this.lastHoldings) {
      this.holdingsFrom.push({ day, holdings, quantityFloats: quantityFloats.slice() });
      this.lastHoldings = holdings;
    }
    this.cashWeights[day] = cashWeight;
  }

  /** V_N as a Decimal (`null` before any day). */
  finalValue(): Decimal | null {
    return this.day === 0 ? null : this.valueOf(this.day - 1, this.valueScale);
  }

  private valueOf(day: number, scale: number): Decimal {
    const decimal = this.decimalValues?.[day];
    return decimal ?? exactUnitsToDecimal(this.valueHigh[day] as number, this.valueLow[day] as number, scale);
  }

  private buildValues(): Decimal[] {
    const values = new Array<Decimal>(this.day);
    for (let t = 0; t < this.day; t++) values[t] = this.valueOf(t, this.valueScale);
    return values;
  }

  /** Per-day cash and quantities: the same objects through each holding period. */
  private buildHoldings(): { cash: Decimal[]; quantities: Decimal[][] } {
    const cash = new Array<Decimal>(this.day);
    const quantities = this.symbols.map(() => new Array<Decimal>(this.day));
    this.forEachPeriod((period, from, to) => {
      for (let t = from; t < to; t++) cash[t] = period.holdings.cash;
      for (let i = 0; i < this.symbols.length; i++) {
        const series = quantities[i] as Decimal[];
        const quantity = period.holdings.quantities[i] as Decimal;
        for (let t = from; t < to; t++) series[t] = quantity;
      }
    });
    return { cash, quantities };
  }

  /** Float weights `q × p / V` per asset and day (as `fillFloatWeights`), one asset at a time through the days. */
  private buildWeights(valueFloats: Float64Array, priceFloats: Float64Array[]): number[][] {
    const weights = this.symbols.map((): number[] => []);
    this.forEachPeriod((period, from, to) => {
      for (let i = 0; i < this.symbols.length; i++) {
        const series = weights[i] as number[];
        const quantityFloat = period.quantityFloats[i] as number;
        const prices = priceFloats[i] as Float64Array;
        for (let t = from; t < to; t++) {
          const value = valueFloats[t] as number;
          series[t] = value === 0 ? 0 : (quantityFloat * (prices[t] as number)) / value;
        }
      }
    });
    return weights;
  }

  /** The last day of `buildWeights` (0 for every asset when there is no day). */
  finalWeights(valueFloats: Float64Array, priceFloats: Float64Array[]): number[] {
    const last = this.day - 1;
    const period = this.holdingsFrom[this.holdingsFrom.length - 1];
    if (last < 0 || period === undefined) return this.symbols.map(() => 0);
    const value = valueFloats[last] as number;
    return this.symbols.map((_, i) => (value === 0 ? 0 : ((period.quantityFloats[i] as number) * ((priceFloats[i] as Float64Array)[last] as number)) / value));
  }

  private forEachPeriod(visit: (period: HoldingPeriod, from: number, to: number) => void): void {
    for (let k = 0; k < this.holdingsFrom.length; k++) {
      const period = this.holdingsFrom[k] as HoldingPeriod;
      visit(period, period.day, (this.holdingsFrom[k + 1] as HoldingPeriod | undefined)?.day ?? this.day);
    }
  }

  /** The trades, in order: sells then buys of each rebalance. */
  private buildTrades(): Trade[] {
    const trades: Trade[] = [];
    for (const batch of this.batches) {
      const { day, date, reason } = batch;
      const make = (asset: MarketAsset, action: 'buy' | 'sell', quantity: Decimal, value: Decimal, cost: Decimal): Trade => ({
        date,
        day,
        asset: asset.symbol,
        action,
        quantity,
        price: asset.localPrices[day] as Decimal,
        currency: asset.currency,
        base_price: asset.basePrices[day] as Decimal,
        trade_value: value,
        cost,
        reason,
      });
      if (batch.units !== null) {
        const { quantityDecimals, valueScale } = batch.units.ledger;
        for (const trade of batch.units.trades) {
          trades.push(
            make(
              this.series[trade.asset] as MarketAsset,
              trade.action,
              decimalFromUnits(trade.quantity, quantityDecimals),
              decimalFromBigUnits(trade.value, valueScale),
              decimalFromUnits(trade.cost, 2),
            ),
          );
        }
      } else {
        for (const trade of batch.decimals ?? []) trades.push(make(this.series[trade.asset] as MarketAsset, trade.action, trade.quantity, trade.value, trade.cost));
      }
    }
    return trades;
  }

  finish(valueFloats: Float64Array, priceFloats: Float64Array[]): PortfolioResult {
    // float64, the same `V_t / V_{t−1} − 1` the metrics compute from the values (stats.ts).
    const returns: number[] = [];
    for (let t = 1; t < this.day; t++) {
      const previous = valueFloats[t - 1] as number;
      returns.push(previous === 0 ? 0 : (valueFloats[t] as number) / previous - 1);
    }
    let holdings: { cash: Decimal[]; quantities: Decimal[][] } | null = null;
    const readHoldings = (): { cash: Decimal[]; quantities: Decimal[][] } => (holdings ??= this.buildHoldings());
    const result: PortfolioResult = {
      name: this.plan.name,
      key: toSnakeKey(this.plan.name),
      role: this.plan.role,
      assets: [...this.symbols],
      values: [],
      cash: [],
      quantities: [],
      weights: [],
      cash_weights: this.cashWeights,
      returns,
      trades: [],
      rebalances: this.rebalances,
      metrics: {},
    };
    defineOnFirstRead(result, 'values', () => this.buildValues());
    defineOnFirstRead(result, 'cash', () => readHoldings().cash);
    defineOnFirstRead(result, 'quantities', () => readHoldings().quantities);
    defineOnFirstRead(result, 'trades', () => this.buildTrades());
    defineOnFirstRead(result, 'weights', () => this.buildWeights(valueFloats, priceFloats));
    return result;
  }
}

/**
 * Makes `key` of `target` a property whose value `build` computes on first read and which is then
 * a plain writable property (enumerable throughout, in its place: JSON, spreading and structured
 * clone see the built value).
 */
function defineOnFirstRead<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get(): T[K] {
      const value = build();
      Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
    set(value: T[K]): void {
      Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
    },
  });
}
