/**
 * Subnet registration and deregistration (spec mechanics.md §12, §9.5; dtao.md §3.8, D15). Mirrors
 * subtensor (commit 14bc6f9f5) `subnets/subnet.rs :: do_register_network, init_new_network`,
 * `coinbase/root.rs :: get_network_lock_cost, get_network_to_prune, do_dissolve_network,
 * remove_network`, `staking/remove_stake.rs :: destroy_alpha_in_out_stakes` and
 * `staking/stake_utils.rs :: get_median_subnet_alpha_price`.
 *
 * Registrants arrive at `subnet_registrations_per_day` (a Poisson process from the named stream
 * `process/subnet-registrations`, or one every 1/rate days) and wait in a queue. The first in the
 * queue registers at the first block t when
 *     t − NetworkLastLockBlock ≥ NetworkRateLimit                        (network_rate_limit_blocks)
 *     L(t) ≤ subnet_max_lock_tao (if set),  L(t) ≤ liquid TAO            (CannotAffordLockCost)
 *     active < min(SubnetLimit, network.subnets), or a subnet to prune exists
 * with the lock cost (lock-cost.ts)
 *     L(t) = max(min_lock, mult·L_last − (L_last/I)·(t − t_last)),  I = NetworkLockReductionInterval·E/1 TAO,
 *     mult = 2 (1 when NetworkLastLockBlock = 0)
 *
 * Registration at block t (after the block's coinbase and epochs: an extrinsic):
 *   at the limit: dissolve s* = argmin over active s with t ≥ registered_s + NetworkImmunityPeriod of
 *     (p̄_s, registered_s, s)  (lowest EMA price, ties → earliest registered, then lowest netuid)
 *   slot = s* (the netuid is reused), else the lowest free slot
 *   m = median spot price of the other registered subnets with p > 0 (1 if none), taken after the
 *     dissolution and before the new pool exists
 *   the owner pays L from liquid TAO; the new pool (§9.5):
 *     lock_in_pool (Apr 2026 on):  T0 = L, A0 = T0/m                       nothing recycled
 *     before (2025 eras):          T0 = min_lock, A0 = T0 (price 1)        L − T0 recycled
 *   fresh per-subnet state: p̄ = 0 (SubnetMovingPrice removed), alpha issuance A0, no alpha
 *   outstanding, w = ½, no pending emission, no flows; first emission (start_call) at
 *   t + 1 + StartCallDelay, its own EMA warm-up from there; SubnetEmissionEnabled = 0 until
 *   governance enables it `new_subnet_emission_delay_days` later (0: at once); epochs on the
 *   netuid's stagger; the slot's miners re-register at t (the consensus model resets the
 *   subnet's uids, bonds and weights when it sees the new registration block)
 *   NetworkLastLockCost = L, NetworkLastLockBlock = t
 *
 * Dissolution of s (destroy_alpha_in_out_stakes): the pot T_s is shared pro-rata by alpha value
 *     claimants: every hotkey pool's holders (validators' owners, nominators), the root stakers'
 *     unclaimed root dividends (paid into their hotkey's root pool), miners' alpha, the owner's alpha, unmodelled holders' alpha, and the protocol (SubnetProtocolAlpha, plus
 *     SubnetAlphaIn for a subnet registered in the run under lock_in_pool: the chain counts the pool
 *     reserve for subnets registered after TaoInRefundDeploymentBlock, June 2026)
 *     holder c gets T_s·α_c/Σα;  the protocol's share (and the whole pot when Σα = 0) stays in the
 *     subnet account and is recycled (step 9 of destroy_alpha_in_out_stakes); pending emission is
 *     destroyed unpaid; every alpha balance, counter and share pool of s is deleted
 * The chain credits each staker's coldkey free balance. Here: miners', the owner's and unmodelled
 * holders' payouts become liquid TAO; a modelled staker (one position) and a validator's owner
 * put theirs on root through the same validator at once (1:1, no fee): their TAO stays in their
 * portfolio, where their strategy's next review finds it. Gaps: the legacy owner refund
 * (lock − owner emission, subnets registered before NetworkRegistrationStartBlock) is not paid
 * (the owner is not modelled and the refund is ≈ 0 for old subnets); the owner's uid 0 and the
 * subnet's hyperparameters are not modelled per subnet; the slot's miner population and task
 * demand carry over to the new subnet.
 */
import { defineMechanism } from "../mechanism.js";
import type { ColumnKey } from "../../state/columns.js";
import type { SimState } from "../../state/state.js";
import { stream, type Rng } from "../../rng.js";
import { ROOT } from "../../intents.js";
import { resolveDtao, type DtaoParams } from "../../params/dtao.js";
import { findDtaoEra } from "./eras.js";
import { networkLockCostTao } from "./lock-cost.js";
import { addToPool } from "./swap.js";
import { spotPrice } from "./amm.js";

const BLOCKS_PER_DAY = 7200;

/** The era's resolved `network.dtao` and its epoch period (tempo, or tempo + 1 before May 2026). */
export function registryParams(st: SimState): { params: DtaoParams; period: number } {
  const c = st.compiled;
  const era = findDtaoEra(c.era);
  if (!era) throw new Error(`era "${c.era}" is not a dTAO era`);
  const params = resolveDtao(c.scenario.network.dtao, era.rules, c.subnets);
  const tempo = params.tempo ?? c.hyper.tempo;
  return { params, period: era.tempo_plus_one ? tempo + 1 : tempo };
}

/** get_network_lock_cost at block t from the state's last lock (TAO). */
export function lockCostTao(st: SimState, t: number, params: Pick<DtaoParams, "min_lock_tao" | "lock_reduction_interval_blocks">): number {
  const net = st.network;
  return networkLockCostTao({
    min_lock_tao: params.min_lock_tao,
    last_lock_tao: net.last_lock_tao,
    last_lock_block: net.last_lock_block,
    now_block: t,
    reduction_interval_blocks: params.lock_reduction_interval_blocks,
    block_emission_tao: net.supply.block_emission_tao,
    ever_registered: net.last_lock_block > 0,
  });
}

/** get_network_to_prune: the non-immune registered subnet with the lowest EMA price (ties: earliest registered, then lowest index); −1 if none. */
export function subnetToPrune(st: SimState, t: number, immunityBlocks: number): number {
  const sn = st.subnets;
  let best = -1;
  for (let s = 0; s < sn.n; s++) {
    if (!sn.active[s]) continue;
    const reg = sn.registered_block[s]!;
    if (t < reg + immunityBlocks) continue;
    if (best < 0) {
      best = s;
      continue;
    }
    const p = sn.moving_price[s]!;
    const q = sn.moving_price[best]!;
    if (p < q || (p === q && reg < sn.registered_block[best]!)) best = s;
  }
  return best;
}

/** get_median_subnet_alpha_price: the median spot price of registered subnets with a positive price (1 if none). */
export function medianSubnetPrice(st: SimState): number {
  const sn = st.subnets;
  const prices: number[] = [];
  for (let s = 0; s < sn.n; s++) {
    if (!sn.active[s]) continue;
    const p = spotPrice(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!);
    if (p > 0) prices.push(p);
  }
  if (prices.length === 0) return 1;
  prices.sort((a, b) => a - b);
  const k = prices.length;
  return k % 2 === 1 ? prices[(k - 1) / 2]! : (prices[k / 2 - 1]! + prices[k / 2]!) / 2;
}

/** What a dissolution paid out (TAO). */
export interface Dissolution {
  pot_tao: number;
  /** To modelled stakers and validators' owners, restaked on root. */
  root_tao: number;
  /** To liquid balances (miners, the owner, unmodelled holders, dust). */
  liquid_tao: number;
  /** The protocol's share (and an unclaimed pot): recycled. */
  recycled_tao: number;
}

/** destroy_alpha_in_out_stakes + remove_network for subnet s (see the header); the slot is left free. */
export function dissolveSubnet(st: SimState, s: number, params: Pick<DtaoParams, "lock_in_pool">): Dissolution {
  const sn = st.subnets;
  const v = st.validators;
  const k = st.stakers;
  const mn = st.miners;
  const net = st.network;
  const S = sn.n;
  const pot = sn.pool_tao[s]!;
  // Claimants' alpha values.
  let total = 0;
  for (let i = 0; i < v.n; i++) total += v.hotkey_alpha[i * S + s]! + v.root_claimable_alpha[i * S + s]!;
  for (let j = 0; j < mn.n; j++) if (mn.subnet[j] === s) total += mn.alpha[j]!;
  const unmodelled = sn.owner_alpha[s]! + sn.unassigned_alpha[s]!;
  const protocol = sn.protocol_alpha[s]! + (params.lock_in_pool && sn.lock_tao[s]! > 0 ? sn.pool_alpha[s]! : 0);
  total += unmodelled + protocol;
  const rate = total > 0 ? pot / total : 0;
  // Hotkey pools: each holder gets the pool's payout × its shares / the pool's shares, put on root
  // through the same validator; what no modelled holder claims becomes liquid (dust).
  const poolPay = new Float64Array(v.n);
  const poolShares = new Float64Array(v.n);
  let toRoot = 0;
  let toLiquid = 0;
  for (let i = 0; i < v.n; i++) {
    const q = i * S + s;
    const x = v.hotkey_alpha[q]! * rate;
    const D = v.hotkey_shares[q]!;
    poolPay[i] = x;
    poolShares[i] = D;
    const own = x > 0 && D > 0 ? (x * v.owner_shares[q]!) / D : 0;
    if (own > 0) v.owner_root_shares[i]! += addToPool(v.root_tao, v.root_shares, i, own);
    toRoot += own;
    toLiquid += x - own;
    v.hotkey_alpha[q] = 0;
    v.hotkey_shares[q] = 0;
    v.owner_shares[q] = 0;
    // What the hotkey's root stakers were owed on the subnet: its payout to their root pool.
    const owed = v.root_claimable_alpha[q]! * rate;
    v.root_tao[i]! += owed;
    toRoot += owed;
    v.root_claimable_alpha[q] = 0;
  }
  for (let n = 0; n < k.n; n++) {
    if (k.subnet[n] !== s) continue;
    const i = k.validator[n]!;
    const y = poolPay[i]! > 0 && poolShares[i]! > 0 ? (poolPay[i]! * k.shares[n]!) / poolShares[i]! : 0;
    k.subnet[n] = ROOT;
    k.shares[n] = addToPool(v.root_tao, v.root_shares, i, y);
    toRoot += y;
    toLiquid -= y;
  }
  for (let j = 0; j < mn.n; j++) {
    if (mn.subnet[j] !== s) continue;
    toLiquid += mn.alpha[j]! * rate;
    mn.alpha[j] = 0;
  }
  toLiquid += unmodelled * rate;
  const recycled = pot - toRoot - toLiquid;
  net.root_stake_tao += toRoot;
  net.liquid_tao += toLiquid;
  if (recycled !== 0) {
    net.recycled_tao += recycled;
    net.supply.recycle(recycled);
  }
  clearSubnet(st, s);
  net.subnet_dissolutions++;
  net.stake_version++;
  return { pot_tao: pot, root_tao: toRoot, liquid_tao: toLiquid, recycled_tao: recycled };
}

/** Every per-subnet column of s back to an unregistered slot (remove_network). */
function clearSubnet(st: SimState, s: number): void {
  const sn = st.subnets;
  for (const a of [
    sn.pool_tao, sn.pool_alpha, sn.alpha_out, sn.protocol_alpha, sn.unassigned_alpha, sn.owner_alpha, sn.alpha_issued, sn.alpha_recycled,
    sn.moving_price, sn.pending_server_alpha, sn.pending_validator_alpha, sn.pending_root_alpha, sn.pending_owner_alpha, sn.miner_burned_frac,
    sn.flow_tao, sn.flow_ema_tao, sn.protocol_flow_tao, sn.protocol_flow_ema_tao, sn.root_prop_frac, sn.emission_share_frac, sn.lock_tao,
  ]) a[s] = 0;
  sn.pool_weight[s] = 0.5;
  sn.active[s] = 0;
  sn.emission_enabled[s] = 0;
  sn.first_emission_block[s] = Infinity;
  sn.next_epoch_block[s] = Infinity;
}

export interface Registration {
  subnet: number;
  /** The subnet dissolved to make room (−1: a free slot was used). */
  dissolved: number;
  lock_tao: number;
  pool_tao: number;
  pool_alpha: number;
  recycled_tao: number;
}

/** Why a registration could not happen now. */
export type RegistrationRefusal = "rate_limited" | "lock_above_max" | "cannot_afford" | "subnet_limit";

/** Whether a registration could happen at t, or why not (do_register_network's checks, in its order). */
export function registrationRefusal(st: SimState, t: number, params: DtaoParams): RegistrationRefusal | undefined {
  const net = st.network;
  if (net.last_lock_block > 0 && t - net.last_lock_block < params.network_rate_limit_blocks) return "rate_limited";
  if (activeCount(st) >= subnetLimit(st, params) && subnetToPrune(st, t, params.network_immunity_blocks) < 0) return "subnet_limit";
  const lock = lockCostTao(st, t, params);
  if (params.subnet_max_lock_tao !== undefined && lock > params.subnet_max_lock_tao) return "lock_above_max";
  if (!(net.liquid_tao >= lock)) return "cannot_afford";
  return undefined;
}

function activeCount(st: SimState): number {
  let n = 0;
  for (let s = 0; s < st.subnets.n; s++) n += st.subnets.active[s]!;
  return n;
}

function subnetLimit(st: SimState, params: Pick<DtaoParams, "subnet_limit">): number {
  return Math.min(params.subnet_limit, st.subnets.n);
}

/**
 * do_register_network at block t (the caller checked registrationRefusal): dissolve the subnet to
 * prune if at the limit, pay the lock, create the pool and the subnet's fresh state. Returns what
 * happened; `enableAt` receives the block at which the subnet's TAO emission is enabled.
 */
export function registerSubnet(st: SimState, t: number, params: DtaoParams, period: number): Registration {
  const sn = st.subnets;
  const net = st.network;
  let slot = -1;
  let dissolved = -1;
  if (activeCount(st) >= subnetLimit(st, params)) {
    dissolved = subnetToPrune(st, t, params.network_immunity_blocks);
    if (dissolved < 0) throw new Error("registerSubnet: at the subnet limit with nothing to prune (check registrationRefusal first)");
    dissolveSubnet(st, dissolved, params);
    slot = dissolved;
  } else {
    for (let s = 0; s < sn.n && slot < 0; s++) if (!sn.active[s]) slot = s;
  }
  const lock = lockCostTao(st, t, params);
  const median = medianSubnetPrice(st);
  let T0: number;
  let A0: number;
  if (params.lock_in_pool) {
    T0 = lock;
    A0 = T0 / median;
  } else {
    T0 = Math.min(params.min_lock_tao, lock);
    A0 = T0;
  }
  const recycled = lock - T0;
  net.liquid_tao -= lock;
  if (recycled > 0) {
    net.recycled_tao += recycled;
    net.supply.recycle(recycled);
  }
  const s = slot;
  clearSubnet(st, s);
  sn.active[s] = 1;
  sn.registered_block[s] = t;
  sn.lock_tao[s] = lock;
  sn.pool_tao[s] = T0;
  sn.pool_alpha[s] = A0;
  sn.alpha_issued[s] = A0;
  sn.first_emission_block[s] = t + 1 + params.start_call_delay_blocks;
  sn.emission_enabled[s] = params.new_subnet_emission_delay_days > 0 ? 0 : 1;
  const per = st.compiled.dtao_per_subnet?.owner_miner_burn_frac;
  sn.miner_burned_frac[s] = per ? per[s]! : (params.owner_miner_burn_frac as number);
  // The epoch schedule of the netuid's stagger (as dtao_epoch's init): the first block after t
  // with (block − (s + 1)) ≡ 0 mod period.
  const r = (((t - (s + 1)) % period) + period) % period;
  sn.next_epoch_block[s] = t + (period - r);
  // The new neuron burn price (init_new_network: DefaultNeuronBurnCost; here the scenario's
  // `neuron_burn_tao` for the slot) and its counter.
  const perBurn = st.compiled.dtao_per_subnet?.neuron_burn_tao;
  sn.burn_tao[s] = perBurn ? perBurn[s]! : (params.neuron_burn_tao as number);
  sn.registrations[s] = 0;
  // The slot's miners register on the new subnet at t.
  const mn = st.miners;
  for (let x = s * sn.slots; x < (s + 1) * sn.slots; x++) {
    const j = sn.slot_miner[x]!;
    if (j < 0) continue;
    mn.registered_block[j] = t;
    mn.last_epoch_tao[j] = 0;
    mn.last_incentive_frac[j] = NaN;
  }
  net.last_lock_tao = lock;
  net.last_lock_block = t;
  net.subnet_registrations++;
  return { subnet: s, dissolved, lock_tao: lock, pool_tao: T0, pool_alpha: A0, recycled_tao: recycled };
}

interface RegistryPrivate {
  params: DtaoParams;
  period: number;
  rng: Rng | undefined;
  /** Arrival clock (fractional block) and the next arrival's block. */
  clock: number;
  nextArrival: number;
  /** Registrants waiting to register. */
  waiting: number;
  /** Next block to try again while someone waits. */
  retryAt: number;
  /** Per subnet: the block governance enables its TAO emission (Infinity: none pending). */
  enableAt: Float64Array;
}

function drawArrival(P: RegistryPrivate): void {
  const rate = P.params.subnet_registrations_per_day;
  if (!(rate > 0)) {
    P.nextArrival = Infinity;
    return;
  }
  const mean = BLOCKS_PER_DAY / rate;
  P.clock += P.rng ? -Math.log(1 - P.rng()) * mean : mean;
  P.nextArrival = Math.max(Math.floor(P.clock) + 1, 1);
}

/** The first block after t at which the first refusal may have lifted (re-checked then). */
function retryBlock(st: SimState, t: number, P: RegistryPrivate, why: RegistrationRefusal): number {
  const p = P.params;
  const net = st.network;
  let at = t + 1;
  if (why === "rate_limited") at = Math.max(at, net.last_lock_block + p.network_rate_limit_blocks);
  else if (why === "subnet_limit") {
    let first = Infinity;
    const sn = st.subnets;
    for (let s = 0; s < sn.n; s++) if (sn.active[s]) first = Math.min(first, sn.registered_block[s]! + p.network_immunity_blocks);
    at = Math.max(at, Math.ceil(first));
  } else if (why === "lock_above_max") {
    // L falls linearly by L_last/I per block: L(t') ≤ max from t' = t_last + (mult·L_last − max)·I/L_last.
    const I = Math.floor(p.lock_reduction_interval_blocks * net.supply.block_emission_tao);
    const mult = net.last_lock_block > 0 ? 2 : 1;
    const max = p.subnet_max_lock_tao!;
    if (!(I > 0) || max < p.min_lock_tao) return Infinity;
    at = Math.max(at, Math.ceil(net.last_lock_block + ((mult * net.last_lock_tao - max) * I) / net.last_lock_tao));
  } else at = Math.max(at, t + BLOCKS_PER_DAY);
  return at;
}

export const subnetRegistry = defineMechanism<RegistryPrivate>({
  name: "dtao_subnet_registry",
  mirrors: "subnets/subnet.rs :: do_register_network, init_new_network; coinbase/root.rs :: get_network_lock_cost, get_network_to_prune, do_dissolve_network, remove_network; staking/remove_stake.rs :: destroy_alpha_in_out_stakes; staking/stake_utils.rs :: get_median_subnet_alpha_price",
  reads: ["subnets.slot_miner", "miners.subnet", "stakers.validator"],
  writes: [
    "network.subnet_registrations", "network.subnet_dissolutions", "network.last_lock_tao", "network.last_lock_block", "network.lock_cost_tao",
    "network.liquid_tao", "network.root_stake_tao", "network.recycled_tao", "network.supply", "network.stake_version",
    "subnets.active", "subnets.emission_enabled", "subnets.registered_block", "subnets.first_emission_block", "subnets.next_epoch_block",
    "subnets.pool_tao", "subnets.pool_alpha", "subnets.pool_weight", "subnets.alpha_out", "subnets.protocol_alpha", "subnets.unassigned_alpha",
    "subnets.owner_alpha", "subnets.alpha_issued", "subnets.alpha_recycled", "subnets.moving_price", "subnets.pending_server_alpha",
    "subnets.pending_validator_alpha", "subnets.pending_root_alpha", "subnets.pending_owner_alpha", "subnets.miner_burned_frac",
    "subnets.flow_tao", "subnets.flow_ema_tao", "subnets.protocol_flow_tao", "subnets.protocol_flow_ema_tao", "subnets.root_prop_frac",
    "subnets.emission_share_frac", "subnets.lock_tao", "subnets.burn_tao", "subnets.registrations",
    "validators.hotkey_alpha", "validators.root_claimable_alpha", "validators.hotkey_shares", "validators.owner_shares", "validators.root_tao", "validators.root_shares", "validators.owner_root_shares",
    "stakers.subnet", "stakers.shares", "miners.alpha", "miners.registered_block", "miners.last_epoch_tao", "miners.last_incentive_frac",
  ] satisfies ColumnKey[],
  params: [
    "network.dtao.subnet_registrations_per_day", "network.dtao.subnet_registration_process", "network.dtao.subnet_max_lock_tao", "network.dtao.subnet_limit",
    "network.dtao.min_lock_tao", "network.dtao.last_lock_tao", "network.dtao.lock_reduction_interval_blocks", "network.dtao.network_immunity_blocks",
    "network.dtao.network_rate_limit_blocks", "network.dtao.new_subnet_emission_delay_days", "network.dtao.start_call_delay_blocks", "network.dtao.lock_in_pool",
    "network.dtao.neuron_burn_tao",
  ],
  private: "the resolved section, the arrival stream and clock, the waiting registrants, the blocks at which new subnets' emission is enabled",
  init(st) {
    const { params, period } = registryParams(st);
    const net = st.network;
    // The last lock, as paid at the start (a later dTAO era continues the one it finds).
    if (net.last_lock_block === 0 && net.last_lock_tao === 0) {
      net.last_lock_tao = params.last_lock_tao;
      net.last_lock_block = net.block;
    }
    const P: RegistryPrivate = {
      params,
      period,
      rng: params.subnet_registrations_per_day > 0 && params.subnet_registration_process === "poisson" ? stream(st.compiled.seed, "process/subnet-registrations") : undefined,
      clock: net.block,
      nextArrival: Infinity,
      waiting: 0,
      retryAt: Infinity,
      enableAt: new Float64Array(st.subnets.n).fill(Infinity),
    };
    drawArrival(P);
    net.lock_cost_tao = lockCostTao(st, net.block, params);
    return P;
  },
  nextBlock(_st, P) {
    let t = Math.min(P.nextArrival, P.waiting > 0 ? P.retryAt : Infinity);
    for (let s = 0; s < P.enableAt.length; s++) if (P.enableAt[s]! < t) t = P.enableAt[s]!;
    return t;
  },
  step(st, t, P) {
    const sn = st.subnets;
    for (let s = 0; s < sn.n; s++) {
      if (P.enableAt[s]! > t) continue;
      if (sn.active[s]) sn.emission_enabled[s] = 1;
      P.enableAt[s] = Infinity;
    }
    while (P.nextArrival <= t) {
      P.waiting++;
      drawArrival(P);
    }
    P.retryAt = Infinity;
    while (P.waiting > 0) {
      const why = registrationRefusal(st, t, P.params);
      if (why) {
        P.retryAt = retryBlock(st, t, P, why);
        break;
      }
      const r = registerSubnet(st, t, P.params, P.period);
      P.waiting--;
      P.enableAt[r.subnet] = P.params.new_subnet_emission_delay_days > 0 ? t + Math.max(1, Math.round(P.params.new_subnet_emission_delay_days * BLOCKS_PER_DAY)) : Infinity;
    }
    // The cost at this block, for the records (the engine steps every mechanism at every recorded block).
    st.network.lock_cost_tao = lockCostTao(st, t, P.params);
  },
});
