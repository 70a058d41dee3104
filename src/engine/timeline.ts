/**
 * The market a run sees: the shared timeline from day 0, and for every used asset its
 * carried-forward local price, the carried-forward FX rate and the base-currency price, built
 * once so the daily loop never converts again (../shared/spec/backtest.md, Timeline).
 */
import type Decimal from 'decimal.js';
import { BackfolioError, listWithCount } from '../errors';
import { countDaysBetween, isWeekend } from './calendar';
import { buildFxSeries, formatPair, type FxSeries } from './currency';
import { POW10, readDigits, SAFE_LIMIT } from './decimal';
import type { AssetPrices, FxData, IsoDate, PriceData, PricePoint, RunConfig, RunWarning, StrategySpec } from './types';

/** One used asset on the timeline (index = day from day 0). */
export interface MarketAsset {
  symbol: string;
  /** Resolved currency (the base currency when the file had none). */
  currency: string;
  localPrices: Decimal[];
  basePrices: Decimal[];
  /** `basePrices` as float64, for statistics only. */
  basePriceFloats: Float64Array;
  /** `logReturns[t] = ln(p_t / p_{t−1})` of base prices for t ≥ 1; `logReturns[0]` is 0 (unused). */
  logReturns: Float64Array;
  /**
   * Base prices × 10^`Market.priceScale` as exact integers (each below 2^53), or `null` when the
   * scale is too large or a price has too many digits.
   */
  scaledPrices: Float64Array | null;
}

/** The timeline and the used assets' prices from day 0. */
export interface Market {
  dates: IsoDate[];
  firstTimelineDate: IsoDate;
  assets: MarketAsset[];
  /** symbol → index in `assets`. */
  indexOf: Map<string, number>;
  /**
   * Most decimal places of any base price, when at most `MAX_PRICE_SCALE` (prices as read from a
   * file); `null` otherwise (e.g. converted with an inverse FX rate, 64 digits).
   */
  priceScale: number | null;
  warnings: RunWarning[];
}

/** Symbols a strategy trades, in its configuration order. */
export function listStrategyAssets(strategy: StrategySpec): string[] {
  return strategy.type === 'fixed' ? strategy.weights.map((w) => w.symbol) : [...strategy.assets];
}

/** Every asset used by the strategy or a benchmark: the strategy's first, then new ones in order. */
export function listUsedAssets(config: RunConfig): string[] {
  const seen = new Set<string>();
  for (const symbol of listStrategyAssets(config.strategy)) seen.add(symbol);
  for (const benchmark of config.benchmarks) {
    for (const symbol of listStrategyAssets(benchmark.strategy)) seen.add(symbol);
  }
  return [...seen];
}

/**
 * Builds the market for a run: checks every used asset is in the price file and has a price in
 * `[start_date, end_date]`, builds the timeline, finds day 0 (every asset priced and convertible)
 * and trims everything before it.
 */
export function buildMarket(config: RunConfig, prices: PriceData, fx: FxData | undefined): Market {
  const symbols = listUsedAssets(config);
  const sources = findAssetSources(symbols, prices);
  for (const source of sources) checkAssetHasData(source, config);
  const base = config.base_currency.toUpperCase();
  const fxByCurrency = new Map<string, FxSeries>();
  for (const source of sources) {
    const currency = resolveCurrency(source, base);
    if (currency !== base && !fxByCurrency.has(currency)) {
      fxByCurrency.set(currency, buildFxSeries(fx, currency, base, source.symbol));
    }
  }
  const aligned = findAlignedRanges(sources, config);
  const timeline = aligned?.dates ?? collectTimelineDates(sources, config);
  if (timeline.length === 0) {
    throw new BackfolioError('NO_TIMELINE', `No asset has a price between ${config.start_date} and ${config.end_date}.`);
  }
  // Carried-forward values on every timeline date, one flat pass per asset and per currency.
  const locals = sources.map((source, i) =>
    aligned
      ? readAlignedPrices(source, aligned.starts[i] as number, timeline.length)
      : carryAlong(timeline, source.points.map((p) => p.date), (k) => (source.points[k] as PricePoint).price),
  );
  const ratesByCurrency = new Map<string, (Decimal | null)[]>();
  for (const [currency, series] of fxByCurrency) ratesByCurrency.set(currency, carryAlong(timeline, series.dates, (i) => series.rates[i] as Decimal));
  const currencies = sources.map((source) => resolveCurrency(source, base));
  const rates = currencies.map((currency) => (currency === base ? null : (ratesByCurrency.get(currency) as (Decimal | null)[])));

  // Carried forward, a price (or rate) once known stays known: day 0 is the latest first date.
  let day0Index = 0;
  sources.forEach((_, i) => {
    const first = findFirstKnown(locals[i] as (Decimal | null)[], rates[i] ?? null);
    day0Index = first < 0 || day0Index < 0 ? -1 : Math.max(day0Index, first);
  });
  // (Day 0 on the first date, the usual case, needs no copies.)
  const fromDay0 = <T,>(series: T[]): T[] => (day0Index === 0 ? series : series.slice(day0Index));
  const dates: IsoDate[] = day0Index < 0 ? [] : fromDay0(timeline);
  const assets: MarketAsset[] = sources.map((source, i) => new MarketAssetSeries(source.symbol, currencies[i] as string));
  if (day0Index >= 0) {
    assets.forEach((asset, i) => {
      const assetRates = rates[i];
      fillPrices(asset, fromDay0(locals[i] as (Decimal | null)[]), assetRates === null || assetRates === undefined ? null : fromDay0(assetRates));
      if (asset.localPrices !== asset.basePrices) checkConvertedPrices(asset, dates, base);
    });
  }
  if (dates.length === 0) throw explainMissingDay0(config, sources, fxByCurrency, base);
  const priceScale = fillDerivedSeries(assets);
  const firstTimelineDate = timeline[0] as IsoDate;
  const warnings: RunWarning[] = [];
  const day0 = dates[0] as IsoDate;
  if (day0 > config.start_date) {
    warnings.push({
      code: 'LATE_DAY0',
      message:
        `Day 0 is ${day0}, later than start_date ${config.start_date}: the first date on which every asset ` +
        `has a price${fxByCurrency.size > 0 ? ' and an FX rate' : ''} (${listWithCount(symbols, 'asset', 5, 'colon')})${describeLateAssets(sources, locals, day0Index)}.`,
    });
  }
  return { dates, firstTimelineDate, assets, indexOf: new Map(assets.map((a, i) => [a.symbol, i])), priceScale, warnings };
}

/**
 * periods_per_year inferred from the timeline (from day 0): median gap ≥ 28 days → 12, ≥ 7 → 52,
 * otherwise 365 when any date is a Saturday or Sunday, else 252. A timeline of one date → 252.
 */
export function inferPeriodsPerYear(dates: IsoDate[]): { value: number; medianGap: number | null } {
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) gaps.push(countDaysBetween(dates[i - 1] as IsoDate, dates[i] as IsoDate));
  const medianGap = computeMedian(gaps);
  if (medianGap !== null && medianGap >= 28) return { value: 12, medianGap };
  if (medianGap !== null && medianGap >= 7) return { value: 52, medianGap };
  return { value: dates.some(isWeekend) ? 365 : 252, medianGap };
}

function computeMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  // An even count takes the mean of the two middle values.
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The last value on or before each timeline date (`null` before the first), from a sorted dated series. */
/**
 * The value known on each timeline date (the last one on or before it). Values are read through
 * `valueAt` only for the points a timeline date actually uses, so a long price file whose points
 * build their Decimal on read (src/data/prices.ts) pays only for the dates in the run.
 */
function carryAlong<T>(timeline: IsoDate[], dates: IsoDate[], valueAt: (index: number) => T): (T | null)[] {
  const out = new Array<T | null>(timeline.length);
  let next = 0;
  let currentIndex = -1;
  let current: T | null = null;
  for (let t = 0; t < timeline.length; t++) {
    const date = timeline[t] as IsoDate;
    while (next < dates.length && (dates[next] as IsoDate) <= date) next++;
    if (next - 1 !== currentIndex) {
      currentIndex = next - 1;
      current = valueAt(currentIndex);
    }
    out[t] = current;
  }
  return out;
}

function findAssetSources(symbols: string[], prices: PriceData): AssetPrices[] {
  const bySymbol = new Map(prices.assets.map((asset) => [asset.symbol, asset]));
  const missing = symbols.filter((symbol) => !bySymbol.has(symbol));
  if (missing.length > 0) {
    const available = prices.assets.length === 0 ? '(none)' : listWithCount(prices.assets.map((a) => a.symbol), 'symbol', 10);
    const names = listWithCount(missing.map((s) => `"${s}"`), 'asset', 10);
    throw new BackfolioError(
      'INPUT_MISMATCH',
      `${names} of the configuration ${missing.length === 1 ? 'is' : 'are'} not in the price file; the file has ${available}.`,
      { issues: missing.map((symbol) => ({ path: `asset ${symbol}`, value: symbol, expected: `a symbol of the price file: ${available}` })) },
    );
  }
  return symbols.map((symbol) => sortPoints(bySymbol.get(symbol) as AssetPrices));
}

function sortPoints(asset: AssetPrices): AssetPrices {
  const { points } = asset;
  let sorted = true;
  for (let i = 1; i < points.length && sorted; i++) sorted = (points[i - 1] as { date: IsoDate }).date < (points[i] as { date: IsoDate }).date;
  return sorted ? asset : { ...asset, points: [...asset.points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) };
}

function checkAssetHasData(source: AssetPrices, config: RunConfig): void {
  const inRange = source.points.some((p) => p.date >= config.start_date && p.date <= config.end_date);
  if (inRange) return;
  const first = source.points[0];
  const last = source.points[source.points.length - 1];
  const range = `${config.start_date} and ${config.end_date}`;
  const detail =
    first === undefined || last === undefined
      ? 'the price file has no prices for it at all'
      : `its first available date is ${first.date}${last.date < config.start_date ? ` and its last ${last.date}` : ''}`;
  throw new BackfolioError('ASSET_NO_DATA', `Asset "${source.symbol}" has no price between ${range}: ${detail}.`, {
    issues: [{ path: `asset ${source.symbol}`, value: first?.date, expected: `a price between ${range}` }],
  });
}

function resolveCurrency(source: AssetPrices, base: string): string {
  return source.currency === null ? base : source.currency.toUpperCase();
}

/**
 * The common case, found without building a set of dates: every source has a point on the same
 * dates of `[start_date, end_date]` (one file, one row per date), strictly increasing. Returns
 * those dates and where each source's range starts, or `null` when the sources differ.
 */
function findAlignedRanges(sources: AssetPrices[], config: RunConfig): { dates: IsoDate[]; starts: number[] } | null {
  const first = sources[0];
  if (first === undefined) return null;
  const starts: number[] = [];
  let length = -1;
  for (const source of sources) {
    const start = findFirstOnOrAfter(source.points, config.start_date);
    const end = findFirstOnOrAfter(source.points, config.end_date, true);
    if (length < 0) length = end - start;
    else if (end - start !== length) return null;
    starts.push(start);
  }
  const base = starts[0] as number;
  const dates = new Array<IsoDate>(length);
  for (let k = 0; k < length; k++) {
    const date = (first.points[base + k] as PricePoint).date;
    if (k > 0 && !((dates[k - 1] as IsoDate) < date)) return null;
    dates[k] = date;
  }
  // One source at a time, in order: sequential reads.
  for (let i = 1; i < sources.length; i++) {
    const points = (sources[i] as AssetPrices).points;
    const start = starts[i] as number;
    for (let k = 0; k < length; k++) if ((points[start + k] as PricePoint).date !== dates[k]) return null;
  }
  return { dates, starts };
}

/** Index of the first point dated on or after `date` (after it when `after`), in sorted points. */
function findFirstOnOrAfter(points: PricePoint[], date: IsoDate, after = false): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const d = (points[mid] as PricePoint).date;
    if (after ? d <= date : d < date) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The prices of `count` consecutive points from `start` (each read once). */
function readAlignedPrices(source: AssetPrices, start: number, count: number): Decimal[] {
  const out = new Array<Decimal>(count);
  for (let k = 0; k < count; k++) out[k] = (source.points[start + k] as PricePoint).price;
  return out;
}

function collectTimelineDates(sources: AssetPrices[], config: RunConfig): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const source of sources) {
    for (const point of source.points) {
      if (point.date >= config.start_date && point.date <= config.end_date) dates.add(point.date);
    }
  }
  return [...dates].sort();
}

function findFirstKnown(locals: (Decimal | null)[], rates: (Decimal | null)[] | null): number {
  for (let t = 0; t < locals.length; t++) {
    if (locals[t] !== null && (rates === null || rates[t] !== null)) return t;
  }
  return -1;
}

/** Local and base prices from day 0; a day with the same price and rate as the day before reuses the product (no new Decimal). */
function fillPrices(asset: MarketAsset, locals: (Decimal | null)[], rates: (Decimal | null)[] | null): void {
  const localPrices = locals as Decimal[];
  asset.localPrices = localPrices;
  if (rates === null) {
    asset.basePrices = localPrices;
    return;
  }
  const basePrices: Decimal[] = new Array<Decimal>(localPrices.length);
  for (let t = 0; t < localPrices.length; t++) {
    const local = localPrices[t] as Decimal;
    const rate = rates[t] as Decimal;
    const reuse = t > 0 && local === localPrices[t - 1] && rate === rates[t - 1];
    basePrices[t] = reuse ? (basePrices[t - 1] as Decimal) : local.mul(rate);
  }
  asset.basePrices = basePrices;
}

/** Base-currency prices must stay where float64 statistics hold them, as file prices do (src/data/csv-utils.ts). */
export const MIN_BASE_PRICE = '1e-300';
export const MAX_BASE_PRICE = '1e300';

/**
 * Refuses a foreign asset whose converted price leaves 1e-300 … 1e300: a price and an FX rate
 * each inside that range can multiply to 1e-600, which float64 reads as 0 (log returns become
 * −Infinity). Names the asset, the date, the price, the rate and the product.
 */
function checkConvertedPrices(asset: MarketAsset, dates: IsoDate[], base: string): void {
  let previous: Decimal | undefined;
  for (let t = 0; t < asset.basePrices.length; t++) {
    const price = asset.basePrices[t] as Decimal;
    if (price === previous) continue;
    previous = price;
    if (price.gte(MIN_BASE_PRICE) && price.lte(MAX_BASE_PRICE)) continue;
    const local = asset.localPrices[t] as Decimal;
    const rate = price.div(local);
    const shown = price.toExponential(3);
    throw new BackfolioError(
      'FX_INVALID',
      `Asset "${asset.symbol}" on ${dates[t] ?? ''}: price ${local.toString()} ${asset.currency} × ${formatPair(asset.currency, base)} rate ${rate.toSignificantDigits(6).toString()} ` +
        `= ${shown} ${base}, outside ${MIN_BASE_PRICE} … ${MAX_BASE_PRICE} in the base currency; check the FX file's direction and units.`,
      { issues: [{ path: `asset ${asset.symbol}, ${dates[t] ?? ''}`, value: shown, expected: `a price in ${base} from ${MIN_BASE_PRICE} to ${MAX_BASE_PRICE}` }] },
    );
  }
}

/** Prices with more decimals than this are valued with Decimal only (no integer fast path). */
export const MAX_PRICE_SCALE = 12;

/**
 * Fills every asset's float copies and (when the price scale allows) exact scaled integers,
 * reading each distinct price's digits once; returns the price scale (see `Market`).
 */
function fillDerivedSeries(assets: MarketAsset[]): number | null {
  const digits = new Float64Array(2);
  // Per asset: each price's digits as an integer (NaN when not exact) and its decimal places.
  const mantissas: Float64Array[] = [];
  const places: Uint8Array[] = [];
  let scale = 0;
  for (const asset of assets) {
    const n = asset.basePrices.length;
    const floats = new Float64Array(n);
    const mantissa = new Float64Array(n);
    const place = new Uint8Array(n);
    let previous: Decimal | undefined;
    for (let t = 0; t < n; t++) {
      const base = asset.basePrices[t] as Decimal;
      if (base === previous) {
        // A carried-forward price is the same object as the day before: nothing new to read.
        floats[t] = floats[t - 1] as number;
        mantissa[t] = mantissa[t - 1] as number;
        place[t] = place[t - 1] as number;
        continue;
      }
      previous = base;
      readDigits(base, digits);
      const decimals = digits[1] as number;
      const units = digits[0] as number;
      if (decimals > scale) scale = decimals;
      // digits / 10^decimals is one correctly rounded division, the same double as Number(text).
      const exact = decimals <= MAX_PRICE_SCALE && !Number.isNaN(units);
      floats[t] = exact ? units / (POW10[decimals] as number) : base.toNumber();
      mantissa[t] = exact ? units : Number.NaN;
      place[t] = exact ? decimals : 0;
    }
    asset.basePriceFloats = floats;
    mantissas.push(mantissa);
    places.push(place);
  }
  if (scale > MAX_PRICE_SCALE) return null;
  assets.forEach((asset, a) => {
    // The mantissas become the scaled prices in place.
    const scaled = mantissas[a] as Float64Array;
    const place = places[a] as Uint8Array;
    for (let t = 0; t < scaled.length; t++) {
      const units = (scaled[t] as number) * (POW10[scale - (place[t] as number)] as number);
      // NaN or beyond 2^53: this asset has no exact integer prices at this scale.
      if (!(units < SAFE_LIMIT)) return;
      scaled[t] = units;
    }
    asset.scaledPrices = scaled;
  });
  return scale;
}

/**
 * A `MarketAsset` whose log returns are computed from `basePriceFloats` when first read (only
 * volatility strategies read them), then kept. One class, so every asset has the same shape.
 */
class MarketAssetSeries implements MarketAsset {
  localPrices: Decimal[] = [];
  basePrices: Decimal[] = [];
  basePriceFloats = new Float64Array(0);
  scaledPrices: Float64Array | null = null;
  private logs: Float64Array | null = null;

  constructor(
    readonly symbol: string,
    readonly currency: string,
  ) {}

  get logReturns(): Float64Array {
    if (this.logs === null || this.logs.length !== this.basePriceFloats.length) {
      const floats = this.basePriceFloats;
      const logs = new Float64Array(floats.length);
      for (let t = 1; t < floats.length; t++) logs[t] = Math.log((floats[t] as number) / (floats[t - 1] as number));
      this.logs = logs;
    }
    return this.logs;
  }

  set logReturns(logs: Float64Array) {
    this.logs = logs;
  }
}

/**
 * `text × 10^scale` as an integer, from plain decimal text with at most `scale` decimals
 * (`"12.5"`, scale 3 → 12500n). Cheaper than asking decimal.js to round to `scale` places.
 */
export function parseScaledInteger(text: string, scale: number): bigint {
  const point = text.indexOf('.');
  if (point < 0) return BigInt(scale === 0 ? text : text + '0'.repeat(scale));
  const decimals = text.length - point - 1;
  return BigInt(text.slice(0, point) + text.slice(point + 1) + '0'.repeat(scale - decimals));
}

/** ` (the last to start: BBB on 2024-03-01)`: which asset made day 0 late. */
function describeLateAssets(sources: AssetPrices[], locals: (Decimal | null)[][], day0Index: number): string {
  const late = sources.filter((_, i) => (locals[i]?.[day0Index - 1] ?? null) === null).map((s) => s.symbol);
  if (late.length === 0 || late.length === sources.length) return '';
  return `; priced only from then on: ${listWithCount(late, 'asset')}`;
}

function explainMissingDay0(config: RunConfig, sources: AssetPrices[], fx: Map<string, FxSeries>, base: string): BackfolioError {
  for (const [currency, series] of fx) {
    const first = series.dates[0] as IsoDate;
    if (first > config.end_date) {
      const users = sources.filter((s) => resolveCurrency(s, base) === currency).map((s) => s.symbol);
      return new BackfolioError(
        'FX_MISSING_PAIR',
        `No FX rate for ${formatPair(currency, base)} on or before end_date ${config.end_date} (first rate on ${first}; needed by ${listWithCount(users, 'asset')}).`,
      );
    }
  }
  return new BackfolioError(
    'NO_TIMELINE',
    `No date between ${config.start_date} and ${config.end_date} has a price for every asset (${listWithCount(sources.map((s) => s.symbol), 'asset')}).`,
  );
}
