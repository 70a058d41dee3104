/**
 * The dashboard in a real browser (Debian's Chromium): load, run the bundled example, charts,
 * exports of every format read back, toasts, cancel, bad input, escaping of user text, no
 * network beyond the page's own origin, preferences, history and crash recovery.
 */
import type { Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/data/examples/index';
import { generateSyntheticPrices } from '../../src/data/examples/synthetic';
import { formatHash } from '../../src/ui/hash';
import { readPdf, readWorkbook, readZip, zipText } from './support/read';
import { buildPage, launchChromium, openPage, readDownload, removeDir, serveStatic, SUB_PATH, type PageWatch } from './support/harness';

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
  const before = await p.evaluate(() => window.backfolio?.events().length ?? 0);
  await p.click('#run-button');
  const outcome = await p.waitForFunction(
    (n) => (window.backfolio?.events() ?? []).slice(n).find((e) => e.type === 'backtest_completed' || e.type === 'backtest_failed' || e.type === 'backtest_cancelled')?.type,
    before,
    { timeout: 120_000 },
  );
  const type = await outcome.jsonValue();
  if (type !== 'backtest_completed') throw new Error(`run ended with ${String(type)}: ${(await p.textContent('#run-status')) ?? ''}`);
  await p.waitForSelector('#chart-risk_contributions .main-svg', { timeout: 60_000 });
}

/** Opens the export dialog, picks `format` (after `setup`), submits and returns the downloads. */
async function exportAs(p: Page, format: 'csv' | 'xlsx' | 'pdf' | 'all', setup?: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }[]> {
  await p.click('#open-export');
  await p.check(`#export-form input[name="format"][value="${format}"]`);
  if (setup) await setup();
  const expected = format === 'all' ? 3 : 1;
  const files: { name: string; bytes: Uint8Array }[] = [];
  const done = new Promise<void>((resolve) => {
    p.on('download', (download) => {
      void readDownload(download).then((bytes) => {
        files.push({ name: download.suggestedFilename(), bytes });
        if (files.length === expected) resolve();
      });
    });
  });
  await p.click('#export-submit');
  await done;
  p.removeAllListeners('download');
  await p.waitForFunction(() => !(document.getElementById('export-dialog') as HTMLDialogElement).open);
  return files;
}

async function toastTexts(p: Page): Promise<string[]> {
  return p.$$eval('.toasts .toast', (nodes) => nodes.map((n) => n.textContent ?? ''));
}

async function dismissToasts(p: Page): Promise<void> {
  for (const button of await p.$$('.toasts .toast-close')) await button.click().catch(() => undefined);
}

describe('dashboard (Chromium)', { timeout: 180_000 }, () => {
  it('preloads the synthetic crypto example and labels it synthetic', async () => {
    const status = await page.textContent('#data-status');
    expect(status).toContain('synthetic');
    expect(status).toContain('BTC');
    expect(await page.inputValue('#config-form [data-path="name"]')).toBe('Risk parity crypto (synthetic)');
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
    expect(headers).toEqual(['Metric', 'Risk parity crypto (synthetic)', 'bitcoin', 'equal_weight']);
    expect(await page.textContent('#trades .pager-status')).toMatch(/Page 1 of \d+ \(\d+ trades\)/);
    const firstRow = await page.textContent('#trades tbody tr');
    await page.click('#trades button:has-text("Next")');
    await page.waitForFunction(() => (document.querySelector('#trades .pager-status')?.textContent ?? '').startsWith('Page 2 of'));
    expect(await page.textContent('#trades tbody tr')).not.toBe(firstRow);
    expect(await page.$$eval('#trades tbody tr', (n) => n.length)).toBe(50);
  });

  it('exports the CSV package: every file, metadata with the input hash, a success toast', async () => {
    await dismissToasts(page);
    const [file] = await exportAs(page, 'csv');
    expect(file?.name).toMatch(/^risk_parity_crypto_synthetic_\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.zip$/);
    const entries = readZip(file!.bytes);
    for (const name of ['performance_summary.csv', 'daily_portfolio_data.csv', 'asset_allocations.csv', 'transaction_log.csv', 'metadata.json']) {
      expect(Object.keys(entries)).toContain(name);
    }
    expect(entries['daily_portfolio_data.csv']![0]).toBe(0xef); // byte-order mark on by default
    const daily = zipText(entries, 'daily_portfolio_data.csv').trim().split(/\r?\n/);
    expect(daily[0]).toMatch(/^date,portfolio_value,daily_return/);
    expect(daily.length).toBe(1828); // header + 1827 dates
    const meta = JSON.parse(zipText(entries, 'metadata.json')) as { inputs: { prices?: { sha256: string } } };
    const shown = (await page.textContent('#data-status')) ?? '';
    expect(shown).toContain(meta.inputs.prices?.sha256.slice(0, 12));
    const toasts = await toastTexts(page);
    expect(toasts.some((t) => t.includes('Export ready') && t.includes(file!.name) && /KB|MB/.test(t))).toBe(true);
    const events = await page.evaluate(() => window.backfolio?.events().filter((e) => e.type.startsWith('export_')) ?? []);
    const completed = events.find((e) => e.type === 'export_completed');
    expect(completed).toMatchObject({ format: 'csv', bytes: file!.bytes.length });
    expect((completed as { rows: number }).rows).toBeGreaterThan(1827);
  });

  it('exports the Excel workbook with its sheets in order', async () => {
    const [file] = await exportAs(page, 'xlsx');
    expect(file?.name).toMatch(/\.xlsx$/);
    const book = await readWorkbook(file!.bytes);
    expect(book.sheets[0]).toBe('Overview');
    expect(book.sheets).toContain('Daily');
    expect(book.sheets[book.sheets.length - 1]).toBe('Metadata');
    expect(book.rows('Daily').length).toBe(1828);
  });

  it('exports the PDF with charts and the executive template within 3 pages', async () => {
    const [detailed] = await exportAs(page, 'pdf', async () => {
      await page.selectOption('#export-template', 'detailed');
    });
    const pdf = await readPdf(detailed!.bytes);
    expect(pdf.pages).toBeGreaterThan(3);
    expect(pdf.text.join(' ')).toContain('Risk parity crypto (synthetic)');
    // The page's charts are drawn as vectors from the same chart specs as the command line's PDF: no captured images.
    expect(pdf.images).toBe(0);
    for (const title of ['Equity curve vs benchmarks', 'Underwater chart', 'Allocation over time', 'Correlation of daily returns', 'Risk contributions', 'Rolling volatility']) {
      expect(pdf.text.join(' ')).toContain(title);
    }
    const [executive] = await exportAs(page, 'pdf', async () => {
      await page.selectOption('#export-template', 'executive');
    });
    expect((await readPdf(executive!.bytes)).pages).toBeLessThanOrEqual(3);
  });

  it('exports all three formats with one time stamp, honouring sections and BOM options', async () => {
    const files = await exportAs(page, 'all', async () => {
      await page.uncheck('#export-form input[name="sections"][value="trades"]');
      await page.uncheck('#export-bom');
      await page.fill('#export-prefix', 'My Run: 2024');
    });
    const names = files.map((f) => f.name).sort();
    expect(names).toHaveLength(3);
    const stamps = new Set(names.map((n) => n.replace(/\.\w+$/, '')));
    expect(stamps.size).toBe(1);
    expect(names[0]).toMatch(/^my_run_2024_/);
    const zip = readZip(files.find((f) => f.name.endsWith('.zip'))!.bytes);
    expect(Object.keys(zip)).not.toContain('transaction_log.csv');
    expect(zip['daily_portfolio_data.csv']![0]).toBe('d'.charCodeAt(0));
    // Remembered for next time.
    await page.click('#open-export');
    expect(await page.isChecked('#export-form input[name="sections"][value="trades"]')).toBe(false);
    expect(await page.inputValue('#export-prefix')).toBe('My Run: 2024');
    await page.click('#export-close');
  });

  it('keeps the last exports in IndexedDB and downloads them again', async () => {
    await page.waitForFunction(() => document.querySelectorAll('#history-list li[data-history-id]').length >= 5);
    const first = await page.textContent('#history-list li[data-history-id] .history-name');
    const download = page.waitForEvent('download');
    await page.click('#history-list li[data-history-id] button');
    const again = await download;
    expect(again.suggestedFilename()).toBe(first);
    const bytes = await readDownload(again);
    expect(createHash('sha256').update(bytes).digest('hex')).toHaveLength(64);
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it('cancels an export: a cancelled toast, an event, and no download', async () => {
    await dismissToasts(page);
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await page.click('#open-export');
    await page.check('#export-form input[name="format"][value="pdf"]');
    // The detailed template: long enough to cancel (the executive one is done in a moment now that charts are not captured).
    await page.selectOption('#export-template', 'detailed');
    await page.click('#export-submit');
    await page.waitForSelector('#export-busy:not([hidden])');
    await page.click('#export-cancel');
    await page.waitForSelector('.toast-cancelled');
    expect((await toastTexts(page)).join(' ')).toContain('Export cancelled');
    await page.waitForFunction(() => !(document.getElementById('export-dialog') as HTMLDialogElement).open);
    await page.waitForTimeout(500);
    page.removeAllListeners('download');
    expect(downloads).toBe(0);
    const last = await page.evaluate(() => window.backfolio?.events().filter((e) => e.type.startsWith('export_')).at(-1));
    expect(last).toMatchObject({ type: 'export_cancelled', format: 'pdf' });
  });

  it('reports a failed export with what to do and a Retry button, keeping the dialog open', async () => {
    await dismissToasts(page);
    await page.click('#open-export');
    await page.check('#export-form input[name="format"][value="csv"]');
    await page.fill('#export-from', '2024-12-01');
    await page.fill('#export-to', '2024-01-01');
    await page.click('#export-submit');
    await page.waitForSelector('.toast-error');
    const text = (await toastTexts(page)).join(' ');
    expect(text).toContain('CSV export failed');
    expect(text).toContain('dateRange');
    expect(text).toContain('Choose a From date on or before the To date');
    expect(await page.$('.toast-error button:has-text("Retry")')).not.toBeNull();
    expect(await page.evaluate(() => (document.getElementById('export-dialog') as HTMLDialogElement).open)).toBe(true);
    const last = await page.evaluate(() => window.backfolio?.events().at(-1));
    expect(last).toMatchObject({ type: 'export_failed', format: 'csv', code: 'EXPORT_FAILED' });
    await page.fill('#export-from', '');
    await page.fill('#export-to', '');
    await page.click('#export-close');
    await dismissToasts(page);
  });

  it('closes toasts with Escape and with their close button', async () => {
    await dismissToasts(page);
    await page.evaluate(() => {
      window.backfolio?.toasts.show({ kind: 'info', title: 'first' });
      window.backfolio?.toasts.show({ kind: 'error', title: 'second', actions: [{ label: 'Retry', run: () => undefined }] });
    });
    expect(await page.$$eval('.toasts .toast', (n) => n.length)).toBe(2);
    expect(await page.getAttribute('.toasts', 'aria-live')).toBe('polite');
    await page.keyboard.press('Escape');
    expect(await toastTexts(page)).toEqual([expect.stringContaining('first')]);
    await page.click('.toasts .toast-close');
    expect(await page.$$eval('.toasts .toast', (n) => n.length)).toBe(0);
    // A toast under the pointer waits; it closes once the pointer leaves and its time is up.
    await page.evaluate(() => window.backfolio?.toasts.show({ kind: 'info', title: 'hover me', durationMs: 600 }));
    await page.hover('.toasts .toast');
    await page.waitForTimeout(1000);
    expect(await toastTexts(page)).toEqual([expect.stringContaining('hover me')]);
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => document.querySelectorAll('.toasts .toast').length === 0, undefined, { timeout: 5000 });
  });

  it('validates the form inline with the engine messages and carries the configuration in the URL', async () => {
    await page.fill('#config-form [data-path="initial_capital"]', '-5');
    await page.waitForFunction(() => (document.querySelector('[data-field="initial_capital"] .field-error')?.textContent ?? '').includes('initial_capital'));
    expect(await page.getAttribute('#config-form [data-path="initial_capital"]', 'aria-invalid')).toBe('true');
    await page.fill('#config-form [data-path="initial_capital"]', '25000');
    await page.fill('#config-form [data-path="name"]', 'Shared run');
    await page.waitForFunction(() => (document.querySelector('[data-field="initial_capital"] .field-error')?.textContent ?? '') === '');
    const url = page.url();
    expect(url).toMatch(/#config=[A-Za-z0-9_-]+$/);
    const other = await openPage(activeBrowser(), origin, url.slice(origin.length));
    try {
      expect(await other.page.inputValue('#config-form [data-path="name"]')).toBe('Shared run');
      expect(await other.page.inputValue('#config-form [data-path="initial_capital"]')).toBe('25000');
    } finally {
      await other.close();
    }
  });

  it('remembers the configuration in localStorage and resets it on request', async () => {
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.inputValue('#config-form [data-path="name"]')).toBe('Shared run');
    await page.click('#reset-prefs');
    await page.waitForFunction(() => (document.querySelector('#config-form [data-path="name"]') as HTMLInputElement | null)?.value === 'Risk parity crypto (synthetic)');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('backfolio.preferences.v1') ?? '{}') as Record<string, unknown>);
    expect(stored).not.toHaveProperty('exportOptions');
  });

  it('made no request outside its own origin, opened no dialog, broke no CSP rule', () => {
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  });
});

describe('dashboard input, escaping, cancel and recovery (Chromium)', { timeout: 180_000 }, () => {
  it('shows a bad price CSV error with row, column and value and keeps the previous data', async () => {
    const { page: p, watch: w, close } = await openPage(activeBrowser(), origin);
    try {
      const before = await p.textContent('#data-status');
      await p.setInputFiles('#prices-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('date,AAA\n2024-01-01,10\n2024-01-02,abc\n') });
      await p.waitForSelector('#data-errors:not([hidden])');
      const errors = (await p.textContent('#data-error-list')) ?? '';
      expect(errors).toMatch(/row 3/);
      expect(errors).toContain('column AAA');
      expect(errors).toContain('"abc"');
      expect(await p.textContent('#data-error-title')).toContain('previously loaded data is still in use');
      expect(await p.textContent('#data-status')).toBe(before);
      expect((await toastTexts(p)).join(' ')).toContain('bad.csv was not loaded');
      await runAndWait(p);
      expect(await p.$$eval('#cards .card', (n) => n.length)).toBeGreaterThan(5);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a hostile strategy name as text everywhere and never runs it', async () => {
    const { page: p, watch: w, close } = await openPage(activeBrowser(), origin);
    const payload = '<img src=x onerror=alert(1)>';
    try {
      await p.fill('#config-form [data-path="name"]', payload);
      await p.fill('#config-form [data-path="benchmarks.0.name"]', '<script>alert(2)</script>');
      await runAndWait(p);
      expect(await p.textContent('#results-subtitle')).toContain(payload);
      const headers = await p.$$eval('#metrics thead th', (n) => n.map((x) => x.textContent));
      expect(headers[1]).toBe(payload);
      expect(headers[2]).toBe('<script>alert(2)</script>');
      const legend = await p.$$eval('#chart-equity .legendtext', (n) => n.map((x) => x.textContent));
      expect(legend).toContain(payload);
      expect(await p.$$('img[src="x"]')).toHaveLength(0);
      const [file] = await exportAs(p, 'csv');
      expect(file?.name).toMatch(/^img_src_x_onerror_alert_1_/);
      const summary = zipText(readZip(file!.bytes), 'performance_summary.csv');
      expect(summary.split('\n')[0]).toContain('img_src_x_onerror_alert_1');
      expect((await toastTexts(p)).join(' ')).toContain(file!.name);
      await p.waitForTimeout(300);
      expect(w.dialogs).toEqual([]);
      expect(w.pageErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    } finally {
      await close();
    }
  });

  it('cancels a long run (40 assets) and keeps working afterwards', { timeout: 180_000 }, async () => {
    const { page: p, watch: w, close } = await openPage(activeBrowser(), origin);
    try {
      const csv = generateSyntheticPrices({ assets: 40, start: '2012-01-01', end: '2024-12-31', calendar: 'daily', seed: 7 }).csv;
      await p.setInputFiles('#prices-file', { name: 'forty.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('forty.csv'));
      expect(await p.$$eval('#config-form .assets input:checked', (n) => n.length)).toBe(40);
      await p.selectOption('#config-form [data-path="rebalancing_frequency"]', 'daily');
      await p.click('#run-button');
      await p.waitForSelector('#run-busy:not([hidden])');
      await p.waitForFunction(() => Number((document.getElementById('run-progress') as HTMLProgressElement).value) > 0, undefined, { timeout: 60_000 });
      // The page stays responsive while the worker computes.
      expect(await p.evaluate(() => 1 + 1)).toBe(2);
      await p.click('#run-cancel');
      await p.waitForSelector('.toast-cancelled');
      expect((await toastTexts(p)).join(' ')).toContain('Backtest cancelled');
      expect(await p.isHidden('#run-busy')).toBe(true);
      const types = await p.evaluate(() => window.backfolio?.events().map((e) => e.type) ?? []);
      expect(types.slice(-2)).toEqual(['backtest_started', 'backtest_cancelled']);
      // The worker was restarted with the data reloaded: a short run on the same file works.
      await p.selectOption('#config-form [data-path="rebalancing_frequency"]', 'monthly');
      await p.fill('#config-form [data-path="start_date"]', '2024-06-01');
      await runAndWait(p);
      const last = await p.evaluate(() => window.backfolio?.events().at(-1));
      expect(last?.type).toBe('backtest_completed');
      expect(w.pageErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  it('works below a sub-path and recovers from a worker crash with a clear message', { timeout: 120_000 }, async () => {
    const { page: p, watch: w, close } = await openPage(activeBrowser(), origin, `${SUB_PATH}/#debug`);
    try {
      expect(await p.isVisible('#debug-panel')).toBe(true);
      await p.evaluate(() => window.backfolio?.crashWorker());
      await p.waitForSelector('.toast-error');
      expect((await toastTexts(p)).join(' ')).toContain('The background worker stopped');
      await runAndWait(p);
      expect(await p.$$eval('#cards .card', (n) => n.length)).toBeGreaterThan(5);
      expect(await p.textContent('#debug-events')).toContain('backtest_completed');
      await p.keyboard.press('Control+Shift+D');
      expect(await p.isVisible('#debug-panel')).toBe(false);
      expect(p.url()).toContain(`${SUB_PATH}/#config=`);
      // Every file came from below the sub-path: the build uses relative URLs only.
      const http = w.requests.filter((u) => u.startsWith(origin));
      expect(http.length).toBeGreaterThan(3);
      expect(http.filter((u) => !u.startsWith(`${origin}${SUB_PATH}/`))).toEqual([]);
      expect(w.consoleErrors.filter((e) => /404|Failed to load/.test(e))).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reports a full storage quota as a toast and still downloads the export', async () => {
    const context = await activeBrowser().newContext({ acceptDownloads: true });
    await context.addInitScript(() => {
      IDBObjectStore.prototype.add = function add(): IDBRequest {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const p = await context.newPage();
    try {
      await p.goto(`${origin}/`);
      await p.waitForSelector('body[data-ready="true"]');
      await runAndWait(p);
      const [file] = await exportAs(p, 'csv');
      expect(file!.bytes.length).toBeGreaterThan(1000);
      await p.waitForFunction(() => (document.querySelector('.toasts')?.textContent ?? '').includes('Not saved to the export history'));
      expect((await toastTexts(p)).join(' ')).toContain('no storage space left');
    } finally {
      await context.close();
    }
  });

  it('runs a file in two currencies once its FX file is loaded, and switches examples', async () => {
    const { page: p, watch: w, close } = await openPage(activeBrowser(), origin);
    try {
      const rows = ['date,symbol,price,currency'];
      const fx = ['date,from_currency,to_currency,rate'];
      for (let d = 0; d < 90; d += 1) {
        const date = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
        rows.push(`${date},AAA,${(100 + Math.sin(d / 5) * 5).toFixed(2)},USD`, `${date},BBB,${(50 + Math.cos(d / 7) * 3).toFixed(2)},EUR`);
        fx.push(`${date},EUR,USD,${(1.08 + d / 10_000).toFixed(4)}`);
      }
      await p.setInputFiles('#prices-file', { name: 'two-currencies.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('two-currencies.csv'));
      expect(await p.inputValue('#config-form [data-path="start_date"]')).toBe('2024-01-01');
      await p.fill('#config-form [data-path="rolling_window"]', '10');
      await p.fill('#config-form [data-path="strategy.lookback"]', '20');
      await p.click('#run-button');
      await p.waitForFunction(() => window.backfolio?.events().at(-1)?.type === 'backtest_failed');
      expect(await p.textContent('#run-status')).toMatch(/EUR/);
      expect((await toastTexts(p)).join(' ')).toContain('Retry');
      await p.setInputFiles('#fx-file', { name: 'eurusd.csv', mimeType: 'text/csv', buffer: Buffer.from(`${fx.join('\n')}\n`) });
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('EUR/USD'));
      // The failure toast's Retry runs the backtest again, now with the FX rates.
      await p.click('.toast-error button:has-text("Retry")');
      await p.waitForFunction(() => window.backfolio?.events().at(-1)?.type === 'backtest_completed');
      await p.waitForSelector('#chart-equity .main-svg');
      expect(await p.$$eval('#metrics thead th', (n) => n.map((x) => x.textContent))).toEqual(['Metric', 'Risk parity crypto (synthetic)', 'AAA buy and hold']);
      // Another bundled example replaces data and configuration.
      await p.selectOption('#example-select', 'us-stocks');
      await p.click('#load-example');
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('MSFT'));
      expect(await p.isVisible('#clear-fx')).toBe(false);
      await runAndWait(p);
      expect(await p.$$eval('#cards .card', (n) => n.length)).toBeGreaterThan(5);
      expect(w.pageErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  it('adds and removes benchmarks in the form, and takes a price file dropped on the page', async () => {
    const { page: p, close } = await openPage(activeBrowser(), origin);
    try {
      await p.evaluate(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['date,BTC,ETH,SOL,ADA,XRP\n2024-01-01,1,2,3,4,5\n2024-01-02,1.1,2.1,3.1,4.1,5.1\n'], 'dropped.csv', { type: 'text/csv' }));
        document.getElementById('drop-zone')?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      });
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('dropped.csv'));
      // Same symbols: the configuration is kept as it was.
      expect(await p.inputValue('#config-form [data-path="name"]')).toBe('Risk parity crypto (synthetic)');
      await p.click('#load-example');
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('synthetic'));
      expect(await p.$$eval('#config-form .benchmark', (n) => n.length)).toBe(2);
      await p.click('#add-benchmark');
      expect(await p.$$eval('#config-form .benchmark', (n) => n.length)).toBe(3);
      await p.selectOption('#config-form [data-path="benchmarks.2.type"]', 'inverse_volatility');
      await p.fill('#config-form [data-path="benchmarks.2.name"]', 'inv vol');
      await p.click('#config-form .benchmark:nth-of-type(1) button:has-text("Remove")');
      expect(await p.$$eval('#config-form .benchmark', (n) => n.length)).toBe(2);
      await runAndWait(p);
      expect(await p.$$eval('#metrics thead th', (n) => n.map((x) => x.textContent))).toEqual(['Metric', 'Risk parity crypto (synthetic)', 'equal_weight', 'inv vol']);
    } finally {
      await close();
    }
  });

  it('opens a shared link with the example whose data it needs', async () => {
    const stocks = EXAMPLES.find((e) => e.id === 'us-stocks');
    if (!stocks) throw new Error('us-stocks example missing');
    const config = { ...stocks.config, name: 'Shared stocks' };
    const { page: p, close } = await openPage(activeBrowser(), origin, `/${formatHash({ config, debug: false })}`);
    try {
      expect(await p.inputValue('#example-select')).toBe('us-stocks');
      expect(await p.textContent('#data-status')).toContain('MSFT');
      expect(await p.inputValue('#config-form [data-path="name"]')).toBe('Shared stocks');
      await runAndWait(p);
      expect(await p.$$eval('#metrics thead th', (n) => n[1]?.textContent)).toBe('Shared stocks');
    } finally {
      await close();
    }
  });

  it('keeps the export history across reloads until it is cleared', async () => {
    const { page: p, close } = await openPage(activeBrowser(), origin);
    try {
      await runAndWait(p);
      const [file] = await exportAs(p, 'csv');
      await p.waitForFunction((name) => document.querySelector('#history-list .history-name')?.textContent === name, file!.name);
      await p.reload();
      await p.waitForSelector('body[data-ready="true"]');
      await p.waitForFunction((name) => document.querySelector('#history-list .history-name')?.textContent === name, file!.name);
      expect(await p.textContent('#history-list li')).toMatch(/csv · detailed · 9 of 9 sections/);
      await p.click('#clear-history');
      await p.waitForFunction(() => (document.getElementById('history-list')?.textContent ?? '').includes('No exports yet.'));
    } finally {
      await close();
    }
  });
});

