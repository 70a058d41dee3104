/**
 * The exact ledger of one rebalance (../shared/spec/backtest.md, Trades and costs, steps 1–5):
 * desired changes rounded half-up, filters, cent-rounded costs, sells first, buys scaled when
 * cash is short, then a cut loop that guarantees cash ≥ 0.
 *
 * Two implementations of the same steps: `rebalanceHoldings` in Decimal (any holdings, any
 * prices), and `rebalanceUnits`, the hot path, in scaled integers: money in BigInt, quantities
 * as integer doubles, each rounding decided by a float64 estimate with a proven error bound and,
 * when the estimate is too close to a rounding boundary to decide, by the very Decimal
 * expression `rebalanceHoldings` evaluates. Both give identical results (tests/engine/portfolio.books.test.ts).
 */
import type Decimal from 'decimal.js';
import { findAffordableQuantity } from './cut';
import { Dec, ZERO, decimalFromBigUnits, decimalFromUnits, POW10, POW10_BIG, readUnits, SAFE_LIMIT, toDec } from './decimal';

/** Cost model and quantity rules shared by every portfolio of a run. */
export interface LedgerSettings {
  quantityDecimals: number;
  minTradeValue: Decimal;
  fixedCost: Decimal;
  percentageCost: Decimal;
}

/** Cash and quantities (configuration asset order). */
export interface Holdings {
  cash: Decimal;
  quantities: Decimal[];
}

/** One executed trade of a rebalance. */
export interface LedgerTrade {
  /** Index into the portfolio's assets. */
  asset: number;
  action: 'buy' | 'sell';
  /** Positive. */
  quantity: Decimal;
  /** `quantity × price`, exact. */
  value: Decimal;
  /** Cent-rounded. */
  cost: Decimal;
}

/** Holdings after a rebalance and the trades that got there (sells, then buys, each in asset order). */
export interface RebalanceOutcome extends Holdings {
  trades: LedgerTrade[];
  totalCost: Decimal;
}

interface Leg {
  asset: number;
  quantity: Decimal;
  value: Decimal;
  cost: Decimal;
}

/**
 * `V = cash + Σ q × p` in the base currency. The holdings are summed first, then added to cash:
 * with 64-digit rounding (FX-converted prices carry 64 digits) the order fixes the last digit,
 * and this is the order a straightforward `cash + sum(q × p)` elsewhere produces.
 */
export function computeValue(holdings: Holdings, prices: Decimal[]): Decimal {
  let invested = ZERO;
  holdings.quantities.forEach((quantity, i) => {
    if (!quantity.isZero()) invested = invested.add(quantity.mul(prices[i] as Decimal));
  });
  return holdings.cash.add(invested);
}

/** `fixed + percentage × value`, rounded half-up to cents. */
export function computeTradeCost(value: Decimal, settings: LedgerSettings): Decimal {
  return settings.fixedCost.add(settings.percentageCost.mul(value)).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/**
 * Rebalances `holdings` towards `targets` (float64 weights, converted with `toDec`) at `prices`
 * (base currency). Never leaves cash or a quantity below zero; `V_after = V_before − totalCost`.
 *
 * @example
 * // 1000 cash, one asset at 10, target 100%, no costs → buy 100 units, cash 0.
 * rebalanceHoldings({ cash: toDec(1000), quantities: [toDec(0)] }, [toDec(10)], [1], settings)
 */
export function rebalanceHoldings(holdings: Holdings, prices: Decimal[], targets: number[], settings: LedgerSettings): RebalanceOutcome {
  const value = computeValue(holdings, prices);
  const { sells, buys } = planDesiredTrades(holdings, prices, targets, value, settings);
  let cash = holdings.cash;
  for (const sell of sells) cash = cash.add(sell.value.sub(sell.cost));
  const executedBuys = fitBuysToCash(buys, cash, prices, settings);
  for (const buy of executedBuys) cash = cash.sub(buy.value.add(buy.cost));

  const quantities = [...holdings.quantities];
  const trades: LedgerTrade[] = [];
  let totalCost = ZERO;
  for (const sell of sells) {
    quantities[sell.asset] = (quantities[sell.asset] as Decimal).sub(sell.quantity);
    trades.push({ ...sell, action: 'sell' });
    totalCost = totalCost.add(sell.cost);
  }
  for (const buy of executedBuys) {
    quantities[buy.asset] = (quantities[buy.asset] as Decimal).add(buy.quantity);
    trades.push({ ...buy, action: 'buy' });
    totalCost = totalCost.add(buy.cost);
  }
  return { cash, quantities, trades, totalCost };
}

/** Step 1–2: desired changes, rounded half-up, filtered, costed; sells and buys in asset order. */
function planDesiredTrades(
  holdings: Holdings,
  prices: Decimal[],
  targets: number[],
  value: Decimal,
  settings: LedgerSettings,
): { sells: Leg[]; buys: Leg[] } {
  const sells: Leg[] = [];
  const buys: Leg[] = [];
  holdings.quantities.forEach((quantity, asset) => {
    const price = prices[asset] as Decimal;
    const desired = toDec(targets[asset] ?? 0).mul(value).div(price);
    let change = desired.sub(quantity).toDecimalPlaces(settings.quantityDecimals, Dec.ROUND_HALF_UP);
    // Holdings the engine builds sit on the quantity grid, so rounding never oversells them; a
    // holding off the grid (given by a host) is sold at most in full: no shorting.
    if (change.lt(quantity.neg())) change = quantity.neg();
    if (change.isZero()) return;
    const size = change.abs();
    const tradeValue = size.mul(price);
    if (tradeValue.lt(settings.minTradeValue)) return;
    const cost = computeTradeCost(tradeValue, settings);
    if (change.isNegative()) {
      // Selling for less than it costs would only destroy value.
      if (cost.gt(tradeValue)) return;
      sells.push({ asset, quantity: size, value: tradeValue, cost });
    } else {
      buys.push({ asset, quantity: size, value: tradeValue, cost });
    }
  });
  return { sells, buys };
}

/** Step 3: all buys when cash allows; otherwise scaled by `s`, rounded down, then cut until cash ≥ 0. */
function fitBuysToCash(buys: Leg[], cashAfterSells: Decimal, prices: Decimal[], settings: LedgerSettings): Leg[] {
  if (buys.length === 0) return [];
  let buyValue = ZERO;
  let buyCost = ZERO;
  for (const buy of buys) {
    buyValue = buyValue.add(buy.value);
    buyCost = buyCost.add(buy.cost);
  }
  if (cashAfterSells.sub(buyValue).sub(buyCost).gte(0)) return buys;

  const scale = computeBuyScale(cashAfterSells, buyValue, buys.length, settings);
  const scaled: Leg[] = [];
  for (const buy of buys) {
    const quantity = buy.quantity.mul(scale).toDecimalPlaces(settings.quantityDecimals, Dec.ROUND_DOWN);
    if (quantity.isZero()) continue;
    scaled.push(makeLeg(buy.asset, quantity, prices[buy.asset] as Decimal, settings));
  }
  let cash = cashAfterSells;
  for (const buy of scaled) cash = cash.sub(buy.value.add(buy.cost));
  if (cash.gte(0)) return scaled;
  return cutBuysUntilCovered(scaled, cash, prices, settings);
}

/** `s = (C_s − n_b·f) / (B·(1 + p))`, clamped to [0, 1]. */
function computeBuyScale(cash: Decimal, buyValue: Decimal, buyCount: number, settings: LedgerSettings): Decimal {
  const raw = cash.sub(settings.fixedCost.mul(buyCount)).div(buyValue.mul(settings.percentageCost.add(1)));
  return Dec.max(ZERO, Dec.min(raw, 1));
}

function makeLeg(asset: number, quantity: Decimal, price: Decimal, settings: LedgerSettings): Leg {
  const value = quantity.mul(price);
  return { asset, quantity, value, cost: computeTradeCost(value, settings) };
}

/**
 * While cash < 0: the largest buy by value (ties: first in asset order) loses the fewest quantity
 * units that make cash ≥ 0, or is dropped when even that is not enough; then the next largest.
 * The fewest units come from `findAffordableQuantity` (src/engine/cut.ts), whose work does not
 * grow with the number of units (a price of 1e-70 gives 10^80 of them).
 */
function cutBuysUntilCovered(buys: Leg[], startCash: Decimal, prices: Decimal[], settings: LedgerSettings): Leg[] {
  const order = [...buys].sort((a, b) => b.value.cmp(a.value) || a.asset - b.asset);
  const result = new Map<number, Leg | null>(buys.map((b) => [b.asset, b]));
  let cash = startCash;
  for (const buy of order) {
    if (cash.gte(0)) break;
    const price = prices[buy.asset] as Decimal;
    const released = cash.add(buy.value.add(buy.cost));
    if (released.lt(0)) {
      result.set(buy.asset, null);
      cash = released;
      continue;
    }
    const quantity = findAffordableQuantity({
      released,
      quantity: buy.quantity,
      price,
      quantityDecimals: settings.quantityDecimals,
      fixedCost: settings.fixedCost,
      percentageCost: settings.percentageCost,
      cashAfterBuying: (q) => {
        const leg = makeLeg(buy.asset, q, price, settings);
        return released.sub(leg.value.add(leg.cost));
      },
    });
    const leg = quantity.isZero() ? null : makeLeg(buy.asset, quantity, price, settings);
    result.set(buy.asset, leg);
    cash = leg === null ? released : released.sub(leg.value.add(leg.cost));
  }
  return buys.map((b) => result.get(b.asset)).filter((leg): leg is Leg => leg !== null && leg !== undefined);
}

// ---------------------------------------------------------------------------------------------
// The same rebalance in scaled integers
// ---------------------------------------------------------------------------------------------

/**
 * A float64 estimate farther than this (relative) from a rounding boundary rounds like the exact
 * value: each estimate below chains at most six roundings of 2^−53 (≈ 6.7e−16), and Decimal's
 * own 64-digit roundings move the value by ~1e−63.
 */
const ESTIMATE_TOLERANCE = 2e-15;

/** Money in units (10^−valueScale) stays below 10^60: every Decimal result would have been exact (≤ 64 digits). */
const UNIT_LIMIT = POW10_BIG[60] as bigint;

/** What the integer ledger derives once from `LedgerSettings` and the price scale. */
export interface UnitLedger {
  settings: LedgerSettings;
  quantityDecimals: number;
  /** Decimal places of every money amount: price scale + quantity decimals (≥ 2, ≤ 22). */
  valueScale: number;
  /** 10^quantityDecimals. */
  quantityPower: number;
  percentage: number;
  /** fixed_per_trade × 100, as a double. */
  fixedCents: number;
  /** ⌈min_trade_value × 10^valueScale⌉: a trade value in units is below the minimum iff below this. */
  minTradeUnits: bigint;
  /** 10^(valueScale − 2): cents → units. */
  centUnits: bigint;
  /** The same factor as a double (exact: at most 10^20). */
  centFactor: number;
}

/** The integer ledger's constants, or `null` when the scales fall outside its range. */
export function prepareUnitLedger(settings: LedgerSettings, priceScale: number): UnitLedger | null {
  const valueScale = priceScale + settings.quantityDecimals;
  if (valueScale < 2 || valueScale > 22) return null;
  const minimum = settings.minTradeValue.mul(POW10[valueScale] as number).ceil();
  return {
    settings,
    quantityDecimals: settings.quantityDecimals,
    valueScale,
    quantityPower: POW10[settings.quantityDecimals] as number,
    percentage: settings.percentageCost.toNumber(),
    fixedCents: settings.fixedCost.mul(100).toNumber(),
    minTradeUnits: BigInt(minimum.toFixed()),
    centUnits: POW10_BIG[valueScale - 2] as bigint,
    centFactor: POW10[valueScale - 2] as number,
  };
}

/** Integer holdings: cash in units of 10^−valueScale, quantities in units of 10^−quantityDecimals. */
export interface UnitHoldings {
  cash: bigint;
  quantities: Float64Array;
}

/** One day's prices of the portfolio's assets, in the three forms the ledger reads. */
export interface UnitPrices {
  /** Exact units (10^−priceScale), safe integers. */
  units: ArrayLike<number>;
  /** Correctly rounded doubles of the same prices. */
  floats: ArrayLike<number>;
  /** The Decimals (built on demand by the caller, for the rare exact fallbacks). */
  decimals: () => Decimal[];
}

/** A trade in integers: quantity units, value units, cost in cents. */
export interface UnitTrade {
  asset: number;
  action: 'buy' | 'sell';
  quantity: number;
  value: bigint;
  cost: number;
}

/** Holdings after a rebalance and the trades that got there (sells, then buys, each in asset order). */
export interface UnitOutcome extends UnitHoldings {
  trades: UnitTrade[];
  /** Σ costs in cents. */
  totalCost: number;
}

interface UnitLeg {
  asset: number;
  quantity: number;
  value: bigint;
  cost: number;
}

/** `quantity × price` in value units, exactly; one BigInt when the product is below 2^53 (the usual case). */
function multiplyUnits(quantity: number, price: number): bigint {
  const product = quantity * price;
  // A double product below 2^53 is the exact integer product.
  return product < SAFE_LIMIT ? BigInt(product) : BigInt(quantity) * BigInt(price);
}

/** A cost in cents as value units. */
function centsToUnits(cents: number, ledger: UnitLedger): bigint {
  const units = cents * ledger.centFactor;
  return units < SAFE_LIMIT ? BigInt(units) : BigInt(cents) * ledger.centUnits;
}

/**
 * `rebalanceHoldings` in integers: same trades, same costs, same cash to the last digit, for
 * holdings on the quantity grid whose value in units is `value` (exact) and `valueFloat` (its
 * correctly rounded double). Returns `null` when an amount leaves the integer range; the caller
 * then uses `rebalanceHoldings`.
 */
export function rebalanceUnits(
  holdings: UnitHoldings,
  value: bigint,
  valueFloat: number,
  prices: UnitPrices,
  targets: number[],
  ledger: UnitLedger,
): UnitOutcome | null {
  if (value < 0n || value >= UNIT_LIMIT) return null;
  const { quantityDecimals, valueScale, settings } = ledger;
  const n = holdings.quantities.length;
  // Decimal forms, only for the fallbacks of undecidable roundings.
  let valueDecimal: Decimal | null = null;
  const sells: UnitLeg[] = [];
  const buys: UnitLeg[] = [];
  for (let asset = 0; asset < n; asset++) {
    const quantity = holdings.quantities[asset] as number;
    const priceFloat = prices.floats[asset] as number;
    const weight = targets[asset] ?? 0;
    // Step 1: Δq = w·V/p − q in quantity units, rounded half-up (away from zero on a tie).
    const desired = ((weight * valueFloat) / priceFloat) * ledger.quantityPower;
    const delta = desired - quantity;
    const magnitude = Math.abs(delta);
    const whole = Math.floor(magnitude);
    const fraction = magnitude - whole;
    let change: number;
    // (A weight too small to have a double's relative precision is left to Decimal.)
    const decidable = magnitude < 2 ** 52 && (weight === 0 || weight > 1e-290);
    if (decidable && Math.abs(fraction - 0.5) > ESTIMATE_TOLERANCE * (Math.abs(desired) + magnitude)) {
      const rounded = fraction > 0.5 ? whole + 1 : whole;
      change = delta < 0 ? -rounded : rounded;
    } else {
      valueDecimal ??= decimalFromBigUnits(value, valueScale);
      const exact = toDec(weight)
        .mul(valueDecimal)
        .div(prices.decimals()[asset] as Decimal)
        .sub(decimalFromUnits(quantity, quantityDecimals))
        .toDecimalPlaces(quantityDecimals, Dec.ROUND_HALF_UP);
      change = readUnits(exact, quantityDecimals);
      if (Number.isNaN(change)) return null;
    }
    if (change < -quantity) change = -quantity;
    if (change === 0) continue;
    const size = Math.abs(change);
    const tradeValue = multiplyUnits(size, prices.units[asset] as number);
    if (tradeValue < ledger.minTradeUnits) continue;
    const cost = computeCostCents(tradeValue, (size * priceFloat) / ledger.quantityPower, ledger);
    if (Number.isNaN(cost)) return null;
    if (change < 0) {
      // Selling for less than it costs would only destroy value.
      if (centsToUnits(cost, ledger) > tradeValue) continue;
      sells.push({ asset, quantity: size, value: tradeValue, cost });
    } else {
      buys.push({ asset, quantity: size, value: tradeValue, cost });
    }
  }
  let cash = holdings.cash;
  for (const sell of sells) cash += sell.value - centsToUnits(sell.cost, ledger);
  const executedBuys = fitBuysToCashInUnits(buys, cash, prices, ledger);
  if (executedBuys === null) return null;
  for (const buy of executedBuys) cash -= buy.value + centsToUnits(buy.cost, ledger);

  const quantities = holdings.quantities.slice();
  const trades: UnitTrade[] = [];
  let totalCost = 0;
  for (const sell of sells) {
    quantities[sell.asset] = (quantities[sell.asset] as number) - sell.quantity;
    trades.push({ asset: sell.asset, action: 'sell', quantity: sell.quantity, value: sell.value, cost: sell.cost });
    totalCost += sell.cost;
  }
  for (const buy of executedBuys) {
    const next = (quantities[buy.asset] as number) + buy.quantity;
    if (!(next < SAFE_LIMIT)) return null;
    quantities[buy.asset] = next;
    trades.push({ asset: buy.asset, action: 'buy', quantity: buy.quantity, value: buy.value, cost: buy.cost });
    totalCost += buy.cost;
  }
  if (!(totalCost < SAFE_LIMIT)) return null;
  return { cash, quantities, trades, totalCost };
}

/**
 * `computeTradeCost` in cents for a trade value in units (`valueFloat` ≈ its amount as a double, within a few roundings): decided in
 * float64 unless within the estimate's error of a half cent, then in Decimal. NaN beyond 2^52 cents.
 */
function computeCostCents(value: bigint, valueFloat: number, ledger: UnitLedger): number {
  const estimate = ledger.fixedCents + ledger.percentage * valueFloat * 100;
  const whole = Math.floor(estimate);
  const fraction = estimate - whole;
  if (estimate < 2 ** 52 && Math.abs(fraction - 0.5) > ESTIMATE_TOLERANCE * (estimate + Math.abs(ledger.fixedCents))) {
    return fraction > 0.5 ? whole + 1 : whole;
  }
  return readUnits(computeTradeCost(decimalFromBigUnits(value, ledger.valueScale), ledger.settings), 2);
}

/** Step 3 in integers, as `fitBuysToCash`; `null` when an amount leaves the integer range. */
function fitBuysToCashInUnits(buys: UnitLeg[], cashAfterSells: bigint, prices: UnitPrices, ledger: UnitLedger): UnitLeg[] | null {
  if (buys.length === 0) return [];
  const { valueScale, quantityDecimals, settings } = ledger;
  let buyValue = 0n;
  let buyCost = 0n;
  for (const buy of buys) {
    buyValue += buy.value;
    buyCost += centsToUnits(buy.cost, ledger);
  }
  if (cashAfterSells - buyValue - buyCost >= 0n) return buys;

  // s in Decimal, exactly as `computeBuyScale` computes it from the same (exact) amounts.
  const scale = computeBuyScale(decimalFromBigUnits(cashAfterSells, valueScale), decimalFromBigUnits(buyValue, valueScale), buys.length, settings);
  const scaleFloat = scale.toNumber();
  // s = 1 exactly keeps every buy (a 64-digit s just below 1 may still round to the double 1).
  const keepAll = scale.eq(1);
  const scaled: UnitLeg[] = [];
  for (const buy of buys) {
    // Δq × s rounded down: decided in float64 unless the estimate is within its error of a unit.
    const estimate = buy.quantity * scaleFloat;
    const whole = Math.floor(estimate);
    const fraction = estimate - whole;
    const margin = ESTIMATE_TOLERANCE * estimate;
    let quantity: number;
    if (keepAll) quantity = buy.quantity;
    else if (estimate < 2 ** 52 && fraction > margin && fraction < 1 - margin) quantity = whole;
    else {
      quantity = readUnits(
        decimalFromUnits(buy.quantity, quantityDecimals).mul(scale).toDecimalPlaces(quantityDecimals, Dec.ROUND_DOWN),
        quantityDecimals,
      );
      if (Number.isNaN(quantity)) return null;
    }
    if (quantity === 0) continue;
    const leg = makeUnitLeg(buy.asset, quantity, prices, ledger);
    if (Number.isNaN(leg.cost)) return null;
    scaled.push(leg);
  }
  let cash = cashAfterSells;
  for (const buy of scaled) cash -= buy.value + centsToUnits(buy.cost, ledger);
  if (cash >= 0n) return scaled;

  return cutBuysInUnits(scaled, cash, prices, ledger);
}

/** A buy of `quantity` units of `asset` at the day's price: exact value units and cent cost (NaN cost beyond range). */
function makeUnitLeg(asset: number, quantity: number, prices: UnitPrices, ledger: UnitLedger): UnitLeg {
  const value = multiplyUnits(quantity, prices.units[asset] as number);
  const cost = computeCostCents(value, (quantity * (prices.floats[asset] as number)) / ledger.quantityPower, ledger);
  return { asset, quantity, value, cost };
}

/**
 * The cut loop of `cutBuysUntilCovered` in integers: while cash < 0, the largest buy by value
 * (ties: first in asset order) keeps the most quantity units that leave cash ≥ 0 (it loses the
 * fewest), or is dropped when even dropping is needed; then the next largest. Cash after a buy
 * only rises as its quantity falls (cost is monotone in value), so the kept quantity is the
 * largest q with cash ≥ 0: estimated in float64 and then settled by exact integer tests, the
 * same q any exact search finds. `null` when an amount leaves the integer range.
 */
function cutBuysInUnits(buys: UnitLeg[], startCash: bigint, prices: UnitPrices, ledger: UnitLedger): UnitLeg[] | null {
  const { valueScale } = ledger;
  const order = [...buys].sort((a, b) => (a.value > b.value ? -1 : a.value < b.value ? 1 : a.asset - b.asset));
  const result = new Map<number, UnitLeg | null>(buys.map((b) => [b.asset, b]));
  let cash = startCash;
  for (const buy of order) {
    if (cash >= 0n) break;
    const released = cash + buy.value + centsToUnits(buy.cost, ledger);
    if (released < 0n) {
      result.set(buy.asset, null);
      cash = released;
      continue;
    }
    let invalid = false;
    // Cash left after buying q units (q = 0: no buy at all, no fixed cost).
    const cashAfter = (q: number): bigint => {
      if (q === 0) return released;
      const leg = makeUnitLeg(buy.asset, q, prices, ledger);
      if (Number.isNaN(leg.cost)) {
        invalid = true;
        return -1n;
      }
      return released - leg.value - centsToUnits(leg.cost, ledger);
    };
    const affordable = (q: number): boolean => cashAfter(q) >= 0n;
    const most = buy.quantity - 1; // at least one unit is cut
    // Estimate: q·p·(1 + pct) + fixed ≤ released, in units of the quantity grid.
    const price = prices.floats[buy.asset] as number;
    const estimate = Math.floor(
      ((unitsToNumberFast(released, valueScale) - ledger.fixedCents / 100) / (price * (1 + ledger.percentage))) * ledger.quantityPower,
    );
    // Gallop from the estimate to a bracket [low affordable, high not], then bisect in integers.
    // (Cent rounding of the cost moves the boundary by up to half a cent's worth of units.)
    let low = 0;
    let high = most + 1;
    const guess = Number.isFinite(estimate) ? Math.min(Math.max(estimate, 0), most) : 0;
    if (affordable(guess)) {
      low = guess;
      for (let step = 1; low + step < high; step *= 2) {
        if (!affordable(low + step)) {
          high = low + step;
          break;
        }
        low += step;
      }
    } else {
      high = guess;
      for (let step = 1; high - step > 0; step *= 2) {
        if (affordable(high - step)) {
          low = high - step;
          break;
        }
        high -= step;
      }
    }
    if (invalid) return null;
    while (low + 1 < high) {
      const middle = low + Math.floor((high - low) / 2);
      if (affordable(middle)) low = middle;
      else high = middle;
      if (invalid) return null;
    }
    const leg = low === 0 ? null : makeUnitLeg(buy.asset, low, prices, ledger);
    if (leg !== null && Number.isNaN(leg.cost)) return null;
    result.set(buy.asset, leg);
    cash = leg === null ? released : released - leg.value - centsToUnits(leg.cost, ledger);
  }
  const kept: UnitLeg[] = [];
  for (const buy of buys) {
    const leg = result.get(buy.asset);
    if (leg !== null && leg !== undefined) kept.push(leg);
  }
  return kept;
}

/** `unitsToNumber` for the estimate above (any double close to the value will do). */
function unitsToNumberFast(units: bigint, scale: number): number {
  return Number(units) / (POW10[scale] as number);
}
