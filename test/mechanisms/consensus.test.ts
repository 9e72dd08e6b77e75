/**
 * The engine runs the chain's Yuma epoch as a consensus model: with honest, noiseless validators
 * it pays what the ideal shortcut assumes — miners by true quality, validators by stake — and
 * conserves TAO.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { compileScenario } from "../../src/scenario/compile.js";
import { loadScenario } from "../../src/index.js";
import { simulate } from "../../src/engine/simulate.js";
import { conservationError } from "../../src/state/state.js";
import { MINIMAL, writeFiles } from "../helpers.js";

function run(consensus: string, bond: string) {
  const text = MINIMAL.replace("network:\n  subnets: 2", `network:\n  subnets: 2\n  consensus: ${consensus}\n  hyperparameters:\n    bond_model: ${bond}`).replace("days: 30", "days: 3");
  const dir = writeFiles({ "s.yaml": text });
  const c = compileScenario(loadScenario(join(dir, "s.yaml")));
  assert.ok(c.ok, c.ok ? "" : JSON.stringify(c.issues));
  return simulate(c.value).state;
}

for (const bond of ["classic", "yuma3"]) {
  test(`yuma (${bond}) with honest validators: miners paid ∝ quality, validators ∝ stake; TAO conserved`, () => {
    const st = run("yuma", bond);
    assert.ok(conservationError(st) < 1e-12);
    // Miners on one subnet: earned ∝ quality (every epoch after the first, which has no permits yet).
    const sub0 = [0, 2]; // miners are assigned round-robin: 0 and 2 on subnet 0
    const [a, b] = sub0.map((i) => st.miners.earned_tao[i]!);
    const [qa, qb] = sub0.map((i) => st.miners.quality[i]!);
    // Weights are u16 on chain (max-upscaled), so quality is resolved to ~1/65535.
    assert.ok(Math.abs(a! / b! / (qa! / qb!) - 1) < 1e-4, `${a! / b!} vs ${qa! / qb!}`);
    // Validators earn ∝ their stake (self + nominated; all compound at the same rate, so the
    // ratios are constant over the run).
    const v = Array.from(st.validators.earned_tao);
    const s = Array.from(st.validators.total_stake_tao);
    for (let i = 1; i < v.length; i++) assert.ok(Math.abs(v[i]! / v[0]! / (s[i]! / s[0]!) - 1) < 1e-4, `validator ${i}`);
  });
}

test("yuma and ideal agree on totals for honest noiseless validators", () => {
  const y = run("yuma", "classic");
  const i = run("ideal", "classic");
  const sum = (a: Float64Array) => a.reduce((p, q) => p + q, 0);
  // The first epoch of each subnet has no permits under Yuma (stake fallback pays validators only).
  const firstEpochs = 2 * (100 / 7200) * 7200 * 0.5; // ≤ 2 subnets × one epoch's emission
  assert.ok(Math.abs(sum(y.miners.earned_tao) - sum(i.miners.earned_tao)) <= firstEpochs);
  assert.ok(Math.abs(sum(y.validators.earned_tao) + sum(y.miners.earned_tao) - sum(i.validators.earned_tao) - sum(i.miners.earned_tao)) < 1e-6);
});
