import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKeys, parseJsonStrict } from '../../src/data/json';
import { BackfolioError } from '../../src/errors';

describe('parseJsonStrict: a key given twice is an error, not a silent choice', () => {
  it('names the key path and both lines, at any depth', () => {
    const text = '{\n  "a": 1,\n  "b": { "c": [ { "d": 1 }, { "d": 2, "d": 3 } ] },\n  "a": 2\n}';
    expect(findDuplicateKeys(text)).toEqual([
      { path: 'b.c[1].d', firstLine: 3, line: 3 },
      { path: 'a', firstLine: 2, line: 4 },
    ]);
    const error = (() => {
      try {
        parseJsonStrict(text, 'run.json');
      } catch (e) {
        return e as BackfolioError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(BackfolioError);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('run.json: 2 keys (b.c[1].d, a) given twice');
    expect(error.issues.map((i) => i.path)).toEqual(['b.c[1].d', 'a']);
  });

  it('compares keys after unescaping and quotes keys that are not plain names', () => {
    expect(findDuplicateKeys('{"w": {"a.b": 1, "a\\u002eb": 2}}')).toEqual([{ path: 'w["a.b"]', firstLine: 1, line: 1 }]);
    expect(findDuplicateKeys('{"x\\"y": 1, "x\\"y": 2}')).toEqual([{ path: '["x\\"y"]', firstLine: 1, line: 1 }]);
  });

  it('does not confuse string values, equal keys in sibling objects, or brackets inside strings with keys', () => {
    expect(findDuplicateKeys('{"a": "a", "b": "{\\"a\\": 1, [", "c": [{"a": 1}, {"a": 2}], "d": {"a": 1}}')).toEqual([]);
  });

  it('scans deep nesting without recursion', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}{"k": 1, "k": 2}${']'.repeat(depth)}`;
    expect(findDuplicateKeys(text)).toHaveLength(1);
  });

  it('agrees with JSON.parse on documents without duplicates (no false alarm)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findDuplicateKeys(JSON.stringify(value, null, 1))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("reports invalid JSON with the parser's message, naming the document", () => {
    expect(() => parseJsonStrict('{"a": ', 'metadata.json')).toThrow(/metadata\.json: not valid JSON/);
  });
});
