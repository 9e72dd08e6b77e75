/** D7–D9 (exact rao) and the float layer of the burn price (src/mechanisms/dtao/burn-price.ts). */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bumpBurn,
  bumpBurnRao,
  burnAfterBlocks,
  clampBurnRao,
  decayBurnRao,
  decayFactorQ32,
  multToU64F64,
  powQ32,
  registerBurnRao,
  stepBurn,
  stepBurnRao,
} from "../../../src/mechanisms/dtao/burn-price.js";

const U64_MAX = (1n << 64n) - 1n;

test("decay factor: the largest Q32 f with pow_q32(f, h) ≤ ½ (one more LSB overshoots ½)", () => {
  for (const h of [1, 2, 3, 360, 1000, 36_100, 65_535]) {
    const f = decayFactorQ32(h);
    assert.ok(powQ32(f, h) <= 1n << 31n, `h=${h}`);
    assert.ok(powQ32(f + 1n, h) > 1n << 31n, `h=${h}`);
    assert.ok(Math.abs(Number(f) / 2 ** 32 - 2 ** (-1 / h)) < 1e-6, `h=${h} near 2^(−1/h)`);
  }
  assert.equal(decayFactorQ32(1), 1n << 31n);
  assert.equal(decayFactorQ32(0), 1n << 32n);
});

test("D7: test_burn_decay — burn 1,000, ×2 on registration → 2,000; one block at half-life 1,000 → 1,998", () => {
  const [min, max] = [0n, U64_MAX];
  const afterReg = registerBurnRao(1_000n, 2, min, max);
  assert.equal(afterReg, 2_000n);
  const afterBlock = stepBurnRao(afterReg, 1_000, min, max);
  assert.equal(afterBlock, 1_998n);
  // floor(2000·2^(−1/1000)) is also 1,998: the Q32 floor agrees with the real value here
  assert.equal(BigInt(Math.floor(2000 * 2 ** (-1 / 1000))), afterBlock);
});

test("D8: burn halves every half-life (fixed-point floor) — 1,024 at h = 2 → 511 after 2 blocks, 255 after 4", () => {
  const [min, max] = [0n, U64_MAX];
  let b = 1_024n;
  const mult1 = bumpBurnRao(b, 1);
  assert.equal(mult1, b, "mult 1 leaves the burn unchanged");
  for (let k = 0; k < 2; k++) b = stepBurnRao(b, 2, min, max);
  assert.equal(b, 511n);
  for (let k = 0; k < 2; k++) b = stepBurnRao(b, 2, min, max);
  assert.equal(b, 255n);
  assert.notEqual(b, 256n, "not the exact halves of real arithmetic");
});

test("D9: min and max clamps — min 100,000, max 150,000, h = 1, ×2, burn 1", () => {
  const [min, max] = [100_000n, 150_000n];
  let b = stepBurnRao(1n, 1, min, max);
  assert.equal(decayBurnRao(1n, 1), 0n, "unclamped decay would get stuck at 0");
  assert.equal(b, 100_000n);
  b = registerBurnRao(b, 2, min, max);
  assert.equal(bumpBurnRao(100_000n, 2), 200_000n);
  assert.equal(b, 150_000n);
  b = stepBurnRao(b, 1, min, max);
  assert.equal(decayBurnRao(150_000n, 1), 75_000n);
  assert.equal(b, 100_000n);
  b = stepBurnRao(b, 1, min, max);
  assert.equal(b, 100_000n);
});

test("chain edges: no decay at block ≤ 1 or with h = 0; mult below 1 counts as 1; clamp and saturation", () => {
  assert.equal(stepBurnRao(1_000n, 1, 0n, U64_MAX, 1), 1_000n);
  assert.equal(stepBurnRao(1_000n, 0, 0n, U64_MAX), 1_000n);
  assert.equal(bumpBurnRao(1_000n, 0.5), 1_000n);
  assert.equal(multToU64F64(1.26), BigInt(1.26 * 2 ** 64));
  assert.equal(bumpBurnRao(1_000_000_000n, 1.26), (1_000_000_000n * BigInt(1.26 * 2 ** 64)) >> 64n);
  assert.equal(bumpBurnRao(U64_MAX, 2), U64_MAX);
  assert.equal(clampBurnRao(5n, 10n, 20n), 10n);
  assert.equal(clampBurnRao(50n, 10n, 20n), 20n);
});

test("float layer: burnAfterBlocks (closed form) matches per-block float stepping to 1e-9", () => {
  const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
  const cases: [number, number, number, number][] = [
    // burn, half-life, min, max
    [1, 360, 0.0005, 100],
    [80, 360, 0.0005, 100],
    [250, 360, 0.0005, 100], // starts above max (max lowered): the first block clamps
    [0.0001, 360, 0.0005, 100], // starts below min
    [3, 1, 0.0005, 100],
    [7, 36_100, 0.0005, 100],
  ];
  for (const [b0, h, lo, hi] of cases)
    for (const n of [0, 1, 2, 360, 7200, 20_000]) {
      let b = b0;
      for (let k = 0; k < n; k++) b = stepBurn(b, h, lo, hi);
      const c = burnAfterBlocks(b0, n, h, lo, hi);
      assert.ok(rel(b, c) < 1e-9, `burn ${b0} h=${h} n=${n}: loop ${b} vs closed ${c}`);
    }
});

test("float layer: bump, 1.26^r = 2 at r ≈ 3 registrations per half-life keeps the price about level", () => {
  assert.equal(bumpBurn(1, 1.26, 0.0005, 100), 1.26);
  assert.equal(bumpBurn(90, 1.26, 0.0005, 100), 100);
  let b = 1;
  for (let k = 0; k < 3; k++) b = bumpBurn(b, 1.26, 0.0005, 100);
  b = burnAfterBlocks(b, 360, 360, 0.0005, 100);
  assert.ok(Math.abs(b - 1.26 ** 3 / 2) < 1e-12 && Math.abs(b - 1) < 0.001);
  // the float layer tracks the exact rao layer to within the Q32 floor per block
  let exact = 1_000_000_000n;
  for (let k = 0; k < 360; k++) exact = stepBurnRao(exact, 360, 500_000n, 100_000_000_000n);
  assert.ok(Math.abs(Number(exact) / 1e9 - burnAfterBlocks(1, 360, 360, 0.0005, 100)) < 1e-6);
});
