/**
 * Slimming a TrueType font before jsPDF embeds it. jsPDF's subsetter keeps only the used glyph
 * outlines but copies several tables whole into every PDF, among them `post` with every glyph's
 * name (62 KB in DejaVu Sans) and the layout tables it never reads; it then deflates all of it
 * for each document. Dropping what a PDF viewer does not use (glyph names: `post` becomes
 * version 3; GSUB, GPOS, kern, MATH and other layout tables) halves the embedded font and the
 * time spent subsetting and compressing it. Glyph outlines, metrics, cmap and hinting are kept
 * byte for byte, so glyph ids and widths are unchanged.
 */

/** Tables a PDF's embedded TrueType font needs (the rest are dropped). */
const KEPT_TABLES = ['OS/2', 'cmap', 'cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post', 'prep'];

/** `bytes` (a TrueType font) with only the tables a PDF needs and `post` without glyph names; `bytes` itself when it is not a plain TrueType file. */
export function slimTrueType(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 12) return bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x00010000) return bytes;
  const count = view.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    if (record + 16 > bytes.length) return bytes;
    const tag = String.fromCharCode(bytes[record] ?? 0, bytes[record + 1] ?? 0, bytes[record + 2] ?? 0, bytes[record + 3] ?? 0);
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > bytes.length) return bytes;
    tables.set(tag, bytes.subarray(offset, offset + length));
  }
  const post = tables.get('post');
  if (post && post.length >= 32) {
    const header = new Uint8Array(32);
    header.set(post.subarray(0, 32));
    // Version 3.0: same italic angle, underline and fixed-pitch fields, no glyph names.
    new DataView(header.buffer).setUint32(0, 0x00030000);
    tables.set('post', header);
  }
  const tags = KEPT_TABLES.filter((t) => tables.has(t));
  let size = 12 + 16 * tags.length;
  const offsets = tags.map((t) => {
    const at = size;
    size += ((tables.get(t)?.length ?? 0) + 3) & ~3;
    return at;
  });
  const out = new Uint8Array(size);
  const o = new DataView(out.buffer);
  o.setUint32(0, 0x00010000);
  o.setUint16(4, tags.length);
  let selector = 0;
  while (1 << (selector + 1) <= tags.length) selector++;
  o.setUint16(6, (1 << selector) * 16);
  o.setUint16(8, selector);
  o.setUint16(10, tags.length * 16 - (1 << selector) * 16);
  tags.forEach((tag, i) => {
    const data = tables.get(tag) ?? new Uint8Array(0);
    const record = 12 + i * 16;
    const at = offsets[i] ?? 0;
    for (let k = 0; k < 4; k++) out[record + k] = tag.charCodeAt(k);
    out.set(data, at);
    let sum = 0;
    for (let k = 0; k < ((data.length + 3) & ~3); k += 4) sum = (sum + o.getUint32(at + k)) >>> 0;
    o.setUint32(record + 4, sum);
    o.setUint32(record + 8, at);
    o.setUint32(record + 12, data.length);
  });
  return out;
}
