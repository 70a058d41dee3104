/**
 * The PDF report writer: a cover, a linked table of contents mirrored by the outline, one chapter
 * per report section (charts drawn as vectors or placed from the page's captures, tables through
 * jspdf-autotable), methodology and, for compliance, the configuration, data hashes and export
 * record; a running header and `page X of Y` footer on every page after the cover. Templates:
 * `executive` (at most 3 pages), `detailed` (long tables truncated, with a note), `compliance`
 * (nothing truncated). jsPDF, autotable and the fonts load on first use.
 *
 * @example
 * const { bytes } = await pdfWriter.write(report, { onProgress: (p) => console.log(p.stage) });
 */
import { BackfolioError, throwIfAborted } from '../../errors';
import type { ChartSpec, Report, ReportSection, ReportTable } from '../../report/model.types';
import type { ReportWriter, WriteContext, WriterOutput } from '../writer.types';
import {
  renderConfiguration,
  renderDataHashes,
  renderExecutiveCharts,
  renderExecutiveSummary,
  renderExportRecord,
  renderMethodology,
  renderSectionChapter,
} from './chapters';
import { MARGIN, type PdfContext } from './context';
import { drawCover } from './cover';
import { containsCjk, registerFonts } from './fonts';
import { drawRunningHeaderFooter } from './running';
import { countRowsThatFit } from './tables';
import { addOutline, drawTocEntries, entriesPerTocPage, fillTocPages } from './toc';
import { COLORS } from './text';

/** What `writePdf` takes besides the report: the writer context plus the file name for the export record. */
export interface PdfWriteContext extends WriteContext {
  /** The file name the PDF will be saved under (printed in the compliance export record). */
  fileName?: string;
}

/** Chart ids the executive template shows, in order. */
const EXECUTIVE_CHARTS = ['equity', 'drawdown'];

/** One step of the layout, for progress reporting and cancellation between steps. */
interface Step {
  stage: string;
  run: (ctx: PdfContext) => void | Promise<void>;
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
  const fonts = await registerFonts(doc, { cjk: needsCjkFont(report), mono: template === 'compliance' }, context.fonts);
  throwIfAborted(signal);
  const ctx: PdfContext = {
    doc,
    autoTable,
    makeGState: (options) => new GState(options),
    fonts,
    report,
    template,
    tablesById: indexTables(report.sections),
    charts: new Map((context.charts ?? []).map((c) => [c.chartId, c])),
    toc: [],
    y: MARGIN.top,
    orientation: 'portrait',
    rowsWritten: 0,
    notes: [],
    checkpoint: context.checkpoint,
  };
  doc.setFont(fonts.body, 'normal');
  drawCover(ctx);
  const coverBottom = ctx.y;
  const executive = template === 'executive';
  // Executive lists its contents on the cover (its 3-page budget has no room for a contents page).
  const steps = executive ? executiveSteps(report) : fullSteps(report, template === 'compliance', context.fileName ?? (context.fileStem ? `${context.fileStem}.pdf` : undefined));
  // Every step of these templates opens exactly one chapter, so the contents size is known now.
  const tocPages = executive ? 0 : Math.max(1, Math.ceil(steps.length / entriesPerTocPage(doc.internal.pageSize.getHeight())));
  for (let i = 0; i < tocPages; i++) doc.addPage('a4', 'portrait');
  for (const [i, step] of steps.entries()) {
    throwIfAborted(signal);
    onProgress?.({ fraction: 0.05 + (0.85 * i) / steps.length, stage: step.stage });
    await step.run(ctx);
    await context.checkpoint?.();
  }
  throwIfAborted(signal);
  onProgress?.({ fraction: 0.92, stage: 'Contents, headers and footers' });
  if (executive) drawCoverContents(ctx, coverBottom);
  else fillTocPages(ctx, 2, tocPages, ctx.toc);
  addOutline(ctx, ctx.toc);
  drawRunningHeaderFooter(ctx, 2);
  setProperties(ctx);
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  onProgress?.({ fraction: 1, stage: 'Done' });
  return { bytes, extension: 'pdf', mimeType: 'application/pdf', rows: ctx.rowsWritten };
}

/** Chapters of the detailed and compliance templates: every section, methodology, compliance records. */
function fullSteps(report: Report, compliance: boolean, fileName: string | undefined): Step[] {
  const steps: Step[] = report.sections.map((section) => ({
    stage: `Section ${section.title}`,
    run: (ctx) => renderSectionChapter(ctx, section),
  }));
  steps.push({ stage: 'Methodology', run: renderMethodology });
  if (compliance) {
    steps.push({ stage: 'Configuration', run: renderConfiguration });
    steps.push({ stage: 'Data and hashes', run: renderDataHashes });
    steps.push({ stage: 'Export record', run: (ctx) => renderExportRecord(ctx, fileName) });
  }
  return steps;
}

/** The executive template: the summary page and one page with two charts. */
function executiveSteps(report: Report): Step[] {
  const steps: Step[] = [];
  const summary = report.sections.find((s) => s.id === 'summary');
  if (summary && summary.tables.length > 0) {
    steps.push({
      stage: 'Summary',
      run: (ctx) => renderExecutiveSummary(ctx, summary, (c) => countRowsThatFit(c, 8, 20)),
    });
  }
  const charts = pickExecutiveCharts(report);
  if (charts.length > 0) steps.push({ stage: 'Charts', run: (ctx) => renderExecutiveCharts(ctx, charts) });
  return steps;
}

/** The equity and drawdown charts, else the first two charts of the report. */
export function pickExecutiveCharts(report: Report): ChartSpec[] {
  const all = report.sections.flatMap((s) => s.charts);
  const preferred = EXECUTIVE_CHARTS.map((id) => all.find((c) => c.id === id)).filter((c): c is ChartSpec => c !== undefined);
  return preferred.length > 0 ? preferred : all.slice(0, 2);
}

function drawCoverContents(ctx: PdfContext, coverBottom: number): void {
  const { doc } = ctx;
  doc.setPage(1);
  const y = Math.max(coverBottom + 16, 520);
  doc.setFontSize(13);
  doc.setFont(ctx.fonts.body, 'bold');
  doc.setTextColor(...COLORS.accent);
  doc.text('Contents', MARGIN.left, y);
  drawTocEntries(ctx, 1, y + 22, ctx.toc);
}

function indexTables(sections: ReportSection[]): Map<string, ReportTable> {
  const byId = new Map<string, ReportTable>();
  for (const section of sections) for (const table of section.tables) if (!byId.has(table.id)) byId.set(table.id, table);
  return byId;
}

/** Whether any text the report prints has CJK characters (only then is the 10 MB CJK font loaded). */
export function needsCjkFont(report: Report): boolean {
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
      texts.push(table.title, table.note ?? '', ...table.columns.map((c) => c.label));
      table.columns.forEach((column, c) => {
        if (column.type.kind !== 'text' && column.type.kind !== 'json') return;
        for (const row of table.rows) {
          const cell = row[c];
          if (typeof cell === 'string') texts.push(cell);
        }
      });
    }
  }
  return texts.some(containsCjk);
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
