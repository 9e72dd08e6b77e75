/**
 * Simulation state: struct-of-arrays, one typed array per column, mutated in place by mechanisms
 * (each declares the columns it writes in mechanisms/index.ts). Amounts are float64 TAO.
 *
 * Conservation (checked by test and by `checkConservation`):
 *   initial_issuance + emitted − recycled = issuance
 *     = liquid + Σ miner stake + Σ validator self stake + Σ staker stake
 *       + Σ subnet pending + Σ validator pending dividends + unassigned
 */
import type { CompiledScenario } from "../scenario/compile.js";
import { SupplyClock } from "../supply/supply.js";

export interface NetworkState {
  /** Last processed block. */
  block: number;
  supply: SupplyClock;
  /** Cumulative gross emission since the start (TAO). */
  emitted_tao: number;
  /** Cumulative TAO recycled out of issuance since the start. */
  recycled_tao: number;
  /** TAO held liquid (not staked): the unstaked part of the initial supply, owner cuts, withdrawn rewards. */
  liquid_tao: number;
  /** Emission paid to holders the scenario does not model (a subnet with no validators, …). */
  unassigned_tao: number;
  /** Cumulative subnet-owner cut paid (TAO). */
  owner_cut_tao: number;
  /** Start of the current recording interval (the interval sums below reset when a row is recorded). */
  interval_start_block: number;
  /** Σ staker (nominator) stake and Σ validator stake (self + nominated) at the interval start. */
  interval_staker_stake_tao: number;
  interval_validator_stake_tao: number;
  /** Registrations and registration burns (TAO, recycled) in the interval. */
  interval_registrations: number;
  interval_burn_tao: number;
}

export interface SubnetState {
  n: number;
  /** Share of block emission (sums to 1 over subnets). */
  emission_share_frac: Float64Array;
  /** TAO accrued since the subnet's last epoch (`PendingEmission`). */
  pending_tao: Float64Array;
  /** Next block at which the subnet's epoch runs. */
  next_epoch_block: Float64Array;
  /**
   * Miner uid slots: every subnet has `slots` of them (uid = validators + k on the subnet);
   * slot_miner[s·slots + k] = the miner in slot k of subnet s, or −1 when empty.
   */
  slots: number;
  slot_miner: Int32Array;
  /** Registration burn price (TAO) and registrations since the last adjustment. */
  burn_tao: Float64Array;
  registrations: Int32Array;
  /** Emission paid at the subnet's epochs in the current recording interval (owner cut included). */
  interval_emission_tao: Float64Array;
}

export interface MinerState {
  n: number;
  /** Home subnet (where it registers). */
  subnet: Int32Array;
  /** Its slot on the home subnet, or −1 while unregistered. */
  slot: Int32Array;
  /** Block of its current registration (NaN while unregistered). */
  registered_block: Float64Array;
  /** 1 while it serves its model (a miner that quit keeps its uid until pruned, serving nothing). */
  serving: Uint8Array;
  /** Emission of its last epoch (the pruning score). */
  last_epoch_tao: Float64Array;
  /** Running cost, USD per day (from the scenario). */
  cost_usd_per_day: Float64Array;
  /** Smoothed reward (TAO/day) and blocks spent below cost, updated each registration round. */
  reward_ema_tao_per_day: Float64Array;
  unprofitable_blocks: Float64Array;
  /** earned_tao at the previous round. */
  earned_at_round_tao: Float64Array;
  quality: Float64Array;
  /** Stake on the miner's own hotkey (mining emission is credited here). */
  stake_tao: Float64Array;
  /** Cumulative emission received. */
  earned_tao: Float64Array;
  /** Emission received in the current recording interval. */
  interval_earned_tao: Float64Array;
  /** σ of the log-change of quality per epoch (strategy column). */
  quality_drift: Float64Array;
  /** 1 = owned by the cartel (strategy column). */
  cartel: Uint8Array;
  /** The model a miner record serves: the index of the model's first uid (itself unless sybil). */
  model: Int32Array;
  /** 1 = one of a sybil model's uids. */
  sybil: Uint8Array;
  /** Incentive share of the miner in its subnet's last epoch (Yuma), or NaN. */
  last_incentive_frac: Float64Array;
}

export interface ValidatorState {
  n: number;
  take_frac: Float64Array;
  /** The owner's own stake on the hotkey. */
  self_stake_tao: Float64Array;
  /** Σ of nominators' stake on the hotkey. */
  nominated_tao: Float64Array;
  /** Validator emission waiting for the next drain (`PendingdHotkeyEmission`). */
  pending_dividends_tao: Float64Array;
  /** Cumulative dividends received by the hotkey (before take and nominator split). */
  earned_tao: Float64Array;
  /** Scratch: total stake (self + nominated) per validator, refreshed by the epoch. */
  total_stake_tao: Float64Array;
  /** Dividends (before take) received in the current recording interval. */
  interval_dividends_tao: Float64Array;
  /** Rewards paid out of the hotkey in the interval: to the owner (take + own share) and to nominators. */
  interval_owner_reward_tao: Float64Array;
  interval_nominator_reward_tao: Float64Array;
  /** The delegate take within the owner's reward. */
  interval_take_tao: Float64Array;
  /** Σ nominated stake and total stake at the interval start. */
  interval_nominated_start_tao: Float64Array;
  interval_stake_start_tao: Float64Array;
  /** Population group index and cartel membership (strategy column). */
  group: Int32Array;
  cartel: Uint8Array;
  /** 1 = copies consensus instead of evaluating (strategy column). */
  copier: Uint8Array;
  /** W_C of a cartel member (strategy column; 0 otherwise). */
  cartel_weight: Float64Array;
  /** EMA over drains of the yield per TAO staked, net of take (what a nominator of this validator earns per drain). */
  yield_ema: Float64Array;
  /** Last block at which the validator set weights on any subnet (−∞: never). */
  last_weights_block: Float64Array;
}

export interface StakerState {
  n: number;
  validator: Int32Array;
  compound: Uint8Array;
  /** Yield chasing (strategy columns): 1 = re-delegates; relative margin needed; daily probability of not reviewing. */
  chase: Uint8Array;
  switch_threshold: Float64Array;
  inertia: Float64Array;
  /** Re-delegations made (cumulative). */
  moves: Int32Array;
  stake_tao: Float64Array;
  /** Cumulative rewards received (restaked or withdrawn). */
  earned_tao: Float64Array;
  /** Rewards received in the current recording interval. */
  interval_reward_tao: Float64Array;
}

export interface SimState {
  readonly compiled: CompiledScenario;
  network: NetworkState;
  subnets: SubnetState;
  miners: MinerState;
  validators: ValidatorState;
  stakers: StakerState;
  /** How the run may execute (not part of the model: results never depend on it). */
  runtime: RunRuntime;
}

export interface RunRuntime {
  /** Threads the run may use (1: this thread only). */
  threads: number;
  /** Worker threads the run started (reported; for tests and the manifest). */
  workers_started?: number;
}

export function createState(c: CompiledScenario, runtime: RunRuntime = { threads: 1 }): SimState {
  const P = c.populations;
  const S = c.subnets;
  // Miner slots: the first `slots` miners of each subnet (in miner order) hold its slots; the rest
  // wait unregistered (only when registration is on; compile checks the capacity otherwise).
  let maxPer = 0;
  const per = new Int32Array(S);
  for (let i = 0; i < P.miners.n; i++) maxPer = Math.max(maxPer, ++per[P.miners.subnet[i]!]!);
  const slots = c.registration ? Math.max(0, c.hyper.max_allowed_uids - P.validators.n) : maxPer;
  const slotMiner = new Int32Array(S * slots).fill(-1);
  const minerSlot = new Int32Array(P.miners.n).fill(-1);
  const regBlock = new Float64Array(P.miners.n).fill(NaN);
  per.fill(0);
  for (let i = 0; i < P.miners.n; i++) {
    const s = P.miners.subnet[i]!;
    const k = per[s]!;
    if (k < slots) {
      slotMiner[s * slots + k] = i;
      minerSlot[i] = k;
      regBlock[i] = c.start_block;
      per[s] = k + 1;
    }
  }

  const nominated = new Float64Array(P.validators.n);
  for (let k = 0; k < P.stakers.n; k++) nominated[P.stakers.validator[k]!]! += P.stakers.stake_tao[k]!;
  let staked = 0;
  for (const a of [P.miners.stake_tao, P.validators.stake_tao, P.stakers.stake_tao]) for (let i = 0; i < a.length; i++) staked += a[i]!;

  const st: SimState = {
    compiled: c,
    network: {
      block: c.start_block,
      supply: new SupplyClock(c.initial_issuance_tao, c.recycle_frac),
      emitted_tao: 0,
      recycled_tao: 0,
      liquid_tao: c.initial_issuance_tao - staked,
      unassigned_tao: 0,
      owner_cut_tao: 0,
      interval_start_block: c.start_block,
      interval_staker_stake_tao: 0,
      interval_validator_stake_tao: 0,
      interval_registrations: 0,
      interval_burn_tao: 0,
    },
    subnets: {
      n: S,
      emission_share_frac: new Float64Array(S),
      pending_tao: new Float64Array(S),
      next_epoch_block: new Float64Array(S).fill(Infinity),
      slots,
      slot_miner: slotMiner,
      burn_tao: new Float64Array(S).fill(c.scenario.network.registration.initial_burn_tao),
      registrations: new Int32Array(S),
      interval_emission_tao: new Float64Array(S),
    },
    miners: {
      n: P.miners.n,
      subnet: P.miners.subnet.slice(),
      slot: minerSlot,
      registered_block: regBlock,
      serving: new Uint8Array(P.miners.n).fill(1),
      last_epoch_tao: new Float64Array(P.miners.n),
      cost_usd_per_day: P.miners.cost_usd_per_day.slice(),
      reward_ema_tao_per_day: new Float64Array(P.miners.n).fill(NaN),
      unprofitable_blocks: new Float64Array(P.miners.n),
      earned_at_round_tao: new Float64Array(P.miners.n),
      quality: P.miners.quality.slice(),
      stake_tao: P.miners.stake_tao.slice(),
      earned_tao: new Float64Array(P.miners.n),
      interval_earned_tao: new Float64Array(P.miners.n),
      quality_drift: P.miners.quality_drift.slice(),
      cartel: P.miners.cartel.slice(),
      model: P.miners.model.slice(),
      sybil: P.miners.sybil.slice(),
      last_incentive_frac: new Float64Array(P.miners.n).fill(NaN),
    },
    validators: {
      n: P.validators.n,
      take_frac: P.validators.take_frac.slice(),
      self_stake_tao: P.validators.stake_tao.slice(),
      nominated_tao: nominated,
      pending_dividends_tao: new Float64Array(P.validators.n),
      earned_tao: new Float64Array(P.validators.n),
      total_stake_tao: new Float64Array(P.validators.n),
      interval_dividends_tao: new Float64Array(P.validators.n),
      interval_owner_reward_tao: new Float64Array(P.validators.n),
      interval_nominator_reward_tao: new Float64Array(P.validators.n),
      interval_take_tao: new Float64Array(P.validators.n),
      interval_nominated_start_tao: new Float64Array(P.validators.n),
      interval_stake_start_tao: new Float64Array(P.validators.n),
      group: P.validators.group.slice(),
      cartel: P.validators.cartel.slice(),
      copier: P.validators.copier.slice(),
      cartel_weight: P.validators.cartel_weight.slice(),
      last_weights_block: new Float64Array(P.validators.n).fill(-Infinity),
      yield_ema: new Float64Array(P.validators.n).fill(NaN),
    },
    stakers: {
      n: P.stakers.n,
      validator: P.stakers.validator.slice(),
      compound: P.stakers.compound.slice(),
      chase: P.stakers.chase.slice(),
      switch_threshold: P.stakers.switch_threshold.slice(),
      inertia: P.stakers.inertia.slice(),
      moves: new Int32Array(P.stakers.n),
      stake_tao: P.stakers.stake_tao.slice(),
      earned_tao: new Float64Array(P.stakers.n),
      interval_reward_tao: new Float64Array(P.stakers.n),
    },
    runtime,
  };
  startInterval(st);
  return st;
}

/** Reset the interval sums (called after each recorded row) and note the stakes they are relative to. */
export function startInterval(st: SimState): void {
  st.network.interval_start_block = st.network.block;
  st.network.interval_registrations = 0;
  st.network.interval_burn_tao = 0;
  st.miners.interval_earned_tao.fill(0);
  st.subnets.interval_emission_tao.fill(0);
  st.stakers.interval_reward_tao.fill(0);
  const v = st.validators;
  v.interval_dividends_tao.fill(0);
  v.interval_owner_reward_tao.fill(0);
  v.interval_nominator_reward_tao.fill(0);
  v.interval_take_tao.fill(0);
  v.interval_nominated_start_tao.set(v.nominated_tao);
  for (let i = 0; i < v.n; i++) v.interval_stake_start_tao[i] = v.self_stake_tao[i]! + v.nominated_tao[i]!;
  st.network.interval_staker_stake_tao = sum(st.stakers.stake_tao);
  st.network.interval_validator_stake_tao = sum(v.self_stake_tao) + sum(v.nominated_tao);
}

export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** Σ TAO staked by modelled agents (miners, validator owners, nominators). */
export function stakedTao(st: SimState): number {
  return sum(st.miners.stake_tao) + sum(st.validators.self_stake_tao) + sum(st.stakers.stake_tao);
}

/** TAO emitted but not yet paid to a holder (subnet pending + hotkey pending). */
export function pendingTao(st: SimState): number {
  return sum(st.subnets.pending_tao) + sum(st.validators.pending_dividends_tao);
}

/** Relative conservation error: |issuance − Σ holdings| / issuance. */
export function conservationError(st: SimState): number {
  const n = st.network;
  const held = n.liquid_tao + stakedTao(st) + pendingTao(st) + n.unassigned_tao;
  const issuance = st.compiled.initial_issuance_tao + n.emitted_tao - n.recycled_tao;
  return Math.max(Math.abs(held - issuance), Math.abs(issuance - n.supply.issuance_tao)) / Math.max(1, issuance);
}
