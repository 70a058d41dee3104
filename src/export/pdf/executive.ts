/**
 * The executive template: a two-page factsheet a board reads in a minute. Page 1: title, period,
 * the strategy in one line, headline figures against the benchmarks, the equity curve (log scale
 * when the run grew more than 3×), the underwater chart and the yearly returns. Page 2: the
 * monthly returns heatmap, trailing returns, worst drawdowns, the current allocation beside its
 * risk contributions, and a footnote (data source, costs, rebalancing rule, generated-at and
 * version). Everything has a fixed place on the grid; what does not fit is cut with a note.
 */
import { toNumber } from '../../report/format';
import type { ChartSpec } from '../../report/model.types';
import { dataOrigin } from '../../report/provenance';
import { chartsById, drawChartBlock, drawChartIn } from './chart-slot';
import { addPage, contentBottom, contentWidth, MARGIN, type PdfContext } from './context';
import { columnIndex, convertTable, makeNamer } from './convert';
import { allocationAndRisk, worstDrawdowns } from './derive';
import { formatCount } from './labels';
import { costRule, dataSource, rebalancingRule } from './prose';
import { COLORS, GUTTER, lineHeight, SPACE, TYPE } from './style';
import { measureTableHeight, printTable, type PrintTable } from './tables';
import { drawText, wrapText } from './text';
import { drawFigureGrid, TILE_BENCHMARKS } from './tiles';
import { describeMissingGlyphs } from './script';

/** Most years of the monthly heatmap on the factsheet (the latest ones). */
const MAX_HEATMAP_YEARS = 10;
/** Most assets in the allocation table (the largest weights). */
const MAX_ALLOCATION_ROWS = 10;
/** Worst drawdowns listed. */
const WORST_DRAWDOWNS = 5;
/** Portfolios compared in tables and charts (the strategy and the first benchmarks). */
const COMPARED = 1 + TILE_BENCHMARKS;

/** Top of page 1 (no running header there: the title block is the header). */
const FIRST_PAGE_TOP = 40;

/** Lays out both pages; records them in the table of contents (the outline). */
export async function renderExecutive(ctx: PdfContext): Promise<void> {
  if (!ctx.report.meta.run) return renderHostSummary(ctx);
  const shortened: string[] = [];
  const benchmarks = ctx.report.meta.portfolios.filter((p) => p.role === 'benchmark').length;
  if (benchmarks > TILE_BENCHMARKS) {
    shortened.push(`Figures, tables and charts compare the first ${TILE_BENCHMARKS} of ${formatCount(benchmarks)} benchmarks; all are in the detailed report.`);
  }
  ctx.toc.push({ title: 'Performance overview', pageNumber: 1 });
  await firstPage(ctx);
  await ctx.checkpoint();
  addPage(ctx, 'portrait');
  ctx.toc.push({ title: 'Returns, drawdowns and allocation', pageNumber: 2 });
  await secondPage(ctx, shortened);
}

/** A chart spec limited to the compared portfolios (legend and lines stay readable with 30 benchmarks). */
function compared(spec: ChartSpec): ChartSpec {
  return spec.series.length > COMPARED && spec.kind !== 'heatmap' && spec.kind !== 'stacked_area' ? { ...spec, series: spec.series.slice(0, COMPARED) } : spec;
}

async function firstPage(ctx: PdfContext): Promise<void> {
  const { doc, fonts, report } = ctx;
  const { meta } = report;
  const x = MARGIN.left;
  const width = contentWidth(ctx);
  let y = FIRST_PAGE_TOP;
  doc.setFontSize(TYPE.display);
  doc.setTextColor(...COLORS.accent);
  for (const line of wrapText(doc, fonts, meta.title, width, 'bold').slice(0, 2)) {
    drawText(doc, fonts, line, x, y + TYPE.display * 0.85, { style: 'bold' });
    y += lineHeight(TYPE.display);
  }
  const facts = [
    meta.run ? `${meta.run.exportedRange.from} to ${meta.run.exportedRange.to}` : meta.subtitle,
    meta.run ? `Base currency ${meta.run.baseCurrency}` : undefined,
    'Factsheet',
  ].filter((f): f is string => typeof f === 'string' && f !== '');
  doc.setFontSize(TYPE.body);
  doc.setTextColor(...COLORS.muted);
  drawText(doc, fonts, facts.join('   ·   '), x, y + TYPE.body);
  y += lineHeight(TYPE.body) + 2;
  if (meta.run) {
    doc.setTextColor(...COLORS.text);
    const lines = wrapText(doc, fonts, `Strategy: ${meta.run.strategyLabel}`, width);
    for (const [i, line] of lines.slice(0, 2).entries()) {
      drawText(doc, fonts, i === 1 && lines.length > 2 ? `${line.replace(/[, ]+$/, '')} …` : line, x, y + TYPE.body);
      y += lineHeight(TYPE.body);
    }
  }
  y += SPACE;
  doc.setDrawColor(...COLORS.accent);
  doc.setLineWidth(0.8);
  doc.line(x, y, x + width, y);
  y += SPACE * 1.5;
  if (meta.keyFigures.length > 0 && meta.portfolios.length > 0) {
    y += drawFigureGrid(ctx, meta, meta.keyFigures.slice(0, 6), { x, y, w: width, columns: 3 }) + SPACE * 2;
  }
  const charts = chartsById(ctx);
  const equity = charts.get('equity');
  const underwater = charts.get('underwater') ?? charts.get('drawdown');
  const yearly = charts.get('yearly_returns');
  const bottom = contentBottom(ctx);
  const available = bottom - y;
  // Equity gets the most room; the others share what is left.
  const plan: [ChartSpec, number][] = [];
  if (equity) plan.push([equity, 0.42]);
  if (underwater) plan.push([underwater, yearly ? 0.25 : 0.35]);
  if (yearly) plan.push([yearly, 0.33]);
  const weight = plan.reduce((a, [, w]) => a + w, 0) || 1;
  for (const [spec, share] of plan) {
    const h = Math.floor(((available - SPACE * 2 * plan.length) * share) / weight);
    const used = drawChartIn(ctx, compared(spec), { x, y, w: width, h });
    y += (used > 0 ? used : 0) + SPACE * 2;
    await ctx.checkpoint();
  }
  ctx.y = y;
}

async function secondPage(ctx: PdfContext, shortened: string[]): Promise<void> {
  const { report } = ctx;
  const { meta } = report;
  const width = contentWidth(ctx);
  const half = (width - GUTTER) / 2;
  const left = MARGIN.left;
  const right = MARGIN.left + half + GUTTER;
  const options = { fontSize: TYPE.caption, headingLevel: 3 as const, header: 'light' as const, noBreak: true };

  // Everything is built first, so every cut is known and the footnote's room can be reserved.
  const monthly = monthlyTable(ctx, shortened);
  const rows: [PrintTable | null, PrintTable | null][] = [
    [trailingTable(ctx), yearlyTable(ctx)],
    [drawdownTable(ctx), statisticsTable(ctx)],
  ];
  const allocation = allocationTable(ctx, shortened);
  const risk = chartsById(ctx).get('risk_contributions');
  // One spare line for a block left out below for want of room.
  const limit = contentBottom(ctx) - footnoteHeight(ctx, [...shortened, '']) - SPACE;

  if (monthly) await printTable(ctx, monthly, { ...options, fill: true });
  for (const [first, second] of rows) {
    if (!first && !second) continue;
    const placed: [PrintTable, number, number][] = [];
    if (first) placed.push([first, left, second ? half : width]);
    if (second) placed.push([second, first ? right : left, first ? half : width]);
    const tallest = Math.max(...placed.map(([t, , w]) => measureTableHeight(ctx, t, { ...options, width: w }).total));
    if (ctx.y + tallest > limit) {
      shortened.push(`${placed.map(([t]) => t.title).join(' and ')}: left out for room; see the detailed report.`);
      continue;
    }
    const top = ctx.y;
    const bottoms: number[] = [];
    for (const [printed, x, w] of placed) {
      ctx.y = top;
      await printTable(ctx, printed, { ...options, x, width: w });
      bottoms.push(ctx.y);
    }
    ctx.y = Math.max(...bottoms);
  }

  const top = ctx.y;
  let bottom = top;
  if (allocation) {
    const w = risk ? half : width;
    if (top + measureTableHeight(ctx, allocation, { ...options, width: w }).total <= limit) {
      await printTable(ctx, allocation, { ...options, x: left, width: w });
      bottom = ctx.y;
    } else shortened.push(`${allocation.title ?? 'Allocation'}: left out for room; see the detailed report.`);
  }
  if (risk) {
    const room = limit - top - SPACE;
    const height = Math.min(200, Math.max(160, bottom - top), room);
    if (height >= 90) {
      const placedLeft = bottom > top;
      const used = drawChartIn(ctx, compared(risk), { x: placedLeft ? right : left, y: top + SPACE, w: placedLeft ? half : width, h: height - SPACE });
      bottom = Math.max(bottom, top + used + SPACE * 2);
    } else shortened.push('Risk contributions: left out for room; see the detailed report.');
  }
  ctx.y = bottom + SPACE;
  drawFootnote(ctx, shortened);
}

/** The monthly returns heatmap (the latest years when there are many). */
function monthlyTable(ctx: PdfContext, shortened: string[]): PrintTable | null {
  const monthly = ctx.tablesById.get('monthly_returns');
  if (!monthly) return null;
  const rows = monthly.rows.map((_, i) => i).slice(-MAX_HEATMAP_YEARS);
  if (rows.length < monthly.rows.length) shortened.push(`Monthly returns: the latest ${rows.length} of ${monthly.rows.length} years shown; all are in the detailed report.`);
  const months = monthly.columns.map((_, i) => i).filter((i) => i > 0 && monthly.columns[i]?.key !== 'year_total');
  const total = columnIndex(monthly, 'year_total');
  const printed = convertTable(ctx.report.meta, monthly, { rowIndices: rows, title: 'Monthly returns', heatmap: [months, total >= 0 ? [total] : []], footnote: null });
  for (const c of printed.columns) c.center = c.numeric;
  return printed;
}

/** Trailing returns of the strategy and the compared benchmarks. */
function trailingTable(ctx: PdfContext): PrintTable | null {
  const trailing = ctx.tablesById.get('trailing_returns');
  if (!trailing) return null;
  const columns = trailing.columns.map((_, i) => i).slice(0, 1 + COMPARED);
  return convertTable(ctx.report.meta, trailing, { columnIndices: columns, title: 'Trailing returns', signColored: true, footnote: null });
}

/** Calendar-year returns of the strategy and the compared benchmarks (the latest years). */
function yearlyTable(ctx: PdfContext): PrintTable | null {
  const yearly = ctx.tablesById.get('yearly_returns');
  if (!yearly) return null;
  const columns = yearly.columns.map((_, i) => i).slice(0, 1 + COMPARED);
  const rows = yearly.rows.map((_, i) => i).slice(-MAX_HEATMAP_YEARS);
  return convertTable(ctx.report.meta, yearly, { columnIndices: columns, rowIndices: rows, title: 'Calendar-year returns', signColored: true, footnote: null });
}

function drawdownTable(ctx: PdfContext): PrintTable | null {
  const drawdowns = ctx.tablesById.get('drawdown_periods');
  if (!drawdowns) return null;
  const printed = worstDrawdowns(ctx.report.meta, drawdowns, WORST_DRAWDOWNS, `Worst ${Math.min(WORST_DRAWDOWNS, drawdowns.rows.length)} drawdowns`);
  // The factsheet keeps the dates and the size; days to recover is in the detailed report.
  const keep = printed.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.label !== 'Days to recover').map(({ i }) => i);
  return { ...printed, columns: keep.map((i) => printed.columns[i]!), rows: printed.rows.map((row) => keep.map((i) => row[i] ?? { text: '' })) };
}

/** Risk and return statistics a factsheet shows beside the returns. */
const STATISTICS = ['sortino_ratio', 'calmar_ratio', 'downside_deviation', 'var_95', 'cvar_95', 'best_month', 'worst_month', 'win_rate', 'beta', 'correlation'];

function statisticsTable(ctx: PdfContext): PrintTable | null {
  const summary = ctx.tablesById.get('performance_summary');
  if (!summary) return null;
  const rows = STATISTICS.map((key) => summary.rows.findIndex((r) => r[0] === key)).filter((i) => i >= 0);
  if (rows.length === 0) return null;
  const columns = summary.columns.map((_, i) => i).slice(0, 1 + COMPARED);
  return convertTable(ctx.report.meta, summary, { rowIndices: rows, columnIndices: columns, title: 'Risk statistics', footnote: null });
}

/** Current allocation and risk shares, cut to the largest weights when there are many assets. */
function allocationTable(ctx: PdfContext, shortened: string[]): PrintTable | null {
  const { meta } = ctx.report;
  const decomposition = ctx.tablesById.get('volatility_decomposition');
  const allocations = ctx.tablesById.get('asset_allocations');
  const last = allocations?.rows[allocations.rows.length - 1];
  const title = `Current allocation and risk${last ? ` (${String(last[0] ?? '')})` : ''}`;
  const printed = allocationAndRisk(meta, decomposition, allocations, title);
  if (!printed) return null;
  if (printed.rows.length > MAX_ALLOCATION_ROWS) {
    // The largest weights first; cash stays as the last row.
    const weight = (i: number): number => toNumber(decomposition?.rows[i]?.[columnIndex(decomposition, 'weight')] ?? null) ?? 0;
    const assets = printed.rows.map((row, i) => ({ row, i })).filter(({ row }) => row[0]?.text !== 'Cash');
    const cash = printed.rows.filter((row) => row[0]?.text === 'Cash');
    const kept = [...assets].sort((a, b) => weight(b.i) - weight(a.i)).slice(0, MAX_ALLOCATION_ROWS - cash.length);
    shortened.push(`Allocation: the ${kept.length} largest of ${assets.length} assets shown; all are in the detailed report.`);
    printed.rows = [...kept.sort((a, b) => a.i - b.i).map((k) => k.row), ...cash];
  }
  return printed;
}

const FOOTNOTE_SIZE = TYPE.caption - 0.5;

/** The footnote's lines: data source, period, benchmarks, costs, rebalancing, what was cut, warnings, generated-at. */
function footnoteLines(ctx: PdfContext, shortened: string[]): string[] {
  const { report } = ctx;
  const { meta } = report;
  const name = makeNamer(meta);
  const lines: string[] = [];
  lines.push(`Data: ${dataSource(report)}`);
  if (meta.run) {
    lines.push(
      `Period ${meta.run.exportedRange.from} to ${meta.run.exportedRange.to}; base currency ${meta.run.baseCurrency}; ${meta.run.periodsPerYear} periods a year (${meta.run.periodsPerYearSource}).`,
    );
    const benchmarks = benchmarkDescriptions(meta.run.config, name);
    if (benchmarks) lines.push(`Benchmarks: ${benchmarks}.`);
  }
  for (const rule of [costRule(report), rebalancingRule(report)]) if (rule) lines.push(rule);
  lines.push(...shortened.filter((l) => l !== ''));
  if (meta.warnings.length > 0) {
    const first = meta.warnings[0] ?? '';
    lines.push(`The run reported ${meta.warnings.length === 1 ? 'a warning' : `${meta.warnings.length} warnings`}: ${first.length > 160 ? `${first.slice(0, 157)}…` : first}${meta.warnings.length > 1 ? ' (all in the detailed report)' : ''}`);
  }
  const missing = ctx.shaper.missingGlyphs();
  if (missing.length > 0) lines.push(describeMissingGlyphs(missing));
  lines.push(meta.run ? 'Simulated results of a backtest, after costs; past performance does not predict future returns.' : 'Figures as supplied by the host application.');
  lines.push(`Generated ${meta.generatedAt} by ${meta.app.name} ${meta.app.version}${meta.engineVersion ? ` (engine ${meta.engineVersion})` : ''}.`);
  return lines;
}

function wrapFootnote(ctx: PdfContext, lines: string[]): string[] {
  ctx.doc.setFontSize(FOOTNOTE_SIZE);
  return lines.flatMap((l) => wrapText(ctx.doc, ctx.fonts, l, contentWidth(ctx) - 2 * SPACE));
}

function footnoteHeight(ctx: PdfContext, shortened: string[]): number {
  return wrapFootnote(ctx, footnoteLines(ctx, shortened)).length * lineHeight(FOOTNOTE_SIZE) + 2 * SPACE;
}

/** The footnote box at the foot of page 2. */
function drawFootnote(ctx: PdfContext, shortened: string[]): void {
  const { doc, fonts } = ctx;
  const wrapped = wrapFootnote(ctx, footnoteLines(ctx, shortened));
  const step = lineHeight(FOOTNOTE_SIZE);
  const height = wrapped.length * step + 2 * SPACE;
  const top = Math.max(ctx.y, contentBottom(ctx) - height);
  doc.setFillColor(...COLORS.panel);
  doc.rect(MARGIN.left, top, contentWidth(ctx), height, 'F');
  doc.setTextColor(...COLORS.muted);
  let y = top + SPACE + FOOTNOTE_SIZE * 0.85;
  for (const line of wrapped) {
    doc.setFontSize(FOOTNOTE_SIZE);
    drawText(doc, fonts, line, MARGIN.left + SPACE, y);
    y += step;
  }
  ctx.y = y;
}

/** `Bitcoin (buy and hold BTC), Equal weight (equal weight of BTC, ETH)` from the run configuration. */
function benchmarkDescriptions(config: Record<string, unknown>, name: (s: string) => string): string {
  const list = Array.isArray(config.benchmarks) ? (config.benchmarks as Record<string, unknown>[]) : [];
  const assets = (value: unknown): string => {
    const all = Array.isArray(value) ? value.map(String) : [];
    return all.length > 6 ? `${all.length} assets` : all.join(', ');
  };
  return list
    .slice(0, TILE_BENCHMARKS)
    .map((b) => {
      const type = String(b.type ?? '');
      const what = type === 'buy_and_hold' ? `buy and hold ${String(b.asset ?? '')}` : type === 'equal_weight' ? `equal weight of ${assets(b.assets)}` : type.replace(/_/g, ' ');
      return `${name(String(b.name ?? ''))} (${what})`;
    })
    .join('; ')
    .concat(list.length > TILE_BENCHMARKS ? `; and ${list.length - TILE_BENCHMARKS} more` : '');
}

/**
 * A host's report as a two-page summary: title and key figures, the first charts, then the first
 * table cut to what fits (the page says how many rows were left out).
 */
async function renderHostSummary(ctx: PdfContext): Promise<void> {
  const { doc, fonts, report } = ctx;
  const { meta } = report;
  const x = MARGIN.left;
  const width = contentWidth(ctx);
  const first = report.sections[0];
  ctx.toc.push({ title: first?.title ?? meta.title, pageNumber: 1 });
  ctx.y = FIRST_PAGE_TOP;
  doc.setFontSize(TYPE.display);
  doc.setTextColor(...COLORS.accent);
  for (const line of wrapText(doc, fonts, meta.title, width, 'bold').slice(0, 2)) {
    drawText(doc, fonts, line, x, ctx.y + TYPE.display * 0.85, { style: 'bold' });
    ctx.y += lineHeight(TYPE.display);
  }
  if (meta.subtitle) {
    doc.setFontSize(TYPE.body);
    doc.setTextColor(...COLORS.muted);
    drawText(doc, fonts, meta.subtitle, x, ctx.y + TYPE.body);
    ctx.y += lineHeight(TYPE.body);
  }
  // The summary has no footnote: where the data comes from (synthetic or not) goes under the title.
  if (dataOrigin(meta) !== undefined) {
    doc.setFontSize(TYPE.caption);
    doc.setTextColor(...COLORS.muted);
    for (const line of wrapText(doc, fonts, `Data: ${dataSource(report)}`, width).slice(0, 3)) {
      drawText(doc, fonts, line, x, ctx.y + TYPE.caption);
      ctx.y += lineHeight(TYPE.caption);
    }
  }
  ctx.y += SPACE * 2;
  if (meta.keyFigures.length > 0 && meta.portfolios.length > 0) ctx.y += drawFigureGrid(ctx, meta, meta.keyFigures.slice(0, 6), { x, y: ctx.y, w: width, columns: 3 }) + SPACE * 2;
  const charts = report.sections.flatMap((s) => s.charts).slice(0, 2);
  for (const spec of charts) await drawChartBlock(ctx, spec, 230);
  const table = report.sections.flatMap((s) => s.tables)[0];
  if (!table) return;
  if (ctx.y > contentBottom(ctx) - 120) {
    addPage(ctx, 'portrait');
    ctx.toc.push({ title: table.title, pageNumber: 2 });
  }
  const printed = convertTable(meta, table);
  const options = { fontSize: TYPE.caption, noBreak: true };
  // The rows that fit on this page (and the next, when the table starts on page 1).
  const pages = ctx.doc.getNumberOfPages() === 1 ? 2 : 1;
  let shown = printed.rows.length;
  const fits = (n: number): boolean => {
    const trial = { ...printed, rows: printed.rows.slice(0, n), note: n < printed.rows.length ? 'x' : null };
    return ctx.y + measureTableHeight(ctx, trial, options).total <= contentBottom(ctx) + (pages - 1) * (contentBottom(ctx) - MARGIN.top);
  };
  while (shown > 0 && !fits(shown)) shown = Math.floor(shown * 0.9);
  const note =
    shown < printed.rows.length
      ? `The first ${formatCount(shown)} of ${formatCount(printed.rows.length)} rows; ${formatCount(printed.rows.length - shown)} left out. Every row is in the detailed report, the CSV package and the workbook.`
      : null;
  await printTable(ctx, { ...printed, rows: printed.rows.slice(0, shown), note }, { fontSize: TYPE.caption, countRows: shown });
}
