/**
 * Strategies in the agent economy (Yuma consensus): a cartel below κ is clipped, one above κ is
 * not; copiers earn about what honest validators earn and commit-reveal lowers that; stale
 * validators fall out of the activity cutoff; cartel/copier weight rules on their own.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { loadScenario } from "../../src/index.js";
import { simulate } from "../../src/engine/simulate.js";
import { packageRoot } from "../../src/paths.js";
import { cartelWeights, copierWeights, honestWeights, observeInJs } from "../../src/agents/weights.js";
import { NormalStream } from "../../src/rng.js";
import type { WeightView } from "../../src/agents/registry.js";
import { writeFiles, compileWithOptions } from "../helpers.js";

function runFile(file: string, days: number) {
  const c = compileWithOptions(loadScenario(file), { horizonDays: days });
  assert.ok(c.ok, c.ok ? "" : JSON.stringify(c.issues));
  return simulate(c.value);
}

function column(out: ReturnType<typeof simulate>, name: string): number[] {
  const col = out.tables.network.columns.find((c) => c.def.name === name);
  assert.ok(col, `column ${name}`);
  return Array.from(col.data as Float64Array);
}

const scenario = (name: string) => join(packageRoot(), "scenarios", name);
const last = (a: number[]) => a[a.length - 1]!;

test("cartel.yaml: a 40 % cartel voting for its own miners is clipped to the honest consensus and earns far below its stake", () => {
  const out = runFile(scenario("cartel.yaml"), 10);
  const stake = last(column(out, "cartel_stake_frac"));
  const emission = last(column(out, "cartel_emission_frac"));
  assert.ok(stake > 0.35 && stake < 0.45, `cartel stake ${stake}`);
  assert.ok(emission < stake / 4, `cartel emission ${emission} vs stake ${stake}`);
  // The market still routes incentive to the best miners.
  assert.ok(last(column(out, "incentive_quality_spearman")) > 0.9);
});

test("a cartel above κ sets the consensus on its own miners and takes a large share", () => {
  const base = scenario("cartel.yaml");
  const dir = writeFiles({});
  // A base in the project's scenarios/ folder, named relative to the derived file (absolute paths are refused).
  writeFiles.into(dir, {
    "big.yaml": `name: big-cartel\nextends: ${JSON.stringify(relative(dir, base))}\npopulations:\n  validators:\n    delegates:\n      stake_tao: { dist: lognormal, median: 1, sigma: 0.5, scale_to_total: 150000 }\n    cabal:\n      stake_tao: { dist: lognormal, median: 1, sigma: 0.5, scale_to_total: 350000 }\n`,
  });
  const small = last(column(runFile(base, 10), "cartel_emission_frac"));
  const out = runFile(join(dir, "big.yaml"), 10);
  const stake = last(column(out, "cartel_stake_frac"));
  const emission = last(column(out, "cartel_emission_frac"));
  assert.ok(stake > 0.6, `cartel stake ${stake}`);
  assert.ok(emission > 0.5 && emission > 10 * small, `cartel emission ${emission} (below κ: ${small})`);
});

test("weight copying: copiers earn within 10 % of honest validators; commit-reveal lowers their ratio (same seed)", () => {
  const plain = column(runFile(scenario("weight-copying.yaml"), 10), "copier_dividend_ratio").slice(2);
  const cr = column(runFile(scenario("weight-copying-commit-reveal.yaml"), 10), "copier_dividend_ratio").slice(2);
  const mean = (a: number[]) => a.reduce((p, q) => p + q, 0) / a.length;
  assert.ok(Math.abs(mean(plain) - 1) < 0.1, `without commit-reveal ${mean(plain)}`);
  assert.ok(mean(cr) < mean(plain), `commit-reveal ${mean(cr)} vs ${mean(plain)}`);
});

test("stale validators (weights every k epochs) drop out of the activity cutoff between settings", () => {
  const dir = writeFiles({
    "stale.yaml": `name: stale
seed: 3
start: { date: "2023-11-20" }
horizon: { days: 4 }
token: { initial_issuance_tao: 6000000 }
network:
  subnets: 2
  consensus: yuma
  hyperparameters: { activity_cutoff_blocks: 2000 }
populations:
  validators:
    fresh: { count: 4, strategy: honest, stake_tao: 1000 }
    sleepy: { count: 4, strategy: stale, params: { every_epochs: 40 }, stake_tao: 1000 }
  miners:
    m: { count: 20, strategy: honest, quality: { dist: uniform, low: 0, high: 1 } }
record: { every_blocks: 600 }
`,
  });
  const active = column(runFile(join(dir, "stale.yaml"), 4), "validators_active").slice(2);
  assert.ok(Math.max(...active) === 8, `all active at times: ${active}`);
  assert.ok(Math.min(...active) < 8, `some inactive at times: ${active}`);
  assert.ok(Math.min(...active) >= 4, `honest ones stay active: ${active}`);
});

function view(quality: number[], cartel: number[], consensus?: number[]): WeightView {
  const rng = new NormalStream(1, "test");
  const v: WeightView = {
    block: 1000,
    epoch: 5,
    quality: Float64Array.from(quality),
    // Slot k holds miner k; `cartel` is what a cartel member knows of them.
    slotMiner: Int32Array.from(cartel, (_c, k) => k),
    consensus: (lag) => (consensus && lag === 1 ? Float64Array.from(consensus) : undefined),
    observe: (sigma, out) => observeInJs(v.quality, rng, sigma, out),
  };
  return v;
}

test("weight rules: cartel puts W_C on its miners, copier copies the lagged consensus, honest without noise reports quality", () => {
  const out = new Float64Array(4);
  assert.ok(cartelWeights(0.7, 0, Uint8Array.of(0, 0, 1, 1)).set(0, view([1, 3, 2, 2], [0, 0, 1, 1]), out));
  [0.075, 0.225, 0.35, 0.35].forEach((x, j) => assert.ok(Math.abs(out[j]! - x) < 1e-15, `entry ${j}: ${out[j]} vs ${x}`));
  assert.ok(!copierWeights(1).set(0, view([1, 1, 1, 1], [0, 0, 0, 0]), out), "nothing to copy yet");
  assert.ok(copierWeights(1).set(0, view([1, 1, 1, 1], [0, 0, 0, 0], [0.1, 0.2, 0.3, 0.4]), out));
  assert.deepEqual(Array.from(out), [0.1, 0.2, 0.3, 0.4]);
  assert.ok(honestWeights(0, 1).set(0, view([0.5, 0.1, 0, 2], [0, 0, 0, 0]), out));
  assert.deepEqual(Array.from(out), [0.5, 0.1, 0, 2]);
  // A stale validator (k = 3) sets on one epoch in three.
  const k3 = honestWeights(0, 3);
  const sets = [0, 1, 2, 3, 4, 5].map((e) => k3.set(1, { ...view([1, 1, 1, 1], [0, 0, 0, 0]), epoch: e }, out));
  assert.deepEqual(sets, [false, false, true, false, false, true]);
});

test("yield-chasing stakers move to the validators with the lower take; passive ones stay; TAO conserved", () => {
  const dir = writeFiles({
    "chase.yaml": `name: chase
seed: 4
start: { date: "2023-11-20" }
horizon: { days: 30 }
token: { initial_issuance_tao: 6000000 }
network: { subnets: 2 }
populations:
  validators:
    greedy: { count: 3, strategy: honest, stake_tao: 1000, take_frac: 0.18 }
    modest: { count: 3, strategy: honest, stake_tao: 1000, take_frac: 0.09 }
  miners:
    m: { count: 10, strategy: honest, quality: 1 }
  stakers:
    chasers: { count: 60, strategy: yield_chasing, params: { inertia_frac: 0.5, switch_threshold_frac: 0.02 }, stake_tao: 100, delegate_to: uniform }
    sitters: { count: 60, strategy: passive, stake_tao: 100, delegate_to: uniform }
`,
  });
  const out = runFile(join(dir, "chase.yaml"), 30);
  const st = out.state;
  const onModest = (from: number, to: number) => {
    let k = 0;
    for (let s = from; s < to; s++) if (st.stakers.validator[s]! >= 3) k++;
    return k;
  };
  assert.equal(onModest(0, 60), 60, "every chaser ends on a low-take validator");
  assert.ok(onModest(60, 120) < 60, "passive stakers did not move");
  let nominated = 0;
  for (let i = 0; i < st.validators.n; i++) nominated += st.validators.nominated_tao[i]!;
  assert.ok(Math.abs(nominated - st.stakers.stake_tao.reduce((p, q) => p + q, 0)) < 1e-6);
  // Per-validator table: low-take validators pay their nominators more per TAO.
  const t = out.tables.validators;
  const get = (name: string) => t.columns.find((c) => c.def.name === name)!.data as Float64Array;
  const apr = get("apr_nominator_frac");
  const take = get("take_frac");
  const rows = t.rows;
  const lastRows = Array.from({ length: 6 }, (_, i) => rows - 6 + i);
  const lo = lastRows.filter((r) => take[r] === 0.09).map((r) => apr[r]!);
  const hi = lastRows.filter((r) => take[r] === 0.18).map((r) => apr[r]!);
  assert.ok(Math.min(...lo) > Math.max(...hi), `apr low take ${lo} vs high take ${hi}`);
});

test("sybil: one model behind k uids earns k times what the same model earns on one uid (Yuma cannot tell them apart)", () => {
  const dir = writeFiles({
    "syb.yaml": `name: syb
seed: 2
start: { date: "2023-11-20" }
horizon: { days: 3 }
token: { initial_issuance_tao: 6000000 }
network: { subnets: 1, consensus: yuma }
populations:
  validators:
    v: { count: 8, strategy: honest, stake_tao: 10000 }
  miners:
    solo: { count: 20, strategy: honest, quality: 0.6 }
    farm: { count: 2, strategy: sybil, params: { uids_per_model: 5 }, quality: 0.6 }
`,
  });
  const out = runFile(join(dir, "syb.yaml"), 3);
  const m = out.state.miners;
  const solo = m.earned_tao[0]!;
  let model = 0;
  for (let j = 20; j < 25; j++) {
    assert.equal(m.model[j], 20);
    model += m.earned_tao[j]!;
  }
  assert.ok(Math.abs(model / solo - 5) < 0.01, `sybil model ${model} vs solo ${solo}`);
  assert.ok(Math.abs(last(column(out, "sybil_uid_frac")) - 1 / 3) < 1e-12);
});
