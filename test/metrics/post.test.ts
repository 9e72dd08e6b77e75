// Metrics after the run: the step registry, the network table's final columns, and the layering
// (record and metrics do not import each other).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { POST_STEPS, postProcess } from "../../src/metrics/post.js";
import { RECORDED_NETWORK_COLUMNS } from "../../src/record/columns.js";
import { SUBNET_COLUMNS, VALIDATOR_COLUMNS } from "../../src/record/validators.js";
import { NETWORK_COLUMNS } from "../../src/network-columns.js";
import { numericColumn, type RunTables, type Table } from "../../src/table.js";
import { loadScenario, runScenario } from "../../src/index.js";
import { packageRoot } from "../../src/paths.js";

const NETWORK_ORDER = [
  "block", "date", "day", "issuance_tao", "block_emission_tao", "emitted_tao", "recycled_tao", "staked_tao", "liquid_tao", "pending_tao",
  "unassigned_tao", "owner_cut_tao", "staking_ratio_frac", "price_usd", "market_cap_usd", "apr_gross_frac", "apr_network_frac", "apr_nominator_frac",
  "validators_active", "miners_active", "miners_registered", "miners_serving", "registrations", "registration_burn_tao", "burn_price_tao_mean",
  "sybil_uid_frac", "sybil_emission_frac", "cartel_stake_frac", "cartel_emission_frac", "copier_dividend_ratio", "gini_stake_frac", "nakamoto_stake",
  "gini_emission_frac", "nakamoto_emission", "tasks_per_day", "served_quality_mean", "incentive_quality_spearman", "conservation_error_frac",
];

test("the network table's columns: recorded and computed ones in their fixed order, no internal column", () => {
  assert.deepEqual(NETWORK_COLUMNS.map((c) => c.name), NETWORK_ORDER);
  assert.ok(NETWORK_COLUMNS.every((c) => !c.internal));
});

test("every step reads only recorded columns or columns of earlier steps, and adds new ones", () => {
  const have = {
    network: new Set(RECORDED_NETWORK_COLUMNS.map((c) => c.name)),
    validators: new Set(VALIDATOR_COLUMNS.map((c) => c.def.name)),
    subnets: new Set(SUBNET_COLUMNS.map((c) => c.def.name)),
  };
  for (const s of POST_STEPS) {
    for (const [table, names] of Object.entries(s.needs) as [keyof typeof have, string[]][]) for (const n of names) assert.ok(have[table].has(n), `${s.name} needs ${table}.${n}`);
    assert.ok(have.network.has(s.after), `${s.name} places after ${s.after}`);
    for (const d of s.adds) {
      assert.ok(!have.network.has(d.name), `${s.name} adds ${d.name} twice`);
      have.network.add(d.name);
    }
  }
  // Every internal column is read by some step.
  const read = new Set(POST_STEPS.flatMap((s) => s.needs.network ?? []));
  for (const c of RECORDED_NETWORK_COLUMNS.filter((x) => x.internal)) assert.ok(read.has(c.name), `internal column ${c.name} is read`);
});

test("a run's network table has exactly NETWORK_COLUMNS; the metrics follow their definitions", () => {
  const r = runScenario(loadScenario(join(packageRoot(), "scenarios", "cartel.yaml")), { horizonDays: 4, threads: 1 });
  const net = r.tables.network;
  assert.deepEqual(net.columns.map((c) => c.def.name), NETWORK_ORDER);
  const ratio = numericColumn(net, "staking_ratio_frac");
  const staked = numericColumn(net, "staked_tao");
  const issuance = numericColumn(net, "issuance_tao");
  for (let k = 0; k < net.rows; k++) assert.equal(ratio[k], staked[k]! / issuance[k]!);
  // cartel_stake_frac from the validators table of the last row.
  const v = r.tables.validators;
  const n = v.rows / net.rows;
  const stake = numericColumn(v, "stake_tao").subarray(v.rows - n);
  const cartel = numericColumn(v, "cartel").subarray(v.rows - n);
  let part = 0;
  let total = 0;
  for (let i = 0; i < n; i++) (total += stake[i]!), (part += cartel[i] ? stake[i]! : 0);
  assert.equal(numericColumn(net, "cartel_stake_frac")[net.rows - 1], part / total);
  assert.ok(part > 0 && part < total);
  assert.ok(Number.isNaN(numericColumn(net, "apr_gross_frac")[0]!), "no interval before the first row");
});

test("a step missing a column it needs is an error naming the step, the table and the column", () => {
  const empty = (name: string): Table => ({ name, rows: 0, columns: [] });
  const tables: RunTables = { network: empty("network"), validators: empty("validators"), subnets: empty("subnets") };
  assert.throws(() => postProcess(tables), /metric step "staking ratio" needs column staked_tao of the network table/);
});

test("record/ and metrics/ do not import each other", () => {
  const imports = (dir: string) =>
    readdirSync(join(packageRoot(), "src", dir))
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => [...readFileSync(join(packageRoot(), "src", dir, f), "utf8").matchAll(/from "([^"]+)"/g)].map((m) => `${f}: ${m[1]}`));
  assert.deepEqual(imports("record").filter((l) => l.includes("metrics/")), []);
  assert.deepEqual(imports("metrics").filter((l) => l.includes("record/")), []);
});
