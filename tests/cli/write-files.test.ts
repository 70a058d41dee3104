import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../src/cli/write-files';
import { BackfolioError } from '../../src/errors';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backfolio-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('writeFilesAtomically', () => {
  it('creates the folder, writes every file and leaves no temporary file', async () => {
    const out = join(dir, 'a', 'b');
    const paths = await writeFilesAtomically(out, [
      { name: 'one.zip', bytes: bytes('1') },
      { name: 'two.pdf', bytes: bytes('22') },
    ]);
    expect(paths).toEqual([join(out, 'one.zip'), join(out, 'two.pdf')]);
    expect(readdirSync(out).sort()).toEqual(['one.zip', 'two.pdf']);
    expect(readFileSync(join(out, 'two.pdf'), 'utf8')).toBe('22');
  });

  it('when a file cannot be written, removes every file of the run and says why', async () => {
    const tooLong = `${'x'.repeat(250)}.pdf`; // its temporary name exceeds the file-name limit
    const error = await writeFilesAtomically(dir, [
      { name: 'one.zip', bytes: bytes('1') },
      { name: tooLong, bytes: bytes('22') },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackfolioError);
    expect((error as BackfolioError).code).toBe('EXPORT_FAILED');
    expect((error as BackfolioError).message).toContain('cannot write the files');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never replaces an earlier export with the same name, and writes nothing', async () => {
    writeFileSync(join(dir, 'two.pdf'), 'earlier');
    const error = await writeFilesAtomically(dir, [
      { name: 'one.zip', bytes: bytes('1') },
      { name: 'two.pdf', bytes: bytes('22') },
    ]).catch((e: unknown) => e);
    expect((error as BackfolioError).code).toBe('EXPORT_FAILED');
    expect((error as BackfolioError).message).toContain('two.pdf already exists');
    expect(readdirSync(dir)).toEqual(['two.pdf']);
    expect(readFileSync(join(dir, 'two.pdf'), 'utf8')).toBe('earlier');
  });

  it('refuses an output path that is a file', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const error = await writeFilesAtomically(join(file, 'out'), [{ name: 'a.zip', bytes: bytes('1') }]).catch((e: unknown) => e);
    expect((error as BackfolioError).message).toContain('cannot create the folder');
  });
});
