/**
 * Property tests: whatever quoting, spacing, line ends and row order a valid file uses, parsing
 * gives back exactly the prices written; and no text makes the parsers throw anything but a
 * BackfolioError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFxCsv } from '../../src/data/fx';
import { parsePriceCsv } from '../../src/data/prices';
import { BackfolioError } from '../../src/errors';

const RESERVED = new Set(['date', 'symbol', 'price', 'currency']);

const symbolArb = fc
  .stringMatching(/^[A-Za-z0-9 .\-_/&é,"]{1,8}$/)
  .map((s) => s.trim())
  .filter((s) => s !== '' && !RESERVED.has(s.toLowerCase()));

const priceArb = fc
  .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 10 }))
  .map(([digits, scale]) => {
    const text = String(digits).padStart(scale + 1, '0');
    return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  });

const dateArb = fc.integer({ min: 0, max: 20_000 }).map((day) => new Date(Date.UTC(1990, 0, 1) + day * 86_400_000).toISOString().slice(0, 10));

/** Quotes a field when it must be, and sometimes when it need not; pads with spaces sometimes. */
const writeField = (text: string, quote: boolean, pad: boolean): string => {
  const needs = /[",\r\n]/.test(text);
  const body = needs || quote ? `"${text.replace(/"/g, '""')}"` : text;
  // Padding outside quotes is tolerated, except around a separator (the field is split first).
  return pad && !/[,\r\n]/.test(text) ? ` ${body} ` : body;
};

const styleArb = fc.record({ crlf: fc.boolean(), quote: fc.boolean(), pad: fc.boolean(), bom: fc.boolean(), blankLines: fc.boolean() });

describe('parsePriceCsv properties', () => {
  it('wide form: any valid table round-trips exactly', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(symbolArb, { minLength: 1, maxLength: 5, selector: (s) => s }),
        fc.uniqueArray(dateArb, { minLength: 1, maxLength: 15 }),
        styleArb,
        fc.infiniteStream(fc.option(priceArb, { freq: 4 })),
        (symbols, dates, style, cells) => {
          const eol = style.crlf ? '\r\n' : '\n';
          const table = dates.map((date) => ({ date, prices: symbols.map(() => cells.next().value as string | null) }));
          const lines = [['date', ...symbols].map((f) => writeField(f, style.quote, style.pad)).join(',')];
          for (const row of table) lines.push([row.date, ...row.prices.map((p) => p ?? '')].map((f) => writeField(f, style.quote, style.pad && f !== '')).join(','));
          const text = `${style.bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}${style.blankLines ? `${eol}  ${eol}` : ''}`;
          const data = parsePriceCsv(text);
          expect(data.form).toBe('wide');
          expect(data.assets.map((a) => a.symbol)).toEqual(symbols);
          const sorted = [...table].sort((a, b) => (a.date < b.date ? -1 : 1));
          symbols.forEach((_, k) => {
            const expected = sorted.flatMap((row) => (row.prices[k] === null ? [] : [`${row.date}=${row.prices[k]}`]));
            const actual = data.assets[k]?.points.map((p) => `${p.date}=${p.price.toFixed()}`);
            expect(actual).toEqual(expected.map((e) => e.replace(/=(.*)$/, (_m, v: string) => `=${normalise(v)}`)));
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('long form: shuffled rows give the same series, sorted, first-seen symbol order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(symbolArb, dateArb), { minLength: 1, maxLength: 30, selector: ([s, d]) => `${s}|${d}` }),
        fc.infiniteStream(priceArb),
        styleArb,
        (pairs, prices, style) => {
          const rows = pairs.map(([symbol, date]) => ({ symbol, date, price: prices.next().value as string }));
          const eol = style.crlf ? '\r\n' : '\n';
          const text = ['Date,Symbol,Price', ...rows.map((r) => [r.date, r.symbol, r.price].map((f) => writeField(f, style.quote, style.pad)).join(','))].join(eol);
          const data = parsePriceCsv(text);
          expect(data.form).toBe('long');
          expect(data.assets.map((a) => a.symbol)).toEqual([...new Set(rows.map((r) => r.symbol))]);
          for (const asset of data.assets) {
            const expected = rows
              .filter((r) => r.symbol === asset.symbol)
              .sort((a, b) => (a.date < b.date ? -1 : 1))
              .map((r) => `${r.date}=${normalise(r.price)}`);
            expect(asset.points.map((p) => `${p.date}=${p.price.toFixed()}`)).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws anything but a BackfolioError, whatever the text', () => {
    const fragments = fc.constantFrom('date', 'symbol', 'price', 'currency', ',', ';', '"', '\n', '\r\n', '\r', ' ', '2024-01-01', '1.5', '-1', 'x', '', '\uFEFF', 'EUR', 'from_currency', 'to_currency', 'rate');
    const textArb = fc.oneof(fc.string({ maxLength: 60 }), fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(textArb, (text) => {
        for (const parse of [parsePriceCsv, parseFxCsv]) {
          try {
            parse(text);
          } catch (error) {
            expect(error).toBeInstanceOf(BackfolioError);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

/** The canonical text decimal.js gives for a plain decimal (`007.50` → `7.5`). */
function normalise(text: string): string {
  const [int = '', frac = ''] = text.split('.');
  const i = int.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  return f === '' ? i : `${i}.${f}`;
}
