import { describe, expect, it } from 'vitest';
import {
  abbreviate,
  axisTitle,
  CHART_COLORS,
  dateTicks,
  drawOrder,
  formatCellValue,
  formatChartValue,
  formatTick,
  heatmapColor,
  heatmapLimit,
  hexToRgb,
  logTicks,
  niceTicks,
  formatIsoDay,
  parseIsoDay,
  prefersLogScale,
  rgbToHex,
  seriesColors,
  textColorOn,
  valueAxis,
} from '../../src/report/chart-style';
import { dayNumberFromCivil } from '../../src/iso-date';

describe('chart palette', () => {
  it('gives the strategy one fixed colour wherever it stands, benchmarks muted colours of their own', () => {
    const colors = seriesColors([{ role: 'benchmark' }, { role: 'strategy' }, { role: 'benchmark' }]);
    expect(colors[1]).toBe(CHART_COLORS.strategy);
    expect(colors[0]).toBe(CHART_COLORS.benchmarks[0]);
    expect(colors[2]).toBe(CHART_COLORS.benchmarks[1]);
    expect(new Set(colors).size).toBe(3);
    // Without roles: first series is the strategy (host charts).
    expect(seriesColors([{}, {}])).toEqual([CHART_COLORS.strategy, CHART_COLORS.benchmarks[0]]);
    expect(CHART_COLORS.benchmarks).not.toContain(CHART_COLORS.strategy);
    expect(seriesColors([{ role: 'strategy', color: '#123456' }])).toEqual(['#123456']);
  });

  it('draws the strategy last so no benchmark hides it', () => {
    expect(drawOrder(['strategy', 'benchmark', 'benchmark'])).toEqual([1, 2, 0]);
    expect(drawOrder(['benchmark', 'strategy'])).toEqual([0, 1]);
    expect(drawOrder(['asset', 'asset', 'other'])).toEqual([0, 1, 2]);
  });

  it('centres the correlation scale on 0: red negative, near-white zero, blue positive', () => {
    expect(heatmapColor('diverging', 0, 1)).toBe('#f7f7f7');
    expect(heatmapColor('diverging', -1, 1)).toBe('#b2182b');
    expect(heatmapColor('diverging', 1, 1)).toBe('#2166ac');
    expect(heatmapColor('diverging', 5, 1)).toBe('#2166ac');
    const [r, , b] = hexToRgb(heatmapColor('diverging', -0.5, 1));
    expect(r).toBeGreaterThan(b);
  });

  it('colours monthly losses red and gains green on a scale symmetric around 0', () => {
    const loss = hexToRgb(heatmapColor('returns', -0.05, 0.1));
    const gain = hexToRgb(heatmapColor('returns', 0.05, 0.1));
    expect(loss[0]).toBeGreaterThan(loss[1]);
    expect(gain[1]).toBeGreaterThan(gain[0]);
    expect(heatmapColor('returns', 0, 0.1)).toBe('#f7f7f7');
    // One extreme month does not set the scale: the 95th percentile of |r| does.
    const months = [...Array.from({ length: 99 }, (_, i) => (i % 2 ? 1 : -1) * 0.01 * (1 + (i % 5))), 3];
    expect(heatmapLimit('returns', months)).toBeCloseTo(0.05, 10);
    expect(heatmapLimit('diverging', [0.2, -0.3])).toBe(1);
    expect(heatmapLimit('returns', [null, null])).toBe(1);
  });

  it('picks readable text on dark and light cells and round-trips hex', () => {
    expect(textColorOn('#2166ac')).toBe('#ffffff');
    expect(textColorOn('#f7f7f7')).toBe(CHART_COLORS.text);
    expect(rgbToHex(hexToRgb('#0a5fa8'))).toBe('#0a5fa8');
  });
});

describe('chart number formats', () => {
  it('formats ticks per format with the decimals that tell them apart', () => {
    expect(formatTick(-0.05, 'percent', 0.05)).toBe('-5%');
    expect(formatTick(0.125, 'percent', 0.005)).toBe('12.5%');
    expect(formatTick(12_000, 'currency', 2_000)).toBe('12,000');
    expect(formatTick(0.5, 'number', 0.25)).toBe('0.50');
    expect(formatTick(2_500_000, 'currency', 500_000)).toBe('2.5M');
    expect(formatTick(-0, 'percent', 0.1)).toBe('0%');
  });

  it('formats hover and cell values like the screen tables, never -0', () => {
    expect(formatChartValue(-0.123456, 'percent')).toBe('-12.35%');
    expect(formatChartValue(12345.678, 'currency')).toBe('12,345.68');
    expect(formatChartValue(-0.0001, 'number')).toBe('0.00');
    expect(formatChartValue(null, 'number')).toBe('');
    expect(formatCellValue(0.0432, 'percent')).toBe('4.3%');
    expect(formatCellValue(0.8512, 'number')).toBe('0.85');
  });

  it('names the currency in money axis titles once', () => {
    expect(axisTitle('Value', 'currency', 'USD')).toBe('Value (USD)');
    expect(axisTitle('Value (USD)', 'currency', 'USD')).toBe('Value (USD)');
    expect(axisTitle('Drawdown', 'percent', 'USD')).toBe('Drawdown');
  });

  it('shortens long category labels with an ellipsis', () => {
    expect(abbreviate('Short', 14)).toBe('Short');
    expect(abbreviate('A very long asset name', 10)).toBe('A very lo…');
    expect([...abbreviate('Биткоин-фонд широкого рынка', 8)]).toHaveLength(8);
  });
});

describe('chart axis scales', () => {
  it('covers the range with nice linear steps', () => {
    expect(niceTicks(0.013, 0.087, 5)).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1]);
    const ticks = niceTicks(9_500, 18_200, 5);
    expect(ticks[0]).toBeLessThanOrEqual(9_500);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(18_200);
    expect(niceTicks(3, 3).length).toBeGreaterThan(1);
  });

  it('puts log ticks on 1-2-5 steps inside the range', () => {
    expect(logTicks(8_000, 120_000)).toEqual([10_000, 20_000, 50_000, 100_000]);
    expect(logTicks(1, 1e6)).toEqual([1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]);
    const narrow = logTicks(9_000, 14_000);
    expect(narrow.length).toBeGreaterThanOrEqual(2);
    for (const t of narrow) expect(t >= 9_000 && t <= 14_000).toBe(true);
  });

  it('plans a log axis only for positive data, a linear one from nice ticks otherwise', () => {
    const log = valueAxis([10_000, 95_000], 'currency', 'log');
    expect(log.scale).toBe('log');
    expect(log.min).toBeLessThan(10_000);
    expect(log.max).toBeGreaterThan(95_000);
    expect(log.ticks.map((t) => t.label)).toEqual(['10,000', '20,000', '50,000', '100,000']);
    expect(valueAxis([-5, 10], 'number', 'log').scale).toBe('linear');
    const area = valueAxis([-0.42, -0.01], 'percent', 'linear', { includeZero: true });
    expect(area.max).toBe(0);
    expect(area.min).toBeLessThanOrEqual(-0.42);
    expect(valueAxis([0.2, 0.3], 'percent', 'linear', { fixed: [0, 1] })).toMatchObject({ min: 0, max: 1 });
  });

  it('defaults to a log scale only when the data span more than 3×', () => {
    expect(prefersLogScale([10_000, 29_000, null])).toBe(false);
    expect(prefersLogScale([10_000, 31_000])).toBe(true);
    expect(prefersLogScale([10_000, 2_000])).toBe(true);
    expect(prefersLogScale([10_000, 0, 50_000])).toBe(false);
    expect(prefersLogScale([])).toBe(false);
  });

  it('puts date ticks on month or year starts within the range, at most the asked number', () => {
    const first = parseIsoDay('2020-01-15') ?? 0;
    const last = parseIsoDay('2024-12-31') ?? 0;
    for (const max of [3, 5, 7, 12, 30]) {
      const plan = dateTicks(first, last, max);
      expect(plan.ticks.length).toBeLessThanOrEqual(max);
      expect(plan.ticks.length).toBeGreaterThanOrEqual(2);
      for (const t of plan.ticks) expect(t.day >= first && t.day <= last).toBe(true);
    }
    expect(dateTicks(first, last, 7).ticks.map((t) => t.label)).toEqual(['2021', '2022', '2023', '2024']);
    const months = dateTicks(first, last, 12);
    expect(months.labelKind).toBe('month');
    expect(months.ticks[0]?.label).toBe('Jul 2020');
    const short = dateTicks(parseIsoDay('2024-01-01') ?? 0, parseIsoDay('2024-01-20') ?? 0, 4);
    expect(short.labelKind).toBe('day');
    expect(short.ticks[0]?.label).toBe('2024-01-01');
  });

  it('reads and labels the years 0001–0099 as themselves (not 1901–1999)', () => {
    expect(parseIsoDay('0050-03-01')).toBe(dayNumberFromCivil(50, 3, 1));
    expect(formatIsoDay(dayNumberFromCivil(50, 3, 1))).toBe('0050-03-01');
    expect(formatIsoDay(dayNumberFromCivil(1, 1, 1))).toBe('0001-01-01');
    const plan = dateTicks(parseIsoDay('0050-01-15') ?? 0, parseIsoDay('0053-12-31') ?? 0, 4);
    expect(plan.ticks.map((t) => t.label)).toEqual(['0051', '0052', '0053']);
    expect(plan.ticks.map((t) => formatIsoDay(t.day))).toEqual(['0051-01-01', '0052-01-01', '0053-01-01']);
    expect(dateTicks(parseIsoDay('0050-01-15') ?? 0, parseIsoDay('0053-12-31') ?? 0, 7).ticks.map((t) => t.label)).toContain('Jan 0051');
    expect(dateTicks(parseIsoDay('0099-10-01') ?? 0, parseIsoDay('0100-03-31') ?? 0, 7).ticks[0]?.label).toBe('Oct 0099');
  });
});
