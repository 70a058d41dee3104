/**
 * Chapter mechanics and the closing chapters: a chapter opens on a new page and is recorded in
 * the contents; Methodology (how figures are computed and shown, the glossary, the run's
 * warnings, notes on this file) speaks of a backtest or of the host's report, whichever this
 * is; the compliance chapters hold the configuration, the data hashes and the export record.
 */
import type { ReportTable } from '../../report/model.types';
import { dataOrigin } from '../../report/provenance';
import { addPage, type Orientation, type PdfContext } from './context';
import { convertTable } from './convert';
import { formatCount, periodUnit } from './labels';
import { costRule, dataSource, rebalancingRule } from './prose';
import { COLORS, TYPE } from './style';
import { describeMissingGlyphs } from './script';
import { printTable, type PrintTable } from './tables';
import { writeHeading, writeParagraph } from './text';

/** Opens a chapter on a new page and records it in the table of contents. */
export function startChapter(ctx: PdfContext, title: string, orientation: Orientation = 'portrait'): void {
  addPage(ctx, orientation);
  ctx.toc.push({ title, pageNumber: ctx.doc.getNumberOfPages() });
  writeHeading(ctx, title, 1);
}

/** A short paragraph of plain explanation under a chapter heading. */
export function writeLead(ctx: PdfContext, sentences: string[]): void {
  if (sentences.length === 0) return;
  writeParagraph(ctx, sentences.join(' '), { size: TYPE.body + 0.5, gap: TYPE.body });
}

/** A two-column `Item | Value` table of text pairs. */
export function keyValueTable(title: string | null, pairs: [string, string][]): PrintTable {
  return {
    title,
    columns: [
      { label: 'Item', numeric: false, wraps: true },
      { label: 'Value', numeric: false, wraps: true },
    ],
    rows: pairs.map(([k, v]) => [{ text: k, bold: true }, { text: v }]),
    keyColumn: true,
  };
}

/** Methodology and glossary: how the figures were made and shown, every metric's formula, warnings and notes on this file. */
export async function renderMethodology(ctx: PdfContext): Promise<void> {
  const { meta } = ctx.report;
  startChapter(ctx, meta.run ? 'Methodology and glossary' : 'About this report');
  if (meta.run) {
    const scope =
      meta.run.summaryScope === 'run'
        ? 'Summary metrics describe the whole run.'
        : `Summary metrics are recomputed over the exported range ${meta.run.exportedRange.from} to ${meta.run.exportedRange.to}.`;
    writeParagraph(
      ctx,
      `This report describes a backtest: a simulation of the strategy on historical (or synthetic) prices, with every trade and cost booked exactly. ${scope} Annualized figures use ${meta.run.periodsPerYear} periods a year (${meta.run.periodsPerYearSource}); counts of periods are printed in ${periodUnit(meta.run.periodsPerYear)}.`,
    );
    writeParagraph(ctx, `Data: ${dataSource(ctx.report)}`);
    for (const rule of [costRule(ctx.report), rebalancingRule(ctx.report)]) if (rule) writeParagraph(ctx, rule);
    writeParagraph(
      ctx,
      'Values are kept exact and rounded half-up only when shown: money to 2 decimals, quantities to the run’s quantity decimals, prices to 4 decimals (4 significant digits below 1), returns and weights as percentages with 2 decimals, ratios to 2 decimals. The CSV package and the workbook carry the full precision and every row of every table.',
    );
  } else {
    const tables = ctx.report.sections.reduce((n, s) => n + s.tables.length, 0);
    writeParagraph(
      ctx,
      `${meta.title} was produced by ${meta.app.name} ${meta.app.version} from ${tables === 1 ? 'one table' : `${formatCount(tables)} tables`} supplied by the host application, printed as given: each column by its type (money to its decimals with its currency in the header, percentages with 2 decimals unless the column says otherwise, dates as YYYY-MM-DD). No figure was computed by ${meta.app.name}.`,
    );
    writeParagraph(ctx, 'The CSV package and the workbook of the same report hold every row of every table.');
    if (dataOrigin(meta) !== undefined) writeParagraph(ctx, `Data: ${dataSource(ctx.report)}`);
  }
  if (meta.glossary.length > 0) {
    const glossary: ReportTable = {
      id: 'glossary',
      title: 'Glossary of metrics',
      columns: [
        { key: 'metric', label: 'Metric', type: { kind: 'text' } },
        { key: 'formula', label: 'Formula', type: { kind: 'text' } },
      ],
      rows: meta.glossary.map((g) => [g.label, readableFormula(g.formula, meta.glossary)]),
    };
    await printTable(ctx, convertTable(meta, glossary, { footnote: null }), { countRows: 0 });
  }
  if (meta.warnings.length > 0) {
    writeHeading(ctx, meta.run ? 'Warnings from the run' : 'Warnings', 2);
    for (const warning of meta.warnings) writeParagraph(ctx, `• ${warning}`, { size: TYPE.caption + 0.5 });
  }
  const notes = fileNotes(ctx);
  if (notes.length > 0) {
    writeHeading(ctx, 'Notes on this file', 2);
    for (const note of notes) writeParagraph(ctx, `• ${note}`, { size: TYPE.caption + 0.5 });
  }
}

/** Run settings that formulas name, as words. */
const SETTING_WORDS: Record<string, string> = {
  risk_free_rate: 'risk-free rate',
  periods_per_year: 'periods per year',
  initial_capital: 'initial capital',
  rolling_window: 'rolling window',
  trade_value: 'trade value',
};

/**
 * A glossary formula with the metric and setting keys it names written as words
 * (`annualized_return / |max_drawdown|` → `Annualized return / |Max drawdown|`); symbols such as
 * `r_t` or `V_N` stay as they are.
 */
export function readableFormula(formula: string, glossary: { key: string; label: string }[]): string {
  const labels = new Map(glossary.map((g) => [g.key, g.label] as const));
  return formula.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (key) => labels.get(key) ?? SETTING_WORDS[key] ?? key);
}

/** What a reader of this file should know about the file itself: shortened tables, replaced glyphs, charts left out. */
export function fileNotes(ctx: PdfContext): string[] {
  const notes = [...new Set(ctx.notes)];
  const missing = ctx.shaper.missingGlyphs();
  if (missing.length > 0) notes.push(describeMissingGlyphs(missing));
  return notes;
}

/** Compliance: the run configuration as JSON, enough to repeat the run. */
export async function renderConfiguration(ctx: PdfContext): Promise<void> {
  startChapter(ctx, 'Configuration', 'portrait');
  const config = ctx.report.meta.run?.config;
  if (!config) {
    writeParagraph(ctx, 'This report carries no run configuration.');
    return;
  }
  writeParagraph(ctx, 'The run configuration as given to the engine; with the same price data it reproduces every number.', { color: COLORS.muted });
  const lines = JSON.stringify(config, null, 2).split('\n');
  for (const [i, line] of lines.entries()) {
    writeParagraph(ctx, line, { size: TYPE.compact, family: 'mono', gap: 0 });
    if (i % 200 === 199) await ctx.checkpoint();
  }
}

/** Compliance: the input files with their SHA-256 and the data ranges used. */
export async function renderDataHashes(ctx: PdfContext): Promise<void> {
  startChapter(ctx, 'Data and hashes', 'portrait');
  const { meta } = ctx.report;
  const files = (['prices', 'fx'] as const).flatMap((role) => {
    const file = meta.inputs?.[role];
    return file ? [{ role, file }] : [];
  });
  if (files.length > 0) {
    await printTable(
      ctx,
      {
        title: 'Input files',
        columns: [
          { label: 'Input', numeric: false },
          { label: 'File', numeric: false, wraps: true },
          { label: 'Bytes', numeric: true },
          { label: 'SHA-256', numeric: false },
        ],
        rows: files.map(({ role, file }) => [
          { text: role === 'prices' ? 'Prices' : 'FX rates' },
          { text: file.name },
          { text: formatCount(file.bytes) },
          { text: file.sha256 },
        ]),
      },
      { countRows: 0 },
    );
  } else writeParagraph(ctx, 'No input file information was recorded for this report.');
  writeParagraph(ctx, `Data source: ${dataSource(ctx.report)}`);
  if (meta.run) {
    const { dataRange, exportedRange } = meta.run;
    await printTable(
      ctx,
      keyValueTable('Data range', [
        ['First date', dataRange.first],
        ['Last date', dataRange.last],
        ['Day 0', dataRange.day0],
        ['Exported from', exportedRange.from],
        ['Exported to', exportedRange.to],
        ['Summary scope', meta.run.summaryScope === 'run' ? 'the whole run' : 'the exported range'],
      ]),
      { countRows: 0, fill: false },
    );
  }
}

/** Compliance: a record of this export (when, by what, with which options, into which file). */
export async function renderExportRecord(ctx: PdfContext, fileName: string | undefined): Promise<void> {
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
  await printTable(ctx, keyValueTable(null, pairs), { countRows: 0, fill: false });
  writeHeading(ctx, 'Export options (JSON)', 3);
  for (const line of JSON.stringify(options, null, 2).split('\n')) writeParagraph(ctx, line, { size: TYPE.compact, family: 'mono', gap: 0 });
  const notes = fileNotes(ctx);
  if (notes.length > 0) {
    writeHeading(ctx, 'Notes on this file', 3);
    for (const note of notes) writeParagraph(ctx, `• ${note}`, { size: TYPE.caption + 0.5 });
  }
}
