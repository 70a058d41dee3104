/**
 * The hardening corpus manifest (tests/fixtures/bad/cases.json), typed, and the readers that
 * send a case's files to the entry point it names.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFxCsv } from '../../src/data/fx';
import { parsePriceCsv } from '../../src/data/prices';
import { validateConfig } from '../../src/engine/config';
import { runBacktest } from '../../src/engine/run';
import type { BacktestResult, FxData, PriceData } from '../../src/engine/types';
import { decodeCsvBytes } from '../../src/data/decode';
import { parseJsonStrict } from '../../src/data/json';

/** Folder of the corpus. */
export const BAD_DIR = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));

export type CaseTarget = 'prices' | 'decode' | 'fx' | 'config' | 'run' | 'cli';

export interface BadCase {
  id: string;
  /** The class of issue 15 the case belongs to (`15.1` … `15.8`); absent for the first corpus. */
  class?: string;
  target: CaseTarget;
  /** `metadata`: an export's metadata.json, passed to the command line with `--reproduce`. */
  files: { prices?: string; fx?: string; config?: string; metadata?: string };
  /** Extra CLI arguments. */
  args?: string[];
  expect: 'reject' | 'accept';
  /** Error code a rejection must carry (not checked for `cli`: the exit code is). */
  code?: string;
  /** Substrings the message must contain: what and where. */
  mentions?: string[];
  /** Run in a child process that is killed if it never finishes (inputs that once hung the engine). */
  isolate?: boolean;
  /** The message may be at most this long (a long list kept to one line with a count). */
  maxLength?: number;
  /** CLI: entries created in the output folder first (`…/` a folder; `{dead}` a finished process's id). */
  outSetup?: string[];
  /** CLI: the output folder's exact listing afterwards, export stamps removed (`x_<stamp>.zip` → `x.zip`). */
  outAfter?: string[];
  /** CLI: `--out` names an existing file instead of a folder. */
  outIsFile?: boolean;
  /** For accepted runs: substrings the run's warnings must contain (a degenerate run names what). */
  warnings?: string[];
  /** For accepted price files: the symbols and points per symbol. */
  assets?: string[];
  points?: number;
  firstDate?: string;
}

/** All cases of the manifest. */
export function loadCases(): BadCase[] {
  const manifest = JSON.parse(readFileSync(`${BAD_DIR}cases.json`, 'utf8')) as { cases: BadCase[] };
  return manifest.cases;
}

/** The bytes of a corpus file. */
export function readBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${BAD_DIR}${name}`));
}

/** What the dashboard's worker does with a file: UTF-8, replacement characters for bad bytes. */
function readUtf8(name: string): string {
  return new TextDecoder('utf-8').decode(readBytes(name));
}

function need(value: string | undefined, what: string, id: string): string {
  if (value === undefined) throw new Error(`case ${id}: no ${what} file`);
  return value;
}

/**
 * Runs a non-CLI case's entry point; returns the parsed prices or FX rates, or the run's result.
 * With `swallow`, a rejection is returned as undefined (for timing a case whatever its outcome).
 */
export function runCase(c: BadCase, swallow = false): PriceData | FxData | BacktestResult | undefined {
  if (swallow) {
    try {
      return runCase(c);
    } catch {
      return undefined;
    }
  }
  switch (c.target) {
    case 'prices':
      return parsePriceCsv(readUtf8(need(c.files.prices, 'prices', c.id)));
    case 'decode':
      return parsePriceCsv(decodeCsvBytes(readBytes(need(c.files.prices, 'prices', c.id)), 'prices'));
    case 'fx':
      return parseFxCsv(readUtf8(need(c.files.fx, 'fx', c.id)));
    case 'config':
      // As the command line reads it: a key given twice is refused, not silently overwritten.
      validateConfig(parseJsonStrict(readUtf8(need(c.files.config, 'config', c.id)), c.files.config ?? ''));
      return undefined;
    case 'run': {
      const prices = parsePriceCsv(readUtf8(need(c.files.prices, 'prices', c.id)));
      const fx = c.files.fx === undefined ? undefined : parseFxCsv(readUtf8(c.files.fx));
      const config = parseJsonStrict(readUtf8(need(c.files.config, 'config', c.id)), c.files.config ?? '') as Record<string, unknown>;
      return runBacktest(fx === undefined ? { config, prices } : { config, prices, fx });
    }
    case 'cli':
      throw new Error(`case ${c.id}: CLI cases run through runCliCase`);
  }
}
