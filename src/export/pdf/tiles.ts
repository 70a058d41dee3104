/**
 * The headline figures as a grid of tiles, as on a fund factsheet: the strategy's value large,
 * the benchmarks' values beneath it for comparison, losses in red.
 */
import { formatDisplayValue, toNumber } from '../../report/format';
import type { KeyFigure, ReportMeta } from '../../report/model.types';
import type { PdfContext } from './context';
import { makeNamer } from './convert';
import { COLORS, GUTTER, lineHeight, SPACE, TYPE } from './style';
import { drawText, wrapText } from './text';

/** Benchmarks compared in each tile; more would not fit and are named in a note instead. */
export const TILE_BENCHMARKS = 2;

/** Where the grid goes and how many tiles a row. */
export interface GridBox {
  x: number;
  y: number;
  w: number;
  columns: number;
}

function valueText(figure: KeyFigure, index: number): { text: string; negative: boolean } {
  const value = figure.values[index] ?? null;
  const text = formatDisplayValue(value, figure.type);
  const n = toNumber(value);
  const lossy = figure.type.kind === 'percent' || figure.type.kind === 'currency';
  return { text: text === '' ? '—' : text, negative: lossy && n !== null && n < 0 };
}

/** Draws the tiles; returns the grid's height. */
export function drawFigureGrid(ctx: PdfContext, meta: ReportMeta, figures: KeyFigure[], box: GridBox): number {
  const { doc, fonts } = ctx;
  const name = makeNamer(meta);
  const benchmarks = meta.portfolios.map((p, i) => ({ p, i })).filter(({ p }) => p.role === 'benchmark').slice(0, TILE_BENCHMARKS);
  const tileW = (box.w - GUTTER * (box.columns - 1)) / box.columns;
  const inner = tileW - 2 * SPACE;
  const rows: KeyFigure[][] = [];
  for (let i = 0; i < figures.length; i += box.columns) rows.push(figures.slice(i, i + box.columns));
  let y = box.y;
  for (const row of rows) {
    // Comparison lines wrap within the tile; the row is as tall as its tallest tile.
    const compare = row.map((figure) =>
      benchmarks.flatMap(({ p, i }) => {
        doc.setFontSize(TYPE.caption);
        return wrapText(doc, fonts, `${name(p.name)}: ${valueText(figure, i).text}`, inner);
      }),
    );
    const labelLines = row.map((figure) => {
      doc.setFontSize(TYPE.caption);
      return wrapText(doc, fonts, figure.label, inner, 'bold');
    });
    const maxLabel = Math.max(1, ...labelLines.map((l) => l.length));
    const maxCompare = Math.max(0, ...compare.map((c) => c.length));
    const height = SPACE + maxLabel * lineHeight(TYPE.caption) + TYPE.figure * 1.25 + maxCompare * lineHeight(TYPE.caption) + SPACE;
    row.forEach((figure, k) => {
      const x = box.x + k * (tileW + GUTTER);
      doc.setFillColor(...COLORS.panel);
      doc.rect(x, y, tileW, height, 'F');
      doc.setFillColor(...COLORS.accent);
      doc.rect(x, y, 2, height, 'F');
      let ty = y + SPACE + TYPE.caption * 0.85;
      doc.setFontSize(TYPE.caption);
      doc.setTextColor(...COLORS.muted);
      for (const line of labelLines[k] ?? []) {
        drawText(doc, fonts, line, x + SPACE, ty, { style: 'bold' });
        ty += lineHeight(TYPE.caption);
      }
      ty += (maxLabel - (labelLines[k]?.length ?? 0)) * lineHeight(TYPE.caption);
      const strategy = valueText(figure, 0);
      doc.setFontSize(TYPE.figure);
      doc.setTextColor(...(strategy.negative ? COLORS.negative : COLORS.text));
      drawText(doc, fonts, strategy.text, x + SPACE, ty + TYPE.figure * 0.85, { style: 'bold' });
      ty += TYPE.figure * 1.25;
      doc.setFontSize(TYPE.caption);
      doc.setTextColor(...COLORS.muted);
      for (const line of compare[k] ?? []) {
        drawText(doc, fonts, line, x + SPACE, ty + TYPE.caption * 0.85);
        ty += lineHeight(TYPE.caption);
      }
    });
    y += height + GUTTER / 2;
  }
  return y - box.y - GUTTER / 2;
}
