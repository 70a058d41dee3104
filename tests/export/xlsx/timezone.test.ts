import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureReport } from './fixtures/report';

/** Runs the child script under `TZ` and returns what it printed. */
function runIn(tz: string): { offset: number; cells: { v: number; w: string }[] } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/tz-child.ts')], {
    env: { ...process.env, TZ: tz },
    cwd: join(__dirname, '../../..'),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { offset: number; cells: { v: number; w: string }[] };
}

describe('dates in any time zone', () => {
  it('are the same serials and show the same days in Los Angeles, Tokyo and UTC', () => {
    const { facts } = createFixtureReport();
    const expected = facts.dates.map((iso) => ({
      v: Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25569,
      w: iso,
    }));
    const la = runIn('America/Los_Angeles');
    const tokyo = runIn('Asia/Tokyo');
    const utc = runIn('UTC');
    // The zones really differ in the children.
    expect(la.offset).toBe(480);
    expect(tokyo.offset).toBe(-540);
    expect(utc.offset).toBe(0);
    for (const run of [la, tokyo, utc]) expect(run.cells).toEqual(expected);
  });
});
