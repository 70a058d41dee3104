/**
 * The writer registry: built-in formats, each loaded on first use (so `xlsx`, `jspdf` and their
 * fonts cost nothing until someone exports), and any format a host registers.
 */
import type { ReportWriter } from './writer.types';

type WriterLoader = () => Promise<ReportWriter>;

const BUILT_IN = new Map<string, WriterLoader>([
  ['csv', async () => (await import('./csv/index')).csvWriter],
  ['xlsx', async () => (await import('./xlsx/index')).xlsxWriter],
  ['pdf', async () => (await import('./pdf/index')).pdfWriter],
]);

const loaders = new Map<string, WriterLoader>(BUILT_IN);

/** Adds or replaces a format; a host can add its own (e.g. `json`, `html`). */
export function registerWriter(format: string, load: WriterLoader | ReportWriter): void {
  loaders.set(format, typeof load === 'function' ? load : async () => load);
}

/** Whether `format` is still served by its built-in writer (which the export worker also has). */
export function isBuiltInFormat(format: string): boolean {
  const builtIn = BUILT_IN.get(format);
  return builtIn !== undefined && loaders.get(format) === builtIn;
}

/** The formats currently registered, built-ins first. */
export function listFormats(): string[] {
  return [...loaders.keys()];
}

/** Loads the writer of a format; throws `EXPORT_FAILED` naming the format when unknown. */
export async function getWriter(format: string): Promise<ReportWriter> {
  const load = loaders.get(format);
  if (!load) {
    const { BackfolioError } = await import('../errors');
    throw new BackfolioError('EXPORT_FAILED', `format: got "${format}", expected one of ${listFormats().join(', ')}`);
  }
  return load();
}
