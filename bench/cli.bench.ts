/**
 * The command line as a user runs it (issue #16): the built `backfolio` (dist-cli/, from
 * `npm install` / `npm run build:cli`) started with plain `node`, side by side with `node -e 0`
 * (Node's own start-up, the floor of any command) and with the independent Python implementation
 * of the same contract (scripts/reference/backtest_reference.py, Python's C-coded `decimal` and
 * numpy) on the same files: 40 assets × 10 years of business days in long form, equal weight,
 * monthly + 5/25, 0.1 % costs. The command also writes the CSV package; the Python reference
 * only computes (ledger and core metrics) and prints JSON. Wall-clock medians and best runs of
 * separate processes (the two interleaved), with their CPU time from GNU time; targets: `--help` ≤ 150 ms, the whole run ≤ 0.6 s and faster than Python.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { median } from './engine.bench';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'dist-cli', 'backfolio.mjs');
const REFERENCE = join(root, 'scripts', 'reference', 'backtest_reference.py');

/** `/usr/bin/time` (GNU time), to read a child's CPU time; null when absent. */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface ProcessTime {
  /** Wall time, ms. */
  wall: number;
  /** User + system CPU time of the process, ms (NaN without GNU time). */
  cpu: number;
}

/** Wall and CPU time of one process run; throws with its stderr when it fails. */
function timeProcess(command: string, args: string[], cwd = root): ProcessTime {
  const timesFile = join(tmpdir(), `backfolio-bench-time-${process.pid}.txt`);
  const [program, programArgs] = GNU_TIME === null ? [command, args] : [GNU_TIME, ['-f', '%U %S', '-o', timesFile, command, ...args]];
  const started = performance.now();
  const run = spawnSync(program, programArgs, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 400)}`);
  let cpu = Number.NaN;
  if (GNU_TIME !== null) {
    const [user = Number.NaN, system = Number.NaN] = readFileSync(timesFile, 'utf8').trim().split(/\s+/).map(Number);
    cpu = (user + system) * 1000;
    rmSync(timesFile, { force: true });
  }
  return { wall, cpu };
}

interface Timing {
  median: number;
  best: number;
  cpu: number;
}

function summarise(times: ProcessTime[]): Timing {
  const walls = times.map((t) => t.wall);
  return { median: median(walls), best: Math.min(...walls), cpu: median(times.map((t) => t.cpu)) };
}

function timeRuns(runs: number, work: (i: number) => ProcessTime): Timing {
  return summarise(Array.from({ length: runs }, (_, i) => work(i)));
}

const cpuText = (timing: Timing): string => (Number.isNaN(timing.cpu) ? '' : `, CPU ${timing.cpu.toFixed(0)} ms`);

/** A Python 3 with numpy: `python3` on PATH first, then Debian's. */
function findPython(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    if (spawnSync(candidate, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error('no python3 with numpy (apt-get install -y python3-numpy)');
}

/** The bench's price file in long form (`date,symbol,price`), the form the Python reference reads. */
function writeLongPrices(path: string): { rows: number } {
  const { csv } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: '2024-12-31', calendar: 'business', seed: 7 });
  const [header = '', ...rows] = csv.trim().split('\n');
  const symbols = header.split(',').slice(1);
  const lines = ['date,symbol,price'];
  for (const row of rows) {
    const [date, ...cells] = row.split(',');
    cells.forEach((cell, i) => lines.push(`${date},${symbols[i]},${cell}`));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { rows: lines.length - 1 };
}

/** Prints the help time, the whole run's time, Python's time on the same files, and the ratios. */
export async function bench(): Promise<void> {
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  // Built afresh, so the figures are those of the code in the tree.
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0 || !existsSync(BIN)) throw new Error(`building the command failed: ${build.stderr}`);
  const node = process.execPath;
  const startUp = timeRuns(9, () => timeProcess(node, ['-e', '0']));
  const help = timeRuns(9, () => timeProcess(node, [BIN, '--help']));
  console.log(
    `backfolio --help: median ${help.median.toFixed(0)} ms, best ${help.best.toFixed(0)} ms${cpuText(help)} (target ≤ 150 ms); ` +
      `node -e 0: median ${startUp.median.toFixed(0)} ms, best ${startUp.best.toFixed(0)} ms${cpuText(startUp)}; help = ${(help.median / startUp.median).toFixed(2)}× Node's start-up`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'backfolio-bench-cli-'));
  try {
    const prices = join(dir, 'prices.csv');
    const { rows } = writeLongPrices(prices);
    const config = join(dir, 'run.json');
    writeFileSync(
      config,
      JSON.stringify({
        name: 'Bench CLI',
        start_date: '2015-01-01',
        end_date: '2024-12-31',
        initial_capital: '1000000',
        base_currency: 'USD',
        rebalancing_frequency: 'monthly',
        rebalance_threshold: '5/25',
        transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
        strategy: { type: 'equal_weight', assets: Array.from({ length: 40 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`) },
        benchmarks: [{ name: 'first asset', type: 'buy_and_hold', asset: 'A01' }],
      }),
    );
    // One warm-up each (file cache), then the measured runs.
    timeProcess(node, [BIN, '--config', config, '--prices', prices, '--out', join(dir, 'warm'), '--format', 'csv']);
    const python = findPython();
    timeProcess(python, [REFERENCE, config, prices]);
    // Interleaved, so both see the same load.
    const cliTimes: ProcessTime[] = [];
    const referenceTimes: ProcessTime[] = [];
    for (let i = 0; i < 5; i++) {
      cliTimes.push(timeProcess(node, [BIN, '--config', config, '--prices', prices, '--out', join(dir, `out-${i}`), '--format', 'csv']));
      referenceTimes.push(timeProcess(python, [REFERENCE, config, prices]));
    }
    const cli = summarise(cliTimes);
    const reference = summarise(referenceTimes);
    console.log(
      `whole command line, 40 assets × 10 years (${rows.toLocaleString('en-US')} price rows, long form), equal weight, monthly + 5/25, costs, CSV package: ` +
        `median ${cli.median.toFixed(0)} ms, best ${cli.best.toFixed(0)} ms${cpuText(cli)} (target ≤ 600 ms)`,
    );
    console.log(
      `Python reference (${python}, decimal + numpy; computes, writes no package) on the same files: median ${reference.median.toFixed(0)} ms, best ${reference.best.toFixed(0)} ms${cpuText(reference)}; ` +
        `command line / Python = ${(cli.median / reference.median).toFixed(2)} (medians), ${(cli.best / reference.best).toFixed(2)} (best runs)` +
        `${Number.isNaN(cli.cpu) ? '' : `, ${(cli.cpu / reference.cpu).toFixed(2)} (CPU)`}; target < 1`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
