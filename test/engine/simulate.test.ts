/** Determinism, conservation and event stepping of whole runs. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenario, runScenario } from "../../src/index.js";
import { conservationError } from "../../src/state/state.js";
import { simulate } from "../../src/engine/simulate.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { cli, MINIMAL, tempDir, writeFiles } from "../helpers.js";

const GBM = MINIMAL.replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  recycle_frac: 0.05\n  price: { process: gbm, initial_usd: 300, drift_per_year: 0.1, volatility_per_year: 0.8 }\n");

test("same scenario and seed ⇒ byte-identical network.csv (through the CLI, twice)", async () => {
  const dir = writeFiles({ "s.yaml": GBM });
  const [a, b] = [tempDir(), tempDir()];
  const ra = await cli(["run", join(dir, "s.yaml"), "--out", a, "--quiet"]);
  const rb = await cli(["run", join(dir, "s.yaml"), "--out", b, "--quiet"]);
  assert.equal(ra.code, 0, ra.err);
  assert.equal(rb.code, 0, rb.err);
  const csvA = readFileSync(join(ra.out.trim(), "network.csv"));
  const csvB = readFileSync(join(rb.out.trim(), "network.csv"));
  assert.ok(csvA.length > 1000);
  assert.ok(csvA.equals(csvB), "network.csv differs between identical runs");
  // Another seed changes the price path (and the run id).
  const rc = await cli(["run", join(dir, "s.yaml"), "--out", a, "--quiet", "--seed", "7"]);
  assert.notEqual(rc.out.trim(), ra.out.trim());
  assert.ok(!readFileSync(join(rc.out.trim(), "network.csv")).equals(csvA));
});

test("adding a population group leaves the other groups' draws unchanged (named streams)", () => {
  const dir = writeFiles({
    "a.yaml": MINIMAL,
    "b.yaml": MINIMAL.replace("  stakers:\n", "  stakers:\n    extra:\n      count: 7\n      strategy: passive\n      stake_tao: { dist: exponential, mean: 10 }\n"),
  });
  const ca = compileScenario(loadScenario(join(dir, "a.yaml")));
  const cb = compileScenario(loadScenario(join(dir, "b.yaml")));
  assert.ok(ca.ok && cb.ok);
  assert.deepEqual(Array.from(ca.value.populations.miners.quality), Array.from(cb.value.populations.miners.quality));
});

test("conservation: emitted = Σ liquid + Σ stake + pending + unassigned + recycled, to 1e-9 over 10 years", () => {
  const dir = writeFiles({ "s.yaml": GBM.replace("days: 30", "days: 3652") });
  const c = compileScenario(loadScenario(join(dir, "s.yaml")));
  assert.ok(c.ok);
  // simulate() checks at every recording point and throws on a violation; check the end too.
  const out = simulate(c.value);
  assert.ok(conservationError(out.state) < 1e-9);
  const t = out.tables.network;
  const col = (n: string) => t.columns.find((x) => x.def.name === n)!.data as Float64Array;
  for (let r = 0; r < t.rows; r++) assert.ok(col("conservation_error_frac")[r]! < 1e-9, `row ${r}`);
  // Halvings fall inside the run: the block emission has dropped by the end.
  assert.ok(col("block_emission_tao")[t.rows - 1]! <= 0.5);
});

test("recording interval does not change the state (events are exact)", () => {
  const dir = writeFiles({ "a.yaml": GBM, "b.yaml": GBM + "record:\n  every_blocks: 1000\n" });
  const ra = runScenario(join(dir, "a.yaml"));
  const rb = runScenario(join(dir, "b.yaml"));
  const last = (r: typeof ra, n: string) => {
    const t = r.tables.network;
    return (t.columns.find((x) => x.def.name === n)!.data as Float64Array)[t.rows - 1]!;
  };
  for (const n of ["issuance_tao", "emitted_tao", "recycled_tao", "staked_tao", "liquid_tao"]) {
    assert.ok(Math.abs(last(ra, n) - last(rb, n)) <= 1e-9 * Math.abs(last(ra, n)), n);
  }
  assert.ok(rb.tables.network.rows > ra.tables.network.rows);
});

test("2023 payout: owner 18 %, miners 41 %, validators 41 % of every epoch (T6)", () => {
  const dir = writeFiles({ "s.yaml": MINIMAL.replace("days: 30", "blocks: 7200") });
  const c = compileScenario(loadScenario(join(dir, "s.yaml")));
  assert.ok(c.ok);
  const st = simulate(c.value).state;
  let subnetPending = 0;
  for (const v of st.subnets.pending_tao) subnetPending += v;
  const paid = st.network.emitted_tao - st.network.recycled_tao - subnetPending;
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const cut = 11796 / 65535;
  assert.ok(Math.abs(st.network.owner_cut_tao / paid - cut) < 1e-12);
  assert.ok(Math.abs(sum(st.miners.earned_tao) / paid - (1 - cut) / 2) < 1e-12);
  assert.ok(Math.abs(sum(st.validators.earned_tao) / paid - (1 - cut) / 2) < 1e-12);
  // Nominators got their share after the 18 % take, pro-rata to stake (all stakers equal here).
  const earned = Array.from(st.stakers.earned_tao);
  assert.ok(earned.every((e) => e > 0));
});
