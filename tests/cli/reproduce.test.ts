import { describe, expect, it } from 'vitest';
import { readReproduction } from '../../src/cli/reproduce';
import { BackfolioError } from '../../src/errors';

const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const metadata = {
  config: { name: 'x' },
  inputs: { prices: { name: 'prices.csv', bytes: 10, sha256: HASH.toUpperCase() } },
  export_options: { sections: ['summary', 'daily'], date_range: { from: '2021-01-01', to: null }, prefix: 'my_run' },
};

function errorOf(run: () => unknown): BackfolioError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BackfolioError);
    return error as BackfolioError;
  }
  throw new Error('expected an error');
}

describe('readReproduction', () => {
  it('reads config, hashes (lower-cased) and the recorded sections and date range', () => {
    const r = readReproduction(metadata, 'metadata.json');
    expect(r.config).toEqual({ name: 'x' });
    expect(r.pricesSha256).toBe(HASH);
    expect(r.pricesName).toBe('prices.csv');
    expect(r.exportOptions).toEqual({ sections: ['summary', 'daily'], dateRange: { from: '2021-01-01' }, prefix: 'my_run' });
  });

  it('reads the recorded CSV formula guard (absent in older metadata) and refuses an unknown one', () => {
    expect(readReproduction(metadata, 'metadata.json').formulaGuard).toBeUndefined();
    const none = { ...metadata, export_options: { ...metadata.export_options, formula_guard: 'none' } };
    expect(readReproduction(none, 'metadata.json').formulaGuard).toBe('none');
    const odd = { ...metadata, export_options: { ...metadata.export_options, formula_guard: 'sometimes' } };
    const error = errorOf(() => readReproduction(odd, 'm.json'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('m.json: export_options.formula_guard: got "sometimes", expected "escape" or "none"');
  });

  it('also finds the configuration under run.config', () => {
    expect(readReproduction({ run: { config: { name: 'y' } }, inputs: metadata.inputs }, 'm.json').config).toEqual({ name: 'y' });
  });

  it('refuses metadata without config or without a valid price hash', () => {
    expect(errorOf(() => readReproduction({ inputs: metadata.inputs }, 'm.json')).message).toContain('m.json: config: missing');
    const bad = errorOf(() => readReproduction({ config: {}, inputs: { prices: { sha256: 'xyz' } } }, 'm.json'));
    expect(bad.code).toBe('CONFIG_INVALID');
    expect(bad.message).toContain('inputs.prices.sha256: got "xyz"');
    expect(errorOf(() => readReproduction([1], 'm.json')).code).toBe('CONFIG_INVALID');
  });

  it('accepts the same data and refuses other data with INPUT_MISMATCH naming both hashes', () => {
    const r = readReproduction(metadata, 'metadata.json');
    expect(() => r.check({ name: 'p.csv', bytes: 10, sha256: HASH }, undefined)).not.toThrow();
    const error = errorOf(() => r.check({ name: 'p2.csv', bytes: 10, sha256: OTHER }, undefined));
    expect(error.code).toBe('INPUT_MISMATCH');
    expect(error.message).toContain(`prices p2.csv: SHA-256 ${OTHER}, but the export was made from prices.csv with SHA-256 ${HASH}`);
  });

  it('checks the FX file both ways', () => {
    const withFx = readReproduction({ ...metadata, inputs: { ...metadata.inputs, fx: { sha256: OTHER } } }, 'm.json');
    const prices = { name: 'p.csv', bytes: 1, sha256: HASH };
    expect(errorOf(() => withFx.check(prices, undefined)).message).toContain('pass it with --fx');
    expect(errorOf(() => withFx.check(prices, { name: 'fx.csv', bytes: 1, sha256: HASH })).message).toContain('fx fx.csv: SHA-256');
    expect(() => withFx.check(prices, { name: 'fx.csv', bytes: 1, sha256: OTHER })).not.toThrow();
    const withoutFx = readReproduction(metadata, 'm.json');
    expect(errorOf(() => withoutFx.check(prices, { name: 'fx.csv', bytes: 1, sha256: OTHER })).message).toContain('the export used no FX file');
  });
});
