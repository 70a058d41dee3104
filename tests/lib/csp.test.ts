import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, parseCsp } from '../../src/lib/csp';

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the directives joined in order, and parses back to them', () => {
    expect(CONTENT_SECURITY_POLICY.startsWith("default-src 'self'; script-src 'self'; worker-src 'self' blob:;")).toBe(true);
    expect(parseCsp(CONTENT_SECURITY_POLICY)).toEqual(CSP_DIRECTIVES);
  });

  it('parses spacing, case and empty parts', () => {
    expect(parseCsp("  Script-Src  'self'   blob: ;; object-src 'none';")).toEqual({ 'script-src': ["'self'", 'blob:'], 'object-src': ["'none'"] });
  });
});
