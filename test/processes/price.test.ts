/** Price processes: constant, GBM (seeded, lognormal moments), step (the CSV process), the price on a block's day. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { constantPricePath, gbmPricePath, priceAtBlock, priceTimeOfDay, stepPricePath } from "../../src/processes/price.js";
import { stream } from "../../src/rng.js";
import { BLOCKS_PER_DAY, MS_PER_DAY, parseIsoDate } from "../../src/units.js";

test("constantPricePath(days, p0) returns days + 1 values of p0", () => {
  assert.deepStrictEqual(constantPricePath(2, 7), Float64Array.of(7, 7, 7));
});

test("gbmPricePath: same seed same path; mean of log-returns ≈ (μ − σ²/2)Δ", () => {
  const a = gbmPricePath(20_000, 100, 0.2, 0.5, stream(1, "process/price"));
  const b = gbmPricePath(20_000, 100, 0.2, 0.5, stream(1, "process/price"));
  assert.deepStrictEqual(a, b);
  assert.equal(a[0], 100);
  const meanLog = Math.log(a[20_000]! / 100) / 20_000;
  const expected = (0.2 - 0.125) / 365;
  const se = 0.5 / Math.sqrt(365) / Math.sqrt(20_000);
  assert.ok(Math.abs(meanLog - expected) < 4 * se, `${meanLog} vs ${expected}`);
});

test("stepPricePath(points, startMs, days): the last point on or before each day, else the first", () => {
  const start = parseIsoDate("2024-01-01");
  const points: [number, number][] = [[parseIsoDate("2023-12-01"), 50], [parseIsoDate("2024-01-03"), 70], [parseIsoDate("2024-01-04"), 80]];
  assert.deepStrictEqual(stepPricePath(points, start, 5), Float64Array.of(50, 50, 70, 80, 80, 80));
  assert.deepStrictEqual(stepPricePath([[start + 2 * MS_PER_DAY, 9]], start, 3), Float64Array.of(9, 9, 9, 9));
});

test("priceTimeOfDay(d, startBlock) gives day, year and block", () => {
  assert.deepEqual(priceTimeOfDay(730, 100), { day: 730, year: 2, block: 100 + 730 * BLOCKS_PER_DAY });
});

test("priceAtBlock(path, block) takes the block's day, clamped to the path", () => {
  const p = { price_usd_by_day: Float64Array.of(1, 2, 3), start_block: 1000 };
  assert.equal(priceAtBlock(p, 0), 1);
  assert.equal(priceAtBlock(p, 1000 + BLOCKS_PER_DAY - 1), 1);
  assert.equal(priceAtBlock(p, 1000 + BLOCKS_PER_DAY), 2);
  assert.equal(priceAtBlock(p, 1000 + 10 * BLOCKS_PER_DAY), 3);
});
