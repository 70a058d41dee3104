import { reportFromTables } from '../src/report/host';
import { exportReport } from '../src/export/export';
function rows(n: number) {
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2000, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    out.push([d, `Region ${i % 7}`, (1000 + i * 1.37).toFixed(2), ((i % 200) - 100) / 1000, i, i / 3]);
  }
  return out;
}
const n = Number(process.argv[4] ?? 20000);
const report = reportFromTables({ title: 'Bench', template: (process.argv[3] ?? 'compliance') as 'compliance', tables: [{ id: 'orders', title: 'Orders', columns: [
  { key: 'day', type: 'date' }, { key: 'region', type: 'text' }, { key: 'revenue', type: 'currency', currency: 'EUR' }, { key: 'growth', type: 'percent' }, { key: 'n', type: 'integer' }, { key: 'x', type: 'number' }], rows: rows(n) as never }] });
const stamps: number[] = [];
const timer = setInterval(() => stamps.push(performance.now()), 2);
const t0 = performance.now();
stamps.push(t0);
const { files } = await exportReport(report, { formats: [process.argv[2] ?? 'xlsx'] });
const t1 = performance.now();
stamps.push(t1);
clearInterval(timer);
let longest = 0, at = 0;
for (let i = 1; i < stamps.length; i++) { const g = stamps[i]! - stamps[i - 1]!; if (g > longest) { longest = g; at = stamps[i - 1]! - t0; } }
console.log(process.argv[2], 'total', Math.round(t1 - t0), 'ms; longest gap', Math.round(longest), 'ms at', Math.round(at), '; bytes', files[0]?.bytes.length, 'ticks', stamps.length);
