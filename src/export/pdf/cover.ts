/**
 * The cover of the detailed and compliance templates: title, period, the strategy in one line,
 * the facts of the run and the headline figures as tiles (strategy against benchmarks); the
 * contents follow on the cover when they fit.
 */
import { syntheticNotice } from '../../report/provenance';
import { contentWidth, MARGIN, type PdfContext } from './context';
import { makeNamer } from './convert';
import { COLORS, lineHeight, SPACE, TYPE } from './style';
import { drawText, wrapText } from './text';
import { drawFigureGrid } from './tiles';

const FACT_LABEL_WIDTH = 92;

/** Draws the cover on the current (first) page; leaves the cursor below it. */
export function drawCover(ctx: PdfContext): void {
  const { doc, fonts } = ctx;
  const { meta } = ctx.report;
  const x = MARGIN.left;
  const width = contentWidth(ctx);
  ctx.y = 64;
  doc.setFontSize(TYPE.display + 4);
  doc.setTextColor(...COLORS.accent);
  for (const line of wrapText(doc, fonts, meta.title, width, 'bold')) {
    drawText(doc, fonts, line, x, ctx.y + (TYPE.display + 4) * 0.85, { style: 'bold' });
    ctx.y += lineHeight(TYPE.display + 4);
  }
  const template = meta.options.template === 'compliance' ? 'Compliance report' : 'Detailed report';
  doc.setFontSize(TYPE.heading + 1);
  doc.setTextColor(...COLORS.muted);
  drawText(doc, fonts, [template, meta.subtitle].filter(Boolean).join('   ·   '), x, ctx.y + TYPE.heading);
  ctx.y += lineHeight(TYPE.heading + 1) + SPACE;
  doc.setDrawColor(...COLORS.accent);
  doc.setLineWidth(0.8);
  doc.line(x, ctx.y, x + width, ctx.y);
  ctx.y += SPACE * 2;
  for (const [label, value] of coverFacts(ctx)) {
    doc.setFontSize(TYPE.body);
    doc.setTextColor(...COLORS.muted);
    drawText(doc, fonts, label, x, ctx.y + TYPE.body, { style: 'bold' });
    doc.setTextColor(...COLORS.text);
    // Long values (many assets or benchmarks) wrap within the page instead of running off it.
    for (const line of wrapText(doc, fonts, value, width - FACT_LABEL_WIDTH)) {
      drawText(doc, fonts, line, x + FACT_LABEL_WIDTH, ctx.y + TYPE.body);
      ctx.y += lineHeight(TYPE.body);
    }
    ctx.y += 2;
  }
  ctx.y += SPACE * 2;
  if (meta.keyFigures.length > 0 && meta.portfolios.length > 0) {
    ctx.y += drawFigureGrid(ctx, meta, meta.keyFigures.slice(0, 6), { x, y: ctx.y, w: width, columns: 3 }) + SPACE * 2;
  }
  if (meta.warnings.length > 0) {
    doc.setFontSize(TYPE.caption);
    doc.setTextColor(...COLORS.muted);
    const where = meta.run ? 'Methodology and glossary' : 'About this report';
    drawText(doc, fonts, `${meta.warnings.length === 1 ? 'One warning' : `${meta.warnings.length} warnings`} from the run: see ${where}.`, x, ctx.y + TYPE.caption);
    ctx.y += lineHeight(TYPE.caption) + SPACE;
  }
}

/** The label–value lines under the title. */
function coverFacts(ctx: PdfContext): [string, string][] {
  const { meta } = ctx.report;
  const name = makeNamer(meta);
  const facts: [string, string][] = [];
  if (meta.run) {
    facts.push(['Strategy', meta.run.strategyLabel]);
    facts.push(['Period', `${meta.run.exportedRange.from} to ${meta.run.exportedRange.to}`]);
    const { first, last } = meta.run.dataRange;
    if (first !== meta.run.exportedRange.from || last !== meta.run.exportedRange.to) facts.push(['Run period', `${first} to ${last}`]);
    facts.push(['Base currency', meta.run.baseCurrency]);
  }
  const benchmarks = meta.portfolios.filter((p) => p.role === 'benchmark').map((p) => name(p.name));
  if (benchmarks.length > 0) facts.push(['Benchmarks', benchmarks.join(', ')]);
  const synthetic = syntheticNotice(meta);
  if (synthetic !== null) facts.push(['Data', synthetic]);
  if (meta.options.author) facts.push(['Author', meta.options.author]);
  facts.push(['Generated', `${meta.generatedAt} by ${meta.app.name} ${meta.app.version}`]);
  return facts;
}
