import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureReport } from './fixtures/report';

/** Runs a child script (under `TZ` when given) and returns what it printed. */
function runChild(script: string, tz?: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', script)], {
    env: tz === undefined ? process.env : { ...process.env, TZ: tz },
    cwd: join(__dirname, '../../..'),
    encoding: 'utf8',
  });
}

function runIn(tz: string): { offset: number; cells: { v: number; w: string }[] } {
  return JSON.parse(runChild('tz-child.ts', tz)) as { offset: number; cells: { v: number; w: string }[] };
}

describe('the workbook in other environments', () => {
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

  it('is written as bytes where Node’s Buffer does not exist (browsers)', () => {
    const out = JSON.parse(runChild('no-buffer-child.ts')) as { buffer: string; type: string; length: number; head: number[]; rows: number };
    expect(out.buffer).toBe('undefined');
    expect(out.type).toBe('[object Uint8Array]');
    expect(out.head).toEqual([0x50, 0x4b]);
    expect(out.length).toBeGreaterThan(10_000);
    expect(out.rows).toBeGreaterThan(200);
  });
});
