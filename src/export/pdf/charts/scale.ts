/** Axis scales for vector charts: nice tick values, tick labels per y format, date ticks. */
import type { ChartSpec } from '../../../report/model.types';

/** "Nice" tick values (1, 2, 2.5, 5 × 10ⁿ) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
  const step = nice * magnitude;
  const start = Math.floor(min / step + 1e-9) * step;
  const end = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step * 1e-6; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

/** Fewest decimals that print every multiple of `step` exactly (0.25 → 2, 2,000 → 0). */
function decimalsForStep(step: number): number {
  if (!(step > 0)) return 0;
  for (let d = 0; d < 6; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 6;
}

function groupThousands(text: string): string {
  const [int = '0', frac] = text.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** Tick label for a y value under the chart's `yFormat`, with decimals that tell ticks apart. */
export function formatTick(value: number, format: ChartSpec['yFormat'], step: number): string {
  const v = Math.abs(value) < 1e-12 ? 0 : value;
  switch (format) {
    case 'percent':
      return `${groupThousands((v * 100).toFixed(decimalsForStep(step * 100)))}%`;
    case 'currency':
    case 'number':
      return groupThousands(v.toFixed(decimalsForStep(step)));
  }
}

const DAY_MS = 86_400_000;

/** ISO date → days since 1970-01-01 (UTC); `null` when not a date. */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** Days since 1970-01-01 → ISO date. */
export function formatIsoDay(day: number): string {
  return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
}

/** Date ticks on month (or year) boundaries within [first, last] days, at most `maxTicks`. */
export function dateTicks(first: number, last: number, maxTicks = 7): { day: number; label: string }[] {
  if (last - first < 60) {
    const count = Math.min(maxTicks, Math.max(2, Math.round(last - first) + 1));
    return Array.from({ length: count }, (_, i) => {
      const day = Math.round(first + ((last - first) * i) / Math.max(1, count - 1));
      return { day, label: formatIsoDay(day) };
    });
  }
  const start = new Date(first * DAY_MS);
  const months: number[] = [];
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  if (month > 11) {
    month = 0;
    year += 1;
  }
  for (;;) {
    const day = Date.UTC(year, month, 1) / DAY_MS;
    if (day > last) break;
    months.push(day);
    month += 1;
    if (month > 11) {
      month = 0;
      year += 1;
    }
  }
  const stepOptions = [1, 2, 3, 6, 12, 24, 60, 120];
  const step = stepOptions.find((s) => Math.ceil(months.length / s) <= maxTicks) ?? 120;
  const yearly = step >= 12;
  return months
    .filter((day) => {
      const d = new Date(day * DAY_MS);
      const index = d.getUTCFullYear() * 12 + d.getUTCMonth();
      return index % step === 0;
    })
    .map((day) => ({ day, label: yearly ? formatIsoDay(day).slice(0, 4) : formatIsoDay(day).slice(0, 7) }));
}
