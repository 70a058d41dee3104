/**
 * Every case of the hardening corpus (tests/fixtures/bad/cases.json) is rejected with a
 * `BackfolioError` whose message names what and where, or accepted where a user would want it
 * accepted. Assertions are on the parts (row, column, value, key path), not on whole sentences.
 *
 * Cases marked `isolate` (inputs that once hung the engine) run in a child process
 * (tests/hardening/run-case.ts), which is killed if it never finishes: a hang fails its tests
 * instead of freezing the whole suite. No duration is asserted.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import type { BacktestResult, PriceData } from '../../src/engine/types';
import { loadCases, runCase, type BadCase } from './bad-cases';

const cases = loadCases().filter((c) => c.target !== 'cli');
const isolated = cases.filter((c) => c.isolate === true);

/** What the child process reports for a case (see run-case.ts). */
interface CaseOutcome {
  outcome: 'accepted' | 'rejected';
  code?: string;
  message?: string;
  warnings?: string[];
}

/** Outcomes of the isolated cases, filled as the child reports them. */
const outcomes = new Map<string, CaseOutcome>();
let childEnd = '';

// The hang guard: far beyond what the cases take (well under a second each, plus tsx's start).
const HANG_GUARD_MS = 150_000;

beforeAll(async () => {
  if (isolated.length === 0) return;
  const runner = fileURLToPath(new URL('./run-case.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', runner, ...isolated.map((c) => c.id)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const guard = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = JSON.parse(buffered.slice(0, newline)) as CaseOutcome & { id: string };
      outcomes.set(line.id, line);
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  await new Promise<void>((resolve) => child.on('close', (code, signal) => {
    clearTimeout(guard);
    childEnd = signal === 'SIGKILL' ? 'killed: a case never finished' : `exited ${code ?? signal}${stderr === '' ? '' : `: ${stderr.slice(0, 500)}`}`;
    resolve();
  }));
}, HANG_GUARD_MS + 30_000);

/** The case's outcome: in this process, or as the isolated child reported it. */
function runOutcome(c: BadCase): CaseOutcome & { result?: unknown } {
  if (c.isolate === true) {
    const reported = outcomes.get(c.id);
    if (reported === undefined) throw new Error(`${c.id} did not finish (child process ${childEnd})`);
    return reported;
  }
  try {
    const result = runCase(c);
    const warnings = c.target === 'run' ? (result as BacktestResult).warnings.map((w) => w.message) : [];
    return { outcome: 'accepted', warnings, result };
  } catch (error) {
    if (!(error instanceof BackfolioError)) throw error;
    return { outcome: 'rejected', code: error.code, message: error.message };
  }
}

describe('hardening corpus: manifest', () => {
  it('holds at least 30 rejected inputs, each with what the message must mention', () => {
    const all = loadCases();
    const rejected = all.filter((c) => c.expect === 'reject');
    expect(rejected.length).toBeGreaterThanOrEqual(30);
    for (const c of rejected) expect(c.mentions?.length ?? 0, c.id).toBeGreaterThan(0);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('has cases for every class of issue 15 it covers (15.1 … 15.8 but 15.9, the PDF)', () => {
    const classes = new Set(loadCases().map((c) => c.class).filter((k) => k !== undefined));
    expect([...classes].sort()).toEqual(['15.1', '15.2', '15.3', '15.4', '15.5', '15.6', '15.7', '15.8']);
  });
});

describe('hardening corpus: rejected inputs', () => {
  for (const c of cases.filter((k) => k.expect === 'reject')) {
    it(`${c.id} (${c.target}) → ${c.code}`, () => {
      const outcome = runOutcome(c);
      expect(outcome.outcome, 'expected a rejection').toBe('rejected');
      expect(outcome.code).toBe(c.code);
      for (const part of c.mentions ?? []) expect(outcome.message).toContain(part);
      if (c.maxLength !== undefined) expect(outcome.message?.length ?? 0).toBeLessThanOrEqual(c.maxLength);
    });
  }
});

describe('hardening corpus: inputs a user would want accepted', () => {
  for (const c of cases.filter((k) => k.expect === 'accept')) {
    it(`${c.id} (${c.target}) is accepted${c.warnings ? ', with warnings naming what' : ''}`, () => {
      const outcome = runOutcome(c);
      expect(outcome.outcome, outcome.message).toBe('accepted');
      const warnings = (outcome.warnings ?? []).join('\n');
      for (const part of c.warnings ?? []) expect(warnings).toContain(part);
      if (c.assets === undefined) return;
      const prices = outcome.result as PriceData;
      expect(prices.assets.map((a) => a.symbol)).toEqual(c.assets);
      for (const asset of prices.assets) {
        expect(asset.points).toHaveLength(c.points ?? 0);
        // Sorted ascending whatever the file's order.
        const dates = asset.points.map((p) => p.date);
        expect(dates).toEqual([...dates].sort());
        if (c.firstDate !== undefined) expect(dates[0]).toBe(c.firstDate);
      }
    });
  }
});
