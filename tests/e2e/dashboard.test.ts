/**
 * The dashboard in a real browser (Debian's Chromium): load, run the bundled example, charts,
 * exports of every format read back, toasts, cancel, bad input, escaping of user text, no
 * network beyond the page's own origin, preferences, history and crash recovery.
 */
import type { Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf, readWorkbook, readZip, zipText } from './support/read';
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

  it('exports the CSV package: every file, metadata with the input hash, a success toast', async () => {
    await dismissToasts(page);
    const [file] = await exportAs(page, 'csv');
    expect(file?.name).toMatch(/^risk_parity_crypto_\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.zip$/);
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
    expect(pdf.text.join(' ')).toContain('Risk parity crypto');
    // Six page charts captured at >= 300 dpi make the file far bigger than text alone.
    expect(detailed!.bytes.length).toBeGreaterThan(200_000);
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

  it('made no request outside its own origin and opened no dialog', () => {
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
