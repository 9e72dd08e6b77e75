/**
 * The whitepaper's legacy trust model as the pipeline of era `whitepaper-2020` (a mechanism
 * version, before Yuma; spec targets.md T5; the pure function is legacy/whitepaper-trust.ts).
 * Parties are the validator groups; every block, with T = Σ stake and s_X a party's stake:
 *
 *     trust_X = 1/(1 + e^(−ρ(s_X/T − κ))),  incentive_X = s_X·trust_X   (legacy/whitepaper-trust.ts ::
 *                                                                      whitepaperIncentive)
 *     minted  = inflation·T;   party X gets minted·incentive_X/Σ incentive, shared among its
 *               validators pro-rata to their own stake (added to it)
 * The minted stake raises issuance (outside the TAO block schedule, which this era does not use).
 *
 * Normalised units: the model only moves shares, but its stake grows ×(1 + inflation) a block and
 * would overflow float64 after a few thousand blocks. So after each block every holding is scaled
 * by I₀/I (I₀ the initial issuance, I the issuance after minting) and the dilution is booked as
 * recycled: issuance stays I₀, each block's mint shows in emitted_tao and its dilution in
 * recycled_tao, amounts stay finite for any horizon, and every share is the model's (a common
 * factor cancels in s_X/T; T5 holds to 1e-12).
 */
import { defineMechanism } from "../mechanism.js";
import { LEGACY_TRUST_PATHS, type LegacyTrustParams } from "./params.js";
import type { SimState } from "../../state/state.js";
import { whitepaperIncentive } from "../../legacy/whitepaper-trust.js";

export const legacyTrust = defineMechanism<Scratch>({
  name: "legacy_trust",
  mirrors: "Bittensor whitepaper (2020): sigmoid trust over coalition stake (no chain function)",
  reads: ["validators.self_stake_tao", "validators.group"],
  writes: ["validators.self_stake_tao", "validators.earned_tao", "validators.nominated_tao", "validators.pending_dividends_tao", "stakers.stake_tao", "miners.stake_tao", "subnets.pending_tao", "network.emitted_tao", "network.recycled_tao", "network.liquid_tao", "network.unassigned_tao", "network.supply"],
  nextBlock: (st) => st.network.block + 1,
  params: LEGACY_TRUST_PATHS,
  private: "per-party stake and incentive scratch (one entry per population group)",
  init(st) {
    const g = st.compiled.populations.groups.length;
    return { party: new Float64Array(g), inc: new Float64Array(g) };
  },
  step(st, t, scratch) {
    // The era's own section of the scenario (validated by ./params.ts).
    const L = st.compiled.scenario.network.legacy_trust as LegacyTrustParams;
    for (let b = st.network.block; b < t; b++) stepBlock(st, scratch, L.rho, L.kappa, L.inflation_frac_per_block);
  },
});

interface Scratch {
  party: Float64Array;
  inc: Float64Array;
}

function stepBlock(st: SimState, { party, inc }: Scratch, rho: number, kappa: number, inflation: number): void {
  const v = st.validators;
  const nGroups = party.length;
  party.fill(0);
  inc.fill(0);
  let total = 0;
  for (let i = 0; i < v.n; i++) {
    party[v.group[i]!]! += v.self_stake_tao[i]!;
    total += v.self_stake_tao[i]!;
  }
  if (!(total > 0)) return;
  let sumInc = 0;
  for (let g = 0; g < nGroups; g++) {
    if (party[g]! <= 0) continue;
    inc[g] = whitepaperIncentive(party[g]!, total, rho, kappa);
    sumInc += inc[g]!;
  }
  const minted = inflation * total;
  for (let i = 0; i < v.n; i++) {
    const g = v.group[i]!;
    if (!(party[g]! > 0)) continue;
    const pay = ((minted * inc[g]!) / sumInc) * (v.self_stake_tao[i]! / party[g]!);
    v.self_stake_tao[i]! += pay;
    v.earned_tao[i]! += pay;
  }
  st.network.emitted_tao += minted;
  st.network.supply.mint(minted);
  normalise(st);
}

/** Scale every holding so issuance returns to the initial issuance; book the dilution as recycled. */
function normalise(st: SimState): void {
  const n = st.network;
  const i0 = st.compiled.initial_issuance_tao;
  const i1 = n.supply.issuance_tao;
  if (!(i1 > i0) || !(i0 > 0)) return;
  const f = i0 / i1;
  for (const a of [st.validators.self_stake_tao, st.validators.nominated_tao, st.validators.pending_dividends_tao, st.stakers.stake_tao, st.miners.stake_tao, st.subnets.pending_tao]) {
    for (let i = 0; i < a.length; i++) a[i] = a[i]! * f;
  }
  n.liquid_tao *= f;
  n.unassigned_tao *= f;
  n.recycled_tao += i1 - i0;
  n.supply.recycle(i1 - i0);
}
