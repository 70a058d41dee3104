/**
 * File names of exports: `<prefix>_<YYYY-MM-DDTHH-MM-SSZ>.<ext>` in UTC (exports.md, File names),
 * with a prefix every common file system accepts.
 */

/** Used when a prefix has nothing left after cleaning. */
export const FALLBACK_PREFIX = 'backfolio';

/** Longest prefix kept, so the whole name stays far below the 255-byte limit of file systems. */
export const MAX_PREFIX_LENGTH = 64;

// Device names Windows refuses as a file name's stem, whatever the extension.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * A prefix in lower snake case ASCII: accents stripped (`Été` → `ete`), every other run of
 * characters outside a–z, 0–9 becomes `_`, trimmed, at most `MAX_PREFIX_LENGTH` characters;
 * a Windows device name gets a `_export` suffix; an empty result becomes `backfolio`.
 *
 * @example sanitizePrefix('Risk parity: BTC/ETH') // 'risk_parity_btc_eth'
 */
export function sanitizePrefix(raw: string): string {
  const ascii = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let prefix = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_PREFIX_LENGTH)
    .replace(/_+$/g, '');
  if (prefix === '') prefix = FALLBACK_PREFIX;
  if (WINDOWS_RESERVED.test(prefix)) prefix = `${prefix}_export`;
  return prefix;
}

/** `2025-09-06T08-38-40Z`: the export time in UTC with `-` instead of `:` (Windows rejects `:`). */
export function formatStamp(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('formatStamp: invalid date');
  return `${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
}

/**
 * The file name of an export; the prefix is cleaned with `sanitizePrefix`, the extension is
 * lower-cased and stripped of a leading dot.
 *
 * @example exportFileName('crypto_backtest', 'zip', new Date('2025-09-06T08:38:40Z'))
 * // 'crypto_backtest_2025-09-06T08-38-40Z.zip'
 */
export function exportFileName(prefix: string, extension: string, at: Date): string {
  const ext = extension.replace(/^\.+/, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
  return `${sanitizePrefix(prefix)}_${formatStamp(at)}${ext === '' ? '' : `.${ext}`}`;
}
