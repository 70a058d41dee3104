import { describe, expect, it } from 'vitest';
import { createSheetNamer, sanitizeSheetName } from '../../../src/export/xlsx/sheet-names';

describe('sanitizeSheetName', () => {
  it('replaces forbidden characters and trims to 31 characters', () => {
    expect(sanitizeSheetName('a/b\\c[d]e:f*g?h')).toBe('a_b_c_d_e_f_g_h');
    const long = sanitizeSheetName('Custom: a/b [test] * really long title beyond 31');
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long).toBe('Custom_ a_b _test_ _ really lon');
  });

  it('handles apostrophes, empty names, the reserved name and surrogate pairs', () => {
    expect(sanitizeSheetName("'quoted'")).toBe('quoted');
    expect(sanitizeSheetName('   ')).toBe('Sheet');
    expect(sanitizeSheetName('History')).toBe('History_');
    const emoji = sanitizeSheetName(`${'x'.repeat(30)}😀`);
    expect(emoji).toBe('x'.repeat(30));
  });
});

describe('createSheetNamer', () => {
  it('makes names unique without regard to case, staying within 31 characters', () => {
    const name = createSheetNamer();
    expect(name('Overview')).toBe('Overview');
    expect(name('overview')).toBe('overview (2)');
    expect(name('Overview')).toBe('Overview (3)');
    const long = 'y'.repeat(40);
    expect(name(long)).toBe('y'.repeat(31));
    const second = name(long);
    expect(second).toBe(`${'y'.repeat(27)} (2)`);
    expect(second.length).toBe(31);
  });
});
