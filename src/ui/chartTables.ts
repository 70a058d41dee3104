/**
 * Text alternatives of the result charts: a one-sentence summary (the chart's accessible name)
 * and its data as a table a screen reader can read, built from the same view model the chart
 * is drawn from.
 */
import type { ResultView } from '../worker/viewModel.types';
import { plural } from '../plural';

/** A chart's data as display text. */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

const number2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent2 = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `12.34%`, or empty for a missing value. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : percent2.format(value).replace('-', '−');
}

/** `12,345.67`, or empty for a missing value. */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : number2.format(value).replace('-', '−');
}

function last<T>(values: readonly T[]): T | undefined {
  return values[values.length - 1];
}

/** The chart's data as a table (the sampled dates the chart draws). */
export function chartTable(id: string, view: ResultView): ChartTable | null {
  const dates = view.dates;
  switch (id) {
    case 'equity':
      return {
        columns: ['Date', ...view.portfolios.map((p) => `${p.name} (${view.baseCurrency})`)],
        rows: dates.map((d, i) => [d, ...view.portfolios.map((p) => formatNumber(p.values[i]))]),
      };
    case 'drawdown':
      return {
        columns: ['Date', ...view.portfolios.map((p) => p.name)],
        rows: dates.map((d, i) => [d, ...view.portfolios.map((p) => formatPercent(p.drawdown[i]))]),
      };
    case 'allocation':
      return {
        columns: ['Date', ...view.allocation.assets, 'cash'],
        rows: dates.map((d, i) => [d, ...view.allocation.weights.map((w) => formatPercent(w[i])), formatPercent(view.allocation.cash[i])]),
      };
    case 'rolling_volatility':
      return {
        columns: ['Date', 'Rolling volatility', 'Rolling Sharpe ratio'],
        rows: dates.map((d, i) => [d, formatPercent(view.rolling.volatility[i]), formatNumber(view.rolling.sharpe[i])]),
      };
    case 'correlation':
      return {
        columns: ['Asset', ...view.correlation.assets],
        rows: view.correlation.assets.map((a, i) => [a, ...(view.correlation.matrix[i] ?? []).map((v) => formatNumber(v))]),
      };
    case 'risk_contributions':
      return {
        columns: ['Asset', 'Weight', 'Volatility', 'Contribution to volatility', 'Share of risk'],
        rows: view.risk.map((r) => [r.asset, formatPercent(r.weight), formatPercent(r.volatility), formatPercent(r.contribution), formatPercent(r.share)]),
      };
    default:
      return null;
  }
}

/** One sentence saying what the chart shows, used as its accessible name. */
export function chartSummary(id: string, title: string, view: ResultView): string {
  const span = `${view.firstDate} to ${view.lastDate}`;
  const strategy = view.portfolios[0];
  switch (id) {
    case 'equity':
      return `${title}, ${span}: ${view.portfolios.map((p) => `${p.name} ends at ${formatNumber(last(p.values))} ${view.baseCurrency}`).join('; ')}.`;
    case 'drawdown':
      return `${title}, ${span}: ${view.portfolios.map((p) => `${p.name} deepest ${formatPercent(Math.min(0, ...p.drawdown))}`).join('; ')}.`;
    case 'allocation':
      return `${title}: weights of ${plural(view.allocation.assets.length, 'asset')} and cash, ${span}.`;
    case 'rolling_volatility':
      return `${title}: ${strategy?.name ?? 'strategy'}, ${plural(view.rollingWindow, 'period')} window, ${span}.`;
    case 'correlation':
      return `${title}: pairwise correlation of ${plural(view.correlation.assets.length, 'asset')}, from −1 to 1.`;
    case 'risk_contributions': {
      const top = [...view.risk].sort((a, b) => b.contribution - a.contribution)[0];
      return `${title}: ${plural(view.risk.length, 'asset')}${top ? `, largest ${top.asset} at ${formatPercent(top.share)} of the risk` : ''}.`;
    }
    default:
      return `${title}, ${span}.`;
  }
}
