/**
 * Library build (`npm run build:lib`): ES modules for host applications, one entry per public
 * sub-path (`.`, `./engine`, `./export`), heavy dependencies left external so a host's bundler
 * resolves (and de-duplicates) them and the writers still load them lazily with `await import()`.
 * Declarations come from `tsc -p tsconfig.lib.json` into dist-lib/types.
 */
import { defineConfig } from 'vite';

/** Packages the library never bundles: they stay `dependencies` of the package. */
export const EXTERNAL_PACKAGES = [
  'xlsx',
  'jspdf',
  'jspdf-autotable',
  'plotly.js-cartesian-dist-min',
  'html2canvas',
  'svg2pdf.js',
  'decimal.js',
  'papaparse',
  'fflate',
  'idb',
  '@noble/hashes',
  'dejavu-fonts-ttf',
  '@expo-google-fonts/noto-sans-sc',
];

/** True for a bare import of an external package or one of its sub-paths (`@noble/hashes/sha2.js`). */
function isExternal(id: string): boolean {
  return EXTERNAL_PACKAGES.some((name) => id === name || id.startsWith(`${name}/`));
}

export default defineConfig({
  // The dashboard's public/ folder is not part of the library.
  publicDir: false,
  build: {
    outDir: 'dist-lib',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Keep names readable for hosts debugging through the library.
    minify: false,
    lib: {
      entry: {
        index: 'src/index.ts',
        engine: 'src/engine/index.ts',
        export: 'src/lib/export-entry.ts',
        // The dashboard's backtest worker, for hosts using `WorkerClient` (a module worker script).
        worker: 'src/worker/backtest.worker.ts',
      },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: isExternal,
    },
  },
});
