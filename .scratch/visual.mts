import { writeFileSync } from 'node:fs';
import { reportFromTables } from '../src/report/host';
import { exportReport } from '../src/export/export';
const regions = ['Nord', 'Île-de-France', 'Süd', 'Øst', 'Centre 北京'];
const rows = [];
for (let i = 0; i < 20000; i++) rows.push([new Date(Date.UTC(2000, 0, 1) + i * 86400000).toISOString().slice(0, 10), regions[i % 5], (1000 + i * 1.37).toFixed(2), i === 0 ? null : ((i % 41) - 20) / 1000, 100 + (i % 97)]);
const report = reportFromTables({ title: 'Consumer host', generatedAt: '2026-12-01T22:00:00Z', tables: [{ id: 'daily_sales', title: 'Daily sales', columns: [
  { key: 'day', label: 'Day', type: 'date' }, { key: 'region', label: 'Lead region', type: 'text' }, { key: 'revenue', label: 'Revenue', type: 'currency', currency: 'EUR' }, { key: 'growth', label: 'Growth', type: 'percent', decimals: 1 }, { key: 'orders', label: 'Orders', type: 'integer' }], rows }] });
const { files } = await exportReport(report, { formats: ['xlsx', 'pdf'] });
for (const f of files) { writeFileSync(`/tmp/visual.${f.format === 'xlsx' ? 'xlsx' : 'pdf'}`, f.bytes); console.log(f.name, f.bytes.length, f.rows); }
