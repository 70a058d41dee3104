/**
 * Screenshots of the dashboard as a user sees it, at desktop (1280 px) and phone (390 px) width:
 * the start page, the results after running the bundled example, and the export dialog.
 * `npx tsx scripts/dashboard-shots.ts <dir> <label>` writes `<dir>/<label>-<view>-<width>.png`.
 * Builds the page, serves it on 127.0.0.1 and drives Debian's Chromium (tests/e2e/support).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { buildPage, launchChromium, removeDir, serveStatic } from '../tests/e2e/support/harness';

const [dir = '/tmp/shots', label = 'shot'] = process.argv.slice(2);
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

await mkdir(dir, { recursive: true });
const dist = await buildPage();
const { server, origin } = await serveStatic(dist);
const browser = await launchChromium();
try {
  for (const size of WIDTHS) {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(dir, `${label}-start-${size.name}.png`), fullPage: true });
    await page.click('#run-button');
    await page.waitForFunction(() => (window.backfolio?.events() ?? []).some((e) => e.type === 'backtest_completed'), undefined, { timeout: 120_000 });
    await page.waitForSelector('#chart-risk_contributions .main-svg, #chart-risk_contributions svg', { timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(dir, `${label}-results-${size.name}.png`), fullPage: true });
    // The viewport right after Run: what the user sees without scrolling.
    await page.screenshot({ path: join(dir, `${label}-after-run-viewport-${size.name}.png`) });
    await page.click('#open-export');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(dir, `${label}-export-${size.name}.png`) });
    await page.keyboard.press('Escape');
    // Own data after the example: what the settings notice and markers look like.
    if (await page.$('#settings-notice')) {
      await page.fill('#config-form [data-path="initial_capital"]', '25000');
      const csv = generateSyntheticPrices({ assets: 3, start: '2019-01-01', end: '2023-12-31', calendar: 'business', seed: 11 }).csv;
      await page.setInputFiles('#prices-file', { name: 'business_days.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('business_days.csv'));
      await page.waitForTimeout(400);
      await page.evaluate(() => document.getElementById('config-section')?.scrollIntoView());
      await page.screenshot({ path: join(dir, `${label}-own-file-${size.name}.png`) });
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  await removeDir(dist);
}
console.log(`screenshots in ${dir}`);
