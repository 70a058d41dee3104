/**
 * The chapters of the detailed and compliance templates, analysis first: Performance,
 * Drawdowns, Risk, Allocation, Trading, Monthly returns, Return distribution, then the daily
 * values at month end. Each opens with one or two plain sentences, then its charts, each with
 * its summary table. Long series print as month-end rows and event logs as summaries, and the
 * page says so (how, how many rows, where the rest is); the compliance template adds appendices
 * that print every row. A host's report (no backtest) gets one chapter per section, every table
 * in full unless the host set a print limit.
 */
import type { ReportSection, ReportTable } from '../../report/model.types';
import { chartsById, drawChartBlock } from './chart-slot';
import { startChapter, writeLead } from './chapters';
import { addPage, contentBottom, MARGIN, type PdfContext } from './context';
import { columnIndex, convertTable, rowIndex } from './convert';
import { allocationAndRisk, monthEndNote, monthEndRows, readableRebalances, rebalancesByYear, worstDrawdowns } from './derive';
import { formatCount, plural } from './labels';
import {
  allocationSentences,
  distributionSentences,
  drawdownSentences,
  monthlySentences,
  performanceSentences,
  riskSentences,
  tradingSentences,
  type TableLookup,
} from './prose';
import { SPACE, TYPE } from './style';
import { printTable, type TableOptions } from './tables';
import { writeParagraph } from './text';

/** One chapter: its title, the report tables it prints from, and how it is drawn. */
export interface Chapter {
  title: string;
  render: (ctx: PdfContext) => Promise<void>;
}

/** Where every row of a table is, for the notes of shortened tables. */
const FULL_DATA = 'Every row is in the CSV package and the workbook.';
const FULL_DATA_COMPLIANCE = 'Every row is in the appendix of this report, the CSV package and the workbook.';

/** Worst drawdowns listed in the detailed template. */
const WORST_DRAWDOWNS = 10;
/** Most rebalances listed in the detailed template (the latest). */
const DETAILED_REBALANCES = 120;

/** Chart heights (points) on a portrait page. */
const CHART = { large: 250, medium: 190, small: 160 } as const;

/** Summary rows describing the distribution of returns (shown in the Return distribution chapter). */
const DISTRIBUTION_METRICS = [
  'skewness',
  'kurtosis',
  'best_period',
  'worst_period',
  'win_rate',
  'var_95',
  'cvar_95',
  'avg_win',
  'avg_loss',
  'best_month',
  'worst_month',
  'best_year',
  'worst_year',
  'tail_ratio',
  'max_consecutive_wins',
  'max_consecutive_losses',
];

function lookup(ctx: PdfContext): TableLookup {
  return (id: string) => ctx.tablesById.get(id);
}

function where(ctx: PdfContext): string {
  return ctx.template === 'compliance' ? FULL_DATA_COMPLIANCE : FULL_DATA;
}

/** The chapters of a backtest report, each present only when its tables are in the export. */
export function backtestChapters(ctx: PdfContext): Chapter[] {
  const has = (...ids: string[]): boolean => ids.some((id) => ctx.tablesById.has(id));
  const chapters: Chapter[] = [];
  if (has('performance_summary', 'daily_portfolio_data', 'yearly_returns', 'trailing_returns')) chapters.push({ title: 'Performance', render: renderPerformance });
  if (has('drawdown_periods') || chartsById(ctx).has('underwater') || chartsById(ctx).has('drawdown')) chapters.push({ title: 'Drawdowns', render: renderDrawdowns });
  if (has('correlation_matrix', 'volatility_decomposition', 'rolling_metrics')) chapters.push({ title: 'Risk', render: renderRisk });
  if (has('asset_allocations')) chapters.push({ title: 'Allocation', render: renderAllocation });
  if (has('rebalancing_events', 'transaction_log')) chapters.push({ title: 'Trading', render: renderTrading });
  if (has('monthly_returns')) chapters.push({ title: 'Monthly returns', render: renderMonthly });
  if (chartsById(ctx).has('return_distribution') || has('performance_summary')) chapters.push({ title: 'Return distribution', render: renderDistribution });
  if (has('daily_portfolio_data')) chapters.push({ title: 'Portfolio values at month end', render: renderMonthEnd });
  const used = new Set(USED_TABLES);
  const others = ctx.report.sections.flatMap((s) => s.tables).filter((t) => !used.has(t.id));
  if (others.length > 0) chapters.push({ title: 'Other tables', render: (c) => renderTablesInFull(c, others) });
  return chapters;
}

/** Tables the backtest chapters print from (others go to "Other tables", so nothing is silently dropped). */
const USED_TABLES = [
  'performance_summary',
  'daily_portfolio_data',
  'yearly_returns',
  'trailing_returns',
  'drawdown_periods',
  'correlation_matrix',
  'volatility_decomposition',
  'rolling_metrics',
  'asset_allocations',
  'rebalancing_events',
  'transaction_log',
  'monthly_returns',
];

/** The appendices of the compliance template: every row of the tables the chapters summarised, compact and landscape. */
export function complianceAppendices(ctx: PdfContext): Chapter[] {
  const appendix: [string, string][] = [
    ['daily_portfolio_data', 'Appendix: daily portfolio data'],
    ['asset_allocations', 'Appendix: asset allocations'],
    ['rolling_metrics', 'Appendix: rolling metrics'],
    ['transaction_log', 'Appendix: transaction log'],
    ['rebalancing_events', 'Appendix: rebalancing events'],
    ['drawdown_periods', 'Appendix: drawdown periods'],
    ['correlation_matrix', 'Appendix: correlation matrix'],
  ];
  return appendix
    .filter(([id]) => ctx.tablesById.has(id))
    .map(([id, title]) => ({ title, render: (c: PdfContext) => renderAppendix(c, id, title) }));
}

const compact: TableOptions = { fontSize: TYPE.compact, flow: true, fill: false };

/** Rows converted between two checkpoints in the appendices. */
const CONVERT_SLICE = 400;

async function renderAppendix(ctx: PdfContext, id: string, title: string): Promise<void> {
  const table = ctx.tablesById.get(id);
  if (!table) return;
  startChapter(ctx, title, 'landscape');
  writeParagraph(ctx, `All ${plural(table.rows.length, 'row')}, as in ${id}.csv.`, { size: TYPE.caption });
  if (id === 'rebalancing_events') {
    await printTable(ctx, { ...readableRebalances(ctx.report.meta, table, true), title: null }, { ...compact, flow: false, fill: true, countRows: table.rows.length });
    return;
  }
  const signColored = id !== 'drawdown_periods';
  // Converted in slices with a checkpoint between them: 2,000 trades are 20,000 cells.
  const all = table.rows.map((_, i) => i);
  const printed = convertTable(ctx.report.meta, table, { title: null, signColored, rowIndices: all.slice(0, CONVERT_SLICE) });
  for (let start = CONVERT_SLICE; start < all.length; start += CONVERT_SLICE) {
    await ctx.checkpoint();
    printed.rows.push(...convertTable(ctx.report.meta, table, { title: null, signColored, rowIndices: all.slice(start, start + CONVERT_SLICE) }).rows);
  }
  await printTable(ctx, printed, { ...compact, fill: id === 'transaction_log' });
}

/** Keeps a chart and the table after it together: a new page when less than `height` + some rows fit. */
function keepChartWithTable(ctx: PdfContext, height: number): void {
  if (ctx.y + height + 60 > contentBottom(ctx) && ctx.y > MARGIN.top + 1) addPage(ctx);
}

async function renderPerformance(ctx: PdfContext): Promise<void> {
  const { meta } = ctx.report;
  startChapter(ctx, 'Performance');
  writeLead(ctx, performanceSentences(ctx.report, lookup(ctx)));
  const charts = chartsById(ctx);
  const equity = charts.get('equity');
  if (equity) await drawChartBlock(ctx, equity, CHART.large);
  const summary = ctx.tablesById.get('performance_summary');
  if (summary) {
    await printTable(ctx, convertTable(meta, summary, { title: 'Key metrics, strategy and benchmarks' }), {});
    await ctx.checkpoint();
  }
  const trailing = ctx.tablesById.get('trailing_returns');
  if (trailing) await printTable(ctx, convertTable(meta, trailing, { title: 'Trailing returns', signColored: true }), {});
  const yearlyChart = charts.get('yearly_returns');
  const yearly = ctx.tablesById.get('yearly_returns');
  if (yearlyChart) {
    keepChartWithTable(ctx, CHART.medium);
    await drawChartBlock(ctx, yearlyChart, CHART.medium);
  }
  if (yearly) await printTable(ctx, convertTable(meta, yearly, { title: 'Yearly returns', signColored: true }), {});
}

async function renderDrawdowns(ctx: PdfContext): Promise<void> {
  const { meta } = ctx.report;
  startChapter(ctx, 'Drawdowns');
  writeLead(ctx, drawdownSentences(ctx.report, lookup(ctx)));
  const charts = chartsById(ctx);
  const underwater = charts.get('underwater') ?? charts.get('drawdown');
  if (underwater) await drawChartBlock(ctx, underwater, CHART.medium);
  const periods = ctx.tablesById.get('drawdown_periods');
  if (!periods) return;
  const shown = Math.min(WORST_DRAWDOWNS, periods.rows.length);
  const printed = worstDrawdowns(meta, periods, WORST_DRAWDOWNS, `The ${shown} worst drawdowns`);
  if (periods.rows.length > shown) {
    printed.note = `The ${shown} deepest of ${plural(periods.rows.length, 'drawdown period')}, deepest first; ${formatCount(periods.rows.length - shown)} shallower ones left out. ${where(ctx)}`;
    ctx.notes.push(`Drawdowns: the ${shown} deepest of ${formatCount(periods.rows.length)} periods printed.`);
  }
  await printTable(ctx, printed, { countRows: shown });
}

async function renderRisk(ctx: PdfContext): Promise<void> {
  const { meta } = ctx.report;
  startChapter(ctx, 'Risk');
  writeLead(ctx, riskSentences(ctx.report, lookup(ctx)));
  const charts = chartsById(ctx);
  const correlation = ctx.tablesById.get('correlation_matrix');
  const heatmap = charts.get('correlation');
  if (heatmap) {
    const rows = correlation?.rows.length ?? 5;
    await drawChartBlock(ctx, heatmap, Math.min(contentBottom(ctx) - MARGIN.top - 40, Math.max(CHART.medium, 16 * rows + 90)));
  }
  // Small cells hide the values: print the matrix as a table too when there are many assets.
  if (correlation && (!heatmap || correlation.rows.length > 15)) await printTable(ctx, convertTable(meta, correlation, { signColored: true }), {});
  const decomposition = ctx.tablesById.get('volatility_decomposition');
  const contributions = charts.get('risk_contributions');
  if (contributions) {
    keepChartWithTable(ctx, CHART.small);
    await drawChartBlock(ctx, contributions, CHART.small);
  }
  if (decomposition) await printTable(ctx, convertTable(meta, decomposition, { title: 'Volatility decomposition' }), {});
  await ctx.checkpoint();
  for (const id of ['rolling_volatility', 'rolling_sharpe', 'rolling_beta']) {
    const spec = charts.get(id);
    if (spec) await drawChartBlock(ctx, spec, CHART.small);
  }
  const rolling = ctx.tablesById.get('rolling_metrics');
  if (rolling) await printMonthEnd(ctx, rolling, 'Rolling metrics at month end');
}

async function renderAllocation(ctx: PdfContext): Promise<void> {
  const { meta } = ctx.report;
  startChapter(ctx, 'Allocation');
  writeLead(ctx, allocationSentences(ctx.report, lookup(ctx)));
  const spec = chartsById(ctx).get('allocation');
  if (spec) await drawChartBlock(ctx, spec, CHART.large);
  const allocations = ctx.tablesById.get('asset_allocations');
  const last = allocations?.rows[allocations.rows.length - 1];
  const current = allocationAndRisk(meta, ctx.tablesById.get('volatility_decomposition'), allocations, `Final allocation${last ? ` (${String(last[0] ?? '')})` : ''}`);
  if (current) await printTable(ctx, current, { countRows: 0, fill: false });
  if (allocations) await printMonthEnd(ctx, allocations, 'Weights at month end');
}

async function renderTrading(ctx: PdfContext): Promise<void> {
  const { meta } = ctx.report;
  startChapter(ctx, 'Trading');
  writeLead(ctx, tradingSentences(ctx.report, lookup(ctx)));
  const rebalances = ctx.tablesById.get('rebalancing_events');
  const trades = ctx.tablesById.get('transaction_log');
  if (rebalances) {
    const byYear = rebalancesByYear(meta, rebalances, trades);
    if (byYear) await printTable(ctx, byYear, { countRows: 0 });
    const total = rebalances.rows.length;
    const first = ctx.template === 'compliance' || total <= DETAILED_REBALANCES ? 0 : total - DETAILED_REBALANCES;
    const indices = rebalances.rows.map((_, i) => i).slice(first);
    const printed = readableRebalances(meta, rebalances, false, indices);
    printed.title = 'Rebalances: date, reason, assets traded, cost';
    if (first > 0) {
      printed.note = `The latest ${formatCount(indices.length)} of ${plural(total, 'rebalance')}; ${formatCount(first)} earlier ones left out (they are counted in the table above). ${where(ctx)}`;
      ctx.notes.push(`Trading: the latest ${formatCount(indices.length)} of ${formatCount(total)} rebalances printed.`);
    }
    await printTable(ctx, printed, { countRows: indices.length });
  }
  if (trades) {
    const text =
      ctx.template === 'compliance'
        ? `Every one of the ${plural(trades.rows.length, 'trade')} is listed in the appendix “transaction log”.`
        : `The ${plural(trades.rows.length, 'individual trade')} are not listed here (the table above counts them by year): every trade is in transaction_log.csv, the Trades sheet of the workbook and the compliance template.`;
    writeParagraph(ctx, text, { size: TYPE.caption + 0.5 });
    if (ctx.template !== 'compliance') ctx.notes.push(`Trading: the ${formatCount(trades.rows.length)} trades of the transaction log are summarised by year, not listed.`);
  }
}

async function renderMonthly(ctx: PdfContext): Promise<void> {
  const { meta } = ctx.report;
  startChapter(ctx, 'Monthly returns');
  writeLead(ctx, monthlySentences(lookup(ctx)));
  const monthly = ctx.tablesById.get('monthly_returns');
  if (!monthly) return;
  const months = monthly.columns.map((_, i) => i).filter((i) => i > 0 && monthly.columns[i]?.key !== 'year_total');
  const total = columnIndex(monthly, 'year_total');
  const printed = convertTable(meta, monthly, { title: 'Monthly returns heatmap', heatmap: [months, total >= 0 ? [total] : []] });
  for (const c of printed.columns) c.center = c.numeric;
  await printTable(ctx, printed, {});
  writeParagraph(ctx, 'Colours as in the workbook: white at 0, deeper red for larger losses, deeper green for larger gains (months and year totals each on their own scale).', {
    size: TYPE.caption,
  });
}

async function renderDistribution(ctx: PdfContext): Promise<void> {
  const { meta } = ctx.report;
  startChapter(ctx, 'Return distribution');
  writeLead(ctx, distributionSentences(ctx.report, lookup(ctx)));
  const spec = chartsById(ctx).get('return_distribution');
  if (spec) await drawChartBlock(ctx, spec, CHART.large);
  const summary = ctx.tablesById.get('performance_summary');
  if (!summary) return;
  const rows = DISTRIBUTION_METRICS.map((key) => rowIndex(summary, key)).filter((i) => i >= 0);
  if (rows.length > 0) await printTable(ctx, convertTable(meta, summary, { rowIndices: rows, title: 'Distribution statistics', footnote: null }), { countRows: 0 });
}

async function renderMonthEnd(ctx: PdfContext): Promise<void> {
  const daily = ctx.tablesById.get('daily_portfolio_data');
  if (!daily) return;
  startChapter(ctx, 'Portfolio values at month end');
  writeLead(ctx, [
    `The daily series has ${plural(daily.rows.length, 'row')}; this chapter prints the last date of each month. ${ctx.template === 'compliance' ? 'The appendix prints every day.' : 'Every day is in daily_portfolio_data.csv and the Daily sheet of the workbook.'}`,
  ]);
  await printMonthEnd(ctx, daily, 'Values at month end', ['daily_return']);
}

/** A date-indexed table as its month-end rows, with the note that says so. */
async function printMonthEnd(ctx: PdfContext, table: ReportTable, title: string, leaveOut: string[] = []): Promise<void> {
  const rows = monthEndRows(table);
  const columns = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => !leaveOut.includes(c.key)).map(({ i }) => i);
  const printed = convertTable(ctx.report.meta, table, { rowIndices: rows, columnIndices: columns, title, signColored: table.id !== 'asset_allocations' });
  if (rows.length < table.rows.length) {
    const dropped = leaveOut.map((k) => table.columns[columnIndex(table, k)]?.label).filter(Boolean);
    printed.note = `${monthEndNote(rows.length, table.rows.length, where(ctx))}${dropped.length > 0 ? ` Column left out here: ${dropped.join(', ')} (a single day’s value).` : ''}`;
    ctx.notes.push(`${table.title}: ${formatCount(rows.length)} month-end rows of ${formatCount(table.rows.length)} printed.`);
  }
  // A narrow series (rolling metrics) flows in two blocks rather than running onto a near-empty page.
  await printTable(ctx, printed, { countRows: rows.length, flow: true });
}

/** Tables printed in full, one after the other (tables the chapters do not know). */
async function renderTablesInFull(ctx: PdfContext, tables: ReportTable[]): Promise<void> {
  startChapter(ctx, 'Other tables');
  for (const table of tables) {
    await printTable(ctx, convertTable(ctx.report.meta, table), {});
    await ctx.checkpoint();
  }
}

/** A host's report: one chapter per section, its paragraphs, charts and tables (in full unless the host set `printLimit`). */
export function hostChapters(ctx: PdfContext): Chapter[] {
  return ctx.report.sections.map((section) => ({ title: section.title, render: (c: PdfContext) => renderHostSection(c, section) }));
}

async function renderHostSection(ctx: PdfContext, section: ReportSection): Promise<void> {
  startChapter(ctx, section.title);
  for (const paragraph of section.paragraphs ?? []) writeParagraph(ctx, paragraph);
  for (const spec of section.charts) await drawChartBlock(ctx, spec, CHART.large);
  for (const table of section.tables) {
    const limit = ctx.template === 'compliance' ? undefined : table.printLimit;
    const shown = limit !== undefined && limit < table.rows.length ? Math.max(0, limit) : table.rows.length;
    const printed = convertTable(ctx.report.meta, table, { rowIndices: table.rows.map((_, i) => i).slice(0, shown) });
    if (shown < table.rows.length) {
      printed.note = `The first ${formatCount(shown)} of ${plural(table.rows.length, 'row')} (the limit set for this report); ${formatCount(table.rows.length - shown)} left out. Every row is in the CSV package and the workbook.`;
      ctx.notes.push(`${table.title}: the first ${formatCount(shown)} of ${formatCount(table.rows.length)} rows printed (print limit).`);
    }
    await printTable(ctx, printed, { countRows: shown });
    ctx.y += SPACE;
    await ctx.checkpoint();
  }
}
