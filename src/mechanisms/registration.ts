/**
 * Neuron registration, pruning and miners' entry and exit (era B legacy burn; spec §11.2–11.3,
 * v1.2.4 `coinbase/block_step.rs :: adjust_registration_terms_for_networks`,
 * `subnets/registration.rs :: do_burned_registration`, `subnets/uids.rs :: get_neuron_to_prune`,
 * `replace_neuron`). Runs every `adjustment_interval_blocks` (at block multiples), per subnet:
 *
 *   1. exit: a registered miner's reward r (TAO/day, smoothed over ~1 day) is compared with its
 *      running cost c = cost_usd_per_day / price and its blocks below cost are counted; whether it
 *      quits is the miner's decision (MinerEconomics.quits, src/intents.ts; the profit-seeking
 *      default of agents/miners.ts: after patience_days below cost). A miner that quits stops
 *      serving (validators then see quality 0) and keeps its uid until pruned. Miners get a day
 *      after registering before they are judged.
 *   2. burn:  burn' = burn·(reg + target)/(2·target), clamped to [min_burn, max_burn]
 *      (reg = registrations on the subnet since the last adjustment; AdjustmentAlpha = 0).
 *   3. entry: each unregistered miner whose home is the subnet expects
 *          reward = M_s · q / (Q_s − q_out + q)   TAO/day,
 *      M_s = the subnet's miner emission per day at the current block emission and shares
 *      (7,200 · E · (1 − recycle_frac) · share_s · (1 − owner_cut) / 2), Q_s = Σ quality served
 *      by the registered miners, q_out = the quality of the miner it would displace (0 if a slot
 *      is empty); whether it registers is its decision (MinerEconomics.enters; the default: if
 *      (reward − c) · payback_days ≥ burn and reward > c). Candidates go best expected profit
 *      first, at most max_registrations_per_interval per subnet.
 *      The burn is paid from liquid TAO and recycled (TotalIssuance decreases).
 *   4. pruning (when no slot is empty): among miners registered for at least immunity_period
 *      blocks, the lowest last-epoch emission (the pruning score), ties → the earliest
 *      registration, then the lowest slot; if every miner is immune, the same among all.
 *      Validators keep their uids (they sit on every subnet in this model and are never pruned).
 * A new miner's uid is reset by the consensus model (`replace_neuron`: its weights and bond
 * row cleared, others' weights to it zeroed, its bond column masked for a tempo).
 * Steps 1, 3 and 4 are the registration round shared with the dTAO eras (miner-entry.ts); the burn
 * rule (2) and the payment (recycled) are this era's.
 */
import { defineMechanism, nextMultiple } from "./mechanism.js";
import { BLOCKS_PER_DAY } from "../units.js";
import { entryScratch, enterSubnet, exitRound, gatherCandidates, MINER_ENTRY_READS, MINER_ENTRY_WRITES, type EntryScratch, type EntryTerms } from "./miner-entry.js";
import { hyperparameterPaths, PRUNING_PARAMS } from "../params/hyperparameters.js";
import { REGISTRATION_PATHS } from "../params/registration.js";
import { priceAtBlock } from "../processes/price.js";

export const registration = defineMechanism<EntryScratch>({
  name: "registration",
  mirrors: "v1.2.4 block_step.rs :: adjust_registration_terms_for_networks; registration.rs :: do_burned_registration; uids.rs :: get_neuron_to_prune, replace_neuron",
  reads: [...MINER_ENTRY_READS, "subnets.emission_share_frac"],
  writes: [...MINER_ENTRY_WRITES, "subnets.burn_tao", "subnets.registrations", "network.liquid_tao", "network.recycled_tao", "network.supply", "network.interval_registrations", "network.interval_burn_tao"],
  params: [...hyperparameterPaths(PRUNING_PARAMS), ...REGISTRATION_PATHS],
  // While registration is off only `enabled` is read.
  paramsUsed: (sc) => (sc.network.registration.enabled ? [...hyperparameterPaths(PRUNING_PARAMS), ...REGISTRATION_PATHS] : ["network.registration.enabled"]),
  private: "candidate lists, the profit sort key and its comparator, each miner's economics hook (miner-entry.ts)",
  init(st) {
    st.miners.earned_at_round_tao.set(st.miners.earned_tao);
    return entryScratch(st);
  },
  nextBlock(st) {
    if (!st.compiled.registration) return Infinity;
    return nextMultiple(st.network.block, st.compiled.scenario.network.registration.adjustment_interval_blocks);
  },
  step(st, t, X) {
    if (!st.compiled.registration) return;
    const R = st.compiled.scenario.network.registration;
    const p = R.adjustment_interval_blocks;
    if (t % p !== 0) return;
    const hp = st.compiled.hyper;
    const sn = st.subnets;
    const price = priceAtBlock(st.compiled, t);
    // 1. Exit.
    exitRound(st, t, p, price, X);
    // Miner emission per day per subnet at the current rate and shares.
    const perDay = BLOCKS_PER_DAY * st.network.supply.block_emission_tao * (1 - st.compiled.recycle_frac) * (1 - hp.owner_cut_frac) * 0.5;
    // Candidates by home subnet, best expected profit first.
    gatherCandidates(st, X);
    const terms: EntryTerms = {
      minerTaoPerDay: 0,
      price,
      maxRegistrations: R.max_registrations_per_interval,
      immunity: hp.immunity_period_blocks,
      minNonImmune: 0,
      burn: (s) => sn.burn_tao[s]!,
      // Pay the burn from liquid TAO (recycled).
      pay(s, burn) {
        if (st.network.liquid_tao < burn) return false;
        st.network.liquid_tao -= burn;
        st.network.recycled_tao += burn;
        st.network.supply.recycle(burn);
        st.network.interval_burn_tao += burn;
        st.network.interval_registrations++;
        sn.registrations[s]!++;
        return true;
      },
    };
    for (let s = 0; s < sn.n; s++) {
      // 2. Burn adjustment.
      const target = R.target_registrations_per_interval;
      const reg = sn.registrations[s]!;
      sn.burn_tao[s] = Math.min(R.max_burn_tao, Math.max(R.min_burn_tao, (sn.burn_tao[s]! * (reg + target)) / (2 * target)));
      sn.registrations[s] = 0;
      // 3. Entry (4. pruning when no slot is empty).
      terms.minerTaoPerDay = perDay * sn.emission_share_frac[s]!;
      enterSubnet(st, s, t, terms, X);
    }
  },
});
