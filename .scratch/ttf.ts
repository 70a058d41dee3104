/** Rebuild a TTF with only some tables, post → v3. */
export function slimFont(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < numTables; i++) {
    const off = 12 + i * 16;
    const tag = String.fromCharCode(bytes[off]!, bytes[off + 1]!, bytes[off + 2]!, bytes[off + 3]!);
    const offset = view.getUint32(off + 8);
    const length = view.getUint32(off + 12);
    tables.set(tag, bytes.subarray(offset, offset + length));
  }
  const keep = ['OS/2', 'cmap', 'cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post', 'prep'];
  const post = tables.get('post')!;
  const post3 = new Uint8Array(32);
  post3.set(post.subarray(0, 32));
  new DataView(post3.buffer).setUint32(0, 0x00030000);
  tables.set('post', post3);
  const tags = keep.filter((t) => tables.has(t));
  const n = tags.length;
  let size = 12 + 16 * n;
  const offsets: number[] = [];
  for (const t of tags) { offsets.push(size); size += (tables.get(t)!.length + 3) & ~3; }
  const out = new Uint8Array(size);
  const ov = new DataView(out.buffer);
  ov.setUint32(0, 0x00010000); ov.setUint16(4, n);
  let es = 0; while ((1 << (es + 1)) <= n) es++;
  ov.setUint16(6, (1 << es) * 16); ov.setUint16(8, es); ov.setUint16(10, n * 16 - (1 << es) * 16);
  tags.forEach((t, i) => {
    const data = tables.get(t)!;
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = t.charCodeAt(k);
    out.set(data, offsets[i]!);
    let sum = 0; const padded = (data.length + 3) & ~3;
    for (let k = 0; k < padded; k += 4) sum = (sum + ov.getUint32(offsets[i]! + k)) >>> 0;
    ov.setUint32(rec + 4, sum); ov.setUint32(rec + 8, offsets[i]!); ov.setUint32(rec + 12, data.length);
  });
  return out;
}
