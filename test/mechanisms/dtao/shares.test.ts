/** Subnet emission shares (src/mechanisms/dtao/shares.ts): D11, D12, D13, D17 and the registry. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_SHARE_PARAMS,
  findShareFunction,
  powNormalizeInPlace,
  SHARE_FUNCTIONS,
  type ShareInputs,
  type ShareParams,
} from "../../../src/mechanisms/dtao/shares.js";

function inputs(n: number, over: Partial<Record<keyof Omit<ShareInputs, "n">, number[]>> = {}): ShareInputs {
  const f = (k: keyof Omit<ShareInputs, "n">, d: number) => over[k] ?? Array.from({ length: n }, () => d);
  return {
    n,
    pbar: Float64Array.from(f("pbar", 1)),
    minerBurned_frac: Float64Array.from(f("minerBurned_frac", 0)),
    rootProp_frac: Float64Array.from(f("rootProp_frac", 1)),
    flowEma_tao: Float64Array.from(f("flowEma_tao", 0)),
    protocolFlowEma_tao: Float64Array.from(f("protocolFlowEma_tao", 0)),
    enabled: Uint8Array.from(f("enabled", 1)),
  };
}

function run(name: string, x: ShareInputs, p: Partial<ShareParams> = {}): number[] {
  const fn = findShareFunction(name);
  assert.ok(fn, name);
  const out = new Float64Array(x.n);
  fn.shares(x, { ...DEFAULT_SHARE_PARAMS, ...p }, out);
  return [...out];
}

const near = (got: number[], want: number[], tol: number, msg = "") =>
  assert.ok(got.length === want.length && got.every((g, i) => Math.abs(g - want[i]!) <= tol), `${msg} got ${got} want ${want}`);

test("registry: four share functions with unique names, each saying what it mirrors", () => {
  assert.deepEqual(SHARE_FUNCTIONS.map((s) => s.name), ["price_ema", "price_ema_burn", "price_ema_root_prop", "flow"]);
  for (const s of SHARE_FUNCTIONS) assert.ok(s.doc.length > 0 && s.mirrors.includes("subnet_emissions.rs"), s.name);
  assert.equal(findShareFunction("nope"), undefined);
  assert.deepEqual(SHARE_FUNCTIONS.filter((s) => s.usesFlows).map((s) => s.name), ["flow"], "only the flow share reads the flow EMAs");
});

test("D11: get_shares_ignores_root_prop_storage_when_prices_and_burns_match — p̄ 1, 1; MB 0, 0; RootProp 1.0, 0.1 → 0.5 / 0.5", () => {
  const x = inputs(2, { pbar: [1, 1], minerBurned_frac: [0, 0], rootProp_frac: [1.0, 0.1] });
  near(run("price_ema_burn", x), [0.5, 0.5], 1e-9);
  // the one-week variant is the one that reads rp: 1/1.1 and 0.1/1.1
  near(run("price_ema_root_prop", x), [1 / 1.1, 0.1 / 1.1], 1e-12);
});

test("D12: inplace_pow_normalize — flows 2, 3, 5; p = 1.0 … 2.0 by 0.1 within 1 % of x^p/Σx^p; p = 1 → 0.2/0.3/0.5; Σ = 1 ± 1e-12", () => {
  for (let k = 0; k <= 10; k++) {
    const p = 1 + k / 10;
    const got = [...powNormalizeInPlace(Float64Array.from([2, 3, 5]), p)];
    const den = 2 ** p + 3 ** p + 5 ** p;
    const exact = [2 ** p / den, 3 ** p / den, 5 ** p / den];
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(got[i]! - exact[i]!) <= 0.01 * exact[i]!, `p=${p} i=${i}`);
    assert.ok(Math.abs(got.reduce((a, b) => a + b, 0) - 1) <= 1e-12, `p=${p} sum`);
    if (k === 0) near(got, [0.2, 0.3, 0.5], 0.001, "p = 1");
  }
  // through the flow share function with the exponent as a parameter
  near(run("flow", inputs(3, { flowEma_tao: [2, 3, 5] }), { flow_exponent: 2 }), [4 / 38, 9 / 38, 25 / 38], 1e-12);
});

test("D13: era-E flow shares (p = 1, L = max(cutoff, min(min flow, 0)), z = max(f − L, 0)) — every listed case", () => {
  const cases: [number, number[], number[]][] = [
    [0, [-100, 500], [0, 1]],
    [0, [-100, -200], [0, 0]],
    [2000, [1000, 2000], [0, 0]],
    [2000, [1000, 5000], [0, 1]],
    [-400, [-100, -300, -400], [0.75, 0.25, 0]],
    [-1000, [-100, -300, -400], [0.75, 0.25, 0]],
  ];
  for (const [cutoff, flows, want] of cases)
    for (const net_flow of [false, true]) // with no protocol flow, net flow changes nothing
      near(run("flow", inputs(flows.length, { flowEma_tao: flows }), { flow_cutoff_tao: cutoff, net_flow }), want, 1e-12, `cutoff ${cutoff} flows ${flows} net ${net_flow}`);
});

test("D17: learnbittensor.org Emissions — p̄ 0.5, 0.2, 0.3 and E = 1 give τ = 0.50, 0.20, 0.30 TAO per block", () => {
  const E_tao = 1;
  for (const name of ["price_ema", "price_ema_burn"]) {
    const tau = run(name, inputs(3, { pbar: [0.5, 0.2, 0.3] })).map((s) => E_tao * s);
    near(tau, [0.5, 0.2, 0.3], 1e-12, name);
  }
});

test("price_ema_burn: miner burn moves share away; full burn everywhere falls back to the price shares; MB above 1 counts as 1", () => {
  near(run("price_ema_burn", inputs(2, { pbar: [1, 1], minerBurned_frac: [0.5, 0] })), [1 / 3, 2 / 3], 1e-12);
  near(run("price_ema_burn", inputs(2, { pbar: [1, 3], minerBurned_frac: [1, 1] })), [0.25, 0.75], 1e-12);
  near(run("price_ema_burn", inputs(2, { pbar: [1, 1], minerBurned_frac: [2, 0] })), [0, 1], 1e-12);
  near(run("price_ema_root_prop", inputs(2, { pbar: [1, 3], rootProp_frac: [0, 0] })), [0.25, 0.75], 1e-12, "rp all zero → price shares");
});

test("net flow: ema_net = user − f·prot (prot > 0) or user − prot, f = min(1, Σ⁺user/Σ⁺prot)", () => {
  const user = [10, 6, -2];
  const prot = [8, 12, -3];
  const f = Math.min(1, (10 + 6) / (8 + 12)); // 0.8
  const net = [10 - f * 8, 6 - f * 12, -2 - -3]; // 3.6, −3.6, 1
  const L = Math.max(DEFAULT_SHARE_PARAMS.flow_cutoff_tao, Math.min(...net, 0)); // cutoff 0 → L = 0
  const z = net.map((s) => Math.max(s - L, 0));
  const sz = z.reduce((a, b) => a + b, 0);
  near(run("flow", inputs(3, { flowEma_tao: user, protocolFlowEma_tao: prot })), z.map((v) => v / sz), 1e-12);
  // a cutoff below the lowest flow lets a negative net flow take a share
  const L2 = Math.min(...net, 0);
  const z2 = net.map((v) => Math.max(v - L2, 0));
  const s2 = z2.reduce((a, b) => a + b, 0);
  near(run("flow", inputs(3, { flowEma_tao: user, protocolFlowEma_tao: prot }), { flow_cutoff_tao: -1e9 }), z2.map((v) => v / s2), 1e-12);
  // no positive protocol flow: f = 0, and negative protocol flow is added back in full
  near(run("flow", inputs(2, { flowEma_tao: [1, 1], protocolFlowEma_tao: [-1, 0] })), [2 / 3, 1 / 3], 1e-12);
  // net_flow off: protocol flow ignored
  near(run("flow", inputs(3, { flowEma_tao: user, protocolFlowEma_tao: prot }), { net_flow: false }), [10 / 16, 6 / 16, 0], 1e-12);
});

test("all-zero inputs give all-zero shares, for every function", () => {
  const x = inputs(3, { pbar: [0, 0, 0] });
  for (const s of SHARE_FUNCTIONS) near(run(s.name, x), [0, 0, 0], 0, s.name);
});

test("SubnetEmissionEnabled = 0: that subnet gets 0 and the others renormalise (all disabled → all 0), for every function", () => {
  const x = inputs(3, { pbar: [0.5, 0.2, 0.3], flowEma_tao: [5, 2, 3], enabled: [1, 0, 1] });
  for (const s of SHARE_FUNCTIONS) {
    const got = run(s.name, x);
    near(got, [0.5 / 0.8, 0, 0.3 / 0.8], 1e-12, s.name);
  }
  for (const s of SHARE_FUNCTIONS) near(run(s.name, { ...x, enabled: Uint8Array.from([0, 0, 0]) }), [0, 0, 0], 0, s.name);
});

test("shares sum to 1 over enabled subnets on a deterministic grid of inputs", () => {
  for (let n = 1; n <= 7; n++) {
    const vals = (k: number) => Array.from({ length: n }, (_, i) => ((i * 37 + k * 11) % 13) / 13);
    const x = inputs(n, { pbar: vals(1), minerBurned_frac: vals(2), rootProp_frac: vals(3), flowEma_tao: vals(4).map((v) => v - 0.3), protocolFlowEma_tao: vals(5).map((v) => v - 0.5) });
    for (const s of SHARE_FUNCTIONS) {
      const got = run(s.name, x);
      const sum = got.reduce((a, b) => a + b, 0);
      assert.ok(got.every((g) => g >= 0) && (Math.abs(sum - 1) < 1e-12 || sum === 0), `${s.name} n=${n} sum ${sum}`);
    }
  }
});
