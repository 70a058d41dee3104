/**
 * Price parsing speed: the bundled examples, a 40-asset × 10-year wide file, and the same in long
 * form (one row per price), with throughput in MB/s and rows/s. Median of 5 parses after a warm-up.
 */
import { EXAMPLES } from '../src/data/examples/index';
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { parsePriceCsv } from '../src/data/prices';

const RUNS = 5;

/** Median wall time of RUNS calls after a warm-up, with the median CPU time (the machine is shared). */
function medianMs(work: () => void): { wall: number; cpu: number } {
  work();
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    work();
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  const middle = (values: number[]): number => values.sort((a, b) => a - b)[RUNS >> 1] ?? 0;
  return { wall: middle(times), cpu: middle(cpus) };
}

function report(label: string, text: string): void {
  let prices = 0;
  const { wall: ms, cpu } = medianMs(() => {
    prices = parsePriceCsv(text).assets.reduce((sum, a) => sum + a.points.length, 0);
  });
  const mb = new TextEncoder().encode(text).length / (1024 * 1024);
  console.log(
    `parse ${label}: ${mb.toFixed(2)} MB, ${prices.toLocaleString('en-US')} prices: median ${ms.toFixed(1)} ms (CPU ${cpu.toFixed(1)} ms) ` +
      `(${(mb / (ms / 1000)).toFixed(1)} MB/s, ${((prices / ms) * 1000).toFixed(0)} prices/s)`,
  );
}

function toLongForm(wide: string): string {
  const [header = '', ...rows] = wide.trim().split('\n');
  const symbols = header.split(',').slice(1);
  const lines = ['date,symbol,price'];
  for (const row of rows) {
    const [date, ...cells] = row.split(',');
    cells.forEach((cell, i) => lines.push(`${date},${symbols[i]},${cell}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Prints one line per file parsed. */
export async function bench(): Promise<void> {
  for (const example of EXAMPLES) report(`example ${example.id}`, await example.loadPrices());
  const { csv } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: '2024-12-31', calendar: 'business', seed: 7 });
  report('40 assets × 10 years, wide', csv);
  report('40 assets × 10 years, long', toLongForm(csv));
}
