/**
 * Deterministic synthetic prices for examples, tests and benchmarks: a correlated GBM-like
 * random walk driven by a seeded PRNG. Only +, −, ×, ÷, `Math.sqrt` and `toFixed` are used
 * (all exactly specified by IEEE 754 / ECMAScript), never `Math.exp`/`Math.log`/`Math.cos`,
 * whose last bit may differ between JavaScript engines; so the same seed gives byte-identical
 * CSV text in Node, Chrome, Firefox and Safari, and its SHA-256 is stable.
 */
import type { AssetPrices, IsoDate, PriceData } from '../../engine/types';
import { toDec } from '../../engine/decimal';

/** One synthetic asset: its symbol, first price, annualized drift and volatility. */
export interface SyntheticAsset {
  symbol: string;
  startPrice: number;
  /** Annual drift, e.g. 0.3 = +30 % a year in expectation. */
  drift: number;
  /** Annual volatility, e.g. 0.8. */
  volatility: number;
  /** Loading on the common market factor in [−1, 1]; pairwise correlation ≈ product of loadings. */
  marketLoading: number;
}

export interface SyntheticOptions {
  /** A number of generated assets (`A01`, `A02`…) or the assets themselves. */
  assets: number | SyntheticAsset[];
  start: IsoDate;
  end: IsoDate;
  /** `daily`: every calendar day (crypto); `business`: Monday to Friday. */
  calendar: 'business' | 'daily';
  seed: number;
  /** Significant digits written per price (default 6). */
  significantDigits?: number;
}

export interface SyntheticPrices {
  /** Wide-form CSV (`date,<SYMBOL>…`), LF line ends, trailing newline. */
  csv: string;
  /** The same prices, as `parsePriceCsv(csv)` would return them. */
  prices: PriceData;
}

/**
 * Generates a deterministic price history.
 *
 * @example
 * const { csv, prices } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: '2024-12-31', calendar: 'business', seed: 7 });
 */
export function generateSyntheticPrices(options: SyntheticOptions): SyntheticPrices {
  const assets = typeof options.assets === 'number' ? defaultAssets(options.assets, options.seed) : options.assets;
  const digits = options.significantDigits ?? 6;
  const dates = listDates(options.start, options.end, options.calendar);
  const periodsPerYear = options.calendar === 'daily' ? 365 : 252;
  const dt = 1 / periodsPerYear;
  const sqrtDt = Math.sqrt(dt);
  const random = mulberry32(options.seed);
  const level = assets.map((a) => a.startPrice);
  const columns: string[][] = assets.map(() => []);
  const lines: string[] = [['date', ...assets.map((a) => a.symbol)].join(',')];
  dates.forEach((date, day) => {
    if (day > 0) {
      const market = standardNormal(random);
      assets.forEach((asset, i) => {
        const loading = asset.marketLoading;
        const z = loading * market + Math.sqrt(1 - loading * loading) * standardNormal(random);
        // Multiplicative step 1 + μdt + σ√dt·z: GBM to first order; z is bounded (|z| ≤ 6) and the
        // factor is floored, so a price can never reach 0.
        const factor = 1 + asset.drift * dt + asset.volatility * sqrtDt * z;
        // The 1e-90 floor keeps the price printable: toFixed stops at 100 decimals.
        level[i] = Math.max((level[i] ?? 1) * Math.max(factor, 0.5), 1e-90);
      });
    }
    const cells = level.map((value) => formatSignificant(value, digits));
    cells.forEach((cell, i) => columns[i]?.push(cell));
    lines.push([date, ...cells].join(','));
  });
  const priceAssets: AssetPrices[] = assets.map((asset, i) => ({
    symbol: asset.symbol,
    currency: null,
    points: dates.map((date, day) => ({ date, price: toDec(columns[i]?.[day] ?? '0') })),
  }));
  return { csv: `${lines.join('\n')}\n`, prices: { assets: priceAssets, form: 'wide' } };
}

/** Mulberry32: a tiny 32-bit PRNG with good statistical quality, exact in every JS engine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Irwin–Hall approximation of N(0, 1): the sum of 12 uniforms minus 6 (bounded to ±6). */
function standardNormal(random: () => number): number {
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += random();
  return sum - 6;
}

function defaultAssets(count: number, seed: number): SyntheticAsset[] {
  const random = mulberry32(seed ^ 0x9e3779b9);
  return Array.from({ length: count }, (_, i) => ({
    symbol: `A${String(i + 1).padStart(2, '0')}`,
    startPrice: 20 + Math.floor(random() * 480),
    drift: 0.02 + random() * 0.1,
    volatility: 0.12 + random() * 0.33,
    marketLoading: 0.3 + random() * 0.5,
  }));
}

/** Every date in [start, end] of the calendar, as ISO strings. */
export function listDates(start: IsoDate, end: IsoDate, calendar: 'business' | 'daily'): IsoDate[] {
  const dates: IsoDate[] = [];
  const last = Date.parse(`${end}T00:00:00Z`);
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= last; t += 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (calendar === 'business' && (weekday === 0 || weekday === 6)) continue;
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/** Writes a positive number with `digits` significant digits, plain notation, zeros trimmed. */
function formatSignificant(value: number, digits: number): string {
  let decimals = digits - 1;
  for (let bound = 1; value >= bound * 10 && decimals > 0; bound *= 10) decimals--;
  for (let bound = 1; value < bound && decimals < 100; bound /= 10) decimals++;
  const text = value.toFixed(Math.min(Math.max(decimals, 2), 100));
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
