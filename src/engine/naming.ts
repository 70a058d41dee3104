/**
 * The export contract's naming rule for portfolios: lower case, every run of characters other
 * than a–z and 0–9 becomes `_`, trimmed at both ends (`Risk parity crypto` → `risk_parity_crypto`).
 * A name with no ASCII letter or digit at all (`比特币`) becomes `portfolio` so a column name is
 * never empty.
 */
export function toSnakeKey(name: string, fallback = 'portfolio'): string {
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return key === '' ? fallback : key;
}
