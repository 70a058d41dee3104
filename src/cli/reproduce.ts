/**
 * `--reproduce <metadata.json>`: run an export's recorded configuration again on the same data.
 * The metadata (exports.md, metadata.json) holds the configuration under `config` (older drafts:
 * `run.config`), the input hashes under `inputs.prices.sha256` / `inputs.fx.sha256` and every
 * file of the package with its SHA-256 under `files`. Data whose SHA-256 differs is refused, since
 * it could not reproduce the numbers; and the reproduced files are checked against `files`, so
 * an edited configuration (or an edited hash) is named and refused instead of silently rerun.
 */
import { unzipSync } from 'fflate';
import { validateConfig } from '../engine/config';
import type { RunConfig } from '../engine/types';
import { BackfolioError, errorFromIssues, listWithCount } from '../errors';
import { sha256Hex } from '../export/sha256';
import type { FormulaGuard } from '../export/writer.types';
import type { ExportOptions, InputFileInfo, IsoDate, SectionId } from '../report/model.types';

export interface Reproduction {
  config: Record<string, unknown>;
  pricesSha256: string;
  pricesName?: string;
  fxSha256?: string;
  /** Export options recorded in the metadata: rows written, file-name prefix, PDF template, BOM. */
  exportOptions: Partial<Pick<ExportOptions, 'sections' | 'dateRange' | 'prefix' | 'template' | 'bom'>>;
  /** The CSV formula guard recorded (`export_options.formula_guard`); absent in older metadata, which always escaped. */
  formulaGuard?: FormulaGuard;
  /** The package's files as recorded (`files`: name and SHA-256); empty when the metadata has none. */
  recordedFiles: { name: string; sha256: string }[];
  /** The engine version recorded (`engine_version`), when present. */
  engineVersion?: string;
  /** The metadata file's name, for messages. */
  fileName: string;
  /** Throws `INPUT_MISMATCH` when the given files are not the recorded ones. */
  check(prices: InputFileInfo, fx: InputFileInfo | undefined): void;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Reads a parsed `metadata.json`; throws `CONFIG_INVALID` naming what is missing. */
export function readReproduction(metadata: unknown, fileName: string): Reproduction {
  const root = asRecord(metadata);
  const config = asRecord(root?.config) ?? asRecord(asRecord(root?.run)?.config);
  if (!root || !config) {
    throw new BackfolioError(
      'CONFIG_INVALID',
      `--reproduce ${fileName}: config: missing, expected the run configuration of an export's metadata.json (its "config" field)`,
    );
  }
  const inputs = asRecord(root.inputs);
  const prices = asRecord(inputs?.prices);
  const pricesSha256 = typeof prices?.sha256 === 'string' ? prices.sha256.toLowerCase() : undefined;
  if (!pricesSha256 || !HEX64.test(pricesSha256)) {
    throw new BackfolioError(
      'CONFIG_INVALID',
      `--reproduce ${fileName}: inputs.prices.sha256: got ${JSON.stringify(prices?.sha256 ?? null)}, expected the SHA-256 of the price file the export was made from (64 hex digits, as sha256sum prints)`,
    );
  }
  const fx = asRecord(inputs?.fx);
  const fxSha256 = typeof fx?.sha256 === 'string' ? fx.sha256.toLowerCase() : undefined;
  const pricesName = typeof prices?.name === 'string' ? prices.name : undefined;
  const engineVersion = typeof root.engine_version === 'string' ? root.engine_version : undefined;
  const formulaGuard = readFormulaGuard(asRecord(root.export_options), fileName);
  return {
    config,
    fileName,
    recordedFiles: readRecordedFiles(root.files, fileName),
    ...(engineVersion !== undefined ? { engineVersion } : {}),
    pricesSha256,
    ...(pricesName !== undefined ? { pricesName } : {}),
    ...(fxSha256 !== undefined ? { fxSha256 } : {}),
    exportOptions: readExportOptions(asRecord(root.export_options)),
    ...(formulaGuard !== undefined ? { formulaGuard } : {}),
    check(givenPrices, givenFx) {
      const problems: string[] = [];
      if (givenPrices.sha256 !== pricesSha256) {
        problems.push(`prices ${givenPrices.name}: SHA-256 ${givenPrices.sha256}, but the export was made from ${pricesName ?? 'a file'} with SHA-256 ${pricesSha256}`);
      }
      if (fxSha256 !== undefined && givenFx === undefined) problems.push(`the export used an FX file (SHA-256 ${fxSha256}); pass it with --fx`);
      if (fxSha256 !== undefined && givenFx !== undefined && givenFx.sha256 !== fxSha256) {
        problems.push(`fx ${givenFx.name}: SHA-256 ${givenFx.sha256}, but the export was made with SHA-256 ${fxSha256}`);
      }
      if (fxSha256 === undefined && givenFx !== undefined) problems.push(`fx ${givenFx.name}: the export used no FX file`);
      if (problems.length > 0) {
        throw new BackfolioError('INPUT_MISMATCH', `--reproduce ${fileName}: the data differs from the export's, so it cannot reproduce it:\n  ${problems.join('\n  ')}`);
      }
    },
  };
}

/**
 * Validates the configuration recorded in the metadata, naming its fields as they are in that
 * file (`config.initial_capital`), so a user finds what to fix.
 */
export function validateRecordedConfig(config: unknown): RunConfig {
  try {
    return validateConfig(config);
  } catch (error) {
    if (!(error instanceof BackfolioError) || error.code !== 'CONFIG_INVALID' || error.issues.length === 0) throw error;
    const issues = error.issues.map((issue) => ({ ...issue, path: `config.${issue.path}` }));
    throw errorFromIssues('CONFIG_INVALID', 'The run configuration in its "config" field is invalid', issues);
  }
}

/** The `files` list: each entry's name and SHA-256 (entries without both are refused, naming them). */
function readRecordedFiles(value: unknown, fileName: string): { name: string; sha256: string }[] {
  if (value === undefined) return [];
  const bad = (index: number, why: string): BackfolioError =>
    new BackfolioError('CONFIG_INVALID', `--reproduce ${fileName}: files[${index}]: ${why}, expected {"name": "<file>.csv", "sha256": "<64 hex digits>"} as the export wrote it`);
  if (!Array.isArray(value)) throw new BackfolioError('CONFIG_INVALID', `--reproduce ${fileName}: files: got ${JSON.stringify(value)}, expected the list of the package's files`);
  return value.map((entry: unknown, index) => {
    const record = asRecord(entry);
    if (typeof record?.name !== 'string') throw bad(index, 'no file name');
    const sha256 = typeof record.sha256 === 'string' ? record.sha256.toLowerCase() : '';
    if (!HEX64.test(sha256)) throw bad(index, `the SHA-256 of ${record.name} is ${JSON.stringify(record.sha256 ?? null)}`);
    return { name: record.name, sha256 };
  });
}

/** How the reproduced package compares with the recorded `files`. */
export interface FileComparison {
  /** Recorded and reproduced, with different SHA-256. */
  differing: string[];
  /** Recorded but not reproduced (or the reverse): the sections differ. */
  missing: string[];
  added: string[];
  /** Files compared. */
  compared: number;
}

/** Compares the CSV package just built (zip bytes) with the files the metadata records. */
export function compareWithRecorded(recorded: { name: string; sha256: string }[], zip: Uint8Array): FileComparison {
  const entries = unzipSync(zip);
  const reproduced = new Map<string, string>();
  for (const [name, bytes] of Object.entries(entries)) if (name !== 'metadata.json') reproduced.set(name, sha256Hex(bytes));
  const differing: string[] = [];
  const missing: string[] = [];
  for (const file of recorded) {
    if (file.name === 'metadata.json') continue;
    const hash = reproduced.get(file.name);
    if (hash === undefined) missing.push(file.name);
    else if (hash !== file.sha256) differing.push(file.name);
  }
  const names = new Set(recorded.map((f) => f.name));
  const added = [...reproduced.keys()].filter((name) => !names.has(name));
  return { differing, missing, added, compared: recorded.length };
}

/**
 * Throws `INPUT_MISMATCH` when the reproduced package is not the recorded one, naming the files
 * that differ and where to look: the metadata's `config` (or its `files` hashes) was edited, or
 * another engine version computes differently.
 */
export function assertReproduced(reproduction: Reproduction, comparison: FileComparison, engineVersion: string): void {
  const { differing, missing, added } = comparison;
  if (differing.length + missing.length + added.length === 0) return;
  const parts: string[] = [];
  const one = (items: string[], singular: string, plural: string): string => (items.length === 1 ? singular : plural);
  if (differing.length > 0) parts.push(`${listWithCount(differing, 'file', 12)} ${one(differing, 'differs', 'differ')} from the SHA-256 recorded in its "files" field`);
  if (missing.length > 0) parts.push(`${listWithCount(missing, 'recorded file', 12)} ${one(missing, 'was', 'were')} not produced`);
  if (added.length > 0) parts.push(`${listWithCount(added, 'file', 12)} ${one(added, 'is', 'are')} not in its "files" field`);
  const engine =
    reproduction.engineVersion !== undefined && reproduction.engineVersion !== engineVersion
      ? ` The export was made by engine ${reproduction.engineVersion}; this is engine ${engineVersion}, which may compute differently.`
      : ' The same data and engine give the same files, so the metadata was changed after the export: its "config" field (the run configuration) or its recorded hashes.';
  throw new BackfolioError(
    'INPUT_MISMATCH',
    `--reproduce ${reproduction.fileName}: the reproduced export is not the one this metadata describes: ${parts.join('; ')}.${engine} ` +
      'Nothing was written. To run a changed configuration, save it as its own file and pass it with --config.',
  );
}

function readExportOptions(options: Record<string, unknown> | undefined): Partial<Pick<ExportOptions, 'sections' | 'dateRange' | 'prefix' | 'template' | 'bom'>> {
  const picked: Partial<Pick<ExportOptions, 'sections' | 'dateRange' | 'prefix' | 'template' | 'bom'>> = {};
  if (typeof options?.prefix === 'string' && options.prefix.trim() !== '') picked.prefix = options.prefix;
  if (options?.template === 'executive' || options?.template === 'detailed' || options?.template === 'compliance') {
    picked.template = options.template;
  }
  if (typeof options?.bom === 'boolean') picked.bom = options.bom;
  if (Array.isArray(options?.sections) && options.sections.every((s): s is string => typeof s === 'string')) {
    picked.sections = options.sections as SectionId[];
  }
  const range = asRecord(options?.date_range);
  if (range) {
    const dateRange: { from?: IsoDate; to?: IsoDate } = {};
    if (typeof range.from === 'string') dateRange.from = range.from;
    if (typeof range.to === 'string') dateRange.to = range.to;
    picked.dateRange = dateRange;
  }
  return picked;
}

/** `export_options.formula_guard`: `escape`, `none`, or absent (older metadata); anything else is refused. */
function readFormulaGuard(options: Record<string, unknown> | undefined, fileName: string): FormulaGuard | undefined {
  const guard = options?.formula_guard;
  if (guard === undefined || guard === 'escape' || guard === 'none') return guard;
  throw new BackfolioError(
    'CONFIG_INVALID',
    `--reproduce ${fileName}: export_options.formula_guard: got ${JSON.stringify(guard)}, expected "escape" or "none" (how the CSV files treated text starting with =, +, -, @)`,
  );
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
