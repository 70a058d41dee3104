import { readFileSync } from 'node:fs';
import { readPdf } from '../tests/export/pdf/read-pdf';
const pdf = await readPdf(new Uint8Array(readFileSync('/tmp/pdfwork/out/detailed.pdf')));
const o = pdf.outline.find((x) => x.title === 'Monthly returns')!;
const page = pdf.pages[o.page - 1]!;
console.log(o, [...new Set(page.fillColors)].slice(0, 40));
console.log(page.lines.slice(0, 12));
