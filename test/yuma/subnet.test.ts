/** YumaSubnet's calls into the kernels: set_weights for a dest range and the noisy observation. */
import { test } from "node:test";
import assert from "node:assert/strict";

test("setWeightsRange (the kernels' set_weights for a contiguous dest range) stores exactly what setWeights stores", async () => {
  const { YumaSubnet } = await import("../../src/yuma/subnet.js");
  const { stream } = await import("../../src/rng.js");
  const rng = stream(3, "set-range");
  for (let t = 0; t < 20; t++) {
    const n = 8 + Math.floor(rng() * 40);
    const a = new YumaSubnet(n, { max_allowed_validators: 8 }, 0);
    const b = new YumaSubnet(n, { max_allowed_validators: 8 }, 0);
    const stake = Array.from({ length: n }, (_, i) => (i < 6 ? 100 + rng() * 900 : 0));
    a.setStake(stake);
    b.setStake(stake);
    a.epoch(10);
    b.epoch(10);
    for (let e = 0; e < 3; e++) {
      const block = 20 + 10 * e;
      for (let i = 0; i < 6; i++) {
        const first = 6;
        const count = n - 6;
        const vals = Array.from({ length: count }, () => (rng() < 0.1 ? 0 : rng() * 5));
        a.setWeights(i, Array.from({ length: count }, (_, k) => first + k), vals, block);
        b.weightScratch().set(vals);
        b.setWeightsRange(i, first, count, block);
      }
      const oa = a.epoch(block + 5);
      const ob = b.epoch(block + 5);
      assert.deepEqual(Array.from(ob.incentive), Array.from(oa.incentive));
      assert.deepEqual(Array.from(ob.dividends), Array.from(oa.dividends));
      assert.deepEqual(b.bondMatrix(), a.bondMatrix());
    }
  }
  const s = new YumaSubnet(4, {}, 0);
  assert.throws(() => s.setWeightsRange(0, 2, 3, 1), /outside/);
});

test("observe in the kernels: quality × max(0, 1 + σ·z) from the staged draws, as in JS", async () => {
  const { YumaSubnet } = await import("../../src/yuma/subnet.js");
  const { NormalStream } = await import("../../src/rng.js");
  const n = 37;
  const sub = new YumaSubnet(n, { max_allowed_validators: 4 }, 0);
  const q = sub.qualityScratch();
  const z = sub.stageScratch();
  const rng = new NormalStream(3, "observe");
  for (let j = 0; j < n; j++) q[j] = j % 5 === 0 ? 0 : 0.5 + j / n;
  for (let k = 0; k < z.length; k++) z[k] = 3 * rng.normal();
  for (const [at, m, sigma] of [[0, n, 0.7], [5, 20, 0.1], [z.length - 9, 9, 2]] as const) {
    sub.observe(at, m, sigma);
    const got = sub.weightScratch();
    for (let j = 0; j < m; j++) assert.equal(got[j], q[j]! * Math.max(0, 1 + sigma * z[at + j]!), `at ${at} entry ${j}`);
  }
  assert.throws(() => sub.observe(z.length - 3, 9, 0.1), /outside the stage/);
});
