import { reportFromTables } from '../src/report/host';
import { layoutSheets } from '../src/export/xlsx/workbook';
import { patchWorkbook } from '../src/export/xlsx/patch';
import * as XLSX from 'xlsx';
function rows(n: number) {
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2000, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    out.push([d, `Region ${i % 7}`, (1000 + i * 1.37).toFixed(2), ((i % 200) - 100) / 1000, i, i / 3]);
  }
  return out;
}
const report = reportFromTables({ title: 'Bench', tables: [{ id: 'orders', title: 'Orders', columns: [
  { key: 'day', type: 'date' }, { key: 'region', type: 'text' }, { key: 'revenue', type: 'currency', currency: 'EUR' }, { key: 'growth', type: 'percent' }, { key: 'n', type: 'integer' }, { key: 'x', type: 'number' }], rows: rows(20000) as never }] });
for (let k = 0; k < 3; k++) {
let t = performance.now();
const sheets = await layoutSheets(report);
const t1 = performance.now();
const wb = { SheetNames: sheets.map((s) => s.name), Sheets: Object.fromEntries(sheets.map((s) => [s.name, s.sheet])) };
const written = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: false }) as Uint8Array;
const t2 = performance.now();
const bytes = patchWorkbook(written, { sheets: sheets.map((s) => s.style) });
const t3 = performance.now();
console.log('layout', Math.round(t1 - t), 'write', Math.round(t2 - t1), 'patch', Math.round(t3 - t2), written.length, bytes.length);
}
