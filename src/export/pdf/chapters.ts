/**
 * The chapters of the report: one per report section (charts, then tables), methodology, and the
 * compliance chapters (configuration, data hashes, export record). Each starts on a new page, in
 * portrait unless one of its tables needs the width of a landscape page, and records its page
 * for the table of contents.
 */
import type { ChartSpec, ReportSection, ReportTable } from '../../report/model.types';
import { addPage, contentWidth, MARGIN, type Orientation, type PdfContext } from './context';
import { drawChart } from './charts/place';
import { makeKeyValueTable, makeLatestWeightsTable } from './kv';
import { formatRows, formatRowsYielding, measureTableWidth, renderTable, renderTableYielding } from './tables';
import { selectRows } from './truncate';
import { COLORS, writeHeading, writeParagraph } from './text';

/** Portrait A4 width (points) between margins, for deciding a chapter's orientation before its page exists. */
const PORTRAIT_CONTENT_WIDTH = 595.28 - MARGIN.left - MARGIN.right;

/** Tables whose negative values are printed in red. */
const SIGN_COLORED_TABLES = new Set(['monthly_returns']);

/** Opens a chapter on a new page and records it in the table of contents. */
export function startChapter(ctx: PdfContext, title: string, orientation: Orientation): void {
  addPage(ctx, orientation);
  ctx.toc.push({ title, pageNumber: ctx.doc.getNumberOfPages() });
  writeHeading(ctx, title, 1);
}

/** Landscape when any table is wider than a portrait page at the normal table font. */
export function chooseOrientation(ctx: PdfContext, tables: { table: ReportTable; rowIndices: number[]; body?: string[][] }[]): Orientation {
  for (const { table, rowIndices, body: formatted } of tables) {
    const body = formatted ?? formatRows(table, rowIndices);
    if (measureTableWidth(ctx, table, body, 8) > PORTRAIT_CONTENT_WIDTH) return 'landscape';
  }
  return 'portrait';
}

/**
 * Chart height for the current page: two charts fit on a portrait page; a heatmap grows with its
 * rows (up to a full page) so 40 assets still get readable cells.
 */
export function chartHeight(ctx: PdfContext, spec?: ChartSpec): number {
  const base = ctx.orientation === 'portrait' ? 280 : Math.min(300, contentWidth(ctx) * 0.42);
  if (spec?.kind !== 'heatmap') return base;
  const rows = ctx.tablesById.get(spec.tableId)?.rows.length ?? 0;
  const fullPage = ctx.doc.internal.pageSize.getHeight() - MARGIN.top - MARGIN.bottom - 40;
  return Math.min(fullPage, Math.max(base, 16 * rows + 90));
}

/** One report section as a chapter: paragraphs, charts, derived tables, then its tables. */
export async function renderSectionChapter(ctx: PdfContext, section: ReportSection): Promise<void> {
  const selections = [];
  // Formatted once, between checkpoints (a 20,000-row table takes a few hundred milliseconds).
  for (const table of section.tables) {
    // A host's own tables (a report without a run) print every row: thinning is for a backtest's long series.
    const selection = ctx.report.meta.run === undefined ? { rowIndices: table.rows.map((_, i) => i), note: null } : selectRows(table, ctx.template);
    selections.push({ table, ...selection, body: await formatRowsYielding(ctx, table, selection.rowIndices) });
  }
  startChapter(ctx, section.title, chooseOrientation(ctx, selections));
  for (const paragraph of section.paragraphs ?? []) writeParagraph(ctx, paragraph);
  for (const spec of section.charts) await drawChart(ctx, spec, chartHeight(ctx, spec));
  for (const { table, rowIndices, note, body } of selections) {
    if (table.id === 'asset_allocations') {
      const latest = makeLatestWeightsTable(table);
      if (latest) renderTable(ctx, latest, { countRows: false });
    }
    await renderTableYielding(ctx, table, { rowIndices, truncationNote: note, signColored: SIGN_COLORED_TABLES.has(table.id), body });
  }
}

/** The executive summary page: the metrics comparison, cut to what fits on one page. */
export function renderExecutiveSummary(ctx: PdfContext, section: ReportSection, fitRows: (ctx: PdfContext) => number): void {
  startChapter(ctx, section.title, 'portrait');
  for (const table of section.tables.slice(0, 1)) {
    const limit = fitRows(ctx);
    const shown = Math.min(limit, table.rows.length);
    const rowIndices = table.rows.slice(0, shown).map((_, i) => i);
    const left = table.rows.length - shown;
    const note =
      left > 0 ? `Showing ${shown} of ${table.rows.length} rows; ${left} rows left out — see the detailed report or the CSV/Excel export.` : null;
    renderTable(ctx, table, { rowIndices, truncationNote: note, maxGroups: 1 });
  }
}

/** The executive charts page: two charts sharing one portrait page. */
export async function renderExecutiveCharts(ctx: PdfContext, specs: ChartSpec[]): Promise<void> {
  startChapter(ctx, 'Charts', 'portrait');
  const available = ctx.doc.internal.pageSize.getHeight() - 50 - ctx.y - 24;
  const height = Math.floor(available / Math.max(1, specs.length)) - 12;
  for (const spec of specs) await drawChart(ctx, spec, height);
}

/** Methodology: display rules, scope of the summary, the glossary of formulas and the run's warnings. */
export function renderMethodology(ctx: PdfContext): void {
  const { meta } = ctx.report;
  startChapter(ctx, 'Methodology', 'portrait');
  writeParagraph(
    ctx,
    'Values are kept exact and rounded half-up only when shown: money to 2 decimals, quantities to the run’s quantity decimals, prices to 4 decimals (4 significant digits below 1), returns and weights as percentages with 2 decimals, ratios to 2 decimals. The CSV and Excel exports carry the full precision.',
  );
  if (meta.run) {
    const scope =
      meta.run.summaryScope === 'run'
        ? 'Summary metrics describe the whole run.'
        : `Summary metrics are recomputed over the exported range ${meta.run.exportedRange.from} to ${meta.run.exportedRange.to}.`;
    writeParagraph(
      ctx,
      `${scope} Annualization uses ${meta.run.periodsPerYear} periods per year (${meta.run.periodsPerYearSource}).`,
    );
  }
  if (meta.glossary.length > 0) {
    const glossary: ReportTable = {
      id: 'glossary',
      title: 'Glossary of metrics',
      columns: [
        { key: 'metric', label: 'Metric', type: { kind: 'text' } },
        { key: 'formula', label: 'Formula', type: { kind: 'text' } },
      ],
      rows: meta.glossary.map((g) => [g.label, g.formula]),
    };
    renderTable(ctx, glossary, { countRows: false });
  }
  if (meta.warnings.length > 0) {
    writeHeading(ctx, 'Warnings from the run', 2);
    for (const warning of meta.warnings) writeParagraph(ctx, `• ${warning}`, { size: 8.5 });
  }
}

/** Compliance: the run configuration as JSON, enough to repeat the run. */
export function renderConfiguration(ctx: PdfContext): void {
  startChapter(ctx, 'Configuration', 'portrait');
  const config = ctx.report.meta.run?.config;
  if (!config) {
    writeParagraph(ctx, 'This report carries no run configuration.');
    return;
  }
  writeParagraph(ctx, 'The run configuration as given to the engine; with the same price data it reproduces every number.', {
    color: COLORS.muted,
  });
  for (const line of JSON.stringify(config, null, 2).split('\n')) writeParagraph(ctx, line, { size: 7.5, family: 'mono', gap: 0 });
}

/** Compliance: the input files with their SHA-256 and the data ranges used. */
export function renderDataHashes(ctx: PdfContext): void {
  startChapter(ctx, 'Data and hashes', 'portrait');
  const { meta } = ctx.report;
  const inputs: ReportTable = {
    id: 'inputs',
    title: 'Input files',
    columns: [
      { key: 'role', label: 'Input', type: { kind: 'text' } },
      { key: 'name', label: 'File', type: { kind: 'text' } },
      { key: 'bytes', label: 'Bytes', type: { kind: 'integer' } },
      { key: 'sha256', label: 'SHA-256', type: { kind: 'text' } },
    ],
    rows: (['prices', 'fx'] as const).flatMap((role) => {
      const file = meta.inputs?.[role];
      return file ? [[role, file.name, file.bytes, file.sha256]] : [];
    }),
  };
  if (inputs.rows.length > 0) renderTable(ctx, inputs, { countRows: false });
  else writeParagraph(ctx, 'No input file information was recorded for this report.');
  if (meta.run) {
    const { dataRange, exportedRange } = meta.run;
    renderTable(
      ctx,
      makeKeyValueTable('data_range', 'Data range', [
        ['First date', dataRange.first],
        ['Last date', dataRange.last],
        ['Day 0', dataRange.day0],
        ['Exported from', exportedRange.from],
        ['Exported to', exportedRange.to],
        ['Summary scope', meta.run.summaryScope],
      ]),
      { countRows: false },
    );
  }
}

/** Compliance: a record of this export (when, by what, with which options, into which file). */
export function renderExportRecord(ctx: PdfContext, fileName: string | undefined): void {
  startChapter(ctx, 'Export record', 'portrait');
  const { meta } = ctx.report;
  const { options } = meta;
  const pairs: [string, string][] = [
    ['Generated at', meta.generatedAt],
    ['Application', `${meta.app.name} ${meta.app.version}`],
    ['Engine version', meta.engineVersion ?? 'not recorded'],
    ['File name', fileName ?? 'not given'],
    ['Template', options.template],
    ['Formats', options.formats.join(', ')],
    ['Sections', options.sections ? options.sections.join(', ') : 'all'],
    ['Date range', `${options.dateRange?.from ?? 'start'} to ${options.dateRange?.to ?? 'end'}`],
    ['File-name prefix', options.prefix ?? 'default'],
    ['CSV byte-order mark', options.bom ? 'yes' : 'no'],
    ['Author', options.author ?? 'not given'],
    ['Sections in this file', ctx.report.sections.map((s) => s.title).join(', ')],
  ];
  renderTable(ctx, makeKeyValueTable('export_record', 'This export', pairs), { countRows: false, heading: null });
  writeHeading(ctx, 'Export options (JSON)', 3);
  for (const line of JSON.stringify(options, null, 2).split('\n')) writeParagraph(ctx, line, { size: 7.5, family: 'mono', gap: 0 });
  if (ctx.notes.length > 0) {
    writeHeading(ctx, 'Notes on this file', 3);
    for (const note of ctx.notes) writeParagraph(ctx, `• ${note}`, { size: 8.5 });
  }
}
