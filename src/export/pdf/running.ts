/** The running header (report title) and footer (`page X of Y`, generated-at) drawn over finished pages. */
import { MARGIN, type PdfContext } from './context';
import { COLORS, drawText } from './text';

/** Draws header and footer on every page from `firstPage` to the last, once the page count is final. */
export function drawRunningHeaderFooter(ctx: PdfContext, firstPage: number): void {
  const { doc } = ctx;
  const total = doc.getNumberOfPages();
  const title = ctx.report.meta.title;
  const generated = `Generated ${ctx.report.meta.generatedAt}`;
  for (let page = firstPage; page <= total; page++) {
    doc.setPage(page);
    const width = doc.internal.pageSize.getWidth();
    const height = doc.internal.pageSize.getHeight();
    doc.setFontSize(8);
    doc.setTextColor(...COLORS.muted);
    drawText(doc, ctx.fonts, title, MARGIN.left, 30);
    doc.setDrawColor(...COLORS.rule);
    doc.setLineWidth(0.5);
    doc.line(MARGIN.left, 36, width - MARGIN.right, 36);
    doc.line(MARGIN.left, height - 34, width - MARGIN.right, height - 34);
    doc.setFont(ctx.fonts.body, 'normal');
    doc.text(generated, MARGIN.left, height - 22);
    doc.text(`page ${page} of ${total}`, width - MARGIN.right, height - 22, { align: 'right' });
  }
}
