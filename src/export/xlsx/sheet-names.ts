/**
 * Sheet names under Excel's rules: 1–31 characters, none of `[ ] : * ? / \`, not starting or
 * ending with an apostrophe, not the reserved `History`, unique without regard to case.
 */

/** Excel's limit on a sheet name's length (UTF-16 code units). */
export const MAX_SHEET_NAME_LENGTH = 31;

const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f]/g;

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
function cutToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/** One name made legal on its own (not yet unique): forbidden characters become `_`. */
export function sanitizeSheetName(title: string): string {
  let name = title.replace(FORBIDDEN, '_').trim();
  // Excel rejects a leading or trailing apostrophe (it delimits names in formulas).
  name = name.replace(/^'+|'+$/g, '').trim();
  if (name === '') name = 'Sheet';
  if (name.toLowerCase() === 'history') name = 'History_';
  return cutToLength(name, MAX_SHEET_NAME_LENGTH).trim() || 'Sheet';
}

/**
 * A namer that hands out legal, unique names in call order: a clash gets ` (2)`, ` (3)`…,
 * shortening the base so the name still fits in 31 characters.
 *
 * @example
 * const name = createSheetNamer(); name('Overview'); name('Overview') // 'Overview (2)'
 */
export function createSheetNamer(): (title: string) => string {
  const used = new Set<string>();
  return (title: string) => {
    const base = sanitizeSheetName(title);
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      candidate = `${cutToLength(base, MAX_SHEET_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  };
}
