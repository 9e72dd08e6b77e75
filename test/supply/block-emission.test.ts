/** T1: block emission in rao equals subtensor's halving table exactly; the 100-era sum. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { blockEmissionRao, halvingIndex, halvingThresholdRao, blockEmissionTao } from "../../src/supply/block-emission.js";
import { sharedFile } from "../helpers.js";

test("T1: every row of subtensor_halving_test_table.csv, exact in rao", () => {
  const rows = sharedFile("spec/data/subtensor_halving_test_table.csv").trim().split("\n").slice(1);
  assert.equal(rows.length, 42);
  for (const row of rows) {
    const [issuance, expected] = row.split(",");
    assert.equal(blockEmissionRao(BigInt(issuance!)), BigInt(expected!), `issuance ${issuance}`);
  }
});

test("T1: summing 100 eras of 10.5M blocks gives 20,999,999,989,500,000 rao", () => {
  // As subtensor's test_issuance_bounds: each era pays E(issuance at its start) for 10.5M blocks.
  let total = 0n;
  for (let k = 0; k < 100; k++) total += 10_500_000n * blockEmissionRao(total);
  assert.equal(total, 20_999_999_989_500_000n);
});

test("halving thresholds: emission halves exactly at 10.5M, 15.75M, 18.375M TAO", () => {
  const T = 21_000_000n * 1_000_000_000n;
  assert.equal(halvingThresholdRao(1), T / 2n);
  assert.equal(blockEmissionRao(T / 2n - 1n), 1_000_000_000n);
  assert.equal(blockEmissionRao(T / 2n), 500_000_000n);
  assert.equal(blockEmissionRao(15_750_000n * 1_000_000_000n - 1n), 500_000_000n);
  assert.equal(blockEmissionRao(15_750_000n * 1_000_000_000n), 250_000_000n);
  assert.equal(halvingIndex(18_375_000n * 1_000_000_000n), 3);
  assert.equal(blockEmissionRao(T), 0n);
  assert.equal(blockEmissionTao(10_499_999.5), 1);
  assert.equal(blockEmissionTao(10_500_000), 0.5);
});
