/**
 * A 50 MB price file, generated at run time into a temporary folder (never committed), parses
 * completely with the right row count. No timing assertion: that it finishes within the test
 * timeout is the bound; the speed is measured by `npm run bench` (bench/hardening.bench.ts).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePriceCsv } from '../../src/data/prices';
import { decodeCsvBytes } from '../../src/data/decode';
import { writeLargePriceFile } from './large-file';

const dir = mkdtempSync(join(tmpdir(), 'backfolio-large-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 50 MB price file', () => {
  it('parses without error into every row', () => {
    const path = join(dir, 'prices-50mb.csv');
    const { rows, symbols } = writeLargePriceFile(path, 50 * 1024 * 1024);
    expect(statSync(path).size).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const data = parsePriceCsv(decodeCsvBytes(new Uint8Array(readFileSync(path)), 'prices'));
    expect(data.form).toBe('wide');
    expect(data.assets.map((a) => a.symbol)).toEqual(symbols);
    for (const asset of data.assets) expect(asset.points).toHaveLength(rows);
    const first = data.assets[0]?.points[0];
    expect(first?.date).toBe('1000-01-01');
    expect(first?.price.toString()).toBe('100.00001');
  }, 300_000);
});
