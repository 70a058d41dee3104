import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig, formatHash, parseHash, readHashConfig } from '../../src/ui/hash';

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

  it('refuses a setting given twice (JSON.parse would keep the last silently), naming it in plain words', () => {
    const twice = btoa('{"initial_capital":"1000","strategy":{"type":"fixed","type":"equal_weight"},"initial_capital":"5000"}').replace(/=+$/, '');
    expect(decodeConfig(twice)).toBeNull();
    const read = readHashConfig(twice);
    expect('problem' in read && read.problem).toMatch(/^The settings in the link give “Strategy” \(strategy\.type\) and “Initial capital” \(initial_capital\) twice/);
    const state = parseHash(`#debug&config=${twice}`);
    expect(state).toMatchObject({ config: null, debug: true });
    expect(state.configProblem).toContain('were not used');
    expect(parseHash(`#config=${encodeConfig(config)}`).configProblem).toBeUndefined();
  });

  it('says why a cut or foreign config part was not used', () => {
    expect(parseHash('#config=not!base64').configProblem).toContain('cut short or was changed');
    expect(parseHash(`#config=${btoa('[1]').replace(/=+$/, '')}`).configProblem).toContain('holds no settings');
  });
});
