/** The subnet pool (mechanics.md §9): the worked AMM example, the weighted curve, price-preserving injections, share pools. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { alphaForTao, balancer, cpmm, spotPrice, taoForAlpha, taoForAlphaOut } from "../../../src/mechanisms/dtao/amm.js";
import { addToPool, poolValue, removeFromPool, stakeIntoSubnet, unstakeFromSubnet } from "../../../src/mechanisms/dtao/swap.js";
import { dtaoState } from "./state.js";
import { alphaConservationError, conservationError } from "../../../src/state/state.js";

const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test("§9.7 worked example: stake 100 TAO into T = 10,000, A = 200,000 at fee 33/65535, then unstake it all", () => {
  const st = dtaoState({ pool_tao: 10_000, pool_alpha: 200_000, moving_price: 0.05 });
  const fee = 33 / 65535;
  const alpha = stakeIntoSubnet(st, 0, 100, fee);
  near(alpha, 1979.21, 0.005, "alpha out");
  near(100 / alpha, 0.050525, 0.000001, "average price");
  near(spotPrice(st.subnets.pool_tao[0]!, st.subnets.pool_alpha[0]!, 0.5), 0.051004, 0.000001, "new spot");
  st.subnets.unassigned_alpha[0]! += alpha; // the position's holder, for the conservation check
  assert.ok(conservationError(st) < 1e-12 && alphaConservationError(st) < 1e-12);
  st.subnets.unassigned_alpha[0]! -= alpha;
  const back = unstakeFromSubnet(st, 0, alpha, fee);
  near(alpha * fee, 0.9966, 0.0001, "unstake fee (alpha)");
  near(back, 99.8998, 0.0001, "TAO out");
  near(100 - back, 0.10, 0.0005, "round-trip loss = two fees (no slippage on a round trip)");
  assert.ok(conservationError(st) < 1e-12 && alphaConservationError(st) < 1e-12);
});

test("weighted curve: w = ½ is constant product; buys and sells invert; the invariant A^(1−w)·T^w holds", () => {
  for (const w of [0.5, 0.3, 0.8]) {
    const T = 5000;
    const A = 80_000;
    const dT = 250;
    const a = alphaForTao(T, A, w, dT);
    near(taoForAlphaOut(T, A, w, a), dT, 1e-9, `w = ${w}: TAO needed for that alpha`);
    const k0 = Math.pow(A, 1 - w) * Math.pow(T, w);
    const k1 = Math.pow(A - a, 1 - w) * Math.pow(T + dT, w);
    near(k1 / k0, 1, 1e-12, `w = ${w}: invariant`);
    near(taoForAlpha(T + dT, A - a, w, a), dT, 1e-9, `w = ${w}: selling it back`);
    if (w === 0.5) near(a, (A * dT) / (T + dT), 1e-9, "x·y = k");
  }
});

test("injections: the balancer re-weights at an unchanged price (w' = T'/(A'p + T')); constant product moves the price when off ratio", () => {
  const T = new Float64Array([1000, 1000]);
  const A = new Float64Array([4000, 4000]);
  const W = new Float64Array([0.5, 0.3]);
  for (const s of [0, 1]) {
    const p = spotPrice(T[s]!, A[s]!, W[s]!);
    // An injection off the pool's ratio (more alpha than the price says).
    assert.ok(balancer.inject(T, A, W, s, 10, 200));
    near(spotPrice(T[s]!, A[s]!, W[s]!), p, 1e-12 * p, `balancer keeps the price (w₀ = ${s ? 0.3 : 0.5})`);
    near(W[s]!, T[s]! / (A[s]! * p + T[s]!), 1e-15, "w' = T'/(A'p + T')");
  }
  const T2 = new Float64Array([1000]);
  const A2 = new Float64Array([4000]);
  const W2 = new Float64Array([0.5]);
  cpmm.inject(T2, A2, W2, 0, 10, 200);
  assert.ok(spotPrice(T2[0]!, A2[0]!, 0.5) < 0.25, "constant product: an alpha-heavy injection lowers the price");
});

test("share pools (§8.1): stake, reward everyone, unstake; values pro-rata to shares", () => {
  const V = new Float64Array(1);
  const D = new Float64Array(1);
  const a = addToPool(V, D, 0, 100);
  const b = addToPool(V, D, 0, 300);
  V[0]! += 40; // a reward to everyone
  near(poolValue(V, D, 0, a), 110, 1e-12, "first holder");
  near(poolValue(V, D, 0, b), 330, 1e-12, "second holder");
  const c = addToPool(V, D, 0, 44); // a take: new shares at the current value
  near(poolValue(V, D, 0, c), 44, 1e-12, "new shares are worth what was added");
  near(removeFromPool(V, D, 0, a), 110, 1e-12, "unstake pays the value");
  near(V[0]!, 374, 1e-12, "what is left");
});
