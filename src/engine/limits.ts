/**
 * What a valid configuration can still make degenerate or out of range (backtest.md, Limits):
 * warnings for a run that is valid but cannot do what it was asked (a fixed cost above the
 * capital, a capital too small to buy one quantity unit, an asset no order ever bought), and the
 * check that no portfolio value leaves the range float64 statistics can hold.
 */
import type Decimal from 'decimal.js';
import { BackfolioError, listWithCount } from '../errors';
import { Dec } from './decimal';
import type { Market } from './timeline';
import { listStrategyAssets } from './timeline';
import type { IsoDate, PortfolioResult, RunConfig, RunWarning, StrategySpec } from './types';

/** Largest portfolio value the statistics accept: float64 holds 1.8e308; sums and squares need room. */
export const MAX_PORTFOLIO_VALUE = 1e300;

/** A portfolio as simulated, with the strategy it was asked to follow. */
export interface SimulatedPlan {
  portfolio: PortfolioResult;
  strategy: StrategySpec;
  /** The symbols it bought, when known without reading its trades (they are built on first read). */
  bought?: ReadonlySet<string>;
}

/**
 * Warnings for a valid run that could not do what it was asked, each naming the field or asset:
 * a fixed cost above the capital, assets never bought (one quantity unit costs more than the
 * capital, every order below min_trade_value, or every order rounding to zero), and windows
 * longer than the run. Assets are grouped so 500 never-bought symbols make one line.
 */
export function describeDegenerateRun(config: RunConfig, market: Market, plans: SimulatedPlan[]): RunWarning[] {
  const warnings: RunWarning[] = [];
  const capital = config.initial_capital;
  const fixed = config.transaction_costs.fixed_per_trade;
  const currency = config.base_currency;
  if (fixed.gt(capital)) {
    warnings.push({
      code: 'DEGENERATE',
      message:
        `transaction_costs.fixed_per_trade ${fixed.toFixed()} ${currency} is more than initial_capital ${capital.toFixed()} ${currency}: ` +
        'no trade can be paid for, so every portfolio stays in cash.',
    });
  }
  const unit = new Dec(10).pow(-config.quantity_decimals);
  for (const { portfolio, strategy, bought: known } of plans) {
    if (fixed.gt(capital)) break;
    const bought = known ?? new Set(portfolio.trades.filter((t) => t.action === 'buy').map((t) => t.asset));
    const neverBought = listTargetedAssets(strategy).filter((symbol) => !bought.has(symbol));
    if (neverBought.length === 0) continue;
    const tooDear: string[] = [];
    const belowMinimum: string[] = [];
    const roundedAway: string[] = [];
    for (const symbol of neverBought) {
      const dayZeroPrice = findBasePrice(market, symbol, 0);
      if (dayZeroPrice !== null && unit.mul(dayZeroPrice).gt(capital)) tooDear.push(`${symbol} (${formatMoney(unit.mul(dayZeroPrice))} ${currency})`);
      else if (config.min_trade_value.gt(0)) belowMinimum.push(symbol);
      else roundedAway.push(symbol);
    }
    const who = `${portfolio.name} (${portfolio.role})`;
    if (tooDear.length > 0) {
      warnings.push({
        code: 'DEGENERATE',
        message:
          `${who} never bought ${listWithCount(tooDear, 'asset')}: one quantity unit (${unit.toFixed()}, quantity_decimals ${config.quantity_decimals}) ` +
          `costs more on day 0 than initial_capital ${capital.toFixed()} ${currency}.`,
      });
    }
    if (belowMinimum.length > 0) {
      warnings.push({
        code: 'DEGENERATE',
        message: `${who} never bought ${listWithCount(belowMinimum, 'asset')}: every order was below min_trade_value ${config.min_trade_value.toFixed()} ${currency} or rounded to zero.`,
      });
    }
    if (roundedAway.length > 0) {
      warnings.push({
        code: 'DEGENERATE',
        message: `${who} never bought ${listWithCount(roundedAway, 'asset')}: every order rounded to zero at quantity_decimals ${config.quantity_decimals} or could not be paid for.`,
      });
    }
  }
  const returns = Math.max(0, market.dates.length - 1);
  if (returns > 0 && config.rolling_window > returns) {
    warnings.push({
      code: 'DEGENERATE',
      message: `rolling_window ${config.rolling_window} is longer than the run's ${returns} return(s): the rolling metrics stay empty.`,
    });
  }
  const volatilityPlans = plans.filter(({ strategy }) => strategy.type === 'inverse_volatility' || strategy.type === 'risk_parity');
  const slow = volatilityPlans.filter(({ strategy }) => 'lookback' in strategy && strategy.lookback > returns);
  if (returns > 0 && slow.length > 0) {
    warnings.push({
      code: 'DEGENERATE',
      message: `lookback is longer than the run's ${returns} return(s) for ${listWithCount(slow.map((p) => p.portfolio.name), 'portfolio')}: they hold equal weights throughout.`,
    });
  }
  return warnings;
}

/**
 * Refuses a run whose portfolio value leaves `MAX_PORTFOLIO_VALUE` (prices growing by 10^600
 * within the accepted price range can do that): the exact ledger holds it, but no volatility,
 * drawdown or ratio could be computed in float64. Checked on the float returns, no Decimal work.
 */
export function checkValueRange(portfolios: PortfolioResult[], dates: IsoDate[], firstValues?: readonly (number | undefined)[]): void {
  for (const [i, portfolio] of portfolios.entries()) {
    // V_0 as a double: given by the caller (no Decimal read), or from the values.
    const first = firstValues === undefined ? portfolio.values[0]?.toNumber() : firstValues[i];
    if (first === undefined) continue;
    let value = first;
    let day = 0;
    const tooLarge = (): boolean => !Number.isFinite(value) || value > MAX_PORTFOLIO_VALUE;
    while (!tooLarge() && day < portfolio.returns.length) {
      value *= 1 + (portfolio.returns[day] as number);
      day += 1;
    }
    if (!tooLarge()) continue;
    const exact = (portfolio.values[day] as Decimal | undefined)?.toExponential(3) ?? 'beyond float64';
    throw new BackfolioError(
      'PRICES_INVALID',
      `The value of ${portfolio.name} reaches ${exact} on ${dates[day] ?? '?'}, more than the ${MAX_PORTFOLIO_VALUE} its statistics can hold: ` +
        'the prices grow by hundreds of orders of magnitude; check their units.',
      { issues: [{ path: `${portfolio.name}, ${dates[day] ?? ''}`, value: exact, expected: `a portfolio value up to ${MAX_PORTFOLIO_VALUE}` }] },
    );
  }
}

/** Assets a strategy means to hold: fixed weights above zero, every asset of the other strategies. */
function listTargetedAssets(strategy: StrategySpec): string[] {
  if (strategy.type === 'fixed') return strategy.weights.filter((w) => w.weight > 0).map((w) => w.symbol);
  return listStrategyAssets(strategy);
}

function findBasePrice(market: Market, symbol: string, day: number): Decimal | null {
  const index = market.indexOf.get(symbol);
  return index === undefined ? null : (market.assets[index]?.basePrices[day] ?? null);
}

/** Money to the cent, with more significant digits when below one cent (`0.00000123`). */
function formatMoney(value: Decimal): string {
  return value.gte(0.01) ? value.toFixed(2) : value.toSignificantDigits(3).toFixed();
}
