/** The csv writer. STUB: being implemented. */
import type { ReportWriter } from '../writer.types';

export const csvWriter: ReportWriter = {
  format: 'csv',
  label: 'csv',
  async write() {
    throw new Error('csv writer: not implemented yet');
  },
};
