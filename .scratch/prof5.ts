import { jsPDF } from 'jspdf';
import { readFileSync } from 'node:fs';
import { slimFont } from './ttf';
import { encodeBase64 } from '../src/export/pdf/fonts';
const raw = readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const slim = slimFont(new Uint8Array(raw));
console.log('raw', raw.length, 'slim', slim.length);
for (const [label, bytes] of [['raw', new Uint8Array(raw)], ['slim', slim], ['raw', new Uint8Array(raw)], ['slim', slim]] as const) {
  const t0 = performance.now();
  const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true });
  doc.addFileToVFS('d.ttf', encodeBase64(bytes)); doc.addFont('d.ttf', 'D', 'normal', 'Identity-H'); doc.setFont('D');
  doc.text('Hello world 123 Portfolio value 2021 – Bitcoin Equal weight', 40, 40);
  const t1 = performance.now();
  const out = doc.output('arraybuffer');
  console.log(label, 'register', (t1 - t0).toFixed(0), 'output', (performance.now() - t1).toFixed(0), out.byteLength);
}
