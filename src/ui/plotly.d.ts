/** The small part of Plotly's API the dashboard uses (the dist bundle ships no types). */
declare module 'plotly.js-cartesian-dist-min' {
  export interface PlotlyImageOptions {
    format: 'png' | 'svg' | 'jpeg';
    width: number;
    height: number;
    scale?: number;
  }
  export interface PlotlyStatic {
    newPlot(root: HTMLElement, data: Record<string, unknown>[], layout?: Record<string, unknown>, config?: Record<string, unknown>): Promise<HTMLElement>;
    react(root: HTMLElement, data: Record<string, unknown>[], layout?: Record<string, unknown>, config?: Record<string, unknown>): Promise<HTMLElement>;
    toImage(root: HTMLElement, options: PlotlyImageOptions): Promise<string>;
    purge(root: HTMLElement): void;
    Plots: { resize(root: HTMLElement): void };
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
