/**
 * The plain view of a backtest result that the page draws: numbers for charts, display strings
 * for cards and tables. No Decimal crosses the worker boundary.
 */

/** One headline figure card. */
export interface FigureCard {
  key: string;
  label: string;
  /** Display text, e.g. `12,345.67 USD` or `-23.41%`. */
  value: string;
  tone: 'good' | 'bad' | 'neutral';
}

/** A portfolio's series for the charts (strategy first). */
export interface PortfolioSeries {
  name: string;
  key: string;
  role: 'strategy' | 'benchmark';
  values: number[];
  /** `V_t / max(C, max V_s≤t) − 1`, per date. */
  drawdown: number[];
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
  /**
   * Dates of the chart series: every date, or an even sample of at most `MAX_CHART_POINTS`
   * (first, last and each portfolio's deepest drawdown kept) so drawing stays fast on long runs.
   */
  dates: string[];
  cards: FigureCard[];
  portfolios: PortfolioSeries[];
  allocation: { assets: string[]; weights: number[][]; cash: number[] };
  rolling: { return: (number | null)[]; volatility: (number | null)[]; sharpe: (number | null)[] };
  correlation: { assets: string[]; matrix: (number | null)[][] };
  risk: { asset: string; weight: number; volatility: number; contribution: number; share: number | null }[];
  portfolioVolatility: number;
  /** Metrics comparison: one column per portfolio, display strings. */
  metrics: { portfolios: string[]; rows: { key: string; label: string; formula: string; values: string[] }[] };
  /** The strategy's trade log: column titles and the count; pages come from the worker (`trades`). */
  trades: { columns: string[]; total: number };
  warnings: string[];
}
