// supplyPath samples the same SupplyClock the simulator steps; supplyTargets computes T2–T4.
import { test } from "node:test";
import assert from "node:assert/strict";
import { supplyPath, supplyTargets, halvingSchedule } from "../../src/index.js";

test("supplyPath: weekly samples, exact rates between halvings, the halving where the schedule puts it", () => {
  const p = supplyPath({ issuance_tao: 10_500_000, date: "2025-12-14", until: "2031-01-01", every_days: 7, recycle_frac: 0.05 });
  assert.equal(p.date[0], "2025-12-14");
  assert.ok(Number.isNaN(p.net_issuance_tao_per_day[0]!));
  assert.ok(Math.abs(p.net_issuance_tao_per_day[1]! - 3600 * 0.95) < 1e-6);
  const h = halvingSchedule({ issuance_tao: 10_500_000, date: "2025-12-14", recycle_frac: 0.05, max_halvings: 1 }).halvings[0]!;
  const k = p.block_emission_tao.findIndex((e) => e === 0.25);
  assert.ok(k > 0 && p.days[k - 1]! < h.days_from_start && h.days_from_start <= p.days[k]!, `halving on day ${h.days_from_start}, sampled at ${p.days[k]}`);
  assert.ok(Math.abs(p.recycled_tao[1]! - 7 * 7200 * 0.5 * 0.05) < 1e-6);
  assert.throws(() => supplyPath({ issuance_tao: 1, date: "2025-01-01", until: "2024-01-01" }), /until/);
});

test("supplyTargets: every T2–T4 row is within its tolerance", () => {
  const rows = supplyTargets();
  assert.ok(rows.length >= 9);
  for (const r of rows) assert.ok(r.within, `${r.target} ${r.quantity}: ${r.model} vs ${r.published}`);
});
