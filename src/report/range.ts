/** The export date range: which timeline dates (by index) an export covers, and the analytics over it. */
import { isCalendarDate } from '../iso-date';
import { BackfolioError } from '../errors';
import type Decimal from 'decimal.js';
import { computeRiskAnalytics, computeTrailingReturns, computeYearlyReturns } from '../engine/analytics';
import type { BacktestResult, IsoDate, PortfolioResult, RiskAnalytics, TrailingReturns, YearlyReturn } from '../engine/types';
import type { ExportOptions } from './model.types';

/** Inclusive index range into `BacktestResult.dates`. */
export interface DayRange {
  start: number;
  end: number;
  /** True when the range is the whole run (no rows left out). */
  whole: boolean;
}


/**
 * The indexes of the timeline dates inside `range` (inclusive at both ends); the whole run when
 * absent. Throws `EXPORT_FAILED` naming the range when a bound is not `YYYY-MM-DD`, when
 * `from > to`, or when no date of the run falls inside it.
 */
export function resolveDayRange(dates: IsoDate[], range: ExportOptions['dateRange']): DayRange {
  const last = dates.length - 1;
  const from = range?.from === '' ? undefined : range?.from;
  const to = range?.to === '' ? undefined : range?.to;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      throw new BackfolioError('EXPORT_FAILED', `dateRange.${name}: got "${value}", expected a date YYYY-MM-DD`, {
        issues: [{ path: `dateRange.${name}`, value, expected: 'a date YYYY-MM-DD' }],
      });
    }
  }
  const shown = `${from ?? '…'} to ${to ?? '…'}`;
  if (from !== undefined && to !== undefined && from > to) {
    throw new BackfolioError('EXPORT_FAILED', `dateRange: got "${shown}", expected from ≤ to`, {
      issues: [{ path: 'dateRange', value: shown, expected: 'from ≤ to' }],
    });
  }
  // ISO dates compare correctly as strings.
  let start = 0;
  while (start <= last && from !== undefined && (dates[start] ?? '') < from) start += 1;
  let end = last;
  while (end >= 0 && to !== undefined && (dates[end] ?? '') > to) end -= 1;
  if (start > end) {
    const run = `${dates[0] ?? '?'} to ${dates[last] ?? '?'}`;
    throw new BackfolioError(
      'EXPORT_FAILED',
      `dateRange: got "${shown}", expected a range holding at least one date of the run (${run})`,
      { issues: [{ path: 'dateRange', value: shown, expected: `a range overlapping ${run}` }] },
    );
  }
  return { start, end, whole: start === 0 && end === last };
}

/**
 * The strategy's risk analytics and every portfolio's yearly and trailing returns over an export
 * range. Per-date arrays of `risk` start at `result.dates[firstDay]`.
 */
export interface PeriodAnalytics {
  risk: RiskAnalytics;
  /** Index into `result.dates` of `risk`'s first per-date entry (0 for the whole run). */
  firstDay: number;
  /** Per portfolio, strategy first then benchmarks: calendar-year returns over the range. */
  yearly: YearlyReturn[][];
  /** Per portfolio, strategy first then benchmarks: trailing returns at the range's last date. */
  trailing: TrailingReturns[];
}

/**
 * Analytics of the exported range, recomputed over the range's own values exactly as the summary
 * is (`computeRangeMetrics`): the starting value is the close before the range (C when it starts
 * at day 0), and the returns into the range's dates are its market periods. The whole run uses
 * the engine's analytics as they are.
 */
export function computePeriodAnalytics(result: BacktestResult, range: DayRange): PeriodAnalytics {
  const portfolios = [result.strategy, ...result.benchmarks];
  const P = result.config.periods_per_year;
  const capital = result.config.initial_capital;
  const anchor = range.start - 1;
  const numbers = (values: Decimal[], from: number): number[] => values.slice(from, range.end + 1).map((v) => v.toNumber());
  const startValue = (p: PortfolioResult): Decimal => (anchor < 0 ? capital : (p.values[anchor] ?? capital));
  const dates = result.dates.slice(range.start, range.end + 1);
  // Trailing look-backs may land on the close before the range: it is the range's day 0.
  const anchoredFrom = Math.max(anchor, 0);
  const anchoredDates = result.dates.slice(anchoredFrom, range.end + 1);
  const yearly = portfolios.map((p) => computeYearlyReturns(dates, numbers(p.values, range.start), startValue(p).toNumber()));
  const trailing = portfolios.map((p) =>
    computeTrailingReturns(anchoredDates, numbers(p.values, anchoredFrom), startValue(p).toNumber(), P),
  );
  if (range.whole) return { risk: result.analytics, firstDay: 0, yearly, trailing };

  const strategy = result.strategy;
  const priceOf = (symbol: string): Decimal[] => result.assets.find((a) => a.symbol === symbol)?.base_prices ?? [];
  const assetPrices = strategy.assets.map(priceOf);
  const benchmark = result.benchmarks[0];
  const risk = computeRiskAnalytics({
    dates,
    values: strategy.values.slice(range.start, range.end + 1),
    initialCapital: startValue(strategy),
    assets: strategy.assets,
    assetBasePrices: assetPrices.map((prices) => prices.slice(range.start, range.end + 1)),
    finalWeights: strategy.weights.map((series) => series[range.end] ?? 0),
    periodsPerYear: P,
    riskFreeRate: result.config.risk_free_rate,
    rollingWindow: result.config.rolling_window,
    benchmarkValues: benchmark === undefined ? null : benchmark.values.slice(range.start, range.end + 1),
    ...(anchor < 0
      ? {}
      : {
          previousClose: {
            date: result.dates[anchor] ?? '',
            value: startValue(strategy),
            assetBasePrices: assetPrices.map((prices) => prices[anchor] ?? capital),
            benchmarkValue: benchmark === undefined ? null : (benchmark.values[anchor] ?? null),
          },
        }),
  });
  return { risk, firstDay: range.start, yearly, trailing };
}
