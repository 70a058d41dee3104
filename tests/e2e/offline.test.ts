/**
 * The dashboard opens offline after the first load: the build's service worker (sw.js, made by
 * scripts/vite-offline-plugin.ts) precaches every built file, so with the network gone a reload
 * still shows the page, runs the bundled example and draws the charts.
 */
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage, launchChromium, openPage, removeDir, serveStatic } from './support/harness';

let dir = '';
let origin = '';
let server: Server | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  dir = await buildPage();
  const served = await serveStatic(dir);
  server = served.server;
  origin = served.origin;
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (dir !== '') await removeDir(dir);
});

describe('offline after the first load', () => {
  it('the build lists every built file in sw.js, except source maps and the large CJK font', async () => {
    const source = await readFile(join(dir, 'sw.js'), 'utf8');
    const files = JSON.parse(/const FILES = (\[.*\]);/.exec(source)?.[1] ?? '[]') as string[];
    expect(files).toContain('./');
    expect(files).toContain('index.html');
    expect(files.some((f) => /^assets\/plotly-cartesian\.min-.*\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^assets\/backtest\.worker-.*\.js$/.test(f))).toBe(true);
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
    expect(files.some((f) => /NotoSansSC.*\.ttf$/.test(f))).toBe(false);
  });

  it('reloads, runs the example and draws the charts with the network gone', async () => {
    if (!browser) throw new Error('browser not launched');
    const { page, close } = await openPage(browser, origin);
    try {
      // The worker is active once its install step has cached every file.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      expect(await page.evaluate(async () => (await caches.keys()).some((k) => k.startsWith('backfolio-')))).toBe(true);

      await page.context().setOffline(true);
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      await page.click('#run-button');
      await page.waitForFunction(() => (window.backfolio?.events() ?? []).some((e) => e.type === 'backtest_completed'), undefined, { timeout: 120_000 });
      await page.waitForSelector('#chart-risk_contributions .main-svg', { timeout: 60_000 });
      expect(await page.locator('#chart-equity .main-svg').count()).toBeGreaterThan(0);
    } finally {
      await page.context().setOffline(false);
      await close();
    }
  });
});
