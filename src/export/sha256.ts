/**
 * SHA-256 as lower-case hex, whole or incremental (for hashing files while they are streamed).
 * In Node (the command line, tests) the native `node:crypto` hash is used, ~10× faster on the
 * megabytes of a package; in a page or worker, @noble/hashes. Both give the same digest.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { findNodeBuiltin, hasNodeBuiltins } from '../node-builtins';

/** An incremental hash: feed chunks with `update`, read the hex digest once with `digestHex`. */
export interface Sha256Stream {
  update(chunk: Uint8Array): void;
  digestHex(): string;
}

interface NodeHash {
  update(chunk: Uint8Array): NodeHash;
  digest(encoding: 'hex'): string;
}

interface NodeCrypto {
  createHash(algorithm: string): NodeHash;
}

/**
 * Node's `crypto.createHash` (absent in a browser), loaded on the first hash: node:crypto takes
 * tens of milliseconds to start, which a run that hashes nothing should not pay.
 */
const createNodeHash: ((algorithm: 'sha256') => NodeHash) | null = hasNodeBuiltins
  ? (algorithm) => (findNodeBuiltin<NodeCrypto>('node:crypto') as NodeCrypto).createHash(algorithm)
  : null;

/** Lower-case hex SHA-256 of `bytes` (matches `sha256sum`). */
export function sha256Hex(bytes: Uint8Array): string {
  return createNodeHash !== null ? createNodeHash('sha256').update(bytes).digest('hex') : bytesToHex(sha256(bytes));
}

/** Starts an incremental SHA-256 (`update` chunk by chunk, then `digestHex`). */
export function createSha256(): Sha256Stream {
  if (createNodeHash !== null) {
    const hash = createNodeHash('sha256');
    return {
      update(chunk) {
        hash.update(chunk);
      },
      digestHex() {
        return hash.digest('hex');
      },
    };
  }
  const hash = sha256.create();
  return {
    update(chunk) {
      hash.update(chunk);
    },
    digestHex() {
      return bytesToHex(hash.digest());
    },
  };
}
