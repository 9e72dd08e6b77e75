/** Per-subnet alpha emission (src/mechanisms/dtao/alpha-issuance.ts). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ALPHA_CAP, alphaBlockEmission, alphaHalvingThreshold } from "../../../src/mechanisms/dtao/alpha-issuance.js";
import { blockEmissionTao, halvingThresholdTao } from "../../../src/supply/block-emission.js";

test("1 alpha below 10.5M, ½ at exactly 10.5M, 0 at the 21M cap (dtao.md §3.5)", () => {
  assert.equal(alphaBlockEmission(0), 1);
  assert.equal(alphaBlockEmission(10_499_999.999999999), 1);
  assert.equal(alphaBlockEmission(10_500_000), 0.5);
  assert.equal(alphaBlockEmission(15_750_000), 0.25);
  assert.equal(alphaBlockEmission(ALPHA_CAP), 0);
  assert.equal(alphaBlockEmission(ALPHA_CAP + 5), 0);
});

test("exact at each threshold 21M·(1 − 2^−k): α_em steps from 2^−(k−1) to 2^−k", () => {
  for (let k = 1; k <= 8; k++) {
    const t = halvingThresholdTao(k);
    assert.equal(alphaBlockEmission(t), 2 ** -k, `k=${k} at ${t}`);
    assert.equal(alphaBlockEmission(t - 1e-6), 2 ** -(k - 1), `k=${k} just below ${t}`);
  }
});

test("next threshold: 10.5M below it, 15.75M from 10.5M, Infinity at the cap", () => {
  assert.equal(alphaHalvingThreshold(0), halvingThresholdTao(1));
  assert.equal(alphaHalvingThreshold(2_000_000), 10_500_000);
  assert.equal(alphaHalvingThreshold(10_500_000), 15_750_000);
  assert.equal(alphaHalvingThreshold(18_000_000), halvingThresholdTao(3));
  assert.equal(alphaHalvingThreshold(ALPHA_CAP), Infinity);
  // the threshold is where the emission next drops
  for (const a of [1, 9e6, 12e6, 19e6, 20.5e6]) {
    const t = alphaHalvingThreshold(a);
    assert.ok(alphaBlockEmission(t) < alphaBlockEmission(a) && alphaBlockEmission(t - 1e-6) === alphaBlockEmission(a), `A=${a} → ${t}`);
  }
});

test("agrees with blockEmissionTao of src/supply/block-emission.ts on a grid of issuances", () => {
  for (let a = 0; a <= 21_500_000; a += 12_345.678) {
    assert.equal(alphaBlockEmission(a), blockEmissionTao(a), `A=${a}`);
    // and with the spec's formula, E = floor(1e9 / 2^k) base units, k = floor(log2(21M/(21M − A))), 0 at the cap
    const real = a >= ALPHA_CAP ? 0 : Math.floor(1e9 / 2 ** Math.floor(Math.log2(ALPHA_CAP / (ALPHA_CAP - a)))) / 1e9;
    assert.equal(alphaBlockEmission(a), real, `A=${a} (real formula)`);
  }
});
