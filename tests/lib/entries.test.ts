/**
 * The library's entry modules as sources (the packed package is checked in tests/consumer/):
 * what each exports by name, so a documented function cannot drop out of an entry unnoticed.
 */
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index';
import * as root from '../../src/index';

describe('library entries', () => {
  it('export the strict JSON parser from the root and from backfolio/engine, refusing duplicate keys by key path', () => {
    for (const entry of [root, engine]) {
      expect(entry.parseJsonStrict('{"a": {"b": 1}}', 'run.json')).toEqual({ a: { b: 1 } });
      expect(() => entry.parseJsonStrict('{"a": {"b": 1,\n "b": 2}}', 'run.json')).toThrow(/run\.json: 1 key \(a\.b\) given twice: "a\.b" \(lines 1 and 2\)/);
      expect(entry.findDuplicateKeys('{"x": 1, "x": 2}')).toEqual([{ path: 'x', firstLine: 1, line: 1 }]);
    }
  });
});
