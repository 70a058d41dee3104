import { describe, expect, it } from 'vitest';
import { BackfolioError } from '../../src/errors';
import { decodeCsvBytesDetailed, decodeCsvBytes } from '../../src/data/decode';

const TEXT = 'date,Ж€\n2024-01-02,1.5\n';

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const [a, b] = bigEndian ? [code >> 8, code & 0xff] : [code & 0xff, code >> 8];
    bytes[2 + i * 2] = a;
    bytes[3 + i * 2] = b;
  }
  return bytes;
}

function rejection(bytes: Uint8Array, kind: 'prices' | 'fx' = 'prices'): BackfolioError {
  try {
    decodeCsvBytes(bytes, kind);
  } catch (error) {
    if (error instanceof BackfolioError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('decodeCsvBytes', () => {
  it('decodes UTF-8 with and without a BOM, dropping the BOM', () => {
    const plain = new TextEncoder().encode(TEXT);
    expect(decodeCsvBytesDetailed(plain)).toEqual({ text: TEXT, encoding: 'utf-8' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeCsvBytesDetailed(bom)).toEqual({ text: TEXT, encoding: 'utf-8-bom' });
  });

  it('decodes UTF-16 LE and BE when a BOM says so', () => {
    expect(decodeCsvBytesDetailed(utf16(TEXT, false))).toEqual({ text: TEXT, encoding: 'utf-16le' });
    expect(decodeCsvBytesDetailed(utf16(TEXT, true))).toEqual({ text: TEXT, encoding: 'utf-16be' });
  });

  it('decodes an empty file to empty text (the parser reports it)', () => {
    expect(decodeCsvBytes(new Uint8Array())).toBe('');
  });

  it('rejects invalid UTF-8 naming the byte offset and bytes, with the code of the file kind', () => {
    const bytes = new Uint8Array([0x64, 0x61, 0x74, 0x65, 0x0a, 0xc3, 0x28]);
    const prices = rejection(bytes);
    expect(prices.code).toBe('PRICES_INVALID');
    expect(prices.message).toContain('byte 5');
    expect(prices.message).toContain('0xc3 0x28');
    expect(prices.issues[0]?.path).toBe('byte 5');
    expect(rejection(bytes, 'fx').code).toBe('FX_INVALID');
  });

  it('rejects a truncated multi-byte sequence at the end', () => {
    expect(rejection(new Uint8Array([0x61, 0x62, 0xe2, 0x82])).message).toContain('byte 2');
  });

  it('rejects a NUL character (UTF-16 without BOM, binaries) naming its offset', () => {
    const error = rejection(new Uint8Array([0x64, 0x00, 0x61, 0x00]));
    expect(error.message).toContain('character 1');
    expect(error.message).toContain('NUL');
  });
});
