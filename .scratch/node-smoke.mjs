import { reportFromTables, exportReport } from '../dist-lib/export.js';
const rows = [];
for (let i = 0; i < 300; i++) rows.push([`2024-01-${String((i % 28) + 1).padStart(2, '0')}`, `Région ${i % 5} 北京`, (1000 + i * 1.37).toFixed(2), (i % 7) / 100, i]);
const report = reportFromTables({ title: 'Node smoke', tables: [{ id: 't', title: 'T', columns: [{ key: 'd', type: 'date' }, { key: 'r', type: 'text' }, { key: 'v', type: 'currency', currency: 'EUR' }, { key: 'g', type: 'percent' }, { key: 'n', type: 'integer' }], rows }] });
const t = performance.now();
const { files } = await exportReport(report, { formats: ['csv', 'xlsx', 'pdf'] });
for (const f of files) console.log(f.name, f.bytes.length, f.rows);
console.log(Math.round(performance.now() - t), 'ms');
