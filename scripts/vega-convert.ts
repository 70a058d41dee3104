/**
 * The conversions behind the real-data examples, kept pure so a test can check that the
 * committed modules (src/data/examples/generated/*.ts) still match the vega-datasets files.
 */
import Papa from 'papaparse';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jan 1 2000` → `2000-01-01`; throws on anything else so a changed source fails loudly. */
export function toIsoDate(text: string): string {
  const match = /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4})$/.exec(text.trim());
  const month = match ? MONTHS.indexOf(match[1] ?? '') + 1 : 0;
  if (!match || month === 0) throw new Error(`stocks.csv: unexpected date ${JSON.stringify(text)}`);
  return `${match[3]}-${String(month).padStart(2, '0')}-${(match[2] ?? '').padStart(2, '0')}`;
}

function readRecords(text: string, file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0]?.message ?? 'parse error'}`);
  return parsed.data;
}

/** stocks.csv (`symbol,date,price`, `Jan 1 2000` dates) → long form `date,symbol,price`, source order. */
export function convertStocks(text: string): string {
  const rows = readRecords(text, 'stocks.csv').map((r) => `${toIsoDate(r.date ?? '')},${r.symbol ?? ''},${r.price ?? ''}`);
  return `date,symbol,price\n${rows.join('\n')}\n`;
}

/** sp500-2000.csv (`date,open,high,low,close,…`) → wide form `date,SPX` with the close as given. */
export function convertSp500(text: string): string {
  const rows = readRecords(text, 'sp500-2000.csv').map((r) => `${r.date ?? ''},${r.close ?? ''}`);
  return `date,SPX\n${rows.join('\n')}\n`;
}
