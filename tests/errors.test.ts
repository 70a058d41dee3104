import { describe, expect, it } from 'vitest';
import { BackfolioError, errorFromIssues, formatIssue, throwIfAborted } from '../src/errors';

describe('errors', () => {
  it('names the path, the value and what was expected', () => {
    expect(formatIssue({ path: 'initial_capital', value: '-5', expected: 'a number > 0' })).toBe(
      'initial_capital: got "-5", expected a number > 0',
    );
    expect(formatIssue({ path: 'strategy', expected: 'an object' })).toBe('strategy: missing, expected an object');
  });

  it('reports many issues together with a count and a cap', () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({ path: `row ${i + 2}, column price`, value: 'x', expected: 'a number > 0' }));
    const error = errorFromIssues('PRICES_INVALID', 'Invalid price file', issues);
    expect(error).toBeInstanceOf(BackfolioError);
    expect(error.code).toBe('PRICES_INVALID');
    expect(error.issues).toHaveLength(25);
    expect(error.message).toContain('25 problems');
    expect(error.message).toContain('row 2, column price');
    expect(error.message).toContain('… and 5 more');
    expect(error.message).not.toContain('row 26,');
  });

  it('throws ABORTED once the signal fires', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal)).toThrowError(expect.objectContaining({ code: 'ABORTED' }));
  });
});
