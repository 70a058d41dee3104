import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SP500_CSV } from '../../../src/data/examples/generated/sp500-prices';
import { US_STOCKS_CSV } from '../../../src/data/examples/generated/us-stocks-prices';
import { convertSp500, convertStocks, toIsoDate } from '../../../scripts/vega-convert';

const vega = (file: string): string => readFileSync(join(__dirname, '..', '..', '..', 'node_modules', 'vega-datasets', 'data', file), 'utf8');

describe('generated example modules', () => {
  it('match what scripts/import-vega-datasets.ts makes from vega-datasets today', () => {
    expect(US_STOCKS_CSV).toBe(convertStocks(vega('stocks.csv')));
    expect(SP500_CSV).toBe(convertSp500(vega('sp500-2000.csv')));
  });

  it('toIsoDate converts "Mon D YYYY" and refuses anything else', () => {
    expect(toIsoDate('Jan 1 2000')).toBe('2000-01-01');
    expect(toIsoDate('Dec 31 2009')).toBe('2009-12-31');
    expect(() => toIsoDate('2000-01-01')).toThrow('unexpected date');
    expect(() => toIsoDate('Foo 1 2000')).toThrow('unexpected date');
  });

  it('name their source and licence', () => {
    const header = readFileSync(join(__dirname, '..', '..', '..', 'src', 'data', 'examples', 'generated', 'sp500-prices.ts'), 'utf8').slice(0, 300);
    expect(header).toContain('vega-datasets');
    expect(header).toContain('BSD-3-Clause');
    expect(readFileSync(join(__dirname, '..', '..', '..', 'src', 'data', 'examples', 'vega-datasets-LICENSE.txt'), 'utf8')).toContain('BSD 3-Clause');
  });
});
