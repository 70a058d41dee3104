// The public API as a strict host writes it: `exactOptionalPropertyTypes` (optional values that
// may be undefined), every entry point, the types a host needs to name.
import {
  BackfolioError,
  captureElement,
  createEventBus,
  exportReport,
  FONT_FILE_NAMES,
  registerWriter,
  reportFromTables,
  type DataSourceInfo,
  type ExportedFile,
  type ExportReportOptions,
  type FontSource,
  type FormulaGuard,
  type HostReportInput,
  type Report,
  type ReportWriter,
} from 'backfolio/export';
import { Dec, parseJsonStrict, runBacktest, validateConfig, type BacktestResult, type RunConfig } from 'backfolio/engine';
import { buildReport, createBacktestWorker, formatDisplayValue, parsePriceCsv, WorkerClient, type ResultView } from 'backfolio';

export async function exportHostTable(signal: AbortSignal | undefined, subtitle: string | undefined, guard: FormulaGuard | undefined, data: DataSourceInfo | undefined): Promise<ExportedFile[]> {
  const input: HostReportInput = {
    title: 'Sales',
    subtitle,
    data,
    tables: [{ id: 'sales', title: 'Sales', columns: [{ key: 'day', type: 'date', label: undefined }, { key: 'amount', type: 'currency', currency: 'EUR' }], rows: [['2024-01-02', '12.50']] }],
  };
  const report: Report = reportFromTables(input);
  const fonts: FontSource = { baseUrl: undefined, files: undefined };
  const options: ExportReportOptions = { formats: ['csv', 'xlsx', 'pdf'], signal, onProgress: undefined, csv: { formulaGuard: guard }, fonts, worker: 'auto', events: createEventBus() };
  const { files } = await exportReport(report, options);
  const notes: string[] = files.flatMap((file) => file.warnings);
  if (notes.length > 0) console.warn(notes.join('\n'));
  return files;
}

export function readConfig(text: string): RunConfig {
  return validateConfig(parseJsonStrict(text, 'run.json'));
}

export const fontNames: readonly string[] = Object.values(FONT_FILE_NAMES);

export const jsonWriter: ReportWriter = {
  format: 'json',
  label: 'JSON',
  async write(report, context) {
    await context.checkpoint?.();
    const bytes = new TextEncoder().encode(JSON.stringify(report.meta));
    return { bytes, extension: 'json', mimeType: 'application/json', rows: 0 };
  },
};
registerWriter('json', jsonWriter);

export async function capture(element: Element): Promise<number> {
  const chart = await captureElement(element, 'chart', { dpi: undefined });
  return chart.cssWidth;
}

export function backtest(csv: string): { final: string; shown: string; report: Report } {
  const result: BacktestResult = runBacktest({ config: validateConfig({ start_date: '2024-01-01', end_date: '2024-01-04', initial_capital: '10000', base_currency: 'USD', rebalancing_frequency: 'daily', strategy: { type: 'equal_weight', assets: ['AAA'] } }), prices: parsePriceCsv(csv) });
  const final = result.strategy.values.at(-1) ?? new Dec(0);
  const report = buildReport(result, { formats: ['csv'], template: 'detailed', bom: true });
  return { final: final.toFixed(2), shown: formatDisplayValue(0.1234, { kind: 'percent', decimals: 2 }), report };
}

export function startWorker(): WorkerClient {
  return new WorkerClient({ create: createBacktestWorker });
}

export type View = ResultView;

export function isLibraryError(error: unknown): error is BackfolioError {
  return error instanceof BackfolioError;
}
