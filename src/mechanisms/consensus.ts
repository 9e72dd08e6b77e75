/**
 * Consensus models: how one subnet's epoch turns its participants into emission shares for its
 * miners and its validators. A registry keyed by `network.consensus`; the epoch mechanism calls
 * whichever the scenario names and never tests the name.
 *
 *   ideal   the outcome Yuma Consensus reaches when every validator reports true quality without
 *           noise and bonds have converged (classic bonds, identical weights ⇒ B_ij ∝ S_i):
 *               I_j = q_j / Σ_k q_k              over the subnet's miners (q = true quality)
 *               D_i = S_i / Σ_k S_k              over validators holding a permit (top-k by stake)
 *               share = (I, D) / (ΣI + ΣD)       (spec §6.11); no staked validator ⇒ no consensus
 *   yuma    the chain's epoch (yuma/subnet.ts) on a subnet whose uids are the validators
 *           (0..V−1, global stake) and the subnet's miners (V.., their own stake). Validators set
 *           weights ∝ the miners' true quality (u16, max-upscaled) before every epoch. A uid's
 *           share is its emission share (I_i + D_i)/Σ, or the chain's stake fallback when Σ = 0.
 */
import type { SimState } from "../state/state.js";
import { YumaSubnet } from "../yuma/subnet.js";
import { normalizeInPlace } from "../yuma/kernels.js";

export interface ConsensusModel {
  name: string;
  doc: string;
  /** Per-run preparation (optional). */
  init?(st: SimState): void;
  /**
   * Fill `minerShare` (one entry per miner of subnet s, in `subnets.miner_index` order) and
   * `validatorShare` (one entry per validator) with shares of the epoch's emission that sum to 1
   * over both, or leave all zero when nobody can be paid. `permit` = validators holding a permit.
   */
  shares(st: SimState, s: number, block: number, permit: Uint8Array, minerShare: Float64Array, validatorShare: Float64Array): void;
}


const ideal: ConsensusModel = {
  name: "ideal",
  doc: "honest, noiseless validators and converged bonds: miners paid by true quality, validators by stake",
  shares(st, s, _block, permit, minerShare, validatorShare) {
    const v = st.validators;
    let anyStake = false;
    for (let i = 0; i < v.n; i++) {
      const d = permit[i] ? v.total_stake_tao[i]! : 0;
      validatorShare[i] = d;
      if (d > 0) anyStake = true;
    }
    const sn = st.subnets;
    const a = sn.miner_start[s]!;
    const m = sn.miner_start[s + 1]! - a;
    for (let k = 0; k < m; k++) minerShare[k] = anyStake ? st.miners.quality[sn.miner_index[a + k]!]! : 0;
    const sigma = (normalizeInPlace(minerShare, m) > 0 ? 1 : 0) + (normalizeInPlace(validatorShare, v.n) > 0 ? 1 : 0);
    if (sigma === 2) {
      for (let k = 0; k < m; k++) minerShare[k] = minerShare[k]! / 2;
      for (let i = 0; i < v.n; i++) validatorShare[i] = validatorShare[i]! / 2;
    }
  },
};

interface YumaRun {
  subnets: YumaSubnet[];
  stake: Float64Array[];
  dests: Int32Array[];
  values: Float64Array[];
}
const yumaRuns = new WeakMap<SimState, YumaRun>();

const yuma: ConsensusModel = {
  name: "yuma",
  doc: "the chain's Yuma Consensus epoch (classic or Yuma3 bonds, liquid alpha) with honest validators",
  init(st) {
    const hp = st.compiled.hyper;
    const V = st.validators.n;
    const run: YumaRun = { subnets: [], stake: [], dests: [], values: [] };
    for (let s = 0; s < st.subnets.n; s++) {
      const m = st.subnets.miner_start[s + 1]! - st.subnets.miner_start[s]!;
      const n = Math.max(1, V + m);
      run.subnets.push(
        new YumaSubnet(
          n,
          {
            bond_model: hp.bond_model,
            liquid_alpha: hp.liquid_alpha,
            kappa: hp.kappa,
            bonds_penalty: hp.bonds_penalty,
            bonds_moving_average: Math.round(hp.bonds_moving_average * 1e6),
            max_allowed_validators: hp.max_allowed_validators,
            activity_cutoff: hp.activity_cutoff_blocks,
            tempo: hp.tempo,
          },
          st.network.block,
        ),
      );
      run.stake.push(new Float64Array(n));
      run.dests.push(Int32Array.from({ length: m }, (_, k) => V + k));
      run.values.push(new Float64Array(m));
    }
    yumaRuns.set(st, run);
  },
  shares(st, s, block, _permit, minerShare, validatorShare) {
    const run = yumaRuns.get(st)!;
    const sub = run.subnets[s]!;
    const V = st.validators.n;
    const sn = st.subnets;
    const a = sn.miner_start[s]!;
    const m = sn.miner_start[s + 1]! - a;
    const stake = run.stake[s]!;
    for (let i = 0; i < V; i++) stake[i] = st.validators.total_stake_tao[i]!;
    for (let k = 0; k < m; k++) stake[V + k] = st.miners.stake_tao[sn.miner_index[a + k]!]!;
    sub.setStake(stake);
    // Honest validators: weights ∝ true quality of the subnet's miners (validators with a permit
    // set weights; the chain refuses non-self weights from others).
    const values = run.values[s]!;
    for (let k = 0; k < m; k++) values[k] = st.miners.quality[sn.miner_index[a + k]!]!;
    for (let i = 0; i < V; i++) if (sub.permit[i] && m > 0) sub.setWeights(i, run.dests[s]!, values, block);
    const out = sub.epoch(block);
    for (let i = 0; i < V; i++) validatorShare[i] = out.emission[i]!;
    for (let k = 0; k < m; k++) minerShare[k] = out.emission[V + k]!;
  },
};

export const CONSENSUS_MODELS: readonly ConsensusModel[] = [ideal, yuma];

export function findConsensusModel(name: string): ConsensusModel | undefined {
  return CONSENSUS_MODELS.find((m) => m.name === name);
}
