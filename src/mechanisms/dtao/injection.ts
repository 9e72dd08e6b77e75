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

export interface InjectionRule {
  name: string;
  doc: string;
  /** Alpha bought with the excess is recycled (true) or kept as protocol alpha (false). */
  recycle_bought: boolean;
  /**
   * The rule as data (the coinbase applies it in its inner loop, coinbase.ts): α_in = min(τ/p, cap)
   * with cap = α_em·(cap_by_root_prop ? rp⁻ : 1); when capped, τ_in = α_in·p and the excess buys
   * alpha (buys_excess), or τ_in = τ and there is no chain buy.
   */
  cap_by_root_prop: boolean;
  buys_excess: boolean;
}

export const INJECTION_RULES: readonly InjectionRule[] = [
  {
    name: "alpha_emission",
    doc: "α_in = min(τ/p, α_em) and τ_in = τ: no chain buys (eras C/D)",
    recycle_bought: false,
    cap_by_root_prop: false,
    buys_excess: false,
  },
  {
    name: "alpha_emission_recycle",
    doc: "cap α_em; the excess TAO buys alpha that is recycled (era E)",
    recycle_bought: true,
    cap_by_root_prop: false,
    buys_excess: true,
  },
  {
    name: "root_prop",
    doc: "cap root_prop·α_em; the excess TAO buys alpha kept as protocol alpha (era F)",
    recycle_bought: false,
    cap_by_root_prop: true,
    buys_excess: true,
  },
];

export function findInjectionRule(name: string): InjectionRule | undefined {
  return INJECTION_RULES.find((r) => r.name === name);
}
