import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig, formatHash, parseHash } from '../../src/ui/hash';

describe('config in the URL hash', () => {
  const config = { name: 'Ставка 比特币 <img src=x>', initial_capital: '10000', strategy: { type: 'equal_weight', assets: ['BTC', 'ETH'] } };

  it('round-trips any configuration, Unicode included, with URL-safe characters only', () => {
    const text = encodeConfig(config);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeConfig(text)).toEqual(config);
  });

  it('rejects text that is not base64url JSON of an object', () => {
    expect(decodeConfig('')).toBeNull();
    expect(decodeConfig('not base64!')).toBeNull();
    expect(decodeConfig(encodeConfig({ a: 1 }).slice(0, -3))).toBeNull();
    expect(decodeConfig(btoa('[1,2]').replace(/=+$/, ''))).toBeNull();
    expect(decodeConfig(btoa('\xff\xfe').replace(/=+$/, ''))).toBeNull();
  });

  it('reads and writes debug and config parts in any order', () => {
    const hash = formatHash({ config, debug: true });
    expect(hash.startsWith('#debug&config=')).toBe(true);
    expect(parseHash(hash)).toEqual({ config, debug: true });
    expect(parseHash(`#config=${encodeConfig(config)}&debug`)).toEqual({ config, debug: true });
    expect(parseHash('#debug')).toEqual({ config: null, debug: true });
    expect(parseHash('')).toEqual({ config: null, debug: false });
    expect(formatHash({ config: null, debug: false })).toBe('');
  });
});
