/**
 * Miners' entry, exit and pruning: the registration round shared by the 2023 registration
 * mechanism (registration.ts, legacy burn) and the dTAO one (dtao/neuron-registration.ts, Jan-2026
 * burn). Each era brings its own burn price and payment; the round itself is the same
 * (spec §11.3; subtensor `subnets/registration.rs :: do_burned_registration`,
 * `subnets/uids.rs :: get_neuron_to_prune, replace_neuron`). A round at block t, every p blocks:
 *
 *   exit   (exitRound) a registered miner's reward r (TAO/day, smoothed over ~1 day, from
 *          miners.earned_tao) is compared with its running cost c = cost_usd_per_day / price; its
 *          blocks below cost are counted and its strategy decides whether it quits
 *          (MinerEconomics.quits). A miner that quits stops serving and keeps its uid until pruned.
 *          Miners get a day after registering before they are judged.
 *   entry  (enterSubnet) each unregistered miner whose home is subnet s expects
 *              reward = M_s · q / (Q_s − q_out + q)   TAO/day
 *          (M_s = the subnet's miner emission per day in TAO, given by the era; Q_s = Σ quality
 *          served on s; q_out = the quality of the miner it would displace, 0 for an empty slot);
 *          candidates go best expected profit first, at most `maxRegistrations` per subnet; each
 *          decides (MinerEconomics.enters) at the current burn and, if it enters, the era's `pay`
 *          takes the burn (false: it cannot pay, the subnet's round ends).
 *   prune  (pruneSlot) an empty slot if any; else among uids registered for at least `immunity`
 *          blocks the lowest last-epoch emission (the pruning score), ties → the earliest
 *          registration, then the lowest slot — if more than `minNonImmune` uids are outside
 *          immunity; else the same among the immune; −1 when there is none (NoNeuronIdAvailable).
 *          (Era B: minNonImmune = 0. Validators keep their uids: they sit on every subnet here.)
 * A new miner's uid is reset by the consensus model (`replace_neuron`: weights and bond row
 * cleared, others' weights to it zeroed, its bond column masked for a tempo).
 */
import type { SimState } from "../state/state.js";
import type { ColumnKey } from "../state/columns.js";
import type { MinerEconomics } from "../intents.js";
import { BLOCKS_PER_DAY } from "../units.js";

/** The miner columns a registration round reads and writes (either era's mechanism declares them). */
export const MINER_ENTRY_READS: readonly ColumnKey[] = ["miners.subnet", "miners.earned_tao", "miners.quality", "miners.cost_usd_per_day"];
export const MINER_ENTRY_WRITES: readonly ColumnKey[] = [
  "miners.slot", "miners.registered_block", "miners.serving", "miners.last_epoch_tao", "miners.reward_ema_tao_per_day",
  "miners.unprofitable_blocks", "miners.earned_at_round_tao", "subnets.slot_miner",
];

/** Per-run scratch of a registration round (a mechanism's private state). */
export interface EntryScratch {
  /** Candidates (unregistered miners) by home subnet, reused each round. */
  waiting: number[][];
  /** Expected profit per miner (sort key) and its comparator: descending, ties by index. */
  key: Float64Array;
  byKeyDesc: (a: number, b: number) => number;
  /** Each miner's economics hook (its strategy's). */
  economics: MinerEconomics[];
}

export function entryScratch(st: SimState): EntryScratch {
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
}

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

/** The slot to give a newcomer on subnet s at `block`: an empty one, else the prune target (−1: none). */
export function pruneSlot(st: SimState, s: number, block: number, immunity: number, minNonImmune = 0): number {
  const sn = st.subnets;
  const mn = st.miners;
  const K = sn.slots;
  let best = -1;
  let bestImmune = -1;
  let free = 0;
  for (let k = 0; k < K; k++) {
    const j = sn.slot_miner[s * K + k]!;
    if (j < 0) return k;
    if (block - mn.registered_block[j]! >= immunity) {
      free++;
      if (lowerScore(st, s, k, best)) best = k;
    } else if (lowerScore(st, s, k, bestImmune)) bestImmune = k;
  }
  return best >= 0 && free > minNonImmune ? best : bestImmune;
}

/** Exit: smooth each registered miner's reward over the round and let the unprofitable quit. */
export function exitRound(st: SimState, t: number, p: number, price: number, X: EntryScratch): void {
  const mn = st.miners;
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
      if (X.economics[j]!.quits(j, mn.reward_ema_tao_per_day[j]!, cost, mn.unprofitable_blocks[j]!)) mn.serving[j] = 0;
    } else mn.unprofitable_blocks[j] = 0;
  }
}

/** Fill X.waiting with the unregistered miners by home subnet. */
export function gatherCandidates(st: SimState, X: EntryScratch): void {
  const mn = st.miners;
  const waiting = X.waiting;
  for (let s = 0; s < st.subnets.n; s++) waiting[s]!.length = 0;
  for (let j = 0; j < mn.n; j++) if (mn.slot[j]! < 0) waiting[mn.subnet[j]!]!.push(j);
}

/** How a round's entries on one subnet are priced and paid (the era's part). */
export interface EntryTerms {
  /** The subnet's miner emission per day, TAO. */
  minerTaoPerDay: number;
  /** USD per TAO now (miners' costs are in USD). */
  price: number;
  maxRegistrations: number;
  immunity: number;
  minNonImmune: number;
  /** The current burn price on the subnet, TAO. */
  burn(s: number): number;
  /** Take `burnTao` from the registering miner (false: it cannot pay; the subnet's round ends). */
  pay(s: number, burnTao: number): boolean;
}

/** Entry on subnet s at block t: candidates best expected profit first, each taking a slot if it enters and pays. */
export function enterSubnet(st: SimState, s: number, t: number, terms: EntryTerms, X: EntryScratch): void {
  const sn = st.subnets;
  const mn = st.miners;
  const K = sn.slots;
  const cands = X.waiting[s]!;
  if (cands.length === 0 || K === 0) return;
  const M = terms.minerTaoPerDay;
  const price = terms.price;
  const key = X.key;
  let Q = 0;
  for (let k = 0; k < K; k++) {
    const j = sn.slot_miner[s * K + k]!;
    if (j >= 0 && mn.serving[j]) Q += mn.quality[j]!;
  }
  // Expected profit at the subnet as it stands (ties: the lower index).
  for (const j of cands) key[j] = (M * mn.quality[j]!) / Math.max(1e-300, Q + mn.quality[j]!) - mn.cost_usd_per_day[j]! / price;
  if (cands.length > 1) cands.sort(X.byKeyDesc);
  let made = 0;
  for (const j of cands) {
    if (made >= terms.maxRegistrations) break;
    const k = pruneSlot(st, s, t, terms.immunity, terms.minNonImmune);
    if (k < 0) break;
    const out = sn.slot_miner[s * K + k]!;
    const qOut = out >= 0 && mn.serving[out] ? mn.quality[out]! : 0;
    const q = mn.quality[j]!;
    const denom = Q - qOut + q;
    const reward = denom > 0 ? (M * q) / denom : 0;
    const burn = terms.burn(s);
    if (!X.economics[j]!.enters(j, reward, mn.cost_usd_per_day[j]! / price, burn)) continue;
    if (!terms.pay(s, burn)) break;
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
    made++;
  }
}
