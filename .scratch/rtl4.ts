import { writeFileSync } from 'node:fs';
import { writePdf } from '../src/export/pdf/index';
import { makeFixtureReport } from '../tests/export/pdf/fixture-report';
for (const template of ['executive', 'detailed'] as const) {
  writeFileSync(`/tmp/pdfwork/out/rtl-${template}.pdf`, (await writePdf(makeFixtureReport({ template, benchmarks: ['קרן גידול 60/40', 'صندوق النمو', '🚀 Moon fund'], trades: 20, days: 120 }))).bytes);
}
