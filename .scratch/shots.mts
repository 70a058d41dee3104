import { buildPage, launchChromium, serveStatic, removeDir } from '../tests/e2e/support/harness';
const dir = await buildPage();
const { server, origin } = await serveStatic(dir);
const browser = await launchChromium();
for (const [name, width] of [['desktop', 1280], ['phone', 390]] as const) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${origin}/examples/embed.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-pdf')]);
  await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Saved'));
  if (name === 'desktop') await download.saveAs('/tmp/embed.pdf');
  await page.screenshot({ path: `/work/wt/shots/library/embed-${name}.png`, fullPage: true });
  await context.close();
}
await browser.close();
server.close();
await removeDir(dir);
