/** Per-date tables: `daily_portfolio_data`, `asset_allocations`, `rolling_metrics`. */
import type { BacktestResult } from '../engine/types';
import { currencyType, DATE, makeColumn, PERCENT, RATIO } from './columns';
import type { CellValue, Column, ReportTable } from './model.types';
import type { DayRange, PeriodAnalytics } from './range';
import type { PortfolioColumn } from './summary';

/** A float as a cell: `null` for undefined or non-finite values. */
function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

/**
 * `daily_portfolio_data`: the strategy's value, returns, drawdown, rolling volatility and cash per
 * date, then each benchmark's value. Day 0's `daily_return` is `V_0 / C − 1`, so the returns chain
 * into `cumulative_return = V_t / C − 1`. Rows outside `range` are left out; values, returns and
 * cumulative returns are the run's (a range does not rebase them), while `drawdown` and
 * `volatility_rolling` come from `period` (recomputed over a range, from the close before it).
 */
export function buildDailyTable(
  result: BacktestResult,
  benchmarks: PortfolioColumn[],
  range: DayRange,
  period: PeriodAnalytics = { risk: result.analytics, firstDay: 0, yearly: [], trailing: [] },
): ReportTable {
  const base = result.config.base_currency;
  const money = currencyType(base);
  const capital = result.config.initial_capital;
  const strategy = result.strategy;
  const columns: Column[] = [
    makeColumn('date', 'Date', DATE),
    makeColumn('portfolio_value', 'Portfolio value', money, 'End-of-day value after trades and costs'),
    makeColumn('daily_return', 'Daily return', PERCENT, 'V_t / V_{t−1} − 1; day 0: V_0 / initial capital − 1'),
    makeColumn('cumulative_return', 'Cumulative return', PERCENT, 'V_t / initial capital − 1'),
    makeColumn('drawdown', 'Drawdown', PERCENT, 'V_t / running peak − 1 (initial capital is the first peak), ≤ 0'),
    makeColumn('volatility_rolling', 'Rolling volatility', PERCENT, `Annualized volatility over the last ${result.config.rolling_window} periods`),
    makeColumn('cash', 'Cash', money),
    ...benchmarks.map(({ portfolio, key }) => makeColumn(`${key}_value`, `${portfolio.name} value`, money, `Benchmark ${portfolio.name}`)),
  ];
  const rows: CellValue[][] = [];
  for (let day = range.start; day <= range.end; day += 1) {
    const value = strategy.values[day] ?? null;
    // returns[t − 1] = r_t for t ≥ 1; day 0 has the cost of the initial purchase instead.
    const dailyReturn = day === 0 ? (value === null ? null : value.div(capital).minus(1).toNumber()) : strategy.returns[day - 1];
    rows.push([
      result.dates[day] ?? null,
      value,
      finiteOrNull(dailyReturn),
      value === null ? null : finiteOrNull(value.div(capital).minus(1).toNumber()),
      finiteOrNull(period.risk.drawdown[day - period.firstDay]),
      finiteOrNull(period.risk.rolling.volatility[day - period.firstDay]),
      strategy.cash[day] ?? null,
      ...benchmarks.map(({ portfolio }) => portfolio.values[day] ?? null),
    ]);
  }
  return { id: 'daily_portfolio_data', title: 'Daily portfolio data', columns, rows };
}

/** `asset_allocations`: end-of-day weights of the strategy's assets and cash (summing to 1), day 0 included. */
export function buildAllocationsTable(result: BacktestResult, range: DayRange): ReportTable {
  const strategy = result.strategy;
  const columns: Column[] = [
    makeColumn('date', 'Date', DATE),
    ...strategy.assets.map((symbol) => makeColumn(`${symbol}_weight`, `${symbol} weight`, PERCENT, `End-of-day weight of ${symbol}`)),
    makeColumn('cash_weight', 'Cash weight', PERCENT, 'End-of-day weight of cash'),
  ];
  const rows: CellValue[][] = [];
  for (let day = range.start; day <= range.end; day += 1) {
    rows.push([
      result.dates[day] ?? null,
      ...strategy.assets.map((_, a) => finiteOrNull(strategy.weights[a]?.[day])),
      finiteOrNull(strategy.cash_weights[day]),
    ]);
  }
  return { id: 'asset_allocations', title: 'Asset allocations', columns, rows };
}

/**
 * `rolling_metrics`: the strategy's rolling window return (not annualized), annualized volatility,
 * Sharpe ratio and beta against the first benchmark, from `period` (recomputed over a range);
 * empty until the window fills, where a denominator is zero, and (beta) without a benchmark.
 */
export function buildRollingTable(
  result: BacktestResult,
  range: DayRange,
  period: PeriodAnalytics = { risk: result.analytics, firstDay: 0, yearly: [], trailing: [] },
): ReportTable {
  const window = result.config.rolling_window;
  const rolling = period.risk.rolling;
  const benchmark = result.benchmarks[0]?.name;
  const columns: Column[] = [
    makeColumn('date', 'Date', DATE),
    makeColumn('rolling_return', 'Rolling return', PERCENT, `Π(1 + r) − 1 over the last ${window} periods (not annualized)`),
    makeColumn('rolling_volatility', 'Rolling volatility', PERCENT, `Sample std of the last ${window} returns × √P`),
    makeColumn('rolling_sharpe', 'Rolling Sharpe ratio', RATIO, `(mean(r) − rf_p) / std(r) × √P over the last ${window} periods, rf_p = (1 + rf)^(1/P) − 1`),
    makeColumn(
      'rolling_beta',
      'Rolling beta',
      RATIO,
      benchmark === undefined
        ? 'Empty: the run has no benchmark'
        : `Sample cov(r, r_b) / sample var(r_b) over the last ${window} periods against ${benchmark}`,
    ),
  ];
  const rows: CellValue[][] = [];
  for (let day = range.start; day <= range.end; day += 1) {
    const i = day - period.firstDay;
    rows.push([
      result.dates[day] ?? null,
      finiteOrNull(rolling.return[i]),
      finiteOrNull(rolling.volatility[i]),
      finiteOrNull(rolling.sharpe[i]),
      finiteOrNull(rolling.beta[i]),
    ]);
  }
  return { id: 'rolling_metrics', title: 'Rolling metrics', columns, rows };
}
