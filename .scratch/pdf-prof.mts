import { reportFromTables } from '../src/report/host';
import { jsPDF } from 'jspdf';
const origOutput = jsPDF.prototype.output;
(jsPDF.prototype as any).output = function (...a: any[]) { const t = performance.now(); const r = origOutput.apply(this, a as any); console.log('output', Math.round(performance.now() - t)); return r; };
import * as tables from '../src/export/pdf/tables';
import { writePdf } from '../src/export/pdf/index';
function rows(n: number) {
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2000, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    out.push([d, `Region ${i % 7}`, (1000 + i * 1.37).toFixed(2), ((i % 200) - 100) / 1000, i, i / 3]);
  }
  return out;
}
const report = reportFromTables({ title: 'Bench', template: 'compliance', tables: [{ id: 'orders', title: 'Orders', columns: [
  { key: 'day', type: 'date' }, { key: 'region', type: 'text' }, { key: 'revenue', type: 'currency', currency: 'EUR' }, { key: 'growth', type: 'percent' }, { key: 'n', type: 'integer' }, { key: 'x', type: 'number' }], rows: rows(20000) as never }] });
let t = performance.now();
const body = tables.formatRows(report.sections[0]!.tables[0]!, report.sections[0]!.tables[0]!.rows.map((_, i) => i));
console.log('formatRows', Math.round(performance.now() - t));
t = performance.now();
const out = await writePdf(report, {});
console.log('total', Math.round(performance.now() - t), out.bytes.length);
