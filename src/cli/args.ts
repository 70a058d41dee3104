/**
 * Command-line arguments (../shared/spec/config.md, Command line): parsed by hand so every
 * mistake gets one precise message and exit code 2.
 */
import { EXAMPLES } from '../data/examples/index';
import { BackfolioError } from '../errors';
import { checkDateRange, checkSections, CLI_LABELS } from '../export-choices';
import { SECTION_IDS } from '../report/build';
import type { PdfTemplate, SectionId } from '../report/model.types';

/** What the tool can write: the three export formats, and `json` (the raw result). */
export type CliFormat = 'csv' | 'xlsx' | 'pdf' | 'json';

export const CLI_FORMATS: readonly CliFormat[] = ['csv', 'xlsx', 'pdf', 'json'];

/**
 * Formats written when `--format` is absent: the three exports. (`['json']` here makes the raw
 * result the default again; everything else follows from this one line.)
 */
export const DEFAULT_FORMATS: readonly CliFormat[] = ['csv', 'xlsx', 'pdf'];

export const TEMPLATES: readonly PdfTemplate[] = ['executive', 'detailed', 'compliance'];

export interface CliArgs {
  help: boolean;
  config?: string;
  prices?: string;
  fx?: string;
  /** A bundled example's id (`crypto-risk-parity`…), instead of --config/--prices. */
  example?: string;
  out: string;
  formats: CliFormat[];
  /** Absent when not given: a reproduced export's recorded template, else `detailed`. */
  template?: PdfTemplate;
  prefix?: string;
  /** Absent when not given: a reproduced export's recorded choice, else `true`. */
  bom?: boolean;
  /** A `metadata.json` whose configuration is run again (and whose data hash must match). */
  reproduce?: string;
  /** Sections to export (`--sections`), in export order; every section when absent. */
  sections?: SectionId[];
  /** Dates to export (`--from`, `--to`, inclusive); the whole run when absent. */
  dateRange?: { from?: string; to?: string };
}

export const USAGE = `Backfolio: backtest a multi-asset portfolio and export the results.

Usage:
  npm run backtest -- --config <run.json> --prices <prices.csv> [--fx <fx.csv>] --out <dir>
                      [--format csv,xlsx,pdf,json] [--template executive|detailed|compliance]
                      [--prefix <name>] [--no-bom] [--from <date>] [--to <date>] [--sections <list>]
  npm run backtest -- --reproduce <metadata.json> [--prices <prices.csv>] [--fx <fx.csv>] --out <dir>
  npm run backtest -- --example <id> [--out <dir>]
  npm run backtest              (the bundled crypto example, written to ./out)

  (npm start builds and serves the dashboard in the browser; it writes no files.)

Options:
  --config <file>      run configuration (JSON: name, start_date, end_date, initial_capital,
                       strategy, benchmarks, …; unknown keys are errors)
  --prices <file>      price CSV: date,symbol,price[,currency] or date,<SYMBOL>...
  --fx <file>          FX CSV: date,from_currency,to_currency,rate
  --out <dir>          output folder (created if missing; default ./out)
  --format <list>      comma-separated: ${CLI_FORMATS.join(', ')} (default ${DEFAULT_FORMATS.join(',')})
  --template <name>    PDF template: ${TEMPLATES.join(', ')} (default detailed)
  --prefix <name>      file-name prefix (default: the run's name in snake_case)
  --no-bom             CSV files without the UTF-8 byte-order mark
  --from <date>        export from this date on (YYYY-MM-DD, inside the run; default its start)
  --to <date>          export up to this date (YYYY-MM-DD, inside the run; default its end)
  --sections <list>    comma-separated sections to export, in any order (default all):
                       ${SECTION_IDS.join(', ')}
  --reproduce <file>   run the configuration of an export's metadata.json again; the price
                       file's SHA-256 must match the one recorded (without --prices, a bundled
                       example with that hash is used)
  --example <id>       run a bundled example: ${EXAMPLES.map((e) => e.id).join(', ')}
  --help               this text

Exit codes: 0 done, 1 bad input (configuration, data, files), 2 bad arguments.
Files are written under a temporary name and renamed when complete: nothing partial is left.`;

const VALUE_OPTIONS = ['config', 'prices', 'fx', 'example', 'out', 'format', 'template', 'prefix', 'reproduce', 'from', 'to', 'sections'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

function usageError(message: string): BackfolioError {
  return new BackfolioError('CLI_USAGE', `${message} (see --help)`);
}

/**
 * Parses `argv` (without `node` and the script). Accepts `--key value` and `--key=value`;
 * throws `CLI_USAGE` naming the option and the value on any mistake.
 *
 * @example parseArgs(['--config', 'run.json', '--prices', 'p.csv', '--out', 'out'])
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const values: Partial<Record<ValueOption, string>> = {};
  let help = false;
  let bom: boolean | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--no-bom') {
      bom = false;
      continue;
    }
    if (!arg.startsWith('--')) throw usageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) throw usageError(`unknown option "--${name}"`);
    const option = name as ValueOption;
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw usageError(`--${option} needs a value`);
      i++;
    }
    if (value.trim() === '') throw usageError(`--${option}: got "", expected a value`);
    if (values[option] !== undefined) throw usageError(`--${option} given twice`);
    values[option] = value;
  }
  return checkCombination({
    help,
    ...(bom === undefined ? {} : { bom }),
    out: values.out ?? 'out',
    formats: parseFormats(values.format),
    ...(values.template === undefined ? {} : { template: parseTemplate(values.template) }),
    ...(values.sections === undefined ? {} : { sections: parseSections(values.sections) }),
    ...parseDateRange(values.from, values.to),
    ...pick(values, ['config', 'prices', 'fx', 'example', 'prefix', 'reproduce']),
  });
}

/** `--sections summary,daily`: known section ids, in export order (the dialog's rule). */
function parseSections(text: string): SectionId[] {
  const chosen = text.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const [problem] = checkSections(chosen, SECTION_IDS, '--sections');
  if (problem) throw usageError(problem.message);
  return SECTION_IDS.filter((id) => chosen.includes(id));
}

/** `--from` / `--to`: calendar dates, from ≤ to (whether they fall inside the run is checked once it ran). */
function parseDateRange(from: string | undefined, to: string | undefined): Pick<CliArgs, 'dateRange'> {
  if (from === undefined && to === undefined) return {};
  const [problem] = checkDateRange(from ?? '', to ?? '', CLI_LABELS);
  if (problem) throw usageError(problem.message);
  return { dateRange: { ...(from === undefined ? {} : { from: from.trim() }), ...(to === undefined ? {} : { to: to.trim() }) } };
}

function pick<K extends ValueOption>(values: Partial<Record<ValueOption, string>>, keys: K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const key of keys) if (values[key] !== undefined) picked[key] = values[key];
  return picked;
}

function parseFormats(text: string | undefined): CliFormat[] {
  if (text === undefined) return [...DEFAULT_FORMATS];
  const formats: CliFormat[] = [];
  for (const raw of text.split(',')) {
    const format = raw.trim().toLowerCase();
    if (!(CLI_FORMATS as readonly string[]).includes(format)) {
      throw usageError(`--format: got "${raw.trim()}", expected a comma-separated list of ${CLI_FORMATS.join(', ')}`);
    }
    if (!formats.includes(format as CliFormat)) formats.push(format as CliFormat);
  }
  return formats;
}

function parseTemplate(text: string): PdfTemplate {
  if (!(TEMPLATES as readonly string[]).includes(text)) throw usageError(`--template: got "${text}", expected one of ${TEMPLATES.join(', ')}`);
  return text as PdfTemplate;
}

function checkCombination(args: CliArgs): CliArgs {
  if (args.help) return args;
  if (args.example !== undefined && (args.config !== undefined || args.prices !== undefined || args.reproduce !== undefined)) {
    throw usageError('--example cannot be combined with --config, --prices or --reproduce');
  }
  if (args.reproduce !== undefined) {
    if (args.config !== undefined) throw usageError('--reproduce takes the configuration from the metadata file; leave out --config');
  } else if ((args.config === undefined) !== (args.prices === undefined)) {
    throw usageError(args.config === undefined ? '--prices needs --config' : '--config needs --prices');
  }
  if (args.fx !== undefined && args.prices === undefined) throw usageError('--fx needs --prices');
  return args;
}
