/**
 * End-to-end harness: builds the dashboard once with Vite's `build()` API into a fresh temporary
 * directory (so parallel runs never clobber each other's `dist/`), serves it with a tiny static
 * server on 127.0.0.1 (random port), and drives Debian's Chromium through playwright-core.
 * Never downloads a browser.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type Download, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ROOT = resolve(import.meta.dirname, '../../..');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Builds the page into a temporary directory; returns it. */
export async function buildPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'backfolio-e2e-dist-'));
  const { build } = await import('vite');
  // Vitest runs with NODE_ENV=test, which would make this a non-production build
  // (`import.meta.env.PROD` false): test what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', mode: 'production', build: { outDir, emptyOutDir: true, sourcemap: false } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

/** A sub-path that serves the same files, to check the build works below any path (`base: './'`). */
export const SUB_PATH = '/some/sub/path';

/** Serves `dir` on 127.0.0.1 at a random port, at `/` and at `SUB_PATH/`; no directory listing, no escape from `dir`. */
export async function serveStatic(dir: string): Promise<{ server: Server; origin: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const pathname = url.pathname.startsWith(`${SUB_PATH}/`) ? url.pathname.slice(SUB_PATH.length) : url.pathname;
        let path = normalize(join(root, decodeURIComponent(pathname)));
        if (path !== root && !path.startsWith(root + sep)) {
          res.writeHead(403).end();
          return;
        }
        if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
        const body = await readFile(path);
        res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** Launches the system Chromium headless with a throwaway profile. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium package`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** What a page did that a test must check: dialogs, foreign requests, uncaught errors. */
export interface PageWatch {
  dialogs: string[];
  foreignRequests: string[];
  pageErrors: string[];
  consoleErrors: string[];
  /** Content-Security-Policy violations reported by the page. */
  cspViolations: string[];
  /** Every URL requested (page and workers). */
  requests: string[];
}

/** Opens a fresh context and page on `url`, recording dialogs, requests outside `origin` and errors. */
export async function openPage(browser: Browser, origin: string, path = '/'): Promise<{ page: Page; watch: PageWatch; close: () => Promise<void> }> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watch: PageWatch = { dialogs: [], foreignRequests: [], pageErrors: [], consoleErrors: [], cspViolations: [], requests: [] };
  await page.exposeFunction('__reportCspViolation', (text: string) => watch.cspViolations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Workers' requests go through the context too.
  context.on('request', (request) => {
    const url = request.url();
    watch.requests.push(url);
    if (!(url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:'))) watch.foreignRequests.push(url);
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  await page.goto(`${origin}${path}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return { page, watch, close: () => context.close() };
}

/** The bytes of a finished download. */
export async function readDownload(download: Download): Promise<Uint8Array> {
  const path = await download.path();
  return new Uint8Array(await readFile(path));
}

/** Removes the build directory. */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
