/**
 * The plain view of a backtest result that the page draws: chart specs with their data (the
 * report's chart model, as the PDF draws it), display strings for cards and tables. No Decimal
 * crosses the worker boundary.
 */
import type { ChartData } from '../report/chart-data';
import type { ChartSpec } from '../report/model.types';

/** One chart as the page draws it through `renderChart(element, spec, data)`. */
export interface ChartView {
  spec: ChartSpec;
  /** Thinned to at most ~`MAX_CHART_POINTS` dates (extremes kept), colours resolved. */
  data: ChartData;
}

/** One headline figure card. */
export interface FigureCard {
  key: string;
  label: string;
  /** Display text, e.g. `12,345.67 USD` or `-23.41%`. */
  value: string;
  tone: 'good' | 'bad' | 'neutral';
}

/** One page of the trade log, display strings. */
export interface TradePage {
  offset: number;
  total: number;
  rows: string[][];
}

/** Everything the page draws for a result. */
export interface ResultView {
  name: string;
  baseCurrency: string;
  periodsPerYear: number;
  periodsPerYearSource: 'configured' | 'inferred';
  rollingWindow: number;
  /** Dates in the run (day 0 to N). */
  dateCount: number;
  firstDate: string;
  lastDate: string;
  cards: FigureCard[];
  /**
   * Every chart of the report in report order (equity, drawdown, underwater, return
   * distribution, allocation, correlation, risk contributions, rolling volatility, Sharpe and
   * beta, monthly heatmap, yearly returns), built by the same spec builders as the exports.
   */
  charts: ChartView[];
  /** Metrics comparison: one column per portfolio, display strings. */
  metrics: { portfolios: string[]; rows: { key: string; label: string; formula: string; values: string[] }[] };
  /** The strategy's trade log: column titles and the count; pages come from the worker (`trades`). */
  trades: { columns: string[]; total: number };
  warnings: string[];
}
