/** The pdf writer. STUB: being implemented. */
import type { ReportWriter } from '../writer.types';

export const pdfWriter: ReportWriter = {
  format: 'pdf',
  label: 'pdf',
  async write() {
    throw new Error('pdf writer: not implemented yet');
  },
};
