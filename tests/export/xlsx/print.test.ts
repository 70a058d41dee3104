import { describe, expect, it } from 'vitest';
import {
  columnWidthPx,
  createPrintSetup,
  headerFooterCodes,
  isWide,
  printAreaRef,
  printElements,
  printTitlesRef,
  sheetWidthPx,
} from '../../../src/export/xlsx/print';

const labels = { title: 'Risk & return', generatedAt: '2025-09-06T08:38:40Z', app: 'Backfolio 0.1.0' };

describe('print setup', () => {
  it('turns a sheet landscape only when portrait would shrink it', () => {
    expect(columnWidthPx(10)).toBe(75);
    expect(sheetWidthPx([10, 20], 5)).toBe(75 + 145 + 5);
    expect(isWide(698)).toBe(false);
    expect(isWide(699)).toBe(true);
    expect(isWide(sheetWidthPx([12, 19, 16, 21, 12, 22, 10, 17, 22]))).toBe(true);
    expect(isWide(sheetWidthPx([12, 16, 20, 18]))).toBe(false);
  });

  it('fits one page wide, repeats no rows by default, numbers pages', () => {
    const elements = printElements(createPrintSetup(), labels);
    expect(elements.map((e) => e.name)).toEqual(['pageMargins', 'pageSetup', 'headerFooter']);
    expect(elements[1]?.xml).toBe('<pageSetup orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
    expect(elements[2]?.xml).toBe(
      '<headerFooter><oddHeader>&amp;LRisk &amp;&amp; return&amp;R&amp;A</oddHeader><oddFooter>&amp;LBackfolio 0.1.0, generated 2025-09-06T08:38:40Z&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>',
    );
  });

  it('adds grid lines and manual page breaks before the given rows', () => {
    const setup = { ...createPrintSetup(), landscape: true, gridLines: true, pageBreaksBefore: [31, 1, 31, 60] };
    const elements = printElements(setup, labels);
    expect(elements.map((e) => e.name)).toEqual(['printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks']);
    expect(elements[4]?.xml).toBe('<rowBreaks count="2" manualBreakCount="2"><brk id="30" max="16383" man="1"/><brk id="59" max="16383" man="1"/></rowBreaks>');
  });

  it('cuts long titles, doubles ampersands, drops control characters', () => {
    const { header } = headerFooterCodes({ ...labels, title: `A&B\u0007${'x'.repeat(300)}` });
    expect(header.startsWith('&LA&&B x')).toBe(true);
    expect(header.endsWith('…&R&A')).toBe(true);
    expect(header.length).toBeLessThanOrEqual(255);
  });

  it('names the repeated rows and the printed range with the sheet name quoted', () => {
    const setup = { ...createPrintSetup(), titleRows: [1, 2] as [number, number], area: { lastColumn: 27, lastRow: 1828 } };
    expect(printTitlesRef("Bob's data", setup)).toBe("'Bob''s data'!$1:$2");
    expect(printAreaRef('Daily', setup)).toBe("'Daily'!$A$1:$AB$1828");
    expect(printTitlesRef('Overview', createPrintSetup())).toBeNull();
    expect(printAreaRef('Overview', createPrintSetup())).toBeNull();
  });
});
