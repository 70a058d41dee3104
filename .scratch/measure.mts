import { reportFromTables } from '/work/wt/library/src/report/host';
import { exportReport } from '/work/wt/library/src/export/export';
function rows(n: number) {
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2000, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    out.push([d, `Region ${i % 7}`, (1000 + i * 1.37).toFixed(2), ((i % 200) - 100) / 1000, i, i / 3]);
  }
  return out;
}
const report = reportFromTables({ title: 'Bench', template: (process.argv[3] ?? 'compliance') as 'compliance', tables: [{ id: 'orders', title: 'Orders', columns: [
  { key: 'day', type: 'date' }, { key: 'region', type: 'text' }, { key: 'revenue', type: 'currency', currency: 'EUR' }, { key: 'growth', type: 'percent' }, { key: 'n', type: 'integer' }, { key: 'x', type: 'number' }], rows: rows(20000) as never }] });
let longest = 0; let last = performance.now(); let ticks = 0;
const timer = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; ticks++; }, 5);
const t0 = performance.now();
const { files } = await exportReport(report, { formats: [process.argv[2] ?? 'xlsx'] });
clearInterval(timer);
console.log(process.argv[2], 'total', Math.round(performance.now() - t0), 'ms; longest gap', Math.round(longest), 'ms; bytes', files[0]?.bytes.length, 'ticks', ticks);
