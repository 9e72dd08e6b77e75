/**
 * The dTAO economy end to end: determinism, conservation of TAO and of each subnet's alpha over
 * ten years, the era chain from 2023 across the launch and the halving, and bad input refused
 * with one located error and nothing written.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir, writeFiles } from "../helpers.js";
import { runScenario } from "../../src/index.js";
import { numericColumn, textColumn, type Table } from "../../src/table.js";
import { canonicalJson } from "../../src/scenario/compile.js";

const SMALL = `name: dtao-small
seed: 7
start: { date: "2026-08-01", block: 7000000 }
horizon: { days: 20 }
token: { initial_issuance_tao: 11190000, recycle_frac: 0.1 }
network:
  era: dtao-2026
  subnets: 6
  consensus: ideal
  task_demand_per_day: "6 - s"
  hyperparameters: { tempo: 360, owner_cut_frac: 0.18 }
  dtao:
    pool_tao: "20000 / (s + 1)"
    pool_alpha: "20000 / (s + 1) / (0.05 / (s + 1)^0.5)"
    alpha_out: 2000000
    subnet_age_blocks: 2000000
    owner_miner_burn_frac: "s == 5 ? 0.5 : 0"
    owner_sell_frac: 0.5
    user_buy_tao_per_day: 500
    user_sell_frac_per_day: 0.01
populations:
  validators:
    v: { count: 8, strategy: honest, stake_tao: { dist: pareto, scale: 1, shape: 1.16, scale_to_total: 200000 }, sell_frac: 0.3 }
  stakers:
    roots: { count: 60, strategy: root, stake_tao: { dist: lognormal, median: 100, sigma: 1.5, scale_to_total: 2000000 } }
    yields: { count: 40, strategy: alpha_yield, params: { inertia_frac: 0.5 }, stake_tao: { dist: lognormal, median: 100, sigma: 1.5, scale_to_total: 100000 } }
    momentum: { count: 20, strategy: momentum, stake_tao: 500 }
    holders: { count: 20, strategy: holder, stake_tao: 500 }
  miners:
    m: { count: 48, strategy: honest, quality: { dist: beta, a: 2, b: 2 }, sell_frac: 0.7 }
`;

function tablesJson(t: Record<string, Table | undefined>): string {
  return canonicalJson(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v ? v.columns.map((c) => [c.def.name, Array.from(c.data as ArrayLike<number | string>)]) : null])));
}

test("dTAO: same seed ⇒ identical tables, on one thread or two; another seed differs", () => {
  const file = join(writeFiles({ "s.yaml": SMALL }), "s.yaml");
  const a = runScenario(file, { threads: 1 });
  const b = runScenario(file, { threads: 2 });
  assert.ok(a.tables.pools, "a dTAO run records the pools table");
  assert.equal(tablesJson(a.tables as never), tablesJson(b.tables as never));
  const c = runScenario(file, { threads: 1, seed: 8 });
  assert.notEqual(tablesJson(a.tables as never), tablesJson(c.tables as never));
  // The stakers moved, users traded, the root earned, chain buys happened.
  const net = a.tables.network;
  const last = (name: string) => numericColumn(net, name)[net.rows - 1]!;
  assert.ok(last("root_stake_tao") > 0 && last("pool_tao") > 0);
  assert.ok(numericColumn(net, "chain_buy_tao").some((x) => x > 0));
  assert.ok(numericColumn(net, "apy_alpha_frac").some((x) => x > 0));
});

test("dTAO: TAO and every subnet's alpha are conserved to 1e-9 over ten years (checked at every daily row)", () => {
  const long = SMALL.replace("horizon: { days: 20 }", "horizon: { days: 3650 }").replace("subnets: 6", "subnets: 3").replace("count: 48", "count: 12");
  const file = join(writeFiles({ "s.yaml": long }), "s.yaml");
  // The engine checks both at every recorded row and throws beyond 1e-9; the recorded error is also a column.
  const r = runScenario(file, { threads: 1 });
  const err = numericColumn(r.tables.network, "conservation_error_frac");
  assert.ok(Math.max(...err) <= 1e-9);
  const em = numericColumn(r.tables.network, "block_emission_tao");
  assert.ok(em[em.length - 1]! < em[0]!, "a TAO halving happened within ten years");
  const issuance = numericColumn(r.tables.pools!, "alpha_issuance");
  assert.ok(issuance.every((x) => x < 21e6));
});

test("dTAO: a run from 2023 crosses the launch (stake to root, pools 1:1) and the Dec 2025 halving", () => {
  const hist = `name: eras
seed: 3
start: { date: "2025-01-14" }
horizon: { until: "2026-01-10" }
token: { initial_issuance_tao: 8167000 }
network:
  eras:
    - { era: "2023", recycle_frac: 0.03 }
    - { era: dtao-2025, from: "2025-02-13", recycle_frac: 0.03 }
    - { era: taoflow, from: "2025-11-04", recycle_frac: 0.03 }
  subnets: 4
  consensus: ideal
  hyperparameters: { tempo: 99 }
  dtao: { tempo: 360, user_buy_tao_per_day: 500 }
populations:
  validators: { v: { count: 4, strategy: honest, stake_tao: 100000 } }
  stakers: { s: { count: 20, strategy: root, stake_tao: 200000 } }
  miners: { m: { count: 16, strategy: honest, quality: 1 } }
`;
  const r = runScenario(join(writeFiles({ "h.yaml": hist }), "h.yaml"), { threads: 1 });
  const net = r.tables.network;
  const dates = textColumn(net, "date");
  const at = (name: string, date: string) => numericColumn(net, name)[dates.indexOf(date)]!;
  assert.equal(at("root_stake_tao", "2025-02-12"), 0);
  assert.ok(at("root_stake_tao", "2025-02-14") >= 4 * 100000 + 20 * 200000 - 1e-6, "all stake moved to root at the launch");
  assert.equal(at("pool_tao", "2025-02-12"), 0);
  assert.equal(at("subnets_active", "2025-02-14"), 4);
  // A day after the launch the pools hold the seed (1 TAO each) plus a day of emission E·(1 − f)
  // and users' buys, less the TAO that root dividends took out (sold alpha).
  const day = 7200 * 0.97;
  const pools = at("pool_tao", "2025-02-14");
  const rootGain = at("root_stake_tao", "2025-02-15") - at("root_stake_tao", "2025-02-14");
  assert.ok(pools > 4 + day / 2 && pools <= 4 + day + 500 + 1e-6, `pools after a day: ${pools}`);
  assert.ok(rootGain > 0, "root stakers earn from the first day (Σ EMA prices > 1 at the launch)");
  const em = numericColumn(net, "block_emission_tao");
  const k = em.findIndex((x) => x === 0.5);
  assert.ok(k > 0, "the block emission halved");
  const halving = Date.parse(dates[k]!);
  assert.ok(Math.abs(halving - Date.parse("2025-12-14")) <= 10 * 86_400_000, `halving on ${dates[k]}`);
});

test("dTAO bad input: one located error each, non-zero exit, nothing written", async () => {
  const bad: [string, (s: string) => string, RegExp][] = [
    ["eras out of order", (s) => s.replace("era: dtao-2026", "eras: [{ era: dtao-2025 }, { era: dtao-2026, from: \"2026-09-01\" }, { era: taoflow, from: \"2026-08-10\" }]"), /eras\.2\.from.*in order/],
    ["unknown era", (s) => s.replace("era: dtao-2026", "era: dtao-2099"), /network\.era/],
    ["negative pool", (s) => s.replace('pool_tao: "20000 / (s + 1)"', "pool_tao: [100, 100, -5, 100, 100, 100]"), /network\.dtao\.pool_tao\.2/],
    ["subnets over the limit", (s) => s.replace("subnets: 6", "subnets: 200"), /network\.subnets.*subnet limit/],
    ["sell fraction above 1", (s) => s.replace("sell_frac: 0.7", "sell_frac: 1.5"), /populations\.miners\.m\.sell_frac/],
  ];
  for (const [what, edit, pattern] of bad) {
    const dir = writeFiles({ "s.yaml": edit(SMALL) });
    const out = tempDir();
    const r = await cli(["run", join(dir, "s.yaml"), "--out", out]);
    assert.notEqual(r.code, 0, what);
    const errors = r.err.split("\n").filter((l) => l.includes("s.yaml:") && !l.includes("warning"));
    assert.ok(errors.length >= 1 && errors.some((l) => pattern.test(l)), `${what}: ${r.err}`);
    assert.ok(!r.err.includes("    at "), `${what}: no stack trace`);
    assert.ok(!existsSync(out) || readdirSync(out).length === 0, `${what}: nothing written`);
  }
});

test("dTAO sweeps: 2 workers, or 2 shards merged, give byte-identical runs", async () => {
  const dir = writeFiles({
    "s.yaml": SMALL.replace("horizon: { days: 20 }", "horizon: { days: 5 }") + `sweep:\n  grid: { "network.dtao.tao_weight_frac": [0.1, 0.18] }\n  seeds: 2\n`,
  });
  const { readFileSync } = await import("node:fs");
  const whole = join(dir, "whole");
  const parts = join(dir, "parts");
  assert.equal((await cli(["sweep", join(dir, "s.yaml"), "--out", whole, "--workers", "2", "--quiet"])).code, 0);
  for (const i of [0, 1]) assert.equal((await cli(["sweep", join(dir, "s.yaml"), "--out", join(parts, `s${i}`), "--workers", "1", "--shard", `${i}/2`, "--quiet"])).code, 0);
  const stores = [0, 1].map((i) => join(parts, `s${i}`, readdirSync(join(parts, `s${i}`))[0]!));
  assert.equal((await cli(["merge", ...stores, "--out", join(parts, "m")])).code, 0);
  const store = join(whole, readdirSync(whole)[0]!);
  const runs = readdirSync(join(store, "runs"));
  assert.equal(runs.length, 4);
  for (const r of runs) assert.ok(readFileSync(join(store, "runs", r, "network.parquet")).equals(readFileSync(join(parts, "m", "runs", r, "network.parquet"))), r);
});
