import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { removeStalePartials, writeFilesAtomically, type WriteStep } from '../../src/cli/write-files';
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
    const tooLong = `${'x'.repeat(260)}.pdf`; // beyond the file-name limit (255 bytes)
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

  const three = (): { name: string; bytes: Uint8Array }[] => [
    { name: 'a.zip', bytes: bytes('1') },
    { name: 'b.xlsx', bytes: bytes('22') },
    { name: 'c.pdf', bytes: bytes('333') },
  ];

  /** Aborts the write when it reaches `at`, and records every step seen. */
  function abortAt(at: Omit<WriteStep, 'temporaryFolder'>): { signal: AbortSignal; beforeStep: (step: WriteStep) => void; seen: string[] } {
    const controller = new AbortController();
    const seen: string[] = [];
    return {
      signal: controller.signal,
      seen,
      beforeStep: (step) => {
        seen.push(`${step.phase} ${step.index}`);
        if (step.phase === at.phase && step.index === at.index) controller.abort('SIGINT');
      },
    };
  }

  it('an interrupt between two writes leaves nothing, not even the temporary folder', async () => {
    const options = abortAt({ phase: 'write', index: 2 });
    const error = await writeFilesAtomically(dir, three(), options).catch((e: unknown) => e);
    expect((error as BackfolioError).code).toBe('ABORTED');
    expect((error as BackfolioError).message).toContain('Interrupted (SIGINT) while writing');
    expect(options.seen).toEqual(['write 0', 'write 1', 'write 2']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an interrupt between two renames removes the files already renamed (all or nothing)', async () => {
    const options = abortAt({ phase: 'rename', index: 2 });
    const error = await writeFilesAtomically(dir, three(), options).catch((e: unknown) => e);
    expect((error as BackfolioError).code).toBe('ABORTED');
    expect(options.seen.slice(-3)).toEqual(['rename 0', 'rename 1', 'rename 2']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an interrupt once all files are in place keeps them: the output is complete', async () => {
    const options = abortAt({ phase: 'done', index: 3 });
    const paths = await writeFilesAtomically(dir, three(), options);
    expect(paths).toHaveLength(3);
    expect(readdirSync(dir).sort()).toEqual(['a.zip', 'b.xlsx', 'c.pdf']);
  });

  it('writes every file complete into one hidden folder before the first rename', async () => {
    let hidden: string[] = [];
    await writeFilesAtomically(dir, three(), {
      beforeStep: (step) => {
        if (step.phase === 'rename' && step.index === 0) hidden = readdirSync(step.temporaryFolder).sort();
        if (step.phase === 'rename' && step.index === 0) expect(readdirSync(dir).filter((n) => !n.startsWith('.'))).toEqual([]);
      },
    });
    expect(hidden).toEqual(['a.zip', 'b.xlsx', 'c.pdf']);
  });

  it('removes what killed runs left (temporary folders and older .partial files of dead processes), keeps a live run\'s', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    mkdirSync(join(dir, `.backfolio-partial-${dead}-x1y2z3`));
    writeFileSync(join(dir, `.backfolio-partial-${dead}-x1y2z3`, 'a.zip'), 'half');
    writeFileSync(join(dir, `.old.zip.${dead}-0.partial`), 'half');
    mkdirSync(join(dir, `.backfolio-partial-${process.pid}-alive1`));
    writeFileSync(join(dir, 'someone-elses.partial'), 'not ours');
    expect(removeStalePartials(dir).sort()).toEqual([`.backfolio-partial-${dead}-x1y2z3`, `.old.zip.${dead}-0.partial`]);
    expect(readdirSync(dir).sort()).toEqual([`.backfolio-partial-${process.pid}-alive1`, 'someone-elses.partial']);
  });
});
