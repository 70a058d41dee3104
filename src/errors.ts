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
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
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

/** `path: got "value", expected …` — the single wording used everywhere. */
export function formatIssue(issue: InputIssue): string {
  const got = issue.value === undefined ? 'missing' : `got ${JSON.stringify(truncate(issue.value, 80))}`;
  return `${issue.path}: ${got}, expected ${issue.expected}`;
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
