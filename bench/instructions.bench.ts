/**
 * Quiet-machine figures for the engine bench on a shared machine: instructions executed, counted
 * by valgrind (callgrind), which do not depend on how busy the cores are. For each scenario of
 * bench/engine.bench.ts, bench/instructions-child.ts is run three ways (set-up and warm-up only;
 * plus R engine runs; plus R floor runs) and the differences divided by R give the instructions
 * of one engine run and of one float64-floor run, and their ratio. Instructions are not time
 * (decimal code has more cache misses and branches per instruction than the floor's loop), but
 * the ratio is a load-free check of the timed one. Every thread of the process is counted (V8's
 * compiler and GC helpers included).
 *
 * Slow (valgrind runs Node ~80× slower: several minutes), so it runs only when asked by name:
 * `npm run bench -- instructions`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from './engine.bench';

const here = dirname(fileURLToPath(import.meta.url));
const ENGINE_RUNS = 3;
const FLOOR_RUNS = 20;

/** Instructions executed by `node <script> <args>` under callgrind. */
function countInstructions(script: string, args: string[]): number {
  const run = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, script, ...args],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const collected = /Collected\s*:\s*(\d+)/.exec(run.stderr ?? '');
  if (run.status !== 0 || collected === null) throw new Error(`valgrind ${args.join(' ')}: ${(run.stderr ?? '').slice(-400)}`);
  return Number(collected[1]);
}

function hasValgrind(): boolean {
  return spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Prints, per scenario, instructions of one engine run, of one floor run, and the ratio. */
export async function bench(): Promise<void> {
  if (!process.argv.slice(2).some((word) => 'instructions.bench.ts'.includes(word))) {
    console.log('instruction counts (valgrind, several minutes): run `npm run bench -- instructions`');
    return;
  }
  if (!hasValgrind()) {
    console.log('instruction counts: valgrind is not installed (apt-get install -y valgrind)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'backfolio-bench-instructions-'));
  try {
    const script = join(dir, 'child.mjs');
    const esbuild = await import('esbuild');
    await esbuild.build({ entryPoints: [join(here, 'instructions-child.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
    const base = countInstructions(script, ['none', '0', '0']);
    console.log(`set-up and warm-up of every scenario: ${(base / 1e9).toFixed(2)} G instructions`);
    const floors = new Map<number, number>();
    for (const [index, scenario] of SCENARIOS.entries()) {
      const lookback = scenario.strategy === 'equal_weight' ? 0 : 60;
      if (!floors.has(lookback)) floors.set(lookback, (countInstructions(script, ['floor', String(index), String(FLOOR_RUNS)]) - base) / FLOOR_RUNS);
      const floor = floors.get(lookback) as number;
      const engine = (countInstructions(script, ['engine', String(index), String(ENGINE_RUNS)]) - base) / ENGINE_RUNS;
      console.log(
        `instructions, engine ${scenario.label}: ${(engine / 1e6).toFixed(0)} M a run; float64 floor ${(floor / 1e6).toFixed(1)} M; ` +
          `ratio ${(engine / floor).toFixed(0)}× (target for time ≤ 20×)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
