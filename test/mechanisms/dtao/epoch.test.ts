/** The dTAO epoch's payout: D10 (root dividends pro-rata to root stake, after take), root claims (at once, or claimable and auto-claimed), conservation. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { dtaoState } from "./state.js";
import { autoClaimFraction, dtaoEpoch, runDtaoEpoch } from "../../../src/mechanisms/dtao/epoch.js";
import { taoForAlpha } from "../../../src/mechanisms/dtao/amm.js";
import { poolValue } from "../../../src/mechanisms/dtao/swap.js";
import { alphaConservationError, conservationError } from "../../../src/state/state.js";

const RAO = 1e-9;

/**
 * D10's state: w = 1; root stakes on one hotkey: alice 1e6, bob 1e6, the owner 8e6 rao; hotkey
 * alpha 1e7 rao; pending root alpha 1e7 rao; take 18 %.
 */
function d10State(dtao: Record<string, unknown>) {
  const st = dtaoState(
    { tao_weight_frac: 1, pool_tao: 1000, pool_alpha: 1000, moving_price: 2, ...dtao },
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
  return st;
}

test("D10: root dividends are owed pro-rata to root stake after the take (claim_root two stakers, claim type Keep's amounts)", () => {
  // Chain: alice = bob = 1e7·0.82·0.1 = 820,000 alpha (±100). Era F: owed as claimable alpha; no auto-claim here.
  const st = d10State({ root_claims_per_block: 0 });
  const v = st.validators;
  const P = dtaoEpoch.init!(st);
  const root0 = v.root_tao[0]!;
  runDtaoEpoch(st, 0, st.network.block + 1, P);
  const owed = v.root_claimable_alpha[0]!;
  const alice = (owed * st.stakers.shares[0]!) / v.root_shares[0]!;
  const bob = (owed * st.stakers.shares[1]!) / v.root_shares[0]!;
  assert.ok(Math.abs(alice / RAO - 820_000) <= 100, `alice is owed ${alice / RAO} rao alpha`);
  assert.ok(Math.abs(bob / RAO - 820_000) <= 100, `bob is owed ${bob / RAO} rao alpha`);
  assert.equal(v.root_tao[0], root0, "nothing claimed, nothing sold");
  assert.ok(conservationError(st) < 1e-12);
  assert.ok(alphaConservationError(st) < 1e-12, "owed alpha is a holder of alpha_out");
});

test("root claims: the auto-claim sells φ = 1 − (1 − n/N)^tempo of what is owed each epoch, the rest stays owed", () => {
  const st = d10State({ root_claims_per_block: 5, root_claim_coldkeys: 1000 });
  const v = st.validators;
  const sn = st.subnets;
  const P = dtaoEpoch.init!(st);
  const phi = autoClaimFraction(5, 1000, 360);
  assert.ok(Math.abs(phi - (1 - Math.pow(1 - 0.005, 360))) < 1e-15);
  const T = sn.pool_tao[0]!;
  const A = sn.pool_alpha[0]!;
  const root0 = v.root_tao[0]!;
  runDtaoEpoch(st, 0, st.network.block + 1, P);
  const rest = 1e7 * 0.82 * RAO;
  assert.ok(Math.abs(v.root_claimable_alpha[0]! - rest * (1 - phi)) <= 1e-18);
  assert.ok(Math.abs(v.root_tao[0]! - root0 - taoForAlpha(T, A, 0.5, rest * phi)) <= 1e-15);
  // The next epoch claims φ of what is still owed (nothing new is paid: no pending root alpha).
  const owed1 = v.root_claimable_alpha[0]!;
  runDtaoEpoch(st, 0, st.network.block + 361, P);
  assert.ok(Math.abs(v.root_claimable_alpha[0]! - owed1 * (1 - phi)) <= 1e-18);
  assert.ok(conservationError(st) < 1e-12);
  assert.ok(alphaConservationError(st) < 1e-12);
  assert.equal(autoClaimFraction(5, 3, 360), 1, "more claims per block than coldkeys: all of it");
  assert.equal(autoClaimFraction(0, 10, 360), 0);
});

test("D10 with claims at the epoch (eras C/D): each root staker's part of the sold root dividends", () => {
  // The chain's claim type Swap: alice's 1/10 of the 0.82·1e7 rao alpha arrives as its TAO proceeds.
  const st = d10State({ claimable_root: false });
  const v = st.validators;
  const sn = st.subnets;
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
