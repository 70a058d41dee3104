/**
 * A report as it crosses to the export worker. Structured cloning would copy a 20,000-row table
 * synchronously on the page and strip Decimal cells of their class, so the report travels as JSON
 * text in byte arrays that are *transferred* (moved, not copied): the report without its rows, then
 * the rows in slices, each slice written between two checkpoints so encoding never blocks the
 * page. Values JSON cannot hold are tagged and restored on the other side: Decimals (money,
 * quantities, prices: exact text) and non-finite numbers.
 */
import type { CellValue, Report, ReportTable } from '../report/model.types';

/** A report ready to post: every byte array's buffer goes in the transfer list. */
export interface EncodedReport {
  /** The report with every table's rows left out, as UTF-8 JSON. */
  skeleton: Uint8Array;
  /** Rows in slices, in table order (tables numbered across sections). */
  rows: { table: number; bytes: Uint8Array }[];
  /** Whether any value was tagged, so the reader needs the (slower) reviver. */
  tagged: boolean;
}

/** Cells per slice of rows: ~5 ms of JSON on a laptop, so a 40 ms checkpoint interval holds. */
export const CELLS_PER_SLICE = 20_000;

const DECIMAL_TAG = '$decimal';
const NUMBER_TAG = '$number';

/** Whether a value is a decimal.js Decimal (of any copy of the library: it tags its instances). */
export function isDecimalValue(value: unknown): value is { toString(): string } {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Decimal]';
}

/** Turns Decimals and non-finite numbers into tagged objects; tells `onTag` when it does. */
function makeReplacer(onTag: () => void): (this: unknown, key: string, value: unknown) => unknown {
  return function replacer(this: unknown, key: string, value: unknown): unknown {
    // `value` is the result of toJSON (a Decimal's is its text); the holder has the original.
    const original = (this as Record<string, unknown>)[key];
    if (isDecimalValue(original)) {
      onTag();
      return { [DECIMAL_TAG]: original.toString() };
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      onTag();
      return { [NUMBER_TAG]: String(value) };
    }
    return value;
  };
}

function tables(report: Report): ReportTable[] {
  return report.sections.flatMap((section) => section.tables);
}

/**
 * Encodes `report` for the worker. `checkpoint` (the export's) runs between slices, so the page
 * keeps painting and a cancel is seen while a large report is being encoded.
 *
 * @example
 * const encoded = await encodeReport(report, checkpoint);
 * worker.postMessage({ type: 'load', report: encoded }, transferablesOf(encoded));
 */
export async function encodeReport(report: Report, checkpoint?: () => Promise<void>): Promise<EncodedReport> {
  let tagged = false;
  const replacer = makeReplacer(() => (tagged = true));
  const encoder = new TextEncoder();
  const withoutRows: Report = {
    meta: report.meta,
    sections: report.sections.map((section) => ({ ...section, tables: section.tables.map((table) => ({ ...table, rows: [] })) })),
  };
  const skeleton = encoder.encode(JSON.stringify(withoutRows, replacer));
  const rows: EncodedReport['rows'] = [];
  for (const [index, table] of tables(report).entries()) {
    const step = Math.max(1, Math.floor(CELLS_PER_SLICE / Math.max(1, table.columns.length)));
    for (let from = 0; from < table.rows.length; from += step) {
      await checkpoint?.();
      rows.push({ table: index, bytes: encoder.encode(JSON.stringify(table.rows.slice(from, from + step), replacer)) });
    }
  }
  return { skeleton, rows, tagged };
}

/** The buffers of an encoded report, for `postMessage`'s transfer list. */
export function transferablesOf(encoded: EncodedReport): ArrayBuffer[] {
  return [encoded.skeleton, ...encoded.rows.map((r) => r.bytes)].map((bytes) => bytes.buffer as ArrayBuffer);
}

/**
 * Decodes a report encoded by `encodeReport`; `toDecimal` rebuilds tagged Decimals (the worker
 * passes the engine's constructor, so writers see the same Decimal cells the page had).
 */
export function decodeReport(encoded: EncodedReport, toDecimal: (text: string) => CellValue): Report {
  const decoder = new TextDecoder();
  const reviver = encoded.tagged
    ? (_key: string, value: unknown): unknown => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
        const keys = Object.keys(value);
        if (keys.length !== 1) return value;
        const record = value as Record<string, unknown>;
        if (typeof record[DECIMAL_TAG] === 'string') return toDecimal(record[DECIMAL_TAG]);
        if (typeof record[NUMBER_TAG] === 'string') return Number(record[NUMBER_TAG]);
        return value;
      }
    : undefined;
  const report = JSON.parse(decoder.decode(encoded.skeleton), reviver) as Report;
  const all = tables(report);
  for (const slice of encoded.rows) {
    const table = all[slice.table];
    if (table === undefined) continue;
    const rows = JSON.parse(decoder.decode(slice.bytes), reviver) as CellValue[][];
    for (const row of rows) table.rows.push(row);
  }
  return report;
}
