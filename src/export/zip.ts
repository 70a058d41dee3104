/**
 * A streaming zip archive on fflate's `Zip` + `ZipDeflate` (in Node, entries deflated by
 * `node:zlib`): entries receive their content in chunks, each chunk is deflated, hashed (SHA-256
 * of the uncompressed bytes, as `sha256sum` of the extracted file shows) and counted as it
 * arrives, and compressed output is handed to `onData` at once, so a large file never exists as
 * one string or several copies in memory.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { BackfolioError } from '../errors';
import { findNodeBuiltin } from '../node-builtins';
import { createSha256 } from './sha256';

/** What an entry held once closed. */
export interface ZipEntrySummary {
  name: string;
  /** Uncompressed size. */
  bytes: number;
  /** Lower-case hex SHA-256 of the uncompressed bytes. */
  sha256: string;
}

export interface ZipEntryWriter {
  /** Appends uncompressed bytes to the entry. */
  push(chunk: Uint8Array): void;
  /** Ends the entry; no push after this. */
  close(): ZipEntrySummary;
}

export interface ZipStream {
  /** Starts an entry; the previous one must be closed first (entries are written in order). */
  openEntry(name: string): ZipEntryWriter;
  /** Writes the central directory; `onData` receives the last chunk. */
  finish(): void;
  /** Abandons the archive (after a cancel): nothing more is emitted. */
  terminate(): void;
}

/**
 * Deflate level, chosen by measurement (`npm run bench -- csv` prints the table). On the 40-asset,
 * 10-year package (2.9 MB of CSV text), fflate (page, worker): level 0 (stored) 3 ms for 2.92 MB,
 * level 1 40 ms for 0.99 MB, level 2 49 ms for 0.96 MB, level 6 96 ms for 0.89 MB; Node's zlib
 * (command line): level 1 17 ms for 0.96 MB, level 6 68 ms for 0.86 MB. Level 1 keeps nearly all
 * of the compression (3 % more bytes than level 2, 11 % more than the default 6) in the least time
 * of the compressing levels; storing would triple the file.
 */
export const ZIP_LEVEL = 1;

/** The part of `node:zlib` a native entry needs (absent in a page or worker). */
interface NativeZlib {
  deflateRawSync(data: Uint8Array, options: { level: number; finishFlush: number }): Uint8Array<ArrayBuffer>;
  /** CRC-32 (Node ≥ 20.15), continuing from `value`; absent in older versions. */
  crc32?: (data: Uint8Array, value?: number) => number;
  constants: { Z_SYNC_FLUSH: number; Z_FINISH: number };
}

const nativeZlib: NativeZlib | null = (() => {
  const zlib = findNodeBuiltin<Partial<NativeZlib>>('node:zlib');
  return typeof zlib?.deflateRawSync === 'function' && zlib.constants !== undefined ? (zlib as NativeZlib) : null;
})();

/** Uncompressed bytes gathered before one native deflate call (each call has a fixed cost). */
const NATIVE_SEGMENT_BYTES = 256 * 1024;

/**
 * A zip entry deflated by Node's zlib (about 2.5× faster than fflate's deflate at the same level,
 * see `ZIP_LEVEL`): fflate's pass-through entry (which counts the size and CRC-32 of the raw
 * bytes) with its `process` compressing instead. Raw bytes are gathered into segments; each
 * segment is deflated on its own and ended with a sync flush (byte-aligned, not final), the last
 * with a final block, so the segments join into one valid deflate stream.
 */
class NativeDeflateEntry extends ZipPassThrough {
  private readonly pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(
    filename: string,
    private readonly zlib: NativeZlib,
  ) {
    super(filename);
    this.compression = 8;
    const crc32 = zlib.crc32;
    if (typeof crc32 === 'function') {
      // fflate's CRC-32 runs byte by byte in JavaScript (~10 ms of the bench package); zlib's is
      // native. Same checksum: `d()` hands back the running value, as fflate's does.
      let value = 0;
      (this as unknown as { c: { p(data: Uint8Array): void; d(): number } }).c = {
        p: (data) => {
          value = crc32(data, value);
        },
        d: () => value,
      };
    }
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (chunk.length > 0) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    }
    if (!final && this.pendingBytes < NATIVE_SEGMENT_BYTES) return;
    const segment = this.pending.length === 1 ? (this.pending[0] as Uint8Array) : concatChunks(this.pending);
    this.pending.length = 0;
    this.pendingBytes = 0;
    const flush = final ? this.zlib.constants.Z_FINISH : this.zlib.constants.Z_SYNC_FLUSH;
    this.ondata(null, this.zlib.deflateRawSync(segment, { level: ZIP_LEVEL, finishFlush: flush }), final);
  }
}

/**
 * Starts a zip archive whose compressed bytes go to `onData` as they are produced; `mtime` is
 * every entry's modification time (the export time, so the archive says when it was made).
 */
export function createZipStream(onData: (chunk: Uint8Array) => void, mtime: Date): ZipStream {
  let failure: Error | null = null;
  let terminated = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      return;
    }
    if (!terminated) onData(chunk);
    void final;
  });
  const check = (): void => {
    if (failure !== null) throw new BackfolioError('EXPORT_FAILED', `zip: ${failure.message}`, { cause: failure });
  };
  let open = false;
  return {
    openEntry(name) {
      if (open) throw new BackfolioError('INTERNAL', `zip: entry "${name}" opened before the previous one was closed`);
      open = true;
      const entry = nativeZlib !== null ? new NativeDeflateEntry(name, nativeZlib) : new ZipDeflate(name, { level: ZIP_LEVEL });
      entry.mtime = mtime;
      zip.add(entry);
      const hash = createSha256();
      let bytes = 0;
      return {
        push(chunk) {
          if (chunk.length === 0) return;
          hash.update(chunk);
          bytes += chunk.length;
          entry.push(chunk, false);
          check();
        },
        close() {
          entry.push(new Uint8Array(0), true);
          open = false;
          check();
          return { name, bytes, sha256: hash.digestHex() };
        },
      };
    },
    finish() {
      zip.end();
      check();
    },
    terminate() {
      terminated = true;
      zip.terminate();
    },
  };
}

/** Joins chunks into one array (the final copy of a package). */
export function concatChunks(chunks: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
