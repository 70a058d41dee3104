/**
 * The 50 MB price file of the hardening tests (tests/hardening/large-file.ts), timed: decoding
 * (decodeCsvBytes) and parsing (parsePriceCsv) separately, with the heap in use afterwards and
 * the process's peak RSS. One run each: the file is big enough for a stable figure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePriceCsv } from '../src/data/prices';
import { decodeCsvBytes } from '../src/data/decode';
import { writeLargePriceFile } from '../tests/hardening/large-file';

/** Prints the figures of one 50 MB decode + parse. */
export async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'backfolio-bench-large-'));
  try {
    const path = join(dir, 'prices-50mb.csv');
    const { rows, symbols, bytes } = writeLargePriceFile(path, 50 * 1024 * 1024);
    const raw = new Uint8Array(readFileSync(path));
    const t0 = performance.now();
    const text = decodeCsvBytes(raw, 'prices');
    const t1 = performance.now();
    const cpu0 = process.cpuUsage();
    const data = parsePriceCsv(text);
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const points = data.assets.reduce((sum, a) => sum + a.points.length, 0);
    const mb = bytes / 2 ** 20;
    console.log(`file: ${mb.toFixed(1)} MB, ${rows.toLocaleString('en-US')} rows × ${symbols.length} symbols = ${points.toLocaleString('en-US')} prices`);
    console.log(`decodeCsvBytes: ${(t1 - t0).toFixed(0)} ms (${(mb / ((t1 - t0) / 1000)).toFixed(0)} MB/s)`);
    console.log(`parsePriceCsv: ${(t2 - t1).toFixed(0)} ms (target ≤ 3000 ms; CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, GC threads included; ${(mb / ((t2 - t1) / 1000)).toFixed(1)} MB/s, ${((points / (t2 - t1)) * 1000).toFixed(0)} prices/s)`);
    console.log(`heap used after parse: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    // Keep the parsed data alive until the heap figure is taken.
    if (data.assets.length !== symbols.length) throw new Error('unexpected asset count');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
