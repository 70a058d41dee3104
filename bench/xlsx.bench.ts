/**
 * Workbook writer speed: a 40-asset, 10-year report (≈2,600 daily rows, 40 weight columns,
 * thousands of trades, a benchmark) written by `writeWorkbook` (typed cells, Overview formulas,
 * native charts with their caches, page setup, styling patch)
 * against the same tables written by bare SheetJS (`aoa_to_sheet`, no formats, no patch).
 * Targets: ≤ 3 s, ≤ 1.3× bare SheetJS.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as XLSX from 'xlsx';
import { Dec } from '../src/engine/decimal';
import { writeWorkbook } from '../src/export/xlsx/workbook';
import type { CellValue, Column, ColumnType, Report, ReportSection, ReportTable } from '../src/report/model.types';

const ASSETS = 40;
const DAYS = 2600;
const PCT: ColumnType = { kind: 'percent', decimals: 2 };
const USD: ColumnType = { kind: 'currency', currency: 'USD', decimals: 2 };
const DATE: ColumnType = { kind: 'date' };
const TEXT: ColumnType = { kind: 'text' };

function col(key: string, type: ColumnType): Column {
  return { key, label: key, type };
}

function table(id: string, columns: Column[], rows: CellValue[][]): ReportTable {
  return { id, title: id, columns, rows };
}

function section(id: string, title: string, tables: ReportTable[]): ReportSection {
  return { id, title, tables, charts: [] };
}

/** A deterministic pseudo-random stream (so runs compare like with like). */
function createRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

/** The synthetic big report. */
export function createBigReport(): Report {
  const random = createRandom(42);
  const symbols = Array.from({ length: ASSETS }, (_, i) => `A${String(i).padStart(2, '0')}`);
  const dates = Array.from({ length: DAYS }, (_, i) => new Date(Date.UTC(2015, 0, 1) + i * 86_400_000 * 1.4).toISOString().slice(0, 10));
  let value = new Dec('1000000');
  let peak = value;
  const daily: CellValue[][] = dates.map((d, i) => {
    const r = (random() - 0.49) * 0.02;
    value = value.times(1 + r);
    if (value.gt(peak)) peak = value;
    return [d, value, r, value.div(1_000_000).minus(1).toNumber(), value.div(peak).minus(1).toNumber(), i < 30 ? null : 0.15 + r, new Dec(random() * 100).toDecimalPlaces(6), value.times(0.98)];
  });
  const allocations: CellValue[][] = dates.map((d) => [d, ...symbols.map(() => random() / ASSETS), 0.001]);
  const trades: CellValue[][] = [];
  const rebalances: CellValue[][] = [];
  for (let m = 0; m < 120; m += 1) {
    const d = dates[Math.floor((m * DAYS) / 120)] as string;
    const details: { asset: string; action: string; quantity: string }[] = [];
    for (const symbol of symbols) {
      const q = new Dec(random() * 100).toDecimalPlaces(8);
      const p = new Dec(random() * 50_000).toDecimalPlaces(4);
      trades.push([d, 'rebalance', symbol, random() < 0.5 ? 'buy' : 'sell', q, p, q.times(p).times('0.001').toDecimalPlaces(2), 'calendar', q.times(p), 'USD']);
      details.push({ asset: symbol, action: 'buy', quantity: q.toFixed(8) });
    }
    rebalances.push([d, 'calendar', new Dec(random() * 500).toDecimalPlaces(2), ASSETS, JSON.stringify(details)]);
  }
  const correlation = symbols.map((s, i) => [s, ...symbols.map((_, j) => (i === j ? 1 : random() * 2 - 1))]);
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const rows: CellValue[][] = [['total_return', 0.5], ['final_value', value], ['num_trades', trades.length]];
  const summaryTypes: ColumnType[] = [PCT, USD, { kind: 'integer' }];
  return {
    meta: {
      title: 'Big backtest',
      generatedAt: '2025-09-06T08:38:40Z',
      app: { name: 'Backfolio', version: 'bench' },
      portfolios: [{ name: 'Big', key: 'big', role: 'strategy' }, { name: 'Bench', key: 'bench', role: 'benchmark' }],
      run: {
        config: { initial_capital: '1000000' },
        strategyLabel: 'Equal weight',
        baseCurrency: 'USD',
        periodsPerYear: 252,
        periodsPerYearSource: 'configured',
        dataRange: { first: dates[0] as string, last: dates[DAYS - 1] as string, day0: dates[0] as string },
        exportedRange: { from: dates[0] as string, to: dates[DAYS - 1] as string },
        summaryScope: 'run',
      },
      options: { formats: ['xlsx'], template: 'detailed', bom: true },
      keyFigures: [],
      glossary: [],
      warnings: [],
    },
    sections: [
      section('summary', 'Performance', [table('performance_summary', [col('metric', TEXT), { ...col('big', PCT), typeByRow: summaryTypes }], rows)]),
      section('daily', 'Daily', [table('daily_portfolio_data', [col('date', DATE), col('portfolio_value', USD), col('daily_return', PCT), col('cumulative_return', PCT), col('drawdown', PCT), col('volatility_rolling', PCT), col('cash', USD), col('bench_value', USD)], daily)]),
      section('allocations', 'Allocations', [table('asset_allocations', [col('date', DATE), ...symbols.map((s) => col(`${s}_weight`, PCT)), col('cash_weight', PCT)], allocations)]),
      section('trades', 'Trades', [table('transaction_log', [col('date', DATE), col('event_type', TEXT), col('asset', TEXT), col('action', TEXT), col('quantity', { kind: 'quantity', decimals: 8 }), col('price', { kind: 'price' }), col('cost', USD), col('reason', TEXT), col('trade_value', USD), col('currency', TEXT)], trades)]),
      section('rebalances', 'Rebalances', [table('rebalancing_events', [col('date', DATE), col('trigger_reason', TEXT), col('transaction_cost', USD), col('assets_changed', { kind: 'integer' }), col('trade_details', { kind: 'json' })], rebalances)]),
      section('risk', 'Risk', [
        table('correlation_matrix', [col('asset', TEXT), ...symbols.map((s) => col(s, { kind: 'number', decimals: 2 }))], correlation),
        table('volatility_decomposition', [col('asset', TEXT), col('weight', PCT), col('volatility', PCT), col('contribution', PCT), col('contribution_share', PCT)], symbols.map((s) => [s, 1 / ASSETS, random(), random() / 10, 1 / ASSETS])),
      ]),
      section('drawdowns', 'Drawdowns', [table('drawdown_periods', [col('start', DATE), col('trough', DATE), col('recovery', DATE), col('depth', PCT), col('length', { kind: 'integer' })], Array.from({ length: 60 }, (_, i) => [dates[i * 40] as string, dates[i * 40 + 5] as string, dates[i * 40 + 9] as string, -random() / 5, 9]))]),
      section('rolling', 'Rolling', [table('rolling_metrics', [col('date', DATE), col('rolling_return', PCT), col('rolling_volatility', PCT), col('rolling_sharpe', { kind: 'number', decimals: 2 })], dates.map((d, i) => [d, i < 30 ? null : random() - 0.5, i < 30 ? null : random(), i < 30 ? null : random() * 3 - 1]))]),
      section('monthly', 'Monthly Returns', [table('monthly_returns', [col('year', { kind: 'integer' }), ...months.map((m) => col(m, PCT)), col('year_total', PCT)], Array.from({ length: 11 }, (_, y) => [2015 + y, ...months.map(() => random() / 5 - 0.1), random() - 0.3]))]),
      section('yearly', 'Yearly Returns', [table('yearly_returns', [col('year', { kind: 'integer' }), col('big', PCT), col('bench', PCT)], Array.from({ length: 11 }, (_, y) => [2015 + y, random() - 0.3, random() - 0.3]))]),
      section('trailing', 'Trailing Returns', [table('trailing_returns', [col('period', TEXT), col('big', PCT), col('bench', PCT)], ['mtd', '3m', '6m', 'ytd', '1y', '3y', '5y', '10y', 'inception'].map((p) => [p, random() - 0.3, random() - 0.3]))]),
    ],
  };
}

/**
 * The same tables as plain arrays through SheetJS alone: no formats, Overview, Metadata or patch.
 * `type: 'array'` is the usual browser call; `buffer` skips SheetJS's binary-string detour (and
 * in Node its deflate is native zlib), so it is the strictest baseline.
 */
function writeBare(report: Report, type: 'array' | 'buffer' = 'array'): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of report.sections) {
    const aoa: unknown[][] = [];
    for (const t of s.tables) {
      aoa.push(t.columns.map((c) => c.key));
      for (const row of t.rows) aoa.push(row.map((v) => (v !== null && typeof v === 'object' ? v.toNumber() : v)));
      aoa.push([]);
    }
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), s.title);
  }
  const out = XLSX.write(wb, { type, bookType: 'xlsx', compression: true }) as ArrayBuffer | Uint8Array;
  return out instanceof Uint8Array ? out : new Uint8Array(out);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Prints the writer's time, bare SheetJS's time and their ratio for the big report. */
export async function bench(): Promise<void> {
  const report = createBigReport();
  const cells = report.sections.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.rows.length * t.columns.length, 0), 0);
  // Warm up both paths (module loading, JIT) before timing.
  const first = await writeWorkbook(report);
  const bare = writeBare(report);
  // Alternate the runs so a busy machine slows all alike; ratios are taken run by run.
  const ours: number[] = [];
  const plain: number[] = [];
  const strict: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    let start = performance.now();
    await writeWorkbook(report);
    ours.push(performance.now() - start);
    start = performance.now();
    writeBare(report, 'array');
    plain.push(performance.now() - start);
    start = performance.now();
    writeBare(report, 'buffer');
    strict.push(performance.now() - start);
  }
  const ratio = (a: number[], b: number[]): string => median(a.map((x, i) => x / (b[i] ?? x))).toFixed(2);
  const best = (a: number[]): number => Math.min(...a);
  console.log(`xlsx: big report ${ASSETS} assets, ${DAYS} days, ${first.rows} data rows, ${cells} cells`);
  console.log(`xlsx: writeWorkbook median ${median(ours).toFixed(0)} ms, best ${best(ours).toFixed(0)} ms (target ≤ 3000), ${(first.bytes.length / 1024).toFixed(0)} KiB`);
  console.log(`xlsx: bare SheetJS (type array) median ${median(plain).toFixed(0)} ms, best ${best(plain).toFixed(0)} ms, ${(bare.length / 1024).toFixed(0)} KiB`);
  console.log(`xlsx: bare SheetJS (type buffer) median ${median(strict).toFixed(0)} ms, best ${best(strict).toFixed(0)} ms`);
  console.log(`xlsx: ratio vs bare (array) median ${ratio(ours, plain)}×, best-to-best ${(best(ours) / best(plain)).toFixed(2)}× (target ≤ 1.3×)`);
  console.log(`xlsx: ratio vs bare (buffer) median ${ratio(ours, strict)}×, best-to-best ${(best(ours) / best(strict)).toFixed(2)}×`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bench();
