/** SHA-256 as lower-case hex, whole or incremental (for hashing files while they are streamed). */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Lower-case hex SHA-256 of `bytes` (matches `sha256sum`). */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** An incremental hash: feed chunks with `update`, read the hex digest once with `digestHex`. */
export interface Sha256Stream {
  update(chunk: Uint8Array): void;
  digestHex(): string;
}

/** Starts an incremental SHA-256 (`update` chunk by chunk, then `digestHex`). */
export function createSha256(): Sha256Stream {
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
