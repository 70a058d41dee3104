/**
 * The URL hash carries the run configuration as base64url JSON (`#config=eyJ…`), so a run can be
 * bookmarked and shared; `#debug` opens the debug panel. Both can be combined (`#debug&config=…`).
 */

/** UTF-8 JSON of `config`, base64url without padding. */
export function encodeConfig(config: Record<string, unknown>): string {
  const bytes = new TextEncoder().encode(JSON.stringify(config));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The configuration in a base64url text, or `null` when it is not base64url JSON of an object. */
export function decodeConfig(text: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text === '') return null;
  try {
    const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What the hash says: a configuration (when present and readable) and whether debug is on. */
export interface HashState {
  config: Record<string, unknown> | null;
  debug: boolean;
}

/** Reads `#debug&config=…` (either part optional, any order). */
export function parseHash(hash: string): HashState {
  const state: HashState = { config: null, debug: false };
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part === 'debug') state.debug = true;
    else if (part.startsWith('config=')) state.config = decodeConfig(part.slice('config='.length));
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
