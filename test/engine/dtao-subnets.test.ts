/**
 * dTAO subnet registrations end to end (mechanisms/dtao/subnet-registry.ts): a small network that
 * fills its free slots and then registers at the limit for months, dissolving the lowest-EMA-price
 * non-immune subnet each time. TAO and every subnet's alpha stay conserved (the engine checks both
 * at every row), the same seed gives the same tables, and bad input is one located error.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir, writeFiles } from "../helpers.js";
import { runScenario } from "../../src/index.js";
import { numericColumn, type Table } from "../../src/table.js";
import { canonicalJson } from "../../src/scenario/compile.js";

const SUBNETS = `name: dtao-subnets
seed: 11
start: { date: "2026-08-01", block: 7000000 }
horizon: { days: 120 }
token: { initial_issuance_tao: 11190000, recycle_frac: 0.1 }
network:
  era: dtao-2026
  subnets: 5
  consensus: ideal
  task_demand_per_day: "5 - s"
  hyperparameters: { tempo: 360, owner_cut_frac: 0.18 }
  dtao:
    active_subnets: 4
    subnet_limit: 5
    pool_tao: "20000 / (s + 1)"
    pool_alpha: "20000 / (s + 1) / (0.05 / (s + 1)^0.5)"
    alpha_out: 2000000
    subnet_age_blocks: 2000000
    owner_sell_frac: 0.5
    user_buy_tao_per_day: 500
    user_sell_frac_per_day: 0.01
    subnet_registrations_per_day: 0.4
    network_rate_limit_blocks: 28800
    network_immunity_blocks: 201600
    min_lock_tao: 200
    last_lock_tao: 500
    subnet_max_lock_tao: 1500
    new_subnet_emission_delay_days: 7
populations:
  validators:
    v: { count: 6, strategy: honest, stake_tao: { dist: pareto, scale: 1, shape: 1.16, scale_to_total: 200000 }, sell_frac: 0.3 }
  stakers:
    roots: { count: 40, strategy: root, stake_tao: { dist: lognormal, median: 100, sigma: 1.5, scale_to_total: 1000000 } }
    yields: { count: 30, strategy: alpha_yield, params: { inertia_frac: 0.5 }, stake_tao: { dist: lognormal, median: 100, sigma: 1.5, scale_to_total: 100000 } }
    momentum: { count: 10, strategy: momentum, stake_tao: 500 }
  miners:
    m: { count: 30, strategy: honest, quality: { dist: beta, a: 2, b: 2 }, sell_frac: 0.7 }
`;

function tablesJson(t: Record<string, Table | undefined>): string {
  return canonicalJson(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v ? v.columns.map((c) => [c.def.name, Array.from(c.data as ArrayLike<number | string>)]) : null])));
}

test("subnet registrations at the limit for four months: free slot first, then dissolutions; TAO and alpha conserved to 1e-9 at every row", () => {
  const file = join(writeFiles({ "s.yaml": SUBNETS }), "s.yaml");
  const r = runScenario(file, { threads: 1 });
  const net = r.tables.network;
  const regs = numericColumn(net, "subnet_registrations");
  const dis = numericColumn(net, "subnet_dissolutions");
  const active = numericColumn(net, "subnets_active");
  const lock = numericColumn(net, "lock_cost_tao");
  const last = net.rows - 1;
  assert.ok(regs[last]! >= 4, `registrations: ${regs[last]}`);
  // The first registration takes the free slot; every later one dissolves a subnet.
  assert.equal(dis[last], regs[last]! - 1);
  assert.equal(active[0], 4);
  assert.ok(active.slice(1).every((x) => x >= 4) && active[last] === 5);
  // The lock doubles at a registration and decays: it never stays above max × 2, and starts at 2 × 500.
  assert.equal(lock[0], 1000);
  assert.ok(lock.every((x) => x >= 200 - 1e-9 && x <= 2 * 1500 + 1e-9));
  assert.ok(Math.max(...numericColumn(net, "conservation_error_frac")) <= 1e-9);
  // Pools: a reused slot shows its new registration block and the lock its owner paid.
  const pools = r.tables.pools!;
  const regBlock = numericColumn(pools, "registered_block");
  const lockPaid = numericColumn(pools, "lock_tao");
  const S = 5;
  const reused = [...Array(S).keys()].filter((s) => regBlock[last * S + s]! > 7_000_000);
  assert.ok(reused.length >= 2, `slots holding a subnet registered in the run: ${reused}`);
  for (const s of reused) assert.ok(lockPaid[last * S + s]! >= 200);
});

test("subnet registrations: same seed ⇒ identical tables; another seed draws other arrivals", () => {
  const file = join(writeFiles({ "s.yaml": SUBNETS.replace("horizon: { days: 120 }", "horizon: { days: 60 }") }), "s.yaml");
  const a = runScenario(file, { threads: 1 });
  const b = runScenario(file, { threads: 1 });
  assert.equal(tablesJson(a.tables as never), tablesJson(b.tables as never));
  const c = runScenario(file, { threads: 1, seed: 12 });
  assert.notEqual(tablesJson(a.tables as never), tablesJson(c.tables as never));
});

test("subnet registrations under Yuma consensus: a reused slot starts a fresh consensus (contract checked)", () => {
  const yuma = SUBNETS.replace("horizon: { days: 120 }", "horizon: { days: 45 }")
    .replace("consensus: ideal", "consensus: yuma")
    .replace("network_immunity_blocks: 201600", "network_immunity_blocks: 50400")
    .replace("count: 30, strategy: honest", "count: 10, strategy: honest");
  const file = join(writeFiles({ "s.yaml": yuma }), "s.yaml");
  const r = runScenario(file, { threads: 1, checkContract: true });
  const net = r.tables.network;
  assert.ok(numericColumn(net, "subnet_dissolutions")[net.rows - 1]! >= 1);
  assert.ok(Math.max(...numericColumn(net, "conservation_error_frac")) <= 1e-9);
});

test("subnet registration keys: bad input is one located error, non-zero exit, nothing written", async () => {
  const bad: [string, (s: string) => string, RegExp][] = [
    ["negative rate", (s) => s.replace("subnet_registrations_per_day: 0.4", "subnet_registrations_per_day: -1"), /network\.dtao\.subnet_registrations_per_day/],
    ["unknown process", (s) => s.replace("subnet_registrations_per_day: 0.4", "subnet_registrations_per_day: 0.4\n    subnet_registration_process: hourly"), /network\.dtao\.subnet_registration_process/],
    ["zero max lock", (s) => s.replace("subnet_max_lock_tao: 1500", "subnet_max_lock_tao: 0"), /network\.dtao\.subnet_max_lock_tao/],
    ["negative rate limit", (s) => s.replace("network_rate_limit_blocks: 28800", "network_rate_limit_blocks: -5"), /network\.dtao\.network_rate_limit_blocks/],
  ];
  for (const [what, edit, pattern] of bad) {
    const dir = writeFiles({ "s.yaml": edit(SUBNETS) });
    const out = tempDir();
    const r = await cli(["run", join(dir, "s.yaml"), "--out", out]);
    assert.notEqual(r.code, 0, what);
    const errors = r.err.split("\n").filter((l) => l.includes("s.yaml:") && !l.includes("warning"));
    assert.ok(errors.length >= 1 && errors.some((l) => pattern.test(l)), `${what}: ${r.err}`);
    assert.ok(!r.err.includes("    at "), `${what}: no stack trace`);
    assert.ok(!existsSync(out) || readdirSync(out).length === 0, `${what}: nothing written`);
  }
});
