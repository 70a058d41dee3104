/**
 * The CLI cases of the hardening corpus: `main(argv)` of the command-line tool, writing into an
 * empty temporary folder. A bad input exits non-zero, prints one message naming what and where,
 * and leaves the folder empty (no partial file). A control case checks the same setup does write.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { BAD_DIR, loadCases, type BadCase } from './bad-cases';

const root = mkdtempSync(join(tmpdir(), 'backfolio-bad-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The id of a process that has exited (for stale temporary files). */
const deadPid = String(spawnSync(process.execPath, ['-e', '']).pid);

/** Creates what a case asks for in (or instead of) its output folder. */
function prepareOutput(c: Pick<BadCase, 'outSetup' | 'outIsFile'>, out: string): void {
  if (c.outIsFile === true) writeFileSync(out, 'a file, not a folder');
  for (const entry of c.outSetup ?? []) {
    const path = join(out, entry.replaceAll('{dead}', deadPid));
    if (entry.endsWith('/')) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, 'left behind');
    }
  }
}

async function runCli(c: Pick<BadCase, 'id' | 'files' | 'args' | 'outSetup' | 'outIsFile'>): Promise<{ code: number; stdout: string; stderr: string; out: string }> {
  const out = join(root, c.id);
  prepareOutput(c, out);
  const argv = ['--out', out];
  if (!(c.args ?? []).includes('--format')) argv.push('--format', 'csv');
  if (c.files.config !== undefined) argv.push('--config', join(BAD_DIR, c.files.config));
  if (c.files.prices !== undefined) argv.push('--prices', join(BAD_DIR, c.files.prices));
  if (c.files.fx !== undefined) argv.push('--fx', join(BAD_DIR, c.files.fx));
  if (c.files.metadata !== undefined) argv.push('--reproduce', join(BAD_DIR, c.files.metadata));
  argv.push(...(c.args ?? []));
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => new Date('2025-09-06T08:38:40Z'),
  });
  return { code, stdout, stderr, out };
}

/** `x_2025-09-06T08-38-40Z.zip` → `x.zip`, but names the case set up itself stay as they are. */
function unstamp(name: string): string {
  return name.replace(/_\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(?=\.)/, '');
}

/** Files in the output folder; a folder never created counts as empty. */
function listOutput(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

describe('hardening corpus: command line', () => {
  it('control: the good inputs write a CSV package', async () => {
    const run = await runCli({ id: 'control', files: { config: 'good-config.json', prices: 'good-prices.csv' } });
    // Only notes and warnings (e.g. periods_per_year inferred), no error.
    expect(run.stderr.split('\n').filter((line) => line !== '' && !/^(note|warning): /.test(line))).toEqual([]);
    expect(run.code).toBe(0);
    expect(listOutput(run.out)).toEqual(['bad_input_case_2025-09-06T08-38-40Z.zip']);
  });

  for (const c of loadCases().filter((k) => k.target === 'cli' && k.expect === 'accept')) {
    it(`${c.id}: exits 0 and writes one file`, async () => {
      const run = await runCli(c);
      expect(run.code, run.stderr).toBe(0);
      if (c.outAfter !== undefined) expect(listOutput(run.out).map(unstamp).sort()).toEqual([...c.outAfter].sort());
      else expect(listOutput(run.out)).toHaveLength(1);
    });
  }

  for (const c of loadCases().filter((k) => k.target === 'cli' && k.expect === 'reject')) {
    it(`${c.id}: exits non-zero, names what and where, writes nothing`, async () => {
      const run = await runCli(c);
      expect(run.code).not.toBe(0);
      for (const part of c.mentions ?? []) expect(run.stderr).toContain(part);
      expect(run.stdout).toBe('');
      if (c.outIsFile !== true) expect(listOutput(run.out)).toEqual(c.outAfter ?? []);
    });
  }
});
