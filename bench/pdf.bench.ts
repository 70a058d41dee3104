/**
 * PDF writer speed: the detailed report of a realistic run (≈1,800 daily rows, 5 assets, a
 * strategy and 2 benchmarks) and the compliance report of a 2,000-row trade log. Target: the
 * detailed report in ≤ 3 s. The first write includes loading jsPDF and parsing the fonts.
 */
import { writePdf } from '../src/export/pdf/index';
import type { PreparedChart } from '../src/export/writer.types';
import { makeFixtureReport } from '../tests/export/pdf/fixture-report';
import { makePng } from '../tests/export/pdf/read-pdf';

async function time(label: string, run: () => Promise<{ bytes: Uint8Array; rows: number }>): Promise<void> {
  const started = performance.now();
  const out = await run();
  const ms = performance.now() - started;
  const pages = (new TextDecoder('latin1').decode(out.bytes).match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  console.log(`${label}: ${ms.toFixed(0)} ms, ${pages} pages, ${(out.bytes.length / 1024).toFixed(0)} KiB, ${out.rows} table rows`);
}

/** Prints timings, page counts and sizes. */
export async function bench(): Promise<void> {
  const assets = ['BTC', 'ETH', 'SOL', 'ADA', 'XRP'];
  const realistic = (template: 'executive' | 'detailed' | 'compliance', trades: number) =>
    makeFixtureReport({ template, days: 1800, assets, benchmarks: ['Биткоин', 'Ελλάδα 60/40'], trades });
  await time('detailed, 1,800 days × 5 assets × 3 portfolios, 600 trades (cold: library + fonts)', () => writePdf(realistic('detailed', 600)));
  await time('detailed, same report (warm)', () => writePdf(realistic('detailed', 600)));
  await time('executive, same report', () => writePdf(realistic('executive', 600)));
  await time('detailed, 2,000-row trade log (500 printed)', () => writePdf(realistic('detailed', 2000)));
  await time('compliance, 2,000-row trade log in full, 1,800 daily rows in full', () => writePdf(realistic('compliance', 2000)));
  const ids = ['equity', 'drawdown', 'allocation', 'rolling_volatility', 'correlation', 'risk_contributions'];
  const png = await makePng(3000, 1500);
  const charts: PreparedChart[] = ids.map((chartId) => ({ chartId, kind: 'png', bytes: png, widthPx: 3000, heightPx: 1500, cssWidth: 960, cssHeight: 480 }));
  await time('detailed with six captured 3000×1500 PNG charts', () => writePdf(realistic('detailed', 600), { charts }));
  await time('detailed with CJK names (Noto Sans SC embedded)', () =>
    writePdf(makeFixtureReport({ template: 'detailed', days: 1800, assets, trades: 600 })),
  );
}
