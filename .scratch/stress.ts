import { writeFileSync } from 'node:fs';
import { writePdf } from '../src/export/pdf/index';
import { makeFixtureReport } from '../tests/export/pdf/fixture-report';
const which = process.argv[2];
if (which === 'exec') {
  const benchmarks = Array.from({ length: 30 }, (_, i) => `Benchmark portfolio ${i + 1}`);
  const assets = Array.from({ length: 40 }, (_, i) => `A${i}`);
  writeFileSync('/tmp/pdfwork/out/stress-exec.pdf', (await writePdf(makeFixtureReport({ template: 'executive', benchmarks, assets, trades: 50, days: 7300 }))).bytes);
}
if (which === 'wide') {
  const assets = Array.from({ length: 40 }, (_, i) => `ASSET${i}`);
  writeFileSync('/tmp/pdfwork/out/stress-wide.pdf', (await writePdf(makeFixtureReport({ template: 'detailed', assets, trades: 50, days: 90 }))).bytes);
}
if (which === 'comp') {
  const t = performance.now();
  writeFileSync('/tmp/pdfwork/out/stress-comp.pdf', (await writePdf(makeFixtureReport({ template: 'compliance', trades: 2000, days: 1800 }))).bytes);
  console.log(performance.now() - t);
}
