/**
 * T7 — Yuma collusion retention: the published retention curve (docs/consensus.md, κ = 0.5, β = 1,
 * ξ = 0.5, σ = 0.4) within ±0.03; the κ clip of a minority cabal's self-weight; the search against
 * a full scan of the grid (and the monotonicity it assumes); determinism; reuse of one subnet.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CollusionNetwork,
  collusionRetention,
  findBaseline,
  honestEmissionShare,
  readRetentionBaseline,
  retentionBaselinePath,
  type CollusionNetworkOptions,
} from "../../src/experiments/collusion-retention.js";

const T7 = { kappa: 0.5, bonds_penalty: 1, xi: 0.5, sigma: 0.4 };

test("T7 baseline: required W_H over the published curve (S_H 0.51 … 0.99) within ±0.03, 5 seeds", (t) => {
  const rows = readRetentionBaseline();
  if (!rows) {
    t.skip(`baseline CSV not found at ${retentionBaselinePath()}`);
    return;
  }
  const curve = rows.filter((r) => findBaseline([r], r.honest_stake_frac, T7));
  assert.ok(curve.length >= 2, "the baseline has the κ = 0.5, β = 1, ξ = 0.5, σ = 0.4 curve");
  for (const named of [0.6, 0.7]) assert.ok(curve.some((r) => r.honest_stake_frac === named), `baseline has S_H = ${named}`);
  const res = collusionRetention({ ...T7, honest_stake_frac: curve.map((r) => r.honest_stake_frac), seeds: 5, grid_step: 0.02 });
  const at = (sh: number) => res.points.find((p) => p.honest_stake_frac === sh)!;
  // The two named targets first: 0.60 → 0.733, 0.70 → 0.749.
  assert.ok(Math.abs(at(0.6).required_honest_utility_frac! - 0.733) <= 0.03, `S_H 0.60: ${at(0.6).required_honest_utility_frac}`);
  assert.ok(Math.abs(at(0.7).required_honest_utility_frac! - 0.749) <= 0.03, `S_H 0.70: ${at(0.7).required_honest_utility_frac}`);
  for (const r of curve) {
    const p = at(r.honest_stake_frac);
    const label = `S_H ${r.honest_stake_frac}: W_H ${p.required_honest_utility_frac} (contour ${p.required_honest_utility_interp_frac}) vs ${r.required_honest_utility_frac}`;
    assert.equal(p.retained, true, label);
    assert.ok(Math.abs(p.required_honest_utility_frac! - r.required_honest_utility_frac) <= 0.03, label);
    assert.ok(Math.abs(p.required_honest_utility_interp_frac! - r.required_honest_utility_frac) <= 0.03, label);
    // The worst W_C sits where the contour is flat, so it is only loosely determined.
    assert.ok(Math.abs(p.worst_cabal_utility_frac - r.worst_cabal_utility_frac) <= 0.1, `${label}; W_C ${p.worst_cabal_utility_frac} vs ${r.worst_cabal_utility_frac}`);
    assert.ok(p.honest_emission_frac >= r.honest_stake_frac, label);
  }
});

test("κ clip: a cabal below κ gains no incentive for its miners beyond what the honest side's weights support", () => {
  // Honest validators give cabal miners nothing (W_H = 1): the κ-majority consensus on them is 0,
  // so however much weight a cabal with 1 − S_H < κ puts on them, they earn nothing.
  for (const sh of [0.51, 0.6, 0.8]) {
    const net = new CollusionNetwork(sh, 0, 0);
    for (const wc of [0, 0.5, 1]) {
      const r = net.epoch(1, wc);
      assert.equal(r.cabal_consensus_frac, 0, `S_H ${sh}, W_C ${wc}`);
      assert.equal(r.cabal_incentive_frac, 0, `S_H ${sh}, W_C ${wc}`);
      assert.ok(Math.abs(r.honest_incentive_frac - 1) < 1e-12);
    }
  }
  // Contrast: a cabal holding more than κ (S_H = 0.4) sets the consensus on its own miners.
  assert.ok(new CollusionNetwork(0.4, 0, 0).epoch(1, 1).cabal_incentive_frac > 0.99);

  // Partial honest utility (W_H = 0.7, S_H = 0.6, cabal 0.4 < κ): per cabal miner j the consensus
  // never exceeds q_j, the κ-quantile of the honest validators' weights on j with every cabal vote
  // counted as +∞ (the most a cabal can push it); at W_C = 1 it equals q_j wherever all cabal votes
  // on j lie above q_j — the cabal's excess is clipped to what the honest side supports.
  const kappa = 0.5;
  const net = new CollusionNetwork(0.6, 0, 0);
  const V = 64;
  const M = 512 - V;
  const VH = net.validators_honest;
  const MH = net.miners_honest;
  let pinned = 0;
  for (const wc of [0.3, 0.6, 1]) {
    net.epoch(0.7, wc);
    const A = net.outputs.active_stake;
    const C = net.outputs.consensus;
    const W = chainWeights(net.weightRows(0.7, wc), V, M);
    let totalA = 0;
    for (let i = 0; i < V; i++) totalA += A[i]!;
    for (let k = MH; k < M; k++) {
      const honest = Array.from({ length: VH }, (_, i) => ({ w: W[i * M + k]!, a: A[i]! })).sort((x, y) => x.w - y.w);
      let cum = 0;
      let q = Infinity;
      for (let m = 0; m < honest.length; m++) {
        cum += honest[m]!.a;
        const last = m === honest.length - 1 || honest[m + 1]!.w !== honest[m]!.w;
        if (last && cum > totalA - kappa) {
          q = honest[m]!.w;
          break;
        }
      }
      const c = C[V + k]!;
      assert.ok(c <= q + 1e-12, `W_C ${wc}, cabal miner ${k}: consensus ${c} > honest bound ${q}`);
      let cabalAbove = true;
      for (let i = VH; i < V; i++) if (!(W[i * M + k]! > q)) cabalAbove = false;
      if (wc === 1 && cabalAbove) {
        assert.ok(Math.abs(c - q) <= 1e-12, `cabal miner ${k}: consensus ${c} ≠ honest bound ${q}`);
        pinned++;
      }
    }
  }
  // With σ = 0.4 some cabal votes fall below q_j; the equality is checked where none does.
  assert.ok(pinned >= 10, `the bound binds on cabal miners at W_C = 1 (${pinned} of ${M - MH})`);
});

/** The rows as the epoch sees them: max-upscaled to u16 (round half up), then normalised. */
function chainWeights(rows: Float64Array, V: number, M: number): Float64Array {
  const W = new Float64Array(V * M);
  for (let i = 0; i < V; i++) {
    let max = 0;
    for (let k = 0; k < M; k++) max = Math.max(max, rows[i * M + k]!);
    let sum = 0;
    for (let k = 0; k < M; k++) sum += W[i * M + k] = max === 0 ? 0 : Math.floor((rows[i * M + k]! * 65535) / max + 0.5);
    for (let k = 0; k < M; k++) W[i * M + k] = sum > 0 ? W[i * M + k]! / sum : 0;
  }
  return W;
}

/** Seed-averaged E_H over the whole (W_H, W_C) grid, by brute force. */
function fullGrid(sh: number, seeds: number, cells: number, o: CollusionNetworkOptions): number[][] {
  const nets = Array.from({ length: seeds }, (_, k) => new CollusionNetwork(sh, 0, k, o));
  return Array.from({ length: cells + 1 }, (_, h) =>
    Array.from({ length: cells + 1 }, (_, c) => nets.reduce((s, n) => s + n.epoch(h / cells, c / cells).honest_emission_frac, 0) / seeds),
  );
}

test("search = full scan of the grid, and E_H is non-decreasing in W_H at every W_C (the assumption bisection uses)", () => {
  const cases: [CollusionNetworkOptions, number[]][] = [
    [{ uids: 128, validators: 16 }, [0.51, 0.6, 0.75, 0.9, 0.99]],
    [{}, [0.55, 0.7]],
  ];
  const cells = 10;
  for (const [o, shs] of cases) {
    const res = collusionRetention({ ...o, honest_stake_frac: shs, seeds: 2, grid_step: 1 / cells });
    shs.forEach((sh, n) => {
      const E = fullGrid(sh, 2, cells, o);
      const label = `${o.uids ?? 512} uids, S_H ${sh}`;
      for (let c = 0; c <= cells; c++) for (let h = 1; h <= cells; h++) assert.ok(E[h]![c]! >= E[h - 1]![c]!, `${label}: E_H drops from W_H ${(h - 1) / cells} to ${h / cells} at W_C ${c / cells}`);
      // Brute force: w*(c) by a scan, required = max, worst = argmax of the interpolated crossing.
      let best = -1;
      let bestX = -Infinity;
      let worst = -1;
      for (let c = 0; c <= cells; c++) {
        let w = 0;
        while (w <= cells && E[w]![c]! < sh) w++;
        assert.ok(w <= cells, `${label}: retained`);
        const x = w === 0 ? 0 : (w - 1 + (sh - E[w - 1]![c]!) / (E[w]![c]! - E[w - 1]![c]!)) / cells;
        if (w > best || (w === best && x > bestX)) (best = w), (bestX = x), (worst = c);
      }
      const p = res.points[n]!;
      assert.equal(p.required_honest_utility_frac, best / cells, label);
      assert.equal(p.worst_cabal_utility_frac, worst / cells, label);
      assert.ok(Math.abs(p.required_honest_utility_interp_frac! - bestX) < 1e-6, label);
      assert.equal(p.honest_emission_frac, E[best]![worst]!, label);
      assert.ok(p.epochs < 2 * (cells + 1) ** 2, `${label}: the search evaluates less than the grid (${p.epochs / 2} of ${(cells + 1) ** 2})`);
    });
  }
});

test("no retention: a cabal majority (S_H 0.3) or κ above the honest stake reports none, with the worst W_C", () => {
  const res = collusionRetention({ honest_stake_frac: [0.3, 0.55], kappa: 0.6, seeds: 1, grid_step: 0.1 });
  for (const p of res.points) {
    assert.equal(p.retained, false, `S_H ${p.honest_stake_frac}`);
    assert.equal(p.required_honest_utility_frac, null);
    assert.equal(p.required_honest_utility_interp_frac, null);
    assert.ok(p.honest_emission_frac < p.honest_stake_frac);
    assert.equal(p.worst_cabal_utility_frac, 1);
  }
});

test("determinism: the same seed gives the same result; another seed other samples; points average honestEmissionShare", () => {
  const o = { honest_stake_frac: [0.6, 0.8], seeds: 2, grid_step: 0.05 };
  const a = collusionRetention({ ...o, seed: 7 });
  assert.deepEqual(collusionRetention({ ...o, seed: 7 }), a);
  const b = collusionRetention({ ...o, seed: 8 });
  assert.notDeepEqual(
    b.points.map((p) => p.honest_emission_frac),
    a.points.map((p) => p.honest_emission_frac),
  );
  const p = a.points[0]!;
  const mean = (honestEmissionShare(0.6, p.required_honest_utility_frac!, p.worst_cabal_utility_frac, 7, { sample: 0 }).honest_emission_frac + honestEmissionShare(0.6, p.required_honest_utility_frac!, p.worst_cabal_utility_frac, 7, { sample: 1 }).honest_emission_frac) / 2;
  assert.equal(p.honest_emission_frac, mean);
});

test("one subnet reused across (W_H, W_C) gives exactly a fresh subnet's epoch (stored bonds carry no weight at EMA rate 1)", () => {
  const net = new CollusionNetwork(0.7, 3, 1);
  for (const [wh, wc] of [[0.9, 0.1], [0.2, 1], [0.75, 0.6], [1, 0], [0.9, 0.1]] as const) {
    assert.deepEqual(net.epoch(wh, wc), honestEmissionShare(0.7, wh, wc, 3, { sample: 1 }), `W_H ${wh}, W_C ${wc}`);
  }
});

test("side sizes: ⌊S_H·n⌋ with at least one validator and one miner on each side", () => {
  const r = honestEmissionShare(0.51, 0.5, 0.5, 0);
  assert.deepEqual([r.validators_honest, r.validators_cabal, r.miners_honest, r.miners_cabal], [32, 32, 228, 220]);
  const x = honestEmissionShare(0.999, 0.5, 0.5, 0);
  assert.deepEqual([x.validators_honest, x.validators_cabal, x.miners_honest, x.miners_cabal], [63, 1, 447, 1]);
  const y = honestEmissionShare(0.001, 0.5, 0.5, 0);
  assert.deepEqual([y.validators_honest, y.miners_honest], [1, 1]);
});

test("bad options are RangeErrors with a clear message", () => {
  const bad: [object, RegExp][] = [
    [{ honest_stake_frac: 1.5 }, /honest_stake_frac must be in \(0, 1\), got 1.5/],
    [{ honest_stake_frac: [] }, /at least one value/],
    [{ honest_stake_frac: 0.6, seeds: 0 }, /seeds must be an integer ≥ 1/],
    [{ honest_stake_frac: 0.6, grid_step: 0.03 }, /grid_step must be 1\/k/],
    [{ honest_stake_frac: 0.6, kappa: 2 }, /kappa must be in \[0, 1\]/],
    [{ honest_stake_frac: 0.6, bonds_penalty: -1 }, /bonds_penalty/],
    [{ honest_stake_frac: 0.6, xi: NaN }, /xi/],
    [{ honest_stake_frac: 0.6, sigma: -0.1 }, /sigma must be ≥ 0/],
    [{ honest_stake_frac: 0.6, seed: 1.5 }, /seed must be an integer/],
    [{ honest_stake_frac: 0.6, uids: 10, validators: 9 }, /uids must be/],
  ];
  for (const [o, re] of bad) assert.throws(() => collusionRetention(o as never), (e: unknown) => e instanceof RangeError && re.test(e.message), JSON.stringify(o));
  assert.throws(() => honestEmissionShare(0.6, 1.2, 0, 0), /W_H must be in \[0, 1\]/);
});
