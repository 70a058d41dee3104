/**
 * The bundled examples: a ready run configuration plus its data, no download at run time.
 * STUB: being implemented.
 */
export interface ExampleDataset {
  id: string;
  title: string;
  /** Shown wherever the example is shown (e.g. "synthetic prices, seed 42"). */
  description: string;
  synthetic: boolean;
  /** Where the data comes from and under which licence. */
  source: string;
  config: Record<string, unknown>;
  /** Price CSV text (loaded lazily: the S&P file is ~400 KB). */
  loadPrices(): Promise<string>;
  loadFx?(): Promise<string>;
}

export const EXAMPLES: ExampleDataset[] = [];
