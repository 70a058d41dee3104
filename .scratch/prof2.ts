import { jsPDF } from 'jspdf';
import { registerFonts } from '../src/export/pdf/fonts';
for (let i = 0; i < 4; i++) {
  const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: i % 2 === 0 });
  const fonts = await registerFonts(doc, { cjk: false, mono: false });
  doc.setFont(fonts.body, 'normal'); doc.text('Hello world 123', 40, 40);
  const t = performance.now();
  const out = doc.output('arraybuffer');
  console.log('compress', i % 2 === 0, 'output', (performance.now() - t).toFixed(0), out.byteLength);
}
