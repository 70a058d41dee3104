import { writePdf } from '../src/export/pdf/index';
import { makeFixtureReport } from '../tests/export/pdf/fixture-report';
await writePdf(makeFixtureReport({ template: 'executive', trades: 10, days: 60 }));
for (const template of ['detailed', 'compliance'] as const) {
  let last = performance.now();
  const gaps: number[] = [];
  const t0 = performance.now();
  await writePdf(makeFixtureReport({ template, trades: 2000, days: 1800 }), { checkpoint: async () => { const now = performance.now(); gaps.push(now - last); last = now; } });
  const end = performance.now(); gaps.push(end - last);
  gaps.sort((a, b) => b - a);
  console.log(template, 'total', Math.round(end - t0), 'checkpoints', gaps.length, 'longest gaps', gaps.slice(0, 5).map((g) => g.toFixed(0)).join(', '));
}
