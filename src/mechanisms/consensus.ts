/**
 * Consensus models: how one subnet's epoch turns its participants into incentive (miners) and
 * dividend (validators) shares. A registry keyed by `network.consensus`; the epoch mechanism calls
 * whichever the scenario names.
 *
 *   ideal   the outcome Yuma Consensus reaches when every validator reports true quality without
 *           noise and bonds have converged (classic bonds, identical weights ⇒ B_ij ∝ S_i):
 *               I_j = q_j / Σ_k q_k              over the subnet's miners (q = true quality)
 *               D_i = S_i / Σ_k S_k              over validators holding a permit (top-k by stake)
 *           With no staked validator there is no consensus: I = D = 0.
 * The chain-faithful Yuma epoch (spec §6) plugs in as another entry.
 */
import type { SimState } from "../state/state.js";

export interface ConsensusModel {
  name: string;
  doc: string;
  /**
   * Fill `incentive` (one entry per miner of subnet s, in `subnets.miner_index` order) and
   * `dividends` (one entry per validator), each non-negative. Scale does not matter: the epoch
   * normalises each vector to sum 1 (or 0).
   */
  split(st: SimState, s: number, permit: Uint8Array, incentive: Float64Array, dividends: Float64Array): void;
}

const ideal: ConsensusModel = {
  name: "ideal",
  doc: "honest, noiseless validators and converged bonds: miners paid by true quality, validators by stake",
  split(st, s, permit, incentive, dividends) {
    const v = st.validators;
    let anyStake = false;
    for (let i = 0; i < v.n; i++) {
      const d = permit[i] ? v.total_stake_tao[i]! : 0;
      dividends[i] = d;
      if (d > 0) anyStake = true;
    }
    const sn = st.subnets;
    const a = sn.miner_start[s]!;
    const b = sn.miner_start[s + 1]!;
    for (let k = a; k < b; k++) incentive[k - a] = anyStake ? st.miners.quality[sn.miner_index[k]!]! : 0;
  },
};

export const CONSENSUS_MODELS: readonly ConsensusModel[] = [ideal];

export function findConsensusModel(name: string): ConsensusModel | undefined {
  return CONSENSUS_MODELS.find((m) => m.name === name);
}
