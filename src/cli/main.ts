/**
 * The command-line tool: `npm run backtest -- --config run.json --prices prices.csv --out out`.
 * Reads the inputs, runs the same engine as the dashboard, writes the export files and prints one
 * line per file (name, size). Exit code 0 when done, 1 for bad input, 2 for bad arguments,
 * 130 / 143 / 129 when stopped by SIGINT / SIGTERM / SIGHUP; a failure or an interrupt leaves no
 * partial file behind, and an output complete when the signal comes exits 0.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseFxCsvDetailed } from '../data/fx';
import { parsePriceCsvDetailed } from '../data/prices';
import { validateConfig } from '../engine/config';
import { runBacktest } from '../engine/run';
import { BackfolioError } from '../errors';
import { formatCount } from '../plural';
import { parseArgs, USAGE } from './args';
import { loadInputs, type RunInputs } from './inputs';
import { buildOutputs, type OutputFile } from './outputs';
import { assertReproduced, compareWithRecorded, validateRecordedConfig, type Reproduction } from './reproduce';
import type { BacktestResult } from '../engine/types';
import type { CliArgs } from './args';
import { writeFilesAtomically, type WriteOptions } from './write-files';

/** Where the tool prints; tests pass their own to capture the text. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Export time (one stamp for every file); now by default. */
  now?: () => Date;
  /** Aborted on an interrupt (SIGINT, SIGTERM): reading, exporting and writing stop and clean up. */
  signal?: AbortSignal;
  /** Test seam: awaited between the steps of the write (see `writeFilesAtomically`). */
  beforeWriteStep?: WriteOptions['beforeStep'];
}

/** Signals that stop the tool, with the exit code a shell reports for each (128 + number). */
export const INTERRUPT_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

type InterruptSignal = keyof typeof INTERRUPT_EXIT_CODES;

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs the tool with `argv` (arguments after the script name) and returns the exit code.
 *
 * @example process.exitCode = await main(['--example', 'sp500', '--out', 'out'])
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const { signal } = io;
    const inputs = await loadInputs(args, signal);
    // Every input is checked before any error is reported, so one run shows every problem.
    const fxFile = inputs.fx;
    const [config, prices, fx] = collectInputErrors(
      () => naming(inputs.label, () => (inputs.reproduction ? validateRecordedConfig(inputs.config) : validateConfig(inputs.config))),
      () => naming(inputs.prices.info.name, () => parsePriceCsvDetailed(inputs.prices.text)),
      () => (fxFile ? naming(fxFile.info.name, () => parseFxCsvDetailed(fxFile.text)) : undefined),
    );
    for (const note of [...prices.notes, ...(fx?.notes ?? [])]) io.stderr(`note: ${note}\n`);
    const result = runBacktest({ config, prices: prices.data, ...(fx ? { fx: fx.data } : {}) }, signal === undefined ? {} : { signal });
    for (const warning of result.warnings) io.stderr(`warning: ${warning.message}\n`);
    const files = await buildOutputs({
      result,
      args,
      inputs: { prices: inputs.prices.info, ...(inputs.fx ? { fx: inputs.fx.info } : {}) },
      now: io.now?.() ?? new Date(),
      ...(inputs.reproduction ? { recorded: inputs.reproduction.exportOptions, csv: { formulaGuard: inputs.reproduction.formulaGuard } } : {}),
      ...(signal === undefined ? {} : { signal }),
    });
    if (inputs.reproduction) await verifyReproduction(inputs.reproduction, files, { result, args, inputs, now: io.now?.() ?? new Date(), signal }, io);
    const paths = await writeFilesAtomically(args.out, files, {
      ...(signal === undefined ? {} : { signal }),
      ...(io.beforeWriteStep === undefined ? {} : { beforeStep: io.beforeWriteStep }),
    });
    paths.forEach((path, i) => io.stdout(`${path}  ${formatSize(files[i]?.bytes.length ?? 0)}\n`));
    // After the file lines: the files exist, these say what in them differs from what was asked.
    for (const file of files) for (const warning of file.warnings ?? []) io.stderr(`warning: ${file.name}: ${warning}\n`);
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}

/**
 * Checks a reproduced export against the files its metadata records (their SHA-256), before
 * anything is written: the CSV package is built for the check when not asked for.
 */
async function verifyReproduction(
  reproduction: Reproduction,
  files: OutputFile[],
  context: { result: BacktestResult; args: CliArgs; inputs: RunInputs; now: Date; signal: AbortSignal | undefined },
  io: CliIo,
): Promise<void> {
  if (reproduction.recordedFiles.length === 0) {
    io.stderr(`note: --reproduce ${reproduction.fileName} records no file hashes ("files" field), so the reproduced numbers cannot be checked against it.\n`);
    return;
  }
  const { result, args, inputs, now, signal } = context;
  // The package as recorded: a --bom/--no-bom that differs from the record changes its bytes.
  const sameBytes = args.bom === undefined || args.bom === (reproduction.exportOptions.bom ?? true);
  let zip = sameBytes ? files.find((file) => file.name.endsWith('.zip'))?.bytes : undefined;
  if (zip === undefined) {
    const { bom: _override, ...recordedArgs } = args;
    const built = await buildOutputs({
      result,
      args: { ...recordedArgs, formats: ['csv'] },
      inputs: { prices: inputs.prices.info, ...(inputs.fx ? { fx: inputs.fx.info } : {}) },
      now,
      recorded: reproduction.exportOptions,
      csv: { formulaGuard: reproduction.formulaGuard },
      ...(signal === undefined ? {} : { signal }),
    });
    zip = built[0]?.bytes ?? new Uint8Array();
  }
  const comparison = compareWithRecorded(reproduction.recordedFiles, zip);
  assertReproduced(reproduction, comparison, context.result.engine_version);
  io.stderr(`note: --reproduce ${reproduction.fileName}: all ${comparison.compared} recorded files reproduced with the same SHA-256.\n`);
}

/**
 * Runs three independent input checks; when any fails, throws one error carrying every failure's
 * message and issues (the first failure's code decides the exit code).
 */
function collectInputErrors<A, B, C>(a: () => A, b: () => B, c: () => C): [A, B, C] {
  const failures: BackfolioError[] = [];
  const attempt = <T,>(step: () => T): T | undefined => {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof BackfolioError)) throw error;
      failures.push(error);
      return undefined;
    }
  };
  const results = [attempt(a), attempt(b), attempt(c)] as [A, B, C];
  const [first] = failures;
  if (first === undefined) return results;
  if (failures.length === 1) throw first;
  throw new BackfolioError(first.code, failures.map((f) => f.message).join('\n'), { issues: failures.flatMap((f) => f.issues) });
}

/** Runs `parse`, putting the file's name in front of its error message (`prices.csv: …`). */
function naming<T>(fileName: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof BackfolioError) throw new BackfolioError(error.code, `${fileName}: ${error.message}`, { issues: error.issues, cause: error });
    throw error;
  }
}

/** Prints one clear message and maps the error to the exit code. */
function reportError(error: unknown, io: CliIo): number {
  if (error instanceof BackfolioError && error.code === 'ABORTED') {
    const reason = io.signal?.reason;
    const signalName = typeof reason === 'string' && reason in INTERRUPT_EXIT_CODES ? (reason as InterruptSignal) : 'SIGINT';
    io.stderr(`backtest: ${error.message}\n`);
    return INTERRUPT_EXIT_CODES[signalName];
  }
  if (error instanceof BackfolioError) {
    io.stderr(`backtest: ${error.message}\n`);
    return error.code === 'CLI_USAGE' ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`backtest: ${message}\n`);
  return 1;
}

/** `12,345 bytes (12.1 KB)`: exact for checks, rounded for people. */
export function formatSize(bytes: number): string {
  const exact = `${formatCount(bytes)} bytes`;
  if (bytes < 1024) return exact;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${exact} (${value.toFixed(1)} ${units[unit]})`;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

/**
 * The tool as a process: `main` with the process's output and its interrupts. SIGINT, SIGTERM
 * and SIGHUP abort the run (listening replaces Node's default of dying at once, which would leave
 * a half-renamed set of files); the output is then removed and the exit code follows the
 * signal, or is 0 when the output was already complete. A second signal exits at once (the
 * temporary folder it may leave is removed by the next run). The bundled `backfolio` bin and
 * `npm run backtest` both start here.
 *
 * @example process.exitCode = await runCommandLine(process.argv.slice(2));
 */
export async function runCommandLine(argv: readonly string[], extra: Pick<CliIo, 'beforeWriteStep'> = {}): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: InterruptSignal): void => {
    if (controller.signal.aborted) process.exit(INTERRUPT_EXIT_CODES[signal]);
    controller.abort(signal);
  };
  const signals = Object.keys(INTERRUPT_EXIT_CODES) as InterruptSignal[];
  for (const signal of signals) process.on(signal, onSignal);
  try {
    return await main(argv, { ...processIo, ...extra, signal: controller.signal });
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}

if (isEntryPoint()) {
  process.exitCode = await runCommandLine(process.argv.slice(2));
}
