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
  // Every chart of the result drawn (they draw one after another).
  await p.waitForFunction(() => [...document.querySelectorAll('figure.chart-card:not([hidden]) .chart')].every((n) => n.querySelector('.main-svg')), undefined, { timeout: 90_000 });
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
  return p.$$eval('.bf-toasts .bf-toast', (nodes) => nodes.map((n) => n.textContent ?? ''));
}

async function dismissToasts(p: Page): Promise<void> {
  for (const button of await p.$$('.bf-toasts .bf-toast-close')) await button.click().catch(() => undefined);
}

describe('dashboard (Chromium)', { timeout: 180_000 }, () => {
  it('preloads the synthetic crypto example and labels it synthetic', async () => {
    const status = await page.textContent('#data-status');
    expect(status).toContain('synthetic');
    expect(status).toContain('BTC');
    expect(await page.inputValue('#config-form [data-path="name"]')).toBe('Risk parity crypto (synthetic)');
    expect(await page.$eval('#results-section', (n) => (n as HTMLElement).hidden)).toBe(true);
  });

  it('runs the example: figure cards, every chart with SVG, metrics and trade log', async () => {
    await runAndWait(page);
    const events = await page.evaluate(() => window.backfolio?.events().map((e) => e.type) ?? []);
    expect(events).toContain('backtest_started');
    expect(events).toContain('backtest_completed');
    const cards = await page.$$eval('#cards .card', (nodes) => nodes.map((n) => n.textContent ?? ''));
    expect(cards.length).toBeGreaterThanOrEqual(6);
    expect(cards.join(' ')).toMatch(/Final value/);
    expect(cards.join(' ')).toMatch(/Max drawdown-\d/);
    for (const id of ['equity', 'drawdown', 'underwater', 'allocation', 'rolling_volatility', 'rolling_sharpe', 'rolling_beta', 'correlation', 'risk_contributions', 'monthly_heatmap', 'yearly_returns', 'return_distribution']) {
      expect(await page.$(`#chart-${id} svg.main-svg`), id).not.toBeNull();
    }
    const headers = await page.$$eval('#metrics thead th', (nodes) => nodes.map((n) => n.textContent));
    expect(headers).toEqual(['Metric', 'Risk parity crypto (synthetic)', 'Bitcoin', 'Equal weight']);
    // Every row of the report's performance summary, QuantStats rows included, with its formula.
    const metricNames = await page.$$eval('#metrics tbody th', (nodes) => nodes.map((n) => n.textContent));
    expect(metricNames).toContain('Probabilistic Sharpe ratio');
    expect(metricNames).toContain('Omega ratio');
    expect(await page.getAttribute('#metrics tbody tr:first-child th', 'title')).not.toBe('');
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
    // All three formats with the compliance PDF: seconds of work, so Cancel lands mid-export (a
    // single PDF of the bundled example is written in well under a second).
    await page.check('#export-form input[name="format"][value="all"]');
    await page.selectOption('#export-template', 'compliance');
    // Cancel is pressed in the page the moment the zip is written and the workbook is on its way
    // (faster than a click from the test could land): the finished zip must not be delivered
    // either (all or nothing).
    await page.evaluate(() => {
      const node = document.getElementById('export-stage') as HTMLElement;
      const observer = new MutationObserver(() => {
        if (!/^(XLSX|PDF):/.test(node.textContent ?? '')) return;
        observer.disconnect();
        document.getElementById('export-cancel')?.click();
      });
      observer.observe(node, { childList: true, characterData: true, subtree: true });
    });
    await page.click('#export-submit');
    await page.waitForSelector('.bf-toast-cancelled');
    expect((await toastTexts(page)).join(' ')).toContain('Export cancelled');
    expect((await toastTexts(page)).join(' ')).toContain('No file was saved');
    await page.waitForFunction(() => !(document.getElementById('export-dialog') as HTMLDialogElement).open);
    await page.waitForTimeout(500);
    page.removeAllListeners('download');
    expect(downloads).toBe(0);
    const last = await page.evaluate(() => window.backfolio?.events().filter((e) => e.type.startsWith('export_')).at(-1));
    expect(last).toMatchObject({ type: 'export_cancelled' });
  });

  it('prefills the run\'s range as ISO dates and refuses a reversed range inline, before the worker is asked', async () => {
    await dismissToasts(page);
    const before = await page.evaluate(() => window.backfolio?.events().length ?? 0);
    await page.click('#open-export');
    expect(await page.getAttribute('#export-from', 'type')).toBe('text');
    expect(await page.inputValue('#export-from')).toBe('2020-01-01');
    expect(await page.inputValue('#export-to')).toBe('2024-12-31');
    await page.check('#export-form input[name="format"][value="csv"]');
    await page.fill('#export-from', '2024-12-01');
    await page.fill('#export-to', '2024-01-01');
    await page.click('#export-submit');
    await page.waitForFunction(() => (document.getElementById('export-from-error')?.textContent ?? '') !== '');
    const message = (await page.textContent('#export-from-error')) ?? '';
    expect(message).toBe('From (2024-12-01) is after To (2024-01-01): choose a From date on or before the To date.');
    expect(message).not.toMatch(/dateRange|got "/);
    expect(await page.getAttribute('#export-from', 'aria-invalid')).toBe('true');
    // Nothing was asked of the worker: no export event, no toast, the dialog still open.
    expect(await page.evaluate((n) => window.backfolio?.events().slice(n).map((e) => e.type) ?? [], before)).toEqual([]);
    expect(await page.$$('.bf-toast-error')).toHaveLength(0);
    expect(await page.evaluate(() => (document.getElementById('export-dialog') as HTMLDialogElement).open)).toBe(true);
    // Outside the run, and not a date, in plain words too.
    await page.fill('#export-from', '2019-06-01');
    await page.fill('#export-to', '2024-13-01');
    await page.click('#export-submit');
    await page.waitForFunction(() => (document.getElementById('export-to-error')?.textContent ?? '').includes('is not a date'));
    expect(await page.textContent('#export-to-error')).toContain('To (2024-13-01) is not a date: write it as YYYY-MM-DD');
    await page.fill('#export-to', '2024-12-31');
    await page.waitForFunction(() => (document.getElementById('export-from-error')?.textContent ?? '').includes('before the run starts'));
    expect(await page.textContent('#export-from-error')).toBe('From (2019-06-01) is before the run starts (2020-01-01): choose a date from 2020-01-01 to 2024-12-31.');
    // Fixed: it exports, limited to the range.
    await page.fill('#export-from', '2024-06-01');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.click('#export-submit');
    const file = await download;
    const daily = zipText(readZip(await readDownload(file)), 'daily_portfolio_data.csv').trim().split(/\r?\n/);
    expect(daily[1]?.startsWith('2024-06-01')).toBe(true);
    await page.waitForFunction(() => !(document.getElementById('export-dialog') as HTMLDialogElement).open);
    await dismissToasts(page);
  });

  it('closes toasts with Escape and with their close button', async () => {
    await dismissToasts(page);
    await page.evaluate(() => {
      window.backfolio?.toasts.show({ kind: 'info', title: 'first' });
      window.backfolio?.toasts.show({ kind: 'error', title: 'second', actions: [{ label: 'Retry', run: () => undefined }] });
    });
    expect(await page.$$eval('.bf-toasts .bf-toast', (n) => n.length)).toBe(2);
    expect(await page.getAttribute('.bf-toasts', 'aria-live')).toBe('polite');
    await page.keyboard.press('Escape');
    expect(await toastTexts(page)).toEqual([expect.stringContaining('first')]);
    await page.click('.bf-toasts .bf-toast-close');
    expect(await page.$$eval('.bf-toasts .bf-toast', (n) => n.length)).toBe(0);
    // A toast under the pointer waits; it closes once the pointer leaves and its time is up.
    await page.evaluate(() => window.backfolio?.toasts.show({ kind: 'info', title: 'hover me', durationMs: 600 }));
    await page.hover('.bf-toasts .bf-toast');
    await page.waitForTimeout(1000);
    expect(await toastTexts(page)).toEqual([expect.stringContaining('hover me')]);
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => document.querySelectorAll('.bf-toasts .bf-toast').length === 0, undefined, { timeout: 5000 });
  });

  it('validates the form inline with the engine messages and carries the configuration in the URL', async () => {
    await page.fill('#config-form [data-path="initial_capital"]', '-5');
    await page.waitForFunction(() => (document.querySelector('[data-field="initial_capital"] .field-error')?.textContent ?? '').includes('you entered "-5"'));
    // Plain words under the field: no key path.
    expect(await page.textContent('[data-field="initial_capital"] .field-error')).not.toContain('initial_capital');
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

  it('refuses a link whose settings give a key twice, saying which in plain words', async () => {
    // Written by hand: JSON.parse would keep the second capital without a word.
    const json = '{"name":"Twice","initial_capital":"1000","initial_capital":"5000"}';
    const encoded = Buffer.from(json, 'utf8').toString('base64url');
    const other = await openPage(activeBrowser(), origin, `/#config=${encoded}`);
    try {
      await other.page.waitForSelector('.bf-toast-error');
      const [message] = await toastTexts(other.page);
      expect(message).toContain('Settings in the link not used');
      expect(message).toContain('“Initial capital” (initial_capital) twice');
      expect(await other.page.inputValue('#config-form [data-path="name"]')).not.toBe('Twice');
      // A readable link afterwards is used, and the message goes.
      const good = Buffer.from('{"name":"Once","initial_capital":"5000"}', 'utf8').toString('base64url');
      await other.page.evaluate((hash) => (location.hash = hash), `#config=${good}`);
      await other.page.waitForFunction(() => (document.querySelector('#config-form [data-path="name"]') as HTMLInputElement | null)?.value === 'Once');
      await other.page.waitForFunction(() => document.querySelectorAll('.bf-toast-error').length === 0);
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
      expect(await p.getAttribute('#chart-equity', 'aria-label')).toContain(payload);
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

  it("says in the success toast what the file could not show: an emoji name the PDF fonts cannot draw", async () => {
    const { page: p, watch: w, close } = await openPage(activeBrowser(), origin);
    try {
      await p.fill('#config-form [data-path="benchmarks.0.name"]', 'Moon 🚀 fund');
      await runAndWait(p);
      const [file] = await exportAs(p, 'pdf', async () => {
        await p.selectOption('#export-template', 'executive');
      });
      expect(file?.name).toMatch(/\.pdf$/);
      const toast = (await toastTexts(p)).find((t) => t.includes(file!.name)) ?? '';
      expect(toast).toContain('Export ready, with a note');
      expect(toast).toMatch(/The PDF's fonts cannot draw 🚀 \(U\+1F680\), printed as � in “[^”]*Moon � fund[^”]*”\./u);
      const completed = await p.evaluate(() => window.backfolio?.events().find((e) => e.type === 'export_completed'));
      expect(completed).toMatchObject({ format: 'pdf', warnings: [expect.stringContaining('U+1F680')] });
      expect(w.pageErrors).toEqual([]);
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
      await p.waitForSelector('.bf-toast-cancelled');
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
      await p.waitForSelector('.bf-toast-error');
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
      await p.waitForFunction(() => (document.querySelector('.bf-toasts')?.textContent ?? '').includes('Not saved to the export history'));
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
      // Repeating the same run cannot succeed: no Retry; the toast goes once the FX rates are loaded.
      expect(await p.$('.bf-toast-error button:has-text("Retry")')).toBeNull();
      expect((await toastTexts(p)).join(' ')).toContain('FX rates');
      await p.setInputFiles('#fx-file', { name: 'eurusd.csv', mimeType: 'text/csv', buffer: Buffer.from(`${fx.join('\n')}\n`) });
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('EUR/USD'));
      await p.waitForFunction(() => document.querySelectorAll('.bf-toast-error').length === 0);
      await runAndWait(p);
      expect(await p.$$eval('#metrics thead th', (n) => n.map((x) => x.textContent))).toEqual(['Metric', 'Risk parity · two-currencies', 'AAA buy and hold']);
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
      // A new file: the name follows it (nothing was set by the user).
      expect(await p.inputValue('#config-form [data-path="name"]')).toBe('Risk parity · dropped');
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
      expect(await p.$$eval('#metrics thead th', (n) => n.map((x) => x.textContent))).toEqual(['Metric', 'Risk parity crypto (synthetic)', 'Equal weight', 'inv vol']);
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
      // A CSV export lists no PDF template.
      expect(await p.textContent('#history-list li')).toMatch(/csv · all sections/);
      expect(await p.textContent('#history-list li')).not.toMatch(/detailed|executive|compliance/);
      await p.click('#clear-history');
      await p.waitForFunction(() => (document.getElementById('history-list')?.textContent ?? '').includes('No exports yet.'));
    } finally {
      await close();
    }
  });
});


/** Runs axe-core in the page (injected through the DevTools protocol, which the page's CSP does not govern). */
async function axeViolations(p: Page, include?: string): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
  const { source } = (await import('axe-core')).default;
  await p.evaluate(source);
  return p.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, include ?? null);
}

function serious(violations: { impact: string | null }[]): unknown[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string): number => {
    const [r = 0, g = 0, bl = 0] = (c.match(/[\d.]+/g) ?? []).map(Number).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function businessDayCsv(): string {
  return generateSyntheticPrices({ assets: 3, start: '2019-01-01', end: '2023-12-31', calendar: 'business', seed: 11 }).csv;
}

describe('the dashboard as a user expects it (issue 13)', { timeout: 240_000 }, () => {
  it('1. a business-day file after the crypto example resets periods and name, keeps what the user set, and says so', async () => {
    const { page: p, watch: w, close } = await openPage(activeBrowser(), origin);
    try {
      expect(await p.inputValue('#config-form [data-path="periods_per_year"]')).toBe('365');
      await p.fill('#config-form [data-path="initial_capital"]', '25000');
      await p.setInputFiles('#prices-file', { name: 'business_days.csv', mimeType: 'text/csv', buffer: Buffer.from(businessDayCsv()) });
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('business_days.csv'));
      // Settings from the example follow the file; the capital the user typed stays, marked.
      expect(await p.inputValue('#config-form [data-path="periods_per_year"]')).toBe('');
      expect(await p.textContent('[data-field="periods_per_year"] .hint')).toContain('252');
      expect(await p.inputValue('#config-form [data-path="name"]')).toBe('Risk parity · business_days');
      expect(await p.$$eval('#config-form .assets input:checked', (n) => n.map((x) => (x as HTMLInputElement).value))).toEqual(['A01', 'A02', 'A03']);
      expect(await p.inputValue('#config-form [data-path="initial_capital"]')).toBe('25000');
      expect(await p.isVisible('.set-by-you[data-setting="initialCapital"]')).toBe(true);
      expect(await p.isVisible('.set-by-you[data-setting="name"]')).toBe(false);
      const notice = (await p.textContent('#settings-notice')) ?? '';
      expect(notice).toContain('Periods per year: 365 → inferred (252)');
      expect(notice).toContain('Strategy name: “Risk parity crypto (synthetic)” → “Risk parity · business_days”');
      expect(notice).toContain('Initial capital (set by you)');
      await runAndWait(p);
      expect(await p.textContent('#results-subtitle')).toContain('252 periods per year (inferred)');
      expect(await p.$$eval('#metrics thead th', (n) => n[1]?.textContent)).toBe('Risk parity · business_days');
      // Another strategy renames the unnamed run.
      await p.selectOption('#config-form [data-path="strategy.type"]', 'equal_weight');
      expect(await p.inputValue('#config-form [data-path="name"]')).toBe('Equal weight · business_days');
      // A name typed by the user survives another example; its marker's Reset brings the example's back.
      await p.fill('#config-form [data-path="name"]', 'My own run');
      await p.waitForSelector('.set-by-you[data-setting="name"]:not([hidden])');
      await p.selectOption('#example-select', 'us-stocks');
      await p.click('#load-example');
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('MSFT'));
      expect(await p.inputValue('#config-form [data-path="name"]')).toBe('My own run');
      expect(await p.inputValue('#config-form [data-path="periods_per_year"]')).toBe('12');
      await p.click('.set-by-you[data-setting="name"] button');
      expect(await p.inputValue('#config-form [data-path="name"]')).toBe('Equal weight · US tech stocks');
      await p.click('.set-by-you[data-setting="strategyType"] button');
      expect(await p.inputValue('#config-form [data-path="strategy.type"]')).toBe('inverse_volatility');
      expect(await p.inputValue('#config-form [data-path="name"]')).toBe('US stocks inverse volatility');
      expect(w.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('2. cancelling an export never downloads a file, whatever stage the cancel lands in', async () => {
    const { page: p, watch: w, close } = await openPage(activeBrowser(), origin);
    try {
      const csv = generateSyntheticPrices({ assets: 20, start: '2012-01-01', end: '2024-12-31', calendar: 'daily', seed: 3 }).csv;
      await p.setInputFiles('#prices-file', { name: 'twenty.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('twenty.csv'));
      await runAndWait(p);
      let downloads = 0;
      p.on('download', () => (downloads += 1));
      // Cancel is pressed the moment the dialog shows the stage (a MutationObserver in the page,
      // so the aim does not depend on how fast the test polls), in the sheets and in the final
      // synchronous zip of the workbook.
      for (const stage of ['XLSX: Sheet', 'XLSX: Writing workbook', 'XLSX: Styling workbook']) {
        await dismissToasts(p);
        await p.click('#open-export');
        await p.check('#export-form input[name="format"][value="xlsx"]');
        await p.evaluate((prefix) => {
          const w = window as unknown as { __cancelledAt?: string };
          delete w.__cancelledAt;
          const node = document.getElementById('export-stage') as HTMLElement;
          const observer = new MutationObserver(() => {
            if (!(node.textContent ?? '').startsWith(prefix)) return;
            observer.disconnect();
            w.__cancelledAt = node.textContent ?? '';
            document.getElementById('export-cancel')?.click();
          });
          observer.observe(node, { childList: true, characterData: true, subtree: true });
        }, stage);
        await p.click('#export-submit');
        await p.waitForFunction(() => (window as unknown as { __cancelledAt?: string }).__cancelledAt !== undefined, undefined, { timeout: 120_000 });
        await p.waitForSelector('.bf-toast-cancelled', { timeout: 60_000 });
        await p.waitForFunction(() => !(document.getElementById('export-dialog') as HTMLDialogElement).open);
      }
      // Give a late file every chance to arrive: none may.
      await p.waitForTimeout(3000);
      p.removeAllListeners('download');
      expect(downloads).toBe(0);
      const types = await p.evaluate(() => window.backfolio?.events().filter((e) => e.type.startsWith('export_')).map((e) => e.type) ?? []);
      expect(types).not.toContain('export_completed');
      expect(w.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('3. success toasts leave by themselves, an error toast goes when its cause is fixed, toasts keep clear of the cards', async () => {
    const { page: p, close } = await openPage(activeBrowser(), origin);
    try {
      await p.setInputFiles('#prices-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('date,AAA\n2024-01-01,10\n2024-01-02,abc\n') });
      await p.waitForSelector('.bf-toast-error');
      expect((await toastTexts(p)).join(' ')).toContain('1 problem, listed under Data.');
      await p.setInputFiles('#prices-file', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from('date,AAA\n2024-01-01,10\n2024-01-02,11\n2024-01-03,12\n') });
      await p.waitForSelector('.bf-toast-success');
      expect(await p.$$('.bf-toast-error')).toHaveLength(0);
      expect((await toastTexts(p)).join(' ')).toContain('1 asset,');
      expect(await p.textContent('#data-status')).toContain('1 asset (AAA)');
      // The success toast leaves without being touched.
      await p.mouse.move(1, 1);
      await p.waitForFunction(() => document.querySelectorAll('.bf-toast-success').length === 0, undefined, { timeout: 30_000 });
      // Styled by the toaster itself, in the bottom-right corner, clear of the cards.
      await p.selectOption('#example-select', 'crypto-risk-parity');
      await p.click('#load-example');
      await p.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('synthetic'));
      await runAndWait(p);
      await p.evaluate(() => document.getElementById('results-section')?.scrollIntoView());
      await p.evaluate(() => {
        for (let i = 0; i < 3; i += 1) window.backfolio?.toasts.show({ kind: 'error', title: `Problem ${i + 1}`, message: 'A message long enough to take two lines in the toast.' });
      });
      const boxes = await p.evaluate(() => {
        const rect = (n: Element): { left: number; right: number; top: number; bottom: number } => n.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number };
        return { toasts: [...document.querySelectorAll('.bf-toast')].map(rect), cards: [...document.querySelectorAll('#cards .card')].map(rect), position: getComputedStyle(document.querySelector('.bf-toasts') as Element).position, viewport: { width: innerWidth, height: innerHeight } };
      });
      expect(boxes.position).toBe('fixed');
      const overlaps = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      for (const t of boxes.toasts) {
        expect(t.right).toBeLessThanOrEqual(boxes.viewport.width);
        expect(t.bottom).toBeLessThanOrEqual(boxes.viewport.height);
        for (const c of boxes.cards) expect(overlaps(t, c)).toBe(false);
      }
    } finally {
      await close();
    }
  });

  it('4. axe finds nothing serious on the start page, the results and the export dialog; charts are named images with data tables', async () => {
    const { page: p, close } = await openPage(activeBrowser(), origin);
    try {
      expect(serious(await axeViolations(p))).toEqual([]);
      await runAndWait(p);
      expect(serious(await axeViolations(p))).toEqual([]);
      for (const chart of await p.$$('figure.chart-card:not([hidden]) .chart')) {
        expect(await chart.getAttribute('role')).toBe('img');
        expect((await chart.getAttribute('aria-label'))?.length ?? 0).toBeGreaterThan(20);
      }
      expect(await p.getAttribute('#chart-equity', 'aria-label')).toMatch(/Risk parity crypto \(synthetic\) ends at [\d,.]+ USD/);
      await p.click('details[data-chart-data="equity"] summary');
      await p.waitForSelector('details[data-chart-data="equity"] tbody tr');
      const headers = await p.$$eval('details[data-chart-data="equity"] thead th', (n) => n.map((x) => x.textContent));
      expect(headers[0]).toBe('Date');
      expect(await p.$$eval('details[data-chart-data="equity"] tbody tr', (n) => n.length)).toBeGreaterThan(100);
      // Text columns left, numbers right.
      const align = await p.$$eval('#trades thead th', (n) => n.map((x) => `${x.textContent}:${getComputedStyle(x).textAlign}`));
      expect(align).toContain('Asset:left');
      expect(align).toContain('Reason:left');
      expect(align).toContain('Quantity:right');
      await p.click('#open-export');
      expect(serious(await axeViolations(p, '#export-dialog'))).toEqual([]);
      // The focus ring stands out 3:1 against what is around it.
      await p.keyboard.press('Tab');
      const ring = await p.evaluate(() => {
        const node = document.activeElement as HTMLElement;
        const style = getComputedStyle(node);
        return { outline: style.outlineColor, width: style.outlineWidth, style: style.outlineStyle, background: getComputedStyle(document.getElementById('export-dialog') as Element).backgroundColor };
      });
      expect(ring.style).toBe('solid');
      expect(parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
      expect(contrast(ring.outline, ring.background)).toBeGreaterThanOrEqual(3);
      expect(contrast(ring.outline, 'rgb(246, 247, 249)')).toBeGreaterThanOrEqual(3);
    } finally {
      await close();
    }
  });

  it('4. the whole flow works by keyboard alone: run, page the trades, export', async () => {
    const { page: p, close } = await openPage(activeBrowser(), origin);
    const tabTo = async (selector: string, max = 250): Promise<void> => {
      for (let i = 0; i < max; i += 1) {
        if (await p.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await p.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    try {
      await tabTo('#run-button');
      await p.keyboard.press('Enter');
      await p.waitForFunction(() => (window.backfolio?.events() ?? []).some((e) => e.type === 'backtest_completed'), undefined, { timeout: 120_000 });
      await p.waitForSelector('#jump-results:not([hidden])');
      await tabTo('#jump-results');
      await p.keyboard.press('Enter');
      await tabTo('#open-export');
      await p.keyboard.press('Enter');
      await p.waitForFunction(() => (document.getElementById('export-dialog') as HTMLDialogElement).open);
      expect(await p.evaluate(() => document.getElementById('export-dialog')?.contains(document.activeElement))).toBe(true);
      // Arrow keys move within the format radios: from PDF (checked by default) up to CSV.
      await tabTo('#export-form input[name="format"]:checked', 20);
      await p.keyboard.press('ArrowUp');
      await p.keyboard.press('ArrowUp');
      expect(await p.isChecked('#export-form input[name="format"][value="csv"]')).toBe(true);
      const download = p.waitForEvent('download', { timeout: 120_000 });
      await tabTo('#export-submit', 60);
      await p.keyboard.press('Enter');
      expect((await download).suggestedFilename()).toMatch(/\.zip$/);
      await p.waitForFunction(() => !(document.getElementById('export-dialog') as HTMLDialogElement).open);
      await p.keyboard.press('Escape');
      await tabTo('#trades button[data-pager="next"]');
      await p.keyboard.press('Enter');
      await p.waitForFunction(() => (document.querySelector('#trades .pager-status')?.textContent ?? '').startsWith('Page 2 of'));
      expect(await p.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.pager)).toBe('next');
    } finally {
      await close();
    }
  });

  it('5. cards never strand one on its own row, chart cards side by side end level; on a phone the metric names stay in view and the results are one tap from Run', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }, { width: 900, height: 900 }]) {
      const context = await activeBrowser().newContext({ viewport, acceptDownloads: true });
      const p = await context.newPage();
      try {
        await p.goto(`${origin}/`);
        await p.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
        await runAndWait(p);
        const rows = await p.$$eval('#cards .card', (nodes) => {
          const tops = new Map<number, number>();
          for (const n of nodes) {
            const top = Math.round(n.getBoundingClientRect().top);
            tops.set(top, (tops.get(top) ?? 0) + 1);
          }
          return [...tops.values()];
        });
        expect(rows.length, `${viewport.width}px`).toBeGreaterThan(0);
        if (rows.length > 1) expect(rows.at(-1), `${viewport.width}px: ${rows.join('+')}`).toBeGreaterThanOrEqual(2);
        // Chart cards: two side by side end level (no gap under the shorter one's chart), and a
        // card alone on its row spans the grid's width (no hole beside it).
        const chartRows = await p.$$eval('.charts', (grids) =>
          grids.flatMap((grid) => {
            const width = grid.getBoundingClientRect().width;
            const byTop = new Map<number, { id: string; width: number; bottom: number; chart: number }[]>();
            for (const card of grid.querySelectorAll<HTMLElement>('figure.chart-card:not([hidden])')) {
              const box = card.getBoundingClientRect();
              const chart = card.querySelector('.chart')?.getBoundingClientRect().height ?? 0;
              const row = byTop.get(Math.round(box.top)) ?? [];
              row.push({ id: card.dataset.figure ?? '', width: box.width / width, bottom: Math.round(box.bottom), chart: Math.round(chart) });
              byTop.set(Math.round(box.top), row);
            }
            return [...byTop.values()];
          }),
        );
        for (const row of chartRows) {
          const where = `${viewport.width}px: ${row.map((c) => `${c.id} ${c.chart}px`).join(' | ')}`;
          if (row.length === 1) expect(row[0]?.width, where).toBeGreaterThan(0.98);
          else expect(Math.max(...row.map((c) => c.chart)) - Math.min(...row.map((c) => c.chart)), where).toBeLessThanOrEqual(2);
        }
        if (viewport.width === 1280) expect(chartRows.some((row) => row.map((c) => c.id).join() === 'rolling_beta,correlation')).toBe(true);
        // One tap from Run to the results.
        await p.click('#jump-results');
        await p.waitForFunction(() => {
          const r = document.getElementById('results-section')?.getBoundingClientRect();
          return r !== undefined && r.top < innerHeight && r.bottom > 0 && Math.abs(r.top) < 40;
        });
        if (viewport.width === 390) {
          // The metric's name column is sticky; where the table is wider than the screen, it stays put while the rest scrolls.
          expect(await p.$eval('#metrics tbody tr th', (n) => getComputedStyle(n).position)).toBe('sticky');
          const scroller = await p.$('#metrics .table-scroll');
          const overflows = await p.$eval('#metrics .table-scroll', (n) => n.scrollWidth > n.clientWidth + 1);
          if (overflows) {
            const before = await p.$eval('#metrics tbody tr th', (n) => n.getBoundingClientRect().left);
            await scroller?.evaluate((n) => (n.scrollLeft = 400));
            expect(await p.$eval('#metrics .table-scroll', (n) => n.scrollLeft)).toBeGreaterThan(0);
            const after = await p.$eval('#metrics tbody tr th', (n) => n.getBoundingClientRect().left);
            expect(Math.abs(after - before)).toBeLessThan(2);
          } else {
            // Everything fits: every value is visible beside its name.
            const right = await p.$eval('#metrics tbody tr td:last-child', (n) => n.getBoundingClientRect().right);
            expect(right).toBeLessThanOrEqual(390);
          }
        }
      } finally {
        await context.close();
      }
    }
  });

  it('6. the new analysis on screen: trailing, yearly and worst drawdowns, the new charts, a log-scale switch', async () => {
    const { page: p, watch: w, close } = await openPage(activeBrowser(), origin);
    try {
      await runAndWait(p);
      const tables = await p.$$eval('#analysis-tables .analysis-block', (n) => n.map((x) => (x as HTMLElement).dataset.table));
      expect(tables).toEqual(['trailing_returns', 'yearly_returns', 'drawdown_periods']);
      const trailing = await p.$$eval('[data-table="trailing_returns"] tbody th', (n) => n.map((x) => x.textContent));
      expect(trailing).toEqual(['MTD', '3 months', '6 months', 'YTD', '1 year', '3 years (ann.)', '5 years (ann.)', '10 years (ann.)', 'Since inception (ann.)']);
      expect(await p.$$eval('[data-table="yearly_returns"] thead th', (n) => n.map((x) => x.textContent))).toEqual(['Year', 'Risk parity crypto (synthetic)', 'Bitcoin', 'Equal weight']);
      expect(await p.$$eval('[data-table="yearly_returns"] tbody th', (n) => n.map((x) => x.textContent))).toEqual(['2020', '2021', '2022', '2023', '2024']);
      const worst = await p.$$eval('[data-table="drawdown_periods"] tbody tr', (n) => n.map((x) => x.querySelector('td:nth-child(4)')?.textContent ?? ''));
      expect(worst).toHaveLength(5);
      // Deepest first.
      const depths = worst.map((d) => Number(d.replace(/[−-]/, '-').replace('%', '')));
      expect([...depths].sort((a, b) => a - b)).toEqual(depths);
      // The same -73.42% as the headline card.
      expect(await p.textContent('#cards [data-metric="max_drawdown"] .card-value')).toBe(worst[0]);
      for (const id of ['monthly_heatmap', 'yearly_returns', 'underwater', 'return_distribution', 'rolling_sharpe', 'rolling_beta']) {
        expect(await p.isVisible(`#chart-${id}`), id).toBe(true);
        expect(await p.getAttribute(`#chart-${id}`, 'role')).toBe('img');
      }
      // The monthly heatmap's data table has a row per year and a column per month.
      await p.click('details[data-chart-data="monthly_heatmap"] summary');
      await p.waitForSelector('details[data-chart-data="monthly_heatmap"] tbody tr');
      expect(await p.$$eval('details[data-chart-data="monthly_heatmap"] tbody tr', (n) => n.length)).toBe(5);
      expect(await p.$$eval('details[data-chart-data="monthly_heatmap"] thead th', (n) => n.length)).toBeGreaterThanOrEqual(13);
      // Log scale on the equity chart, on by default for a run that grew more than 3×, and back.
      const axisType = (): Promise<string> => p.evaluate(() => ((document.getElementById('chart-equity') as unknown as { _fullLayout?: { yaxis?: { type?: string } } })._fullLayout?.yaxis?.type ?? ''));
      expect(await p.isChecked('#equity-log')).toBe(true);
      expect(await axisType()).toBe('log');
      await p.uncheck('#equity-log');
      await p.waitForFunction(() => (document.getElementById('chart-equity') as unknown as { _fullLayout?: { yaxis?: { type?: string } } })._fullLayout?.yaxis?.type === 'linear');
      await p.check('#equity-log');
      await p.waitForFunction(() => (document.getElementById('chart-equity') as unknown as { _fullLayout?: { yaxis?: { type?: string } } })._fullLayout?.yaxis?.type === 'log');
      expect(w.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});
