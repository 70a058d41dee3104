/**
 * The Excel workbook writer (`.xlsx`): real cell types and number formats, a formula-driven
 * Overview, styled frozen headers, autofilters and a colour-scaled monthly grid. SheetJS loads
 * only when `write` runs.
 */
import type { ReportWriter } from '../writer.types';
import { writeWorkbook } from './workbook';

/** MIME type of `.xlsx` files. */
export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The built-in `xlsx` writer of the registry. */
export const xlsxWriter: ReportWriter = {
  format: 'xlsx',
  label: 'Excel workbook',
  async write(report, context) {
    const { bytes, rows, warnings } = await writeWorkbook(report, context);
    return { bytes, extension: 'xlsx', mimeType: XLSX_MIME_TYPE, rows, warnings };
  },
};

export { writeWorkbook, layoutSheets } from './workbook';
export { excelSerialFromIsoDate, numberFormatFor } from './cells';
export { sanitizeSheetName, createSheetNamer } from './sheet-names';
