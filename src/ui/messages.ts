/**
 * Errors in plain words for the page: the engine names key paths (`initial_capital`,
 * `benchmarks.0.asset`, `dateRange.from`) so that hosts and the command line can act on them;
 * a person sees the field's label instead, and what to do.
 */
import { BackfolioError, type InputIssue } from '../errors';
import { plural } from '../plural';
import { SETTING_LABELS, settingOfPath } from './settings';

const EXPORT_LABELS: Record<string, string> = {
  dateRange: 'Date range',
  'dateRange.from': 'From',
  'dateRange.to': 'To',
  sections: 'Sections',
  prefix: 'File-name prefix',
  template: 'PDF template',
};

/** The label a person knows for a key path (`benchmarks.1.asset` → `Benchmark 2, asset`); file locations stay as they are. */
export function labelOfPath(path: string): string {
  const normal = path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
  if (EXPORT_LABELS[normal]) return EXPORT_LABELS[normal];
  const bench = /^benchmarks\.(\d+)(?:\.(.+))?$/.exec(normal);
  if (bench) {
    const n = Number(bench[1]) + 1;
    const rest = (bench[2] ?? '').replace(/^strategy\./, '').replace(/_/g, ' ');
    return rest === '' ? `Benchmark ${n}` : `Benchmark ${n}, ${rest}`;
  }
  const weight = /^strategy\.weights\.(.+)$/.exec(normal);
  if (weight) return `${weight[1] ?? ''} weight`;
  const setting = settingOfPath(normal);
  if (setting) return SETTING_LABELS[setting];
  return path;
}

function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * One issue as a sentence: `Initial capital: expected a number > 0; you entered "-5".` With
 * `withPath: false` (shown under the field, whose label already says which) the label is left out.
 */
export function plainIssue(issue: InputIssue, options: { withPath: boolean }): string {
  const got = issue.value === undefined ? '' : issue.value === '' ? '; it is empty' : `; you entered "${issue.value.length > 80 ? `${issue.value.slice(0, 79)}…` : issue.value}"`;
  const body = `expected ${issue.expected}${got}`;
  if (!options.withPath) return sentence(body);
  return `${labelOfPath(issue.path)}: ${body}.`;
}

/** The first line of an error message, at most 300 characters. */
export function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * An error as a short message for a toast: issues in plain words (the first two, and how many
 * more), otherwise the message's first line with any leading key path (`dateRange: got …`)
 * replaced by its label.
 */
export function plainError(error: unknown): string {
  if (error instanceof BackfolioError && error.issues.length > 0) {
    const shown = error.issues.slice(0, 2).map((i) => plainIssue(i, { withPath: true }));
    const more = error.issues.length - shown.length;
    return more > 0 ? `${shown.join(' ')} And ${plural(more, 'more problem')}.` : shown.join(' ');
  }
  const text = firstLine(error instanceof Error ? error.message : String(error));
  const keyed = /^([a-z_][\w.[\]]*): (.*)$/.exec(text);
  return keyed ? `${labelOfPath(keyed[1] ?? '')}: ${keyed[2] ?? ''}` : text;
}
