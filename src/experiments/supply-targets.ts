/**
 * T2–T4 of spec/targets.md, computed with the toolkit's own supply mechanics (SupplyClock,
 * halvingSchedule) beside the published figures read from the shared spec data
 * (tao_halving_schedule_ideal.csv, tao_supply_datapoints.csv). For notebooks and reports: the
 * tests check the same targets independently (test/supply/supply.test.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sharedDir } from "../paths.js";
import { halvingSchedule } from "../supply/halvings.js";
import { SupplyClock } from "../supply/supply.js";
import { BLOCKS_PER_DAY, MS_PER_DAY, parseIsoDate } from "../units.js";

export interface TargetRow {
  target: string;
  quantity: string;
  model: string;
  published: string;
  tolerance: string;
  within: boolean;
}

/** A CSV of the shared spec data as rows of strings (quoted fields with commas handled). */
export function readSpecCsv(name: string): Record<string, string>[] {
  const dir = sharedDir();
  const file = dir ? join(dir, "spec", "data", name) : undefined;
  if (!file || !existsSync(file)) throw new Error(`spec data ${name} not found (set TAOSIM_SHARED_DIR to the shared folder)`);
  const [head, ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const split = (l: string) => {
    const out: string[] = [];
    let cur = "";
    let q = false;
    for (const ch of l) {
      if (ch === '"') q = !q;
      else if (ch === "," && !q) (out.push(cur), (cur = ""));
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const cols = split(head!);
  return lines.filter((l) => l.trim() !== "").map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i] ?? `col${i}`, v])));
}

const days = (a: string, b: string) => (parseIsoDate(a) - parseIsoDate(b)) / MS_PER_DAY;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

export function supplyTargets(): TargetRow[] {
  const rows: TargetRow[] = [];
  // T2: halving dates from 10.5M on 2025-12-14, no recycling.
  const ideal = readSpecCsv("tao_halving_schedule_ideal.csv");
  const anchor = ideal.find((r) => Number(r.era_index) === 1)!;
  const anchorDate = anchor["era_start_date_if_no_recycling_anchor_2025-12-14"]!;
  const s = halvingSchedule({ issuance_tao: Number(anchor.issuance_start_TAO), date: anchorDate, recycle_frac: 0, until: "2050-01-01" });
  for (const r of ideal) {
    const era = Number(r.era_index);
    const date = r["era_start_date_if_no_recycling_anchor_2025-12-14"];
    if (era < 2 || !date) continue;
    const h = s.halvings.find((x) => x.halving === era);
    rows.push({
      target: "T2",
      quantity: `issuance reaches ${fmt(Number(r.issuance_start_TAO))} TAO`,
      model: h?.date ?? "—",
      published: date,
      tolerance: "±1 day",
      within: !!h && Math.abs(days(h.date, date)) <= 1,
    });
  }
  // T3: from the issuance of 2025-01-14, 3 % recycled → 10.5M on 2025-12-14; none → ≈ 10 days earlier.
  const points = readSpecCsv("tao_supply_datapoints.csv");
  const start = points.find((p) => p.date === "2025-01-14")!;
  const crossing = points.find((p) => p.date === "2025-12-14")!;
  const withR = halvingSchedule({ issuance_tao: Number(start.value_TAO), date: start.date!, recycle_frac: 0.03, max_halvings: 1 }).halvings[0]!;
  const noR = halvingSchedule({ issuance_tao: Number(start.value_TAO), date: start.date!, recycle_frac: 0, max_halvings: 1 }).halvings[0]!;
  rows.push({ target: "T3", quantity: "10.5M crossing with 3 % recycled", model: withR.date, published: crossing.date!, tolerance: "±3 days", within: Math.abs(days(withR.date, crossing.date!)) <= 3 });
  const earlier = days(withR.date, noR.date);
  rows.push({ target: "T3", quantity: "days earlier without recycling", model: earlier.toFixed(1), published: "≈ 10 (targets.md)", tolerance: "±1 day", within: Math.abs(earlier - 10) <= 1 });
  // T4: from 10.5M on 2025-12-14 at 0.5 TAO/block to 2026-07-30: 17 % recycled vs the chain's reading.
  const read = points.find((p) => p.date === "2026-07-30")!;
  const blocks = days(read.date!, crossing.date!) * BLOCKS_PER_DAY;
  const c17 = new SupplyClock(Number(crossing.value_TAO), 0.17);
  c17.advance(blocks);
  const c0 = new SupplyClock(Number(crossing.value_TAO), 0);
  c0.advance(blocks);
  rows.push({ target: "T4", quantity: `issuance on ${read.date} with 17 % recycled`, model: fmt(c17.issuance_tao), published: fmt(Number(read.value_TAO)), tolerance: "±20,000 TAO", within: Math.abs(c17.issuance_tao - Number(read.value_TAO)) <= 20_000 });
  rows.push({ target: "T4", quantity: `issuance on ${read.date} without recycling`, model: fmt(c0.issuance_tao), published: "≈ 11,320,000 (targets.md)", tolerance: "±10,000 TAO", within: Math.abs(c0.issuance_tao - 11_320_000) <= 10_000 });
  return rows;
}
