#!/usr/bin/env node
// @ts-check
/**
 * Builds the `backfolio` command (package.json `bin`) into dist-cli/: the project's own code
 * (src/cli/bin.ts and everything it imports) bundled into ES modules for Node, split so that each
 * export format and the run itself load only when used. Dependencies stay in node_modules and are
 * loaded by Node's own resolver (which also gives CommonJS packages such as SheetJS and jsPDF
 * their named exports); the big ones (SheetJS, jsPDF, the fonts) load only when their format is
 * asked for. No TypeScript at run time. Runs on `npm install` / `npm ci` (`prepare`).
 *
 *   node scripts/build-cli.mjs [--outdir <dir>]
 */
import { rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--outdir');
const outdir = outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1] : join(root, 'dist-cli');

/**
 * `import url from 'font.ttf?url'` is how the page finds its font files; in Node the PDF writer
 * reads them from node_modules instead (src/export/pdf/fonts.ts), so the URL is never used here.
 * @type {import('esbuild').Plugin}
 */
const assetUrlsUnused = {
  name: 'asset-urls-unused-in-node',
  setup(plugin) {
    plugin.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, namespace: 'asset-url' }));
    plugin.onLoad({ filter: /.*/, namespace: 'asset-url' }, () => ({ contents: 'export default "";', loader: 'js' }));
  },
};

/**
 * Module loading is a large share of a command-line run, so two dependencies that Node does not
 * need up front are not loaded up front: @noble/hashes (its SHA-2 module builds SHA-512 tables
 * when imported, ~60 ms; src/export/sha256.ts hashes with node:crypto in Node and never calls
 * it) is replaced by a stub, and papaparse (only for files with quotes or mixed line ends, see
 * scanCsv) is required on first use.
 * @type {import('esbuild').Plugin}
 */
const loadOnlyWhenNeeded = {
  name: 'load-only-when-needed',
  setup(plugin) {
    plugin.onResolve({ filter: /^@noble\/hashes\// }, (args) => ({ path: args.path, namespace: 'unused-in-node' }));
    plugin.onLoad({ filter: /.*/, namespace: 'unused-in-node' }, (args) => ({
      contents: `const unused = () => { throw new Error(${JSON.stringify(`${args.path} is not used in Node (node:crypto hashes)`)}); };
export const sha256 = Object.assign(unused, { create: unused });
export const bytesToHex = unused;`,
      loader: 'js',
    }));
    plugin.onResolve({ filter: /^papaparse$/ }, () => ({ path: 'papaparse', namespace: 'on-first-use' }));
    plugin.onLoad({ filter: /.*/, namespace: 'on-first-use' }, () => ({
      contents: `import { createRequire } from 'node:module';
const load = () => createRequire(import.meta.url)('papaparse');
export default { parse: (...args) => load().parse(...args) };`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { backfolio: 'src/cli/bin.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [assetUrlsUnused, loadOnlyWhenNeeded],
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.entries(result.metafile.outputs);
const total = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
const entry = outputs.find(([file]) => file.endsWith('backfolio.mjs'));
console.log(
  `backfolio command built in ${(performance.now() - started).toFixed(0)} ms: ${relative(root, join(root, entry?.[0] ?? outdir))} ` +
    `(${outputs.length} files, ${(total / 1024).toFixed(0)} KB; each format loads on demand)`,
);
