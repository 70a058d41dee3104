/**
 * Library build (`npm run build:lib`, see scripts/build-lib.ts), in two passes:
 *
 * - **main** (`dist-lib/`): one ES entry per public sub-path (`.`, `./engine`, `./export`). The
 *   small, well-known dependencies stay external (a host's bundler resolves and de-duplicates
 *   them); jsPDF, jspdf-autotable and svg2pdf.js are bundled into the lazily loaded PDF chunk,
 *   so a host does not install jsPDF's 29 MB of builds and its optional canvg/core-js/dompurify.
 * - **worker** (`dist-lib/assets/`, `--mode worker`): the export worker and the backtest worker,
 *   self-contained (no bare imports), code-split per writer, with the PDF fonts beside them.
 *   Self-contained so Vite's dev server can serve them straight from node_modules and esbuild or
 *   plain Rollup hosts can copy the folder as is.
 *
 * The sources name their run-time files with `new URL('…', import.meta.url)` (src/export/assets.ts,
 * src/lib/backtest-worker.ts). Vite's library mode would inline those as base64 (the CJK font
 * alone is 10 MB), so `backfolioAssets` replaces them before Vite sees them and writes
 * `new URL("./assets/…", import.meta.url)` back into the output: the form every bundler handles.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const ROOT = dirname(fileURLToPath(import.meta.url));
/** Where the library is written (the tests build into a temporary folder). */
export const LIB_OUT_DIR = process.env.BACKFOLIO_LIB_OUT ?? resolve(ROOT, 'dist-lib');

/** Dependencies the main pass leaves to the host's bundler: they stay `dependencies` of the package. */
export const EXTERNAL_PACKAGES = ['xlsx', 'decimal.js', 'papaparse', 'fflate', 'idb', '@noble/hashes'];

/** jsPDF's optional imports (HTML rendering, SVG-as-image, sanitising): never used by the writers. */
const UNUSED_OPTIONAL_IMPORTS = ['html2canvas', 'canvg', 'dompurify'];

/** The worker scripts, by source file, and their names in `dist-lib/assets/`. */
const WORKER_ENTRIES: Record<string, string> = {
  'src/export/export.worker.ts': 'export.worker',
  'src/worker/backtest.worker.ts': 'backtest.worker',
  'src/worker/sweep.worker.ts': 'sweep.worker',
};

/** Font licences shipped beside the fonts. */
const FONT_LICENCES: Record<string, string> = {
  'DejaVu-LICENSE.txt': 'node_modules/dejavu-fonts-ttf/LICENSE',
  'NotoSansSC-OFL.txt': 'public/licenses/NotoSansSC-OFL.txt',
};

/** The only modules that name run-time files (worker scripts, fonts). */
const ASSET_MODULES = ['src/export/assets.ts', 'src/export/worker-url.ts', 'src/lib/backtest-worker.ts', 'src/worker/sweep.ts'];

const ASSET_CALL = '__BACKFOLIO_ASSET__';
const NEW_URL = /new\s+URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/** True for a bare import of an external package or one of its sub-paths (`@noble/hashes/sha2.js`). */
function isExternal(id: string): boolean {
  return EXTERNAL_PACKAGES.some((name) => id === name || id.startsWith(`${name}/`));
}

/**
 * Rewrites `new URL('…', import.meta.url)` in the sources to the shipped assets: worker scripts by
 * name, fonts (from node_modules) into `fonts/`, which the worker pass writes with their licences.
 * Any other such URL fails the build, so nothing can be inlined by accident.
 */
function backfolioAssets(urlPrefix: string, emitFonts: boolean): Plugin {
  const fonts = new Map<string, string>();
  return {
    name: 'backfolio-assets',
    enforce: 'pre',
    transform(code, id) {
      if (!ASSET_MODULES.includes(relative(ROOT, id).split('\\').join('/'))) return null;
      let changed = false;
      // Doc comments mention the pattern too: look at code only.
      const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      const out = withoutComments.replace(NEW_URL, (_match, _quote: string, path: string) => {
        const target = resolve(dirname(id), path);
        const worker = WORKER_ENTRIES[relative(ROOT, target).split('\\').join('/')];
        changed = true;
        if (worker !== undefined) return `${ASSET_CALL}(${JSON.stringify(`${worker}.js`)})`;
        if (target.endsWith('.ttf') && target.includes('node_modules')) {
          fonts.set(basename(target), target);
          return `${ASSET_CALL}(${JSON.stringify(`fonts/${basename(target)}`)})`;
        }
        this.error(`${relative(ROOT, id)}: new URL('${path}') is not a known library asset (see vite.lib.config.ts)`);
      });
      return changed ? { code: out, map: null } : null;
    },
    renderChunk(code) {
      if (!code.includes(ASSET_CALL)) return null;
      const rendered = code.replace(/__BACKFOLIO_ASSET__\("([^"]+)"\)/g, (_m, name: string) =>
        // Inside a worker, starting another worker is never reached (exports run in place there):
        // a URL bundlers do not follow, so no host bundles a worker into a worker.
        emitFonts && name.endsWith('.worker.js')
          ? `new URL(${JSON.stringify(`./${name}`)}, self.location.href)`
          : `new URL(${JSON.stringify(urlPrefix + name)}, import.meta.url)`,
      );
      return { code: rendered, map: null };
    },
    generateBundle() {
      if (!emitFonts) return;
      for (const [name, path] of fonts) this.emitFile({ type: 'asset', fileName: `fonts/${name}`, source: readFileSync(path) });
      for (const [name, path] of Object.entries(FONT_LICENCES)) this.emitFile({ type: 'asset', fileName: `fonts/${name}`, source: readFileSync(resolve(ROOT, path)) });
    },
  };
}

/** The licence text a package ships (LICENSE, LICENCE, LICENSE.md, …), or `null`. */
function licenceText(packageDir: string): string | null {
  for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'LICENCE.md', 'license', 'LICENSE-MIT', 'LICENSE-MIT.txt']) {
    const path = resolve(packageDir, name);
    if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  }
  return null;
}

/**
 * Writes `THIRD-PARTY-LICENSES.txt` beside the output: the name, version, licence and licence text
 * of every npm package whose code this pass bundled (jsPDF and friends; in the workers also
 * SheetJS, decimal.js, fflate…), as their licences ask of anyone redistributing them.
 */
function thirdPartyLicences(): Plugin {
  return {
    name: 'backfolio-third-party-licences',
    generateBundle() {
      const packages = new Map<string, string>();
      for (const id of this.getModuleIds()) {
        const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id.replace(/^\0/, ''));
        if (match?.[1] !== undefined) packages.set(match[1], match[1]);
      }
      const sections = [...packages.keys()]
        .map((dir) => {
          const pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
          return { pkg, text: licenceText(dir) };
        })
        .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name))
        .map(({ pkg, text }) => `${pkg.name} ${pkg.version} (${pkg.license ?? 'see text'})\n\n${text ?? `Licence: ${pkg.license ?? 'unknown'} (no licence file in the package)`}`);
      const header = 'Third-party code bundled in these files, with the licences it is distributed under.\n';
      this.emitFile({ type: 'asset', fileName: 'THIRD-PARTY-LICENSES.txt', source: `${header}\n${sections.join(`\n\n${'-'.repeat(78)}\n\n`)}\n` });
    },
  };
}

/** Resolves jsPDF's optional dynamic imports to a module that says it is not part of this build. */
function stubUnusedOptionalImports(): Plugin {
  const prefix = '\0unused-';
  return {
    name: 'backfolio-unused-optional-imports',
    enforce: 'pre',
    resolveId(id) {
      return UNUSED_OPTIONAL_IMPORTS.includes(id) ? `${prefix}${id}` : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const name = id.slice(prefix.length);
      return `throw new Error(${JSON.stringify(`${name} is not part of Backfolio's PDF writer (jsPDF's optional ${name} feature is not used)`)});\nexport default undefined;`;
    },
  };
}

export default defineConfig(({ mode }) => {
  const worker = mode === 'worker';
  return {
    // The dashboard's public/ folder is not part of the library.
    publicDir: false,
    plugins: [backfolioAssets(worker ? './' : './assets/', worker), stubUnusedOptionalImports(), thirdPartyLicences()],
    build: {
      outDir: worker ? resolve(LIB_OUT_DIR, 'assets') : LIB_OUT_DIR,
      emptyOutDir: !worker,
      target: 'es2022',
      sourcemap: true,
      // The main pass stays readable for hosts debugging through it (they minify); the workers,
      // mostly vendor code that some hosts serve as is, are minified.
      minify: worker,
      // Library mode would inline assets; there are none left (see backfolioAssets).
      assetsInlineLimit: 0,
      lib: {
        entry: worker
          ? Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([source, name]) => [name, resolve(ROOT, source)]))
          : {
              index: resolve(ROOT, 'src/index.ts'),
              engine: resolve(ROOT, 'src/engine/index.ts'),
              export: resolve(ROOT, 'src/lib/export-entry.ts'),
            },
        formats: ['es'],
        fileName: (_format, entryName) => `${entryName}.js`,
      },
      rolldownOptions: {
        external: worker ? [] : isExternal,
      },
    },
  };
});
