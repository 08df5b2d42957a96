/** Display formats shared by the sections; a figure the gateway does not know shows as an en dash. */
export const UNKNOWN = '–';

/** `12.3 ms`, or the en dash for null. */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return UNKNOWN;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

/** `66.7 %`, or the en dash for null. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return UNKNOWN;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} %`;
}

/** `214 MB`. */
export function formatBytes(value: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit += 1;
  }
  return `${scaled < 10 && unit > 0 ? scaled.toFixed(1) : Math.round(scaled)} ${units[unit]}`;
}

/** `3 d 4 h`, `2 h 5 min`, `4 min 10 s`, `12 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.floor(seconds);
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([amount]) => amount > 0);
  if (first === -1) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([amount]) => amount > 0)
    .map(([amount, unit]) => `${amount} ${unit}`)
    .join(' ');
}

/** `5 s ago`, `3 min ago` from an ISO time or epoch milliseconds; `just now` under a second. */
export function formatAge(at: string | number, now: number): string {
  const then = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(then)) return UNKNOWN;
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  return seconds < 1 ? 'just now' : `${formatDuration(seconds)} ago`;
}

/** A count with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? UNKNOWN : value.toLocaleString('en-US');
}
