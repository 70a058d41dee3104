/**
 * Writing output files so that nothing partial is ever left: every file goes to a temporary
 * name in the output folder first (same folder, so the rename is atomic), and only when all of
 * them are on disk are they renamed. On any failure the temporary files, and any already renamed,
 * are removed: all the files of a run or none.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackfolioError } from '../errors';
import type { OutputFile } from './outputs';

/** Writes `files` into `dir` (created if missing); returns their final paths. */
export async function writeFilesAtomically(dir: string, files: OutputFile[]): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new BackfolioError('EXPORT_FAILED', `--out ${dir}: cannot create the folder (${(error as Error).message})`, { cause: error });
  }
  // Never replace an earlier export (two runs in the same second share a stamp): refuse instead.
  const taken = files.map((file) => join(dir, file.name)).filter((path) => existsSync(path));
  if (taken.length > 0) {
    throw new BackfolioError(
      'EXPORT_FAILED',
      `--out ${dir}: ${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing was written (run again a second later, or choose another --out or --prefix)`,
    );
  }
  const temporary = files.map((file, i) => join(dir, `.${file.name}.${process.pid}-${i}.partial`));
  // Ctrl-C while writing must not leave a temporary file behind either.
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const path of temporary) rmSync(path, { force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const finals: string[] = [];
  try {
    for (const [i, file] of files.entries()) await writeFile(temporary[i] ?? '', file.bytes);
    for (const [i, file] of files.entries()) {
      const target = join(dir, file.name);
      await rename(temporary[i] ?? '', target);
      finals.push(target);
    }
    return finals;
  } catch (error) {
    // All or nothing: files already renamed are ours (stamped names), so they go too.
    // allSettled: a failing clean-up must not hide the error that caused it.
    await Promise.allSettled([...temporary, ...finals].map((path) => rm(path, { force: true })));
    throw new BackfolioError('EXPORT_FAILED', `--out ${dir}: cannot write the files (${(error as Error).message})`, { cause: error });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
