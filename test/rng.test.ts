/** The fast normal stream: deterministic per (seed, name) and standard normal in distribution. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { NormalStream } from "../src/rng.js";

test("NormalStream: same (seed, name) ⇒ same draws; another name ⇒ other draws", () => {
  const a = new NormalStream(7, "x");
  const b = new NormalStream(7, "x");
  const c = new NormalStream(7, "y");
  const da = Array.from({ length: 100 }, () => a.normal());
  assert.deepEqual(da, Array.from({ length: 100 }, () => b.normal()));
  assert.notDeepEqual(da, Array.from({ length: 100 }, () => c.normal()));
});

test("NormalStream: mean 0, variance 1, kurtosis 3 and the N(0, 1) mass of unit bins (1e6 draws)", () => {
  const s = new NormalStream(1, "moments");
  const N = 1_000_000;
  let m1 = 0;
  let m2 = 0;
  let m4 = 0;
  const bins = new Float64Array(8);
  for (let i = 0; i < N; i++) {
    const x = s.normal();
    m1 += x;
    m2 += x * x;
    m4 += x * x * x * x;
    const b = Math.floor(x) + 4;
    if (b >= 0 && b < 8) bins[b]!++;
  }
  assert.ok(Math.abs(m1 / N) < 0.005, `mean ${m1 / N}`);
  assert.ok(Math.abs(m2 / N - 1) < 0.005, `variance ${m2 / N}`);
  assert.ok(Math.abs(m4 / N - 3) < 0.05, `kurtosis ${m4 / N}`);
  // P(k ≤ Z < k + 1) for k = −4..3.
  const expected = [0.0013182, 0.0214002, 0.1359051, 0.3413447, 0.3413447, 0.1359051, 0.0214002, 0.0013182];
  for (let b = 0; b < 8; b++) {
    const p = bins[b]! / N;
    const se = Math.sqrt((expected[b]! * (1 - expected[b]!)) / N);
    assert.ok(Math.abs(p - expected[b]!) < 5 * se + 1e-6, `bin ${b - 4}: ${p} vs ${expected[b]}`);
  }
});
