import { writePdf } from '../src/export/pdf/index';
import { makeFixtureReport } from '../tests/export/pdf/fixture-report';
await writePdf(makeFixtureReport({ template: 'executive', trades: 10, days: 60 }));
let stage = 'start';
let last = performance.now();
const gaps: [number, string, string][] = [];
await writePdf(makeFixtureReport({ template: 'compliance', trades: 2000, days: 1800 }), {
  onProgress: (p) => { stage = p.stage; },
  checkpoint: async () => { const now = performance.now(); gaps.push([now - last, stage, new Error().stack!.split('\n')[3]!.trim()]); last = now; },
});
gaps.sort((a, b) => b[0] - a[0]);
for (const g of gaps.slice(0, 8)) console.log(g[0].toFixed(0), g[1], g[2]);
