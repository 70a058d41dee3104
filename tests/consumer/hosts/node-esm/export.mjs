// A plain Node ESM script using the installed package: exports a host table in all three formats
// (Node has no Worker, so the writers run in the process; fonts are read from the package), runs
// a small backtest through the root entry, and writes the files and a summary into argv[2].
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportReport, reportFromTables } from 'backfolio/export';
import { buildReport, parsePriceCsv, runBacktest, runSweep } from 'backfolio';
import { parseJsonStrict } from 'backfolio/engine';

const out = process.argv[2];
if (!out) throw new Error('usage: node export.mjs <out-dir>');
mkdirSync(out, { recursive: true });

const rows = [];
for (let i = 0; i < 2000; i++) {
  const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  rows.push([day, i === 1999 ? 'Launch 🚀' : i % 3 === 0 ? 'Nord 北京' : '=HYPERLINK("x")', (1000 + i * 1.37).toFixed(2), ((i % 41) - 20) / 1000, 100 + (i % 97)]);
}
const report = reportFromTables({
  title: 'Node host',
  data: { synthetic: true, source: 'the consumer test generator' },
  tables: [
    {
      id: 'daily_sales',
      title: 'Daily sales',
      columns: [
        { key: 'day', label: 'Day', type: 'date' },
        { key: 'region', label: 'Lead region', type: 'text' },
        { key: 'revenue', label: 'Revenue', type: 'currency', currency: 'EUR' },
        { key: 'growth', label: 'Growth', type: 'percent' },
        { key: 'orders', label: 'Orders', type: 'integer' },
      ],
      rows,
    },
  ],
});
const summary = { files: [], raw: null, backtest: null, sweep: null, strictJson: null };
const { files } = await exportReport(report, { formats: ['csv', 'xlsx', 'pdf'] });
for (const file of files) {
  writeFileSync(join(out, file.name), file.bytes);
  summary.files.push({ name: file.name, format: file.format, rows: file.rows, bytes: file.bytes.length, warnings: file.warnings });
}
// The same CSV without the formula guard, for programs that read the data as is.
const raw = await exportReport(report, { formats: ['csv'], csv: { formulaGuard: 'none' } });
writeFileSync(join(out, 'raw.zip'), raw.files[0].bytes);
summary.raw = 'raw.zip';

const prices = parsePriceCsv('date,AAA,BBB\n2024-01-01,100,50\n2024-01-02,101,50.5\n2024-01-03,99.5,51\n2024-01-04,102,50.75\n');
const result = runBacktest({
  config: {
    name: 'Node smoke', start_date: '2024-01-01', end_date: '2024-01-04', initial_capital: '10000', base_currency: 'USD',
    rebalancing_frequency: 'daily', strategy: { type: 'fixed', weights: { AAA: 0.5, BBB: 0.5 } },
  },
  prices,
});
const backtest = await exportReport(buildReport(result, { formats: ['csv'], template: 'detailed', bom: true }), { formats: ['csv'] });
writeFileSync(join(out, 'backtest.zip'), backtest.files[0].bytes);
summary.backtest = { file: 'backtest.zip', finalValue: result.strategy.values.at(-1).toFixed(2), exactFinalValue: result.strategy.values.at(-1).toFixed() };
// The same run with three frequencies on the package's own sweep workers (worker_threads).
const sweepConfigs = ['daily', 'weekly', 'never'].map((frequency) => ({
  name: `Sweep ${frequency}`, start_date: '2024-01-01', end_date: '2024-01-04', initial_capital: '10000', base_currency: 'USD',
  rebalancing_frequency: frequency, strategy: { type: 'fixed', weights: { AAA: 0.5, BBB: 0.5 } },
}));
const sweep = await runSweep(sweepConfigs, { prices }, { workers: 2 });
summary.sweep = sweep.map((run) => (run.error ? run.error.message : run.portfolios[0].metrics.final_value));
// A configuration with a key given twice is refused, naming the key path.
try {
  parseJsonStrict('{"strategy": {"type": "fixed", "type": "equal_weight"}}', 'run.json');
  summary.strictJson = 'accepted';
} catch (error) {
  summary.strictJson = error.message;
}
writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary));
