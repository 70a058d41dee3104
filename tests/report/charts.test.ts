import { describe, expect, it } from 'vitest';
import { chartData } from '../../src/report/chart-data';
import { CHART_COLORS } from '../../src/report/chart-style';
import {
  allocationChart,
  correlationChart,
  drawdownChart,
  equityChart,
  monthlyHeatmapChart,
  periodWords,
  returnDistributionChart,
  riskContributionsChart,
  rollingBetaChart,
  rollingSharpeChart,
  rollingVolatilityChart,
  underwaterChart,
  yearlyReturnsChart,
} from '../../src/report/charts';
import type { ChartSpec } from '../../src/report/model.types';
import {
  dayAfter,
  makeAllocations,
  makeContext,
  makeCorrelation,
  makeDaily,
  makeDecomposition,
  makeDrawdownPeriods,
  makeMonthly,
  makeRolling,
  makeYearly,
} from './chart-fixtures';

const SNAKE = /^[a-z0-9]+(_[a-z0-9]+)+$/;

/** Every text a reader sees on a spec: no snake_case key among them. */
function visibleTexts(spec: ChartSpec): string[] {
  return [spec.title, spec.subtitle ?? '', spec.xLabel, spec.yLabel, ...spec.series.map((s) => s.name)];
}

describe('equity chart spec', () => {
  it('labels the strategy and benchmarks by name, the axis with its currency, strategy first in the fixed role', () => {
    const context = makeContext({}, [
      { key: 'bitcoin', name: 'Bitcoin buy and hold' },
      { key: 'equal_weight', name: 'Equal weight' },
    ]);
    const spec = equityChart(makeDaily(100, 2, ['bitcoin', 'equal_weight']), context);
    expect(spec.series.map((s) => s.name)).toEqual(['Risk parity crypto (synthetic)', 'Bitcoin buy and hold', 'Equal weight']);
    expect(spec.series.map((s) => s.role)).toEqual(['strategy', 'benchmark', 'benchmark']);
    expect(spec.series.map((s) => s.column)).toEqual(['portfolio_value', 'bitcoin_value', 'equal_weight_value']);
    expect(spec.yLabel).toBe('Value (USD)');
    expect(spec.currency).toBe('USD');
    expect(spec.title).toBe('Equity curve vs benchmarks');
    for (const text of visibleTexts(spec)) expect(text).not.toMatch(SNAKE);
    const data = chartData(spec, makeDaily(100, 2, ['bitcoin', 'equal_weight']));
    expect(data?.series[0]?.color).toBe(CHART_COLORS.strategy);
    expect(data?.series[1]?.color).not.toBe(CHART_COLORS.strategy);
  });

  it('defaults to a log scale when the run grows more than 3×, and says so', () => {
    const grown = equityChart(makeDaily(200, 4), makeContext());
    expect(grown.yScale).toBe('log');
    expect(grown.subtitle).toContain('log scale');
    const flat = equityChart(makeDaily(200, 1.5), makeContext());
    expect(flat.yScale).toBe('linear');
    expect(flat.subtitle).not.toContain('log');
  });

  it('leaves out benchmarks whose column is not in the table and titles a lone strategy plainly', () => {
    const spec = equityChart(makeDaily(20, 1.1, []), makeContext());
    expect(spec.series).toHaveLength(1);
    expect(spec.title).toBe('Equity curve');
  });
});

describe('frequency-aware titles', () => {
  it('names daily, weekly and monthly data in titles and windows', () => {
    expect(periodWords(365).adjective).toBe('daily');
    expect(periodWords(252).adjective).toBe('daily');
    expect(periodWords(52).adjective).toBe('weekly');
    expect(periodWords(12).adjective).toBe('monthly');
    expect(periodWords(4).adjective).toBe('quarterly');
    const monthly = makeContext({ periodsPerYear: 12, rollingWindow: 12 });
    expect(correlationChart(makeCorrelation(['A', 'B']), monthly).title).toBe('Correlation of monthly returns');
    expect(correlationChart(makeCorrelation(['A', 'B']), makeContext()).title).toBe('Correlation of daily returns');
    expect(returnDistributionChart(makeDaily(30, 1.2), monthly).title).toBe('Distribution of monthly returns');
    expect(returnDistributionChart(makeDaily(30, 1.2), monthly).yLabel).toBe('Share of months');
    expect(rollingVolatilityChart(makeRolling(40), monthly).subtitle).toBe('12-month window, annualized');
    expect(rollingVolatilityChart(makeRolling(40), makeContext()).subtitle).toBe('30-day window, annualized');
    expect(drawdownChart(makeDaily(30, 1.2), makeContext({ periodsPerYear: 52 })).subtitle).toContain('weekly value');
    expect(allocationChart(makeAllocations(['BTC'], 5), monthly).subtitle).toContain('End-of-month weights');
  });
});

describe('underwater chart spec', () => {
  const daily = makeDaily(400, 1.5);
  const periods = makeDrawdownPeriods([
    // Not sorted on purpose: the builder ranks by depth.
    [dayAfter(10), dayAfter(20), dayAfter(30), -0.05],
    [dayAfter(40), dayAfter(60), dayAfter(90), -0.3],
    [dayAfter(100), dayAfter(110), dayAfter(120), -0.02],
    [dayAfter(130), dayAfter(150), dayAfter(170), -0.12],
    [dayAfter(180), dayAfter(190), dayAfter(200), -0.08],
    [dayAfter(210), dayAfter(215), dayAfter(220), -0.01],
    [dayAfter(300), dayAfter(350), null, -0.2],
  ]);

  it('shades the worst five periods, deepest first, ranked 1 to 5', () => {
    const spec = underwaterChart(daily, periods, makeContext());
    expect(spec.id).toBe('underwater');
    expect(spec.kind).toBe('area');
    expect(spec.series[0]).toMatchObject({ column: 'drawdown', role: 'strategy' });
    expect(spec.bands?.map((b) => b.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(spec.bands?.map((b) => b.from)).toEqual([dayAfter(40), dayAfter(300), dayAfter(130), dayAfter(180), dayAfter(10)]);
    expect(spec.subtitle).toContain('five worst drawdowns shaded');
  });

  it('runs an unrecovered period to the last date and describes each band', () => {
    const spec = underwaterChart(daily, periods, makeContext());
    const open = spec.bands?.[1];
    expect(open?.to).toBe(dayAfter(399));
    expect(open?.description).toContain('not recovered');
    expect(spec.bands?.[0]?.description).toContain('-30.0%');
    expect(spec.bands?.[0]?.to).toBe(dayAfter(90));
  });

  it('clips bands to the dates of the table and shades fewer when there are fewer periods', () => {
    const short = makeDaily(50, 1.1);
    const spec = underwaterChart(short, makeDrawdownPeriods([[dayAfter(-20), dayAfter(5), dayAfter(80), -0.1]]), makeContext());
    expect(spec.bands).toEqual([expect.objectContaining({ from: dayAfter(0), to: dayAfter(49), label: '1' })]);
    expect(spec.subtitle).toContain('the worst drawdown shaded');
    expect(underwaterChart(short, makeDrawdownPeriods([]), makeContext()).bands).toEqual([]);
  });
});

describe('yearly returns spec', () => {
  it('groups bars by year, strategy first, benchmarks by their names and roles', () => {
    const table = makeYearly(
      [
        { key: 'risk_parity_crypto_synthetic', label: 'Risk parity crypto (synthetic)' },
        { key: 'bitcoin', label: 'bitcoin' },
      ],
      [
        [2020, 0.5, 0.8],
        [2021, -0.2, -0.4],
      ],
    );
    const spec = yearlyReturnsChart(table, makeContext({ range: { from: '2020-03-02', to: '2021-12-31' } }));
    expect(spec.kind).toBe('grouped_bar');
    expect(spec.x).toBe('year');
    expect(spec.series.map((s) => [s.name, s.role])).toEqual([
      ['Risk parity crypto (synthetic)', 'strategy'],
      ['Bitcoin buy and hold', 'benchmark'],
    ]);
    expect(spec.subtitle).toBe('Calendar-year returns; 2020 from 2020-03-02');
    const data = chartData(spec, table);
    // Years print as years, never "2,020".
    expect(data?.labels).toEqual(['2020', '2021']);
    expect(data?.xKind).toBe('category');
  });
});

describe('monthly heatmap spec', () => {
  it('reads the twelve month columns of each year on the returns scale (losses red)', () => {
    const table = makeMonthly([2021, 2022], (y, m) => (y === 2021 && m < 2 ? null : (m - 5) / 100));
    const spec = monthlyHeatmapChart(table, makeContext());
    expect(spec.kind).toBe('heatmap');
    expect(spec.colorScale).toBe('returns');
    expect(spec.series.map((s) => s.name)).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    expect(spec.yFormat).toBe('percent');
    const data = chartData(spec, table);
    expect(data?.labels).toEqual(['2021', '2022']);
    expect(data?.series[0]?.values).toEqual([null, -0.05]);
  });
});

describe('return distribution spec', () => {
  it('bins r_1..r_N: day 0 (the initial purchase) is left out', () => {
    const daily = makeDaily(120, 1.3);
    const spec = returnDistributionChart(daily, makeContext());
    expect(spec.omitX).toEqual(['2020-01-01']);
    expect(spec.xFormat).toBe('percent');
    const data = chartData(spec, daily);
    expect(data?.histogram?.n).toBe(119);
    expect(data?.labels[0]).toBe(dayAfter(1));
  });

  it('keeps every row of a range that starts after day 0', () => {
    const daily = makeDaily(60, 1.1);
    daily.rows = daily.rows.slice(10);
    const spec = returnDistributionChart(daily, makeContext());
    expect(spec.omitX).toBeUndefined();
    expect(chartData(spec, daily)?.histogram?.n).toBe(50);
  });
});

describe('rolling, risk and allocation specs', () => {
  it('gives Sharpe and beta their own charts; beta against the first benchmark, none without one', () => {
    const rolling = makeRolling(100);
    expect(rollingSharpeChart(rolling, makeContext())).toMatchObject({ id: 'rolling_sharpe', yFormat: 'number', yLabel: 'Sharpe ratio' });
    const beta = rollingBetaChart(rolling, makeContext());
    expect(beta?.title).toBe('Rolling beta vs Bitcoin buy and hold');
    expect(beta?.referenceLines).toEqual([{ value: 1, label: 'Beta 1' }]);
    expect(rollingBetaChart(rolling, makeContext({}, []))).toBeNull();
    expect(rollingBetaChart(makeRolling(100, 30, false), makeContext())).toBeNull();
  });

  it('labels allocation bands by symbol with cash last in grey, stacked to a fixed 0–100 %', () => {
    const spec = allocationChart(makeAllocations(['BTC', 'ETH'], 5), makeContext());
    expect(spec.series.map((s) => [s.name, s.role])).toEqual([
      ['BTC', 'asset'],
      ['ETH', 'asset'],
      ['Cash', 'other'],
    ]);
    expect(spec.yRange).toEqual([0, 1]);
    const data = chartData(spec, makeAllocations(['BTC', 'ETH'], 5));
    expect(data?.series[2]?.color).toBe(CHART_COLORS.other);
    expect(data?.series[0]?.color).toBe(CHART_COLORS.assets[0]);
  });

  it('puts correlations on the diverging scale and risk contributions as percent bars', () => {
    const correlation = correlationChart(makeCorrelation(['BTC', 'ETH', 'SOL']), makeContext());
    expect(correlation).toMatchObject({ kind: 'heatmap', colorScale: 'diverging', yFormat: 'number', x: 'asset' });
    expect(correlation.series.map((s) => s.column)).toEqual(['BTC', 'ETH', 'SOL']);
    const risk = riskContributionsChart(makeDecomposition(['BTC', 'ETH']), makeContext());
    expect(risk).toMatchObject({ kind: 'bar', yFormat: 'percent', x: 'asset' });
    for (const text of [...visibleTexts(correlation), ...visibleTexts(risk)]) expect(text).not.toMatch(SNAKE);
  });
});
