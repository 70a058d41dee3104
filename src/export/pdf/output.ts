/**
 * The finished document as bytes, with most of the work done in slices between checkpoints.
 * jsPDF's `output()` deflates every stream (each page's content, the font subsets) inside one
 * synchronous call, through a slow byte-by-byte string build: about half a second for a
 * 400-page table here, with no cancel seen meanwhile.
 *
 * Here each page's content stream is deflated beforehand, a page at a time with a checkpoint
 * between pages, and `output()` then runs with jsPDF's stream filter hook
 * (`jsPDF.API.processDataByFilters`, which `putStream` calls for every stream) answering from
 * that cache; the few other streams (font subsets, their character maps) are deflated inside the
 * call, without jsPDF's slow string build. Every stream is deflated as jsPDF does it (fflate's
 * `zlibSync`, default level), so the file is byte for byte the one `output('arraybuffer')` gives
 * (tests/export/pdf/output.test.ts). A page whose content differs from what jsPDF writes (a
 * jsPDF that assembles pages differently) is simply deflated inside the call: never lost.
 */
import { zlibSync } from 'fflate';
import type { jsPDF } from 'jspdf';

/** jsPDF's filter hook: the data of a stream through a filter chain, and the `/Filter` names applied. */
type FilterHook = (data: string, filters: unknown) => { data: string; reverseChain: string };

/** The part of `jsPDF.API` this module wraps. */
export interface JsPdfFilterApi {
  processDataByFilters?: FilterHook;
}

/** Whether a filter chain is exactly jsPDF's default compression (`FlateEncode`). */
function isFlateOnly(filters: unknown): boolean {
  const only = Array.isArray(filters) ? (filters.length === 1 ? filters[0] : undefined) : filters;
  return only === 'FlateEncode' || only === '/FlateEncode';
}

/** A binary string (one byte per char code, as jsPDF holds stream data) as bytes. */
function binaryToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Bytes as a binary string, in slices small enough for `String.fromCharCode.apply`. */
function bytesToBinary(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]));
  return parts.join('');
}

/** A stream deflated as jsPDF's `FlateEncode` does it, as a binary string. */
function deflateStream(data: string): string {
  return bytesToBinary(zlibSync(binaryToBytes(data)));
}

/** What `outputInSlices` did, for tests and the bench. */
export interface SlicedOutputStats {
  /** Page content streams deflated between checkpoints. */
  pages: number;
  /** Streams deflated inside `output()` (font subsets and character maps; pages only if jsPDF assembled them differently). */
  inline: number;
}

/**
 * `doc.output('arraybuffer')` as bytes, with the deflating of its page contents done between
 * `checkpoint` calls (which yield, and throw on cancel). `api` is `jsPDF.API` of the jsPDF that
 * made `doc`. Call it once per document, as `output()` itself (jsPDF's image writer changes the
 * document's filter list while it writes). Without the filter hook it is one plain `output()`.
 *
 * @example const bytes = await outputInSlices(doc, jsPDF.API, ctx.checkpoint);
 */
export async function outputInSlices(
  doc: jsPDF,
  api: JsPdfFilterApi,
  checkpoint: () => Promise<void>,
  stats?: SlicedOutputStats,
): Promise<Uint8Array> {
  const original = api.processDataByFilters;
  if (original === undefined) return new Uint8Array(doc.output('arraybuffer'));
  // jsPDF writes page n's content as its operator list joined by line feeds (putPage).
  const pages = (doc.internal as unknown as { pages?: unknown[] }).pages ?? [];
  const deflated = new Map<string, string>();
  for (let n = 1; n < pages.length; n += 1) {
    const operators = pages[n];
    if (!Array.isArray(operators)) continue;
    const content = operators.join('\n');
    if (!deflated.has(content)) deflated.set(content, deflateStream(content));
    await checkpoint();
  }
  let inline = 0;
  // Wrapped around this one synchronous call only: nothing else can run while it is in place.
  api.processDataByFilters = (data, filters) => {
    if (!isFlateOnly(filters)) return original(data, filters);
    const text = data ?? '';
    let encoded = deflated.get(text);
    if (encoded === undefined) {
      inline += 1;
      encoded = deflateStream(text);
    }
    return { data: encoded, reverseChain: '/FlateDecode' };
  };
  let buffer: ArrayBuffer;
  try {
    buffer = doc.output('arraybuffer');
  } finally {
    api.processDataByFilters = original;
  }
  if (stats) {
    stats.pages = deflated.size;
    stats.inline = inline;
  }
  return new Uint8Array(buffer);
}
