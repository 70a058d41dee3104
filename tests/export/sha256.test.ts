/** The SHA-256 helpers give the digests @noble/hashes gives (the page's implementation), whole and in chunks. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSha256, sha256Hex } from '../../src/export/sha256';

describe('sha256Hex / createSha256', () => {
  it('hash "abc" to the FIPS 180-2 test vector', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agree with @noble/hashes on any bytes, whole or in any chunking', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        const expected = bytesToHex(sha256(bytes));
        expect(sha256Hex(bytes)).toBe(expected);
        const stream = createSha256();
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const to of [...points, bytes.length]) {
          stream.update(bytes.subarray(from, to));
          from = to;
        }
        expect(stream.digestHex()).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
