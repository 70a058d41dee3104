/**
 * Capturing charts in the page for the PDF writer (the only export module that touches the DOM):
 * Plotly charts through `Plotly.toImage` (PNG at a scale giving ≥ 300 dpi at the printed width, or
 * SVG), an `<svg>` serialised as it is, a `<canvas>` as its pixels, and any other element through
 * html2canvas at such a scale. Each returns a `PreparedChart`; the writer draws the chart spec
 * itself for any chart left out. Plotly and html2canvas are optional peer dependencies: the host
 * passes the one it uses, so a host that needs neither installs and bundles neither.
 */
import { BackfolioError } from '../errors';
import type { PreparedChart } from './writer.types';

/** Widest a chart is printed in the PDF, inches (landscape A4 content width, rounded down). */
export const PRINTED_WIDTH_INCHES = 10;
/** Resolution a raster chart must have at its printed size. */
export const TARGET_DPI = 300;
const CSS_PX_PER_INCH = 96;

/** Options of a capture. */
export interface CaptureOptions {
  /** Width the chart may be printed at, inches (default 10: the dpi holds at any smaller size). */
  printedWidthInches?: number | undefined;
  /** Required dots per inch at that width (default 300). */
  dpi?: number | undefined;
  /**
   * html2canvas (an optional peer dependency: `npm install html2canvas`), needed only for
   * elements other than `<svg>` and `<canvas>`.
   *
   * @example
   * import html2canvas from 'html2canvas';
   * await captureElement(document.querySelector('#kpis')!, 'kpis', { html2canvas });
   */
  html2canvas?: Html2CanvasLike | undefined;
}

/** The call of html2canvas that capture makes (its default export fits). */
export type Html2CanvasLike = (element: HTMLElement, options: { scale: number; backgroundColor: string; logging: boolean }) => Promise<HTMLCanvasElement>;

/** Render scale so a chart `cssWidth` CSS px wide has `dpi` at `printedWidthInches`: 960 px → 10 in → 3.125. */
export function computeCaptureScale(cssWidth: number, printedWidthInches = PRINTED_WIDTH_INCHES, dpi = TARGET_DPI): number {
  if (!(cssWidth > 0)) return dpi / CSS_PX_PER_INCH;
  return Math.max(1, (dpi * printedWidthInches) / cssWidth);
}

/** The bytes of a `data:` URL (base64 or percent-encoded). */
export function decodeDataUrl(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const header = url.slice(0, Math.max(0, comma));
  const payload = url.slice(comma + 1);
  if (header.endsWith(';base64')) {
    const binary = atob(payload);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  return new TextEncoder().encode(decodeURIComponent(payload));
}

/** Pixel size from a PNG's IHDR chunk; `null` when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The part of Plotly that capture needs (pass the page's Plotly, so it is not loaded twice). */
export interface PlotlyImageApi {
  toImage(
    root: HTMLElement,
    options: { format: 'png' | 'svg'; width: number; height: number; scale?: number },
  ): Promise<string>;
}

/** Captures a drawn Plotly chart as PNG (≥ 300 dpi at the printed width) or SVG. */
export async function capturePlotlyChart(
  plotly: PlotlyImageApi,
  root: HTMLElement,
  chartId: string,
  options: CaptureOptions & { format?: 'png' | 'svg'; cssWidth?: number; cssHeight?: number } = {},
): Promise<PreparedChart> {
  const cssWidth = Math.round(options.cssWidth ?? root.clientWidth ?? 960) || 960;
  const cssHeight = Math.round(options.cssHeight ?? root.clientHeight ?? 480) || 480;
  if (options.format === 'svg') {
    const url = await plotly.toImage(root, { format: 'svg', width: cssWidth, height: cssHeight });
    return { chartId, kind: 'svg', svg: new TextDecoder().decode(decodeDataUrl(url)), cssWidth, cssHeight };
  }
  const scale = computeCaptureScale(cssWidth, options.printedWidthInches, options.dpi);
  const url = await plotly.toImage(root, { format: 'png', width: cssWidth, height: cssHeight, scale });
  const bytes = decodeDataUrl(url);
  const size = readPngSize(bytes) ?? { width: Math.round(cssWidth * scale), height: Math.round(cssHeight * scale) };
  return { chartId, kind: 'png', bytes, widthPx: size.width, heightPx: size.height, cssWidth, cssHeight };
}

/**
 * Captures any element: an `<svg>` is serialised as it is (vectors), a `<canvas>` taken as its
 * pixels; anything else is rendered by html2canvas (pass it in `options`) at a scale giving
 * ≥ 300 dpi at the printed width.
 *
 * @example
 * const chart = await captureElement(document.querySelector('#chart')!, 'sales_chart');
 */
export async function captureElement(element: Element, chartId: string, options: CaptureOptions = {}): Promise<PreparedChart> {
  const rect = element.getBoundingClientRect();
  const cssWidth = Math.max(1, Math.round(rect.width));
  const cssHeight = Math.max(1, Math.round(rect.height));
  const tag = element.tagName.toLowerCase();
  if (tag === 'svg') {
    return { chartId, kind: 'svg', svg: new XMLSerializer().serializeToString(element), cssWidth, cssHeight };
  }
  if (tag === 'canvas') {
    const canvas = element as HTMLCanvasElement;
    return { chartId, kind: 'png', bytes: await canvasToPng(canvas), widthPx: canvas.width, heightPx: canvas.height, cssWidth, cssHeight };
  }
  const html2canvas = options.html2canvas;
  if (html2canvas === undefined) {
    throw new BackfolioError(
      'EXPORT_FAILED',
      `captureElement: a <${tag}> is drawn through html2canvas, an optional peer dependency: npm install html2canvas, then captureElement(element, '${chartId}', { html2canvas })`,
    );
  }
  const scale = computeCaptureScale(cssWidth, options.printedWidthInches, options.dpi);
  const canvas = await html2canvas(element as HTMLElement, { scale, backgroundColor: '#ffffff', logging: false });
  const bytes = await canvasToPng(canvas);
  return { chartId, kind: 'png', bytes, widthPx: canvas.width, heightPx: canvas.height, cssWidth, cssHeight };
}

function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new Error('the chart canvas could not be encoded as PNG'));
        return;
      }
      blob.arrayBuffer().then((buffer) => resolve(new Uint8Array(buffer)), reject);
    }, 'image/png');
  });
}
