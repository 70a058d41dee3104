/**
 * Turning the bytes of a user's file into text for the CSV parsers. The parsers take text; the
 * bytes come from a `File`, a fetch or `fs.readFile`. Spreadsheet programs save "CSV UTF-8"
 * (with a BOM), plain UTF-8, or "Unicode text" (UTF-16 LE with a BOM); all three are accepted
 * here. Bytes that are not valid text are rejected with the byte offset, instead of reaching the
 * parser as replacement characters and producing a confusing header error.
 */
import { BackfolioError } from '../errors';

/** Which file the bytes are, so the error carries the matching code (`PRICES_INVALID`, `FX_INVALID`). */
export type InputFileKind = 'prices' | 'fx';

/** The encoding `decodeCsvBytes` detected. */
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/**
 * Decodes a CSV file's bytes: a UTF-16 LE/BE byte-order mark selects UTF-16, otherwise the bytes
 * must be valid UTF-8 (a UTF-8 BOM is dropped). Throws `PRICES_INVALID`/`FX_INVALID` naming the
 * byte offset when the bytes are not text (invalid UTF-8, or a NUL byte, as in a spreadsheet
 * binary or UTF-16 without a BOM).
 *
 * @example
 * const text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()), 'prices');
 * const prices = parsePriceCsv(text);
 */
export function decodeCsvBytes(bytes: Uint8Array, kind: InputFileKind = 'prices'): string {
  return decodeCsvBytesDetailed(bytes, kind).text;
}

/** Like `decodeCsvBytes`, also telling which encoding was found. */
export function decodeCsvBytesDetailed(bytes: Uint8Array, kind: InputFileKind = 'prices'): { text: string; encoding: DetectedEncoding } {
  const code = kind === 'prices' ? 'PRICES_INVALID' : 'FX_INVALID';
  const file = kind === 'prices' ? 'price file' : 'FX file';
  let encoding: DetectedEncoding = 'utf-8';
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (hasBom) encoding = 'utf-8-bom';
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch (cause) {
      const offset = findInvalidUtf8(bytes);
      throw new BackfolioError(
        code,
        `The ${file} cannot be used: byte ${offset}: got ${hexAt(bytes, offset)}, expected UTF-8 or UTF-16 text (save it as "CSV UTF-8")`,
        { issues: [{ path: `byte ${offset}`, value: hexAt(bytes, offset), expected: 'UTF-8 or UTF-16 text' }], cause },
      );
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    throw new BackfolioError(
      code,
      `The ${file} cannot be used: character ${nul}: got a NUL character, expected text (a spreadsheet or UTF-16 file without a byte-order mark? save it as "CSV UTF-8")`,
      { issues: [{ path: `character ${nul}`, value: 'NUL', expected: 'text without NUL characters' }] },
    );
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding };
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (a small validator, for the message only). */
function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    if (length > 1) {
      const chunk = bytes.subarray(i, i + length);
      if (chunk.length < length) return i;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(chunk);
      } catch {
        return i;
      }
    }
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

function hexAt(bytes: Uint8Array, offset: number): string {
  const slice = [...bytes.subarray(offset, offset + 4)].map((b) => `0x${b.toString(16).padStart(2, '0')}`);
  return slice.join(' ');
}
