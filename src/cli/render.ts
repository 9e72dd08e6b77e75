/** Plain-text rendering helpers for the CLI. */

/** Right-aligned numeric columns, left-aligned text columns. */
export function asciiTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const isNum = header.map((_, c) => rows.every((r) => /^[-+]?[\d,.]+%?$/.test(r[c] ?? "")));
  const fmt = (r: readonly string[]) =>
    r.map((v, c) => (isNum[c] ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join("  ").trimEnd();
  return [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n");
}

export const num = (v: number, digits = 0) =>
  v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
