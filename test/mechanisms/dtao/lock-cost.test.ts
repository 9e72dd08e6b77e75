/** Subnet lock cost (src/mechanisms/dtao/lock-cost.ts): doubling, linear decay, floor, halving of the interval. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { lockReductionIntervalBlocks, networkLockCostTao, type LockCostInputs } from "../../../src/mechanisms/dtao/lock-cost.js";

const base: LockCostInputs = {
  min_lock_tao: 1000,
  last_lock_tao: 1250,
  last_lock_block: 1_000_000,
  now_block: 1_000_000,
  reduction_interval_blocks: 57_600,
  block_emission_tao: 1,
  ever_registered: true,
};
const at = (dt: number, over: Partial<LockCostInputs> = {}) => networkLockCostTao({ ...base, ...over, now_block: (over.last_lock_block ?? base.last_lock_block) + dt });

test("doubling: right after a registration the cost is 2 × last lock (1 × before any registration)", () => {
  assert.equal(at(0), 2 * base.last_lock_tao);
  assert.equal(at(0, { ever_registered: false }), base.last_lock_tao);
});

test("linear decay: back at last_lock after `interval` blocks, halfway after interval/2", () => {
  const interval = lockReductionIntervalBlocks(base.reduction_interval_blocks, base.block_emission_tao);
  assert.equal(interval, 57_600);
  assert.ok(Math.abs(at(interval) - base.last_lock_tao) < 1e-9);
  assert.ok(Math.abs(at(interval / 2) - 1.5 * base.last_lock_tao) < 1e-9);
  // strictly linear in between
  const a = at(1000), b = at(2000), c = at(3000);
  assert.ok(Math.abs(a - b - (b - c)) < 1e-9 && a > b);
});

test("floor: the cost never goes below min_lock (reached before 2·interval)", () => {
  const interval = 57_600;
  assert.equal(at(2 * interval), base.min_lock_tao);
  assert.equal(at(10 * interval), base.min_lock_tao);
  const tFloor = ((2 * base.last_lock_tao - base.min_lock_tao) / base.last_lock_tao) * interval;
  assert.ok(at(tFloor - 100) > base.min_lock_tao);
  assert.equal(at(tFloor + 100), base.min_lock_tao);
});

test("the interval halves after a TAO halving: last_lock is reached in half the blocks", () => {
  const half = { block_emission_tao: 0.5 };
  assert.equal(lockReductionIntervalBlocks(57_600, 0.5), 28_800);
  assert.ok(Math.abs(at(28_800, half) - base.last_lock_tao) < 1e-9);
  assert.ok(at(28_800, half) < at(28_800));
});

test("interval 0 (E = 0): safe_div gives no decay", () => {
  assert.equal(at(1e6, { block_emission_tao: 0 }), 2 * base.last_lock_tao);
});
