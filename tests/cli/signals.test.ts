/**
 * Issue 15.3 and 15.7 with real signals on a spawned command-line tool: it stops on SIGTERM
 * while waiting on a FIFO; an interrupt between two renames leaves nothing; a signal once the
 * output is complete exits 0; what a SIGKILL left is removed by the next run. Every wait is on
 * an observable state (a FIFO's reader, a line on stderr, the process's exit), never a delay.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { requireCommand } from '../support/tools';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BAD = join(ROOT, 'tests/fixtures/bad/');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const HOLD = join(ROOT, 'tests/cli/fixtures/hold-cli.ts');
const root = mkdtempSync(join(tmpdir(), 'backfolio-signals-'));
const children: ChildProcess[] = [];
let openFds: number[] = [];

afterEach(() => {
  for (const fd of openFds) closeSync(fd);
  openFds = [];
  // A child still running means the test failed: stop its process group (tsx runs the tool in a
  // grandchild) so nothing outlives the suite.
  for (const child of children.splice(0)) {
    if (child.pid === undefined || (child.exitCode !== null || child.signalCode !== null)) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A child process with its stderr collected and a promise of its exit. */
function start(command: string, args: string[]): { child: ChildProcess; stderr: () => string; exited: Promise<{ code: number | null; signal: string | null }> } {
  // Its own process group, so the clean-up can stop it with every process it started.
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stderr: () => stderr, exited };
}

/** Resolves once `test()` holds, checking on every event-loop turn (no fixed delay). */
async function until(test: () => boolean, what: string, exited?: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited?.then(() => (gone = true));
  while (!test()) {
    if (gone) throw new Error(`the process exited before ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Opens a FIFO for writing once a reader has it open (ENXIO until then); returns the descriptor. */
async function openWhenRead(fifo: string, exited: Promise<unknown>): Promise<number> {
  let fd = -1;
  await until(() => {
    try {
      fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
      return false;
    }
  }, 'opening the FIFO', exited);
  openFds.push(fd);
  return fd;
}

function makeFifo(name: string): string {
  requireCommand(['mkfifo'], 'coreutils');
  const path = join(root, name);
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr.toString()}`);
  return path;
}

const toolArgs = (out: string, prices = join(BAD, 'good-prices.csv')): string[] => [
  '--config', join(BAD, 'good-config.json'), '--prices', prices, '--out', out, '--format', 'csv,xlsx',
];

describe('signals on the command line (spawned, real signals)', () => {
  it('stops on SIGTERM while waiting on a FIFO that no one writes, exits 143 and writes nothing', async () => {
    const fifo = makeFifo('prices-term.fifo');
    const out = join(root, 'fifo-term');
    // Through tsx, as `npm run backtest` runs it (tsx's own signal relay is part of the path).
    const run = start(TSX, ['src/cli/main.ts', ...toolArgs(out, fifo)]);
    await openWhenRead(fifo, run.exited); // the tool is now blocked reading: the FIFO is open, empty
    run.child.kill('SIGTERM');
    const { code, signal } = await run.exited;
    expect(code ?? signal).toBe(143);
    expect(run.stderr()).toContain('Interrupted (SIGTERM) while reading the inputs');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('reads a FIFO whose writer comes later, to its end, and writes the output', async () => {
    const fifo = makeFifo('prices-late.fifo');
    const out = join(root, 'fifo-late');
    const run = start(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...toolArgs(out, fifo)]);
    const fd = await openWhenRead(fifo, run.exited);
    writeSync(fd, readFileSync(join(BAD, 'good-prices.csv')));
    closeSync(fd);
    openFds = openFds.filter((open) => open !== fd);
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    expect(readdirSync(out).map((name) => name.replace(/_\d{4}-.*Z/, '')).sort()).toEqual(['bad_input_case.xlsx', 'bad_input_case.zip']);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} between the two renames removes the file already renamed: nothing is left, exit ${signal === 'SIGINT' ? 130 : 143}`, async () => {
      const out = join(root, `between-${signal}`);
      const run = start(process.execPath, ['--import', 'tsx', HOLD, 'rename', '1', '--', ...toolArgs(out)]);
      await until(() => run.stderr().includes('hold rename 1'), 'holding before the second rename', run.exited);
      // One file is already in place: the state the issue saw left behind.
      expect(readdirSync(out).filter((name) => !name.startsWith('.'))).toHaveLength(1);
      run.child.kill(signal);
      const { code } = await run.exited;
      expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it('a signal once every file is in place changes nothing: exit 0, the whole output stays', async () => {
    const out = join(root, 'after-done');
    const run = start(process.execPath, ['--import', 'tsx', HOLD, 'done', '2', '--', ...toolArgs(out)]);
    await until(() => run.stderr().includes('hold done 2'), 'the end of the write', run.exited);
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    expect(readdirSync(out).map((name) => name.replace(/_\d{4}-.*Z/, '')).sort()).toEqual(['bad_input_case.xlsx', 'bad_input_case.zip']);
  });

  it('after a SIGKILL mid-write, the next run into the same folder removes the temporary folder it left', async () => {
    const out = join(root, 'killed');
    const run = start(process.execPath, ['--import', 'tsx', HOLD, 'rename', '0', '--', ...toolArgs(out)]);
    await until(() => run.stderr().includes('hold rename 0'), 'holding before the first rename', run.exited);
    run.child.kill('SIGKILL');
    await run.exited;
    const left = readdirSync(out);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.backfolio-partial-\d+-/);
    let stderr = '';
    const code = await main([...toolArgs(out), '--prefix', 'again'], { stdout: () => undefined, stderr: (text) => (stderr += text) });
    expect(code, stderr).toBe(0);
    expect(readdirSync(out).map((name) => name.replace(/_\d{4}-.*Z/, '')).sort()).toEqual(['again.xlsx', 'again.zip']);
  });
});

describe('stale temporary files', () => {
  it('keeps the temporary folder of a run still writing (its process is alive)', async () => {
    const out = join(root, 'alive');
    mkdirSync(join(out, `.backfolio-partial-${process.ppid}-abcdef`), { recursive: true });
    const code = await main(toolArgs(out), { stdout: () => undefined, stderr: () => undefined });
    expect(code).toBe(0);
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([`.backfolio-partial-${process.ppid}-abcdef`]);
  });
});
