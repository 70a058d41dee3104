/**
 * The Content-Security-Policy Backfolio runs under (the dashboard and examples/embed.html), for
 * hosts embedding the library: no eval, scripts and workers from the page's own origin only
 * (workers also from `blob:`), no network beyond the origin, inline styles allowed because Plotly
 * injects its own `<style>` rules.
 */

/** Each directive and its sources, in the order they are written. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * The policy as the `content` of a `<meta http-equiv="Content-Security-Policy">` tag (or an HTTP
 * header of that name).
 *
 * @example
 * document.head.insertAdjacentHTML('afterbegin', `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
 */
export const CONTENT_SECURITY_POLICY: string = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/**
 * Parses a policy into directive → sources (names lower-cased), for checking a page's policy.
 *
 * @example
 * parseCsp("script-src 'self'; object-src 'none'")['script-src']; // ["'self'"]
 */
export function parseCsp(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    directives[name.toLowerCase()] = sources;
  }
  return directives;
}
