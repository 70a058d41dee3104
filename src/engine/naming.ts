/**
 * Names that become column names of the exported files (exports.md, CSV package): the Unicode
 * snake_case key of a portfolio, and the check that every file's column names are unique, run
 * on the configuration before anything is computed.
 *
 * A reader finds a column by its name: two equal names in one file make pandas rename one and
 * Excel's MATCH pick the first, so the strategy's value could silently be read as a
 * benchmark's. Such a run is refused, naming both names, the file and the column.
 */
import { errorFromIssues, type InputIssue } from '../errors';
import type { RunConfig } from './types';

/** A run of Unicode letters or digits, with the combining marks that belong to them. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/**
 * The export contract's naming rule for portfolios: lower case, every run of characters that
 * are not Unicode letters or digits becomes `_`, trimmed at both ends (`Risk parity crypto` →
 * `risk_parity_crypto`, `Биткоин` → `биткоин`, `比特币 50/50` → `比特币_50_50`). Text is
 * NFC-normalised first and combining marks stay with their letter, so `café` is one word however
 * it was typed. A name with no letter or digit (`🚀`, `—`) gives `fallback` (default `''`):
 * configuration validation refuses such a name rather than inventing a key.
 */
export function toSnakeKey(name: string, fallback = ''): string {
  const words = name.normalize('NFC').toLowerCase().normalize('NFC').match(WORD);
  return words === null ? fallback : words.join('_');
}

/**
 * An ASCII-only key (a–z, 0–9, `_`) for identifiers that must stay ASCII (host table ids used
 * as file names): every run of other characters becomes `_`, trimmed; `fallback` when empty.
 */
export function toAsciiKey(name: string, fallback: string): string {
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return key === '' ? fallback : key;
}

/**
 * The columns of the export files that hold names from the configuration (exports.md). Fixed
 * columns are the file's own; `portfolios` lists which portfolios give a column and how.
 * Files whose columns are all fixed cannot collide and are not listed.
 */
export const NAMED_COLUMN_FILES: readonly NamedColumnFile[] = [
  { file: 'performance_summary.csv', fixed: ['metric'], portfolios: 'all', portfolioColumn: (key) => key },
  {
    file: 'daily_portfolio_data.csv',
    fixed: ['date', 'portfolio_value', 'daily_return', 'cumulative_return', 'drawdown', 'volatility_rolling', 'cash'],
    portfolios: 'benchmarks',
    portfolioColumn: (key) => `${key}_value`,
  },
  { file: 'asset_allocations.csv', fixed: ['date', 'cash_weight'], assetColumn: (symbol) => `${symbol}_weight` },
  { file: 'correlation_matrix.csv', fixed: ['asset'], assetColumn: (symbol) => symbol },
  { file: 'yearly_returns.csv', fixed: ['year'], portfolios: 'all', portfolioColumn: (key) => key },
  { file: 'trailing_returns.csv', fixed: ['period'], portfolios: 'all', portfolioColumn: (key) => key },
];

/** One export file whose column names come partly from the configuration. */
export interface NamedColumnFile {
  file: string;
  /** The file's own columns, in no particular order (checked against the report in tests). */
  fixed: readonly string[];
  /** Which portfolios give a column: all (strategy first) or only the benchmarks. */
  portfolios?: 'all' | 'benchmarks';
  portfolioColumn?: (key: string) => string;
  /** The column of each strategy asset (symbols as given). */
  assetColumn?: (symbol: string) => string;
}

/** A name of the configuration, where it is (`benchmarks[1].name`) and what it names. */
export interface ConfigName {
  value: string;
  path: string;
}

/** The names a run's columns are made of: portfolio names (strategy first) and strategy symbols. */
export interface ColumnNames {
  portfolios: ConfigName[];
  assets: ConfigName[];
}

/** The names of a validated configuration, with the key paths the validator would give them. */
export function listColumnNames(config: RunConfig): ColumnNames {
  const strategy = config.strategy;
  const assets =
    strategy.type === 'fixed'
      ? strategy.weights.map((w) => ({ value: w.symbol, path: `strategy.weights.${w.symbol}` }))
      : strategy.assets.map((symbol, i) => ({ value: symbol, path: `strategy.assets[${i}]` }));
  return {
    portfolios: [{ value: config.name, path: 'name' }, ...config.benchmarks.map((b, i) => ({ value: b.name, path: `benchmarks[${i}].name` }))],
    assets,
  };
}

// Characters that make a spreadsheet run text as a formula: the CSV writer puts a `'` in front
// (exports.md; src/export/csv/encode.ts), so `=A` is written as `'=A`, like a symbol `'=A`.
const FORMULA_START = /^[=+\-@\t\r]/;
// Invisible characters (zero-width space, joiners, direction marks, BOM) and other format controls.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}]/gu;

/** A column name as a CSV file writes it (formula guard applied). */
export function writtenColumnName(name: string): string {
  return FORMULA_START.test(name) ? `'${name}` : name;
}

/**
 * What a reader compares when looking a column up: the written name, NFC-normalised, without
 * invisible characters, in lower case (Excel and LibreOffice match names without case).
 */
function columnIdentity(name: string): string {
  return writtenColumnName(name).normalize('NFC').replace(INVISIBLE, '').toLowerCase();
}

interface ColumnSource {
  /** The column as written. */
  column: string;
  /** `null` for a fixed column. */
  name: ConfigName | null;
  kind: 'fixed' | 'portfolio' | 'asset';
}

/**
 * Every configuration name that is unusable as a column: a portfolio name with no letter or
 * digit, and every pair of names (or a name and a fixed column) that give the same column in
 * one of `NAMED_COLUMN_FILES`. One issue per clashing pair, at the later name's path, naming both
 * names, the column and the files.
 *
 * @example
 * // A benchmark named "Portfolio" gives daily_portfolio_data.csv two portfolio_value columns.
 * findColumnCollisions({ portfolios: [{ value: 'Run', path: 'name' }, { value: 'Portfolio', path: 'benchmarks[0].name' }], assets: [] })
 */
export function findColumnCollisions(names: ColumnNames): InputIssue[] {
  const issues: InputIssue[] = [];
  const usable: ConfigName[] = [];
  names.portfolios.forEach((portfolio) => {
    if (toSnakeKey(portfolio.value) === '') {
      issues.push({
        path: portfolio.path,
        value: portfolio.value,
        expected: 'a name with at least one letter or digit (it becomes the column name of this portfolio in the export files)',
      });
    } else usable.push(portfolio);
  });
  const strategy = usable[0]?.path === names.portfolios[0]?.path ? usable[0] : undefined;
  const benchmarks = usable.filter((p) => p !== strategy);
  // One issue per pair of sources; the files it happens in are gathered.
  const clashes = new Map<string, { first: ColumnSource; second: ColumnSource; files: string[] }>();
  for (const layout of NAMED_COLUMN_FILES) {
    const sources: ColumnSource[] = layout.fixed.map((column) => ({ column, name: null, kind: 'fixed' }));
    if (layout.portfolioColumn !== undefined) {
      const portfolios = layout.portfolios === 'benchmarks' ? benchmarks : strategy === undefined ? benchmarks : [strategy, ...benchmarks];
      for (const portfolio of portfolios) {
        sources.push({ column: writtenColumnName(layout.portfolioColumn(toSnakeKey(portfolio.value))), name: portfolio, kind: 'portfolio' });
      }
    }
    if (layout.assetColumn !== undefined) {
      for (const asset of names.assets) sources.push({ column: writtenColumnName(layout.assetColumn(asset.value)), name: asset, kind: 'asset' });
    }
    const seen = new Map<string, ColumnSource>();
    for (const source of sources) {
      const identity = columnIdentity(source.column);
      const first = seen.get(identity);
      if (first === undefined) {
        seen.set(identity, source);
        continue;
      }
      const pairKey = `${describeSource(first)}|${describeSource(source)}`;
      const clash = clashes.get(pairKey) ?? { first, second: source, files: [] };
      clash.files.push(layout.file);
      clashes.set(pairKey, clash);
    }
  }
  for (const { first, second, files } of clashes.values()) {
    const name = second.name as ConfigName;
    issues.push({
      path: name.path,
      value: name.value,
      expected:
        `a ${second.kind === 'asset' ? 'symbol' : 'name'} whose column differs from ${describeSource(first)}: ` +
        `both give the column ${describeSameness(first.column, second.column)} in ${files.join(', ')}${describeGuard(first, second)}`,
    });
  }
  return issues;
}

/** The shared column, and why two different texts count as one name. */
function describeSameness(first: string, second: string): string {
  if (first === second) return `"${second}"`;
  if (first.toLowerCase() === second.toLowerCase()) {
    return `"${second}" (as "${first}" but for case, which Excel and LibreOffice ignore when they look a column up)`;
  }
  return `"${second}" (as "${first}" but for invisible characters or Unicode normalisation: a reader sees one name)`;
}

/** Why `=A` and `'=A` meet: the formula guard of the CSV and workbook writers. */
function describeGuard(first: ColumnSource, second: ColumnSource): string {
  const guarded = [first, second].some((source) => source.name !== null && FORMULA_START.test(source.name.value));
  return guarded ? ' (a name starting with = + - @ is written with a leading \' so that spreadsheets do not run it as a formula)' : '';
}

function describeSource(source: ColumnSource): string {
  if (source.name === null) return `the fixed column "${source.column}"`;
  const what = source.kind === 'asset' ? 'the symbol' : source.name.path === 'name' ? "the run's name" : 'the benchmark name';
  return `${what} "${source.name.value}" (${source.name.path})`;
}

/**
 * Throws `CONFIG_INVALID` when a validated configuration's names collide as columns (for a
 * `RunConfig` built by a host, which skips `validateConfig`).
 */
export function assertUniqueColumnNames(config: RunConfig): void {
  const issues = findColumnCollisions(listColumnNames(config));
  if (issues.length > 0) throw errorFromIssues('CONFIG_INVALID', 'Invalid run configuration', issues);
}
