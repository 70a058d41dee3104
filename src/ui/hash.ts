/**
 * The URL hash carries the run configuration as base64url JSON (`#config=eyJ…`), so a run can be
 * bookmarked and shared; `#debug` opens the debug panel. Both can be combined (`#debug&config=…`).
 */
import { parseJsonStrict } from '../data/json';
import { BackfolioError } from '../errors';
import { labelOfPath } from './messages';

/** UTF-8 JSON of `config`, base64url without padding. */
export function encodeConfig(config: Record<string, unknown>): string {
  const bytes = new TextEncoder().encode(JSON.stringify(config));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A configuration read from the hash, or why it could not be read (in plain words). */
export type HashConfig = { config: Record<string, unknown> } | { problem: string };

/**
 * Reads the configuration in a base64url text. The JSON is read strictly (src/data/json.ts): a
 * setting given twice, which `JSON.parse` would settle silently by keeping the last, is refused
 * like in a run.json, so a shared link never runs with a value nobody chose.
 */
export function readHashConfig(text: string): HashConfig {
  const unreadable = { problem: 'The settings in the link could not be read: the text after “#config=” is cut short or was changed. Copy the link again with “Share”.' };
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text === '') return unreadable;
  let json: string;
  try {
    const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return unreadable;
  }
  let parsed: unknown;
  try {
    parsed = parseJsonStrict(json, 'the link');
  } catch (error) {
    const twice = error instanceof BackfolioError ? error.issues.map((issue) => issue.path) : [];
    if (twice.length === 0) return unreadable;
    const named = twice.map((path) => `“${labelOfPath(path)}”${labelOfPath(path) === path ? '' : ` (${path})`}`);
    return {
      problem:
        `The settings in the link give ${listInWords(named)} twice, with no way to tell which value is meant, so they were not used. ` +
        'Remove one of them from the link, or copy the link again with “Share”.',
    };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { problem: 'The link’s “#config=” holds no settings (it is not a list of named settings), so it was not used. Copy the link again with “Share”.' };
  }
  return { config: parsed as Record<string, unknown> };
}

/** `a`, `a and b`, `a, b and c`. */
function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** The configuration in a base64url text, or `null` when it is not base64url JSON of an object (or gives a key twice). */
export function decodeConfig(text: string): Record<string, unknown> | null {
  const read = readHashConfig(text);
  return 'config' in read ? read.config : null;
}

/** What the hash says: a configuration (when present and readable) and whether debug is on. */
export interface HashState {
  config: Record<string, unknown> | null;
  debug: boolean;
  /** Why a `config=` part was not used (plain words), when it could not be read. */
  configProblem?: string;
}

/** Reads `#debug&config=…` (either part optional, any order). */
export function parseHash(hash: string): HashState {
  const state: HashState = { config: null, debug: false };
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part === 'debug') state.debug = true;
    else if (part.startsWith('config=')) {
      const read = readHashConfig(part.slice('config='.length));
      if ('config' in read) state.config = read.config;
      else state.configProblem = read.problem;
    }
  }
  return state;
}

/** The hash for a state (`#config=…`, with `debug&` in front when the panel is on). */
export function formatHash(state: HashState): string {
  const parts: string[] = [];
  if (state.debug) parts.push('debug');
  if (state.config) parts.push(`config=${encodeConfig(state.config)}`);
  return parts.length === 0 ? '' : `#${parts.join('&')}`;
}
