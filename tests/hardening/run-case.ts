/**
 * Runs corpus cases by id in a process of their own and prints one JSON line per case
 * (`{ id, outcome: 'accepted' | 'rejected', code?, message?, warnings? }`), so a test can
 * kill a case that never finishes instead of hanging with it (issue 15.3: hangs).
 *
 * Usage: node --import tsx tests/hardening/run-case.ts <id>…
 */
import { BackfolioError } from '../../src/errors';
import type { BacktestResult } from '../../src/engine/types';
import { loadCases, runCase } from './bad-cases';

const wanted = new Set(process.argv.slice(2));
for (const c of loadCases().filter((k) => wanted.has(k.id))) {
  try {
    const result = runCase(c);
    const warnings = c.target === 'run' ? (result as BacktestResult).warnings.map((w) => w.message) : [];
    process.stdout.write(`${JSON.stringify({ id: c.id, outcome: 'accepted', warnings })}\n`);
  } catch (error) {
    const code = error instanceof BackfolioError ? error.code : 'NOT_A_BACKFOLIO_ERROR';
    process.stdout.write(`${JSON.stringify({ id: c.id, outcome: 'rejected', code, message: error instanceof Error ? error.message : String(error) })}\n`);
  }
}
