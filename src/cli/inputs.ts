/**
 * Reading what a run needs from disk (or from a bundled example): the configuration JSON and the
 * price and FX files, each with its name, size and SHA-256 of the bytes as given.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EXAMPLES, findExample } from '../data/examples/index';
import { BackfolioError, type BackfolioErrorCode } from '../errors';
import { sha256Hex } from '../export/sha256';
import { decodeCsvBytes } from '../data/decode';
import type { InputFileInfo } from '../report/model.types';
import type { CliArgs } from './args';
import { readReproduction, type Reproduction } from './reproduce';

/** One input file: its text and what metadata records about it. */
export interface InputFile {
  text: string;
  info: InputFileInfo;
}

export interface RunInputs {
  /** The configuration as JSON (validated by the engine). */
  config: unknown;
  prices: InputFile;
  fx?: InputFile;
  /** Where the inputs came from, for messages (`example crypto-risk-parity`, `run.json`). */
  label: string;
  /** Export options recorded in the metadata being reproduced. */
  reproduction?: Reproduction;
}

/** Reads the inputs named by the arguments; with none, the first bundled example. */
export async function loadInputs(args: CliArgs): Promise<RunInputs> {
  if (args.reproduce !== undefined) return loadReproduction(args, args.reproduce);
  if (args.config !== undefined && args.prices !== undefined) {
    const config = parseJson(await readText(args.config, '--config'), args.config, '--config');
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      throw new BackfolioError('CONFIG_INVALID', `--config ${args.config}: got ${JSON.stringify(config)}, expected a JSON object (the run configuration)`);
    }
    const prices = await readInput(args.prices, '--prices');
    const fx = args.fx === undefined ? undefined : await readInput(args.fx, '--fx');
    return { config, prices, ...(fx ? { fx } : {}), label: basename(args.config) };
  }
  const id = args.example ?? EXAMPLES[0]?.id ?? '';
  const example = findExample(id);
  if (!example) {
    throw new BackfolioError('CLI_USAGE', `--example: got "${id}", expected one of ${EXAMPLES.map((e) => e.id).join(', ')} (see --help)`);
  }
  return { config: example.config, prices: fromText(`${example.id}.csv`, await example.loadPrices()), label: `example ${example.id}` };
}

async function loadReproduction(args: CliArgs, path: string): Promise<RunInputs> {
  const reproduction = readReproduction(parseJson(await readText(path, '--reproduce'), path, '--reproduce'), basename(path));
  let prices: InputFile | undefined;
  if (args.prices !== undefined) prices = await readInput(args.prices, '--prices');
  else {
    // Without --prices, a bundled example whose bytes have the recorded hash is the data.
    for (const example of EXAMPLES) {
      const candidate = fromText(`${example.id}.csv`, await example.loadPrices());
      if (candidate.info.sha256 === reproduction.pricesSha256) prices = candidate;
    }
    if (!prices) {
      throw new BackfolioError(
        'INPUT_MISMATCH',
        `--reproduce ${basename(path)}: the recorded price file (${reproduction.pricesName ?? 'unnamed'}, SHA-256 ${reproduction.pricesSha256}) is not a bundled example; pass it with --prices`,
      );
    }
  }
  const fx = args.fx === undefined ? undefined : await readInput(args.fx, '--fx');
  reproduction.check(prices.info, fx?.info);
  return { config: reproduction.config, prices, ...(fx ? { fx } : {}), label: basename(path), reproduction };
}

/** An input built from text held in memory (a bundled example): hashed as its UTF-8 bytes. */
export function fromText(name: string, text: string): InputFile {
  const bytes = new TextEncoder().encode(text);
  return { text, info: { name, bytes: bytes.length, sha256: sha256Hex(bytes) } };
}

/** A CSV input: UTF-8 (BOM or not) or UTF-16 with a BOM, as spreadsheets save them. */
async function readInput(path: string, option: '--prices' | '--fx'): Promise<InputFile> {
  const bytes = await readBytes(path, option);
  let text: string;
  try {
    text = decodeCsvBytes(bytes, option === '--fx' ? 'fx' : 'prices');
  } catch (error) {
    if (error instanceof BackfolioError) throw new BackfolioError(error.code, `${option} ${path}: ${error.message}`, { issues: error.issues, cause: error });
    throw error;
  }
  return { text, info: { name: basename(path), bytes: bytes.length, sha256: sha256Hex(bytes) } };
}

async function readText(path: string, option: string): Promise<string> {
  return decodeUtf8(await readBytes(path, option), path, option);
}

async function readBytes(path: string, option: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new BackfolioError(codeFor(option), `${option} ${path}: cannot read the file (${why})`, { cause: error });
  }
}

function decodeUtf8(bytes: Uint8Array, path: string, option: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new BackfolioError(codeFor(option), `${option} ${path}: not UTF-8 text (save the file as UTF-8)`, { cause: error });
  }
}

/** A file that cannot be read is bad input (exit 1), filed under the kind of input it is. */
function codeFor(option: string): BackfolioErrorCode {
  if (option === '--prices') return 'PRICES_INVALID';
  if (option === '--fx') return 'FX_INVALID';
  return 'CONFIG_INVALID';
}

function parseJson(text: string, path: string, option: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BackfolioError('CONFIG_INVALID', `${option} ${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}
