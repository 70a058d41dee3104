import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportFileName, formatStamp, sanitizePrefix } from '../../src/export/naming';

const AT = new Date('2025-09-06T08:38:40.123Z');

describe('exportFileName', () => {
  it('stamps the UTC export time', () => {
    expect(exportFileName('crypto_backtest', 'zip', AT)).toBe('crypto_backtest_2025-09-06T08-38-40Z.zip');
    expect(exportFileName('x', '.XLSX', new Date('2024-02-29T23:59:59Z'))).toBe('x_2024-02-29T23-59-59Z.xlsx');
    expect(formatStamp(new Date(Date.UTC(2001, 0, 2, 3, 4, 5)))).toBe('2001-01-02T03-04-05Z');
  });

  it('rejects an invalid date', () => {
    expect(() => formatStamp(new Date('nope'))).toThrow(RangeError);
  });

  it('cleans the prefix', () => {
    expect(exportFileName('Risk parity: BTC/ETH', 'pdf', AT)).toBe('risk_parity_btc_eth_2025-09-06T08-38-40Z.pdf');
  });
});

describe('sanitizePrefix', () => {
  it.each([
    ['Crypto Backtest', 'crypto_backtest'],
    ['Été à Zürich', 'ete_a_zurich'],
    ['比特币', 'backfolio'],
    ['', 'backfolio'],
    ['   ', 'backfolio'],
    ['../../etc/passwd', 'etc_passwd'],
    ['a<b>c:d"e|f?g*h\\i/j', 'a_b_c_d_e_f_g_h_i_j'],
    ['CON', 'con_export'],
    ['nul', 'nul_export'],
    ['Com1', 'com1_export'],
    ['lpt9', 'lpt9_export'],
    ['console', 'console'],
    ['trailing dots...', 'trailing_dots'],
    ['=CMD|calc', 'cmd_calc'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizePrefix(raw)).toBe(expected);
  });

  it('bounds the length', () => {
    expect(sanitizePrefix('a'.repeat(500))).toHaveLength(64);
    expect(sanitizePrefix(`${'a'.repeat(63)}_b`)).toBe('a'.repeat(63));
  });

  it('always yields a safe name for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (raw) => {
        const prefix = sanitizePrefix(raw);
        expect(prefix).toMatch(/^[a-z0-9](?:[a-z0-9_]*[a-z0-9])?$/);
        expect(prefix.length).toBeLessThanOrEqual(64);
        expect(prefix).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/);
      }),
    );
  });
});
