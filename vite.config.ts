import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `base: './'` so the built dashboard works from any sub-path or from disk.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
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
