/**
 * Per-subnet alpha emission per block α_em, spec §3 and §5.2; dtao.md §3.5 (alpha cap).
 *
 * Mirrors subtensor `coinbase/block_emission.rs :: get_block_emission_for_issuance` applied to a
 * subnet's alpha issuance, as `coinbase/run_coinbase.rs :: get_subnet_terms` does (commit 14bc6f9f5):
 *
 *     A    = SubnetAlphaIn + SubnetAlphaOut          (alpha, 9 decimals like TAO)
 *     α_em = 0                                      if A ≥ 21e6 alpha (21e15 base units: the cap)
 *     k    = floor(log2(21e6 / (21e6 − A)))
 *     α_em = floor(1e9 / 2^k) / 1e9 alpha per block (1 until 10.5M, ½ until 15.75M, ¼ until 18.375M, …;
 *                                                    the floor to base units bites from k = 10)
 *
 * The halving rule and thresholds are those of TAO (src/supply/block-emission.ts), reused here: the
 * float amount is taken to base units (nearest 1e-9) and the exact integer rule applied, so α_em is
 * exactly the chain's value, with the step exactly at each threshold 21e6·(1 − 2^−k).
 */
import { blockEmissionTao, halvingIndex, halvingThresholdRao } from "../../supply/block-emission.js";
import { raoToTao, taoToRao } from "../../units.js";

/** Alpha cap: 21e6 alpha per subnet. */
export const ALPHA_CAP = 21_000_000;

/** α_em for alpha issuance A (alpha per block); 0 at or past the 21M cap. */
export function alphaBlockEmission(issuance_alpha: number): number {
  return blockEmissionTao(issuance_alpha);
}

/** The next halving threshold above A (alpha): 10.5M below it, then 15.75M, …; Infinity at or past the cap. */
export function alphaHalvingThreshold(issuance_alpha: number): number {
  const k = halvingIndex(taoToRao(issuance_alpha));
  if (!Number.isFinite(k)) return Infinity;
  return raoToTao(halvingThresholdRao(k + 1));
}
