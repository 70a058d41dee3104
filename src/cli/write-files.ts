/**
 * Writing a run's files all or nothing (config.md, Command line). Every file is first written
 * complete into a hidden temporary folder inside the output folder (same file system, so a
 * rename is atomic); only then are they renamed into place, one after another with no pause in
 * between, so no interrupt can fall between two renames. An interrupt or failure before that
 * removes the temporary folder and any file already renamed. A process killed outright
 * (SIGKILL, power loss) leaves only a hidden temporary folder, which the next run into the same
 * folder removes.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackfolioError } from '../errors';
import type { OutputFile } from './outputs';

/** Prefix of the temporary folders: `.backfolio-partial-<pid>-<random>`. */
export const PARTIAL_PREFIX = '.backfolio-partial-';

/** A point between two steps of the write, for tests that interrupt it there (`done`: all renamed). */
export type WriteStep = { phase: 'write' | 'rename' | 'done'; index: number; temporaryFolder: string };

export interface WriteOptions {
  /** Aborting it stops the write at the next step and removes everything written. */
  signal?: AbortSignal;
  /**
   * Awaited before each file is written, before each rename and once all are renamed (tests
   * only: it opens a pause where the write otherwise has none between its renames).
   */
  beforeStep?: (step: WriteStep) => Promise<void> | void;
}

/** Writes `files` into `dir` (created if missing); returns their final paths. */
export async function writeFilesAtomically(dir: string, files: OutputFile[], options: WriteOptions = {}): Promise<string[]> {
  const { signal, beforeStep } = options;
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new BackfolioError('EXPORT_FAILED', `--out ${dir}: cannot create the folder (${(error as Error).message})`, { cause: error });
  }
  removeStalePartials(dir);
  // Never replace an earlier export (two runs in the same second share a stamp): refuse instead.
  const targets = files.map((file) => join(dir, file.name));
  const taken = targets.filter((path) => existsSync(path));
  if (taken.length > 0) {
    throw new BackfolioError(
      'EXPORT_FAILED',
      `--out ${dir}: ${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing was written (run again a second later, or choose another --out or --prefix)`,
    );
  }
  let folder: string;
  try {
    folder = await mkdtemp(join(dir, `${PARTIAL_PREFIX}${process.pid}-`));
  } catch (error) {
    throw new BackfolioError('EXPORT_FAILED', `--out ${dir}: cannot write the files (${(error as Error).message})`, { cause: error });
  }
  const renamed: string[] = [];
  const rollBack = (): void => {
    // Files already renamed carry this run's stamped names (checked free above): ours to remove.
    for (const path of renamed) rmSync(path, { force: true });
    rmSync(folder, { recursive: true, force: true });
  };
  const stopIfAborted = (): void => {
    if (signal?.aborted !== true) return;
    rollBack();
    const reason = typeof signal.reason === 'string' ? ` (${signal.reason})` : '';
    throw new BackfolioError('ABORTED', `Interrupted${reason} while writing; nothing was written.`);
  };
  try {
    for (const [index, file] of files.entries()) {
      await beforeStep?.({ phase: 'write', index, temporaryFolder: folder });
      stopIfAborted();
      await writeFile(join(folder, file.name), file.bytes);
    }
    // The commit: synchronous renames, so a signal handler can only run before or after them all.
    for (const [index, file] of files.entries()) {
      if (beforeStep !== undefined) await beforeStep({ phase: 'rename', index, temporaryFolder: folder });
      stopIfAborted();
      renameSync(join(folder, file.name), targets[index] as string);
      renamed.push(targets[index] as string);
    }
    rmSync(folder, { recursive: true, force: true });
    // The output is complete: an interrupt from here on changes nothing (the tool exits 0).
    await beforeStep?.({ phase: 'done', index: files.length, temporaryFolder: folder });
    return renamed;
  } catch (error) {
    if (error instanceof BackfolioError && error.code === 'ABORTED') throw error;
    rollBack();
    throw new BackfolioError('EXPORT_FAILED', `--out ${dir}: cannot write the files (${(error as Error).message}); nothing was written`, { cause: error });
  }
}

/**
 * Removes what killed runs left in `dir`: temporary folders (and the `.<name>.<pid>-<n>.partial`
 * files of earlier versions) whose process no longer runs. A folder of a run still writing
 * (its process alive) is left alone.
 */
export function removeStalePartials(dir: string): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of entries) {
    const pid = partialOwner(name);
    if (pid === null || isProcessAlive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** The process id in a temporary name of this tool, or `null` for any other name. */
function partialOwner(name: string): number | null {
  const folder = /^\.backfolio-partial-(\d+)-[^/]+$/.exec(name);
  const legacy = /^\..+\.(\d+)-\d+\.partial$/.exec(name);
  const pid = Number((folder ?? legacy)?.[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
