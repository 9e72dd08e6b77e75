/** The dTAO epoch's payout: D10 (root dividends pro-rata to root stake, after take), conservation. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { dtaoState } from "./state.js";
import { dtaoEpoch, runDtaoEpoch } from "../../../src/mechanisms/dtao/epoch.js";
import { taoForAlpha } from "../../../src/mechanisms/dtao/amm.js";
import { poolValue } from "../../../src/mechanisms/dtao/swap.js";
import { alphaConservationError, conservationError } from "../../../src/state/state.js";

const RAO = 1e-9;

test("D10: root dividends are shared pro-rata to root stake after the take (claim_root two stakers; claim type Swap)", () => {
  // w = 1; root stakes on one hotkey: alice 1e6, bob 1e6, the owner 8e6 rao; hotkey alpha 1e7 rao;
  // pending root alpha 1e7 rao; take 18 %. Chain (claim Keep): alice = bob = 1e7·0.82·0.1 = 820,000 alpha.
  const st = dtaoState(
    { tao_weight_frac: 1, pool_tao: 1000, pool_alpha: 1000, moving_price: 2 },
    {
      validators: `{ v: { count: 1, strategy: honest, stake_tao: ${8e6 * RAO}, take_frac: 0.18 } }`,
      stakers: `{ alice_bob: { count: 2, strategy: root, stake_tao: ${1e6 * RAO} } }`,
    },
  );
  const v = st.validators;
  const sn = st.subnets;
  // The hotkey's alpha pool on the subnet (the owner's), 1e7 rao.
  v.hotkey_alpha[0] = 1e7 * RAO;
  v.hotkey_shares[0] = 1e7 * RAO;
  v.owner_shares[0] = 1e7 * RAO;
  sn.alpha_out[0]! += 1e7 * RAO;
  sn.alpha_issued[0]! += 1e7 * RAO;
  sn.pending_root_alpha[0] = 1e7 * RAO;
  sn.alpha_out[0]! += 1e7 * RAO;
  sn.alpha_issued[0]! += 1e7 * RAO;
  const P = dtaoEpoch.init!(st);
  const alice0 = poolValue(v.root_tao, v.root_shares, 0, st.stakers.shares[0]!);
  const T = sn.pool_tao[0]!;
  const A = sn.pool_alpha[0]!;
  runDtaoEpoch(st, 0, st.network.block + 1, P);
  const rest = 1e7 * 0.82 * RAO; // the root pay after the 18 % take, sold through the pool (no fee)
  const sold = taoForAlpha(T, A, 0.5, rest);
  const alice = poolValue(v.root_tao, v.root_shares, 0, st.stakers.shares[0]!) - alice0;
  const bob = poolValue(v.root_tao, v.root_shares, 0, st.stakers.shares[1]!) - alice0;
  // Alice's claim is 1/10 of the root stake: 820,000 rao alpha, received as its TAO proceeds.
  assert.ok(Math.abs(alice - 0.1 * sold) <= 1e-15, `alice ${alice} vs ${0.1 * sold}`);
  assert.ok(Math.abs(alice / sold - 820_000 / 8_200_000) <= 1e-9);
  assert.ok(Math.abs(bob - alice) <= 1e-18);
  // The take (18 % of the root pay) is the owner's alpha stake on the subnet.
  const owner = poolValue(v.hotkey_alpha, v.hotkey_shares, 0, v.owner_shares[0]!);
  assert.ok(Math.abs(owner - (1e7 + 1.8e6) * RAO) <= 1e-15, `owner alpha ${owner}`);
  assert.ok(conservationError(st) < 1e-12);
  assert.ok(alphaConservationError(st) < 1e-12);
});
