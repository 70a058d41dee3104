/** The running header (report title) and footer (`page X of Y`, generated-at) drawn over finished pages. */
import { MARGIN, type PdfContext } from './context';
import { COLORS, TYPE } from './style';
import { drawText } from './text';

/** Draws the header from `headerFrom` and the footer from `footerFrom` to the last page, once the page count is final. */
export function drawRunningHeaderFooter(ctx: PdfContext, headerFrom: number, footerFrom = headerFrom): void {
  const { doc } = ctx;
  const total = doc.getNumberOfPages();
  const title = ctx.report.meta.title;
  const generated = `Generated ${ctx.report.meta.generatedAt}`;
  for (let page = Math.min(headerFrom, footerFrom); page <= total; page++) {
    doc.setPage(page);
    const width = doc.internal.pageSize.getWidth();
    const height = doc.internal.pageSize.getHeight();
    doc.setFontSize(TYPE.caption);
    doc.setTextColor(...COLORS.muted);
    doc.setDrawColor(...COLORS.rule);
    doc.setLineWidth(0.5);
    if (page >= headerFrom) {
      drawText(doc, ctx.fonts, title, MARGIN.left, 30);
      doc.line(MARGIN.left, 36, width - MARGIN.right, 36);
    }
    if (page >= footerFrom) {
      doc.line(MARGIN.left, height - 34, width - MARGIN.right, height - 34);
      doc.setFont(ctx.fonts.body, 'normal');
      doc.text(generated, MARGIN.left, height - 22);
      doc.text(`page ${page} of ${total}`, width - MARGIN.right, height - 22, { align: 'right' });
    }
  }
}
