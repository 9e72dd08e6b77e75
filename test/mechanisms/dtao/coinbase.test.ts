/**
 * dTAO coinbase targets from subtensor's own tests (../shared/spec/dtao.md §4), each computed by
 * the coinbase mechanism on a small state. "Rao" = 1e-9 TAO or alpha; ±1 rao tolerances as listed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { dtaoState } from "./state.js";
import { coinbaseBlock, coinbasePrivate } from "../../../src/mechanisms/dtao/coinbase.js";
import { spotPrice } from "../../../src/mechanisms/dtao/amm.js";

const RAO = 1e-9;
const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);

test("D1: pending split with root proportion after the mint (test_pending_emission)", () => {
  // One subnet, owner cut 0, 2 prior blocks of alpha_out (issuance 2 alpha), R = 1 TAO, w = 1, p̄ = 2, E = 0.
  const st = dtaoState({ tao_weight_frac: 1, pool_tao: 1, pool_alpha: 1, moving_price: 2 });
  const sn = st.subnets;
  sn.pool_tao[0] = 0;
  sn.pool_alpha[0] = 0;
  sn.alpha_out[0] = 2;
  sn.unassigned_alpha[0] = 2;
  sn.alpha_issued[0] = 2;
  st.network.root_stake_tao = 1;
  const P = coinbasePrivate(st);
  coinbaseBlock(st, st.network.block + 1, P, 0);
  near(sn.pending_server_alpha[0]!, 0.5, RAO, "PendingServer");
  near(sn.pending_validator_alpha[0]!, 0.375, RAO, "PendingValidator");
  near(sn.pending_root_alpha[0]!, 0.125, RAO, "PendingRootAlphaDivs");
  near(sn.root_prop_frac[0]!, 0.25, 1e-12, "rp = 1/(1+3)");
});

test("D2: TAO always reaches the pool, by EMA-price shares (test_coinbase_tao_issuance_different_prices)", () => {
  // E = 1e8 rao; pools 1e5 rao TAO with 1e6 / 5e5 rao alpha (spot 0.1 / 0.2); p̄ = 0.1 / 0.2; rp ≈ 1.
  const st = dtaoState({ pool_tao: 1e5 * RAO, pool_alpha: [1e6 * RAO, 5e5 * RAO], moving_price: [0.1, 0.2] }, { subnets: 2 });
  st.network.root_stake_tao = 1e6;
  const E = 1e8 * RAO;
  const t0 = [st.subnets.pool_tao[0]!, st.subnets.pool_tao[1]!];
  const i0 = st.network.supply.issuance_tao;
  coinbaseBlock(st, st.network.block + 1, coinbasePrivate(st), E);
  near(st.subnets.pool_tao[0]! - t0[0]!, E / 3, 10 * RAO, "SubnetTAO 1 grows by E/3");
  near(st.subnets.pool_tao[1]! - t0[1]!, (2 * E) / 3, 10 * RAO, "SubnetTAO 2 grows by 2E/3");
  near(st.network.emitted_tao, E, 1e-15, "TAO issued = E");
  near(st.network.supply.issuance_tao - i0, E, 4 * RAO, "TotalIssuance grows by E (float resolution at 11M TAO: ~2e-9)");
});

test("D3: alpha injected at each pool's price (test_coinbase_alpha_issuance_different)", () => {
  const st = dtaoState({ pool_tao: [1e6 * RAO, 2e6 * RAO], pool_alpha: 1e6 * RAO, moving_price: [1, 2] }, { subnets: 2, era: "dtao-2025" });
  st.network.root_stake_tao = 1e6;
  coinbaseBlock(st, st.network.block + 1, coinbasePrivate(st), 1e6 * RAO);
  // p̄ shares 1/3, 2/3: subnet 2 gets 666,666 rao TAO at price 2 → 333,333 alpha, like subnet 1.
  near(st.subnets.pool_alpha[0]! / RAO, 1_333_333, 1, "SubnetAlphaIn 1");
  near(st.subnets.pool_alpha[1]! / RAO, 1_333_333, 1, "SubnetAlphaIn 2");
});

test("D4: equal prices, equal injections (test_coinbase_alpha_issuance_base)", () => {
  const st = dtaoState({ pool_tao: 1e6 * RAO, pool_alpha: 1e6 * RAO, moving_price: 1 }, { subnets: 2 });
  st.network.root_stake_tao = 1e6;
  coinbaseBlock(st, st.network.block + 1, coinbasePrivate(st), 1e6 * RAO);
  near(st.subnets.pool_alpha[0]! / RAO, 1_500_000, 1, "SubnetAlphaIn 1");
  near(st.subnets.pool_alpha[1]! / RAO, 1_500_000, 1, "SubnetAlphaIn 2");
});

test("D5: the owner cut takes all of alpha_out at cut 65535 (test_owner_cut_base)", () => {
  for (const [cut, expected] of [
    [0, 0],
    [1, 1e9],
  ] as const) {
    const st = dtaoState({ pool_tao: 1e12 * RAO, pool_alpha: 1e12 * RAO, moving_price: 1 }, { owner_cut_frac: cut });
    coinbaseBlock(st, st.network.block + 1, coinbasePrivate(st), 0);
    near(st.subnets.pending_owner_alpha[0]! / RAO, expected, 1, `PendingOwnerCut at cut ${cut}`);
  }
});

test("D6: at the 21M alpha cap all of τ is a chain buy and the price rises", () => {
  const st = dtaoState({ pool_tao: 10_000 * RAO, pool_alpha: 1, moving_price: [0.5, 0.5], alpha_out: 21e6 }, { subnets: 2 });
  st.network.root_stake_tao = 1e6;
  const sn = st.subnets;
  const a0 = [sn.pool_alpha[0]!, sn.pool_alpha[1]!];
  const p0 = [spotPrice(sn.pool_tao[0]!, sn.pool_alpha[0]!, 0.5), spotPrice(sn.pool_tao[1]!, sn.pool_alpha[1]!, 0.5)];
  coinbaseBlock(st, st.network.block + 1, coinbasePrivate(st), 1);
  for (let s = 0; s < 2; s++) {
    assert.ok(sn.pool_alpha[s]! < a0[s]!, "SubnetAlphaIn falls below its start");
    assert.ok(sn.protocol_alpha[s]! > 0, "chain-bought alpha is protocol alpha");
    near(sn.alpha_out[s]!, 21e6 + sn.protocol_alpha[s]!, 1e-6, "SubnetAlphaOut = 21e15 rao + protocol alpha (no alpha minted)");
    assert.ok(spotPrice(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!) > p0[s]!, "the price rises");
  }
});

test("D17: price shares are the documented default (learnbittensor.org Emissions)", () => {
  const st = dtaoState({ pool_tao: 1000, pool_alpha: 1000, moving_price: [0.5, 0.2, 0.3] }, { subnets: 3 });
  st.network.root_stake_tao = 1e7;
  const t0 = Array.from(st.subnets.pool_tao);
  coinbaseBlock(st, st.network.block + 1, coinbasePrivate(st), 1);
  [0.5, 0.2, 0.3].forEach((x, s) => near(st.subnets.pool_tao[s]! - t0[s]!, x, 1e-12, `τ of subnet ${s}`));
});

test("the coinbase's per-block EMA price equals moving-price.ts stepped block by block (warm-up, cap), and the event block's update too", async () => {
  const { advanceMovingPrice } = await import("../../../src/mechanisms/dtao/moving-price.js");
  const { movingPriceBlock } = await import("../../../src/mechanisms/dtao/coinbase.js");
  // Price-preserving injections only (a tiny emission, root proportion ≈ 1): the spot stays put.
  const st = dtaoState({ pool_tao: [500, 3000], pool_alpha: 1000, moving_price: [0.2, 0.9], subnet_age_blocks: [10, 300000] }, { subnets: 2 });
  st.network.root_stake_tao = 1e9;
  const P = coinbasePrivate(st);
  const b0 = st.network.block;
  const p0 = [st.subnets.moving_price[0]!, st.subnets.moving_price[1]!];
  const spot = [0.5, 3];
  const n = 5000;
  for (let b = b0 + 1; b <= b0 + n; b++) coinbaseBlock(st, b, P, 1e-9, b < b0 + n);
  movingPriceBlock(st, b0 + n, P.rules.params);
  for (let s = 0; s < 2; s++) {
    const want = advanceMovingPrice(p0[s]!, spot[s]!, st.subnets.first_emission_block[s]!, b0 + 1, n, { capAtOne: true });
    near(st.subnets.moving_price[s]!, want, 1e-12 * want, `subnet ${s} p̄ after ${n} blocks`);
  }
});

test("D14: the EMA factor's warm-up b/(b + h) ≈ 1 long after the first emission (test_update_moving_price_after_time), through the mechanism", async () => {
  const { movingPriceBlock } = await import("../../../src/mechanisms/dtao/coinbase.js");
  // SubnetMovingAlpha 0.5, spot 1.0, p̄ 0, block 144,000,500, FirstEmission 500 → p̄ = 0.5 (±0.001).
  const st = dtaoState({ pool_tao: 1000, pool_alpha: 1000, moving_price: 0, moving_price_alpha: 0.5 });
  st.subnets.first_emission_block[0] = 500;
  movingPriceBlock(st, 144_000_500, coinbasePrivate(st).rules.params);
  near(st.subnets.moving_price[0]!, 0.5, 0.001, "p̄");
});
