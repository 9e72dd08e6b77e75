/**
 * What dTAO stakers see at a review (PortfolioView of src/intents.ts), computed from the state:
 *
 *   alpha yield on s for τ more TAO = Y_s·(1 − take̅) / (α_staked,s + τ/p_s)     per year
 *       Y_s = ½·(1 − owner_cut)·α_em,s·(1 − rp_s)·blocks/year   alpha paid to validators' alpha part
 *   root yield for τ more TAO        = Σ_s ½·(1 − owner_cut)·α_em,s·rp_s·p_s·blocks/year·(1 − take̅)/(R + τ)
 *                                      (0 while the root sell flag is down)
 *   exit now                          = unstake(α) at the current pool (fee, slippage)
 *   expected exit after reversion ρ   = unstake(α) once the pool's price moved ρ of the way to p̄ along
 *                                      its invariant (revertedSale); for a new stake τ, from the
 *                                      pool after the buy: a buy that lifts a thin pool far above its
 *                                      EMA expects to give most of that back
 * α_staked,s = Σ_v hotkey_alpha[v, s]; take̅ = the mean delegate take.
 */
import type { SimState } from "../../state/state.js";
import type { PortfolioView } from "../../intents.js";
import { alphaForTao, spotPrice, taoForAlpha } from "./amm.js";
import { alphaBlockEmission } from "./alpha-issuance.js";
import { poolValue } from "./swap.js";
import type { DtaoParams } from "../../params/dtao.js";

const BLOCKS_PER_YEAR = 7200 * 365;

/**
 * TAO from selling `alpha` into a pool (T, A, w) after its price p moved `revert` of the way to the
 * EMA price p̄ along the same invariant T^w·A^(1−w): with r = q/p, q = p + revert·(p̄ − p), the
 * pool becomes (T·r^(1−w), A·r^(−w)). A position large against the pool fetches at most the pool's
 * TAO, however high the spot price it was marked at.
 */
export function revertedSale(T: number, A: number, w: number, pbar: number, revert: number, alpha: number): number {
  if (!(alpha > 0) || !(T > 0) || !(A > 0)) return 0;
  const p = spotPrice(T, A, w);
  const q = pbar > 0 ? p + revert * (pbar - p) : p;
  const r = p > 0 && q > 0 ? q / p : 1;
  const Tq = w === 0.5 ? T * Math.sqrt(r) : T * Math.pow(r, 1 - w);
  const Aq = w === 0.5 ? A / Math.sqrt(r) : A * Math.pow(r, -w);
  return taoForAlpha(Tq, Aq, w, alpha);
}

export interface ViewScratch {
  view: PortfolioView;
  /** Recompute everything (once per review). */
  refresh(): void;
  /** Recompute subnet s's price and staked alpha after a stake moved (the next staker sees it). */
  touch(s: number): void;
}

export function portfolioView(st: SimState, params: DtaoParams): ViewScratch {
  const sn = st.subnets;
  const S = sn.n;
  const v = st.validators;
  const price = new Float64Array(S);
  const staked = new Float64Array(S);
  const valYear = new Float64Array(S);
  let rootYear = 0;
  let take = 0;
  const ownerCut = st.compiled.hyper.owner_cut_frac;
  const k = st.stakers;
  const view: PortfolioView = {
    block: 0,
    active: sn.active,
    price,
    movingPrice: sn.moving_price,
    firstEmissionBlock: sn.first_emission_block,
    poolTao: sn.pool_tao,
    positionOf: k.subnet,
    alphaYield(s, tao) {
      const p = price[s]!;
      const denom = staked[s]! + (p > 0 ? tao / p : 0);
      return denom > 0 ? (valYear[s]! * (1 - take)) / denom : Infinity;
    },
    rootYield(tao) {
      const denom = st.network.root_stake_tao + tao;
      return denom > 0 ? (rootYear * (1 - take)) / denom : Infinity;
    },
    valueTao(i) {
      const s = k.subnet[i]!;
      const val = k.validator[i]!;
      if (s < 0) return poolValue(v.root_tao, v.root_shares, val, k.shares[i]!);
      return poolValue(v.hotkey_alpha, v.hotkey_shares, val * S + s, k.shares[i]!) * price[s]!;
    },
    alphaOf(i) {
      const s = k.subnet[i]!;
      return s < 0 ? 0 : poolValue(v.hotkey_alpha, v.hotkey_shares, k.validator[i]! * S + s, k.shares[i]!);
    },
    exitTao(i) {
      const s = k.subnet[i]!;
      if (s < 0) return poolValue(v.root_tao, v.root_shares, k.validator[i]!, k.shares[i]!);
      const a = view.alphaOf(i) * (1 - params.swap_fee_frac);
      return taoForAlpha(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!, a);
    },
    expectedExitTao(s, alpha, revert) {
      return revertedSale(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!, sn.moving_price[s]!, revert, alpha * (1 - params.swap_fee_frac));
    },
    entryExpectedTao(s, tao, revert, growth) {
      if (!(tao > 0)) return 0;
      const f = params.swap_fee_frac;
      const T = sn.pool_tao[s]!;
      const A = sn.pool_alpha[s]!;
      const w = sn.pool_weight[s]!;
      const dT = tao * (1 - f);
      const a = alphaForTao(T, A, w, dT);
      return revertedSale(T + dT, A - a, w, sn.moving_price[s]!, revert, a * growth * (1 - f));
    },
  };
  return {
    view,
    touch(s) {
      if (s < 0) return;
      price[s] = spotPrice(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!);
      let a = 0;
      for (let i = 0; i < v.n; i++) a += v.hotkey_alpha[i * S + s]!;
      staked[s] = a;
    },
    refresh() {
      view.block = st.network.block;
      take = 0;
      for (let i = 0; i < v.n; i++) take += v.take_frac[i]!;
      take = v.n > 0 ? take / v.n : 0;
      rootYear = 0;
      staked.fill(0);
      for (let i = 0; i < v.n; i++) for (let s = 0; s < S; s++) staked[s]! += v.hotkey_alpha[i * S + s]!;
      for (let s = 0; s < S; s++) {
        price[s] = spotPrice(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!);
        if (!sn.active[s]) {
          valYear[s] = 0;
          continue;
        }
        const aem = alphaBlockEmission(sn.pool_alpha[s]! + sn.alpha_out[s]!);
        const half = 0.5 * (1 - ownerCut) * aem * BLOCKS_PER_YEAR;
        const rp = sn.root_prop_frac[s]!;
        valYear[s] = half * (1 - rp);
        if (st.network.root_sell_flag) rootYear += half * rp * price[s]!;
      }
      void params;
    },
  };
}
