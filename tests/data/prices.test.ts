import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePriceCsv, parsePriceCsvDetailed } from '../../src/data/prices';
import { BackfolioError } from '../../src/errors';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'prices', name), 'utf8');

/** The thrown error, asserting it is a PRICES_INVALID BackfolioError. */
function rejection(text: string): BackfolioError {
  try {
    parsePriceCsv(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BackfolioError);
    expect((error as BackfolioError).code).toBe('PRICES_INVALID');
    return error as BackfolioError;
  }
  throw new Error('expected parsePriceCsv to throw');
}

describe('parsePriceCsv: accepted files', () => {
  it('reads long form with BOM, CRLF, quotes, spaces, lower-case currency and trailing blank lines', () => {
    const data = parsePriceCsv(fixture('long-bom-crlf.csv'));
    expect(data.form).toBe('long');
    expect(data.assets.map((a) => a.symbol)).toEqual(['BTC', 'SAP SE']);
    const [btc, sap] = data.assets;
    expect(btc?.currency).toBe('USD');
    expect(sap?.currency).toBe('EUR');
    expect(btc?.points.map((p) => p.date)).toEqual(['2024-01-02', '2024-01-03']);
    expect(btc?.points[0]?.price.toString()).toBe('42000.12345678');
    expect(btc?.points[1]?.price.toString()).toBe('43000');
  });

  it('keeps prices exact (no float64 on the way)', () => {
    const data = parsePriceCsv('date,X\n2024-01-01,0.1000000000000000055511151231257827\n2024-01-02,12345678901234567890.123456789\n');
    expect(data.assets[0]?.points[0]?.price.toFixed()).toBe('0.1000000000000000055511151231257827');
    expect(data.assets[0]?.points[1]?.price.toFixed()).toBe('12345678901234567890.123456789');
  });

  it('reads wide form: empty cell means no price that day; unsorted dates are sorted with a note', () => {
    const { data, notes } = parsePriceCsvDetailed(fixture('wide-unsorted.csv'));
    expect(data.form).toBe('wide');
    const [btc, eth] = data.assets;
    expect(btc?.points.map((p) => `${p.date}=${p.price.toString()}`)).toEqual(['2024-01-01=42000', '2024-01-03=43000']);
    expect(eth?.points.map((p) => `${p.date}=${p.price.toString()}`)).toEqual(['2024-01-02=2250', '2024-01-03=2300.5']);
    expect(btc?.currency).toBeNull();
    expect(notes.join(' ')).toMatch(/not in ascending order for 2 symbols \(BTC, ETH\); sorted/);
  });

  it('gives no note when dates are already sorted', () => {
    expect(parsePriceCsvDetailed('date,A\n2024-01-01,1\n2024-01-02,2\n').notes).toEqual([]);
  });

  it('keeps symbols as given (trimmed) in first-seen order, case of the header words ignored', () => {
    const data = parsePriceCsv('DATE , SYMBOL,PRICE\n2024-01-01, zeta ,1\n2024-01-01,Alpha,2\n2024-01-02, zeta ,3\n');
    expect(data.assets.map((a) => a.symbol)).toEqual(['zeta', 'Alpha']);
    expect(data.assets[0]?.currency).toBeNull();
  });

  it('accepts a semicolon separator decided from the header', () => {
    const data = parsePriceCsv('date;BTC;ETH\n2024-01-01;42000.5;2300\n');
    expect(data.assets.map((a) => a.points[0]?.price.toString())).toEqual(['42000.5', '2300']);
  });

  it('accepts a tab separator and old Mac CR line ends, counting lines right', () => {
    const data = parsePriceCsv('date\tA\r2024-01-01\t1\r2024-01-02\t2\r');
    expect(data.assets[0]?.points.map((p) => p.price.toString())).toEqual(['1', '2']);
    expect(rejection('date,A\r2024-01-01,1\r\r2024-01-03,x\r').message).toContain('row 4, column A: got "x"');
  });

  it('accepts quoted fields containing the separator and a newline (line numbers still right)', () => {
    const data = parsePriceCsv('date,"A,B",C\n2024-01-01,"1.5","2"\n');
    expect(data.assets.map((a) => a.symbol)).toEqual(['A,B', 'C']);
    const error = rejection('date,symbol,price\n2024-01-01,"multi\nline",1\n2024-01-02,X,bad\n');
    expect(error.message).toContain('row 4, column price: got "bad"');
  });

  it('accepts spaces around quoted fields', () => {
    const data = parsePriceCsv('date, symbol ,price\n2024-01-01, "BTC" , "1.5" \n');
    expect(data.assets[0]?.symbol).toBe('BTC');
    expect(data.assets[0]?.points[0]?.price.toString()).toBe('1.5');
  });

  it('accepts exponent notation and a leading plus sign', () => {
    const data = parsePriceCsv('date,A\n2024-01-01,1e3\n2024-01-02,+2.5\n');
    expect(data.assets[0]?.points.map((p) => p.price.toString())).toEqual(['1000', '2.5']);
  });

  it('keeps a wide column without any price as an asset without points, with a note', () => {
    const { data, notes } = parsePriceCsvDetailed('date,A,B\n2024-01-01,1,\n');
    expect(data.assets[1]).toEqual({ symbol: 'B', currency: null, points: [] });
    expect(notes).toContain('No prices in the file for 1 symbol (B).');
  });
});

describe('parsePriceCsv: rejections name row, column and value', () => {
  it.each([
    ['2023-02-30', 'an ISO date YYYY-MM-DD that exists in the calendar'],
    ['2023-13-01', 'an ISO date'],
    ['2024-1-05', 'an ISO date'],
    ['05/01/2024', 'an ISO date'],
    ['', 'an ISO date'],
  ])('date %j', (date, expected) => {
    const error = rejection(`date,BTC\n2024-01-01,1\n${date},2\n`);
    expect(error.message).toContain(`row 3, column date: got ${JSON.stringify(date)}, expected ${expected}`);
    expect(error.issues[0]).toMatchObject({ path: 'row 3, column date', value: date });
  });

  it('accepts 29 February of a leap year only', () => {
    expect(parsePriceCsv('date,A\n2024-02-29,1\n').assets[0]?.points).toHaveLength(1);
    expect(rejection('date,A\n2023-02-29,1\n').message).toContain('row 2, column date: got "2023-02-29"');
    expect(rejection('date,A\n1900-02-29,1\n').message).toContain('got "1900-02-29"');
  });

  it.each(['0', '-1', '-0.5', 'NaN', 'Infinity', '-Infinity', 'abc', '1.2.3', '0x10', '0.0'])('price %j', (price) => {
    const error = rejection(`date,symbol,price\n2024-01-01,BTC,${price}\n`);
    expect(error.message).toContain(`row 2, column price: got ${JSON.stringify(price)}, expected a finite number > 0`);
  });

  it('rejects prices outside the float64 range the statistics need', () => {
    expect(rejection('date,A\n2024-01-01,1e400\n').message).toContain('row 2, column A: got "1e400", expected a number > 0 between 1e-300 and 1e300');
    expect(rejection('date,A\n2024-01-01,1e-400\n').message).toContain('got "1e-400"');
    expect(parsePriceCsv('date,A\n2024-01-01,1e-200\n').assets[0]?.points[0]?.price.toString()).toBe('1e-200');
  });

  it('rejects an empty price in long form', () => {
    expect(rejection('date,symbol,price\n2024-01-01,BTC,\n').message).toContain('row 2, column price: got "", expected a finite number > 0');
  });

  it('hints at the decimal comma', () => {
    const error = rejection('date,symbol,price\n2024-01-01,BTC,"1,5"\n');
    expect(error.message).toContain('row 2, column price: got "1,5"');
    expect(error.message).toContain('decimal comma: write 1.5');
    const semicolon = rejection(fixture('semicolon-decimal-comma.csv'));
    expect(semicolon.message).toContain('row 3, column BTC: got "1,5"');
    expect(semicolon.message).toContain('decimal comma');
  });

  it('hints at thousands separators', () => {
    expect(rejection('date,A\n2024-01-01,"1,234.5"\n').message).toContain('no thousands separators');
  });

  it('rejects a duplicate (date, symbol) naming both rows, long and wide', () => {
    const long = rejection('date,symbol,price\n2024-01-01,BTC,1\n2024-01-01,ETH,1\n2024-01-01,BTC,2\n');
    expect(long.message).toContain('row 4, column date: got "2024-01-01", expected one price per date and symbol (BTC already has 2024-01-01 at row 2)');
    const wide = rejection('date,A\n2024-01-01,1\n2024-01-01,2\n');
    expect(wide.message).toContain('row 3, column date: got "2024-01-01"');
  });

  it('rejects a currency code that is not 3 letters', () => {
    for (const code of ['EURO', 'US', 'U$D', '123']) {
      const error = rejection(`date,symbol,price,currency\n2024-01-01,BTC,1,${code}\n`);
      expect(error.message).toContain(`row 2, column currency: got ${JSON.stringify(code)}, expected a 3-letter currency code`);
    }
  });

  it('rejects an asset that changes currency', () => {
    const error = rejection('date,symbol,price,currency\n2024-01-01,SAP,1,EUR\n2024-01-02,SAP,1,USD\n');
    expect(error.message).toContain('row 3, column currency: got "USD", expected EUR as at row 2 (an asset keeps one currency)');
  });

  it('rejects a file without data rows, and an empty file', () => {
    expect(rejection('date,symbol,price\n').message).toContain('row 2: missing, expected at least one data row');
    expect(rejection('date,BTC\r\n\r\n').message).toContain('at least one data row');
    expect(rejection('').message).toContain('row 1: missing, expected a header line');
    expect(rejection('\uFEFF\n\n').message).toContain('a header line');
  });

  it('rejects ragged rows with the field counts', () => {
    const error = rejection('date,A,B\n2024-01-01,1,2\n2024-01-02,1\n2024-01-03,1,2,3\n');
    expect(error.message).toContain('row 3: got "2 fields", expected 3 fields like the header (line 1)');
    expect(error.message).toContain('row 4: got "4 fields", expected 3 fields');
  });

  it('rejects an unknown long-form header and missing required columns', () => {
    const unknown = rejection('date,symbol,price,volume\n2024-01-01,A,1,5\n');
    expect(unknown.message).toContain('row 1 (header), column 4: got "volume", expected one of date, symbol, price, currency');
    const missing = rejection('date,symbol\n2024-01-01,A\n');
    expect(missing.message).toContain('expected a price column');
  });

  it('rejects a wide header without date, with an empty or repeated symbol', () => {
    expect(rejection('day,A\n2024-01-01,1\n').message).toContain('row 1 (header): got "day,A", expected a date column');
    expect(rejection('date,A,\n2024-01-01,1,2\n').message).toContain('row 1 (header), column 3: got "", expected a symbol name');
    expect(rejection('date,A,A\n2024-01-01,1,2\n').message).toContain('column 3: got "A", expected a symbol not already used (column 2)');
    expect(rejection('date\n2024-01-01\n').message).toContain('at least one symbol column');
  });

  it('reports an unterminated quote with its row', () => {
    expect(rejection('date,A\n2024-01-01,1\n2024-01-02,"2\n').message).toContain('row 3: got "Quoted field unterminated"');
  });

  it('reports every problem with a count, lists 20 and says how many more', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},0`);
    const error = rejection(`date,A\n${rows.join('\n')}\n`);
    expect(error.message).toMatch(/^The price file cannot be used \(25 problems\):/);
    expect(error.issues).toHaveLength(25);
    expect(error.message).toContain('row 21, column A');
    expect(error.message).not.toContain('row 22, column A');
    expect(error.message).toContain('… and 5 more');
  });

  it('lists problems in file order across kinds', () => {
    const error = rejection('date,A,B\n2024-01-01,x\n2024-99-01,1,2\n');
    expect(error.issues.map((i) => i.path)).toEqual(['row 2', 'row 3, column date']);
  });
});

describe('parsePriceCsv on a long file: progress and cancel', () => {
  const rows = ['date,symbol,price'];
  for (let day = 0; day < 40_000; day += 1) {
    const date = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    rows.push(`${date},AAA,${(100 + (day % 7)).toString()}`);
  }
  const text = `${rows.join('\n')}\n`;

  it('reports the fraction read, rising to 1', () => {
    const fractions: number[] = [];
    const data = parsePriceCsv(text, { onProgress: (f) => fractions.push(f) });
    expect(data.assets[0]?.points).toHaveLength(40_000);
    expect(fractions.length).toBeGreaterThanOrEqual(3);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions[0]).toBeGreaterThan(0);
  });

  it('stops with ABORTED when cancelled mid-way', () => {
    const controller = new AbortController();
    expect(() => parsePriceCsv(text, { signal: controller.signal, onProgress: () => controller.abort() })).toThrowError(
      expect.objectContaining({ code: 'ABORTED' }),
    );
  });
});

describe('price points keep their text until read', () => {
  it('builds the exact Decimal on read and serialises the price as given', () => {
    const data = parsePriceCsv('date,BTC\n2024-01-01,42000.123456789012345678\n2024-01-02,1e-7\n');
    const [first, second] = data.assets[0]?.points ?? [];
    expect(first?.price.toFixed()).toBe('42000.123456789012345678');
    expect(second?.price.toFixed()).toBe('0.0000001');
    expect(first?.price.mul(3).toFixed()).toBe('126000.370370367037037034');
    expect(JSON.parse(JSON.stringify(first))).toEqual({ date: '2024-01-01', price: '42000.123456789012345678' });
  });
});
