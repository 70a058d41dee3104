import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/engine/config';
import { NAMED_COLUMN_FILES, findColumnCollisions, toAsciiKey, toSnakeKey } from '../../src/engine/naming';
import { runBacktest } from '../../src/engine/run';
import { BackfolioError } from '../../src/errors';
import { buildReport } from '../../src/report/build';
import { fixedWeights, makeConfig, makePrices } from './engine-helpers';

describe('toSnakeKey: the Unicode snake_case rule of exports.md', () => {
  it.each([
    ['Risk parity crypto', 'risk_parity_crypto'],
    ['Биткоин', 'биткоин'],
    ['БИТКОИН Fund', 'биткоин_fund'],
    ['比特币 50/50', '比特币_50_50'],
    ['Ἀθῆναι', 'ἀθῆναι'],
    ['  __S&P 500--TR__ ', 's_p_500_tr'],
    ['Café', 'café'],
    // Decomposed input (e + combining acute) gives the same key as the composed one.
    ['Cafe\u0301', 'café'],
    ['हिन्दी', 'हिन्दी'],
    ['60/40 🚀 portfolio', '60_40_portfolio'],
  ])('%s → %s', (name, key) => {
    expect(toSnakeKey(name)).toBe(key);
  });

  it('gives the fallback (empty by default) for a name without letters or digits', () => {
    expect(toSnakeKey('🚀🚀')).toBe('');
    expect(toSnakeKey('—', 'x')).toBe('x');
  });

  it('toAsciiKey keeps the ASCII rule for file-safe ids', () => {
    expect(toAsciiKey('Ventes été 2024', 't')).toBe('ventes_t_2024');
    expect(toAsciiKey('比特币', 'table_1')).toBe('table_1');
  });
});

describe('findColumnCollisions', () => {
  const names = (portfolios: string[], assets: string[] = []) => ({
    portfolios: portfolios.map((value, i) => ({ value, path: i === 0 ? 'name' : `benchmarks[${i - 1}].name` })),
    assets: assets.map((value, i) => ({ value, path: `strategy.assets[${i}]` })),
  });

  it('accepts distinct Cyrillic and CJK benchmark names (they no longer fall back to "portfolio")', () => {
    expect(findColumnCollisions(names(['Run', 'Биткоин', '比特币', 'Эфир'], ['BTC', 'ETH']))).toEqual([]);
  });

  it.each([
    [['Run', 'Portfolio'], [], 'benchmarks[0].name', ['"portfolio_value"', 'daily_portfolio_data.csv', 'the fixed column']],
    [['Run', 'Metric'], [], 'benchmarks[0].name', ['"metric"', 'performance_summary.csv']],
    [['Year'], [], 'name', ['"year"', 'yearly_returns.csv']],
    [['Run', 'Period'], [], 'benchmarks[0].name', ['"period"', 'trailing_returns.csv']],
    [['Run', 'Биткоин', 'БИТКОИН'], [], 'benchmarks[1].name', ['"Биткоин" (benchmarks[0].name)', '"биткоин"', 'performance_summary.csv, daily_portfolio_data.csv']],
    [['Equal weight', 'equal-weight'], [], 'benchmarks[0].name', ['run\'s name "Equal weight"', '"equal_weight"']],
    [['Café', 'Cafe\u0301'], [], 'benchmarks[0].name', ['"café"']],
    [['Run'], ['cash'], 'strategy.assets[0]', ['"cash_weight"', 'asset_allocations.csv']],
    [['Run'], ['asset'], 'strategy.assets[0]', ['"asset"', 'correlation_matrix.csv']],
    [['Run'], ['=A', "'=A"], 'strategy.assets[1]', ['"\'=A_weight"', 'symbol "=A"', 'formula']],
    [['Run'], ['BTC', 'btc'], 'strategy.assets[1]', ['"btc_weight"', 'case']],
    [['Run'], ['CASH'], 'strategy.assets[0]', ['"CASH_weight"', 'cash_weight', 'case']],
    [['Run'], ['ETH', 'ETH\u200b'], 'strategy.assets[1]', ['invisible']],
  ])('%j with assets %j: refused at %s', (portfolios, assets, path, mentions) => {
    const issues = findColumnCollisions(names(portfolios, assets));
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    for (const part of mentions) expect(issue?.expected).toContain(part);
  });

  it('refuses a portfolio name that snake-cases to nothing', () => {
    const issues = findColumnCollisions(names(['Run', '🚀']));
    expect(issues).toEqual([expect.objectContaining({ path: 'benchmarks[0].name', value: '🚀', expected: expect.stringContaining('letter or digit') })]);
  });

  it('refuses in validateConfig before anything runs, naming both names', () => {
    const config = {
      name: 'Run',
      start_date: '2024-01-01',
      end_date: '2024-02-01',
      initial_capital: '1000',
      base_currency: 'USD',
      rebalancing_frequency: 'monthly',
      strategy: { type: 'fixed', weights: [{ symbol: '=A', weight: 0.5 }, { symbol: "'=A", weight: 0.5 }] },
    };
    expect(() => validateConfig(config)).toThrow(/strategy\.weights\[1\]: got "'=A".*symbol "=A" \(strategy\.weights\[0\]\)/);
  });

  it('refuses a RunConfig built by a host (no validateConfig) in runBacktest', () => {
    const config = makeConfig({
      strategy: fixedWeights({ A: 1 }),
      benchmarks: [{ name: 'Portfolio', type: 'buy_and_hold', strategy: fixedWeights({ A: 1 }), rebalancing_frequency: 'never', rebalance_threshold: null }],
    });
    const prices = makePrices([{ date: '2021-01-04', A: '10' }, { date: '2021-01-05', A: '11' }]);
    expect(() => runBacktest({ config, prices })).toThrow(BackfolioError);
    expect(() => runBacktest({ config, prices })).toThrow(/portfolio_value/);
  });
});

describe('NAMED_COLUMN_FILES matches the tables the report builds', () => {
  // Names unlike any fixed column, so a column holding them is recognisably a generated one.
  const symbols = ['QQX', 'ZZW'];
  const config = makeConfig({
    name: 'Strat Zeta',
    strategy: fixedWeights({ QQX: 0.5, ZZW: 0.5 }),
    benchmarks: [{ name: 'Bench Omega', type: 'buy_and_hold', strategy: fixedWeights({ QQX: 1 }), rebalancing_frequency: 'never', rebalance_threshold: null }],
  });
  const prices = makePrices(
    ['2021-01-04', '2021-01-05', '2021-01-06', '2021-01-07', '2021-01-08'].map((date, i) => ({ date, QQX: String(10 + i), ZZW: String(20 - i) })),
  );
  const report = buildReport(runBacktest({ config, prices }), { formats: ['csv'], template: 'detailed', bom: true });
  const tables = report.sections.flatMap((s) => s.tables);
  const generated = (key: string): boolean => /zeta|omega|QQX|ZZW/.test(key);

  it('lists every table with a column made of a name, and each listed table has exactly its fixed columns besides', () => {
    for (const table of tables) {
      const layout = NAMED_COLUMN_FILES.find((f) => f.file === `${table.id}.csv`);
      const keys = table.columns.map((c) => c.key);
      if (layout === undefined) {
        expect(keys.filter(generated), `${table.id} has name columns but is not in NAMED_COLUMN_FILES`).toEqual([]);
        continue;
      }
      expect(keys.filter((k) => !generated(k)).sort(), table.id).toEqual([...layout.fixed].sort());
      const expected: string[] = [];
      if (layout.portfolioColumn) {
        const keysOf = layout.portfolios === 'benchmarks' ? ['bench_omega'] : ['strat_zeta', 'bench_omega'];
        expected.push(...keysOf.map(layout.portfolioColumn));
      }
      if (layout.assetColumn) expected.push(...symbols.map(layout.assetColumn));
      expect(keys.filter(generated).sort(), table.id).toEqual(expected.sort());
    }
  });
});
