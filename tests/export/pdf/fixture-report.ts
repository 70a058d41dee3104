/**
 * A hand-built `Report` for the PDF writer's tests and benchmark (writers know nothing of
 * backtests, so this needs no engine): every backtest section, the six chart specs, Unicode
 * portfolio names, and sizes that can be turned up (days, assets, trades).
 */
import type Decimal from 'decimal.js';
import { Dec } from '../../../src/engine/decimal';
import type {
  CellValue,
  ChartSpec,
  Column,
  ColumnType,
  PdfTemplate,
  Report,
  ReportSection,
  ReportTable,
} from '../../../src/report/model.types';

export interface FixtureOptions {
  template?: PdfTemplate;
  /** Daily rows (timeline length including day 0). */
  days?: number;
  assets?: string[];
  /** Benchmark names (the strategy is always "Zürich risk parity"). */
  benchmarks?: string[];
  trades?: number;
  /** Leave out the CJK benchmark name (so the CJK font is not needed). */
  withoutCjk?: boolean;
}

const PERCENT: ColumnType = { kind: 'percent', decimals: 2 };
const USD: ColumnType = { kind: 'currency', currency: 'USD', decimals: 2 };
const TEXT: ColumnType = { kind: 'text' };
const DATE: ColumnType = { kind: 'date' };
const RATIO: ColumnType = { kind: 'number', decimals: 2 };
const INTEGER: ColumnType = { kind: 'integer' };

export const STRATEGY_NAME = 'Zürich risk parity';
export const DEFAULT_BENCHMARKS = ['Биткоин', 'Ελλάδα 60/40', '比特币 hold'];

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function snake(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'portfolio';
}

function isoDay(start: string, offset: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

function col(key: string, label: string, type: ColumnType): Column {
  return { key, label, type };
}

function money(value: number): Decimal {
  return new Dec(value.toFixed(6));
}

/** Builds the fixture report. */
export function makeFixtureReport(options: FixtureOptions = {}): Report {
  const template = options.template ?? 'detailed';
  const days = options.days ?? 400;
  const assets = options.assets ?? ['BTC', 'ETH', 'SOL'];
  const benchmarkNames = (options.benchmarks ?? DEFAULT_BENCHMARKS).filter((b) => !(options.withoutCjk && /[\u4e00-\u9fff]/.test(b)));
  const tradeCount = options.trades ?? 2000;
  const random = makeRandom(42);
  const start = '2021-01-01';
  const dates = Array.from({ length: days }, (_, i) => isoDay(start, i));
  const portfolios = [
    { name: STRATEGY_NAME, key: snake(STRATEGY_NAME), role: 'strategy' as const },
    ...benchmarkNames.map((name, i) => ({ name, key: snake(name) === 'portfolio' ? `benchmark_${i + 1}` : snake(name), role: 'benchmark' as const })),
  ];

  // Value paths: a random walk per portfolio.
  const paths = portfolios.map(() => {
    let v = 10000;
    return dates.map((_, i) => {
      if (i > 0) v *= 1 + (random() - 0.48) * 0.04;
      return v;
    });
  });
  const strategy = paths[0] ?? [];
  let peak = 0;
  const dailyRows: CellValue[][] = dates.map((date, i) => {
    const v = strategy[i] ?? 0;
    peak = Math.max(peak, v);
    const prev = strategy[i - 1];
    const ret = prev === undefined ? null : v / prev - 1;
    return [
      date,
      money(v),
      ret,
      v / 10000 - 1,
      v / peak - 1,
      i < 30 ? null : 0.3 + random() * 0.4,
      money(50 + random() * 10),
      ...paths.slice(1).map((p) => money(p[i] ?? 0)),
    ];
  });
  const daily: ReportTable = {
    id: 'daily_portfolio_data',
    title: 'Daily portfolio data',
    columns: [
      col('date', 'Date', DATE),
      col('portfolio_value', 'Portfolio value', USD),
      col('daily_return', 'Daily return', PERCENT),
      col('cumulative_return', 'Cumulative return', PERCENT),
      col('drawdown', 'Drawdown', PERCENT),
      col('volatility_rolling', 'Rolling volatility', PERCENT),
      col('cash', 'Cash', USD),
      ...portfolios.slice(1).map((p) => col(`${p.key}_value`, `${p.name} value`, USD)),
    ],
    rows: dailyRows,
  };

  const allocationRows: CellValue[][] = dates.map((date) => {
    const raw = assets.map(() => 0.5 + random());
    const cash = 0.01;
    const sum = raw.reduce((a, b) => a + b, 0);
    return [date, ...raw.map((w) => (w / sum) * (1 - cash)), cash];
  });
  const allocations: ReportTable = {
    id: 'asset_allocations',
    title: 'Asset allocations',
    columns: [col('date', 'Date', DATE), ...assets.map((a) => col(`${a}_weight`, `${a} weight`, PERCENT)), col('cash_weight', 'Cash weight', PERCENT)],
    rows: allocationRows,
  };

  const tradeRows: CellValue[][] = Array.from({ length: tradeCount }, (_, i) => {
    const asset = assets[i % assets.length] ?? 'BTC';
    const price = 100 + random() * 900;
    const quantity = random() * 3;
    const value = price * quantity;
    return [
      dates[Math.min(dates.length - 1, Math.floor((i / tradeCount) * dates.length))] ?? start,
      i < assets.length ? 'initial' : 'rebalance',
      asset,
      i % 2 === 0 ? 'buy' : 'sell',
      new Dec(quantity.toFixed(8)),
      new Dec(price.toFixed(4)),
      money(value * 0.001),
      i < assets.length ? 'initial allocation' : 'monthly calendar rebalance',
      money(value),
      'USD',
    ];
  });
  const trades: ReportTable = {
    id: 'transaction_log',
    title: 'Transaction log',
    columns: [
      col('date', 'Date', DATE),
      col('event_type', 'Event type', TEXT),
      col('asset', 'Asset', TEXT),
      col('action', 'Action', TEXT),
      col('quantity', 'Quantity', { kind: 'quantity', decimals: 8 }),
      col('price', 'Price', { kind: 'price' }),
      col('cost', 'Cost', USD),
      col('reason', 'Reason', TEXT),
      col('trade_value', 'Trade value', USD),
      col('currency', 'Currency', TEXT),
    ],
    rows: tradeRows,
  };

  const rebalanceRows: CellValue[][] = dates
    .filter((_, i) => i % 30 === 0)
    .map((date) => [
      date,
      'calendar',
      money(random() * 5),
      assets.length,
      JSON.stringify(assets.map((a) => ({ asset: a, action: 'buy', quantity: '0.01234567', price: '17200', cost: '2.12' }))),
    ]);
  const rebalances: ReportTable = {
    id: 'rebalancing_events',
    title: 'Rebalancing events',
    columns: [
      col('date', 'Date', DATE),
      col('trigger_reason', 'Trigger reason', TEXT),
      col('transaction_cost', 'Transaction cost', USD),
      col('assets_changed', 'Assets changed', INTEGER),
      col('trade_details', 'Trade details', { kind: 'json' }),
    ],
    rows: rebalanceRows,
  };

  const correlation: ReportTable = {
    id: 'correlation_matrix',
    title: 'Correlation matrix',
    columns: [col('asset', 'Asset', TEXT), ...assets.map((a) => col(a, a, { kind: 'number', decimals: 2 }))],
    rows: assets.map((a, i) => [a, ...assets.map((_, j) => (i === j ? 1 : Math.round((random() * 1.6 - 0.6) * 1e6) / 1e6))]),
  };
  const shares = assets.map(() => random());
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const decomposition: ReportTable = {
    id: 'volatility_decomposition',
    title: 'Volatility decomposition',
    columns: [
      col('asset', 'Asset', TEXT),
      col('weight', 'Weight', PERCENT),
      col('volatility', 'Volatility', PERCENT),
      col('contribution', 'Contribution', PERCENT),
      col('contribution_share', 'Contribution share', PERCENT),
    ],
    rows: assets.map((a, i) => [a, 1 / assets.length, 0.4 + random() * 0.4, ((shares[i] ?? 0) / shareSum) * 0.5, (shares[i] ?? 0) / shareSum]),
  };

  const drawdowns: ReportTable = {
    id: 'drawdown_periods',
    title: 'Drawdown periods',
    columns: [
      col('start', 'Start', DATE),
      col('trough', 'Trough', DATE),
      col('recovery', 'Recovery', DATE),
      col('depth', 'Depth', PERCENT),
      col('length', 'Length (periods)', INTEGER),
      col('length_days', 'Length (days)', INTEGER),
      col('days_to_recover', 'Days to recover', INTEGER),
    ],
    rows: Array.from({ length: 12 }, (_, i) => [dates[i * 10] ?? start, dates[i * 10 + 4] ?? start, i === 0 ? null : (dates[i * 10 + 8] ?? null), -0.3 + i * 0.02, 8 + i, 8 + i, i === 0 ? null : 4]),
  };

  const yearList = Array.from(new Set(dates.map((d) => d.slice(0, 4))));
  const yearly: ReportTable = {
    id: 'yearly_returns',
    title: 'Yearly returns',
    columns: [col('year', 'Year', INTEGER), ...portfolios.map((p) => col(p.key, p.name, PERCENT))],
    rows: yearList.map((y) => [Number(y), ...portfolios.map(() => random() * 0.8 - 0.3)]),
  };
  const periods = ['mtd', '3m', '6m', 'ytd', '1y', '3y', '5y', '10y', 'inception'];
  const trailing: ReportTable = {
    id: 'trailing_returns',
    title: 'Trailing returns',
    columns: [col('period', 'Period', TEXT), ...portfolios.map((p) => col(p.key, p.name, PERCENT))],
    rows: periods.map((period, i) => [period, ...portfolios.map(() => (i >= 5 && i <= 7 ? null : random() * 0.6 - 0.2))]),
    rowLabels: ['MTD', '3 months', '6 months', 'YTD', '1 year', '3 years (ann.)', '5 years (ann.)', '10 years (ann.)', 'Since inception (ann.)'],
  };

  const rolling: ReportTable = {
    id: 'rolling_metrics',
    title: 'Rolling metrics',
    columns: [
      col('date', 'Date', DATE),
      col('rolling_return', 'Rolling return', PERCENT),
      col('rolling_volatility', 'Rolling volatility', PERCENT),
      col('rolling_sharpe', 'Rolling Sharpe', RATIO),
      col('rolling_beta', 'Rolling beta', RATIO),
    ],
    rows: dates.map((date, i) => (i < 30 ? [date, null, null, null, null] : [date, random() * 0.4 - 0.1, 0.3 + random() * 0.5, random() * 3 - 1, 0.5 + random()])),
  };

  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const years = Array.from(new Set(dates.map((d) => d.slice(0, 4))));
  const monthly: ReportTable = {
    id: 'monthly_returns',
    title: 'Monthly returns',
    columns: [col('year', 'Year', INTEGER), ...months.map((m) => col(m, m[0]?.toUpperCase() + m.slice(1), PERCENT)), col('year_total', 'Year total', PERCENT)],
    rows: years.map((y) => [Number(y), ...months.map(() => random() * 0.2 - 0.1), random() * 0.6 - 0.2]),
  };

  const metricRows: { key: string; label: string; type: ColumnType; value: () => CellValue }[] = [
    { key: 'total_return', label: 'Total return', type: PERCENT, value: () => random() - 0.2 },
    { key: 'annualized_return', label: 'Annualized return', type: PERCENT, value: () => random() * 0.5 - 0.1 },
    { key: 'volatility', label: 'Volatility', type: PERCENT, value: () => 0.3 + random() * 0.4 },
    { key: 'sharpe_ratio', label: 'Sharpe ratio', type: RATIO, value: () => random() * 2 },
    { key: 'max_drawdown', label: 'Max drawdown', type: PERCENT, value: () => -random() * 0.6 },
    { key: 'final_value', label: 'Final value', type: USD, value: () => money(10000 + random() * 9000) },
    { key: 'number_of_trades', label: 'Number of trades', type: INTEGER, value: () => Math.floor(random() * 3000) },
    { key: 'sortino_ratio', label: 'Sortino ratio', type: RATIO, value: () => random() * 3 },
  ];
  const metricValues = metricRows.map((m) => portfolios.map(() => m.value()));
  const summaryTable: ReportTable = {
    id: 'performance_summary',
    title: 'Performance summary',
    columns: [
      col('metric', 'Metric', TEXT),
      ...portfolios.map((p) => ({ key: p.key, label: p.name, type: PERCENT, typeByRow: metricRows.map((m) => m.type) })),
    ],
    rows: metricRows.map((m, r) => [m.key, ...(metricValues[r] ?? [])]),
    rowLabels: metricRows.map((m) => m.label),
  };

  const chart = (spec: ChartSpec): ChartSpec => spec;
  const sections: ReportSection[] = [
    {
      id: 'summary',
      title: 'Summary',
      tables: [summaryTable],
      charts: [],
      paragraphs: [`${STRATEGY_NAME} against ${benchmarkNames.join(', ')}.`],
    },
    {
      id: 'daily',
      title: 'Performance',
      tables: [daily],
      charts: [
        chart({
          id: 'equity',
          title: 'Equity curve',
          kind: 'line',
          tableId: 'daily_portfolio_data',
          x: 'date',
          series: [{ column: 'portfolio_value', name: STRATEGY_NAME }, ...portfolios.slice(1).map((p) => ({ column: `${p.key}_value`, name: p.name }))],
          xLabel: 'Date',
          yLabel: 'Value (USD)',
          yFormat: 'currency',
        }),
        chart({ id: 'drawdown', title: 'Drawdown', kind: 'area', tableId: 'daily_portfolio_data', x: 'date', series: [{ column: 'drawdown', name: STRATEGY_NAME }], xLabel: 'Date', yLabel: 'Drawdown', yFormat: 'percent' }),
      ],
    },
    {
      id: 'allocations',
      title: 'Allocations',
      tables: [allocations],
      charts: [
        chart({
          id: 'allocation',
          title: 'Allocation over time',
          kind: 'stacked_area',
          tableId: 'asset_allocations',
          x: 'date',
          series: [...assets.map((a) => ({ column: `${a}_weight`, name: a })), { column: 'cash_weight', name: 'Cash' }],
          xLabel: 'Date',
          yLabel: 'Weight',
          yFormat: 'percent',
        }),
      ],
    },
    { id: 'trades', title: 'Trades', tables: [trades], charts: [] },
    { id: 'rebalances', title: 'Rebalances', tables: [rebalances], charts: [] },
    {
      id: 'risk',
      title: 'Risk',
      tables: [correlation, decomposition],
      charts: [
        chart({ id: 'correlation', title: 'Correlation of daily returns', kind: 'heatmap', tableId: 'correlation_matrix', x: 'asset', series: assets.map((a) => ({ column: a, name: a })), xLabel: '', yLabel: '', yFormat: 'number' }),
        chart({ id: 'risk_contributions', title: 'Risk contributions', kind: 'bar', tableId: 'volatility_decomposition', x: 'asset', series: [{ column: 'contribution', name: 'Contribution to volatility' }], xLabel: 'Asset', yLabel: 'Contribution', yFormat: 'percent' }),
      ],
    },
    { id: 'drawdowns', title: 'Drawdowns', tables: [drawdowns], charts: [] },
    {
      id: 'rolling',
      title: 'Rolling',
      tables: [rolling],
      charts: [
        chart({ id: 'rolling_volatility', title: 'Rolling volatility (30 periods)', kind: 'line', tableId: 'rolling_metrics', x: 'date', series: [{ column: 'rolling_volatility', name: STRATEGY_NAME }], xLabel: 'Date', yLabel: 'Annualized volatility', yFormat: 'percent' }),
      ],
    },
    { id: 'monthly', title: 'Monthly Returns', tables: [monthly], charts: [] },
    {
      id: 'yearly',
      title: 'Yearly Returns',
      tables: [yearly],
      charts: [
        chart({ id: 'yearly_returns', title: 'Yearly returns', kind: 'bar', tableId: 'yearly_returns', x: 'year', series: portfolios.map((p) => ({ column: p.key, name: p.name })), xLabel: 'Year', yLabel: 'Return', yFormat: 'percent' }),
      ],
    },
    { id: 'trailing', title: 'Trailing Returns', tables: [trailing], charts: [] },
  ];

  const keyFigures = metricRows.slice(0, 5).map((m, r) => ({ key: m.key, label: m.label, type: m.type, values: metricValues[r] ?? [] }));
  const config = {
    name: STRATEGY_NAME,
    start_date: dates[0],
    end_date: dates[dates.length - 1],
    initial_capital: '10000',
    base_currency: 'USD',
    rebalancing_frequency: 'monthly',
    strategy: { type: 'risk_parity', assets, lookback: 60 },
    benchmarks: benchmarkNames.map((name) => ({ name, type: 'equal_weight', assets })),
  };
  return {
    meta: {
      title: `${STRATEGY_NAME} backtest`,
      subtitle: 'Multi-asset portfolio report',
      generatedAt: '2025-09-06T08:38:40Z',
      app: { name: 'Backfolio', version: '0.1.0' },
      engineVersion: '0.1.0',
      portfolios,
      run: {
        config,
        strategyLabel: `Risk parity (${assets.join(', ')})`,
        baseCurrency: 'USD',
        periodsPerYear: 365,
        periodsPerYearSource: 'configured',
        dataRange: { first: dates[0] ?? start, last: dates[dates.length - 1] ?? start, day0: dates[0] ?? start },
        exportedRange: { from: dates[0] ?? start, to: dates[dates.length - 1] ?? start },
        summaryScope: 'run',
      },
      inputs: {
        prices: { name: 'prices.csv', bytes: 123456, sha256: 'a'.repeat(64) },
        fx: { name: 'fx.csv', bytes: 2048, sha256: 'b'.repeat(64) },
      },
      options: { formats: ['pdf'], template, bom: true, author: 'Test author' },
      keyFigures,
      glossary: metricRows.map((m) => ({ key: m.key, label: m.label, formula: `${m.key} = f(r₁ … rₙ)` })),
      warnings: ['Day 0 is 2021-01-01, later than start_date.'],
    },
    sections,
  };
}
