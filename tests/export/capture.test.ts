import { describe, expect, it } from 'vitest';
import { captureElement, capturePlotlyChart, computeCaptureScale, decodeDataUrl, readPngSize } from '../../src/export/capture';
import { makePng } from './pdf/read-pdf';

describe('chart capture helpers', () => {
  it('computes a scale giving ≥ 300 dpi at the printed width', () => {
    const scale = computeCaptureScale(960, 10, 300);
    expect(960 * scale).toBeGreaterThanOrEqual(3000);
    expect(computeCaptureScale(5000, 10, 300)).toBe(1);
  });

  it('decodes base64 and percent-encoded data URLs', () => {
    expect([...decodeDataUrl('data:image/png;base64,AAEC')]).toEqual([0, 1, 2]);
    expect(new TextDecoder().decode(decodeDataUrl('data:image/svg+xml,%3Csvg%3E%3C%2Fsvg%3E'))).toBe('<svg></svg>');
  });

  it('reads a PNG size and rejects other bytes', async () => {
    expect(readPngSize(await makePng(31, 7))).toEqual({ width: 31, height: 7 });
    expect(readPngSize(new Uint8Array(30))).toBeNull();
  });

  it('captures a Plotly chart through toImage at the computed scale', async () => {
    const png = await makePng(3000, 1500);
    const calls: { format: string; scale?: number }[] = [];
    const plotly = {
      toImage: async (_root: HTMLElement, options: { format: 'png' | 'svg'; width: number; height: number; scale?: number }) => {
        calls.push(options);
        return options.format === 'png' ? `data:image/png;base64,${Buffer.from(png).toString('base64')}` : 'data:image/svg+xml,%3Csvg%2F%3E';
      },
    };
    const root = { clientWidth: 960, clientHeight: 480 } as HTMLElement;
    const chart = await capturePlotlyChart(plotly, root, 'equity');
    expect(chart).toMatchObject({ chartId: 'equity', kind: 'png', widthPx: 3000, heightPx: 1500, cssWidth: 960, cssHeight: 480 });
    expect(calls[0]?.scale).toBeCloseTo(3.125);
    const svg = await capturePlotlyChart(plotly, root, 'drawdown', { format: 'svg' });
    expect(svg).toMatchObject({ kind: 'svg', svg: '<svg/>' });
  });

  it('asks for html2canvas (an optional peer) only for elements other than <svg> and <canvas>', async () => {
    const png = await makePng(3000, 1200);
    const canvasLike = (width: number, height: number): HTMLCanvasElement =>
      ({ width, height, tagName: 'CANVAS', getBoundingClientRect: () => ({ width: 960, height: 384 }), toBlob: (done: (b: Blob) => void) => done(new Blob([png.slice()])) }) as unknown as HTMLCanvasElement;
    const canvas = await captureElement(canvasLike(3000, 1200), 'sales');
    expect(canvas).toMatchObject({ chartId: 'sales', kind: 'png', widthPx: 3000, heightPx: 1200, cssWidth: 960, cssHeight: 384 });
    const div = { tagName: 'DIV', getBoundingClientRect: () => ({ width: 960, height: 400 }) } as unknown as Element;
    await expect(captureElement(div, 'kpis')).rejects.toThrow(/a <div> is drawn through html2canvas, an optional peer dependency: npm install html2canvas, then captureElement\(element, 'kpis', \{ html2canvas \}\)/);
    const scales: number[] = [];
    const html2canvas = async (_element: HTMLElement, options: { scale: number }): Promise<HTMLCanvasElement> => {
      scales.push(options.scale);
      return canvasLike(3000, 1250);
    };
    const drawn = await captureElement(div, 'kpis', { html2canvas });
    expect(drawn).toMatchObject({ kind: 'png', widthPx: 3000, heightPx: 1250 });
    expect(scales[0]).toBeCloseTo(3.125);
  });
});
