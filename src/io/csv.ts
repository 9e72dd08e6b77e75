/**
 * Table → CSV. Numbers are written in JavaScript's shortest round-trip form, so the same run gives
 * byte-identical files and reading a value back gives the exact float64.
 */
import type { Table } from "../table.js";

export function tableToCsv(t: Table): string {
  const header = t.columns.map((c) => c.def.name).join(",");
  const lines: string[] = [header];
  for (let r = 0; r < t.rows; r++) {
    let line = "";
    for (let c = 0; c < t.columns.length; c++) {
      const v = t.columns[c]!.data[r];
      if (c > 0) line += ",";
      line += typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : String(v);
    }
    lines.push(line);
  }
  return lines.join("\n") + "\n";
}
