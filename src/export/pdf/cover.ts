/** The cover: title, strategy, period, base currency, headline figures per portfolio, generated-at. */
import { contentWidth, MARGIN, type PdfContext } from './context';
import { setFontFor } from './fonts';
import { makeKeyFigureTable } from './kv';
import { renderTable } from './tables';
import { COLORS, drawText, writeParagraph } from './text';

const FACT_LABEL_WIDTH = 120;

/** Draws the cover on the current (first) page and leaves the cursor below it. */
export function drawCover(ctx: PdfContext): void {
  const { doc } = ctx;
  const { meta } = ctx.report;
  ctx.y = 90;
  doc.setFontSize(26);
  doc.setTextColor(...COLORS.accent);
  setFontFor(doc, ctx.fonts, meta.title, 'bold');
  const titleLines = doc.splitTextToSize(meta.title, contentWidth(ctx)) as string[];
  for (const line of titleLines) {
    drawText(doc, ctx.fonts, line, MARGIN.left, ctx.y, { style: 'bold' });
    ctx.y += 32;
  }
  if (meta.subtitle) {
    doc.setFontSize(13);
    doc.setTextColor(...COLORS.muted);
    drawText(doc, ctx.fonts, meta.subtitle, MARGIN.left, ctx.y);
    ctx.y += 20;
  }
  ctx.y += 10;
  for (const [label, value] of coverFacts(ctx)) {
    doc.setFontSize(10.5);
    doc.setTextColor(...COLORS.muted);
    doc.setFont(ctx.fonts.body, 'bold');
    doc.text(label, MARGIN.left, ctx.y);
    doc.setTextColor(...COLORS.text);
    setFontFor(doc, ctx.fonts, value);
    // Long values (many assets or benchmarks) wrap within the page instead of running off it.
    const lines = doc.splitTextToSize(value, contentWidth(ctx) - FACT_LABEL_WIDTH) as string[];
    for (const line of lines) {
      drawText(doc, ctx.fonts, line, MARGIN.left + FACT_LABEL_WIDTH, ctx.y);
      ctx.y += 14;
    }
    ctx.y += 2;
  }
  ctx.y += 8;
  if (meta.keyFigures.length > 0 && meta.portfolios.length > 0) {
    // The executive cover also holds the contents: two column groups at most keep it one page.
    const maxGroups = ctx.template === 'executive' ? 2 : undefined;
    renderTable(ctx, makeKeyFigureTable(meta, meta.keyFigures), { countRows: false, maxGroups });
  }
  if (meta.warnings.length > 0) {
    writeParagraph(ctx, `${meta.warnings.length} warning(s) from the run are listed under Methodology.`, {
      size: 8.5,
      color: COLORS.muted,
    });
  }
}

/** The label–value lines under the title. */
function coverFacts(ctx: PdfContext): [string, string][] {
  const { meta } = ctx.report;
  const facts: [string, string][] = [];
  if (meta.run) {
    facts.push(['Strategy', meta.run.strategyLabel]);
    facts.push(['Period', `${meta.run.exportedRange.from} to ${meta.run.exportedRange.to}`]);
    const { first, last } = meta.run.dataRange;
    if (first !== meta.run.exportedRange.from || last !== meta.run.exportedRange.to) {
      facts.push(['Run period', `${first} to ${last}`]);
    }
    facts.push(['Base currency', meta.run.baseCurrency]);
  }
  const benchmarks = meta.portfolios.filter((p) => p.role === 'benchmark').map((p) => p.name);
  if (benchmarks.length > 0) facts.push(['Benchmarks', benchmarks.join(', ')]);
  facts.push(['Template', meta.options.template]);
  if (meta.options.author) facts.push(['Author', meta.options.author]);
  facts.push(['Generated', `${meta.generatedAt} (${meta.app.name} ${meta.app.version})`]);
  return facts;
}
