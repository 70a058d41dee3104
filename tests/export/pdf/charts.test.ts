import { GState, jsPDF } from 'jspdf';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { drawVectorChart, type Box } from '../../../src/export/pdf/charts/vector';
import { MIN_DPI, planImagePlacement } from '../../../src/export/pdf/charts/place';
import { registerFonts } from '../../../src/export/pdf/fonts';
import { writePdf } from '../../../src/export/pdf/index';
import type { PreparedChart } from '../../../src/export/writer.types';
import { chartData } from '../../../src/report/chart-data';
import { BENCHMARK_HALO, CHART_COLORS, heatmapColor, hexToRgb, LINE_WIDTH, NORMAL_CURVE_NAME } from '../../../src/report/chart-style';
import {
  allocationChart,
  correlationChart,
  equityChart,
  monthlyHeatmapChart,
  returnDistributionChart,
  riskContributionsChart,
  rollingBetaChart,
  underwaterChart,
  yearlyReturnsChart,
} from '../../../src/report/charts';
import type { ChartSpec, ReportTable } from '../../../src/report/model.types';
import {
  dayAfter,
  makeAllocations,
  makeContext,
  makeCorrelation,
  makeDaily,
  makeDecomposition,
  makeDrawdownPeriods,
  makeMonthly,
  makeRolling,
  makeYearly,
  withDatesFrom,
} from '../../report/chart-fixtures';
import { makeFixtureReport } from './fixture-report';
import { makePng, pdftotextPages, readPdf } from './read-pdf';
import { attachShaper, disableBuiltInBidi, loadBidi, TextShaper } from '../../../src/export/pdf/script';

/** A text item as printed: position (points, origin bottom-left), width, size and whether rotated. */
interface PrintedText {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  rotated: boolean;
}

/** What one chart page holds: its text items and the colours set, in drawing order. */
interface ChartPage {
  texts: PrintedText[];
  /** `fill:#rrggbb` / `stroke:#rrggbb`, in the order the content stream sets them. */
  colors: string[];
  /** Every stroked path, in drawing order: its colour, line width and stroke opacity. */
  strokes: { color: string; width: number; alpha: number }[];
}

const BOX: Box = { x: 40, y: 60, w: 515, h: 300 };

/** Draws `spec` over `table` alone on an A4 page and reads the page back. */
async function drawAlone(spec: ChartSpec, table: ReportTable, box: Box = BOX): Promise<ChartPage> {
  const data = chartData(spec, table);
  if (!data) throw new Error(`no data for ${spec.id}`);
  const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true });
  const fonts = await registerFonts(doc, { cjk: false, mono: false });
  drawVectorChart({ doc, fonts, makeGState: (o) => new GState(o) }, spec, data, box);
  return readChartPage(new Uint8Array(doc.output('arraybuffer')));
}

/**
 * Draws `spec` as a PDF writer does (jsPDF's own bidi off, the document's shaper attached, the
 * bidi engine loaded); returns the bytes and the glyphs the shaper replaced.
 */
async function drawShaped(spec: ChartSpec, table: ReportTable, box: Box = BOX): Promise<{ bytes: Uint8Array; missing: string[] }> {
  const data = chartData(spec, table);
  if (!data) throw new Error(`no data for ${spec.id}`);
  const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true });
  disableBuiltInBidi(doc, (jsPDF as unknown as { API: { processArabic?: unknown } }).API);
  const fonts = await registerFonts(doc, { cjk: false, mono: false });
  const shaper = new TextShaper(doc, fonts, await loadBidi(true));
  attachShaper(doc, shaper);
  drawVectorChart({ doc, fonts, makeGState: (o) => new GState(o) }, spec, data, box);
  return { bytes: new Uint8Array(doc.output('arraybuffer')), missing: shaper.missingGlyphs().map((m) => m.codePoints) };
}

async function readChartPage(bytes: Uint8Array): Promise<ChartPage> {
  const pdf = await getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const page = await pdf.getPage(1);
  const content = await page.getTextContent();
  const texts: PrintedText[] = [];
  for (const item of content.items as { str?: string; transform?: number[]; width?: number }[]) {
    if (!item.str || !item.transform || item.str.trim() === '') continue;
    const [a = 1, b = 0, , d = 1, e = 0, f = 0] = item.transform;
    texts.push({ str: item.str, x: e, y: f, width: item.width ?? 0, size: Math.hypot(a, b) || Math.abs(d), rotated: Math.abs(b) > 1e-6 });
  }
  const ops = await page.getOperatorList();
  const colors: string[] = [];
  const strokes: ChartPage['strokes'] = [];
  let state = { color: '#000000', width: 1, alpha: 1 };
  const saved: (typeof state)[] = [];
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.setFillRGBColor) colors.push(`fill:${String(args[0])}`);
    else if (fn === OPS.setStrokeRGBColor) {
      colors.push(`stroke:${String(args[0])}`);
      state = { ...state, color: String(args[0]) };
    } else if (fn === OPS.setLineWidth) state = { ...state, width: Number(args[0]) };
    else if (fn === OPS.setGState) {
      const alpha = (args[0] as [string, unknown][]).find(([key]) => key === 'CA');
      if (alpha) state = { ...state, alpha: Number(alpha[1]) };
    } else if (fn === OPS.save) saved.push(state);
    else if (fn === OPS.restore) state = saved.pop() ?? state;
    else if ((fn === OPS.constructPath && args[0] === OPS.stroke) || fn === OPS.stroke) strokes.push(state);
  });
  await pdf.destroy();
  return { texts, colors, strokes };
}

/** Pairs of upright text items whose boxes overlap (labels that collide). */
function collisions(texts: PrintedText[]): string[] {
  const upright = texts.filter((t) => !t.rotated);
  const hits: string[] = [];
  for (let i = 0; i < upright.length; i++) {
    for (let j = i + 1; j < upright.length; j++) {
      const p = upright[i];
      const q = upright[j];
      if (!p || !q) continue;
      const overlapX = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x);
      const overlapY = Math.min(p.y + p.size * 0.75, q.y + q.size * 0.75) - Math.max(p.y, q.y);
      if (overlapX > 0.5 && overlapY > 0.5) hits.push(`"${p.str}" / "${q.str}"`);
    }
  }
  return hits;
}

/**
 * `colors` entries that are `kind` and `hex` within jsPDF's colour precision (it writes each
 * channel as a fraction with 2 decimals, so a channel may come back up to 1.3 off).
 */
function matching(page: ChartPage, kind: 'fill' | 'stroke', hex: string): number[] {
  const [r, g, b] = hexToRgb(hex);
  const indices: number[] = [];
  page.colors.forEach((entry, i) => {
    const [k, value = ''] = entry.split(':');
    if (k !== kind) return;
    const [r2, g2, b2] = hexToRgb(value);
    if (Math.abs(r - r2) <= 1.5 && Math.abs(g - g2) <= 1.5 && Math.abs(b - b2) <= 1.5) indices.push(i);
  });
  return indices;
}

function has(page: ChartPage, kind: 'fill' | 'stroke', hex: string): boolean {
  return matching(page, kind, hex).length > 0;
}

function lastOf(page: ChartPage, kind: 'fill' | 'stroke', hex: string): number {
  return matching(page, kind, hex).at(-1) ?? -1;
}

function text(page: ChartPage): string {
  return page.texts.map((t) => t.str).join(' ');
}

describe('vector charts: what a reader sees', () => {
  it('detects colliding labels (the check below can fail)', async () => {
    const doc = new jsPDF({ unit: 'pt', format: 'a4' });
    doc.setFontSize(8);
    doc.text('Jan 2021', 100, 100);
    doc.text('Feb 2021', 110, 100);
    doc.text('Mar 2021', 200, 100);
    const page = await readChartPage(new Uint8Array(doc.output('arraybuffer')));
    expect(collisions(page.texts)).toEqual(['"Jan 2021" / "Feb 2021"']);
  });

  const context = makeContext({}, [
    { key: 'bitcoin', name: 'Bitcoin buy and hold' },
    { key: 'equal_weight', name: 'Equal weight' },
  ]);

  it('draws the equity curve with labels, the currency axis title, log ticks and the strategy stroked last', async () => {
    const daily = makeDaily(1_500, 6, ['bitcoin', 'equal_weight']);
    const spec = equityChart(daily, context);
    expect(spec.yScale).toBe('log');
    const page = await drawAlone(spec, daily);
    const all = text(page);
    for (const label of ['Equity curve vs benchmarks', 'Risk parity crypto (synthetic)', 'Bitcoin buy and hold', 'Equal weight', 'Value (USD)', '10,000', '20,000', '50,000']) {
      expect(all).toContain(label);
    }
    expect(all).not.toMatch(/portfolio_value|equal_weight|bitcoin_value/);
    const strategy = lastOf(page, 'stroke', CHART_COLORS.strategy);
    expect(lastOf(page, 'stroke', CHART_COLORS.benchmarks[0])).toBeGreaterThan(0);
    expect(strategy).toBeGreaterThan(lastOf(page, 'stroke', CHART_COLORS.benchmarks[0]));
    expect(strategy).toBeGreaterThan(lastOf(page, 'stroke', CHART_COLORS.benchmarks[1]));
    expect(collisions(page.texts)).toEqual([]);
  });

  it('labels a year-0050 series with the years 0050… (not 1950…)', async () => {
    const daily = withDatesFrom(makeDaily(1_100, 2), '0050-01-01');
    const spec = equityChart(daily, makeContext({ day0: '0050-01-01', range: { from: '0050-01-01', to: dayAfter(1_099, '0050-01-01') } }));
    const all = text(await drawAlone(spec, daily));
    expect(all).toContain('0051');
    expect(all).toContain('0052');
    expect(all).not.toMatch(/19[5-9]\d/);
  });

  it('draws a translucent halo under each benchmark line, then the line, then the thinner strategy on top', async () => {
    const daily = makeDaily(600, 4, ['bitcoin', 'equal_weight']);
    const page = await drawAlone(equityChart(daily, context), daily);
    const near = (a: string, b: string): boolean => hexToRgb(a).every((c, i) => Math.abs(c - (hexToRgb(b)[i] ?? 0)) <= 1.5);
    const strokesOf = (hex: string): { width: number; alpha: number }[] => page.strokes.filter((s) => near(s.color, hex)).map(({ width, alpha }) => ({ width, alpha }));
    for (const benchmark of CHART_COLORS.benchmarks.slice(0, 2)) {
      // The legend's swatch first, then the plot: the halo, then the line.
      const [halo, line] = strokesOf(benchmark).slice(-2);
      expect(halo).toEqual({ width: BENCHMARK_HALO.print, alpha: BENCHMARK_HALO.opacity });
      expect(line).toEqual({ width: LINE_WIDTH.benchmark.print, alpha: 1 });
    }
    expect(strokesOf(CHART_COLORS.strategy).slice(1)).toEqual([{ width: LINE_WIDTH.strategy.print, alpha: 1 }]);
    expect(page.strokes.at(-1)?.width).toBe(LINE_WIDTH.strategy.print);
    // The halo reaches past the strategy's line on both sides.
    expect(BENCHMARK_HALO.print - LINE_WIDTH.strategy.print).toBeGreaterThanOrEqual(1);
  });

  it('shades the worst five drawdowns on the underwater chart, each labelled', async () => {
    const daily = makeDaily(400, 1.5);
    const periods = makeDrawdownPeriods(
      [10, 60, 120, 180, 240, 300].map((start, i): [string, string, string | null, number] => [dayAfter(start), dayAfter(start + 10), dayAfter(start + 30), -0.05 * (i + 1)]),
    );
    const page = await drawAlone(underwaterChart(daily, periods, context), daily);
    expect(matching(page, 'fill', CHART_COLORS.band)).toHaveLength(5);
    const labels = page.texts.filter((t) => /^[1-5]$/.test(t.str)).map((t) => t.str);
    expect(labels.sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(text(page)).toContain('Drawdown');
  });

  it('draws grouped yearly bars, strategy first, with the years as years', async () => {
    const table = makeYearly(
      [
        { key: 'risk_parity_crypto_synthetic', label: 'Risk parity crypto (synthetic)' },
        { key: 'bitcoin', label: 'bitcoin' },
        { key: 'equal_weight', label: 'equal_weight' },
      ],
      [2020, 2021, 2022, 2023, 2024].map((y, i): [number, number, number, number] => [y, 0.3 - i * 0.15, 0.6 - i * 0.3, 0.1]),
    );
    const page = await drawAlone(yearlyReturnsChart(table, context), table);
    const all = text(page);
    for (const year of ['2020', '2021', '2022', '2023', '2024']) expect(all).toContain(year);
    expect(all).not.toContain('2,020');
    expect(all).toContain('Yearly returns vs benchmarks');
    // Legend swatches in spec order: strategy, then the benchmarks.
    const first = [CHART_COLORS.strategy, CHART_COLORS.benchmarks[0], CHART_COLORS.benchmarks[1]].map((hex) => matching(page, 'fill', hex)[0] ?? -1);
    expect(first[0]).toBeGreaterThanOrEqual(0);
    expect(first).toEqual([...first].sort((a, b) => a - b));
    expect(collisions(page.texts)).toEqual([]);
  });

  it('prints monthly returns in the cells, losses in red cells', async () => {
    const table = makeMonthly([2022, 2023], (y, m) => (y === 2022 ? -0.08 + m * 0.01 : 0.02));
    const page = await drawAlone(monthlyHeatmapChart(table, context), table);
    const all = text(page);
    expect(all).toContain('-8.0%');
    expect(all).toContain('2.0%');
    expect(all).toContain('Jan');
    expect(all).toContain('2023');
    const limit = 0.08;
    expect(has(page, 'fill', heatmapColor('returns', -0.08, limit))).toBe(true);
    expect(hexToRgb(heatmapColor('returns', -0.08, limit))[0]).toBeGreaterThan(150);
    expect(collisions(page.texts)).toEqual([]);
  });

  it('prints correlations in the cells on the diverging scale, rotating 40 asset names without collisions', async () => {
    const small = makeCorrelation(['BTC', 'ETH', 'SOL'], 0.62);
    const page = await drawAlone(correlationChart(small, context), small);
    expect(text(page)).toContain('0.62');
    expect(text(page)).toContain('-0.62');
    expect(has(page, 'fill', heatmapColor('diverging', 1, 1))).toBe(true);
    expect(has(page, 'fill', heatmapColor('diverging', -0.62, 1))).toBe(true);
    const many = makeCorrelation(Array.from({ length: 40 }, (_, i) => `ASSET_NUMBER_${i}`), 0.3);
    const big = await drawAlone(correlationChart(many, context), many, { ...BOX, h: 700 });
    expect(big.texts.some((t) => t.rotated && t.str.startsWith('ASSET_NUMBER'))).toBe(true);
    expect(collisions(big.texts)).toEqual([]);
  });

  it('rotates and shortens long category labels on bars', async () => {
    const assets = Array.from({ length: 30 }, (_, i) => `Long asset name number ${i}`);
    const table = makeDecomposition(assets);
    const page = await drawAlone(riskContributionsChart(table, context), table);
    expect(page.texts.some((t) => t.rotated && t.str.endsWith('…'))).toBe(true);
    expect(collisions(page.texts)).toEqual([]);
  });

  it('draws the return distribution with its normal curve and a legend', async () => {
    const daily = makeDaily(800, 1.4);
    const page = await drawAlone(returnDistributionChart(daily, context), daily);
    const all = text(page);
    expect(all).toContain(NORMAL_CURVE_NAME);
    expect(all).toContain('Daily return');
    expect(all).toContain('Share of days');
    expect(has(page, 'stroke', CHART_COLORS.curve)).toBe(true);
    expect(collisions(page.texts)).toEqual([]);
  });

  it('draws stacked allocation with a 0–100 % axis and a dashed beta reference line', async () => {
    const allocations = makeAllocations(['BTC', 'ETH', 'SOL'], 300);
    const page = await drawAlone(allocationChart(allocations, context), allocations);
    expect(text(page)).toContain('100%');
    expect(text(page)).toContain('Cash');
    const rolling = makeRolling(300);
    const beta = rollingBetaChart(rolling, context);
    if (!beta) throw new Error('no beta chart');
    const betaPage = await drawAlone(beta, rolling);
    expect(text(betaPage)).toContain('Beta 1');
    expect(collisions(betaPage.texts)).toEqual([]);
  });

  it('thins date ticks to a narrow box without collisions', async () => {
    const daily = makeDaily(3_000, 2);
    const page = await drawAlone(equityChart(daily, context), daily, { x: 40, y: 60, w: 160, h: 150 });
    expect(collisions(page.texts)).toEqual([]);
  });
});

describe('vector charts: text through the document’s shaper', () => {
  const hebrew = 'קרן גידול';
  const rocket = '🚀 MOON';
  const context = makeContext();

  it('prints right-to-left asset names in reading order and an emoji as a visible replacement, in turned labels too', async () => {
    // 20 names: the correlation's column labels and the bars' labels turn 45°.
    const assets = [hebrew, rocket, ...Array.from({ length: 18 }, (_, i) => `Asset number ${i}`)];
    const correlation = makeCorrelation(assets, 0.3);
    const heatmap = await drawShaped(correlationChart(correlation, context), correlation, { ...BOX, h: 600 });
    const decomposition = makeDecomposition(assets);
    const bars = await drawShaped(riskContributionsChart(decomposition, context), decomposition);
    for (const drawn of [heatmap, bars]) {
      // pdfjs reads each turned label back in logical order when the page holds it in visual
      // (drawing) order: a Hebrew name drawn unordered would come back reversed.
      const turned = (await readChartPage(drawn.bytes)).texts.filter((t) => t.rotated).map((t) => t.str);
      expect(turned).toContain(hebrew);
      expect(turned).toContain('\uFFFD MOON');
      expect(turned.join(' ')).not.toContain('🚀');
      expect(drawn.missing).toEqual(['U+1F680']);
    }
  });

  it('prints right-to-left and emoji names in the legend, and the y axis title turned', async () => {
    const daily = makeDaily(400, 2, ['fund', 'moon']);
    const spec = equityChart(daily, makeContext({ currency: 'USD' }, [{ key: 'fund', name: `${hebrew} 60/40` }, { key: 'moon', name: rocket }]));
    const drawn = await drawShaped({ ...spec, yLabel: `${hebrew} (USD)` }, daily);
    const text = pdftotextPages(drawn.bytes).join('\n');
    expect(text).toContain(hebrew);
    expect(text).toContain('\uFFFD MOON');
    expect(text).not.toContain('🚀');
    // The turned axis title goes through the shaper too (its Hebrew in reading order).
    const page = await readChartPage(drawn.bytes.slice());
    expect(page.texts.filter((t) => t.rotated).map((t) => t.str.replace(/[()]/g, ''))).toContain(`USD ${hebrew}`);
  });
});

describe('raster charts', () => {
  it('plans PNG placement at ≥ 300 dpi, shrinking or refusing small images', () => {
    const full = planImagePlacement(3000, 1500, 515, 400);
    expect(full?.width).toBeCloseTo(515);
    expect(full?.shrunk).toBe(false);
    expect(full?.dpi).toBeGreaterThanOrEqual(MIN_DPI);
    const shrunk = planImagePlacement(1200, 600, 515, 400);
    expect(shrunk?.width).toBeCloseTo(288);
    expect(shrunk?.dpi).toBeCloseTo(300);
    expect(shrunk?.shrunk).toBe(true);
    expect(planImagePlacement(400, 200, 515, 400)).toBeNull();
  });

  it('draws every chart with a spec as vectors, so the PDF of the page and of the command line are the same', async () => {
    const charts: PreparedChart[] = [
      { chartId: 'equity', kind: 'png', bytes: await makePng(3000, 1500), widthPx: 3000, heightPx: 1500, cssWidth: 960, cssHeight: 480 },
      { chartId: 'drawdown', kind: 'svg', svg: '<svg xmlns="http://www.w3.org/2000/svg"><text>SVG-ONLY-LABEL</text></svg>', cssWidth: 960, cssHeight: 480 },
    ];
    const report = makeFixtureReport({ template: 'detailed', days: 120, trades: 20 });
    const pdf = await readPdf((await writePdf(report, { charts })).bytes);
    const performance = pdf.pages.find((p) => p.lines[1] === 'Performance');
    expect(performance?.images).toEqual([]);
    expect(performance?.text).toContain('Equity curve');
    expect(pdf.pages.map((p) => p.text).join(' ')).not.toContain('SVG-ONLY-LABEL');
    expect(pdf.outline.map((o) => o.title)).not.toContain('Charts from the page');
  });

  it('places a host element captured without a spec at ≥ 300 dpi in its own chapter', async () => {
    const charts: PreparedChart[] = [{ chartId: 'sales_map', kind: 'png', bytes: await makePng(3000, 1500), widthPx: 3000, heightPx: 1500, cssWidth: 960, cssHeight: 480 }];
    const pdf = await readPdf((await writePdf(makeFixtureReport({ template: 'detailed', days: 60, trades: 5 }), { charts })).bytes);
    const entry = pdf.outline.find((o) => o.title === 'Charts from the page');
    const page = pdf.pages[(entry?.page ?? 0) - 1];
    expect(page?.images.length).toBe(1);
    const image = page?.images[0];
    expect(3000 / ((image?.width ?? 1) / 72)).toBeGreaterThanOrEqual(MIN_DPI - 0.01);
    expect(page?.text).toContain('Sales map');
  });
});
