/**
 * Every case of the hardening corpus (tests/fixtures/bad/cases.json) is rejected with a
 * `BackfolioError` whose message names what and where, or accepted where a user would want it
 * accepted. Assertions are on the parts (row, column, value, key path), not on whole sentences.
 */
import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import type { BacktestResult, PriceData } from '../../src/engine/types';
import { loadCases, runCase, type BadCase } from './bad-cases';

const cases = loadCases().filter((c) => c.target !== 'cli');

function captureError(c: BadCase): unknown {
  try {
    runCase(c);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('hardening corpus: manifest', () => {
  it('holds at least 30 rejected inputs, each with what the message must mention', () => {
    const all = loadCases();
    const rejected = all.filter((c) => c.expect === 'reject');
    expect(rejected.length).toBeGreaterThanOrEqual(30);
    for (const c of rejected) expect(c.mentions?.length ?? 0, c.id).toBeGreaterThan(0);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });
});

describe('hardening corpus: rejected inputs', () => {
  for (const c of cases.filter((k) => k.expect === 'reject')) {
    it(`${c.id} (${c.target}) → ${c.code}`, () => {
      const error = captureError(c);
      expect(error, 'expected a rejection').toBeInstanceOf(BackfolioError);
      const failure = error as BackfolioError;
      expect(failure.code).toBe(c.code);
      for (const part of c.mentions ?? []) expect(failure.message).toContain(part);
    });
  }
});

describe('hardening corpus: inputs a user would want accepted', () => {
  for (const c of cases.filter((k) => k.expect === 'accept')) {
    it(`${c.id} (${c.target}) is accepted${c.warnings ? ', with warnings naming what' : ''}`, () => {
      const parsed = runCase(c);
      if (c.warnings !== undefined) {
        const warnings = (parsed as BacktestResult).warnings.map((w) => w.message).join('\n');
        for (const part of c.warnings) expect(warnings).toContain(part);
      }
      if (c.assets === undefined) return;
      const prices = parsed as PriceData;
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
