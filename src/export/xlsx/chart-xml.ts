/**
 * DrawingML for the Overview's native charts (ECMA-376 Part 1, §21.2 charts and §20.5
 * spreadsheet drawings): one `c:chartSpace` part per chart and one drawing part anchoring them
 * on the sheet. Series refer to ranges of the data sheets (`c:numRef`/`c:strRef` with `c:f`) and
 * carry the cells' values as caches, so Excel and LibreOffice draw them at once and redraw them
 * when a cell changes. Every element is written in its schema sequence (CT_ChartSpace, CT_Chart,
 * CT_PlotArea, CT_LineSer…), which Excel requires and the tests check against openpyxl.
 */
import { WORKBOOK_CHART_COLORS, type ChartData, type WorkbookChart, type WorkbookChartSeries } from './overview-charts';
import { escapeXml } from './xml';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

/** Content types of the parts written here. */
export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
/** Relationship types: sheet → drawing, drawing → chart. */
export const DRAWING_RELATIONSHIP = `${NS_R}/drawing`;
export const CHART_RELATIONSHIP = `${NS_R}/chart`;

/** Axis ids inside one chart part (any unsigned ints, unique per chart). */
const CATEGORY_AXIS_ID = 50010;
const VALUE_AXIS_ID = 50020;

/** Line widths in EMU (12,700 per point). */
const STRATEGY_LINE = 28575;
const BENCHMARK_LINE = 15875;
const AXIS_LINE = 9525;
const GRID_LINE = 6350;
const MINOR_GRID_LINE = 3175;

function solidFill(rgb: string, alpha?: number): string {
  const inner = alpha === undefined ? '' : `<a:alpha val="${Math.round(alpha * 100000)}"/>`;
  return `<a:solidFill><a:srgbClr val="${rgb}">${inner}</a:srgbClr></a:solidFill>`;
}

/** Text properties (`c:txPr`) of axis labels and legend entries, never rotated. */
function textProperties(size: number, rgb: string): string {
  return `<c:txPr><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}">${solidFill(rgb)}</a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`;
}

function titleXml(text: string): string {
  const run = `<a:r><a:rPr lang="en-US" sz="1200" b="1">${solidFill(WORKBOOK_CHART_COLORS.text)}</a:rPr><a:t>${escapeXml(text)}</a:t></a:r>`;
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>${run}</a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** A number as `xsd:double` text (shortest round-trip form). */
function numberText(n: number): string {
  return String(n);
}

/** `c:numRef` with its cache; `null` points are left out (gaps). */
function numRef(data: ChartData<number | string | null>): string {
  const parts: string[] = [`<c:numRef><c:f>${escapeXml(data.ref)}</c:f><c:numCache><c:formatCode>${escapeXml(data.formatCode)}</c:formatCode><c:ptCount val="${data.points.length}"/>`];
  data.points.forEach((point, i) => {
    if (typeof point === 'number' && Number.isFinite(point)) parts.push(`<c:pt idx="${i}"><c:v>${numberText(point)}</c:v></c:pt>`);
  });
  parts.push('</c:numCache></c:numRef>');
  return parts.join('');
}

/** `c:strRef` with its cache. */
function strRef(data: ChartData<number | string | null>): string {
  const parts: string[] = [`<c:strRef><c:f>${escapeXml(data.ref)}</c:f><c:strCache><c:ptCount val="${data.points.length}"/>`];
  data.points.forEach((point, i) => {
    if (point !== null) parts.push(`<c:pt idx="${i}"><c:v>${escapeXml(String(point))}</c:v></c:pt>`);
  });
  parts.push('</c:strCache></c:strRef>');
  return parts.join('');
}

/** The series' shape properties by chart kind: a line, a translucent area under a line, or a bar fill. */
function seriesShape(chart: WorkbookChart, series: WorkbookChartSeries): string {
  switch (chart.kind) {
    case 'line': {
      const width = series.strategy ? STRATEGY_LINE : BENCHMARK_LINE;
      return `<c:spPr><a:ln w="${width}" cap="rnd">${solidFill(series.color)}<a:round/></a:ln></c:spPr>`;
    }
    case 'area':
      return `<c:spPr>${solidFill(series.color, 0.3)}<a:ln w="${BENCHMARK_LINE}">${solidFill(series.color)}</a:ln></c:spPr>`;
    case 'column':
      return `<c:spPr>${solidFill(series.color)}</c:spPr>`;
  }
}

/** One `c:ser`, children in the sequence of CT_LineSer, CT_AreaSer or CT_BarSer. */
function seriesXml(chart: WorkbookChart, series: WorkbookChartSeries, index: number, categories: string): string {
  const head = `<c:idx val="${index}"/><c:order val="${index}"/><c:tx><c:v>${escapeXml(series.name)}</c:v></c:tx>${seriesShape(chart, series)}`;
  const values = `<c:val>${numRef(series.values)}</c:val>`;
  switch (chart.kind) {
    case 'line':
      return `<c:ser>${head}<c:marker><c:symbol val="none"/></c:marker>${categories}${values}<c:smooth val="0"/></c:ser>`;
    case 'area':
      return `<c:ser>${head}${categories}${values}</c:ser>`;
    case 'column':
      return `<c:ser>${head}<c:invertIfNegative val="0"/>${categories}${values}</c:ser>`;
  }
}

/** The chart-type element (`c:lineChart`, `c:areaChart`, `c:barChart`) with its series. */
function plotXml(chart: WorkbookChart): string {
  const categoryData = chart.categoryKind === 'text' ? strRef(chart.categories) : numRef(chart.categories);
  const categories = `<c:cat>${categoryData}</c:cat>`;
  const series = chart.series.map((s, i) => seriesXml(chart, s, i, categories)).join('');
  const axes = `<c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/>`;
  switch (chart.kind) {
    case 'line':
      return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`;
    case 'area':
      return `<c:areaChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}${axes}</c:areaChart>`;
    case 'column':
      return `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/><c:overlap val="0"/>${axes}</c:barChart>`;
  }
}

function axisLine(): string {
  return `<c:spPr><a:ln w="${AXIS_LINE}">${solidFill(WORKBOOK_CHART_COLORS.axis)}</a:ln></c:spPr>`;
}

/** The category axis: a date axis for lines and areas over dates, else a category axis. Labels sit low, below negative values. */
function categoryAxisXml(chart: WorkbookChart): string {
  const common =
    `<c:axId val="${CATEGORY_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="${escapeXml(chart.categoryAxisFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="low"/>${axisLine()}${textProperties(900, WORKBOOK_CHART_COLORS.muted)}<c:crossAx val="${VALUE_AXIS_ID}"/><c:crosses val="autoZero"/>`;
  if (chart.axis === 'date') {
    const unit = chart.dateUnit ? `<c:majorUnit val="${chart.dateUnit.count}"/><c:majorTimeUnit val="${chart.dateUnit.unit}"/>` : '';
    return `<c:dateAx>${common}<c:auto val="1"/><c:lblOffset val="100"/><c:baseTimeUnit val="days"/>${unit}</c:dateAx>`;
  }
  // auto 0: dates stay categories (one slot a row) rather than Excel turning the axis into a time axis.
  const auto = chart.categoryKind === 'date' ? 0 : 1;
  return `<c:catAx>${common}<c:auto val="${auto}"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
}

function valueAxisXml(chart: WorkbookChart): string {
  const grid = `<c:majorGridlines><c:spPr><a:ln w="${GRID_LINE}">${solidFill(WORKBOOK_CHART_COLORS.grid)}</a:ln></c:spPr></c:majorGridlines>`;
  // Columns sit between ticks; lines and areas start at the first date.
  const between = chart.kind === 'column' ? 'between' : 'midCat';
  // A log axis (base 10, as the PDF and the page draw the equity curve) with its bounds and
  // minor grid lines, the look of log paper. CT_Scaling: logBase, orientation, max, min.
  const log = chart.valueScale === 'log';
  const bounds = log && chart.valueRange ? `<c:max val="${numberText(chart.valueRange.max)}"/><c:min val="${numberText(chart.valueRange.min)}"/>` : '';
  const scaling = `<c:scaling>${log ? '<c:logBase val="10"/>' : ''}<c:orientation val="minMax"/>${bounds}</c:scaling>`;
  const minorGrid = log ? `<c:minorGridlines><c:spPr><a:ln w="${MINOR_GRID_LINE}">${solidFill(WORKBOOK_CHART_COLORS.minorGrid)}</a:ln></c:spPr></c:minorGridlines>` : '';
  return (
    `<c:valAx><c:axId val="${VALUE_AXIS_ID}"/>${scaling}<c:delete val="0"/><c:axPos val="l"/>${grid}${minorGrid}` +
    `<c:numFmt formatCode="${escapeXml(chart.valueAxisFormat)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>${textProperties(900, WORKBOOK_CHART_COLORS.muted)}` +
    `<c:crossAx val="${CATEGORY_AXIS_ID}"/><c:crosses val="autoZero"/><c:crossBetween val="${between}"/></c:valAx>`
  );
}

/**
 * The `xl/charts/chartN.xml` part of a chart.
 *
 * @example chartSpaceXml(chart) // '<?xml …?><c:chartSpace …><c:chart><c:title>…'
 */
export function chartSpaceXml(chart: WorkbookChart): string {
  const legend = `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProperties(900, WORKBOOK_CHART_COLORS.text)}</c:legend>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    // roundedCorners defaults to true in the schema; LibreOffice honours the default.
    '<c:date1904 val="0"/><c:lang val="en-US"/><c:roundedCorners val="0"/>' +
    `<c:chart>${titleXml(chart.title)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plotXml(chart)}${categoryAxisXml(chart)}${valueAxisXml(chart)}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${solidFill('FFFFFF')}<a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>` +
    '</c:chartSpace>'
  );
}

/** Where a chart's top-left corner sits on the sheet (zero-based cell, offsets in EMU) and how wide it is. */
export interface ChartAnchor {
  column: number;
  row: number;
  columnOffsetEmu: number;
  rowOffsetEmu: number;
  widthEmu: number;
}

/**
 * The `xl/drawings/drawingN.xml` part: one `xdr:oneCellAnchor` per chart (its size fixed in EMU,
 * so column widths do not stretch it), each pointing at its chart part through `rId1…rIdN` of the
 * drawing's relationships, in the order given.
 */
export function drawingXml(charts: { chart: WorkbookChart; anchor: ChartAnchor }[]): string {
  const anchors = charts.map(({ chart, anchor }, i) => {
    const id = i + 2;
    return (
      `<xdr:oneCellAnchor><xdr:from><xdr:col>${anchor.column}</xdr:col><xdr:colOff>${anchor.columnOffsetEmu}</xdr:colOff>` +
      `<xdr:row>${anchor.row}</xdr:row><xdr:rowOff>${anchor.rowOffsetEmu}</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${anchor.widthEmu}" cy="${chart.heightEmu}"/>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(chart.title)}" descr="${escapeXml(chart.description)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>'
    );
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join('')}</xdr:wsDr>`;
}

/** A relationships part listing `targets` as `rId1…` of type `type`. */
export function relationshipsXml(entries: { id: string; type: string; target: string }[]): string {
  const list = entries.map((e) => `<Relationship Id="${e.id}" Type="${e.type}" Target="${escapeXml(e.target)}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list}</Relationships>`;
}
