/**
 * Invariants of the epoch on random subnets, under every bond model: shares are non-negative and
 * sum to 1 when weights are set; a validator with zero stake earns nothing; permuting uids
 * permutes the outputs; the order of weight entries does not matter.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { YumaSubnet } from "../../src/yuma/subnet.js";
import type { YumaSettings } from "../../src/yuma/settings.js";
import { stream, type Rng } from "../../src/rng.js";

const MODELS: Partial<YumaSettings>[] = [
  { bond_model: "classic" },
  { bond_model: "yuma3" },
  { bond_model: "yuma3", liquid_alpha: { alpha_low: 0.7, alpha_high: 0.9, steepness: 1000 } },
  { bond_model: "classic", bonds_penalty: 0.5 },
  { bond_model: "yuma3", bonds_penalty: 0 },
];

interface World {
  n: number;
  stake: number[][]; // per epoch
  weights: { uid: number; dests: number[]; values: number[] }[][]; // per epoch
}

function randomWorld(rng: Rng, n: number, epochs: number, zeroStakeValidator: number | null): World {
  const V = Math.max(2, Math.floor(n / 3));
  const stake: number[][] = [];
  const weights: World["weights"] = [];
  let s = Array.from({ length: n }, (_, i) => (i < V ? 100 + 1000 * rng() : rng() < 0.2 ? 10 * rng() : 0));
  if (zeroStakeValidator !== null) s[zeroStakeValidator] = 0;
  for (let e = 0; e < epochs; e++) {
    if (rng() < 0.3) s = s.map((x, i) => (x > 0 && i !== zeroStakeValidator ? x * (0.8 + 0.4 * rng()) : x));
    stake.push([...s]);
    const calls: World["weights"][number] = [];
    if (e > 0) {
      for (let i = 0; i < V; i++) {
        if (rng() < 0.2) continue; // some validators skip a tempo
        const dests: number[] = [];
        const values: number[] = [];
        for (let j = 0; j < n; j++) if (j !== i && rng() < 0.7) (dests.push(j), values.push(Math.floor(65535 * rng())));
        calls.push({ uid: i, dests, values });
      }
      if (zeroStakeValidator !== null) calls.push({ uid: zeroStakeValidator, dests: [n - 1], values: [65535] });
    }
    weights.push(calls);
  }
  return { n, stake, weights };
}

function replay(w: World, settings: Partial<YumaSettings>, perm?: number[], shuffleEntries?: Rng) {
  const p = perm ?? Array.from({ length: w.n }, (_, i) => i);
  const sub = new YumaSubnet(w.n, { max_allowed_validators: 8, tempo: 100, ...settings }, 0);
  const out: { I: number[]; D: number[]; E: number[]; C: number[]; VT: number[]; P: number[]; B: number[][] }[] = [];
  w.stake.forEach((s, e) => {
    const block = 101 * (e + 1);
    const ps = new Array<number>(w.n);
    s.forEach((x, i) => (ps[p[i]!] = x));
    sub.setStake(ps);
    for (const c of w.weights[e]!) {
      let entries = c.dests.map((d, k) => [p[d]!, c.values[k]!] as const);
      if (shuffleEntries) entries = entries.map((x) => [shuffleEntries(), x] as const).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
      else entries = entries.sort((a, b) => a[0] - b[0]);
      sub.setWeights(p[c.uid]!, entries.map((x) => x[0]), entries.map((x) => x[1]), block);
    }
    const o = sub.epoch(block);
    const back = <T>(a: ArrayLike<T>) => Array.from({ length: w.n }, (_, i) => a[p[i]!]!);
    const Bm = sub.bondMatrix();
    out.push({ I: back(o.incentive), D: back(o.dividends), E: back(o.emission), C: back(o.consensus), VT: back(o.validator_trust), P: back(o.validator_permit), B: Array.from({ length: w.n }, (_, i) => back(Bm[p[i]!]!)) });
  });
  return out;
}

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);

for (const settings of MODELS) {
  const label = `${settings.bond_model}${settings.liquid_alpha ? "+LA" : ""}${settings.bonds_penalty !== undefined ? ` β=${settings.bonds_penalty}` : ""}`;

  test(`[${label}] incentive and dividends are ≥ 0 and sum to 1 once weights are set`, () => {
    for (let seed = 0; seed < 8; seed++) {
      const w = randomWorld(stream(seed, "prop/world"), 12 + seed, 6, null);
      const out = replay(w, settings);
      out.forEach((o, e) => {
        for (const v of [...o.I, ...o.D, ...o.E]) assert.ok(v >= 0, `negative share at epoch ${e}`);
        assert.ok(Math.abs(sum(o.E) - 1) < 1e-12, `emission sums to ${sum(o.E)}`);
        if (sum(o.I) > 0) assert.ok(Math.abs(sum(o.I) - 1) < 1e-12);
        if (sum(o.D) > 0) assert.ok(Math.abs(sum(o.D) - 1) < 1e-12);
        if (e >= 2) assert.ok(Math.abs(sum(o.I) - 1) < 1e-12, `seed ${seed} epoch ${e}: weights set, incentive must sum to 1`);
      });
    }
  });

  test(`[${label}] a validator with zero stake earns nothing`, () => {
    for (let seed = 0; seed < 6; seed++) {
      const w = randomWorld(stream(seed, "prop/zero"), 14, 6, 1);
      for (const o of replay(w, settings)) {
        assert.equal(o.D[1], 0);
        assert.equal(o.P[1], 0);
      }
    }
  });

  test(`[${label}] permuting uids permutes every output`, () => {
    for (let seed = 0; seed < 6; seed++) {
      const rng = stream(seed, "prop/perm");
      const w = randomWorld(rng, 15, 6, null);
      const perm = Array.from({ length: w.n }, (_, i) => i);
      for (let i = perm.length - 1; i > 0; i--) {
        const k = Math.floor(rng() * (i + 1));
        [perm[i], perm[k]] = [perm[k]!, perm[i]!];
      }
      const a = replay(w, settings);
      const b = replay(w, settings, perm);
      a.forEach((x, e) => {
        for (const f of ["I", "D", "E", "C", "VT"] as const) x[f].forEach((v, i) => assert.ok(Math.abs(v - b[e]![f][i]!) < 1e-12, `${f}[${i}] epoch ${e}`));
        assert.deepEqual(x.P, b[e]!.P);
        assert.deepEqual(x.B, b[e]!.B);
      });
    }
  });

  test(`[${label}] the order of weight entries does not matter`, () => {
    const w = randomWorld(stream(3, "prop/order"), 16, 6, null);
    const a = replay(w, settings);
    const b = replay(w, settings, undefined, stream(9, "prop/shuffle"));
    assert.deepEqual(a, b);
  });
}
