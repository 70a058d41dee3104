/**
 * The library as a host meets it (issue #14): the packed package installed into a fresh host
 * (tests/consumer/support.ts), then
 * (1) footprint: the host's node_modules (target ≤ 60 MB) and the tarball;
 * (2) sizes: the `backfolio/export` first load in a zero-config Vite app (gzip), the worker;
 * (3) in Chromium, 20,000-row host tables: the longest main-thread task while the workbook and
 *     the PDF are written in the export worker (target ≤ 200 ms), the abort latency of each format
 *     (abort() to the rejection; target ≤ 300 ms), and the same on the page (`worker: false`),
 *     where the writers yield every ~40 ms and SheetJS's write and jsPDF's output stay one block;
 * (4) an idle page's longest timer gap, the noise floor of this shared 2-core machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ExportRun } from '../tests/consumer/hosts/shared/run.types';
import { buildAndPack, buildViteApp, cleanUp, installHost, listFiles, megabytes, type PackedLibrary } from '../tests/consumer/support';
import { launchChromium, openPage, serveStatic } from '../tests/e2e/support/harness';
import { firstLoadFiles } from './ui.bench';

const KB = 1024;

function sizes(dir: string, files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

function verdict(value: number, target: number): string {
  return `(target ≤ ${target}) ${value <= target ? 'OK' : 'OVER'}`;
}

/** Prints the footprint, sizes, longest main-thread tasks and abort latencies. */
export async function bench(): Promise<void> {
  let packed: PackedLibrary | undefined;
  try {
    packed = buildAndPack();
    const host = installHost(packed);
    console.log(`tarball ${megabytes(packed.tarballBytes)}, ${packed.files.length} files`);
    console.log(`host node_modules after npm install backfolio: ${megabytes(host.nodeModulesBytes)} in ${host.packages.length} packages ${verdict(Math.round(host.nodeModulesBytes / 1e6), 60)} MB`);

    const lib = join(host.dir, 'node_modules', 'backfolio', 'dist-lib');
    const libFiles = listFiles(lib).filter((f) => f.endsWith('.js'));
    const worker = sizes(lib, libFiles.filter((f) => f.startsWith('assets/')));
    const main = sizes(lib, libFiles.filter((f) => !f.startsWith('assets/')));
    console.log(`dist-lib entries and chunks ${(main.raw / KB).toFixed(0)} KB raw / ${(main.gzip / KB).toFixed(0)} KB gzip; workers with their chunks ${(worker.raw / KB).toFixed(0)} KB / ${(worker.gzip / KB).toFixed(0)} KB`);

    const dist = await buildViteApp(host);
    // Vite's default base writes absolute URLs (`/assets/…`); count each file once.
    const first = [...new Set(firstLoadFiles(dist).map((f) => f.replace(/^\//, '')))];
    const firstSize = sizes(dist, first);
    console.log(`Vite host, first load with backfolio/export: ${(firstSize.raw / KB).toFixed(1)} KB raw, ${(firstSize.gzip / KB).toFixed(1)} KB gzip (${first.join(', ')})`);
    const workerChunk = listFiles(dist).filter((f) => /export\.worker-.*\.js$/.test(f));
    const workerSize = sizes(dist, workerChunk);
    console.log(`Vite host, export worker (Vite's default iife worker format: one file with every writer, loaded on the first export): ${(workerSize.raw / KB).toFixed(0)} KB raw, ${(workerSize.gzip / KB).toFixed(0)} KB gzip`);

    const { server, origin } = await serveStatic(dist);
    const browser = await launchChromium();
    try {
      const { page, close } = await openPage(browser, origin, '/index.html');
      const idle = await page.evaluate(async () => {
        let last = performance.now();
        let longest = 0;
        const timer = setInterval(() => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
        }, 10);
        await new Promise((resolve) => setTimeout(resolve, 3000));
        clearInterval(timer);
        return longest;
      });
      console.log(`idle page, 3 s: longest gap of a 10 ms timer ${idle.toFixed(0)} ms (the machine's noise floor)`);
      const run = (format: 'csv' | 'xlsx' | 'pdf', options: { rows: number; worker?: false; abortAfterMs?: number }): Promise<ExportRun> =>
        page.evaluate(([f, o]) => window.consumer.run(f, o), [format, options] as const);
      for (const mode of ['worker', 'page'] as const) {
        const where = mode === 'worker' ? 'in the worker' : 'on the page (worker: false)';
        const extra = mode === 'worker' ? {} : { worker: false as const };
        for (const format of ['csv', 'xlsx', 'pdf'] as const) {
          // Warm: the worker started, the writer's library and the fonts loaded, as on a second export.
          await run(format, { rows: 200, ...extra });
          const full = await run(format, { rows: 20_000, ...extra });
          const target = mode === 'worker' ? verdict(Math.round(full.longestTaskMs), 200) : '(yields every ~40 ms; SheetJS write and jsPDF output are one block each)';
          console.log(`20,000 rows, ${format} ${where}: ${full.ms.toFixed(0)} ms; longest main-thread task ${full.longestTaskMs.toFixed(0)} ms ${target}; timer ${full.ticks} ticks, longest gap ${full.longestGapMs.toFixed(0)} ms`);
          const cancelled = await run(format, { rows: 20_000, abortAfterMs: Math.round(full.ms * 0.4), ...extra });
          const latency = cancelled.abortLatencyMs ?? Number.NaN;
          console.log(`20,000 rows, ${format} ${where}, cancelled at 40 %: ${cancelled.errorCode ?? 'NOT CANCELLED'}, abort → rejection ${latency.toFixed(1)} ms ${verdict(Math.round(latency), 300)}, file delivered: ${cancelled.base64 === null ? 'no' : 'YES'}`);
        }
      }
      await close();
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    cleanUp(packed);
  }
}
