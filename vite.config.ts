import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { offlinePlugin } from './scripts/vite-offline-plugin';

// `base: './'` so the built dashboard works from any sub-path or from disk.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  // Opens offline after the first load: sw.js precaches the build (the 10 MB CJK font excepted).
  plugins: [offlinePlugin({ precacheLimitBytes: 4_000_000 })],
  build: {
    target: 'es2022',
    sourcemap: true,
    // The chunks over 500 kB (Plotly, SheetJS, jsPDF, the CJK font) all load on first use, never
    // at first paint (the bench checks the first-load size); the warning would only be noise.
    chunkSizeWarningLimit: 4000,
    // Two pages: the dashboard and the embedding example (examples/embed.html, a host page that
    // exports its own table and chart through the library), so e2e tests load both from the build.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        embed: fileURLToPath(new URL('./examples/embed.html', import.meta.url)),
      },
    },
  },
});
