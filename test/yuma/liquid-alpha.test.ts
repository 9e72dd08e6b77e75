// Differential check of liquid alpha (issue 14): the WebAssembly epoch vs the plain TypeScript
// oracle under bond_model yuma3 + liquid alpha, on long runs (50 epochs) where the per-entry α
// choice (buying or selling, and the sigmoid's input) meets entries at its boundary: weights are
// re-set every epoch around a fixed profile with noise, so bonds settle close to the weights, and
// with exact ties (validators copying one another, equal values within a row, a row's only
// entry). Stored bonds must be identical and every output within 1e-9.
import { test } from "node:test";
import assert from "node:assert/strict";
import { YumaSubnet as NewSub } from "../../src/yuma/subnet.js";
import { YumaSubnet as OldSub } from "./reference/subnet.js";
import { stream } from "../../src/rng.js";

const LIQUID = [
  { alpha_low: 0.7, alpha_high: 0.9, steepness: 1000 },
  { alpha_low: 0.7, alpha_high: 0.9, steepness: 1000 },
  { alpha_low: 0.7, alpha_high: 0.9, steepness: 1000 },
  { alpha_low: 0.1, alpha_high: 0.3, steepness: 1000 },
  { alpha_low: 0.025, alpha_high: 0.9, steepness: 500 },
  { alpha_low: 0.7, alpha_high: 0.9, steepness: 5000 },
  { alpha_low: 0.5, alpha_high: 0.5, steepness: 1000 },
  { alpha_low: 45875 / 65535, alpha_high: 58982 / 65535, steepness: 100 },
] as const;

export interface LiquidAlphaDiff {
  graphs: number;
  epochs: number;
  /** Largest |Δ| of a stored bond (u16) and of a dividend, and over all the fractional outputs. */
  bond: number;
  dividend: number;
  output: number;
  /** Epochs with some stored bond differing, and the first one (seed, epoch). */
  badEpochs: number;
  first: string;
}

/** Runs `graphs` random subnets × `epochs` epochs on both implementations; returns the worst differences. */
export function liquidAlphaDiff(graphs: number, epochs: number, seed0 = 0): LiquidAlphaDiff {
  const res: LiquidAlphaDiff = { graphs, epochs, bond: 0, dividend: 0, output: 0, badEpochs: 0, first: "" };
  for (let seed = seed0; seed < seed0 + graphs; seed++) {
    const rng = stream(seed, "liquid-alpha");
    const n = 3 + Math.floor(rng() * 30);
    const k = 1 + Math.floor(rng() * Math.min(n, 16));
    const beta = [0, 0.5, 1, 1][Math.floor(rng() * 4)]!;
    const la = LIQUID[Math.floor(rng() * LIQUID.length)]!;
    const settings = { bond_model: "yuma3", liquid_alpha: la, bonds_penalty: beta, max_allowed_validators: k, tempo: 100, activity_cutoff: 1000, stake_threshold: 0, kappa: 32767 / 65535, bonds_moving_average: 900000 } as const;
    const a = new NewSub(n, settings as never, 0);
    const b = new OldSub(n, settings as never, 0);
    // Stake: uniform, skewed (log-normal with a large spread) or a few whales; some uids unstaked.
    const skew = rng();
    const stake = Array.from({ length: n }, () => {
      if (rng() < 0.15) return 0;
      if (skew < 0.33) return 1 + 1000 * rng();
      if (skew < 0.66) return Math.exp(6 * (rng() - 0.5) * 2);
      return rng() < 0.1 ? 1e6 * rng() : rng();
    });
    a.setStake(stake);
    b.setStake(stake);
    // Each uid's weight profile: sparse (density p), with quantised values (ties within a row) or
    // continuous ones; a share of the validators copy another's profile exactly.
    const density = 0.15 + 0.85 * rng();
    const quantised = rng() < 0.4;
    const noise = [0, 0.001, 0.02, 0.2][Math.floor(rng() * 4)]!;
    const copyShare = rng() < 0.5 ? 0.4 * rng() : 0;
    const profile: { dests: number[]; values: number[] }[] = [];
    for (let i = 0; i < n; i++) {
      if (i > 0 && rng() < copyShare) {
        profile.push(profile[Math.floor(rng() * i)]!);
        continue;
      }
      const dests: number[] = [];
      const values: number[] = [];
      const single = rng() < 0.05;
      for (let j = 0; j < n; j++) {
        if (single ? dests.length > 0 || rng() < 0.7 : rng() > density) continue;
        dests.push(j);
        values.push(quantised ? Math.floor(rng() * 4) : rng() < 0.05 ? 0 : rng());
      }
      profile.push({ dests, values });
    }
    const resetEvery = rng() < 0.8 ? 1 : 2;
    for (let e = 0; e < epochs; e++) {
      const block = 101 * (e + 1);
      if (rng() < 0.05) {
        // Occasional stake moves change permits; an occasional newcomer takes a uid.
        const u = Math.floor(rng() * n);
        stake[u] = rng() < 0.5 ? 0 : 1000 * rng();
        a.setStake(stake);
        b.setStake(stake);
      }
      // A newcomer takes a uid between two epochs: the rows that set weights after it (at a later
      // block) list it while its bond column is still masked (registered within the last tempo).
      const regBlock = block - 1 - Math.floor(rng() * 100);
      if (e > 3 && rng() < 0.1) {
        const u = Math.floor(rng() * n);
        a.register(u, regBlock);
        b.register(u, regBlock);
      }
      if (e % resetEvery === 0) {
        // Noise on every value; copies of a profile share its noisy values (exact ties between rows).
        const drawn = new Map<object, number[]>();
        for (let i = 0; i < n; i++) {
          if (rng() < 0.03) continue; // a validator misses an epoch
          const p = profile[i]!;
          let values = drawn.get(p);
          if (!values) {
            values = p.values.map((v) => (noise === 0 ? v : Math.max(0, v * (1 + noise * (rng() * 2 - 1)))));
            drawn.set(p, values);
          }
          const at = block - Math.floor(rng() * 100);
          a.setWeights(i, p.dests, values, at);
          b.setWeights(i, p.dests, values, at);
        }
      }
      const oa = a.epoch(block);
      const ob = b.epoch(block);
      for (let i = 0; i < n; i++) {
        assert.equal(oa.validator_permit[i], ob.validator_permit[i], `permit of uid ${i}, seed ${seed}, epoch ${e}`);
        res.dividend = Math.max(res.dividend, Math.abs(oa.dividends[i]! - ob.dividends[i]!));
        for (const f of ["incentive", "dividends", "consensus", "validator_trust", "emission"] as const) {
          res.output = Math.max(res.output, Math.abs(oa[f][i]! - ob[f][i]!));
        }
      }
      let bad = false;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const d = Math.abs(a.bond(i, j) - b.bond(i, j));
          if (d > 0) bad = true;
          res.bond = Math.max(res.bond, d);
        }
      }
      if (bad) {
        res.badEpochs++;
        if (!res.first) res.first = `seed ${seed} epoch ${e} (n ${n}, k ${k}, β ${beta}, ${JSON.stringify(la)})`;
      }
    }
  }
  return res;
}

test("liquid alpha: the WebAssembly epoch equals the oracle on 240 random subnets × 50 epochs (bonds exact)", () => {
  const r = liquidAlphaDiff(240, 50);
  if (process.env.LA_VERBOSE) console.log(r);
  assert.equal(r.bond, 0, `stored bonds differ by up to ${r.bond} u16 in ${r.badEpochs} epochs, first at ${r.first}`);
  assert.ok(r.dividend < 1e-9, `dividends differ by ${r.dividend}`);
  assert.ok(r.output < 1e-9, `outputs differ by ${r.output}`);
});
