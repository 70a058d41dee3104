/**
 * The CSV package writer (`csv` → `.zip`): every report table as an RFC 4180 CSV file plus
 * `metadata.json`, streamed into the archive (see `package.ts`).
 */
import type { ReportWriter } from '../writer.types';
import { concatChunks } from '../zip';
import { streamCsvPackage } from './package';

export { streamCsvPackage, type CsvPackageSummary } from './package';
export type { PackageMetadata, PackageFileEntry } from './metadata';

/** The built-in CSV package writer; cancelling leaves no output (the partial archive is dropped). */
export const csvWriter: ReportWriter = {
  format: 'csv',
  label: 'CSV package (.zip)',
  async write(report, context) {
    const chunks: Uint8Array[] = [];
    const summary = await streamCsvPackage(report, (chunk) => chunks.push(chunk), {
      signal: context.signal,
      onProgress: context.onProgress,
      checkpoint: context.checkpoint,
      formulaGuard: context.csv?.formulaGuard,
    });
    return { bytes: concatChunks(chunks), extension: 'zip', mimeType: 'application/zip', rows: summary.rows };
  },
};
