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
 */
import { defineMechanism, nextMultiple } from "./mechanism.js";
import type { SimState } from "../state/state.js";
import { BLOCKS_PER_DAY } from "../units.js";
import type { MinerEconomics } from "../intents.js";
import { hyperparameterPaths, PRUNING_PARAMS } from "../params/hyperparameters.js";
import { REGISTRATION_PATHS } from "../params/registration.js";
import { priceAtBlock } from "../processes/price.js";

/** Is the miner in slot k a better prune target than the one in slot cur (−1: none yet)? */
function lowerScore(st: SimState, s: number, k: number, cur: number): boolean {
  if (cur < 0) return true;
  const sn = st.subnets;
  const mn = st.miners;
  const j = sn.slot_miner[s * sn.slots + k]!;
  const i = sn.slot_miner[s * sn.slots + cur]!;
  const a = mn.last_epoch_tao[j]!;
  const b = mn.last_epoch_tao[i]!;
  return a < b || (a === b && mn.registered_block[j]! < mn.registered_block[i]!);
}

/** The slot to give a newcomer on subnet s: an empty one, else the prune target. */
function slotFor(st: SimState, s: number, block: number): number {
  const sn = st.subnets;
  const mn = st.miners;
  const K = sn.slots;
  const immunity = st.compiled.hyper.immunity_period_blocks;
  let best = -1;
  let bestImmune = -1;
  for (let k = 0; k < K; k++) {
    const j = sn.slot_miner[s * K + k]!;
    if (j < 0) return k;
    if (block - mn.registered_block[j]! >= immunity) {
      if (lowerScore(st, s, k, best)) best = k;
    } else if (lowerScore(st, s, k, bestImmune)) bestImmune = k;
  }
  return best >= 0 ? best : bestImmune;
}

interface Private {
  /** Candidates (unregistered miners) by home subnet, reused each round. */
  waiting: number[][];
  /** Expected profit per miner (sort key) and its comparator: descending, ties by index. */
  key: Float64Array;
  byKeyDesc: (a: number, b: number) => number;
  /** Each miner's economics hook (its strategy's). */
  economics: MinerEconomics[];
}

export const registration = defineMechanism<Private>({
  name: "registration",
  mirrors: "v1.2.4 block_step.rs :: adjust_registration_terms_for_networks; registration.rs :: do_burned_registration; uids.rs :: get_neuron_to_prune, replace_neuron",
  reads: ["miners.subnet", "miners.earned_tao", "miners.quality", "miners.cost_usd_per_day", "subnets.emission_share_frac"],
  writes: ["miners.slot", "miners.registered_block", "miners.serving", "miners.last_epoch_tao", "miners.reward_ema_tao_per_day", "miners.unprofitable_blocks", "miners.earned_at_round_tao", "subnets.slot_miner", "subnets.burn_tao", "subnets.registrations", "network.liquid_tao", "network.recycled_tao", "network.supply", "network.interval_registrations", "network.interval_burn_tao"],
  params: [...hyperparameterPaths(PRUNING_PARAMS), ...REGISTRATION_PATHS],
  // While registration is off only `enabled` is read.
  paramsUsed: (sc) => (sc.network.registration.enabled ? [...hyperparameterPaths(PRUNING_PARAMS), ...REGISTRATION_PATHS] : ["network.registration.enabled"]),
  private: "candidate lists, the profit sort key and its comparator, each miner's economics hook",
  init(st) {
    st.miners.earned_at_round_tao.set(st.miners.earned_tao);
    const key = new Float64Array(st.miners.n);
    const groups = st.compiled.populations.miners.group;
    return {
      waiting: Array.from({ length: st.subnets.n }, () => []),
      key,
      byKeyDesc: (a, b) => key[b]! - key[a]! || a - b,
      economics: Array.from(groups, (g) => {
        const e = st.agents.groups[g]?.economics;
        if (!e) throw new Error(`miner group ${g} has no economics hook`);
        return e;
      }),
    };
  },
  nextBlock(st) {
    if (!st.compiled.registration) return Infinity;
    return nextMultiple(st.network.block, st.compiled.scenario.network.registration.adjustment_interval_blocks);
  },
  step(st, t, priv) {
    if (!st.compiled.registration) return;
    const R = st.compiled.scenario.network.registration;
    const p = R.adjustment_interval_blocks;
    if (t % p !== 0) return;
    const hp = st.compiled.hyper;
    const sn = st.subnets;
    const mn = st.miners;
    const K = sn.slots;
    const price = priceAtBlock(st.compiled, t);
    // 1. Exit.
    const smooth = 1 - Math.exp(-p / BLOCKS_PER_DAY);
    for (let j = 0; j < mn.n; j++) {
      const gained = mn.earned_tao[j]! - mn.earned_at_round_tao[j]!;
      mn.earned_at_round_tao[j] = mn.earned_tao[j]!;
      if (mn.slot[j]! < 0) continue;
      const rate = (gained * BLOCKS_PER_DAY) / p;
      const e = mn.reward_ema_tao_per_day[j]!;
      mn.reward_ema_tao_per_day[j] = Number.isNaN(e) ? rate : e + smooth * (rate - e);
      if (!mn.serving[j] || t - mn.registered_block[j]! < BLOCKS_PER_DAY) continue;
      const cost = mn.cost_usd_per_day[j]! / price;
      if (mn.reward_ema_tao_per_day[j]! < cost) {
        mn.unprofitable_blocks[j]! += p;
        if (priv.economics[j]!.quits(j, mn.reward_ema_tao_per_day[j]!, cost, mn.unprofitable_blocks[j]!)) mn.serving[j] = 0;
      } else mn.unprofitable_blocks[j] = 0;
    }
    // Miner emission per day per subnet at the current rate and shares.
    const perDay = BLOCKS_PER_DAY * st.network.supply.block_emission_tao * (1 - st.compiled.recycle_frac) * (1 - hp.owner_cut_frac) * 0.5;
    // Candidates by home subnet, best expected profit first.
    const waiting = priv.waiting;
    for (let s = 0; s < sn.n; s++) waiting[s]!.length = 0;
    for (let j = 0; j < mn.n; j++) if (mn.slot[j]! < 0) waiting[mn.subnet[j]!]!.push(j);
    const key = priv.key;
    for (let s = 0; s < sn.n; s++) {
      // 2. Burn adjustment.
      const target = R.target_registrations_per_interval;
      const reg = sn.registrations[s]!;
      sn.burn_tao[s] = Math.min(R.max_burn_tao, Math.max(R.min_burn_tao, (sn.burn_tao[s]! * (reg + target)) / (2 * target)));
      sn.registrations[s] = 0;
      // 3. Entry.
      const cands = waiting[s]!;
      if (cands.length === 0 || K === 0) continue;
      const M = perDay * sn.emission_share_frac[s]!;
      let Q = 0;
      for (let k = 0; k < K; k++) {
        const j = sn.slot_miner[s * K + k]!;
        if (j >= 0 && mn.serving[j]) Q += mn.quality[j]!;
      }
      // Expected profit at the subnet as it stands (ties: the lower index).
      for (const j of cands) key[j] = (M * mn.quality[j]!) / Math.max(1e-300, Q + mn.quality[j]!) - mn.cost_usd_per_day[j]! / price;
      if (cands.length > 1) cands.sort(priv.byKeyDesc);
      let made = 0;
      for (const j of cands) {
        if (made >= R.max_registrations_per_interval) break;
        const k = slotFor(st, s, t);
        const out = sn.slot_miner[s * K + k]!;
        const qOut = out >= 0 && mn.serving[out] ? mn.quality[out]! : 0;
        const q = mn.quality[j]!;
        const denom = Q - qOut + q;
        const reward = denom > 0 ? (M * q) / denom : 0;
        const burn = sn.burn_tao[s]!;
        if (!priv.economics[j]!.enters(j, reward, mn.cost_usd_per_day[j]! / price, burn)) continue;
        if (st.network.liquid_tao < burn) break;
        // Pay the burn (recycled) and take the slot.
        st.network.liquid_tao -= burn;
        st.network.recycled_tao += burn;
        st.network.supply.recycle(burn);
        st.network.interval_burn_tao += burn;
        st.network.interval_registrations++;
        if (out >= 0) {
          mn.slot[out] = -1;
          mn.registered_block[out] = NaN;
          mn.reward_ema_tao_per_day[out] = NaN;
        }
        sn.slot_miner[s * K + k] = j;
        mn.slot[j] = k;
        mn.registered_block[j] = t;
        mn.serving[j] = 1;
        mn.unprofitable_blocks[j] = 0;
        mn.last_epoch_tao[j] = 0;
        Q += q - qOut;
        sn.registrations[s]!++;
        made++;
      }
    }
  },
});
