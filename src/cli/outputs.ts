/**
 * Turning a backtest result into the files the tool writes: the export formats through
 * `exportReport` (one report model feeds every writer, as in the dashboard), and `json`, the raw
 * result with Decimals as strings, for scripts.
 */
import { configToJson } from '../engine/config';
import { BackfolioError } from '../errors';
import { checkDateRange, CLI_LABELS } from '../export-choices';
import type { BacktestResult } from '../engine/types';
import { exportFileName } from '../export/naming';
import { exportReport } from '../export/export';
import type { CsvWriteOptions } from '../export/writer.types';
import { buildReport } from '../report/build';
import type { ExportFormat, ExportOptions, InputFileInfo } from '../report/model.types';
import { APP_NAME, APP_VERSION } from '../version';
import type { CliArgs } from './args';

/** A file ready to write: its name inside the output folder, its bytes and its writer's warnings. */
export interface OutputFile {
  name: string;
  bytes: Uint8Array;
  /** What the writer could not do as asked (`ExportedFile.warnings`), printed after the file lines. */
  warnings?: string[];
}

export interface OutputContext {
  result: BacktestResult;
  args: CliArgs;
  inputs: { prices: InputFileInfo; fx?: InputFileInfo };
  /** Export time: one stamp for every file of a run. */
  now: Date;
  /** Recorded options of a reproduced export (sections, date range). */
  recorded?: Partial<Pick<ExportOptions, 'sections' | 'dateRange' | 'prefix' | 'template' | 'bom'>>;
  /** Stops the writers (an interrupt). */
  signal?: AbortSignal;
  /** CSV options (the formula guard a reproduced export recorded); escaped by default. */
  csv?: CsvWriteOptions;
}

/** Builds every requested file in memory (so a failure leaves nothing on disk). */
export async function buildOutputs(context: OutputContext): Promise<OutputFile[]> {
  const { result, args, inputs, now } = context;
  // An explicit --prefix wins over the one recorded in a reproduced export.
  const prefix = args.prefix ?? context.recorded?.prefix ?? result.config.name;
  const files: OutputFile[] = [];
  const reportFormats = args.formats.filter((f): f is ExportFormat => f !== 'json');
  if (reportFormats.length > 0) {
    const options: ExportOptions = {
      formats: reportFormats,
      ...context.recorded,
      // Explicit arguments win over what a reproduced export recorded.
      template: args.template ?? context.recorded?.template ?? 'detailed',
      bom: args.bom ?? context.recorded?.bom ?? true,
      prefix,
      ...(args.sections ? { sections: args.sections } : {}),
      ...(args.dateRange ? { dateRange: args.dateRange } : {}),
    };
    if (args.dateRange) checkRangeInsideRun(args.dateRange, result.dates);
    const report = buildReport(result, options, { generatedAt: toIsoSeconds(now), inputs });
    // The dashboard's export path: same writers, same names, one stamp for every file.
    const exported = await exportReport(report, {
      formats: reportFormats,
      now: () => now,
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.csv ? { csv: context.csv } : {}),
    });
    for (const file of exported.files) files.push({ name: file.name, bytes: file.bytes, warnings: file.warnings });
  }
  if (args.formats.includes('json')) {
    files.push({ name: exportFileName(prefix, 'json', now), bytes: serializeResult(result, inputs, now) });
  }
  return files;
}

/** `--from`/`--to` outside the run: the dialog's message, as a usage error (exit code 2). */
function checkRangeInsideRun(range: { from?: string; to?: string }, dates: readonly string[]): void {
  const run = { first: dates[0] ?? '', last: dates[dates.length - 1] ?? '' };
  const [problem] = checkDateRange(range.from ?? '', range.to ?? '', CLI_LABELS, run);
  if (problem) throw new BackfolioError('CLI_USAGE', `${problem.message} (see --help)`);
}

/**
 * The raw result as JSON with the keys `--reproduce` reads (`config`, `inputs.prices.sha256`), so
 * this file can be reproduced like an export's metadata.json. Decimals are written as strings
 * (decimal.js `toJSON`), never as binary floats.
 */
export function serializeResult(result: BacktestResult, inputs: { prices: InputFileInfo; fx?: InputFileInfo }, now: Date): Uint8Array {
  const document = {
    app: { name: APP_NAME, version: APP_VERSION },
    engine_version: result.engine_version,
    generated_at: toIsoSeconds(now),
    config: configToJson(result.config),
    inputs,
    result,
  };
  return new TextEncoder().encode(`${JSON.stringify(document)}\n`);
}

/** `2025-09-06T08:38:40Z`: ISO 8601 UTC without milliseconds, as the report model expects. */
function toIsoSeconds(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}
