import { describe, expect, it } from 'vitest';
import { chartSpaceXml, drawingXml } from '../../../src/export/xlsx/chart-xml';
import { escapeXml } from '../../../src/export/xlsx/xml';
import { dateAxisTicks, oneTwoFive, planOverviewCharts, type WorkbookChart } from '../../../src/export/xlsx/overview-charts';
import type { TableLayout } from '../../../src/export/xlsx/section-sheet';
import type { ChartSpec, ReportTable } from '../../../src/report/model.types';
import { createFixtureReport, createHostReport } from './fixtures/report';
import { checkWellFormed } from './xml-check';

function layout(sheetName: string, table: ReportTable, shift = 0): TableLayout {
  return {
    sheetName, table, headerRow: 1, firstDataRow: 2, lastDataRow: 1 + table.rows.length,
    sheetColumnOf: table.columns.map((_, c) => (c === 0 ? 0 : c + shift)), width: table.columns.length + shift,
  };
}

function layoutsOf(report: ReturnType<typeof createFixtureReport>['report']): TableLayout[] {
  return report.sections.flatMap((s) => s.tables.map((t) => layout(s.title, t)));
}

describe('planOverviewCharts', () => {
  it('plans equity against every benchmark, the drawdown and yearly returns from the data sheets', () => {
    const { report, facts } = createFixtureReport();
    const charts = planOverviewCharts(report, layoutsOf(report));
    expect(charts.map((c) => [c.id, c.kind, c.title, c.categoryKind])).toEqual([
      ['equity', 'line', 'Equity (USD)', 'date'],
      ['drawdown', 'area', 'Drawdown of Risk parity ₿ crypto', 'date'],
      ['yearly_returns', 'column', 'Yearly returns', 'number'],
    ]);
    const [equity, drawdown, yearly] = charts as [WorkbookChart, WorkbookChart, WorkbookChart];
    // The strategy last (drawn on top) among lines, in its fixed colour; first among columns.
    expect(equity.series.map((s) => [s.name, s.strategy, s.values.ref])).toEqual([
      ['bitcoin', false, "'Daily'!$H$2:$H$76"],
      ['Risk parity ₿ crypto', true, "'Daily'!$B$2:$B$76"],
    ]);
    expect(equity.series[1]?.color).toBe('0A5FA8');
    expect(yearly.series.map((s) => s.strategy)).toEqual([true, false]);
    // Caches hold the cells as written: money rounded to cents, dates as serials.
    expect(equity.series[1]?.values.points[74]).toBe(facts.finalValue.toDecimalPlaces(2).toNumber());
    expect(equity.categories).toMatchObject({ ref: "'Daily'!$A$2:$A$76", formatCode: 'yyyy-mm-dd' });
    expect(equity.categories.points[0]).toBe(45292);
    expect(drawdown.series[0]?.values.points).toHaveLength(75);
    expect(equity.valueAxisFormat).toBe('#,##0 "USD"');
    expect(drawdown.valueAxisFormat).toBe('0%');
    expect(yearly.categoryAxisFormat).toBe('0');
    expect(equity.dateUnit).toEqual({ count: 14, unit: 'days' });
  });

  it('follows a label column and leaves out charts whose tables are absent', () => {
    const { report } = createFixtureReport();
    report.sections = report.sections.filter((s) => s.id !== 'yearly');
    const layouts = layoutsOf(report).map((l) => (l.table.id === 'daily_portfolio_data' ? layout(l.sheetName, l.table, 1) : l));
    const charts = planOverviewCharts(report, layouts);
    expect(charts.map((c) => c.id)).toEqual(['equity', 'drawdown']);
    expect(charts[0]?.series[1]?.values.ref).toBe("'Daily'!$C$2:$C$76");
    expect(planOverviewCharts(report, [])).toEqual([]);
  });

  it('writes dates before 1900-03-01 (text cells) as text categories', () => {
    const { report } = createFixtureReport();
    const daily = report.sections.find((s) => s.id === 'daily')?.tables[0] as ReportTable;
    daily.rows.forEach((row, i) => (row[0] = `1899-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`));
    const [equity] = planOverviewCharts(report, layoutsOf(report));
    expect(equity?.categoryKind).toBe('text');
    expect(equity?.categories.points[0]).toBe('1899-01-01');
    const xml = chartSpaceXml(equity as WorkbookChart);
    expect(xml).toContain("<c:cat><c:strRef><c:f>&apos;Daily&apos;!$A$2:$A$76</c:f><c:strCache><c:ptCount val=\"75\"/><c:pt idx=\"0\"><c:v>1899-01-01</c:v>");
    expect(xml).toContain('<c:catAx>');
    expect(xml).not.toContain('<c:dateAx>');
  });

  it('draws a host report’s own line and bar charts, not its heatmaps', () => {
    const report = createHostReport();
    const section = report.sections[0];
    if (!section) throw new Error('no section');
    section.tables.push({
      id: 'sales',
      title: 'Sales',
      columns: [{ key: 'day', label: 'Day', type: { kind: 'date' } }, { key: 'eur', label: 'EUR', type: { kind: 'currency', currency: 'EUR', decimals: 2 } }],
      rows: [['2024-01-01', 1], ['2024-01-02', 2]],
    });
    const spec = { title: 'Sales', tableId: 'sales', x: 'day', series: [{ column: 'eur', name: 'Sales' }], xLabel: 'Day', yLabel: 'EUR', yFormat: 'currency' as const };
    section.charts.push({ ...spec, id: 'sales_line', kind: 'line' }, { ...spec, id: 'sales_bar', kind: 'bar' }, { ...spec, id: 'sales_map', kind: 'heatmap' });
    const charts = planOverviewCharts(report, section.tables.map((t) => layout('Data', t)));
    expect(charts.map((c) => [c.id, c.kind, c.valueAxisFormat, c.axis, c.categoryAxisFormat])).toEqual([
      ['sales_line', 'line', '#,##0 "EUR"', 'date', 'yyyy-mm-dd'],
      // Columns over dates: one slot a row on a category axis, dates as labels.
      ['sales_bar', 'column', '#,##0 "EUR"', 'category', 'yyyy-mm-dd'],
    ]);
    const bar = chartSpaceXml(charts[1] as WorkbookChart);
    expect(bar).toContain('<c:catAx>');
    expect(bar).toContain('<c:auto val="0"/>');
    expect(bar).not.toContain('<c:dateAx>');
  });
});

describe('dateAxisTicks', () => {
  it('labels a few years yearly, a year quarterly or so, weeks fortnightly', () => {
    expect(dateAxisTicks(43831, 43831 + 12 * 365)).toEqual({ format: 'yyyy', unit: { count: 2, unit: 'years' } });
    expect(dateAxisTicks(43831, 43831 + 5 * 365)).toEqual({ format: 'yyyy', unit: { count: 1, unit: 'years' } });
    expect(dateAxisTicks(43831, 43831 + 2 * 365)).toEqual({ format: 'yyyy-mm', unit: { count: 6, unit: 'months' } });
    expect(dateAxisTicks(43831, 43831 + 300)).toEqual({ format: 'yyyy-mm', unit: { count: 2, unit: 'months' } });
    expect(dateAxisTicks(43831, 43831 + 120)).toEqual({ format: 'yyyy-mm', unit: { count: 1, unit: 'months' } });
    expect(dateAxisTicks(43831, 43831 + 30)).toEqual({ format: 'yyyy-mm-dd', unit: { count: 14, unit: 'days' } });
  });
});

describe('chartSpaceXml', () => {
  const { report } = createFixtureReport();
  const charts = planOverviewCharts(report, layoutsOf(report));

  it('writes well-formed parts whose series refer to the ranges and cache their values', () => {
    for (const chart of charts) expect([chart.id, checkWellFormed(chartSpaceXml(chart))]).toEqual([chart.id, []]);
    const equity = chartSpaceXml(charts[0] as WorkbookChart);
    expect(equity).toContain('<c:roundedCorners val="0"/>');
    expect(equity).toContain("<c:tx><c:v>Risk parity ₿ crypto</c:v></c:tx>");
    expect(equity).toContain("<c:val><c:numRef><c:f>&apos;Daily&apos;!$B$2:$B$76</c:f><c:numCache><c:formatCode>#,##0.00</c:formatCode><c:ptCount val=\"75\"/><c:pt idx=\"0\"><c:v>9987.65</c:v></c:pt>");
    expect(equity).toContain('<c:dateAx><c:axId val="50010"/>');
    expect(equity).toContain('<c:numFmt formatCode="#,##0 &quot;USD&quot;" sourceLinked="0"/>');
    expect(equity).toContain('<c:majorUnit val="14"/><c:majorTimeUnit val="days"/>');
    expect(equity).toContain('<c:legend><c:legendPos val="b"/>');
    // Gaps (empty cells) are left out of the cache but counted.
    const gap = { ...(charts[0] as WorkbookChart) };
    gap.series = [{ ...(gap.series[0] as WorkbookChart['series'][number]), values: { ref: "'D'!$B$2:$B$4", formatCode: '0', points: [1, null, 3] } }];
    expect(chartSpaceXml(gap)).toContain('<c:ptCount val="3"/><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="2"><c:v>3</c:v></c:pt></c:numCache>');
  });

  it('writes a log value axis (base 10, with bounds and minor grid lines) where the report’s equity spec is log, in schema order', () => {
    const { report: logReport } = createFixtureReport();
    const equitySpec = logReport.sections.flatMap((s) => s.charts).find((c) => c.id === 'equity');
    const logSpec: ChartSpec = { id: 'equity', title: 'Equity', kind: 'line', tableId: 'daily_portfolio_data', x: 'date', series: [], xLabel: 'Date', yLabel: 'Value', yFormat: 'currency', yScale: 'log' };
    const withLog = { ...logReport, sections: logReport.sections.map((s, i) => ({ ...s, charts: [...s.charts.filter((c) => c.id !== 'equity'), ...(i === 0 ? [logSpec] : [])] })) };
    const [equity, drawdown] = planOverviewCharts(withLog, layoutsOf(withLog)) as [WorkbookChart, WorkbookChart];
    expect(equity.valueScale).toBe('log');
    expect(drawdown.valueScale).toBe('linear');
    const values = equity.series.flatMap((s) => s.values.points.filter((v): v is number => v !== null));
    expect(equity.valueRange?.min).toBeLessThanOrEqual(Math.min(...values));
    expect(equity.valueRange?.max).toBeGreaterThanOrEqual(Math.max(...values));
    const xml = chartSpaceXml(equity);
    expect(checkWellFormed(xml)).toEqual([]);
    expect(xml).toMatch(/<c:valAx><c:axId val="50020"\/><c:scaling><c:logBase val="10"\/><c:orientation val="minMax"\/><c:max val="\d+"\/><c:min val="\d+"\/><\/c:scaling>/);
    expect(xml).toContain('</c:majorGridlines><c:minorGridlines>');
    expect(chartSpaceXml(drawdown)).not.toContain('logBase');
    // The fixture's own spec (linear) keeps the axis linear.
    expect(equitySpec?.yScale ?? 'linear').toBe((planOverviewCharts(logReport, layoutsOf(logReport))[0] as WorkbookChart).valueScale);
  });

  it('rounds log bounds to 1, 2 or 5 × 10ⁿ', () => {
    expect([oneTwoFive(6_200, 'down'), oneTwoFive(6_200, 'up'), oneTwoFive(115_000, 'up'), oneTwoFive(100_000, 'up'), oneTwoFive(0.034, 'down'), oneTwoFive(2_000, 'down')]).toEqual([5_000, 10_000, 200_000, 100_000, 0.02, 2_000]);
  });

  it('escapes names and drops characters XML cannot hold', () => {
    expect(escapeXml('A & B <"c\'s">\u0001')).toBe('A &amp; B &lt;&quot;c&apos;s&quot;&gt;');
    const chart = { ...(charts[2] as WorkbookChart), title: 'R&D <2024>' };
    chart.series = chart.series.map((s) => ({ ...s, name: 'Fund "A" & co' }));
    const xml = chartSpaceXml(chart);
    expect(checkWellFormed(xml)).toEqual([]);
    expect(xml).toContain('<a:t>R&amp;D &lt;2024&gt;</a:t>');
    expect(xml).toContain('<c:v>Fund &quot;A&quot; &amp; co</c:v>');
    expect(xml).toContain('<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>');
  });

  it('anchors each chart at its row with its size and alternative text', () => {
    const anchor = { column: 0, row: 30, columnOffsetEmu: 0, rowOffsetEmu: 0, widthEmu: 6_480_000 };
    const xml = drawingXml(charts.map((chart, i) => ({ chart, anchor: { ...anchor, row: 30 + 20 * i } })));
    expect(checkWellFormed(xml)).toEqual([]);
    expect(xml.match(/<xdr:oneCellAnchor>/g)).toHaveLength(3);
    expect(xml).toContain('<xdr:row>50</xdr:row>');
    expect(xml).toContain(`<xdr:ext cx="6480000" cy="${charts[0]?.heightEmu}"/>`);
    expect(xml).toContain('r:id="rId3"');
    expect(xml).toMatch(/descr="Line chart: Equity \(USD\), bitcoin, Risk parity ₿ crypto, from sheet Daily \(75 dates\)\."/);
  });
});
