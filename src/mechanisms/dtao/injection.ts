/**
 * Injection caps: how a subnet's TAO emission τ enters its pool (spec §5.2; dtao.md §3.1, §3.4, §3.5;
 * subtensor `run_coinbase.rs :: get_subnet_terms, inject_and_maybe_swap`). With p the spot price,
 * α_em the subnet's alpha block emission and rp the root proportion *before* the block's mint:
 *
 *   alpha_emission          (C/D)  α_in = min(τ/p, α_em), τ_in = τ; no chain buy (a capped
 *                                  injection raises the price)
 *   alpha_emission_recycle  (E)    α_in = min(τ/p, α_em), τ_in = α_in·p; the excess τ − τ_in buys
 *                                  alpha that is recycled
 *   root_prop               (F)    α_in = min(τ/p, rp·α_em), τ_in = α_in·p; the excess buys alpha
 *                                  kept as protocol alpha (SubnetProtocolAlpha)
 * Either way the pool's TAO grows by the whole τ (dtao.md §3.4); α_em = 0 at the 21M alpha cap
 * makes all of τ a chain buy (§3.5).
 */

export interface InjectionTerms {
  /** TAO and alpha added as liquidity, TAO spent on a chain buy. */
  tao_in: number;
  alpha_in: number;
  excess_tao: number;
}

export interface InjectionRule {
  name: string;
  doc: string;
  /** Alpha bought with the excess is recycled (true) or kept as protocol alpha (false). */
  recycle_bought: boolean;
  /**
   * The rule as data, for the coinbase's inner loop (the same as `terms`): α_in ≤ cap with
   * cap = α_em·(cap_by_root_prop ? rp : 1); when capped, τ_in = α_in·p and the excess buys alpha
   * (buys_excess), or τ_in = τ and no chain buy.
   */
  cap_by_root_prop: boolean;
  buys_excess: boolean;
  terms(tau: number, price: number, alphaEmission: number, rootPropBefore: number, out: InjectionTerms): void;
}

function capped(tau: number, price: number, cap: number, out: InjectionTerms): void {
  const want = price > 0 ? tau / price : 0;
  if (want > cap) {
    out.alpha_in = cap;
    out.tao_in = cap * price;
  } else {
    out.alpha_in = want;
    out.tao_in = price > 0 ? tau : 0;
  }
  out.excess_tao = tau - out.tao_in;
}

export const INJECTION_RULES: readonly InjectionRule[] = [
  {
    name: "alpha_emission",
    doc: "α_in = min(τ/p, α_em) and τ_in = τ: no chain buys (eras C/D)",
    recycle_bought: false,
    cap_by_root_prop: false,
    buys_excess: false,
    terms(tau, price, aem, _rp, out) {
      out.alpha_in = price > 0 ? Math.min(tau / price, aem) : 0;
      out.tao_in = tau;
      out.excess_tao = 0;
    },
  },
  {
    name: "alpha_emission_recycle",
    doc: "cap α_em; the excess TAO buys alpha that is recycled (era E)",
    recycle_bought: true,
    cap_by_root_prop: false,
    buys_excess: true,
    terms: (tau, price, aem, _rp, out) => capped(tau, price, aem, out),
  },
  {
    name: "root_prop",
    doc: "cap root_prop·α_em; the excess TAO buys alpha kept as protocol alpha (era F)",
    recycle_bought: false,
    cap_by_root_prop: true,
    buys_excess: true,
    terms: (tau, price, aem, rp, out) => capped(tau, price, rp * aem, out),
  },
];

export function findInjectionRule(name: string): InjectionRule | undefined {
  return INJECTION_RULES.find((r) => r.name === name);
}
