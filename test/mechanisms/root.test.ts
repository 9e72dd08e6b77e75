/**
 * The era-B root network as the subnet-emission function: with every member seeing the true
 * subnet values, trust is full on every subnet and the shares are ∝ the members' stake-weighted
 * weights, i.e. ∝ the subnets' mean miner quality; shares change only at root epochs
 * ((block + 1) mod 101 = 0) and TAO is conserved.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadScenario } from "../../src/index.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { simulate } from "../../src/engine/simulate.js";
import { conservationError } from "../../src/state/state.js";
import { writeFiles } from "../helpers.js";

const SCENARIO = (extra: string) => `name: root
seed: 9
start: { date: "2023-11-20" }
horizon: { days: 3 }
token: { initial_issuance_tao: 6000000 }
network:
  subnets: 3
  subnet_emission: root
  hyperparameters: { root_max_validators: 4${extra} }
populations:
  validators:
    v: { count: 6, strategy: honest, stake_tao: { dist: list, values: [600, 500, 400, 300, 200, 100] } }
  miners:
    a: { count: 10, strategy: honest, quality: 0.8, subnets: [0] }
    b: { count: 10, strategy: honest, quality: 0.4, subnets: [1] }
    c: { count: 10, strategy: honest, quality: 0.2, subnets: [2] }
`;

function run(extra = "") {
  const dir = writeFiles({ "r.yaml": SCENARIO(extra) });
  const c = compileScenario(loadScenario(join(dir, "r.yaml")));
  assert.ok(c.ok, c.ok ? "" : JSON.stringify(c.issues));
  return simulate(c.value).state;
}

test("root shares ∝ subnet value when every member sees it; miners' pay follows; TAO conserved", () => {
  const st = run();
  const s = Array.from(st.subnets.emission_share_frac);
  const want = [0.8, 0.4, 0.2].map((x) => x / 1.4);
  s.forEach((x, j) => assert.ok(Math.abs(x - want[j]!) < 1e-12, `subnet ${j}: ${x} vs ${want[j]}`));
  const paid = [0, 0, 0];
  for (let j = 0; j < st.miners.n; j++) paid[st.miners.subnet[j]!]! += st.miners.earned_tao[j]!;
  assert.ok(Math.abs(paid[0]! / paid[2]! - 4) < 0.05, `paid ${paid}`);
  assert.ok(conservationError(st) < 1e-12);
});

test("root noise: shares move, stay a distribution, and are reproducible for a seed", () => {
  const a = run(", root_noise_sigma: 0.5");
  const b = run(", root_noise_sigma: 0.5");
  const s = Array.from(a.subnets.emission_share_frac);
  assert.ok(Math.abs(s.reduce((p, q) => p + q, 0) - 1) < 1e-12);
  assert.ok(s.every((x) => x > 0));
  assert.deepEqual(s, Array.from(b.subnets.emission_share_frac));
  assert.ok(Math.abs(s[0]! - 0.8 / 1.4) > 1e-6, "noise changes the shares");
});
