import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSyntheticPrices, listDates, mulberry32 } from '../../../src/data/examples/synthetic';
import { parsePriceCsv } from '../../../src/data/prices';

describe('generateSyntheticPrices', () => {
  const options = { assets: 3, start: '2024-01-01', end: '2024-03-31', calendar: 'business', seed: 7 } as const;

  it('is deterministic: same seed, byte-identical CSV; another seed, other prices', () => {
    const a = generateSyntheticPrices(options).csv;
    expect(generateSyntheticPrices(options).csv).toBe(a);
    expect(generateSyntheticPrices({ ...options, seed: 8 }).csv).not.toBe(a);
  });

  it('returns the same PriceData as parsing its own CSV', () => {
    const { csv, prices } = generateSyntheticPrices(options);
    const parsed = parsePriceCsv(csv);
    expect(parsed.assets.map((a) => a.symbol)).toEqual(['A01', 'A02', 'A03']);
    expect(prices.assets.map((a) => a.points.map((p) => `${p.date}=${p.price.toFixed()}`))).toEqual(
      parsed.assets.map((a) => a.points.map((p) => `${p.date}=${p.price.toFixed()}`)),
    );
  });

  it('uses Monday–Friday for business and every day for daily', () => {
    const business = generateSyntheticPrices(options).prices.assets[0]?.points.map((p) => p.date) ?? [];
    expect(business).toHaveLength(65);
    expect(business.every((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toBe(true);
    expect(generateSyntheticPrices({ ...options, calendar: 'daily' }).prices.assets[0]?.points).toHaveLength(91);
  });

  it('keeps prices positive over a long volatile walk and writes no exponent', () => {
    const { csv, prices } = generateSyntheticPrices({
      assets: [{ symbol: 'WILD', startPrice: 0.0001, drift: -0.5, volatility: 2.5, marketLoading: 0 }],
      start: '2000-01-01',
      end: '2009-12-31',
      calendar: 'daily',
      seed: 1,
    });
    expect(prices.assets[0]?.points.every((p) => p.price.gt(0))).toBe(true);
    expect(csv).not.toMatch(/\de[+-]?\d/i);
  });

  it('correlates assets through the market loading', () => {
    const { prices } = generateSyntheticPrices({
      assets: [
        { symbol: 'X', startPrice: 100, drift: 0, volatility: 0.3, marketLoading: 0.95 },
        { symbol: 'Y', startPrice: 100, drift: 0, volatility: 0.3, marketLoading: 0.95 },
        { symbol: 'Z', startPrice: 100, drift: 0, volatility: 0.3, marketLoading: 0 },
      ],
      start: '2020-01-01',
      end: '2023-12-31',
      calendar: 'business',
      seed: 3,
    });
    const returns = prices.assets.map((a) => a.points.slice(1).map((p, i) => p.price.toNumber() / (a.points[i]?.price.toNumber() ?? 1) - 1));
    const corr = (x: number[], y: number[]): number => {
      const mx = x.reduce((s, v) => s + v, 0) / x.length;
      const my = y.reduce((s, v) => s + v, 0) / y.length;
      let sxy = 0, sxx = 0, syy = 0;
      x.forEach((v, i) => { const dy = (y[i] ?? 0) - my; sxy += (v - mx) * dy; sxx += (v - mx) ** 2; syy += dy ** 2; });
      return sxy / Math.sqrt(sxx * syy);
    };
    const [x = [], y = [], z = []] = returns;
    expect(corr(x, y)).toBeGreaterThan(0.8);
    expect(Math.abs(corr(x, z))).toBeLessThan(0.15);
  });

  it('pins the PRNG and the CSV bytes (a change here changes every example hash)', () => {
    const random = mulberry32(42);
    expect([random(), random()]).toEqual([0.6011037519201636, 0.44829055899754167]);
    const csv = generateSyntheticPrices({ assets: 2, start: '2024-01-01', end: '2024-01-10', calendar: 'daily', seed: 42 }).csv;
    expect(createHash('sha256').update(csv).digest('hex')).toBe('c3e3988007351b5e1f635f42262575cfd2ae7ac699878d5d8cdbf22707590c72');
  });
});

describe('listDates', () => {
  it('includes both ends and crosses month and year ends', () => {
    expect(listDates('2023-12-30', '2024-01-02', 'daily')).toEqual(['2023-12-30', '2023-12-31', '2024-01-01', '2024-01-02']);
    expect(listDates('2023-12-29', '2024-01-02', 'business')).toEqual(['2023-12-29', '2024-01-01', '2024-01-02']);
  });
});
