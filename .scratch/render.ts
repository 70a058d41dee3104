import { writeFileSync, mkdirSync } from 'node:fs';
import { EXAMPLES } from '../src/data/examples/index';
import { parsePriceCsv } from '../src/data/prices';
import { runBacktest } from '../src/engine/run';
import { writePdf } from '../src/export/pdf/index';
import { buildReport } from '../src/report/build';
import type { PdfTemplate } from '../src/report/model.types';
const example = EXAMPLES[0]!;
const text = await example.loadPrices();
const result = runBacktest({ config: example.config, prices: parsePriceCsv(text) });
mkdirSync('/tmp/pdfwork/out', { recursive: true });
const templates = (process.argv[2] ?? 'executive,detailed,compliance').split(',') as PdfTemplate[];
for (const template of templates) {
  const report = buildReport(result, { formats: ['pdf'], template, bom: true }, { generatedAt: '2025-09-06T08:38:40Z', inputs: { prices: { name: 'crypto-risk-parity.csv', bytes: text.length, sha256: 'a'.repeat(64) } } });
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const out = await writePdf(report);
    const ms = performance.now() - t;
    writeFileSync(`/tmp/pdfwork/out/${template}.pdf`, out.bytes);
    console.log(template, Math.round(ms), 'ms', out.bytes.length, 'bytes');
  }
}
