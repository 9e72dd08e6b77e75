/** Era-E flow EMA (src/mechanisms/dtao/flows.ts). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { decayFlowEmaInPlace, FLOW_EMA_ALPHA, flowEmaAfterIdle, updateFlowEma } from "../../../src/mechanisms/dtao/flows.js";

test("FLOW_EMA_ALPHA ≈ 3.209e-6, a half-life of ≈ 216,000 blocks (≈ 30 days)", () => {
  assert.ok(Math.abs(FLOW_EMA_ALPHA - 3.209e-6) < 1e-9);
  const halfLife = Math.LN2 / -Math.log1p(-FLOW_EMA_ALPHA);
  assert.ok(Math.abs(halfLife - 216_000) < 1_000, `${halfLife}`);
});

test("one block: ema ← (1 − a)·ema + a·flow, and the flow accumulator is reset (only the first n)", () => {
  const ema = new Float64Array([10, -4, 7]);
  const flow = new Float64Array([100, 50, 9]);
  updateFlowEma(ema, flow, 0.1, 2);
  assert.ok(Math.abs(ema[0]! - (0.9 * 10 + 0.1 * 100)) < 1e-12);
  assert.ok(Math.abs(ema[1]! - (0.9 * -4 + 0.1 * 50)) < 1e-12);
  assert.deepEqual([...flow], [0, 0, 9]);
  assert.equal(ema[2], 7);
});

test("n blocks of zero flow: the closed form ema·(1 − a)^n matches per-block stepping to 1e-9", () => {
  for (const blocks of [1, 360, 7200, 100_000, 1_000_000]) {
    const ema = new Float64Array([1234.5, -0.03, 5e-7]);
    const flow = new Float64Array(3);
    const closed = Float64Array.from(ema);
    for (let k = 0; k < blocks; k++) updateFlowEma(ema, flow, FLOW_EMA_ALPHA, 3);
    decayFlowEmaInPlace(closed, FLOW_EMA_ALPHA, blocks, 3);
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(ema[i]! - closed[i]!) <= 1e-9 * Math.abs(ema[i]!), `blocks=${blocks} i=${i}: ${ema[i]} vs ${closed[i]}`);
    assert.equal(flowEmaAfterIdle(1234.5, FLOW_EMA_ALPHA, blocks), closed[0]);
  }
});
