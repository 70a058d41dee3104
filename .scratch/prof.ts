import { jsPDF } from 'jspdf';
import { registerFonts } from '../src/export/pdf/fonts';
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true });
  const fonts = await registerFonts(doc, { cjk: false, mono: false });
  const t1 = performance.now() - t; t = performance.now();
  doc.setFont(fonts.body, 'normal'); doc.text('Hello world 123', 40, 40);
  doc.setFont(fonts.body, 'bold'); doc.text('Hello world 123', 40, 60);
  const t2 = performance.now() - t; t = performance.now();
  const out = doc.output('arraybuffer');
  console.log('fonts', t1.toFixed(0), 'text', t2.toFixed(0), 'output', (performance.now() - t).toFixed(0), out.byteLength);
}
