// Differential check: the WebAssembly epoch vs the first (plain TypeScript, conformance-passing)
// implementation, on random subnets covering β ∈ {0, 0.5, 1}, liquid alpha, stake thresholds,
// registrations, bond resets, inactive validators, permit churn and whole-row
// re-sets (the blocked slot copy).
import { test } from "node:test";
import assert from "node:assert/strict";
import { YumaSubnet as NewSub } from "../../src/yuma/subnet.js";
import { YumaSubnet as OldSub } from "./reference/subnet.js";
import { stream } from "../../src/rng.js";

test("the WebAssembly epoch equals the reference implementation on 300 random subnets × 12 epochs", () => {
  let worst = { f: 0, b: 0 };
  for (let seed = 0; seed < 300; seed++) {
    const rng = stream(seed, "diff");
    const n = 4 + Math.floor(rng() * 40);
    const k = 2 + Math.floor(rng() * 20);
    // Often nearly every row re-sets: runs of 8 consecutive slots take the kernels' block copy.
    const skip = rng() < 0.5 ? 0.5 : 0.05;
    const beta = [0, 0.5, 1][Math.floor(rng() * 3)]!;
    const model = rng() < 0.5 ? "classic" : "yuma3";
    const la = model === "yuma3" && rng() < 0.5 ? { alpha_low: 0.7, alpha_high: 0.9, steepness: 1000 } : false;
    const settings = { bond_model: model, liquid_alpha: la, bonds_penalty: beta, max_allowed_validators: k, tempo: 100, activity_cutoff: 300, stake_threshold: rng() < 0.3 ? 50 : 0, kappa: 32767 / 65535, bonds_moving_average: 900000 } as const;
    const a = new NewSub(n, settings as never, 0);
    const b = new OldSub(n, settings as never, 0);
    let stake = Array.from({ length: n }, () => (rng() < 0.6 ? 1000 * rng() : 0));
    for (let e = 0; e < 12; e++) {
      const block = 101 * (e + 1);
      if (rng() < 0.3) stake = stake.map((x) => (rng() < 0.2 ? 1000 * rng() : x));
      if (e > 2 && rng() < 0.3) {
        const u = Math.floor(rng() * n);
        a.register(u, block);
        b.register(u, block);
      }
      if (rng() < 0.1) {
        const j = Math.floor(rng() * n);
        a.resetBonds(j);
        b.resetBonds(j);
      }
      a.setStake(stake);
      b.setStake(stake);
      for (let i = 0; i < n; i++) {
        if (rng() < skip) continue;
        const dests: number[] = [];
        const values: number[] = [];
        for (let j = 0; j < n; j++) if (rng() < 0.6) (dests.push(j), values.push(rng() < 0.15 ? 0 : Math.floor(65535 * rng())));
        a.setWeights(i, dests, values, block);
        b.setWeights(i, dests, values, block);
      }
      const oa = a.epoch(block);
      const ob = b.epoch(block);
      for (const f of ["incentive", "dividends", "consensus", "validator_trust", "emission"] as const) {
        for (let i = 0; i < n; i++) worst.f = Math.max(worst.f, Math.abs(oa[f][i]! - ob[f][i]!));
      }
      for (let i = 0; i < n; i++) assert.equal(oa.validator_permit[i], ob.validator_permit[i], `permit of uid ${i}, seed ${seed}, epoch ${e}`);
      const ba = a.bondMatrix();
      const bb = b.bondMatrix();
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst.b = Math.max(worst.b, Math.abs(ba[i]![j]! - bb[i]![j]!));
      // Summation order differs (slots, lanes): fractions agree to ~1e-16; stored bonds exactly.
      assert.ok(worst.f < 1e-12, `seed ${seed} epoch ${e} (n ${n}, k ${k}, β ${beta}, ${model}${la ? "+LA" : ""}): |Δ| ${worst.f}`);
      assert.equal(worst.b, 0, `seed ${seed} epoch ${e}: stored bonds differ`);
    }
  }
});
