/**
 * The PDF report writer. Templates:
 * - `executive`: a two-page factsheet (headline figures, equity, underwater, yearly returns;
 *   monthly heatmap, trailing returns, worst drawdowns, allocation and risk, footnote).
 * - `detailed`: cover with contents, then the analysis chapters (performance, drawdowns, risk,
 *   allocation, trading, monthly returns, return distribution, month-end values), methodology
 *   and glossary; long series summarised, every shortening said on the page.
 * - `compliance`: the same plus appendices printing every row (landscape, compact, side-by-side
 *   blocks), the configuration, the data hashes and the export record.
 * A host's report (no backtest) gets one chapter per section. Charts are drawn as vectors from
 * the report's chart specs; jsPDF, autotable, the fonts and (for right-to-left text) the bidi
 * engine load on first use. The writer yields through `context.checkpoint` between tables,
 * row blocks and pages.
 *
 * @example
 * const { bytes } = await pdfWriter.write(report, { onProgress: (p) => console.log(p.stage) });
 */
import { BackfolioError, throwIfAborted } from '../../errors';
import type { ChartSpec, Report, ReportSection, ReportTable } from '../../report/model.types';
import type { ReportWriter, WriteContext, WriterOutput } from '../writer.types';
import { backtestChapters, complianceAppendices, hostChapters, type Chapter } from './analysis';
import { renderConfiguration, renderDataHashes, renderExportRecord, renderMethodology, startChapter } from './chapters';
import { drawChart } from './charts/place';
import { addPage, MARGIN, type PdfContext } from './context';
import { drawCover } from './cover';
import { renderExecutive } from './executive';
import { containsCjk, registerFonts } from './fonts';
import { displayName } from './labels';
import { outputInSlices, type JsPdfFilterApi } from './output';
import { drawRunningHeaderFooter } from './running';
import { attachShaper, containsRtl, describeMissingGlyphsForCaller, disableBuiltInBidi, loadBidi, TextShaper } from './script';
import { addOutline, fillContents, planContents } from './toc';

/** What `writePdf` takes besides the report: the writer context plus the file name for the export record. */
export interface PdfWriteContext extends WriteContext {
  /** The file name the PDF will be saved under (printed in the compliance export record). */
  fileName?: string;
}

/** Writes `report` as a PDF and returns its bytes. */
export async function writePdf(report: Report, context: PdfWriteContext = {}): Promise<WriterOutput> {
  try {
    return await layOut(report, context);
  } catch (error) {
    if (error instanceof BackfolioError) throw error;
    throw new BackfolioError('EXPORT_FAILED', `PDF report "${report.meta.title}": ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** The PDF report writer of the registry (`format: 'pdf'`, `.pdf`, `application/pdf`). */
export const pdfWriter: ReportWriter = {
  format: 'pdf',
  label: 'PDF report',
  write: (report, context) => writePdf(report, context),
};

async function layOut(report: Report, context: PdfWriteContext): Promise<WriterOutput> {
  const { signal, onProgress } = context;
  throwIfAborted(signal);
  onProgress?.({ fraction: 0, stage: 'Loading the PDF library and fonts' });
  const template = report.meta.options.template;
  const [{ jsPDF, GState }, { autoTable }] = await Promise.all([import('jspdf'), import('jspdf-autotable')]);
  const doc = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'portrait', compress: true });
  disableBuiltInBidi(doc, (jsPDF as unknown as { API: { processArabic?: unknown } }).API);
  const texts = printedTexts(report);
  const [fonts, bidi] = await Promise.all([
    registerFonts(doc, { cjk: texts.some(containsCjk), mono: template === 'compliance' }, context.fonts),
    loadBidi(texts.some(containsRtl)),
  ]);
  throwIfAborted(signal);
  // autotable asks for the font list on every cell (for the style check), and jsPDF rebuilds it
  // each time; the fonts are all registered now, so this document answers from a copy.
  const fontList = doc.getFontList();
  doc.getFontList = () => fontList;
  const shaper = new TextShaper(doc, fonts, bidi);
  attachShaper(doc, shaper);
  const ctx: PdfContext = {
    doc,
    autoTable,
    makeGState: (options) => new GState(options),
    fonts,
    shaper,
    report,
    template,
    tablesById: indexTables(report.sections),
    charts: new Map((context.charts ?? []).map((c) => [c.chartId, c])),
    toc: [],
    y: MARGIN.top,
    orientation: 'portrait',
    rowsWritten: 0,
    notes: [],
    warnings: [],
    checkpoint: context.checkpoint ?? (async () => throwIfAborted(signal)),
  };
  doc.setFont(fonts.body, 'normal');
  if (template === 'executive') {
    onProgress?.({ fraction: 0.1, stage: 'Factsheet' });
    await renderExecutive(ctx);
    throwIfAborted(signal);
    onProgress?.({ fraction: 0.92, stage: 'Outline, headers and footers' });
    addOutline(ctx, ctx.toc);
    drawRunningHeaderFooter(ctx, 2, 1);
  } else {
    drawCover(ctx);
    const chapters = allChapters(ctx, context.fileName ?? (context.fileStem ? `${context.fileStem}.pdf` : undefined));
    // Every chapter opens exactly one contents entry, so the contents' size is known now.
    const contents = planContents(chapters.length, doc.internal.pageSize.getHeight(), ctx.y);
    for (let i = 0; i < contents.extraPages; i++) addPage(ctx, 'portrait');
    for (const [i, chapter] of chapters.entries()) {
      throwIfAborted(signal);
      onProgress?.({ fraction: 0.05 + (0.85 * i) / chapters.length, stage: chapter.title });
      await ctx.checkpoint();
      await chapter.render(ctx);
    }
    throwIfAborted(signal);
    onProgress?.({ fraction: 0.92, stage: 'Contents, headers and footers' });
    fillContents(ctx, contents, ctx.toc);
    addOutline(ctx, ctx.toc);
    drawRunningHeaderFooter(ctx, 2);
  }
  setProperties(ctx);
  await ctx.checkpoint();
  onProgress?.({ fraction: 0.95, stage: 'Compressing pages' });
  // jsPDF deflates every page inside one synchronous `output()`: done here a stream at a time
  // between checkpoints instead (the same bytes), so the page stays responsive and a cancel is seen.
  const bytes = await outputInSlices(doc, (jsPDF as unknown as { API: JsPdfFilterApi }).API, ctx.checkpoint);
  await ctx.checkpoint();
  onProgress?.({ fraction: 1, stage: 'Done' });
  return { bytes, extension: 'pdf', mimeType: 'application/pdf', rows: ctx.rowsWritten, warnings: pdfWarnings(ctx) };
}

/** The problems of the finished file, for the caller (the file prints them among its notes). */
function pdfWarnings(ctx: PdfContext): string[] {
  const warnings = [...new Set(ctx.warnings)];
  const missing = ctx.shaper.missingGlyphs();
  if (missing.length > 0) warnings.push(describeMissingGlyphsForCaller(missing));
  return warnings;
}

/** The chapters of the detailed and compliance templates, in order. */
function allChapters(ctx: PdfContext, fileName: string | undefined): Chapter[] {
  const compliance = ctx.template === 'compliance';
  const chapters = ctx.report.meta.run ? backtestChapters(ctx) : hostChapters(ctx);
  const captured = capturedWithoutSpec(ctx);
  if (captured.length > 0) chapters.push({ title: 'Charts from the page', render: (c) => renderCaptured(c, captured) });
  chapters.push({ title: ctx.report.meta.run ? 'Methodology and glossary' : 'About this report', render: renderMethodology });
  if (compliance) {
    if (ctx.report.meta.run) chapters.push(...complianceAppendices(ctx));
    chapters.push({ title: 'Configuration', render: renderConfiguration });
    chapters.push({ title: 'Data and hashes', render: renderDataHashes });
    chapters.push({ title: 'Export record', render: (c) => renderExportRecord(c, fileName) });
  }
  return chapters;
}

/** Charts a host captured from its page that no chart spec describes (html2canvas of its own elements). */
function capturedWithoutSpec(ctx: PdfContext): ChartSpec[] {
  const specs = new Set(ctx.report.sections.flatMap((s) => s.charts.map((c) => c.id)));
  return [...ctx.charts.keys()]
    .filter((id) => !specs.has(id))
    .map((id) => ({ id, title: displayName(id), kind: 'line', tableId: '', x: '', series: [], xLabel: '', yLabel: '', yFormat: 'number' }));
}

async function renderCaptured(ctx: PdfContext, charts: ChartSpec[]): Promise<void> {
  startChapter(ctx, 'Charts from the page');
  for (const spec of charts) {
    await drawChart(ctx, spec, 300);
    await ctx.checkpoint();
  }
}

function indexTables(sections: ReportSection[]): Map<string, ReportTable> {
  const byId = new Map<string, ReportTable>();
  for (const section of sections) for (const table of section.tables) if (!byId.has(table.id)) byId.set(table.id, table);
  return byId;
}

/** Every string the report may print (titles, names, labels, text cells, glossary, config), for choosing fonts and the bidi engine. */
export function printedTexts(report: Report): string[] {
  const { meta } = report;
  const texts: string[] = [meta.title, meta.subtitle ?? '', meta.options.author ?? '', meta.run?.strategyLabel ?? ''];
  for (const p of meta.portfolios) texts.push(p.name);
  for (const k of meta.keyFigures) texts.push(k.label);
  for (const g of meta.glossary) texts.push(g.label, g.formula);
  texts.push(...meta.warnings);
  if (meta.options.template === 'compliance') texts.push(JSON.stringify(meta.run?.config ?? {}), meta.inputs?.prices?.name ?? '', meta.inputs?.fx?.name ?? '');
  for (const section of report.sections) {
    texts.push(section.title, ...(section.paragraphs ?? []));
    for (const chart of section.charts) texts.push(chart.title, chart.xLabel, chart.yLabel, ...chart.series.map((s) => s.name));
    for (const table of section.tables) {
      texts.push(table.title, table.note ?? '', ...table.columns.map((c) => c.label), ...(table.rowLabels ?? []));
      table.columns.forEach((column, c) => {
        if (column.type.kind !== 'text' && column.type.kind !== 'json') return;
        for (const row of table.rows) {
          const cell = row[c];
          if (typeof cell === 'string') texts.push(cell);
        }
      });
    }
  }
  return texts.filter((t) => t !== '');
}

/** Whether any text the report prints has CJK characters (only then is the 10 MB CJK font loaded). */
export function needsCjkFont(report: Report): boolean {
  return printedTexts(report).some(containsCjk);
}

function setProperties(ctx: PdfContext): void {
  const { meta } = ctx.report;
  const period = meta.run ? `${meta.run.exportedRange.from} to ${meta.run.exportedRange.to}` : '';
  const subject = [meta.run ? `${meta.run.strategyLabel} backtest` : 'Portfolio report', period].filter(Boolean).join(', ');
  ctx.doc.setDocumentProperties({
    title: meta.title,
    subject,
    author: meta.options.author ?? meta.app.name,
    keywords: ['backtest', 'portfolio', meta.options.template, ...meta.portfolios.map((p) => p.name)].join(', '),
    creator: `${meta.app.name} ${meta.app.version}`,
  });
  const created = new Date(meta.generatedAt);
  if (!Number.isNaN(created.getTime())) ctx.doc.setCreationDate(created);
}
