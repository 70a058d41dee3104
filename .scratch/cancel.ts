import { EXAMPLES } from '../src/data/examples/index';
import { parsePriceCsv } from '../src/data/prices';
import { runBacktest } from '../src/engine/run';
import { exportReport } from '../src/export/export';
import { buildReport } from '../src/report/build';
const example = EXAMPLES[0]!;
const result = runBacktest({ config: example.config, prices: parsePriceCsv(await example.loadPrices()) });
const report = buildReport(result, { formats: ['pdf'], template: 'executive', bom: true });
await exportReport(report, { formats: ['pdf'] });
for (const delay of [20, 100, 200, 400, 800]) {
  const c = new AbortController();
  const t = performance.now();
  setTimeout(() => c.abort(), delay);
  try { await exportReport(report, { formats: ['pdf'], signal: c.signal }); console.log(delay, 'completed', Math.round(performance.now() - t)); }
  catch (e) { console.log(delay, 'rejected', (e as Error).message, Math.round(performance.now() - t)); }
}
