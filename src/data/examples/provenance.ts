/**
 * What a report records about a bundled example's data: whether it is synthetic and where it
 * comes from. The command line and the dashboard put it on the example's `InputFileInfo`, so the
 * files name synthetic data by what it is, not by a file name the writers would have to know.
 */
import type { ExampleDataset } from './index';

/** The data facts of a bundled example, for its `InputFileInfo` (`synthetic`, `source`). */
export interface ExampleProvenance {
  synthetic: boolean;
  source: string;
}

/**
 * `synthetic` and `source` of an example's price data.
 *
 * @example exampleProvenance(findExample('crypto-risk-parity')!) // { synthetic: true, source: 'Generated … (mulberry32, seed 42)' }
 */
export function exampleProvenance(example: Pick<ExampleDataset, 'synthetic' | 'source'>): ExampleProvenance {
  return { synthetic: example.synthetic, source: example.source };
}
