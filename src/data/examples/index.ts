/**
 * The bundled examples: a ready run configuration plus its data, no download at run time.
 * The crypto prices are generated on demand (deterministic, see `synthetic.ts`); the real-data
 * examples are generated TypeScript modules (scripts/import-vega-datasets.ts) loaded with a
 * dynamic `import()`, so Vite splits them into their own chunks and Node needs no fs.
 */
import { generateSyntheticPrices, type SyntheticAsset } from './synthetic';

export interface ExampleDataset {
  id: string;
  title: string;
  /** Shown wherever the example is shown (e.g. "synthetic prices, seed 42"). */
  description: string;
  synthetic: boolean;
  /** Where the data comes from and under which licence. */
  source: string;
  config: Record<string, unknown>;
  /** Price CSV text (loaded lazily: the S&P file is ~120 KB). */
  loadPrices(): Promise<string>;
  loadFx?(): Promise<string>;
}

/** The five synthetic crypto assets: 2020-ish starting prices, crypto-like drift and volatility. */
export const CRYPTO_ASSETS: SyntheticAsset[] = [
  { symbol: 'BTC', startPrice: 7200, drift: 0.6, volatility: 0.7, marketLoading: 0.9 },
  { symbol: 'ETH', startPrice: 130, drift: 0.7, volatility: 0.85, marketLoading: 0.85 },
  { symbol: 'SOL', startPrice: 1.5, drift: 1.0, volatility: 1.1, marketLoading: 0.7 },
  { symbol: 'ADA', startPrice: 0.033, drift: 0.6, volatility: 0.95, marketLoading: 0.75 },
  { symbol: 'XRP', startPrice: 0.19, drift: 0.35, volatility: 0.95, marketLoading: 0.7 },
];

const CRYPTO_SYMBOLS = CRYPTO_ASSETS.map((a) => a.symbol);
/** Seed of the crypto example's PRNG. */
export const CRYPTO_SEED = 42;

/** Generates the crypto example's price CSV (wide form, every calendar day 2020–2024). */
export function generateCryptoExampleCsv(): string {
  return generateSyntheticPrices({ assets: CRYPTO_ASSETS, start: '2020-01-01', end: '2024-12-31', calendar: 'daily', seed: CRYPTO_SEED }).csv;
}

const VEGA_SOURCE = 'vega-datasets 3.2.1 (BSD-3-Clause), see src/data/examples/vega-datasets-LICENSE.txt';

const CRYPTO_CONFIG: Record<string, unknown> = {
  name: 'Risk parity crypto (synthetic)',
  start_date: '2020-01-01',
  end_date: '2024-12-31',
  initial_capital: '10000',
  base_currency: 'USD',
  rebalancing_frequency: 'monthly',
  rebalance_threshold: '5/25',
  transaction_costs: { fixed_per_trade: '0', percentage: '0.001' },
  risk_free_rate: '0.02',
  periods_per_year: 365,
  quantity_decimals: 8,
  min_trade_value: '0',
  rolling_window: 30,
  strategy: { type: 'risk_parity', assets: CRYPTO_SYMBOLS, lookback: 60 },
  benchmarks: [
    // Names as a reader sees them; their column keys stay `bitcoin` and `equal_weight`.
    { name: 'Bitcoin', type: 'buy_and_hold', asset: 'BTC' },
    { name: 'Equal weight', type: 'equal_weight', assets: CRYPTO_SYMBOLS },
  ],
};

const US_STOCKS_CONFIG: Record<string, unknown> = {
  name: 'US stocks inverse volatility',
  start_date: '2004-08-01',
  end_date: '2010-03-01',
  initial_capital: '100000',
  base_currency: 'USD',
  rebalancing_frequency: 'monthly',
  transaction_costs: { fixed_per_trade: '1', percentage: '0.0005' },
  risk_free_rate: '0.02',
  periods_per_year: 12,
  quantity_decimals: 4,
  rolling_window: 12,
  strategy: { type: 'inverse_volatility', assets: ['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL'], lookback: 12 },
  benchmarks: [{ name: 'Equal weight', type: 'equal_weight', assets: ['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL'] }],
};

const SP500_CONFIG: Record<string, unknown> = {
  name: 'SP500 fixed 100%',
  start_date: '2000-01-03',
  end_date: '2020-04-17',
  initial_capital: '10000',
  base_currency: 'USD',
  rebalancing_frequency: 'never',
  transaction_costs: { fixed_per_trade: '0', percentage: '0' },
  risk_free_rate: '0.02',
  periods_per_year: 252,
  quantity_decimals: 6,
  rolling_window: 63,
  strategy: { type: 'fixed', weights: { SPX: 1 } },
  benchmarks: [{ name: 'SPX buy and hold', type: 'buy_and_hold', asset: 'SPX' }],
};

/**
 * Every bundled example; the first is the default of the dashboard and the command line.
 * `config` is a fresh copy on every read, so a form that edits it cannot change the example.
 */
export const EXAMPLES: ExampleDataset[] = [
  {
    id: 'crypto-risk-parity',
    title: 'Crypto risk parity (synthetic prices)',
    description:
      'Synthetic daily prices, seed 42: a correlated random walk for BTC, ETH, SOL, ADA and XRP, every calendar day 2020–2024. ' +
      'Not market data. Risk parity over 60 days, rebalanced monthly and on the 5/25 band rule.',
    synthetic: true,
    source: 'Generated in the browser by src/data/examples/synthetic.ts (mulberry32, seed 42)',
    get config() {
      return structuredClone(CRYPTO_CONFIG);
    },
    loadPrices: async () => generateCryptoExampleCsv(),
  },
  {
    id: 'us-stocks',
    title: 'US tech stocks, inverse volatility (monthly, 2004–2010)',
    description:
      'Real monthly prices of MSFT, AMZN, IBM, GOOG and AAPL (vega-datasets). Inverse volatility over 12 months, ' +
      'rebalanced monthly, against an equal-weight benchmark. Starts when GOOG is listed (Aug 2004).',
    synthetic: false,
    source: `data/stocks.csv of ${VEGA_SOURCE}`,
    get config() {
      return structuredClone(US_STOCKS_CONFIG);
    },
    loadPrices: async () => (await import('./generated/us-stocks-prices')).US_STOCKS_CSV,
  },
  {
    id: 'sp500',
    title: 'S&P 500 buy and hold (daily, 2000–2020)',
    description:
      'Real daily closes of the S&P 500 index, 2000-01-03 to 2020-04-17 (vega-datasets, from Yahoo Finance): ' +
      'one asset held from day 0, showing the dot-com, 2008 and 2020 drawdowns.',
    synthetic: false,
    source: `data/sp500-2000.csv of ${VEGA_SOURCE}; original source Yahoo Finance`,
    get config() {
      return structuredClone(SP500_CONFIG);
    },
    loadPrices: async () => (await import('./generated/sp500-prices')).SP500_CSV,
  },
];

/** The example with this id; `undefined` when there is none. */
export function findExample(id: string): ExampleDataset | undefined {
  return EXAMPLES.find((example) => example.id === id);
}
