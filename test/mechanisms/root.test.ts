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

test("root cartel: members holding > κ of root stake put W_C on the cartel's subnet and take its emission", () => {
  const text = (cartelStake: string) => `name: rootcartel
seed: 9
start: { date: "2023-11-20" }
horizon: { days: 1 }
token: { initial_issuance_tao: 6000000 }
network:
  subnets: 2
  subnet_emission: root
populations:
  validators:
    honest: { count: 3, strategy: honest, stake_tao: 1000 }
    cabal: { count: 3, strategy: cartel, params: { cartel_weight_frac: 1 }, stake_tao: ${cartelStake} }
  miners:
    good: { count: 10, strategy: honest, quality: 0.8, subnets: [0] }
    own: { count: 10, strategy: cartel, quality: 0.2, subnets: [1] }
`;
  const share = (stake: string) => {
    const dir = writeFiles({ "r.yaml": text(stake) });
    const c = compileScenario(loadScenario(join(dir, "r.yaml")));
    assert.ok(c.ok);
    return simulate(c.value).state.subnets.emission_share_frac[1]!;
  };
  // Honest members give the cartel's subnet 0.2/(0.8 + 0.2) of their row; the cartel gives it all.
  const small = share("500"); // cartel 1/3 of root stake
  const big = share("3000"); // cartel 3/4
  assert.ok(big > 0.7, `cartel above κ: ${big}`);
  assert.ok(small < big, `${small} < ${big}`);
  // Below κ: ranks R_1 = 1/3·1 + 2/3·0.2, R_0 = 2/3·0.8; trust T_1 = 1, T_0 = 2/3 (the cartel gives
  // subnet 0 nothing), C = sigmoid(10(T − κ)), κ = 32767/65535.
  const kappa = 32767 / 65535;
  const C = (t: number) => 1 / (1 + Math.exp(-10 * (t - kappa)));
  const r1 = (1 / 3) * 1 + (2 / 3) * 0.2;
  const r0 = (2 / 3) * 0.8;
  const want = (C(1) * r1) / (C(1) * r1 + C(2 / 3) * r0);
  assert.ok(Math.abs(small - want) < 1e-9, `${small} vs ${want}`);
});
