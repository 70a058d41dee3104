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

/**
 * A count with thousands separators (`104,360`), the same in every locale: what
 * `count.toLocaleString('en-US')` prints, grouped by hand for safe integers (the first
 * `toLocaleString` of a process loads ICU's number data, ~200 ms of a command-line run).
 */
export function formatCount(count: number): string {
  if (!Number.isInteger(count)) return String(count);
  if (Math.abs(count) >= Number.MAX_SAFE_INTEGER || Object.is(count, -0)) return count.toLocaleString('en-US');
  const digits = String(Math.abs(count));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return count < 0 ? `-${grouped}` : grouped;
}
