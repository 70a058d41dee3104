import { describe, expect, it } from 'vitest';
import { BackfolioError, errorFromIssues, formatIssue, showInvisible, throwIfAborted } from '../src/errors';

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

  it.each([
    ['101.5\u200b', '101.5<U+200B>'],
    ['a\u00a0b', 'a<U+00A0>b'],
    ['\ufeffdate', '<U+FEFF>date'],
    ['RTL\u200f', 'RTL<U+200F>'],
    ['soft\u00adhyphen', 'soft<U+00AD>hyphen'],
    ['tab\there', 'tab<U+0009>here'],
    ['line\u2028sep', 'line<U+2028>sep'],
    ['ideographic\u3000space', 'ideographic<U+3000>space'],
    ['5\ufe0f', '5<U+FE0F>'],
  ])('shows the invisible characters of %j as code points', (text, shown) => {
    expect(showInvisible(text)).toBe(shown);
  });

  it('keeps line feeds, ordinary Unicode and emoji (with their joiners and variation selectors) as they are', () => {
    for (const text of ['two\nlines', 'Биткоин 比特币 Ἀθῆναι', '👨\u200d👩\u200d👧 fund', '\u2764\ufe0f', '1\ufe0f\u20e3']) expect(showInvisible(text)).toBe(text);
  });

  it('makes them visible in every message and issue line', () => {
    const issue = { path: 'row 3, column AAA', value: '101.5\u200b', expected: 'a number > 0' };
    expect(formatIssue(issue)).toBe('row 3, column AAA: got "101.5<U+200B>", expected a number > 0');
    expect(new BackfolioError('INPUT_MISMATCH', 'Asset "ETH\u200b" is not in the price file').message).toBe('Asset "ETH<U+200B>" is not in the price file');
    expect(errorFromIssues('PRICES_INVALID', 'Bad', [issue]).message).toContain('101.5<U+200B>');
  });
});
