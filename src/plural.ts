/**
 * Counting words the one way used everywhere (page, command line, messages): "1 asset",
 * "2 assets", never "1 assets" or "2 problem(s)".
 *
 * @example plural(1, 'asset') // "1 asset"
 * @example plural(3, 'currency pair') // "3 currency pairs"
 * @example plural(2, 'entry', 'entries') // "2 entries"
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** The noun alone, for a count shown elsewhere: `noun(1, 'trade')` → "trade". */
export function noun(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

/** A count with thousands separators (`104,360`), the same in every locale. */
export function formatCount(count: number): string {
  return Number.isInteger(count) ? count.toLocaleString('en-US') : String(count);
}
