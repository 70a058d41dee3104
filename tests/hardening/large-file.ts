/**
 * Writes a large wide-form price file (one row per calendar day from 1000-01-01, distinct dates)
 * of at least `minBytes`, streaming it in chunks so the generator itself stays small in memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** Symbols of the generated file. */
export const LARGE_SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF'];

/** Writes the file; returns the number of data rows and the symbols. */
export function writeLargePriceFile(path: string, minBytes: number): { rows: number; symbols: string[]; bytes: number } {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let rows = 0;
  let chunk = `date,${LARGE_SYMBOLS.join(',')}\n`;
  const day = Date.UTC(1000, 0, 1);
  try {
    while (bytes + chunk.length < minBytes) {
      const date = new Date(day + rows * 86_400_000).toISOString().slice(0, 10);
      // Deterministic prices with five decimals, all > 0.
      const prices = LARGE_SYMBOLS.map((_, i) => (100 + ((rows * (i + 7)) % 9973) / 100 + 0.00001).toFixed(5));
      rows += 1;
      chunk += `${date},${prices.join(',')}\n`;
      if (chunk.length > 1 << 20) {
        bytes += writeSync(fd, chunk);
        chunk = '';
      }
    }
    bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { rows, symbols: [...LARGE_SYMBOLS], bytes };
}
