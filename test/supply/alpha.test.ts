/** Subnet alpha halvings: thresholds, recycling, the root-proportion cap, spans vs block-by-block. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { AlphaClock, alphaHalvingSchedule, type AlphaSupplyParams } from "../../src/supply/alpha.js";

/** α_em by the float formula (independent of block-emission.ts): 2^−floor(log2(21M/(21M − A))). */
const emission = (A: number) => (A >= 21e6 ? 0 : Math.pow(2, -Math.floor(Math.log2(21e6 / (21e6 - A)))));

/** Block by block, straight from the rule; the blocks after which α_em changed. */
function reference(A0: number, blocks: number, p: AlphaSupplyParams) {
  const f = p.alpha_in_frac ?? 1;
  const r = p.recycle_frac ?? 0;
  const c = p.root_stake_tao === undefined ? undefined : (p.tao_weight ?? 0.18) * p.root_stake_tao;
  let A = A0;
  let injected = 0;
  const changes: number[] = [];
  for (let b = 1; b <= blocks; b++) {
    const em = emission(A);
    const rp = c === undefined ? 1 : c + A > 0 ? c / (c + A) : 0;
    const aIn = Math.min(f, rp) * em;
    injected += aIn;
    A += aIn + (1 - r) * em;
    if (emission(A) !== em) changes.push(b);
  }
  return { A, injected, changes };
}

test("thresholds: from 0, α_in = α_em halves after exactly 5,250,000 blocks; α_in = 0 after 10,500,000", () => {
  const two = alphaHalvingSchedule({ issuance_alpha: 0, date: "2025-02-13", alpha_in_frac: 1 });
  assert.deepEqual(
    two.halvings.slice(0, 4).map((h) => [h.halving, h.issuance_alpha, h.alpha_emission_alpha, h.blocks_from_start]),
    [
      [1, 10_500_000, 0.5, 5_250_000],
      [2, 15_750_000, 0.25, 10_500_000],
      [3, 18_375_000, 0.125, 15_750_000],
      [4, 19_687_500, 0.0625, 21_000_000],
    ],
  );
  assert.equal(two.halvings[0]!.date, "2027-02-12"); // 729.17 days of 12 s blocks
  assert.equal(two.net_issuance_alpha_per_day, 14_400);
  const one = alphaHalvingSchedule({ issuance_alpha: 0, date: "2025-02-13", alpha_in_frac: 0 });
  assert.deepEqual(one.halvings.map((h) => h.blocks_from_start), [10_500_000, 21_000_000, 31_500_000, 42_000_000]);
  // The clock stops right after the block that crosses: 5,249,999 blocks leave α_em at 1.
  const c = new AlphaClock(0, { alpha_in_frac: 1 });
  c.advance(5_249_999);
  assert.equal(c.alpha_emission_alpha, 1);
  assert.equal(c.step(10), 1);
  assert.equal(c.issuance_alpha, 10_500_000);
  assert.equal(c.alpha_emission_alpha, 0.5);
});

test("yearly path: years of 2,628,000 blocks; at least 4 halvings even past --years", () => {
  const s = alphaHalvingSchedule({ issuance_alpha: 0, date: "2025-01-01", alpha_in_frac: 0, years: 2 });
  assert.deepEqual(s.years.map((y) => [y.year, y.issuance_alpha, y.date]), [[1, 2_628_000, "2026-01-01"], [2, 5_256_000, "2027-01-01"]]);
  assert.equal(s.halvings.length, 4);
  const ten = alphaHalvingSchedule({ issuance_alpha: 0, date: "2025-01-01", alpha_in_frac: 1, years: 10 });
  assert.equal(ten.years.length, 10);
  assert.equal(ten.halvings.length, 5); // the 5th (26.25M blocks) falls inside 10 years (26.28M)
  const y1 = ten.years[0]!;
  assert.equal(y1.alpha_out_alpha, 2_628_000);
  assert.equal(y1.alpha_in_alpha, 2_628_000);
});

test("recycling a share of α_out delays every halving: each era lasts 10.5M/2^k/((f + 1 − r)·α_em) blocks", () => {
  const a = alphaHalvingSchedule({ issuance_alpha: 2e6, date: "2025-01-01", alpha_in_frac: 0.5 });
  const b = alphaHalvingSchedule({ issuance_alpha: 2e6, date: "2025-01-01", alpha_in_frac: 0.5, recycle_frac: 0.3 });
  for (let i = 0; i < 4; i++) assert.ok(b.halvings[i]!.blocks_from_start > a.halvings[i]!.blocks_from_start, `halving ${i + 1}`);
  assert.equal(b.halvings[0]!.blocks_from_start, Math.ceil(8.5e6 / 1.2));
  const era2 = b.halvings[1]!.blocks_from_start - b.halvings[0]!.blocks_from_start;
  assert.ok(Math.abs(era2 - 5.25e6 / (0.5 * 1.2)) <= 1, String(era2));
  assert.ok(b.years[0]!.recycled_alpha > 0 && Math.abs(b.years[0]!.recycled_alpha - 0.3 * 2_628_000) < 1e-6);
  // Nothing injected and everything recycled: the issuance never moves.
  const still = alphaHalvingSchedule({ issuance_alpha: 2e6, date: "2025-01-01", alpha_in_frac: 0, recycle_frac: 1, years: 3 });
  assert.equal(still.halvings.length, 0);
  assert.deepEqual(still.years.map((y) => y.issuance_alpha), [2e6, 2e6, 2e6]);
});

test("root-proportion cap (era F): α_in = min(f, wR/(wR + A))·α_em; the spec's worked example", () => {
  const c = new AlphaClock(2e6, { root_stake_tao: 3e6, tao_weight: 0.18 });
  assert.ok(Math.abs(c.root_prop - 0.2126) < 5e-5);
  assert.ok(Math.abs(c.injection_frac - 540_000 / 2_540_000) < 1e-15);
  assert.equal(new AlphaClock(2e6, { root_stake_tao: 3e6, alpha_in_frac: 0.1 }).injection_frac, 0.1);
  // The cap slows issuance: the first halving comes later than with f = 1 uncapped, sooner than with α_in = 0.
  const q = { issuance_alpha: 2e6, date: "2025-01-01" };
  const capped = alphaHalvingSchedule({ ...q, root_stake_tao: 3e6 }).halvings[0]!.blocks_from_start;
  assert.ok(capped > alphaHalvingSchedule(q).halvings[0]!.blocks_from_start);
  assert.ok(capped < alphaHalvingSchedule({ ...q, alpha_in_frac: 0 }).halvings[0]!.blocks_from_start);
  // No root stake: rp = 0, nothing injected.
  assert.equal(new AlphaClock(0, { root_stake_tao: 0 }).net_alpha_per_block, 1);
});

test("spans (closed form, and per-block under the cap) equal a block-by-block loop to 1e-9, halvings on the same block", () => {
  const cases: [number, number, AlphaSupplyParams][] = [
    [10_400_000.3, 3_000_000, { alpha_in_frac: 0.37, recycle_frac: 0.05 }],
    [0, 5_300_000, { alpha_in_frac: 1 }],
    [15_000_000, 4_000_000, { alpha_in_frac: 0, recycle_frac: 0.5 }],
    // wR = 180,000: the cap binds from A* = 180,000 on (f = 0.5), then falls block by block.
    [100_000, 10_600_000, { alpha_in_frac: 0.5, root_stake_tao: 1e6, tao_weight: 0.18, recycle_frac: 0.02 }],
  ];
  for (const [A0, blocks, p] of cases) {
    const ref = reference(A0, blocks, p);
    for (const chunk of [blocks, 7200]) {
      const clock = new AlphaClock(A0, p);
      const changes: number[] = [];
      let done = 0;
      while (done < blocks) {
        const em = clock.alpha_emission_alpha;
        const end = Math.min(blocks, (Math.floor(done / chunk) + 1) * chunk);
        done += clock.step(end - done);
        if (clock.alpha_emission_alpha !== em) changes.push(done);
      }
      const label = `A0 ${A0}, ${JSON.stringify(p)}, chunk ${chunk}`;
      assert.ok(Math.abs(clock.issuance_alpha - ref.A) / ref.A < 1e-9, `${label}: ${clock.issuance_alpha} vs ${ref.A}`);
      assert.ok(Math.abs(clock.totals.alpha_in_alpha - ref.injected) <= 1e-9 * ref.A, `${label}: α_in ${clock.totals.alpha_in_alpha} vs ${ref.injected}`);
      assert.deepEqual(changes, ref.changes, label);
      assert.ok(changes.length >= 1, label);
    }
  }
});

test("bad inputs are RangeErrors; at 21M the emission is 0 and nothing halves", () => {
  assert.throws(() => new AlphaClock(-1), /issuance/);
  assert.throws(() => new AlphaClock(0, { alpha_in_frac: 1.5 }), /alpha_in_frac/);
  assert.throws(() => new AlphaClock(0, { recycle_frac: -0.1 }), /recycle_frac/);
  assert.throws(() => new AlphaClock(0, { root_stake_tao: -1 }), /root_stake_tao/);
  assert.throws(() => alphaHalvingSchedule({ issuance_alpha: 0, date: "2025-02-30" }), /date/);
  const full = alphaHalvingSchedule({ issuance_alpha: 21e6, date: "2025-01-01", years: 1 });
  assert.equal(full.alpha_emission_alpha, 0);
  assert.equal(full.halvings.length, 0);
  assert.equal(full.years[0]!.issuance_alpha, 21e6);
});
