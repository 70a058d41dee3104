/**
 * `npm run build:lib`: the publishable library in `dist-lib/` (or `$BACKFOLIO_LIB_OUT`).
 *
 * 1. Vite, main pass: the ES entries (vite.lib.config.ts).
 * 2. Vite, worker pass: the self-contained workers and the fonts in `assets/`.
 * 3. `tsc -p tsconfig.lib.json`: declarations in `types/`.
 * 4. Relative specifiers in the declarations get their `.js` (or `/index.js`) ending, which
 *    `moduleResolution: node16 | nodenext` requires (the sources import without extensions), and
 *    decimal.js is imported by name: its one `decimal.d.ts` reads as CommonJS under node16 and
 *    nodenext, where a default import is the module object, not the class.
 *
 * Prints each file group's size, so a change that bloats the package shows at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(process.env.BACKFOLIO_LIB_OUT ?? join(ROOT, 'dist-lib'));
process.env.BACKFOLIO_LIB_OUT = OUT;

/** Every file under `dir`, recursively. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

// `import Decimal from 'decimal.js'` and `import type Decimal from …` in declaration files.
const DECIMAL_DEFAULT_IMPORT = /import (type )?Decimal from (['"])decimal\.js\2;/g;

// `from './x'`, `import('./x')`, `export * from '../x'` in declaration files.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

/**
 * Gives every relative specifier of the declarations under `dir` an explicit `.js` or
 * `/index.js`, checked against the files there (throws naming the file when one resolves to
 * nothing), and imports decimal.js's type by name. Returns the number of files changed.
 */
export function fixDeclarations(dir: string): number {
  let changed = 0;
  for (const file of listFiles(dir).filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(DECIMAL_DEFAULT_IMPORT, "import type { Decimal } from 'decimal.js';").replace(SPECIFIER, (match, lead: string, quote: string, spec: string) => {
      if (/\.(js|mjs|cjs|json)$/.test(spec)) return match;
      const base = resolve(dirname(file), spec);
      const target = existsSync(`${base}.d.ts`) ? `${spec}.js` : existsSync(join(base, 'index.d.ts')) ? `${spec}/index.js` : null;
      if (target === null) throw new Error(`${relative(dir, file)}: "${spec}" matches no declaration file`);
      return `${lead}${quote}${target}${quote}`;
    });
    if (fixed !== text) {
      writeFileSync(file, fixed);
      changed += 1;
    }
  }
  return changed;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function kilobytes(files: string[]): string {
  return `${(files.reduce((sum, f) => sum + statSync(f).size, 0) / 1024).toFixed(0)} KB`;
}

async function main(): Promise<void> {
  const { build } = await import('vite');
  const configFile = join(ROOT, 'vite.lib.config.ts');
  await build({ configFile, logLevel: 'warn' });
  await build({ configFile, mode: 'worker', logLevel: 'warn' });
  run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.lib.json', '--outDir', join(OUT, 'types')]);
  const fixed = fixDeclarations(join(OUT, 'types'));
  const files = listFiles(OUT);
  const code = (f: string): boolean => f.endsWith('.js');
  console.log(
    [
      `library in ${relative(ROOT, OUT) || OUT}:`,
      `  entries and chunks ${kilobytes(files.filter((f) => code(f) && !f.includes(`${OUT}/assets`)))}`,
      `  workers ${kilobytes(files.filter((f) => code(f) && f.includes(`${OUT}/assets`)))}`,
      `  fonts ${kilobytes(files.filter((f) => f.endsWith('.ttf')))}`,
      `  declarations ${kilobytes(files.filter((f) => f.endsWith('.d.ts')))} (${fixed} files fixed for node16/nodenext)`,
    ].join('\n'),
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
