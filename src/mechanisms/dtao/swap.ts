/**
 * Staking as swaps, and the hotkey share pools (spec §8, §8.1, §9.3; subtensor `staking/stake_utils.rs
 * :: stake_into_subnet, unstake_from_subnet, swap_tao_for_alpha, swap_alpha_for_tao`, the
 * `share_pool` crate). Helpers the dTAO mechanisms call; each documents the columns it changes.
 *
 *   stake τ TAO into subnet s:  fee = f·τ (to the block author: liquid),  α = buy(τ − fee)
 *                               T += τ − fee, A −= α, alpha_out += α, flow_s += τ (user inflow)
 *   unstake α alpha from s:     fee = f·α alpha; τ = sell(α − fee) to the holder, then the fee
 *                               alpha is sold without fee for the block author
 *                               T −= τ + τ_fee, A += α, alpha_out −= α, flow_s −= τ + τ_fee
 *   protocol sell (root claims, Swap): no fee, no user flow
 *   share pool (hotkey h on subnet s, or on root):  value V, shares D
 *     add x for one holder:  Δs = x·D/V (Δs = x when the pool is empty), D += Δs, V += x
 *     remove s shares:       x = V·s/D, D −= s, V −= x
 *     reward everyone:       V += x (every holder gains x·s_c/D)
 * Root (subnet 0 on chain) swaps 1:1 with no fee. TAO leaves or enters network.liquid_tao.
 */
import type { SimState } from "../../state/state.js";
import { alphaForTao, spotPrice, taoForAlpha } from "./amm.js";

/** Stake `tao` TAO from liquid into subnet s; returns the alpha received (all of it goes to the caller's position). */
export function stakeIntoSubnet(st: SimState, s: number, tao: number, feeFrac: number, userFlow = true): number {
  if (!(tao > 0)) return 0;
  const sn = st.subnets;
  const fee = tao * feeFrac;
  const dT = tao - fee;
  const alpha = alphaForTao(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!, dT);
  sn.pool_tao[s]! += dT;
  sn.pool_alpha[s]! -= alpha;
  sn.alpha_out[s]! += alpha;
  st.network.liquid_tao -= dT;
  st.network.fees_tao += fee;
  if (userFlow) sn.flow_tao[s]! += tao;
  return alpha;
}

/** Unstake `alpha` alpha of subnet s (the caller removed it from a position); returns the TAO paid to liquid (fee excluded). */
export function unstakeFromSubnet(st: SimState, s: number, alpha: number, feeFrac: number, userFlow = true): number {
  if (!(alpha > 0)) return 0;
  const sn = st.subnets;
  const feeAlpha = alpha * feeFrac;
  const tao = taoForAlpha(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!, alpha - feeAlpha);
  sn.pool_tao[s]! -= tao;
  sn.pool_alpha[s]! += alpha - feeAlpha;
  const feeTao = taoForAlpha(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!, feeAlpha);
  sn.pool_tao[s]! -= feeTao;
  sn.pool_alpha[s]! += feeAlpha;
  sn.alpha_out[s]! -= alpha;
  st.network.liquid_tao += tao + feeTao;
  st.network.fees_tao += feeTao;
  if (userFlow) sn.flow_tao[s]! -= tao + feeTao;
  return tao;
}

/** Protocol sell of `alpha` alpha (root dividends, Swap claim): no fee; the TAO stays with the caller (not liquid). */
export function protocolSell(st: SimState, s: number, alpha: number): number {
  if (!(alpha > 0)) return 0;
  const sn = st.subnets;
  const tao = taoForAlpha(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!, alpha);
  sn.pool_tao[s]! -= tao;
  sn.pool_alpha[s]! += alpha;
  sn.alpha_out[s]! -= alpha;
  sn.protocol_flow_tao[s]! -= tao;
  return tao;
}

export function subnetPrice(st: SimState, s: number): number {
  const sn = st.subnets;
  return spotPrice(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!);
}

/** Add value x to share pool q for one holder; returns the new shares. */
export function addToPool(V: Float64Array, D: Float64Array, q: number, x: number): number {
  if (!(x > 0)) return 0;
  const v = V[q]!;
  const d = D[q]!;
  const ds = v > 0 && d > 0 ? (x * d) / v : x;
  D[q] = d + ds;
  V[q] = v + x;
  return ds;
}

/** Remove `shares` from share pool q; returns their value. */
export function removeFromPool(V: Float64Array, D: Float64Array, q: number, shares: number): number {
  const d = D[q]!;
  if (!(shares > 0) || !(d > 0)) return 0;
  const x = shares >= d ? V[q]! : (V[q]! * shares) / d;
  D[q] = Math.max(0, d - shares);
  V[q] = D[q] === 0 ? 0 : V[q]! - x;
  return x;
}

/** Value of `shares` in pool q. */
export function poolValue(V: Float64Array, D: Float64Array, q: number, shares: number): number {
  const d = D[q]!;
  return d > 0 ? (V[q]! * shares) / d : 0;
}
