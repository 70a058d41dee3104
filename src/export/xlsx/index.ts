/** The xlsx writer. STUB: being implemented. */
import type { ReportWriter } from '../writer.types';

export const xlsxWriter: ReportWriter = {
  format: 'xlsx',
  label: 'xlsx',
  async write() {
    throw new Error('xlsx writer: not implemented yet');
  },
};
