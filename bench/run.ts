/**
 * `npm run bench [-- <filter>…]`: runs every `bench/*.bench.ts` in alphabetical order (or those
 * whose name contains one of the filters). Each exports `bench(): Promise<void>` and prints its
 * own figures; a failing benchmark (e.g. a stage not implemented yet) is reported and the others
 * still run. Speed lives here, never in tests.
 */
import { readdirSync } from 'node:fs';
import { availableParallelism, cpus, platform, arch, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  bench?: () => Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The benchmark files, alphabetical, filtered by the command-line words when given. */
export function listBenchFiles(dir: string, filters: readonly string[]): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
}

async function runAll(filters: readonly string[]): Promise<number> {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Node ${process.version} on ${platform()}-${arch()}, ${availableParallelism()} cores available (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM`);
  const files = listBenchFiles(here, filters);
  if (files.length === 0) console.log(`no bench/*.bench.ts matches ${filters.join(' ')}`);
  let failures = 0;
  for (const file of files) {
    console.log(`\n== ${file}`);
    const started = performance.now();
    try {
      const module = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
      if (typeof module.bench !== 'function') throw new Error('exports no bench() function');
      await module.bench();
      console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failures++;
      const message = error instanceof Error ? error.message : String(error);
      console.log(/not implemented/i.test(message) ? `${file}: not implemented yet (${message})` : `${file}: FAILED: ${message}`);
    }
  }
  return failures;
}

process.exitCode = (await runAll(process.argv.slice(2))) > 0 ? 1 : 0;
