/** D14 and the moving-price closed form (src/mechanisms/dtao/moving-price.ts). */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  advanceMovingPrice,
  advanceMovingPriceClosedForm,
  blocksSinceStart,
  EMA_PRICE_HALVING_BLOCKS,
  movingPriceAlpha,
  SUBNET_MOVING_ALPHA,
  updateMovingPrice,
} from "../../../src/mechanisms/dtao/moving-price.js";

const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-300);

test("D14: test_update_moving_price_after_time — m = 0.5, spot 1, p̄ 0, block 144,000,500, first emission 500 → p̄ ≈ 0.5", () => {
  const b = blocksSinceStart(144_000_500, 500);
  assert.equal(b, 144_000_001);
  const a = movingPriceAlpha(b, 0.5);
  const pbar = updateMovingPrice(0, 1.0, a, true);
  assert.ok(Math.abs(pbar - 0.5) < 0.001, `p̄ = ${pbar}`);
  // b/(b + h) ≈ 1 here; the loop and closed form agree on the single step
  assert.ok(rel(advanceMovingPrice(0, 1, 500, 144_000_500, 1, { movingAlpha: 0.5 }), pbar) < 1e-15);
  assert.ok(rel(advanceMovingPriceClosedForm(0, 1, 500, 144_000_500, 1, { movingAlpha: 0.5 }), pbar) < 1e-9);
});

test("moving-price weight: a = m·b/(b + h); 0 at b = 0; half of m at b = h; → m for b ≫ h", () => {
  assert.equal(movingPriceAlpha(0), 0);
  assert.equal(movingPriceAlpha(EMA_PRICE_HALVING_BLOCKS), SUBNET_MOVING_ALPHA / 2);
  assert.ok(rel(movingPriceAlpha(1e12), SUBNET_MOVING_ALPHA) < 1e-6);
  assert.equal(movingPriceAlpha(5, 0.25, 0), 0.25, "era C: h = 0 → constant a = m");
  assert.equal(movingPriceAlpha(0, 0.25, 0), 0, "safe_div: b + h = 0 → 0");
});

test("the cap: with capAtOne a spot above 1 averages as 1; era C (no cap) averages the raw spot", () => {
  assert.equal(updateMovingPrice(0.5, 3, 0.5, true), 0.75);
  assert.equal(updateMovingPrice(0.5, 3, 0.5, false), 1.75);
});

test("closed form matches the per-block loop to 1e-9 relative over 1, 360, 7200 and 100,000 blocks at various b", () => {
  const spans = [1, 360, 7200, 100_000];
  const starts = [1, 2, 360, 50_000, EMA_PRICE_HALVING_BLOCKS, 3_000_000];
  const cases: [number, number][] = [[0, 1], [0.3, 0.05], [1, 2.5], [0.02, 0.5]];
  const eras = [{}, { halvingBlocks: 0, capAtOne: false }, { movingAlpha: 0.5 }, { movingAlpha: 1e-3, halvingBlocks: 7 }];
  const first = 10_000;
  for (const b0 of starts)
    for (const n of spans)
      for (const [p0, spot] of cases)
        for (const opts of eras) {
          const from = first - 1 + b0;
          const loop = advanceMovingPrice(p0, spot, first, from, n, opts);
          const closed = advanceMovingPriceClosedForm(p0, spot, first, from, n, opts);
          assert.ok(rel(loop, closed) < 1e-9, `b0=${b0} n=${n} p̄0=${p0} p=${spot} ${JSON.stringify(opts)}: ${loop} vs ${closed}`);
        }
});

test("closed form: blocks before start_call (b saturates at 0) leave p̄ unchanged, as in the loop", () => {
  const loop = advanceMovingPrice(0.2, 0.9, 1_000, 900, 5_000);
  const closed = advanceMovingPriceClosedForm(0.2, 0.9, 1_000, 900, 5_000);
  assert.ok(rel(loop, closed) < 1e-9);
  assert.equal(advanceMovingPriceClosedForm(0.2, 0.9, 1_000, 900, 50), 0.2);
});

test("closed form is faster than the loop over 100,000 blocks", () => {
  const t0 = performance.now();
  let s = 0;
  for (let k = 0; k < 20; k++) s += advanceMovingPrice(0.1, 0.4, 1, 1 + k, 100_000);
  const t1 = performance.now();
  for (let k = 0; k < 20; k++) s += advanceMovingPriceClosedForm(0.1, 0.4, 1, 1 + k, 100_000);
  const t2 = performance.now();
  assert.ok(Number.isFinite(s));
  assert.ok(t2 - t1 < t1 - t0, `closed ${t2 - t1} ms vs loop ${t1 - t0} ms`);
});
