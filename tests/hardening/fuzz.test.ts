/**
 * Property tests with fast-check:
 * - the CSV parsers (and the byte decoder) never throw anything but `BackfolioError`, whatever
 *   the text;
 * - the CSV writer round trip: any text in names and symbols (unicode, separators, quotes,
 *   newlines, formula triggers) survives writing through a host report (`reportFromTables`) and
 *   reading back with papaparse, equal to the original once the injection guard's leading `'` is
 *   removed, which happens exactly when the original starts with a trigger character; numbers
 *   are never altered.
 */
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseFxCsv } from '../../src/data/fx';
import { parsePriceCsv } from '../../src/data/prices';
import { BackfolioError } from '../../src/errors';
import { csvWriter } from '../../src/export/csv/index';
import { decodeCsvBytes } from '../../src/data/decode';
import { reportFromTables } from '../../src/report/host';

/** A run of fast-check that is thorough but stays a few seconds on a shared machine. */
const RUNS = { numRuns: 300, seed: 20261122 };

function onlyBackfolioErrors(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof BackfolioError) return true;
    throw error;
  }
}

/** Text that looks like CSV: fields of awkward characters joined by separators and line ends. */
const csvLikeText = fc
  .array(
    fc.array(
      fc.oneof(
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom('date', 'symbol', 'price', 'currency', 'from_currency', 'to_currency', 'rate', 'AAA', 'USD', 'eur'),
        fc.constantFrom('2024-01-02', '2023-02-30', '0', '-1', '1e400', 'NaN', 'Infinity', '1,5', '"', '""', '"a\nb"', '\ufeff'),
        fc.double().map(String),
      ),
      { maxLength: 6 },
    ),
    { maxLength: 12 },
  )
  .chain((rows) =>
    fc.tuple(fc.constantFrom(',', ';', '\t', '|'), fc.constantFrom('\n', '\r\n', '\r')).map(([sep, end]) =>
      rows.map((fields) => fields.join(sep)).join(end),
    ),
  );

const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), csvLikeText);

describe('parsers never throw anything but BackfolioError', () => {
  it('parsePriceCsv on arbitrary text', () => {
    fc.assert(fc.property(anyText, (text) => onlyBackfolioErrors(() => parsePriceCsv(text))), RUNS);
  });

  it('parsePriceCsv on text behind a valid header', () => {
    const headed = fc.tuple(fc.constantFrom('date,AAA,BBB\n', 'date,symbol,price,currency\n', 'date;X\r\n'), csvLikeText);
    fc.assert(fc.property(headed, ([head, body]) => onlyBackfolioErrors(() => parsePriceCsv(head + body))), RUNS);
  });

  it('parseFxCsv on arbitrary text', () => {
    const headed = fc.tuple(fc.constantFrom('', 'date,from_currency,to_currency,rate\n'), anyText);
    fc.assert(fc.property(headed, ([head, body]) => onlyBackfolioErrors(() => parseFxCsv(head + body))), RUNS);
  });

  it('decodeCsvBytes on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => onlyBackfolioErrors(() => decodeCsvBytes(bytes))), RUNS);
  });
});

// ---------------------------------------------------------------------------------------------
// Writer round trip
// ---------------------------------------------------------------------------------------------

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/** Text with the characters that break naive CSV writers and spreadsheets, often at the start. */
const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1 }),
  fc
    .tuple(
      fc.constantFrom(...TRIGGERS, '', '"', ',', '\n', "'", ' '),
      fc.array(fc.constantFrom('a', 'Ж', '€', '漢', '😀', ',', '"', '\n', '\r\n', ';', '=', ' ', "'", '\t', 'é'), { maxLength: 12 }),
    )
    .map(([first, rest]) => first + rest.join('')),
).filter((text) => text.length > 0);

/**
 * What the writer must produce for a text: the original, with the guard's leading `'` exactly
 * when it starts with a trigger character (so removing that `'` gives back the original).
 */
function guarded(original: string): string {
  return TRIGGERS.some((t) => original.startsWith(t)) ? `'${original}` : original;
}

async function writeAndRead(report: ReturnType<typeof reportFromTables>): Promise<Map<string, string[][]>> {
  const output = await csvWriter.write(report, {});
  const entries = unzipSync(output.bytes);
  const files = new Map<string, string[][]>();
  for (const [name, bytes] of Object.entries(entries)) {
    if (!name.endsWith('.csv')) continue;
    const text = new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
    // Separator and record end given, not guessed: a field holding ';' or a lone '\n' must not fool the guess.
    const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: false });
    expect(parsed.errors).toEqual([]);
    const rows = parsed.data;
    // A trailing line end gives papaparse one empty last record.
    const last = rows[rows.length - 1];
    if (last !== undefined && last.length === 1 && last[0] === '') rows.pop();
    files.set(name, rows);
  }
  return files;
}

describe('CSV writer round trip through a host report', () => {
  it('keeps any text in names, symbols and cells; guards formula triggers; never alters numbers', async () => {
    const rowArb = fc.record({
      label: nastyText,
      amount: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((cents) => cents / 100),
      // `+ 0` turns -0 into 0: files never hold "-0" (format.ts), and -0 is not a different number.
      share: fc.double({ min: -1, max: 1, noNaN: true }).map((x) => Math.round(x * 1e6) / 1e6 + 0),
    });
    const input = fc.record({ symbol: nastyText, title: nastyText, rows: fc.array(rowArb, { minLength: 1, maxLength: 5 }) });
    await fc.assert(
      fc.asyncProperty(input, async ({ symbol, title, rows }) => {
        const report = reportFromTables({
          title,
          tables: [
            {
              id: 'host_table',
              title,
              columns: [
                { key: symbol, label: symbol, type: 'text' },
                { key: 'amount', label: 'Amount', type: 'currency', currency: 'EUR' },
                { key: 'share', label: 'Share', type: 'percent' },
              ],
              rows: rows.map((r) => [r.label, r.amount, r.share]),
            },
          ],
        });
        const files = await writeAndRead(report);
        const table = files.get('host_table.csv');
        expect(table).toBeDefined();
        const [header, ...body] = table ?? [];
        expect(header?.[0]).toBe(guarded(symbol));
        expect(body).toHaveLength(rows.length);
        body.forEach((fields, i) => {
          const original = rows[i];
          if (original === undefined) throw new Error('row count mismatch');
          expect(fields[0]).toBe(guarded(original.label));
          // Numbers are written as numbers (never guarded, even when negative) and read back equal.
          expect(Number(fields[1])).toBe(original.amount);
          expect(fields[1]?.startsWith("'")).toBe(false);
          expect(Number(fields[2])).toBe(original.share);
          expect(fields[2]?.startsWith("'")).toBe(false);
        });
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });
});
