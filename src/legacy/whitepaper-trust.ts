/**
 * The 2020 whitepaper's trust model (a legacy mechanism version, before Yuma Consensus; spec
 * targets.md T5). Parties X with stake s_X; at every step, with T = Σ s:
 *
 *     trust_X     = sigmoid(ρ·(s_X/T − κ)) = 1 / (1 + e^(−ρ·(s_X/T − κ)))
 *     incentive_X = s_X · trust_X = s_X / (1 + e^(−ρ·(s_X/T − κ)))      (whitepaperIncentive)
 *     s_X        += inflation · T · incentive_X / Σ_Y incentive_Y
 *
 * The whitepaper's point: a party below κ of the stake earns less than its share, so a cabal
 * holding 49 % against 51 % decays towards zero. Defaults ρ = 10, κ = 0.5, inflation 0.1.
 * whitepaperIncentive is the one copy of the formula: the era `whitepaper-2020` mechanism
 * (mechanisms/legacy-trust.ts) calls it too.
 */

/**
 * incentive_X = s_X / (1 + e^(−ρ·(s_X/T − κ))): party stake `s` times its sigmoid trust, with
 * T = `total` the stake of all parties (in this floating-point order; run hashes depend on it).
 */
export function whitepaperIncentive(s: number, total: number, rho: number, kappa: number): number {
  return s / (1 + Math.exp(-rho * (s / total - kappa)));
}

export interface WhitepaperTrustOptions {
  /** Initial stake per party (any unit; only ratios matter). */
  stake: readonly number[];
  /** Steps (blocks) to run. */
  steps: number;
  /** Sigmoid steepness ρ (default 10). */
  rho?: number;
  /** Trust threshold κ as a stake fraction (default 0.5). */
  kappa?: number;
  /** New stake per step as a fraction of the total (default 0.1). */
  inflation_frac?: number;
}

export interface WhitepaperTrustResult {
  /** share_frac[p][t] = party p's share of total stake after step t + 1. */
  share_frac: Float64Array[];
  /** stake[p] after the last step. */
  stake: Float64Array;
}

export function whitepaperTrust(o: WhitepaperTrustOptions): WhitepaperTrustResult {
  const rho = o.rho ?? 10;
  const kappa = o.kappa ?? 0.5;
  const inflation = o.inflation_frac ?? 0.1;
  const P = o.stake.length;
  if (P === 0) throw new RangeError("at least one party is needed");
  if (!Number.isInteger(o.steps) || o.steps < 0) throw new RangeError(`steps must be an integer ≥ 0: ${o.steps}`);
  if (o.stake.some((s) => !(s >= 0) || !Number.isFinite(s))) throw new RangeError("stakes must be finite and ≥ 0");
  if (!(inflation >= 0) || !Number.isFinite(rho) || !(kappa >= 0 && kappa <= 1)) throw new RangeError("need inflation_frac ≥ 0, finite rho and kappa in [0, 1]");
  const s = Float64Array.from(o.stake);
  const inc = new Float64Array(P);
  const share = Array.from({ length: P }, () => new Float64Array(o.steps));
  for (let t = 0; t < o.steps; t++) {
    let total = 0;
    for (let p = 0; p < P; p++) total += s[p]!;
    if (!(total > 0)) throw new RangeError("the total stake is 0");
    let sumInc = 0;
    for (let p = 0; p < P; p++) {
      inc[p] = whitepaperIncentive(s[p]!, total, rho, kappa);
      sumInc += inc[p]!;
    }
    for (let p = 0; p < P; p++) s[p] = s[p]! + (inflation * total * inc[p]!) / sumInc;
    let after = 0;
    for (let p = 0; p < P; p++) after += s[p]!;
    for (let p = 0; p < P; p++) share[p]![t] = s[p]! / after;
  }
  return { share_frac: share, stake: s };
}
