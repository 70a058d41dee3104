import { plural } from './plural';

/**
 * The one error class of Backfolio. Every failure a person can act on carries a stable `code`
 * (so hosts can map it to their own wording) and a message that names the field and the value.
 *
 * @example
 * throw new BackfolioError('CONFIG_INVALID', 'initial_capital: got "-5", expected a number > 0', {
 *   issues: [{ path: 'initial_capital', value: '-5', expected: 'a number > 0' }],
 * });
 */
export type BackfolioErrorCode =
  | 'CONFIG_INVALID'
  | 'PRICES_INVALID'
  | 'FX_INVALID'
  | 'FX_MISSING_PAIR'
  | 'ASSET_NO_DATA'
  | 'NO_TIMELINE'
  | 'ABORTED'
  | 'EXPORT_FAILED'
  | 'INPUT_MISMATCH'
  | 'CLI_USAGE'
  | 'INTERNAL';

/** One problem in an input: where it is, what was there, what was expected. */
export interface InputIssue {
  /** Key path (`strategy.weights.BTC`) or file location (`row 12, column price`). */
  path: string;
  /** The offending value as text (truncated for display); `undefined` when absent. */
  value?: string;
  /** What would have been accepted. */
  expected: string;
}

export interface BackfolioErrorOptions {
  issues?: InputIssue[];
  cause?: unknown;
}

export class BackfolioError extends Error {
  readonly code: BackfolioErrorCode;
  readonly issues: InputIssue[];

  constructor(code: BackfolioErrorCode, message: string, options: BackfolioErrorOptions = {}) {
    // A value read from a file may hold characters nobody can see (`101.5\u200b`): shown as `<U+200B>`.
    super(showInvisible(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BackfolioError';
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

/** Builds one error from many issues, so a user sees every problem at once, not one per run. */
export function errorFromIssues(
  code: BackfolioErrorCode,
  title: string,
  issues: InputIssue[],
  maxListed = 20,
): BackfolioError {
  const lines = issues.slice(0, maxListed).map(formatIssue);
  const more = issues.length > maxListed ? `\n  … and ${issues.length - maxListed} more` : '';
  return new BackfolioError(code, `${title} (${plural(issues.length, 'problem')}):\n  ${lines.join('\n  ')}${more}`, { issues });
}

/** `path: got "value", expected …` — the single wording used everywhere; invisible characters shown as `<U+200B>`. */
export function formatIssue(issue: InputIssue): string {
  const got = issue.value === undefined ? 'missing' : `got ${JSON.stringify(truncate(issue.value, 80))}`;
  // A key path can hold user text (an unknown key of a megabyte): shortened like the value.
  return showInvisible(`${truncate(issue.path, 120)}: ${got}, expected ${issue.expected}`);
}

/**
 * Characters a reader cannot see or tell from a space: controls (but the line feed that separates
 * a message's lines), format characters (zero-width space, joiners, direction marks, BOM, soft
 * hyphen), spaces other than U+0020 (no-break, ideographic), line and paragraph separators,
 * other default-ignorable code points (variation selectors, fillers) and lone surrogates.
 */
const INVISIBLE = /[^\P{Cc}\n]|[\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]|[^\P{Zs} ]/gu;

/** Joiners and variation selectors that belong to an emoji (`👨‍👩‍👧`, `❤️`) stay as they are. */
const EMOJI_PART = /[\u200d\ufe0e\ufe0f]/u;
const EMOJI_BEFORE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]$/u;
const KEYCAP = /^[\d#*]\ufe0f\u20e3/u;

/** True when `text` holds a character `showInvisible` would spell out. */
export function hasInvisible(text: string): boolean {
  return showInvisible(text) !== text;
}

/**
 * Text with every invisible character written as its code point (`"101.5\u200b"` → `101.5<U+200B>`),
 * so a value that looks valid in a message shows why it is not.
 *
 * @example showInvisible('ETH\u200b') // 'ETH<U+200B>'
 */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (char, offset: number) => {
    if (EMOJI_PART.test(char) && EMOJI_BEFORE.test(text.slice(Math.max(0, offset - 2), offset))) return char;
    if (char === '\ufe0f' && KEYCAP.test(text.slice(offset - 1, offset + 2))) return char;
    return `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/**
 * A list kept to one readable line with its count: `3 assets (AAA, BBB, CCC)`, or
 * `500 assets (AAA, BBB, CCC, DDD, EEE and 495 more)` instead of 500 symbols.
 *
 * @example listWithCount(['AAA'], 'asset') // '1 asset (AAA)'
 */
export function listWithCount(items: readonly string[], noun: string, shown = 5, style: 'parentheses' | 'colon' = 'parentheses'): string {
  const count = `${items.length} ${items.length === 1 ? noun : `${noun}s`}`;
  if (items.length === 0) return count;
  const head = items.slice(0, shown).join(', ');
  const list = items.length <= shown ? head : `${head} and ${items.length - shown} more`;
  return style === 'colon' ? `${count}: ${list}` : `${count} (${list})`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof BackfolioError && error.code === 'ABORTED';
}

/** Throws `ABORTED` when the signal has fired; long loops call this every few hundred steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BackfolioError('ABORTED', 'Cancelled by the user.');
}
