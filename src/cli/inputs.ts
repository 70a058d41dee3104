/**
 * Reading what a run needs from disk (or from a bundled example): the configuration JSON and the
 * price and FX files, each with its name, size and SHA-256 of the bytes as given.
 */
import { constants, open as openCallback } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { basename } from 'node:path';
import { EXAMPLES, findExample, type ExampleDataset } from '../data/examples/index';
import { exampleProvenance } from '../data/examples/provenance';
import { BackfolioError, type BackfolioErrorCode } from '../errors';
import { sha256Hex } from '../export/sha256';
import { decodeCsvBytes } from '../data/decode';
import { parseJsonStrict } from '../data/json';
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

/**
 * Largest input file read (512 MiB): a JavaScript string cannot hold much more, and a device
 * such as /dev/zero must end in a message, not in an exhausted memory.
 */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** Reads the inputs named by the arguments; with none, the first bundled example. `signal` stops a read that waits (a FIFO). */
export async function loadInputs(args: CliArgs, signal?: AbortSignal): Promise<RunInputs> {
  const read = (path: string, option: string): Promise<Uint8Array> => readBytes(path, option, signal);
  if (args.reproduce !== undefined) return loadReproduction(args, args.reproduce, read);
  if (args.config !== undefined && args.prices !== undefined) {
    const config = parseJsonStrict(decodeUtf8(await read(args.config, '--config'), args.config, '--config'), `--config ${args.config}`);
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      throw new BackfolioError('CONFIG_INVALID', `--config ${args.config}: got ${JSON.stringify(config)}, expected a JSON object (the run configuration)`);
    }
    const prices = await readInput(args.prices, '--prices', read);
    const fx = args.fx === undefined ? undefined : await readInput(args.fx, '--fx', read);
    return { config, prices, ...(fx ? { fx } : {}), label: basename(args.config) };
  }
  const id = args.example ?? EXAMPLES[0]?.id ?? '';
  const example = findExample(id);
  if (!example) {
    throw new BackfolioError('CLI_USAGE', `--example: got "${id}", expected one of ${EXAMPLES.map((e) => e.id).join(', ')} (see --help)`);
  }
  return { config: example.config, prices: fromExample(example, await example.loadPrices()), label: `example ${example.id}` };
}

type ReadBytes = (path: string, option: string) => Promise<Uint8Array>;

async function loadReproduction(args: CliArgs, path: string, read: ReadBytes): Promise<RunInputs> {
  const text = decodeUtf8(await read(path, '--reproduce'), path, '--reproduce');
  const reproduction = readReproduction(parseJsonStrict(text, `--reproduce ${basename(path)}`), basename(path));
  let prices: InputFile | undefined;
  if (args.prices !== undefined) prices = await readInput(args.prices, '--prices', read);
  else {
    // Without --prices, a bundled example whose bytes have the recorded hash is the data.
    for (const example of EXAMPLES) {
      const candidate = fromExample(example, await example.loadPrices());
      if (candidate.info.sha256 === reproduction.pricesSha256) prices = candidate;
    }
    if (!prices) {
      throw new BackfolioError(
        'INPUT_MISMATCH',
        `--reproduce ${basename(path)}: the recorded price file (${reproduction.pricesName ?? 'unnamed'}, SHA-256 ${reproduction.pricesSha256}) is not a bundled example; pass it with --prices`,
      );
    }
  }
  const fx = args.fx === undefined ? undefined : await readInput(args.fx, '--fx', read);
  reproduction.check(prices.info, fx?.info);
  return { config: reproduction.config, prices, ...(fx ? { fx } : {}), label: `--reproduce ${basename(path)}`, reproduction };
}

/** An input built from text held in memory (a bundled example): hashed as its UTF-8 bytes. */
export function fromText(name: string, text: string): InputFile {
  const bytes = new TextEncoder().encode(text);
  return { text, info: { name, bytes: bytes.length, sha256: sha256Hex(bytes) } };
}

/** A bundled example's prices, named `<id>.csv`, with whether they are synthetic and their source. */
function fromExample(example: ExampleDataset, text: string): InputFile {
  const input = fromText(`${example.id}.csv`, text);
  return { text, info: { ...input.info, ...exampleProvenance(example) } };
}

/** A CSV input: UTF-8 (BOM or not) or UTF-16 with a BOM, as spreadsheets save them. */
async function readInput(path: string, option: '--prices' | '--fx', read: ReadBytes): Promise<InputFile> {
  const bytes = await read(path, option);
  let text: string;
  try {
    text = decodeCsvBytes(bytes, option === '--fx' ? 'fx' : 'prices');
  } catch (error) {
    if (error instanceof BackfolioError) throw new BackfolioError(error.code, `${option} ${path}: ${error.message}`, { issues: error.issues, cause: error });
    throw error;
  }
  return { text, info: { name: basename(path), bytes: bytes.length, sha256: sha256Hex(bytes) } };
}

/**
 * The bytes of an input file. A regular file is read at once; anything else (a FIFO, a
 * process substitution `<(…)`, a socket or a device) is read as a non-blocking stream on the
 * event loop: a blocking read would sit in a worker thread that no signal can interrupt, so
 * Ctrl-C or SIGTERM could not stop the tool while it waits for a writer.
 */
async function readBytes(path: string, option: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (info.isFile()) {
      if (info.size > MAX_INPUT_BYTES) throw tooLarge(path, option);
      return new Uint8Array(await readFile(path, signal === undefined ? {} : { signal }));
    }
    return await readStream(path, option, info.isCharacterDevice(), signal);
  } catch (error) {
    if (error instanceof BackfolioError) throw error;
    if ((error as Error).name === 'AbortError' || signal?.aborted === true) throw interrupted(signal);
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new BackfolioError(codeFor(option), `${option} ${path}: cannot read the file (${why})`, { cause: error });
  }
}

/** Reads a FIFO, socket or device to its end (at most `MAX_INPUT_BYTES`), stopping on `signal`. */
async function readStream(path: string, option: string, isDevice: boolean, signal: AbortSignal | undefined): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  const collect = (chunk: Buffer): BackfolioError | null => {
    total += chunk.length;
    if (total > MAX_INPUT_BYTES) return tooLarge(path, option);
    chunks.push(chunk);
    return null;
  };
  if (isDevice) {
    // A device (/dev/zero, /dev/null, a terminal): bounded chunks, a short pause when it has nothing yet.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      for (;;) {
        if (signal?.aborted === true) throw interrupted(signal);
        const chunk = Buffer.alloc(1 << 20);
        const bytesRead = await handle.read(chunk, 0, chunk.length, null).then(
          (result) => result.bytesRead,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'EAGAIN') return -1;
            throw error;
          },
        );
        if (bytesRead === 0) break;
        if (bytesRead < 0) await new Promise((resolve) => setTimeout(resolve, 50));
        else {
          const failure = collect(chunk.subarray(0, bytesRead));
          if (failure !== null) throw failure;
        }
      }
    } finally {
      await handle.close();
    }
  } else {
    // O_NONBLOCK: opening a FIFO does not wait for its writer, and the socket reads on the event
    // loop. The socket owns the descriptor and closes it when it ends or is destroyed.
    const fd = await new Promise<number>((resolve, reject) =>
      openCallback(path, constants.O_RDONLY | constants.O_NONBLOCK, (error, descriptor) => (error ? reject(error) : resolve(descriptor))),
    );
    await new Promise<void>((resolve, reject) => {
      const socket = new Socket({ fd, readable: true, writable: false });
      const stop = (): void => {
        socket.destroy();
        reject(interrupted(signal));
      };
      if (signal?.aborted === true) return stop();
      signal?.addEventListener('abort', stop, { once: true });
      const finish = (error?: Error): void => {
        signal?.removeEventListener('abort', stop);
        if (error === undefined) resolve();
        else reject(error);
      };
      socket.on('data', (chunk: Buffer) => {
        const failure = collect(chunk);
        if (failure !== null) {
          socket.destroy();
          finish(failure);
        }
      });
      socket.on('error', (error) => finish(error));
      socket.on('end', () => finish());
    });
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function tooLarge(path: string, option: string): BackfolioError {
  return new BackfolioError(codeFor(option), `${option} ${path}: the file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most the tool reads`);
}

/** The error a stopped read ends with (the tool's exit code follows the signal). */
function interrupted(signal: AbortSignal | undefined): BackfolioError {
  const reason = typeof signal?.reason === 'string' ? ` (${signal.reason})` : '';
  return new BackfolioError('ABORTED', `Interrupted${reason} while reading the inputs; nothing was written.`);
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
