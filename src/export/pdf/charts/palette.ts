/** Series colours (RGB), distinguishable in print and for common colour-vision deficiencies. */
export const PALETTE: [number, number, number][] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

/** The colour of the `index`-th series (cycles past the palette). */
export function seriesColor(index: number): [number, number, number] {
  return PALETTE[index % PALETTE.length] ?? [0, 0, 0];
}

/** Diverging blue–white–red colour for a value in [-1, 1] (correlations). */
export function divergingColor(value: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, value));
  const white = 247;
  if (t >= 0) {
    return [Math.round(white + (178 - white) * t), Math.round(white + (24 - white) * t), Math.round(white + (43 - white) * t)];
  }
  const u = -t;
  return [Math.round(white + (33 - white) * u), Math.round(white + (102 - white) * u), Math.round(white + (172 - white) * u)];
}
