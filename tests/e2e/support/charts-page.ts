/**
 * Builds the bare chart test page (tests/e2e/fixtures/charts-page) with Vite into a temporary
 * directory: `renderChart` and Plotly as the dashboard bundles them, without the dashboard.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness';

/** Builds the page; returns its directory (serve it with `serveStatic`, open `/index.html`). */
export async function buildChartsPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'backfolio-charts-page-'));
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: join(ROOT, 'tests/e2e/fixtures/charts-page'),
      configFile: false,
      base: './',
      logLevel: 'error',
      mode: 'production',
      build: { outDir, emptyOutDir: true, sourcemap: false, target: 'es2022', chunkSizeWarningLimit: 4000 },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
