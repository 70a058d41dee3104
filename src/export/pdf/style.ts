/**
 * The PDF's design tokens: one type scale, one spacing unit, the page grid and the colours, so
 * every template looks like one document (a fund factsheet's grid, not ad-hoc positions).
 * Colour carries meaning only: red for losses, the returns scale of the workbook for heatmaps.
 */

/** An RGB colour, 0–255 per channel. */
export type Rgb = [number, number, number];

/** The type scale (points). Body copy and tables use the small sizes; headings step up. */
export const TYPE = {
  /** Report title on the cover / factsheet. */
  display: 20,
  /** Chapter headings. */
  chapter: 15,
  /** Block headings (a table's or a chart's title). */
  heading: 10,
  /** Prose. */
  body: 8.5,
  /** Table cells. */
  table: 7.5,
  /** Long tables of the compliance template. */
  compact: 6,
  /** Notes, captions, footnotes, running header and footer. */
  caption: 7,
  /** Headline figures' values. */
  figure: 15,
} as const;

/** Line height as a multiple of the font size (prose); autotable uses jsPDF's 1.15 for cells. */
export const LEADING = 1.32;

/** The spacing unit: gaps between blocks are multiples of it. */
export const SPACE = 6;

/** Gutter between grid columns (points). */
export const GUTTER = 14;

/** Page margins in points; top and bottom leave room for the running header and footer. */
export const MARGIN = { top: 58, bottom: 50, left: 40, right: 40 } as const;

/** Colours used across the report. */
export const COLORS = {
  text: [33, 37, 41] as Rgb,
  muted: [108, 117, 125] as Rgb,
  accent: [31, 78, 121] as Rgb,
  negative: [192, 28, 28] as Rgb,
  rule: [200, 205, 210] as Rgb,
  /** Zebra rows of tables. */
  stripe: [244, 246, 249] as Rgb,
  /** Background of headline-figure tiles and the footnote box. */
  panel: [241, 244, 248] as Rgb,
  white: [255, 255, 255] as Rgb,
};

/** The workbook's 3-colour scale of monthly returns (Excel colorScale: min red, 0 white, max green). */
export const RETURNS_SCALE = { low: [248, 105, 107] as Rgb, mid: [255, 255, 255] as Rgb, high: [99, 190, 123] as Rgb };

/** A return's heatmap colour: white at 0, towards red for losses (scaled by the worst) and green for gains (by the best). */
export function returnColor(value: number, worst: number, best: number): Rgb {
  const { low, mid, high } = RETURNS_SCALE;
  const t = value < 0 ? (worst < 0 ? Math.min(1, value / worst) : 0) : best > 0 ? Math.min(1, value / best) : 0;
  const end = value < 0 ? low : high;
  return [0, 1, 2].map((i) => Math.round((mid[i] ?? 255) + ((end[i] ?? 255) - (mid[i] ?? 255)) * t)) as Rgb;
}

/** Line height of prose at `size`. */
export function lineHeight(size: number): number {
  return size * LEADING;
}
