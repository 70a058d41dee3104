/**
 * scanCsv's row parser splits quote-free text with one kind of line end itself; every other text
 * goes to papaparse. On any such text the rows (fields as written) and the cursors must be what
 * papaparse gives.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseRows, type RowStep } from '../../src/data/csv-utils';

function collect(parse: (step: (result: RowStep) => void) => void): { rows: string[][]; cursors: number[] } {
  const rows: string[][] = [];
  const cursors: number[] = [];
  parse((result) => {
    rows.push(result.data);
    cursors.push(result.meta.cursor);
  });
  return { rows, cursors };
}

const cell = fc.stringMatching(/^[ a-zA-Z0-9.+\-;,\t]{0,6}$/);

describe('parseRows', () => {
  it('gives papaparse rows and cursors for quote-free text (LF or CRLF, blank lines, ragged rows, trailing line end or not)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 0, maxLength: 5 }), { minLength: 0, maxLength: 12 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (lines, delimiter, newline, trailing) => {
          const body = lines.map((fields) => fields.join(delimiter)).join(newline) + (trailing ? newline : '');
          const fast = collect((step) => parseRows(body, { delimiter, skipEmptyLines: false, step }));
          const reference = collect((step) => Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false, step }));
          expect(fast).toEqual(reference);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('numbers the rows of quote-free text by the line each starts on', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom('\n', '\r\n'),
        (lines, newline) => {
          const body = lines.map((fields) => fields.join(',')).join(newline);
          const numbers: (number | undefined)[] = [];
          let start = 0;
          const expected: number[] = [];
          parseRows(body, {
            delimiter: ',',
            skipEmptyLines: false,
            step: (result) => {
              numbers.push(result.meta.line);
              expected.push(body.slice(0, start).split('\n').length);
              start = result.meta.cursor;
            },
          });
          expect(numbers).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves quoted text and mixed line ends to papaparse', () => {
    for (const body of ['a,"b,c"\n1,2\n', 'a,b\r\n1,2\n3,4\n', 'a,b\r1,2\r']) {
      const fast = collect((step) => parseRows(body, { delimiter: ',', skipEmptyLines: false, step }));
      const reference = collect((step) => Papa.parse<string[]>(body, { delimiter: ',', skipEmptyLines: false, step }));
      expect(fast).toEqual(reference);
    }
  });
});
