/**
 * Block emission and the halving schedule.
 *
 * Mirrors subtensor `coinbase/block_emission.rs :: get_block_emission_for_issuance` (spec §3):
 *
 *     T = 21e15 rao (TotalSupply), E0 = 1e9 rao (DefaultBlockEmission), I = TotalIssuance (rao)
 *     E(I) = 0                          if I ≥ T
 *     k    = floor(log2(T / (T − I)))   (halving index)
 *     E(I) = floor(E0 / 2^k)            rao per block
 *
 * The halving thresholds on I are T·(1 − 2^−k): 10.5M, 15.75M, 18.375M, … TAO. The chain computes the
 * log in fixed point; here k is found exactly in integers (2^k·(T − I) ≤ T), which agrees with every
 * row of subtensor's `test_halving` table (T1).
 *
 * Recycled TAO lowers I (and so delays halvings); burned TAO does not touch I (§3, `coinbase/tao.rs`).
 */
import { raoToTao, taoToRao } from "../units.js";

export const TOTAL_SUPPLY_RAO = 21_000_000n * 1_000_000_000n;
export const TOTAL_SUPPLY_TAO = 21_000_000;
export const DEFAULT_BLOCK_EMISSION_RAO = 1_000_000_000n;

/** Halving index k for issuance I (rao); Infinity at or past the cap. */
export function halvingIndex(issuanceRao: bigint): number {
  if (issuanceRao >= TOTAL_SUPPLY_RAO) return Infinity;
  if (issuanceRao < 0n) return 0;
  const remaining = TOTAL_SUPPLY_RAO - issuanceRao;
  let k = 0;
  while ((remaining << BigInt(k + 1)) <= TOTAL_SUPPLY_RAO) k++;
  return k;
}

/** Block emission in rao for issuance I in rao (exact chain rule). */
export function blockEmissionRao(issuanceRao: bigint): bigint {
  const k = halvingIndex(issuanceRao);
  if (!Number.isFinite(k)) return 0n;
  return DEFAULT_BLOCK_EMISSION_RAO >> BigInt(k);
}

/** Block emission in TAO for issuance in TAO (float edge: converts to rao, applies the exact rule). */
export function blockEmissionTao(issuanceTao: number): number {
  return raoToTao(blockEmissionRao(taoToRao(issuanceTao)));
}

/** Issuance (TAO) at which halving index k begins: T·(1 − 2^−k). */
export function halvingThresholdTao(k: number): number {
  return TOTAL_SUPPLY_TAO * (1 - Math.pow(2, -k));
}

/** Issuance (rao, exact) at which halving index k begins: the smallest I with 2^k·(T − I) ≤ T. */
export function halvingThresholdRao(k: number): bigint {
  // T − I ≤ T / 2^k  ⇔  I ≥ T − floor(T / 2^k)
  return TOTAL_SUPPLY_RAO - (TOTAL_SUPPLY_RAO >> BigInt(k));
}
