/**
 * The streaming zip (src/export/zip.ts): in Node each entry is deflated by node:zlib in segments
 * joined into one deflate stream; the archive must unzip to the exact bytes pushed, with correct
 * sizes and CRC-32s (checked by Python's zipfile, an independent reader), whatever the chunking.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatChunks, createZipStream } from '../../src/export/zip';
import { requirePython } from '../support/tools';

const python = requirePython([]);

/** Deterministic bytes that compress like text (repeated rows) but not trivially. */
function sampleBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = 48 + ((state >>> 16) % (i % 97 < 60 ? 10 : 40));
  }
  return out;
}

function zipEntries(entries: { name: string; bytes: Uint8Array; chunk: number }[]): { zip: Uint8Array; summaries: { name: string; bytes: number }[] } {
  const chunks: Uint8Array[] = [];
  const zip = createZipStream((chunk) => chunks.push(chunk), new Date('2025-01-02T03:04:05Z'));
  const summaries = entries.map(({ name, bytes, chunk }) => {
    const entry = zip.openEntry(name);
    for (let from = 0; from < bytes.length; from += chunk) entry.push(bytes.subarray(from, from + chunk));
    return entry.close();
  });
  zip.finish();
  return { zip: concatChunks(chunks), summaries };
}

describe('createZipStream', () => {
  it('unzips to the exact bytes, one entry spanning many deflate segments, small and empty entries too', () => {
    const big = sampleBytes(1_300_000, 1);
    const small = sampleBytes(3, 2);
    const entries = [
      { name: 'big.csv', bytes: big, chunk: 70_001 },
      { name: 'tiny.csv', bytes: small, chunk: 1 },
      { name: 'empty.csv', bytes: new Uint8Array(0), chunk: 1 },
      { name: 'one-chunk.csv', bytes: sampleBytes(600_000, 3), chunk: 600_000 },
    ];
    const { zip, summaries } = zipEntries(entries);
    expect(summaries.map((s) => [s.name, s.bytes])).toEqual(entries.map((e) => [e.name, e.bytes.length]));
    const unzipped = unzipSync(zip);
    for (const e of entries) expect(unzipped[e.name], e.name).toEqual(e.bytes);
    // Compressed: far smaller than the raw bytes.
    expect(zip.length).toBeLessThan(big.length / 2);

    // An independent reader checks every CRC-32 and size.
    const dir = mkdtempSync(join(tmpdir(), 'backfolio-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), zip);
      const check = spawnSync(python, ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); bad = z.testzip(); print(bad or "ok"); print(sum(i.file_size for i in z.infolist()))', join(dir, 'a.zip')], {
        encoding: 'utf8',
      });
      expect(check.status, check.stderr).toBe(0);
      expect(check.stdout.trim().split('\n')).toEqual(['ok', String(entries.reduce((n, e) => n + e.bytes.length, 0))]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
