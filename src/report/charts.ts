/**
 * The six chart specs of a backtest report, each pointing at columns of a table in the same
 * section, so a chart is never left without its data when sections are filtered.
 */
import type { ChartSpec, ReportTable } from './model.types';

/** Equity of the strategy against its benchmarks (`daily_portfolio_data`). */
export function equityChart(daily: ReportTable, strategyName: string): ChartSpec {
  return {
    id: 'equity',
    title: 'Equity curve',
    kind: 'line',
    tableId: daily.id,
    x: 'date',
    series: [
      { column: 'portfolio_value', name: strategyName },
      ...daily.columns.slice(7).map((c) => ({ column: c.key, name: c.label.replace(/ value$/, '') })),
    ],
    xLabel: 'Date',
    yLabel: 'Value',
    yFormat: 'currency',
  };
}

/** The strategy's drawdown (`daily_portfolio_data.drawdown`). */
export function drawdownChart(daily: ReportTable, strategyName: string): ChartSpec {
  return {
    id: 'drawdown',
    title: 'Drawdown',
    kind: 'area',
    tableId: daily.id,
    x: 'date',
    series: [{ column: 'drawdown', name: strategyName }],
    xLabel: 'Date',
    yLabel: 'Drawdown',
    yFormat: 'percent',
  };
}

/** End-of-day weights over time, stacked to 1 (`asset_allocations`). */
export function allocationChart(allocations: ReportTable): ChartSpec {
  return {
    id: 'allocation',
    title: 'Allocation over time',
    kind: 'stacked_area',
    tableId: allocations.id,
    x: 'date',
    series: allocations.columns.slice(1).map((c) => ({ column: c.key, name: c.label.replace(/ weight$/, '') })),
    xLabel: 'Date',
    yLabel: 'Weight',
    yFormat: 'percent',
  };
}

/** Rolling annualized volatility (`rolling_metrics.rolling_volatility`). */
export function rollingVolatilityChart(rolling: ReportTable, strategyName: string): ChartSpec {
  return {
    id: 'rolling_volatility',
    title: 'Rolling volatility',
    kind: 'line',
    tableId: rolling.id,
    x: 'date',
    series: [{ column: 'rolling_volatility', name: strategyName }],
    xLabel: 'Date',
    yLabel: 'Annualized volatility',
    yFormat: 'percent',
  };
}

/** Correlation heatmap (`correlation_matrix`: rows labelled by `asset`). */
export function correlationChart(correlation: ReportTable): ChartSpec {
  return {
    id: 'correlation',
    title: 'Correlation of daily returns',
    kind: 'heatmap',
    tableId: correlation.id,
    x: 'asset',
    series: correlation.columns.slice(1).map((c) => ({ column: c.key, name: c.label })),
    xLabel: 'Asset',
    yLabel: 'Asset',
    yFormat: 'number',
  };
}

/** Each asset's contribution to portfolio volatility (`volatility_decomposition.contribution`). */
export function riskContributionsChart(decomposition: ReportTable): ChartSpec {
  return {
    id: 'risk_contributions',
    title: 'Risk contributions',
    kind: 'bar',
    tableId: decomposition.id,
    x: 'asset',
    series: [{ column: 'contribution', name: 'Contribution to volatility' }],
    xLabel: 'Asset',
    yLabel: 'Contribution',
    yFormat: 'percent',
  };
}
