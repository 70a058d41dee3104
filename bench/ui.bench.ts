/**
 * Dashboard figures: (1) first-load JavaScript, gzip, of a production build: the entry chunk and
 * what it loads statically (modulepreload links and static imports), not lazy chunks; target
 * ≤ 200 KB. (2) In Chromium, the longest main-thread task (PerformanceObserver 'longtask') from
 * pressing Run to the last chart and the trade log drawn, for 40-asset × 10-year business-day
 * runs (monthly + 5/25, and daily + 5/25 with ~100,000 trades), risk parity; target ≤ 200 ms.
 * The machine is shared, so timings include waiting for a core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { buildPage, launchChromium, openPage, removeDir, serveStatic } from '../tests/e2e/support/harness';

const KB = 1024;

/** Relative URLs a built module imports statically (`import … from "./x.js"` and bare `import "./x.js"`). */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) if (m[1]) found.add(m[1]);
  return [...found];
}

/** First-load JS files of the built page: the entry, its preloads and everything they import statically. */
export function firstLoadFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const roots = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/^\.\//, ''));
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const rel of staticImports(readFileSync(join(dist, file), 'utf8'))) {
      const parts = (dir + rel).split('/');
      const out: string[] = [];
      for (const p of parts) {
        if (p === '.' || p === '') continue;
        if (p === '..') out.pop();
        else out.push(p);
      }
      todo.push(out.join('/'));
    }
  }
  return [...seen].sort();
}

/** Prints the first-load size and the longest main-thread task of 40-asset runs. */
export async function bench(): Promise<void> {
  const dist = await buildPage();
  try {
    const files = firstLoadFiles(dist);
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const bytes = readFileSync(join(dist, f));
      raw += bytes.length;
      gz += gzipSync(bytes, { level: 9 }).length;
    }
    console.log(`first-load JS: ${files.length} file(s) ${files.join(', ')}`);
    console.log(`first-load JS: ${(raw / KB).toFixed(1)} KB raw, ${(gz / KB).toFixed(1)} KB gzip (target ≤ 200 KB) ${gz <= 200 * KB ? 'OK' : 'OVER'}`);

    const { server, origin } = await serveStatic(dist);
    const browser = await launchChromium();
    try {
      const { csv } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: '2024-12-31', calendar: 'business', seed: 7 });
      for (const rebalancing of ['monthly', 'daily'] as const) {
        const { page, close } = await openPage(browser, origin);
        await page.evaluate(() => {
          const w = window as unknown as { __longtasks: number[]; __longtaskSpans: [number, number][] };
          w.__longtasks = [];
          w.__longtaskSpans = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              w.__longtasks.push(entry.duration);
              w.__longtaskSpans.push([entry.startTime, entry.startTime + entry.duration]);
            }
          }).observe({ type: 'longtask', buffered: false });
        });
        await page.setInputFiles('#prices-file', { name: 'forty.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.waitForFunction(() => (document.getElementById('data-status')?.textContent ?? '').includes('forty.csv'));
        await page.selectOption('#config-form [data-path="strategy.type"]', 'risk_parity');
        await page.selectOption('#config-form [data-path="rebalancing_frequency"]', rebalancing);
        await page.waitForTimeout(1500); // let the idle Plotly warm-up finish, as a user would
        const uploadTasks = await page.evaluate(() => {
          const w = window as unknown as { __longtasks: number[]; __longtaskSpans: [number, number][] };
          w.__longtaskSpans.splice(0);
          return w.__longtasks.splice(0);
        });
        const started = Date.now();
        await page.click('#run-button');
        await page.waitForFunction(() => (window.backfolio?.events() ?? []).some((e) => e.type === 'backtest_completed'), undefined, { timeout: 300_000 });
        // Every chart of the result drawn (one after another, in page order).
        await page.waitForFunction(() => {
          const charts = [...document.querySelectorAll('figure.chart-card:not([hidden]) .chart')];
          return charts.length > 0 && charts.every((n) => n.querySelector('.main-svg'));
        }, undefined, { timeout: 120_000 });
        await page.waitForFunction(() => document.querySelectorAll('#trades tbody tr').length > 0);
        await page.waitForTimeout(300);
        const wall = Date.now() - started;
        const tasks = await page.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks.splice(0));
        const status = await page.textContent('#run-status');
        const longest = Math.max(0, ...tasks);
        const label = `40 assets × 10 years, ${rebalancing} + 5/25, risk parity`;
        console.log(`${label}: ${status ?? ''} (${wall} ms from click to charts and trade log)`);
        // What the longest task was: the chart drawn in it, if any.
        const longestWhat = await page.evaluate(() => {
          const spans = (window as unknown as { __longtaskSpans: [number, number][] }).__longtaskSpans;
          const [from, to] = spans.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a), [0, 0]);
          const inside = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('chart:') && m.startTime < to && m.startTime + m.duration > from);
          return inside.map((m) => m.name.slice(6)).join(', ') || 'no chart';
        });
        console.log(`${label}: longest main-thread task during the run ${longest.toFixed(0)} ms over ${tasks.length} long task(s) (target ≤ 200 ms) ${longest <= 200 ? 'OK' : 'OVER'}${tasks.length > 0 ? `; it drew: ${longestWhat}` : ''}`);
        const charts = await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('chart:')).map((m) => `${m.name.slice(6)} ${m.duration.toFixed(0)}`));
        console.log(`${label}: chart drawing (ms) ${charts.join(', ')}; long tasks (ms) ${tasks.map((t) => t.toFixed(0)).join(', ') || 'none'}`);
        console.log(`${label}: longest main-thread task while loading the ${(csv.length / KB / KB).toFixed(1)} MB file and warming up Plotly ${Math.max(0, ...uploadTasks).toFixed(0)} ms`);
        await close();
      }
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    await removeDir(dist);
  }
}
