/**
 * Thinning long series before they are drawn as vectors: a 5,000-point line costs file size and
 * viewer time but shows no more than ~1,500 points at print resolution.
 */

/** A point of a series (x in any numeric unit, y the value). */
export interface Point {
  x: number;
  y: number;
}

/** Most points drawn per series. */
export const MAX_POINTS_PER_SERIES = 1500;

/**
 * Min/max bucket downsampling: splits the points into buckets and keeps each bucket's lowest and
 * highest point in x order, so peaks and troughs (a max drawdown) survive. First and last points
 * are always kept. Returns the input when it is already short enough.
 */
export function downsampleMinMax(points: Point[], maxPoints = MAX_POINTS_PER_SERIES): Point[] {
  if (points.length <= maxPoints || maxPoints < 4) return points;
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return points;
  const inner = points.slice(1, -1);
  const buckets = Math.floor((maxPoints - 2) / 2);
  const size = inner.length / buckets;
  const out: Point[] = [first];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(inner.length, Math.floor((b + 1) * size));
    let lo: Point | undefined;
    let hi: Point | undefined;
    let loIndex = 0;
    let hiIndex = 0;
    for (let i = start; i < end; i++) {
      const p = inner[i];
      if (!p) continue;
      if (!lo || p.y < lo.y) {
        lo = p;
        loIndex = i;
      }
      if (!hi || p.y > hi.y) {
        hi = p;
        hiIndex = i;
      }
    }
    if (!lo || !hi) continue;
    if (lo === hi) out.push(lo);
    else if (loIndex < hiIndex) out.push(lo, hi);
    else out.push(hi, lo);
  }
  out.push(last);
  return out;
}

/** Evenly spaced indices of `length` items (first and last kept), for series that must share x (stacked areas). */
export function strideIndices(length: number, maxPoints = MAX_POINTS_PER_SERIES): number[] {
  if (length <= maxPoints) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (maxPoints - 1);
  const out: number[] = [];
  for (let i = 0; i < maxPoints; i++) out.push(Math.round(i * step));
  return out;
}
