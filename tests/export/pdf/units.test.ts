import { describe, expect, it } from 'vitest';
import { jsPDF } from 'jspdf';
import { readableFormula } from '../../../src/export/pdf/chapters';
import { monthEndRows, readableRebalances, rebalancesByYear, reasonLabel } from '../../../src/export/pdf/derive';
import { slimTrueType } from '../../../src/export/pdf/font-slim';
import { containsCjk, encodeBase64, loadFontBytes, registerFonts, splitFontRuns } from '../../../src/export/pdf/fonts';
import { needsCjkFont } from '../../../src/export/pdf/index';
import { columnLabel, displayName, formatCell, isYearColumn, periodUnit } from '../../../src/export/pdf/labels';
import { attachShaper, containsRtl, describeMissingGlyphsForCaller, loadBidi, REPLACEMENT, TextShaper } from '../../../src/export/pdf/script';
import { dataSource } from '../../../src/export/pdf/prose';
import { paginate } from '../../../src/export/pdf/tables';
import { wrapText } from '../../../src/export/pdf/text';
import { Dec } from '../../../src/engine/decimal';
import { reportFromTables } from '../../../src/report/host';
import type { ReportMeta, ReportTable } from '../../../src/report/model.types';
import { makeFixtureReport } from './fixture-report';

const meta = makeFixtureReport({ trades: 5, days: 10 }).meta;

describe('labels for people', () => {
  it('turns keys into words and names the currency of money columns', () => {
    expect(displayName('equal_weight')).toBe('Equal weight');
    expect(displayName('bitcoin')).toBe('Bitcoin');
    expect(displayName('Ελλάδα 60/40')).toBe('Ελλάδα 60/40');
    expect(columnLabel({ key: 'trade_date', label: 'trade_date', type: { kind: 'date' } })).toBe('Trade date');
    expect(columnLabel({ key: 'amount', label: 'Amount', type: { kind: 'currency', currency: 'EUR', decimals: 2 } })).toBe('Amount (EUR)');
    expect(columnLabel({ key: 'v', label: 'Value (EUR)', type: { kind: 'currency', currency: 'EUR', decimals: 2 } })).toBe('Value (EUR)');
  });

  it('prints years without a separator and period counts with their unit', () => {
    const table: ReportTable = {
      id: 'performance_summary',
      title: 't',
      columns: [
        { key: 'year', label: 'Year', type: { kind: 'integer' } },
        { key: 's', label: 'S', type: { kind: 'integer' } },
      ],
      rows: [
        [2021, 1234],
        ['longest_drawdown', 650],
      ],
    };
    expect(isYearColumn(table.columns[0]!)).toBe(true);
    expect(formatCell(table, 0, 0)).toBe('2021');
    expect(formatCell(table, 0, 1)).toBe('1,234');
    expect(formatCell(table, 1, 1, { periodUnit: periodUnit(365) })).toBe('650 days');
    expect(periodUnit(252)).toBe('trading days');
    expect(periodUnit(12)).toBe('months');
  });

  it('writes glossary formulas with metric names instead of keys, keeping symbols', () => {
    const glossary = [
      { key: 'annualized_return', label: 'Annualized return', formula: '' },
      { key: 'max_drawdown', label: 'Max drawdown', formula: '' },
    ];
    expect(readableFormula('annualized_return / |max_drawdown| with r_t and risk_free_rate', glossary)).toBe('Annualized return / |Max drawdown| with r_t and risk-free rate');
  });
});

describe('summaries of long tables', () => {
  it('picks the last row of every month', () => {
    const table: ReportTable = {
      id: 'd',
      title: 'd',
      columns: [{ key: 'date', label: 'Date', type: { kind: 'date' } }],
      rows: [['2021-01-01'], ['2021-01-31'], ['2021-02-01'], ['2021-02-27'], ['2021-03-01']],
    };
    expect(monthEndRows(table)).toEqual([1, 3, 4]);
  });

  const rebalances: ReportTable = {
    id: 'rebalancing_events',
    title: 'Rebalancing events',
    columns: [
      { key: 'date', label: 'Date', type: { kind: 'date' } },
      { key: 'trigger_reason', label: 'Trigger', type: { kind: 'text' } },
      { key: 'transaction_cost', label: 'Cost', type: { kind: 'currency', currency: 'USD', decimals: 2 } },
      { key: 'assets_changed', label: 'Assets', type: { kind: 'text' } },
      { key: 'trade_details', label: 'Details', type: { kind: 'json' } },
    ],
    rows: [
      ['2021-01-01', 'initial', new Dec('3.10'), 'BTC;ETH', '[{"asset":"BTC","action":"buy","quantity":"0.01234567","price":"17200","cost":"2.12"},{"asset":"ETH","action":"buy","quantity":"1.5","price":"730","cost":"0.98"}]'],
      ['2021-02-01', '5/25', new Dec('1.05'), 'BTC;ETH', '[{"asset":"BTC","action":"sell","quantity":"0.001","price":"33000","cost":"0.03"},{"asset":"ETH","action":"buy","quantity":"0.5","price":"1300","cost":"1.02"}]'],
      ['2022-03-01', 'calendar', new Dec('0.50'), 'SOL', 'not json'],
    ],
  };

  it('reads rebalances as words, never JSON', () => {
    const short = readableRebalances(meta as ReportMeta, rebalances, false);
    expect(short.columns.map((c) => c.label)).toEqual(['Date', 'Reason', 'Bought', 'Sold', 'Trades', 'Cost (USD)']);
    expect(short.rows[1]?.map((c) => c.text)).toEqual(['2021-02-01', '5/25 band', 'ETH', 'BTC', '2', '1.05']);
    // A malformed details cell falls back to the assets changed.
    expect(short.rows[2]?.map((c) => c.text)).toEqual(['2022-03-01', 'Calendar', 'SOL', '', '', '0.50']);
    const full = readableRebalances(meta as ReportMeta, rebalances, true);
    expect(full.rows[0]?.[2]?.text).toBe('buy BTC 0.01234567 at 17,200.0000, cost 2.12; buy ETH 1.5 at 730.0000, cost 0.98');
    for (const row of [...short.rows, ...full.rows]) for (const cell of row) expect(cell.text).not.toMatch(/[{}"]/);
  });

  it('counts rebalances by reason and year with exact cost totals', () => {
    const table = rebalancesByYear(meta as ReportMeta, rebalances, undefined);
    expect(table?.columns.map((c) => c.label)).toEqual(['Year', 'Initial', '5/25 band', 'Calendar', 'Rebalances', 'Costs (USD)']);
    expect(table?.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['2021', '1', '1', '0', '2', '4.15'],
      ['2022', '0', '0', '1', '1', '0.50'],
      ['Total', '1', '1', '1', '3', '4.65'],
    ]);
    expect(reasonLabel('threshold')).toBe('Threshold');
  });
});

describe('the data source in words, from what the report records about its data', () => {
  const withPrices = (prices: NonNullable<ReportMeta['inputs']>['prices']): string => {
    const report = makeFixtureReport({ template: 'executive', trades: 5, days: 30 });
    report.meta.inputs = { prices };
    return dataSource(report);
  };

  it('says "synthetic" when the price file is marked so, whatever its name, and never from the name alone', () => {
    const hash = 'ab'.repeat(32);
    expect(withPrices({ name: 'mc.csv', bytes: 10, sha256: hash, synthetic: true, source: 'Monte Carlo, seed 7' })).toBe(
      'Synthetic prices, not market data (mc.csv). Source: Monte Carlo, seed 7.',
    );
    // The bundled example's file name without the flag is just a file.
    expect(withPrices({ name: 'crypto-risk-parity.csv', bytes: 10, sha256: hash })).toBe('Prices from crypto-risk-parity.csv (SHA-256 abababababab…).');
    expect(withPrices({ name: 'stocks.csv', bytes: 10, sha256: hash, synthetic: false, source: 'data/stocks.csv of vega-datasets' })).toBe(
      'Prices from stocks.csv (SHA-256 abababababab…). Source: data/stocks.csv of vega-datasets.',
    );
  });

  it("names a host's data as the host describes it", () => {
    const table = { id: 't', title: 'T', columns: [{ key: 'a', type: 'integer' as const }], rows: [[1]] };
    expect(dataSource(reportFromTables({ title: 'Demo', tables: [table], data: { synthetic: true, source: 'the demo generator' } }))).toBe(
      'Synthetic data, not real figures. Source: the demo generator.',
    );
    expect(dataSource(reportFromTables({ title: 'Sales', tables: [table], data: { source: 'ERP export of 2024-12-31' } }))).toBe('Source: ERP export of 2024-12-31.');
    expect(dataSource(reportFromTables({ title: 'Sales', tables: [table] }))).toBe('Tables supplied by the host application.');
  });
});

describe('pagination without orphans', () => {
  const rows = (n: number): number[] => Array.from({ length: n }, () => 10);

  it('starts a table on a new page when fewer than three rows fit where it is', () => {
    const { chunks, breakFirst } = paginate(rows(20), { first: 25, freshFirst: 100, page: 100 }, 1, 3);
    expect(breakFirst).toBe(true);
    expect(chunks[0]).toMatchObject({ start: 0, end: 10, page: 0 });
  });

  it('never leaves one or two rows alone at the end', () => {
    const { chunks } = paginate(rows(21), { first: 100, freshFirst: 100, page: 100 }, 1, 3);
    const last = chunks[chunks.length - 1];
    expect((last?.end ?? 0) - (last?.start ?? 0)).toBeGreaterThanOrEqual(3);
    expect(chunks.map((c) => c.end - c.start).reduce((a, b) => a + b, 0)).toBe(21);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]?.start).toBe(chunks[i - 1]?.end);
  });

  it('fills side-by-side blocks before the next page, and balances the last page', () => {
    const { chunks } = paginate(rows(50), { first: 100, freshFirst: 100, page: 100 }, 3, 3);
    expect(chunks.map((c) => [c.page, c.block, c.end - c.start])).toEqual([
      [0, 0, 10],
      [0, 1, 10],
      [0, 2, 10],
      [1, 0, 7],
      [1, 1, 7],
      [1, 2, 6],
    ]);
    const short = paginate(rows(12), { first: 100, freshFirst: 100, page: 100 }, 2, 3).chunks;
    expect(short.map((c) => c.end - c.start)).toEqual([6, 6]);
  });
});

describe('text that fonts cannot draw, and right-to-left text', () => {
  async function shaperFor(rtl: boolean): Promise<{ doc: jsPDF; shaper: TextShaper; fonts: Awaited<ReturnType<typeof registerFonts>> }> {
    const doc = new jsPDF({ unit: 'pt', format: 'a4' });
    const fonts = await registerFonts(doc, { cjk: false, mono: false });
    doc.setFont(fonts.body, 'normal');
    const shaper = new TextShaper(doc, fonts, await loadBidi(rtl));
    attachShaper(doc, shaper);
    return { doc, shaper, fonts };
  }

  it('replaces an emoji (one mark per sequence) and reports it once with its code points', async () => {
    const { shaper } = await shaperFor(false);
    expect(shaper.clean('🚀 Moon fund')).toBe(`${REPLACEMENT} Moon fund`);
    expect(shaper.clean('Family 👨‍👩‍👧 fund')).toBe(`Family ${REPLACEMENT} fund`);
    // A variation selector the font lacks is invisible anyway: dropped, not replaced.
    expect(shaper.clean('Zürich 60/40\u{E0001}')).toBe('Zürich 60/40');
    expect(shaper.clean('🚀 Moon fund')).toBe(`${REPLACEMENT} Moon fund`);
    const missing = shaper.missingGlyphs();
    expect(missing.map((m) => m.codePoints)).toEqual(['U+1F680', 'U+1F468 U+1F469 U+1F467']);
    expect(missing[0]?.sample).toBe(`${REPLACEMENT} Moon fund`);
    // The caller can show the characters themselves; the PDF only their code points.
    expect(describeMissingGlyphsForCaller(missing)).toBe(
      `The PDF's fonts cannot draw 🚀 (U+1F680), printed as ${REPLACEMENT} in “${REPLACEMENT} Moon fund”; 👨‍👩‍👧 (U+1F468 U+1F469 U+1F467), printed as ${REPLACEMENT} in “Family ${REPLACEMENT} fund”.`,
    );
  });

  it('puts Hebrew and Arabic in visual order, numbers and Latin left to right', async () => {
    const { shaper } = await shaperFor(true);
    expect(containsRtl('קרן')).toBe(true);
    expect(containsRtl('Fund')).toBe(false);
    expect(shaper.toVisual(shaper.clean('קרן'))).toBe('ןרק');
    expect(shaper.toVisual(shaper.clean('Fund קרן 60/40'))).toBe('Fund 60/40 ןרק');
    // Arabic is shaped into presentation forms before reordering.
    const arabic = shaper.toVisual(shaper.clean('صندوق'));
    expect(arabic).not.toBe('صندوق');
    expect([...arabic].every((c) => (c.codePointAt(0) ?? 0) >= 0xfe70)).toBe(true);
  });

  it('wraps at spaces and breaks a token only when it is wider than the line', async () => {
    const { doc, fonts } = await shaperFor(false);
    doc.setFontSize(10);
    const lines = wrapText(doc, fonts, 'Rebalancing monthly and whenever a weight drifts out of the band', 120);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect('Rebalancing monthly and whenever a weight drifts out of the band'.split(' ')).toEqual(expect.arrayContaining(line.split(' ')));
    const token = wrapText(doc, fonts, 'src/data/examples/synthetic.ts', 60);
    expect(token.join('')).toBe('src/data/examples/synthetic.ts');
    expect(token[0]?.endsWith('/')).toBe(true);
  });
});

describe('fonts', () => {
  it('detects CJK text and splits mixed text into runs per font', () => {
    expect(containsCjk('比特币')).toBe(true);
    expect(containsCjk('Биткоин Ελλάδα Zürich')).toBe(false);
    const fonts = { body: 'DejaVuSans', mono: null, cjk: 'NotoSansSC' };
    expect(splitFontRuns(fonts, 'Ελλάδα 比特币 hold')).toEqual([
      { text: 'Ελλάδα ', family: 'DejaVuSans' },
      { text: '比特币 ', family: 'NotoSansSC' },
      { text: 'hold', family: 'DejaVuSans' },
    ]);
  });

  it('loads the bundled font files in Node and encodes them without Buffer', async () => {
    const bytes = await loadFontBytes('DejaVuSans');
    expect([...bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    const sample = bytes.subarray(0, 100_000);
    expect(encodeBase64(sample)).toBe(Buffer.from(sample).toString('base64'));
  });

  it('slims a font to the tables a PDF needs, keeping outlines and glyph ids', async () => {
    const bytes = await loadFontBytes('DejaVuSans');
    const slim = slimTrueType(bytes);
    expect(slim.length).toBeLessThan(bytes.length - 100_000);
    const tables = (b: Uint8Array): Map<string, number> => {
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const out = new Map<string, number>();
      for (let i = 0; i < view.getUint16(4); i++) out.set(String.fromCharCode(...b.subarray(12 + i * 16, 16 + i * 16)), view.getUint32(12 + i * 16 + 12));
      return out;
    };
    const before = tables(bytes);
    const after = tables(slim);
    for (const tag of ['glyf', 'loca', 'hmtx', 'cmap', 'maxp', 'head']) expect(after.get(tag)).toBe(before.get(tag));
    expect(after.get('post')).toBe(32);
    expect(after.has('GSUB')).toBe(false);
    expect(slimTrueType(new Uint8Array([1, 2, 3]))).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('asks for the CJK font only when printed text has CJK characters', () => {
    expect(needsCjkFont(makeFixtureReport({ trades: 5, days: 10 }))).toBe(true);
    const latin = makeFixtureReport({ trades: 5, days: 10, withoutCjk: true });
    expect(needsCjkFont(latin)).toBe(false);
    const trades = latin.sections.find((s) => s.id === 'trades')?.tables[0];
    trades?.rows[0]?.splice(7, 1, '季度再平衡');
    expect(needsCjkFont(latin)).toBe(true);
  });
});

describe('fast display of floats', () => {
  it('prints exactly what formatDisplayValue prints, for percentages and ratios', async () => {
    const { formatDisplayValue } = await import('../../../src/report/format');
    const { displayFloat } = await import('../../../src/export/pdf/labels');
    const samples = [0, -0, 1, -1, 0.5, 0.005, -0.005, 0.00005, 0.123449999, 0.1234500001, 1.005, 2.675, 999.995, -999.995, 12345.678, 0.07, 1e-7, 123456789.125, -0.0000001, 0.99995, 9.999999];
    for (let i = 0; i < 3000; i++) samples.push((Math.sin(i * 12.9898) * 43758.5453) % 1 * 10 ** ((i % 7) - 3));
    for (const value of samples) {
      for (const type of [{ kind: 'percent', decimals: 2 }, { kind: 'number', decimals: 2 }, { kind: 'number', decimals: 4 }, { kind: 'percent', decimals: 0 }] as const) {
        const fast = displayFloat(value, type);
        if (fast !== null) expect(fast, `${value} ${type.kind} ${type.decimals}`).toBe(formatDisplayValue(value, type));
      }
    }
  });
});
