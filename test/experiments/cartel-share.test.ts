// The cartel curve: all-or-nothing at κ when both sides vote purely; smoother and above a fair
// share for small cartels when honest validators are imperfect; the bonds penalty costs the cartel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cartelEmissionCurve } from "../../src/index.js";

test("pure voting: a cartel below κ gets nothing, above κ everything", () => {
  const c = cartelEmissionCurve({ cartel_stake_fracs: [0.3, 0.45, 0.55, 0.7], seeds: 2 });
  const want = [0, 0, 1, 1];
  c.forEach((p, k) => assert.ok(Math.abs(p.cartel_emission_frac - want[k]!) < 1e-9, `S_C ${p.cartel_stake_frac}: ${p.cartel_emission_frac}`));
});

test("imperfect honest validators (W_H 0.75): the share grows with stake; β = 1 costs the cartel against β = 0", () => {
  const fr = [0.1, 0.3, 0.4, 0.6];
  const b1 = cartelEmissionCurve({ cartel_stake_fracs: fr, honest_utility_frac: 0.75, seeds: 3 });
  const b0 = cartelEmissionCurve({ cartel_stake_fracs: fr, honest_utility_frac: 0.75, seeds: 3, bonds_penalty: 0 });
  for (let k = 1; k < fr.length; k++) assert.ok(b1[k]!.cartel_emission_frac > b1[k - 1]!.cartel_emission_frac);
  for (let k = 0; k < fr.length; k++) assert.ok(b0[k]!.cartel_emission_frac > b1[k]!.cartel_emission_frac, `S_C ${fr[k]}`);
  assert.ok(b1[2]!.cartel_emission_frac < 0.45, `a 40 % cartel below κ: ${b1[2]!.cartel_emission_frac}`);
  assert.ok(b1[3]!.cartel_emission_frac > 0.8, `a 60 % cartel above κ: ${b1[3]!.cartel_emission_frac}`);
  assert.throws(() => cartelEmissionCurve({ cartel_stake_fracs: [1.2] }), /\(0, 1\)/);
});
