/**
 * The embedding example: a host page (not the dashboard) with its own sales table and SVG chart,
 * exported as a CSV package, an Excel workbook and a PDF report through the library's export
 * entry. In an installed package the import is `from 'backfolio/export'`; here it points at the
 * source so `npm run dev` serves it at /examples/embed.html.
 */
import {
  BackfolioError,
  captureElement,
  downloadBytes,
  exportReport,
  reportFromTables,
  type ChartSpec,
  type HostTableInput,
} from '../src/lib/export-entry';

interface MonthSales {
  month: string;
  region: string;
  revenue: string;
  orders: number;
}

// The host's own data: revenue as decimal strings (money stays exact through the export).
const SALES: MonthSales[] = [
  { month: '2024-01-01', region: 'Nord', revenue: '182400.50', orders: 1210 },
  { month: '2024-02-01', region: 'Nord', revenue: '176950.00', orders: 1168 },
  { month: '2024-03-01', region: 'Île-de-France', revenue: '201300.75', orders: 1342 },
  { month: '2024-04-01', region: 'Île-de-France', revenue: '214880.10', orders: 1401 },
  { month: '2024-05-01', region: 'Sud', revenue: '209415.00', orders: 1377 },
  { month: '2024-06-01', region: 'Sud', revenue: '231020.40', orders: 1495 },
  { month: '2024-07-01', region: 'Sud', revenue: '198760.00', orders: 1302 },
  { month: '2024-08-01', region: 'Ouest', revenue: '187255.25', orders: 1250 },
  { month: '2024-09-01', region: 'Île-de-France', revenue: '222640.90', orders: 1456 },
  { month: '2024-10-01', region: 'Nord', revenue: '240118.00', orders: 1538 },
  { month: '2024-11-01', region: 'Est', revenue: '265907.35', orders: 1699 },
  { month: '2024-12-01', region: 'Est', revenue: '298340.80', orders: 1902 },
];

const CHART_ID = 'revenue_by_month';
const TABLE_ID = 'monthly_sales';

/** Month-over-month growth as a fraction; `null` for the first month. */
function growthOf(index: number): number | null {
  const previous = SALES[index - 1];
  const current = SALES[index];
  if (previous === undefined || current === undefined) return null;
  return Number(current.revenue) / Number(previous.revenue) - 1;
}

function element<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (found === null) throw new Error(`embed example: ${selector} is missing`);
  return found;
}

/** Fills the host's HTML table (the page's own rendering, not the library's). */
function renderTable(): void {
  const body = element<HTMLTableSectionElement>('#sales-table tbody');
  const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
  const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  SALES.forEach((row, i) => {
    const tr = document.createElement('tr');
    const growth = growthOf(i);
    const cells = [
      row.month.slice(0, 7),
      row.region,
      money.format(Number(row.revenue)),
      growth === null ? '' : percent.format(growth),
      String(row.orders),
    ];
    for (const [j, text] of cells.entries()) {
      const td = document.createElement('td');
      td.textContent = text;
      if (j === 3 && growth !== null && growth < 0) td.className = 'negative';
      tr.appendChild(td);
    }
    body.appendChild(tr);
  });
}

/** Draws the host's bar chart as plain SVG elements (so the PDF can embed it as vectors). */
function renderChart(): void {
  const svg = element<SVGSVGElement>('#sales-chart');
  const ns = 'http://www.w3.org/2000/svg';
  const width = 720;
  const height = 260;
  const pad = { left: 56, right: 12, top: 16, bottom: 32 };
  const max = Math.max(...SALES.map((s) => Number(s.revenue)));
  const slot = (width - pad.left - pad.right) / SALES.length;
  const scale = (height - pad.top - pad.bottom) / max;
  const add = (name: string, attributes: Record<string, string | number>, text?: string): void => {
    const node = document.createElementNS(ns, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    svg.appendChild(node);
  };
  add('rect', { x: 0, y: 0, width, height, fill: '#ffffff' });
  add('line', { x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom, stroke: '#4a5568' });
  for (const tick of [0, 100000, 200000, 300000]) {
    const y = height - pad.bottom - tick * scale;
    if (y < pad.top - 1) continue;
    add('line', { x1: pad.left, y1: y, x2: width - pad.right, y2: y, stroke: '#e2e8f0' });
    add('text', { x: pad.left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11, 'font-family': 'sans-serif', fill: '#4a5568' }, `${tick / 1000}k`);
  }
  SALES.forEach((s, i) => {
    const value = Number(s.revenue);
    const barHeight = value * scale;
    const x = pad.left + i * slot + slot * 0.15;
    add('rect', { x, y: height - pad.bottom - barHeight, width: slot * 0.7, height: barHeight, fill: '#2b59c3' });
    add('text', { x: x + slot * 0.35, y: height - pad.bottom + 16, 'text-anchor': 'middle', 'font-size': 11, 'font-family': 'sans-serif', fill: '#1d2433' }, s.month.slice(5, 7));
  });
}

/** The host table in the library's shape: typed columns, exact money, fractions for percent. */
function salesTable(): HostTableInput {
  return {
    id: TABLE_ID,
    title: 'Monthly sales by region',
    columns: [
      { key: 'month', label: 'Month', type: 'date' },
      { key: 'region', label: 'Lead region', type: 'text' },
      { key: 'revenue', label: 'Revenue', type: 'currency', currency: 'EUR' },
      { key: 'growth', label: 'Growth vs prior month', type: 'percent', decimals: 1 },
      { key: 'orders', label: 'Orders', type: 'integer' },
    ],
    rows: SALES.map((s, i) => [s.month, s.region, s.revenue, growthOf(i), s.orders]),
  };
}

const chartSpec: ChartSpec = {
  id: CHART_ID,
  title: 'Revenue by month',
  kind: 'bar',
  tableId: TABLE_ID,
  x: 'month',
  series: [{ column: 'revenue', name: 'Revenue' }],
  xLabel: 'Month',
  yLabel: 'EUR',
  yFormat: 'currency',
};

/** One export: host tables → report → file(s) → download. */
async function exportAs(format: 'csv' | 'xlsx' | 'pdf'): Promise<string> {
  const report = reportFromTables({ title: 'Acme Corp: sales 2024', tables: [salesTable()], charts: [chartSpec], prefix: 'acme_sales', author: 'Acme Corp' });
  // The PDF places the page's own SVG chart as vectors (a canvas or HTML element would be rendered at ≥ 300 dpi).
  const charts = format === 'pdf' ? [await captureElement(element('#sales-chart'), CHART_ID)] : [];
  const { files } = await exportReport(report, { formats: [format], charts });
  for (const file of files) downloadBytes(file.bytes, file.name, file.mimeType);
  return files.map((f) => f.name).join(', ');
}

function wireButtons(): void {
  const status = element<HTMLParagraphElement>('#status');
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[data-format]')];
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const format = button.dataset.format as 'csv' | 'xlsx' | 'pdf';
      buttons.forEach((b) => (b.disabled = true));
      status.textContent = `Exporting ${format}…`;
      exportAs(format)
        .then((names) => (status.textContent = `Saved ${names}`))
        .catch((error: unknown) => {
          status.textContent = error instanceof BackfolioError ? `${error.code}: ${error.message}` : `Export failed: ${String(error)}`;
        })
        .finally(() => buttons.forEach((b) => (b.disabled = false)));
    });
  }
}

renderTable();
renderChart();
wireButtons();
// Tests (and a host's own scripts) wait for this before clicking.
document.body.dataset.ready = 'true';
