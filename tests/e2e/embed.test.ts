/**
 * The embedding example (examples/embed.html) in Chromium, loaded from the built site: each
 * export button downloads a file that reads back with the host's data (zip entries with fflate,
 * workbook sheets with xlsx, PDF pages and text with pdfjs-dist), no request leaves the origin,
 * and the page's Content-Security-Policy is never violated.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage, launchChromium, openPage, readDownload, removeDir, serveStatic, type PageWatch } from './support/harness';
import { readPdf, readWorkbook, readZip, zipText } from './support/read';

let dir = '';
let server: Server | undefined;
let browser: Browser | undefined;
let page: Page;
let watch: PageWatch;
let closePage: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dir = await buildPage();
  const served = await serveStatic(dir);
  server = served.server;
  browser = await launchChromium();
  const opened = await openPage(browser, served.origin, '/examples/embed.html');
  page = opened.page;
  watch = opened.watch;
  closePage = opened.close;
}, 240_000);

afterAll(async () => {
  await closePage?.();
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (dir !== '') await removeDir(dir);
});

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function download(buttonId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click(`#${buttonId}`)]);
  await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Saved'), undefined, { timeout: 60_000 });
  return { name: file.suggestedFilename(), bytes: await readDownload(file) };
}

const STAMPED = (ext: string): RegExp => new RegExp(`^acme_sales_\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z\\.${ext}$`);

describe('embedding example page', () => {
  it('shows the host table and chart', async () => {
    expect(await page.locator('#sales-table tbody tr').count()).toBe(12);
    expect(await page.locator('#sales-chart rect').count()).toBeGreaterThanOrEqual(12);
  });

  it('exports the host table as a CSV package', async () => {
    const { name, bytes } = await download('export-csv');
    expect(name).toMatch(STAMPED('zip'));
    const entries = readZip(bytes);
    expect(Object.keys(entries).sort()).toEqual(['metadata.json', 'monthly_sales.csv']);
    const parsed = Papa.parse<string[]>(zipText(entries, 'monthly_sales.csv'), { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['month', 'region', 'revenue', 'growth', 'orders']);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual(['2024-01-01', 'Nord', '182400.50', '', '1210']);
    expect(rows[2]?.[1]).toBe('Île-de-France');
    // Growth as a fraction to 10 decimals: 176950.00 / 182400.50 − 1.
    expect(Number(rows[1]?.[3])).toBeCloseTo(176950 / 182400.5 - 1, 10);
    const metadata = JSON.parse(zipText(entries, 'metadata.json')) as { files: { name: string; rows: number }[] };
    expect(metadata.files).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'monthly_sales.csv', rows: 12 })]));
  });

  it('exports the host table as an Excel workbook with real numbers', async () => {
    const { name, bytes } = await download('export-xlsx');
    expect(name).toMatch(STAMPED('xlsx'));
    const book = await readWorkbook(bytes);
    expect(book.sheets).toEqual(['Overview', 'Monthly sales by region', 'Metadata']);
    const rows = book.rows('Monthly sales by region');
    // A host table's workbook header shows its column labels (the CSV keeps the keys).
    const headerIndex = rows.findIndex((row) => row[0] === 'Month');
    expect(rows[headerIndex]).toEqual(['Month', 'Lead region', 'Revenue', 'Growth vs prior month', 'Orders']);
    const data = rows.slice(headerIndex + 1).filter((row) => row.length > 0);
    expect(data).toHaveLength(12);
    // A real Excel date (serial 45292 = 2024-01-01), not text.
    expect(data[0]?.[0]).toBe(45292);
    expect(data[0]?.[1]).toBe('Nord');
    expect(data[0]?.[2]).toBe(182400.5);
    expect(data[11]?.[4]).toBe(1902);
  });

  it('exports the host table and chart as a PDF', async () => {
    const { name, bytes } = await download('export-pdf');
    expect(name).toMatch(STAMPED('pdf'));
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    const text = pdf.text.join('\n');
    expect(text).toContain('Acme Corp');
    expect(text).toContain('Monthly sales by region');
    expect(text).toContain('Île-de-France');
    expect(text).toContain('Revenue by month');
    // The page's own SVG chart was placed (its tick labels are "100k", "200k"), not redrawn from the spec.
    expect(text).toContain('200k');
  });

  it('sends nothing outside its origin and never violates its Content-Security-Policy', () => {
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
