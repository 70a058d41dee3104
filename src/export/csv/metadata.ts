/**
 * `metadata.json` of the CSV package: enough to reproduce and audit the export (exports.md,
 * metadata.json). Keys are snake_case; the run configuration sits under the top-level `config`
 * key so the command-line tool can read it back. Host reports (no run) leave out the keys that
 * describe a run.
 */
import type { DataSourceInfo, InputFileInfo, Report } from '../../report/model.types';
import type { FormulaGuard } from '../writer.types';
import type { ZipEntrySummary } from '../zip';

/** One file of the package as listed in `metadata.json`. */
export interface PackageFileEntry {
  name: string;
  /** Data rows (header excluded). */
  rows: number;
  /** Size in bytes (byte-order mark included). */
  bytes: number;
  sha256: string;
}

/** The `metadata.json` document. */
export interface PackageMetadata {
  app: { name: string; version: string };
  title: string;
  engine_version?: string;
  generated_at: string;
  config?: Record<string, unknown>;
  strategy?: string;
  resolved?: {
    periods_per_year: number;
    periods_per_year_source: 'configured' | 'inferred';
    day0: string;
    first_date: string;
    last_date: string;
  };
  data_range?: { first: string; last: string; day0: string };
  exported_range?: { from: string; to: string };
  portfolios: { name: string; key: string; role: string }[];
  /** The input files with their SHA-256; `synthetic` and `source` when recorded; `data`: a host's data source. */
  inputs: { prices?: PackageInputFile; fx?: PackageInputFile; data?: PackageDataSource };
  export_options: {
    format: 'csv';
    sections: string[];
    template: string;
    date_range: { from: string | null; to: string | null } | null;
    prefix: string | null;
    bom: boolean;
    /**
     * What the CSV files did with text a spreadsheet would run as a formula: `escape`, a `'`
     * was put before each field starting with `=`, `+`, `-`, `@`, tab or CR; `none`, written as given.
     */
    formula_guard: FormulaGuard;
  };
  summary_scope?: 'run' | 'exported_range';
  files: PackageFileEntry[];
  glossary: { metric: string; label: string; formula: string }[];
  warnings: string[];
}

/** Where data comes from, as `metadata.json` records it (each key only when known). */
export interface PackageDataSource {
  /** The data is generated, not market data or real figures. */
  synthetic?: boolean;
  source?: string;
}

/** An input file as `metadata.json` records it. */
export interface PackageInputFile extends PackageDataSource {
  name: string;
  bytes: number;
  sha256: string;
}

/** The data-source keys that are set, in a fixed order (`synthetic`, `source`). */
function dataSourceEntry(info: DataSourceInfo): PackageDataSource {
  const entry: PackageDataSource = {};
  if (info.synthetic !== undefined) entry.synthetic = info.synthetic;
  if (info.source !== undefined) entry.source = info.source;
  return entry;
}

function inputFileEntry(info: InputFileInfo): PackageInputFile {
  return { name: info.name, bytes: info.bytes, sha256: info.sha256, ...dataSourceEntry(info) };
}

/** Pairs a closed zip entry with its data-row count. */
export function toFileEntry(summary: ZipEntrySummary, rows: number): PackageFileEntry {
  return { name: summary.name, rows, bytes: summary.bytes, sha256: summary.sha256 };
}

/** The metadata document of `report` listing `files` (in package order), written with `formulaGuard` (default `escape`). */
export function buildPackageMetadata(report: Report, files: PackageFileEntry[], formulaGuard: FormulaGuard = 'escape'): PackageMetadata {
  const { meta } = report;
  const range = meta.options.dateRange;
  const metadata: PackageMetadata = {
    app: { name: meta.app.name, version: meta.app.version },
    title: meta.title,
    generated_at: meta.generatedAt,
    portfolios: meta.portfolios.map((p) => ({ name: p.name, key: p.key, role: p.role })),
    inputs: {},
    export_options: {
      format: 'csv',
      sections: report.sections.map((s) => s.id),
      template: meta.options.template,
      date_range: range && (range.from || range.to) ? { from: range.from || null, to: range.to || null } : null,
      prefix: meta.options.prefix ?? null,
      bom: meta.options.bom !== false,
      formula_guard: formulaGuard,
    },
    files,
    glossary: meta.glossary.map((g) => ({ metric: g.key, label: g.label, formula: g.formula })),
    warnings: [...meta.warnings],
  };
  if (meta.inputs?.prices) metadata.inputs.prices = inputFileEntry(meta.inputs.prices);
  if (meta.inputs?.fx) metadata.inputs.fx = inputFileEntry(meta.inputs.fx);
  if (meta.inputs?.data) metadata.inputs.data = dataSourceEntry(meta.inputs.data);
  const run = meta.run;
  if (run === undefined) return metadata;
  if (meta.engineVersion !== undefined) metadata.engine_version = meta.engineVersion;
  metadata.config = run.config;
  metadata.strategy = run.strategyLabel;
  metadata.resolved = {
    periods_per_year: run.periodsPerYear,
    periods_per_year_source: run.periodsPerYearSource,
    day0: run.dataRange.day0,
    first_date: run.dataRange.first,
    last_date: run.dataRange.last,
  };
  metadata.data_range = { ...run.dataRange };
  metadata.exported_range = { ...run.exportedRange };
  metadata.summary_scope = run.summaryScope;
  return orderKeys(metadata);
}

// Readers scan metadata top-down: put the run (what produced the numbers) before the file list.
const KEY_ORDER: (keyof PackageMetadata)[] = [
  'app', 'title', 'engine_version', 'generated_at', 'config', 'strategy', 'resolved', 'data_range', 'exported_range',
  'portfolios', 'inputs', 'export_options', 'summary_scope', 'files', 'glossary', 'warnings',
];

function orderKeys(metadata: PackageMetadata): PackageMetadata {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (metadata[key] !== undefined) ordered[key] = metadata[key];
  return ordered as unknown as PackageMetadata;
}

/** Pretty-printed JSON (2 spaces) with a final newline. */
export function serializeMetadata(metadata: PackageMetadata): string {
  return `${JSON.stringify(metadata, null, 2)}\n`;
}
