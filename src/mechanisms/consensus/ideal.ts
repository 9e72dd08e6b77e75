/**
 * Consensus model `ideal`: the outcome Yuma Consensus reaches when every validator reports true
 * quality without noise and bonds have converged (classic bonds, identical weights ⇒ B_ij ∝ S_i):
 *     I_j = q_j / Σ_k q_k              over the subnet's miners (q = true quality served)
 *     D_i = S_i / Σ_k S_k              over validators holding a permit (top-k by stake)
 *     share = (I, D) / (ΣI + ΣD)       (spec §6.11); no staked validator ⇒ no consensus
 * Every permit holder counts as having set weights at the epoch's block.
 */
import type { ConsensusModel } from "./index.js";
import { servedQuality } from "./served-quality.js";
import { normalizeInPlace } from "../../kernels/normalize.js";

export const ideal: ConsensusModel<undefined> = {
  name: "ideal",
  doc: "honest, noiseless validators and converged bonds: miners paid by true quality, validators by stake",
  reads: ["validators.total_stake_tao", "subnets.slot_miner", "miners.quality", "miners.serving"],
  writes: ["validators.last_weights_block", "miners.last_incentive_frac"],
  params: [],
  shares(st, _p, s, block, permit, minerShare, validatorShare) {
    const v = st.validators;
    let anyStake = false;
    for (let i = 0; i < v.n; i++) {
      const d = permit[i] ? v.total_stake_tao[i]! : 0;
      validatorShare[i] = d;
      if (d > 0) anyStake = true;
      if (permit[i]) v.last_weights_block[i] = block;
    }
    const sn = st.subnets;
    const m = sn.slots;
    const a = s * m;
    for (let k = 0; k < m; k++) minerShare[k] = anyStake ? servedQuality(st, sn.slot_miner[a + k]!) : 0;
    const sigma = (normalizeInPlace(minerShare, m) > 0 ? 1 : 0) + (normalizeInPlace(validatorShare, v.n) > 0 ? 1 : 0);
    for (let k = 0; k < m; k++) {
      const j = sn.slot_miner[a + k]!;
      if (j >= 0) st.miners.last_incentive_frac[j] = minerShare[k]!;
    }
    if (sigma === 2) {
      for (let k = 0; k < m; k++) minerShare[k] = minerShare[k]! / 2;
      for (let i = 0; i < v.n; i++) validatorShare[i] = validatorShare[i]! / 2;
    }
  },
};
