/**
 * The dashboard in a real browser (Debian's Chromium): load, run the bundled example, charts,
 * exports of every format read back, toasts, cancel, bad input, escaping of user text, no
 * network beyond the page's own origin, preferences, history and crash recovery.
 */
import type { Server } from 'node:http';
import { unzipSync, strFromU8 } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage, launchChromium, openPage, readDownload, removeDir, serveStatic, type PageWatch } from './support/harness';

let dist = '';
let server: Server | null = null;
let origin = '';
let browser: Browser | null = null;
let page: Page;
let watch: PageWatch;
let closePage: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  dist = await buildPage();
  ({ server, origin } = await serveStatic(dist));
  browser = await launchChromium();
  ({ page, watch, close: closePage } = await openPage(browser, origin));
}, 240_000);

afterAll(async () => {
  await closePage();
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  if (dist) await removeDir(dist);
});

function activeBrowser(): Browser {
  if (!browser) throw new Error('browser not launched');
  return browser;
}

async function runAndWait(p: Page): Promise<void> {
  await p.click('#run-button');
  await p.waitForFunction(() => (window.backfolio?.events() ?? []).some((e) => e.type === 'backtest_completed' || e.type === 'backtest_failed'), undefined, { timeout: 120_000 });
  await p.waitForSelector('#chart-risk_contributions .main-svg', { timeout: 60_000 });
}

async function toastTexts(p: Page): Promise<string[]> {
  return p.$$eval('.toasts .toast', (nodes) => nodes.map((n) => n.textContent ?? ''));
}

async function dismissToasts(p: Page): Promise<void> {
  for (const button of await p.$$('.toasts .toast-close')) await button.click().catch(() => undefined);
}

describe('dashboard (Chromium)', () => {
  it('preloads the synthetic crypto example and labels it synthetic', async () => {
    const status = await page.textContent('#data-status');
    expect(status).toContain('synthetic');
    expect(status).toContain('BTC');
    expect(await page.inputValue('#config-form [data-path="name"]')).toBe('Risk parity crypto');
    expect(await page.$eval('#results-section', (n) => (n as HTMLElement).hidden)).toBe(true);
  });

  it('runs the example: figure cards, six charts with SVG, metrics and trade log', async () => {
    await runAndWait(page);
    const events = await page.evaluate(() => window.backfolio?.events().map((e) => e.type) ?? []);
    expect(events).toContain('backtest_started');
    expect(events).toContain('backtest_completed');
    const cards = await page.$$eval('#cards .card', (nodes) => nodes.map((n) => n.textContent ?? ''));
    expect(cards.length).toBeGreaterThanOrEqual(6);
    expect(cards.join(' ')).toMatch(/Final value/);
    expect(cards.join(' ')).toMatch(/Max drawdown-\d/);
    for (const id of ['equity', 'drawdown', 'allocation', 'rolling_volatility', 'correlation', 'risk_contributions']) {
      expect(await page.$(`#chart-${id} svg.main-svg`), id).not.toBeNull();
    }
    const headers = await page.$$eval('#metrics thead th', (nodes) => nodes.map((n) => n.textContent));
    expect(headers).toEqual(['Metric', 'Risk parity crypto', 'bitcoin', 'equal_weight']);
    expect(await page.textContent('#trades .pager-status')).toMatch(/Page 1 of \d+ \(\d+ trades\)/);
    await page.click('#trades button:has-text("Next")');
    expect(await page.textContent('#trades .pager-status')).toMatch(/Page 2 of/);
  });
});
