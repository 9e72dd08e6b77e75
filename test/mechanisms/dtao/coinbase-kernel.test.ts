/**
 * The dTAO coinbase's WebAssembly kernel against its TypeScript reference (coinbase.ts ::
 * coinbaseBlock, and movingPriceBlock for the event block's EMA update): the same state, stepped through the same event blocks with trades between them,
 * must come out byte for byte the same, for every share function, injection rule and pool curve,
 * with weighted pools, disabled and not-yet-emitting subnets, a deregistered slot, flows, alpha past
 * its first halving and a TAO halving crossed inside a step. Plus: the committed binary is its
 * source's, and the layout matches the kernel's pointers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../helpers.js";
import { dtaoState } from "./state.js";
import { coinbaseLayout, columnsPlaced, placeCoinbaseColumns, STATE_COLUMNS } from "../../../src/mechanisms/dtao/coinbase-kernel.js";
import { dtaoCoinbase, dtaoMovingPrices, type CoinbasePrivate } from "../../../src/mechanisms/dtao/coinbase.js";
import { stream } from "../../../src/rng.js";
import type { SimState } from "../../../src/state/state.js";

test("src/kernels/wasm/coinbase.wasm is up to date with coinbase.as.ts (npm run build:wasm)", () => {
  const out = join(tempDir(), "coinbase.wasm");
  const r = spawnSync(process.execPath, ["node_modules/assemblyscript/bin/asc.js", "src/kernels/wasm/coinbase.as.ts", "-O3", "--noAssert", "--runtime", "stub", "-o", out], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readFileSync(out).equals(readFileSync("src/kernels/wasm/coinbase.wasm")), "rebuild with `npm run build:wasm` and commit the binary");
});

test("coinbaseLayout matches the pointers coinbase.as.ts declares, in order", () => {
  const declared = [...readFileSync("src/kernels/wasm/coinbase.as.ts", "utf8").matchAll(/^let ([A-Z0-9_]+): usize = 0;/gm)].map((m) => m[1]!);
  assert.deepEqual(coinbaseLayout(4).map((x) => x[0].toUpperCase()), declared);
});

const S = 7;

/** The same perturbed start for both states (seeded): weights off ½, flows, disabled and late subnets. */
function perturb(st: SimState): void {
  const rng = stream(7, "kernel-test");
  const sn = st.subnets;
  for (let s = 0; s < S; s++) {
    sn.pool_tao[s] = 50 + 5000 * rng();
    sn.pool_alpha[s] = 1000 + 1e5 * rng();
    sn.moving_price[s] = 0.4 * rng();
    sn.miner_burned_frac[s] = rng() < 0.3 ? rng() : 0;
    sn.flow_ema_tao[s] = 10 * (rng() - 0.4);
    sn.protocol_flow_ema_tao[s] = 10 * (rng() - 0.3);
    sn.flow_tao[s] = rng() - 0.5;
    sn.alpha_out[s] = 2e6 * rng();
  }
  sn.pool_weight[1] = 0.35; // a weighted pool: injections re-weight it (balancer)
  sn.pool_weight[4] = 0.62;
  sn.alpha_out[2] = 12e6; // past the first alpha halving (the host's emission rule)
  sn.emission_enabled[3] = 0;
  sn.first_emission_block[5] = st.network.block + 40; // starts emitting inside a step
  sn.active[6] = 0; // a dissolved slot
  st.network.root_stake_tao = 3e6;
}

/** The event blocks, and between them the trades: stakes, a price jump, root stake moving. */
function drive(st: SimState, P: CoinbasePrivate): void {
  const t0 = st.network.block;
  const M = dtaoMovingPrices.init!(st);
  const events = [1, 2, 5, 60, 61, 400, 1300, 1310, 3000];
  events.forEach((dt, i) => {
    const t = t0 + dt;
    dtaoCoinbase.step(st, t, P);
    if (i % 3 === 1) st.subnets.pool_tao[(i + 2) % S]! *= 1.05; // a trade in the event block, before its EMA update
    dtaoMovingPrices.step(st, t, M);
    st.network.block = t;
    const sn = st.subnets;
    const s = i % S;
    sn.pool_tao[s]! += 17.5 * (i + 1);
    sn.pool_alpha[s]! *= 0.97;
    sn.flow_tao[s]! += 3 - i;
    st.network.root_stake_tao *= 1.01;
    if (i === 4) sn.moving_price[0] = 1.4; // Σ p̄ > 1: the root sell flag flips
  });
}

function fingerprint(st: SimState): Record<string, string> {
  const sn = st.subnets as unknown as Record<string, ArrayBufferView>;
  const out: Record<string, string> = {};
  for (const name of STATE_COLUMNS) out[name] = Buffer.from(sn[name]!.buffer, sn[name]!.byteOffset, sn[name]!.byteLength).toString("hex");
  const n = st.network;
  for (const k of ["emitted_tao", "recycled_tao", "chain_buy_tao", "interval_chain_buy_tao", "root_sell_flag"] as const) out[`network.${k}`] = String(n[k]);
  out.issuance = String(n.supply.issuance_tao);
  out.block_emission = String(n.supply.block_emission_tao);
  return out;
}

const CASES: [string, Record<string, unknown>][] = [
  ["dtao-2025", {}],
  ["taoflow", {}],
  ["taoflow", { net_flow: false, flow_exponent: 1.7, flow_cutoff_tao: -2 }],
  ["dtao-2026", {}],
  ["dtao-2026", { share_function: "price_ema_root_prop" }],
  ["dtao-2026", { share_function: "flow", injection: "alpha_emission_recycle" }],
  ["dtao-2025", { share_function: "price_ema_burn", injection: "root_prop", amm: "balancer", cap_moving_price: false, ema_price_halving_blocks: 0 }],
];

for (const [era, dtao] of CASES) {
  test(`kernel = reference, byte for byte: ${era} ${JSON.stringify(dtao)}`, () => {
    // Issuance 40 TAO below the first halving: the rate halves inside the second long step.
    const make = () => dtaoState(dtao, { subnets: S, era, owner_cut_frac: 0.18, issuance: 10_499_000 });
    const ref = make();
    const ker = make();
    const k = placeCoinbaseColumns(ker.subnets);
    perturb(ref);
    perturb(ker);
    assert.deepEqual(fingerprint(ker), fingerprint(ref), "same start");
    const Pr = dtaoCoinbase.init!(ref);
    const Pk = dtaoCoinbase.init!(ker);
    assert.equal(Pr.kernel, undefined);
    assert.ok(Pk.kernel && columnsPlaced(ker.subnets, k), "the kernel runs");
    assert.ok(dtaoMovingPrices.init!(ker).kernel && !dtaoMovingPrices.init!(ref).kernel, "the event block's EMA update too");
    const e0 = ref.network.supply.block_emission_tao;
    drive(ref, Pr);
    drive(ker, Pk);
    assert.ok(ref.network.supply.block_emission_tao < e0, "a halving was crossed");
    assert.ok(ref.network.emitted_tao > 0);
    assert.deepEqual(fingerprint(ker), fingerprint(ref));
  });
}

test("a state whose columns were not placed (or were replaced) runs the reference", () => {
  const st = dtaoState({}, { subnets: 2 });
  placeCoinbaseColumns(st.subnets);
  assert.ok(dtaoCoinbase.init!(st).kernel);
  st.subnets.pool_tao = new Float64Array(st.subnets.pool_tao);
  assert.equal(dtaoCoinbase.init!(st).kernel, undefined);
});
