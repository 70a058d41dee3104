/**
 * The executive template: a two-page factsheet a board reads in a minute. Page 1: title, period,
 * the strategy in one line, headline figures against the benchmarks, the equity curve (log scale
 * when the run grew more than 3×), the underwater chart and the yearly returns. Page 2: the
 * monthly returns heatmap, trailing returns, worst drawdowns, the current allocation beside its
 * risk contributions, and a footnote (data source, costs, rebalancing rule, generated-at and
 * version). Everything has a fixed place on the grid; what does not fit is cut with a note.
 */
import { toNumber } from '../../report/format';
import type { ChartSpec, ReportTable } from '../../report/model.types';
import { chartsById, drawChartIn } from './chart-slot';
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
    const line = wrapText(doc, fonts, `Strategy: ${meta.run.strategyLabel}`, width)[0] ?? '';
    drawText(doc, fonts, line, x, y + TYPE.body);
    y += lineHeight(TYPE.body);
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
  const table = (id: string): ReportTable | undefined => ctx.tablesById.get(id);
  const options = { fontSize: TYPE.caption, headingLevel: 3 as const, header: 'light' as const, noBreak: true };

  const monthly = table('monthly_returns');
  if (monthly) {
    const rows = monthly.rows.map((_, i) => i).slice(-MAX_HEATMAP_YEARS);
    const cut = monthly.rows.length - rows.length;
    if (cut > 0) shortened.push(`Monthly returns: the latest ${rows.length} of ${monthly.rows.length} years shown; all are in the detailed report.`);
    const months = monthly.columns.map((_, i) => i).filter((i) => i > 0 && monthly.columns[i]?.key !== 'year_total');
    const total = columnIndex(monthly, 'year_total');
    const printed = convertTable(meta, monthly, { rowIndices: rows, title: 'Monthly returns', heatmap: [months, total >= 0 ? [total] : []], footnote: null });
    for (const c of printed.columns) c.center = c.numeric;
    await printTable(ctx, printed, { ...options, fill: true });
  }

  // Two columns a row; each row is as tall as its taller block.
  const rows: [() => PrintTable | null, () => PrintTable | null][] = [
    [() => trailingTable(ctx), () => yearlyTable(ctx)],
    [() => drawdownTable(ctx), () => statisticsTable(ctx)],
  ];
  for (const [a, b] of rows) {
    const top = ctx.y;
    const first = a();
    const second = b();
    if (!first && !second) continue;
    const bottoms: number[] = [];
    for (const [printed, x, w] of [
      [first, left, second ? half : width],
      [second, first ? right : left, first ? half : width],
    ] as const) {
      if (!printed) continue;
      ctx.y = top;
      await printTable(ctx, printed, { ...options, x, width: w });
      bottoms.push(ctx.y);
    }
    ctx.y = Math.max(...bottoms);
  }

  const secondRow = ctx.y;
  const allocation = allocationTable(ctx, shortened);
  const risk = chartsById(ctx).get('risk_contributions');
  let blockBottom = secondRow;
  if (allocation) {
    await printTable(ctx, allocation, { ...options, x: left, width: risk ? half : width });
    blockBottom = ctx.y;
  }
  if (risk) {
    const height = Math.min(170, Math.max(130, blockBottom - secondRow));
    const used = drawChartIn(ctx, compared(risk), { x: allocation ? right : left, y: secondRow + SPACE, w: allocation ? half : width, h: height - SPACE });
    blockBottom = Math.max(blockBottom, secondRow + used + SPACE * 2);
  }
  ctx.y = blockBottom + SPACE;
  drawFootnote(ctx, shortened);
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

/** The footnote box at the foot of page 2: data source, period, costs, rebalancing, what was cut, generated-at. */
function drawFootnote(ctx: PdfContext, shortened: string[]): void {
  const { doc, fonts, report } = ctx;
  const { meta } = report;
  const name = makeNamer(meta);
  const lines: string[] = [];
  lines.push(`Data: ${dataSource(report)}`);
  if (meta.run) {
    const days = meta.run.periodsPerYear;
    lines.push(
      `Period ${meta.run.exportedRange.from} to ${meta.run.exportedRange.to}; base currency ${meta.run.baseCurrency}; ${days} periods a year (${meta.run.periodsPerYearSource}).`,
    );
    const benchmarks = benchmarkDescriptions(meta.run.config, name);
    if (benchmarks) lines.push(`Benchmarks: ${benchmarks}.`);
  }
  for (const rule of [costRule(report), rebalancingRule(report)]) if (rule) lines.push(rule);
  lines.push(...shortened);
  if (meta.warnings.length > 0) lines.push(`The run reported ${meta.warnings.length === 1 ? 'a warning' : `${meta.warnings.length} warnings`}: ${meta.warnings.slice(0, 2).join(' ')}${meta.warnings.length > 2 ? ' …' : ''}`);
  const missing = ctx.shaper.missingGlyphs();
  if (missing.length > 0) lines.push(describeMissingGlyphs(missing));
  lines.push(
    meta.run
      ? 'Simulated results of a backtest, after costs; past performance does not predict future returns.'
      : 'Figures as supplied by the host application.',
  );
  lines.push(`Generated ${meta.generatedAt} by ${meta.app.name} ${meta.app.version}${meta.engineVersion ? ` (engine ${meta.engineVersion})` : ''}.`);
  const width = contentWidth(ctx) - 2 * SPACE;
  doc.setFontSize(TYPE.caption - 0.5);
  const wrapped = lines.flatMap((l) => wrapText(doc, fonts, l, width));
  const step = lineHeight(TYPE.caption - 0.5);
  const height = wrapped.length * step + 2 * SPACE;
  const top = Math.max(ctx.y, contentBottom(ctx) - height);
  doc.setFillColor(...COLORS.panel);
  doc.rect(MARGIN.left, top, contentWidth(ctx), Math.min(height, contentBottom(ctx) - top + 4), 'F');
  doc.setTextColor(...COLORS.muted);
  let y = top + SPACE + (TYPE.caption - 0.5) * 0.85;
  for (const line of wrapped) {
    if (y > contentBottom(ctx) + 4) break;
    doc.setFontSize(TYPE.caption - 0.5);
    drawText(doc, fonts, line, MARGIN.left + SPACE, y);
    y += step;
  }
  ctx.y = y;
}

/** `Bitcoin (buy and hold BTC), Equal weight (equal weight of BTC, ETH)` from the run configuration. */
function benchmarkDescriptions(config: Record<string, unknown>, name: (s: string) => string): string {
  const list = Array.isArray(config.benchmarks) ? (config.benchmarks as Record<string, unknown>[]) : [];
  return list
    .slice(0, 6)
    .map((b) => {
      const type = String(b.type ?? '');
      const what =
        type === 'buy_and_hold'
          ? `buy and hold ${String(b.asset ?? '')}`
          : type === 'equal_weight'
            ? `equal weight of ${Array.isArray(b.assets) ? (b.assets as unknown[]).join(', ') : ''}`
            : type.replace(/_/g, ' ');
      return `${name(String(b.name ?? ''))} (${what})`;
    })
    .join('; ')
    .concat(list.length > 6 ? `; and ${list.length - 6} more` : '');
}
