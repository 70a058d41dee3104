/**
 * The exact ledger of one rebalance (../shared/spec/backtest.md, Trades and costs, steps 1–5):
 * desired changes rounded half-up, filters, cent-rounded costs, sells first, buys scaled when
 * cash is short, then a cut loop that guarantees cash ≥ 0. All money and quantities are Decimal.
 */
import type Decimal from 'decimal.js';
import { findAffordableQuantity } from './cut';
import { Dec, ZERO, toDec } from './decimal';

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
