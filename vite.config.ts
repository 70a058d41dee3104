import { defineConfig } from 'vite';

// `base: './'` so the built dashboard works from any sub-path or from disk.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
