/** Small statistics and table printing for the benchmark. */

export const median = (xs: readonly number[]) => quantile(xs, 0.5);

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}

export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

export interface Row {
  readonly label: string;
  readonly values: readonly string[];
}

export function table(title: string, headers: readonly string[], rows: readonly Row[]): string {
  const lines = [headers, ...rows.map((r) => [r.label, ...r.values])];
  const widths = headers.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? "").length)));
  const fmt = (l: readonly string[]) =>
    l
      .map((cell, c) =>
        c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number),
      )
      .join("  ");
  return [
    "",
    title,
    fmt(headers),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...lines.slice(1).map(fmt),
    "",
  ].join("\n");
}
