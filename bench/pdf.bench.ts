/**
 * PDF writer speed. Targets (issue 11): the bundled crypto example's detailed report ≤ 2 s and
 * its executive factsheet ≤ 0.5 s; the compliance report of a 2,000-row trade log (with 1,800
 * daily rows, all printed) ≤ 5 s. The first write of a process also loads jsPDF and parses the
 * fonts ("cold"); the figures to compare with the targets are the warm ones (best of 3).
 */
import { EXAMPLES } from '../src/data/examples/index';
import { parsePriceCsv } from '../src/data/prices';
import { runBacktest } from '../src/engine/run';
import { writePdf } from '../src/export/pdf/index';
import { buildReport } from '../src/report/build';
import type { PdfTemplate, Report } from '../src/report/model.types';
import { makeFixtureReport } from '../tests/export/pdf/fixture-report';

interface Timing {
  ms: number;
  pages: number;
  kib: number;
  rows: number;
}

async function once(report: Report): Promise<Timing> {
  const started = performance.now();
  const out = await writePdf(report);
  const ms = performance.now() - started;
  const pages = (new TextDecoder('latin1').decode(out.bytes).match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  return { ms, pages, kib: out.bytes.length / 1024, rows: out.rows };
}

/** Writes `report` `runs` times and prints the best time against the target. */
async function time(label: string, report: Report, targetMs: number | null, runs = 3): Promise<void> {
  const timings: Timing[] = [];
  for (let i = 0; i < runs; i++) timings.push(await once(report));
  const best = timings.reduce((a, b) => (b.ms < a.ms ? b : a));
  const all = timings.map((t) => t.ms.toFixed(0)).join(', ');
  const target = targetMs === null ? '' : `, target ≤ ${targetMs} ms (${(best.ms / targetMs).toFixed(2)}× of target)`;
  console.log(`${label}: best ${best.ms.toFixed(0)} ms of [${all}]${target}; ${best.pages} pages, ${best.kib.toFixed(0)} KiB, ${best.rows} table rows`);
}

/** Prints timings, page counts and sizes. */
export async function bench(): Promise<void> {
  const example = EXAMPLES[0];
  if (!example) throw new Error('no bundled example');
  const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
  const crypto = (template: PdfTemplate): Report => buildReport(result, { formats: ['pdf'], template, bom: true }, { generatedAt: '2025-09-06T08:38:40Z' });
  const cold = await once(crypto('detailed'));
  console.log(`cold start (jsPDF, autotable and fonts loaded, then the crypto example's detailed report): ${cold.ms.toFixed(0)} ms`);
  await time('crypto example, executive factsheet', crypto('executive'), 500);
  await time('crypto example, detailed report', crypto('detailed'), 2000);
  await time('crypto example, compliance report', crypto('compliance'), null, 1);
  const fixture = makeFixtureReport({ template: 'compliance', days: 1800, assets: ['BTC', 'ETH', 'SOL', 'ADA', 'XRP'], benchmarks: ['Биткоин', 'Ελλάδα 60/40'], trades: 2000 });
  await time('compliance, 2,000 trades and 1,800 daily rows in full, 5 assets, 3 portfolios', fixture, 5000, 2);
  await time('detailed with CJK names (Noto Sans SC embedded), 1,800 days, 2,000 trades', makeFixtureReport({ template: 'detailed', days: 1800, trades: 2000 }), null, 1);
}
