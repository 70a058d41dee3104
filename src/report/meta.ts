/** The metadata of a backtest report: run, inputs, key figures, glossary, warnings. */
import { configToJson } from '../engine/config';
import type { BacktestResult, MetricValue, StrategySpec } from '../engine/types';
import { APP_NAME, APP_VERSION } from '../version';
import { currencyType, metricColumnType, PERCENT } from './columns';
import type { ExportOptions, KeyFigure, ReportMeta } from './model.types';
import type { DayRange } from './range';
import { normalizeMetric, type PortfolioColumn } from './summary';

/** The headline metrics of the cover and the Overview sheet, in this order (plus `final_value`). */
export const KEY_FIGURE_KEYS = ['total_return', 'annualized_return', 'volatility', 'sharpe_ratio', 'max_drawdown'] as const;

/** `2025-09-06T08:38:40Z`: an instant to the second, UTC. */
export function formatInstant(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

/** A one-line description of a strategy (`Risk parity of BTC, ETH, SOL (lookback 60)`). */
export function describeStrategy(spec: StrategySpec): string {
  switch (spec.type) {
    case 'fixed':
      return `Fixed weights: ${spec.weights.map((w) => `${w.symbol} ${+(w.weight * 100).toFixed(4)}%`).join(', ')}`;
    case 'equal_weight':
      return `Equal weight of ${spec.assets.join(', ')}`;
    case 'inverse_volatility':
      return `Inverse volatility of ${spec.assets.join(', ')} (lookback ${spec.lookback})`;
    case 'risk_parity':
      return `Risk parity of ${spec.assets.join(', ')} (lookback ${spec.lookback})`;
  }
}

/** Key figures per portfolio (parallel to `portfolios`): the five headline metrics and the final value. */
export function buildKeyFigures(
  result: BacktestResult,
  portfolios: PortfolioColumn[],
  metrics: Record<string, MetricValue>[],
  range: DayRange,
): KeyFigure[] {
  const base = result.config.base_currency;
  const figures: KeyFigure[] = KEY_FIGURE_KEYS.map((key) => {
    const definition = result.metric_definitions.find((d) => d.key === key);
    return {
      key,
      label: definition?.label ?? key,
      type: definition ? metricColumnType(definition.unit, base) : PERCENT,
      values: metrics.map((m) => normalizeMetric(m[key])),
    };
  });
  figures.push({
    key: 'final_value',
    label: `Final value (${base})`,
    type: currencyType(base),
    values: portfolios.map(({ portfolio }) => portfolio.values[range.end] ?? null),
  });
  return figures;
}

/** Everything `ReportMeta` holds for a backtest report. */
export function buildMeta(args: {
  result: BacktestResult;
  options: ExportOptions;
  generatedAt: string;
  inputs: ReportMeta['inputs'];
  portfolios: PortfolioColumn[];
  metrics: Record<string, MetricValue>[];
  range: DayRange;
}): ReportMeta {
  const { result, options, generatedAt, inputs, portfolios, metrics, range } = args;
  const dates = result.dates;
  const day0 = dates[0] ?? '';
  const last = dates[dates.length - 1] ?? '';
  const from = dates[range.start] ?? day0;
  const to = dates[range.end] ?? last;
  const meta: ReportMeta = {
    title: result.config.name,
    subtitle: `${from} to ${to}`,
    generatedAt,
    app: { name: APP_NAME, version: APP_VERSION },
    engineVersion: result.engine_version,
    portfolios: portfolios.map(({ portfolio, key }) => ({ name: portfolio.name, key, role: portfolio.role })),
    run: {
      config: configToJson(result.config),
      strategyLabel: describeStrategy(result.config.strategy),
      baseCurrency: result.config.base_currency,
      periodsPerYear: result.config.periods_per_year,
      periodsPerYearSource: result.periods_per_year_source,
      dataRange: { first: result.first_timeline_date || day0, last, day0 },
      exportedRange: { from, to },
      summaryScope: range.whole ? 'run' : 'exported_range',
    },
    options,
    keyFigures: buildKeyFigures(result, portfolios, metrics, range),
    glossary: result.metric_definitions.map((d) => ({ key: d.key, label: d.label, formula: d.formula })),
    warnings: result.warnings.map((w) => w.message),
  };
  if (inputs !== undefined && (inputs.prices !== undefined || inputs.fx !== undefined)) meta.inputs = inputs;
  return meta;
}
