/**
 * The rule defaults of the dTAO eras (spec §1 table; dtao.md §3.2). Each era fixes the share
 * function, the injection cap, the pool curve, the swap fee, the EMA price cap, the epoch period
 * and where a new subnet's lock goes; `network.dtao` may override each for a what-if study.
 *
 *   dtao-2025  eras C/D (Feb–Nov 2025): EMA-price shares, α_in ≤ α_em with τ_in = τ (no chain
 *              buys), constant product, fee 196/65535 (swap v3), epoch every tempo + 1 blocks
 *   taoflow    era E (Nov 2025 – Jun 2026): shares by EMA net TAO flow, cap α_em with the excess
 *              buying alpha that is recycled, constant product, fee 33/65535
 *   dtao-2026  era F (Jun 2026 →): EMA-price share × (1 − MinerBurned), cap root_prop·α_em with the
 *              excess kept as protocol alpha, weighted (balancer) pool, epoch every tempo blocks,
 *              the whole lock in a new pool at the median price
 */
import { FEE_RATE_2025_FRAC, FEE_RATE_NOW_FRAC, type DtaoEraRules } from "../../params/dtao.js";

export interface DtaoEraDef {
  name: string;
  doc: string;
  section: string;
  rules: DtaoEraRules;
  /** Epoch every tempo + 1 blocks (before May 2026) instead of every tempo blocks. */
  tempo_plus_one: boolean;
}

export const DTAO_ERAS: readonly DtaoEraDef[] = [
  {
    name: "dtao-2025",
    doc: "dTAO eras C/D (Feb–Nov 2025): alpha pools, subnet emission by EMA price, α_in capped at α_em with no chain buys",
    section: "§1 (C, D), §5.1–5.3",
    rules: { share_function: "price_ema", injection: "alpha_emission", amm: "cpmm", swap_fee_frac: FEE_RATE_2025_FRAC, cap_moving_price: true, lock_in_pool: false, claimable_root: false },
    tempo_plus_one: true,
  },
  {
    name: "taoflow",
    doc: "dTAO era E (Nov 2025 – Jun 2026): subnet emission by EMA net TAO flow, chain buys with the excess (recycled)",
    section: "§1 (E), §5.1 E",
    rules: { share_function: "flow", injection: "alpha_emission_recycle", amm: "cpmm", swap_fee_frac: FEE_RATE_NOW_FRAC, cap_moving_price: true, lock_in_pool: false, claimable_root: true },
    tempo_plus_one: true,
  },
  {
    name: "dtao-2026",
    doc: "dTAO era F (Jun 2026 →, current main): EMA-price share × (1 − MinerBurned), injection cap root_prop·α_em, excess → protocol alpha, weighted pool",
    section: "§1 (F), §4, §5",
    rules: { share_function: "price_ema_burn", injection: "root_prop", amm: "balancer", swap_fee_frac: FEE_RATE_NOW_FRAC, cap_moving_price: true, lock_in_pool: true, claimable_root: true },
    tempo_plus_one: false,
  },
];

export function findDtaoEra(name: string): DtaoEraDef | undefined {
  return DTAO_ERAS.find((e) => e.name === name);
}
