/**
 * Reading a JSON document (a run configuration, an export's metadata.json) without silent
 * choices: `JSON.parse` keeps the last of two equal keys and says nothing, so
 * `{"initial_capital": "1000", …, "initial_capital": "5000"}` ran with 5000. Here a key given
 * twice in one object is an error naming its key path and both lines.
 */
import { BackfolioError, listWithCount, type InputIssue } from '../errors';

/** A key given twice: where (key path) and on which lines. */
export interface DuplicateKey {
  path: string;
  firstLine: number;
  line: number;
}

/**
 * Parses JSON text, refusing a key given twice in an object. `what` names the document in
 * messages (`run.json`, `--reproduce metadata.json`). Throws `CONFIG_INVALID` for invalid JSON
 * (with the parser's own position) and for duplicate keys (every one, with key path and lines).
 *
 * @example parseJsonStrict('{"a": 1, "a": 2}', 'run.json') // throws: run.json: the key "a" is given twice (lines 1 and 1)
 */
export function parseJsonStrict(text: string, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new BackfolioError('CONFIG_INVALID', `${what}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const duplicates = findDuplicateKeys(text);
  if (duplicates.length > 0) {
    const issues: InputIssue[] = duplicates.map((d) => ({
      path: d.path,
      expected: `each key once per object (given on line ${d.firstLine} and again on line ${d.line}; JSON readers silently keep only the last)`,
    }));
    const listed = duplicates.slice(0, 10).map((d) => `"${d.path}" (lines ${d.firstLine} and ${d.line})`).join(', ');
    const more = duplicates.length > 10 ? ` and ${duplicates.length - 10} more` : '';
    throw new BackfolioError(
      'CONFIG_INVALID',
      `${what}: ${listWithCount(duplicates.map((d) => d.path), 'key')} given twice: ${listed}${more}. ` +
        'JSON keeps only the last of equal keys without a word, so the run would silently ignore the first: keep one.',
      { issues },
    );
  }
  return value;
}

/** One open object or array while scanning. */
interface Container {
  kind: 'object' | 'array';
  path: string;
  /** Object: key → line of its first occurrence. */
  keys: Map<string, number>;
  /** Object: the key whose value comes next. Array: the index of the next element. */
  key: string | null;
  index: number;
  /** Object: the next string is a key (after `{` or `,`). */
  expectingKey: boolean;
}

/**
 * Every key given twice in one object of valid JSON text, in document order. A single pass
 * over the text with an explicit stack (no recursion, so a deeply nested document cannot
 * overflow the call stack); keys are compared after unescaping (`"a"` equals `"\u0061"`).
 */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  const stack: Container[] = [];
  let line = 1;
  let i = 0;
  const childPath = (parent: Container | undefined): string => {
    if (parent === undefined) return '';
    if (parent.kind === 'array') return `${parent.path}[${parent.index}]`;
    return joinKey(parent.path, parent.key ?? '');
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      i++;
    } else if (c === 0x22) {
      // A string: find its end, skipping escapes.
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectingKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const first = top.keys.get(key);
        if (first === undefined) top.keys.set(key, line);
        else duplicates.push({ path: joinKey(top.path, key), firstLine: first, line });
        top.key = key;
        top.expectingKey = false;
      }
      i = end + 1;
    } else if (c === 0x7b || c === 0x5b) {
      const parent = stack[stack.length - 1];
      stack.push({ kind: c === 0x7b ? 'object' : 'array', path: childPath(parent), keys: new Map(), key: null, index: 0, expectingKey: c === 0x7b });
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      i++;
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.expectingKey = true;
      else if (top !== undefined) top.index++;
      i++;
    } else {
      i++;
    }
  }
  return duplicates;
}

/** `strategy.weights.BTC`; a key that is not a plain name is quoted (`weights["a.b"]`). */
function joinKey(path: string, key: string): string {
  if (/^[\p{L}\p{N}_$-]+$/u.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}
