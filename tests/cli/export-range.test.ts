/** The command line applies --from, --to and --sections as the dashboard's export dialog does. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backfolio-cli-range-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: () => new Date('2025-01-02T03:04:05Z') };
  return { code: await main(argv, io), stdout, stderr };
}

describe('command line: --from, --to, --sections', () => {
  it('writes only the chosen sections, limited to the range', async () => {
    const out = join(dir, 'out');
    const { code, stderr } = await run(['--example', 'us-stocks', '--out', out, '--format', 'csv', '--from', '2006-01-01', '--to', '2007-12-31', '--sections', 'daily,summary']);
    expect(stderr).not.toContain('backtest:');
    expect(code).toBe(0);
    const [zip] = readdirSync(out);
    const entries = unzipSync(new Uint8Array(readFileSync(join(out, zip ?? ''))));
    expect(Object.keys(entries)).toContain('daily_portfolio_data.csv');
    expect(Object.keys(entries)).not.toContain('transaction_log.csv');
    const daily = strFromU8(entries['daily_portfolio_data.csv'] ?? new Uint8Array()).replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
    const dates = daily.map((line) => line.split(',')[0] ?? '');
    expect(dates[0]! >= '2006-01-01').toBe(true);
    expect(dates.at(-1)! <= '2007-12-31').toBe(true);
    const meta = JSON.parse(strFromU8(entries['metadata.json'] ?? new Uint8Array())) as { export_options?: unknown; options?: unknown };
    expect(JSON.stringify(meta)).toContain('2006-01-01');
  });

  it('refuses a range outside the run with the dialog\'s words, exit 2, writing nothing', async () => {
    const out = join(dir, 'out');
    const { code, stderr } = await run(['--example', 'us-stocks', '--out', out, '--format', 'csv', '--from', '2015-01-01']);
    expect(code).toBe(2);
    expect(stderr).toContain('--from (2015-01-01) is after the run ends (2010-03-01): choose a date from 2004-08-01 to 2010-03-01.');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
