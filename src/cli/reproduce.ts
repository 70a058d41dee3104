/**
 * `--reproduce <metadata.json>`: run an export's recorded configuration again on the same data.
 * The metadata (exports.md, metadata.json) holds the configuration under `config` (older drafts:
 * `run.config`) and the input hashes under `inputs.prices.sha256` / `inputs.fx.sha256`; data whose
 * SHA-256 differs is refused, since it could not reproduce the numbers.
 */
import { BackfolioError } from '../errors';
import type { ExportOptions, InputFileInfo, IsoDate, SectionId } from '../report/model.types';

export interface Reproduction {
  config: Record<string, unknown>;
  pricesSha256: string;
  pricesName?: string;
  fxSha256?: string;
  /** Export options recorded in the metadata: rows written, file-name prefix, PDF template, BOM. */
  exportOptions: Partial<Pick<ExportOptions, 'sections' | 'dateRange' | 'prefix' | 'template' | 'bom'>>;
  /** Throws `INPUT_MISMATCH` when the given files are not the recorded ones. */
  check(prices: InputFileInfo, fx: InputFileInfo | undefined): void;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Reads a parsed `metadata.json`; throws `CONFIG_INVALID` naming what is missing. */
export function readReproduction(metadata: unknown, fileName: string): Reproduction {
  const root = asRecord(metadata);
  const config = asRecord(root?.config) ?? asRecord(asRecord(root?.run)?.config);
  if (!root || !config) {
    throw new BackfolioError('CONFIG_INVALID', `--reproduce ${fileName}: config: missing, expected the run configuration of an export's metadata.json`);
  }
  const inputs = asRecord(root.inputs);
  const prices = asRecord(inputs?.prices);
  const pricesSha256 = typeof prices?.sha256 === 'string' ? prices.sha256.toLowerCase() : undefined;
  if (!pricesSha256 || !HEX64.test(pricesSha256)) {
    throw new BackfolioError(
      'CONFIG_INVALID',
      `--reproduce ${fileName}: inputs.prices.sha256: got ${JSON.stringify(prices?.sha256 ?? null)}, expected the 64-digit hex SHA-256 of the price file`,
    );
  }
  const fx = asRecord(inputs?.fx);
  const fxSha256 = typeof fx?.sha256 === 'string' ? fx.sha256.toLowerCase() : undefined;
  const pricesName = typeof prices?.name === 'string' ? prices.name : undefined;
  return {
    config,
    pricesSha256,
    ...(pricesName !== undefined ? { pricesName } : {}),
    ...(fxSha256 !== undefined ? { fxSha256 } : {}),
    exportOptions: readExportOptions(asRecord(root.export_options)),
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

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
