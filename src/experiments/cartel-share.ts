/**
 * Cartel stake share vs emission share under κ and the bonds penalty β: for each cartel stake
 * share S_C, the T7 network (collusion-retention.ts :: CollusionNetwork: 512 uids, 64 validators
 * split in proportion to stake, noisy stakes and weights) runs one classic Yuma epoch with the
 * honest side fully honest (W_H) and the cartel putting W_C of its weight on its own miners; the
 * cartel's emission share is 1 − E_H (its validators' dividends and its miners' incentive,
 * E = ξ·D + (1 − ξ)·I), averaged over Monte Carlo samples.
 */
import { honestEmissionShare, type CollusionNetworkOptions } from "./collusion-retention.js";

export interface CartelCurveOptions extends CollusionNetworkOptions {
  /** Cartel stake shares S_C ∈ (0, 1). */
  cartel_stake_fracs: readonly number[];
  /** The honest side's utility W_H (default 1: all honest weight on honest miners). */
  honest_utility_frac?: number;
  /** The cartel's self-weight W_C (default 1). */
  cartel_utility_frac?: number;
  /** Monte Carlo samples per point (default 5) and root seed (default 1). */
  seeds?: number;
  seed?: number;
}

export interface CartelCurvePoint {
  cartel_stake_frac: number;
  cartel_emission_frac: number;
  /** Σ I over the cartel's miners. */
  cartel_incentive_frac: number;
  /** Σ D over the cartel's validators. */
  cartel_dividends_frac: number;
}

export function cartelEmissionCurve(o: CartelCurveOptions): CartelCurvePoint[] {
  const seeds = o.seeds ?? 5;
  if (!(Number.isInteger(seeds) && seeds >= 1)) throw new RangeError(`seeds must be an integer ≥ 1: ${seeds}`);
  return o.cartel_stake_fracs.map((sc) => {
    if (!(sc > 0 && sc < 1)) throw new RangeError(`cartel stake share must be in (0, 1): ${sc}`);
    let e = 0;
    let inc = 0;
    let div = 0;
    for (let k = 0; k < seeds; k++) {
      const h = honestEmissionShare(1 - sc, o.honest_utility_frac ?? 1, o.cartel_utility_frac ?? 1, o.seed ?? 1, { ...o, sample: k });
      e += 1 - h.honest_emission_frac;
      inc += h.cabal_incentive_frac;
      div += 1 - h.honest_dividends_frac;
    }
    return { cartel_stake_frac: sc, cartel_emission_frac: e / seeds, cartel_incentive_frac: inc / seeds, cartel_dividends_frac: div / seeds };
  });
}
