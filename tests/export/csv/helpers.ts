/** Reading a CSV package back: unzip with fflate, parse each CSV with papaparse. */
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { csvWriter } from '../../../src/export/csv/index';
import type { PackageMetadata } from '../../../src/export/csv/metadata';
import type { Report } from '../../../src/report/model.types';

export interface ReadPackage {
  entries: Record<string, Uint8Array>;
  names: string[];
  csv: (name: string) => string[][];
  text: (name: string) => string;
  metadata: PackageMetadata;
  rows: number;
}

const BOM = '\uFEFF';

/** Unzips `bytes`; `csv(name)` parses a file (BOM stripped) into records, header first. */
export function readPackage(bytes: Uint8Array, rows = 0): ReadPackage {
  const entries = unzipSync(bytes);
  const text = (name: string): string => {
    const entry = entries[name];
    if (!entry) throw new Error(`no entry ${name}`);
    // ignoreBOM keeps the byte-order mark in the text, so tests can see it.
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(entry);
  };
  const csv = (name: string): string[][] => {
    const raw = text(name);
    const parsed = Papa.parse<string[]>(raw.startsWith(BOM) ? raw.slice(1) : raw, { header: false, skipEmptyLines: true });
    if (parsed.errors.length > 0) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
    return parsed.data;
  };
  return { entries, names: Object.keys(entries), csv, text, metadata: JSON.parse(text('metadata.json')) as PackageMetadata, rows };
}

/** Writes `report` with the CSV writer and reads it back. */
export async function writeAndRead(report: Report): Promise<ReadPackage> {
  const out = await csvWriter.write(report, {});
  return readPackage(out.bytes, out.rows);
}
