import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFxCsv, parseFxCsvDetailed } from '../../src/data/fx';
import { BackfolioError } from '../../src/errors';

const HEADER = 'date,from_currency,to_currency,rate';

function rejection(text: string): BackfolioError {
  try {
    parseFxCsv(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BackfolioError);
    expect((error as BackfolioError).code).toBe('FX_INVALID');
    return error as BackfolioError;
  }
  throw new Error('expected parseFxCsv to throw');
}

describe('parseFxCsv', () => {
  it('reads rates exactly, upper-cases codes, sorts dates with a note', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'prices', 'fx-basic.csv'), 'utf8');
    const { data, notes } = parseFxCsvDetailed(text);
    expect(data.rates.map((r) => `${r.date} ${r.from}>${r.to} ${r.rate.toString()}`)).toEqual([
      '2024-01-01 EUR>USD 1.1',
      '2024-01-01 GBP>USD 1.27',
      '2024-01-02 EUR>USD 1.0945',
    ]);
    expect(notes).toEqual(['FX dates were not in ascending order; sorted.']);
  });

  it('accepts any column order, header case, BOM and CRLF', () => {
    const data = parseFxCsv('\uFEFFRate,To_Currency,From_Currency,Date\r\n0.9,EUR,USD,2024-01-01\r\n');
    expect(data.rates).toHaveLength(1);
    expect(data.rates[0]).toMatchObject({ date: '2024-01-01', from: 'USD', to: 'EUR' });
    expect(data.rates[0]?.rate.toString()).toBe('0.9');
  });

  it('rejects bad dates, codes, rates and same-currency pairs naming row, column and value', () => {
    const error = rejection(`${HEADER}\n2024-02-30,EUR,USD,1\n2024-01-01,EURO,USD,1\n2024-01-01,EUR,U,1\n2024-01-01,EUR,USD,0\n2024-01-01,EUR,USD,"1,1"\n2024-01-01,usd,USD,1\n`);
    expect(error.message).toContain('(6 problems)');
    expect(error.message).toContain('row 2, column date: got "2024-02-30"');
    expect(error.message).toContain('row 3, column from_currency: got "EURO", expected a 3-letter currency code');
    expect(error.message).toContain('row 4, column to_currency: got "U"');
    expect(error.message).toContain('row 5, column rate: got "0", expected a finite number > 0');
    expect(error.message).toContain('row 6, column rate: got "1,1"');
    expect(error.message).toContain('decimal comma');
    expect(error.message).toContain('row 7, column to_currency: got "USD", expected a currency other than from_currency USD');
  });

  it('rejects a duplicate (date, from, to) but not the reverse pair', () => {
    const error = rejection(`${HEADER}\n2024-01-01,EUR,USD,1.1\n2024-01-01,USD,EUR,0.9\n2024-01-01,eur,usd,1.2\n`);
    expect(error.issues).toHaveLength(1);
    expect(error.message).toContain('row 4, column date: got "2024-01-01", expected one rate per date and pair (EUR→USD already given at row 2)');
  });

  it('rejects unknown and missing columns, ragged rows, empty files', () => {
    expect(rejection('date,from,to,rate\n').message).toContain('row 1 (header), column 2: got "from", expected one of date, from_currency, to_currency, rate');
    expect(rejection('date,from_currency,to_currency\n').message).toContain('expected a rate column');
    expect(rejection(`${HEADER}\n2024-01-01,EUR,USD\n`).message).toContain('row 2: got "3 fields", expected 4 fields');
    expect(rejection(`${HEADER}\n\n`).message).toContain('row 2: missing, expected at least one data row');
    expect(rejection('').message).toContain('row 1: missing, expected a header line');
  });
});
