/**
 * Simulation state: struct-of-arrays, one typed array per column, allocated from the column
 * registry (columns.ts) and mutated in place by the mechanisms that declare the column in their
 * `writes` (the mutation contract: mechanisms/mechanism.ts). Amounts are float64 TAO.
 *
 * Conservation (checked by test and by `checkConservation`):
 *   initial_issuance + emitted − recycled = issuance
 *     = liquid + Σ miner stake + Σ validator self stake + Σ staker stake
 *       + Σ subnet pending + Σ validator pending dividends + unassigned
 */
import type { CompiledScenario } from "./compiled.js";
import type { AgentHooks } from "../intents.js";
import { createAgentHooks } from "../agents/hooks.js";
import { allocate, MINERS, NETWORK, STAKERS, SUBNETS, VALIDATORS, type ColumnKey, type InitContext, type MinerColumns, type NetworkColumns, type StakerColumns, type SubnetColumns, type ValidatorColumns } from "./columns.js";

/** The entities: their columns come from the registry (columns.ts); `n` is the entity count. */
export type NetworkState = NetworkColumns;
export type SubnetState = { n: number; /** miner uid slots per subnet (uid = validators + k on the subnet) */ slots: number } & SubnetColumns;
export type MinerState = { n: number } & MinerColumns;
export type ValidatorState = { n: number } & ValidatorColumns;
export type StakerState = { n: number } & StakerColumns;

export interface SimState {
  readonly compiled: CompiledScenario;
  network: NetworkState;
  subnets: SubnetState;
  miners: MinerState;
  validators: ValidatorState;
  stakers: StakerState;
  /** The agents' decision hooks (built from the strategy registry; mechanisms call them for intents). */
  agents: AgentHooks;
  /** How the run may execute (not part of the model: results never depend on it). */
  runtime: RunRuntime;
}

export interface RunRuntime {
  /** Threads the run may use (1: this thread only). */
  threads: number;
  /** Worker threads the run started (reported; for tests and the manifest). */
  workers_started?: number;
}

/** Allocate a run's state from the column registry, with the agents' hooks from the strategy registry. */
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

  const x: InitContext = { c, slots, slotMiner, minerSlot, registeredBlock: regBlock, nominated, staked };
  const st: SimState = {
    compiled: c,
    network: allocate(NETWORK, x, {}),
    subnets: allocate(SUBNETS, x, { n: S, slots }),
    miners: allocate(MINERS, x, { n: P.miners.n }),
    validators: allocate(VALIDATORS, x, { n: P.validators.n }),
    stakers: allocate(STAKERS, x, { n: P.stakers.n }),
    agents: createAgentHooks(c.populations.groups, {
      seed: c.seed,
      minerCartel: P.miners.cartel,
      paybackDays: c.scenario.network.registration.payback_days,
      patienceDays: c.scenario.network.registration.patience_days,
    }),
    runtime,
  };
  startInterval(st);
  return st;
}

/** Columns the engine itself writes: the time after each event, and the interval start snapshots (startInterval). */
export const ENGINE_WRITES: readonly ColumnKey[] = [
  "network.block",
  "network.interval_start_block",
  "network.interval_staker_stake_tao",
  "network.interval_validator_stake_tao",
  "validators.interval_nominated_start_tao",
  "validators.interval_stake_start_tao",
  "network.interval_root_stake_start_tao",
  "subnets.interval_staked_start_alpha",
  "subnets.interval_price_start",
];

/** Reset the interval sums (called after each recorded row) and note the stakes they are relative to. */
export function startInterval(st: SimState): void {
  st.network.interval_start_block = st.network.block;
  st.network.interval_registrations = 0;
  st.network.interval_burn_tao = 0;
  st.network.interval_chain_buy_tao = 0;
  st.network.interval_root_dividends_tao = 0;
  st.network.interval_root_stake_start_tao = st.network.root_stake_tao;
  const sn = st.subnets;
  for (const a of [sn.interval_tao_in_tao, sn.interval_alpha_in_alpha, sn.interval_alpha_out_alpha, sn.interval_chain_buy_tao, sn.interval_recycled_alpha, sn.interval_alpha_dividends_alpha, sn.interval_neuron_registrations]) a.fill(0);
  const S = sn.n;
  sn.interval_staked_start_alpha.fill(0);
  for (let i = 0; i < st.validators.n; i++) for (let s = 0; s < S; s++) sn.interval_staked_start_alpha[s]! += st.validators.hotkey_alpha[i * S + s]!;
  for (let s = 0; s < S; s++) {
    const T = sn.pool_tao[s]!;
    const A = sn.pool_alpha[s]!;
    const w = sn.pool_weight[s]!;
    sn.interval_price_start[s] = A > 0 ? ((1 - w) / w) * (T / A) : 0;
  }
  st.miners.interval_earned_tao.fill(0);
  st.subnets.interval_emission_tao.fill(0);
  st.stakers.interval_reward_tao.fill(0);
  const v = st.validators;
  v.interval_dividends_tao.fill(0);
  v.interval_owner_reward_tao.fill(0);
  v.interval_nominator_reward_tao.fill(0);
  v.interval_take_tao.fill(0);
  v.interval_nominated_start_tao.set(v.nominated_tao);
  for (let i = 0; i < v.n; i++) v.interval_stake_start_tao[i] = v.self_stake_tao[i]! + v.nominated_tao[i]! + dtaoStakeTao(st, i);
  st.network.interval_staker_stake_tao = sum(st.stakers.stake_tao);
  st.network.interval_validator_stake_tao = sum(v.self_stake_tao) + sum(v.nominated_tao);
}

/**
 * dTAO alpha conservation, the worst relative error over subnets of
 *   issued − recycled = alpha_in + alpha_out                         (issuance)
 *   alpha_out = Σ holders (validators' pools, root stakers' claimable alpha, miners, owner)
 *               + pending + protocol + unassigned
 * relative to the subnet's alpha issuance (0 in the 2023 eras).
 */
export function alphaConservationError(st: SimState): number {
  const sn = st.subnets;
  const S = sn.n;
  const held = new Float64Array(S);
  const v = st.validators;
  for (let i = 0; i < v.n; i++) for (let s = 0; s < S; s++) held[s]! += v.hotkey_alpha[i * S + s]! + v.root_claimable_alpha[i * S + s]!;
  const m = st.miners;
  for (let j = 0; j < m.n; j++) if (m.alpha[j]! !== 0) held[m.subnet[j]!]! += m.alpha[j]!;
  let worst = 0;
  for (let s = 0; s < S; s++) {
    const issuance = sn.pool_alpha[s]! + sn.alpha_out[s]!;
    const scale = Math.max(1, sn.alpha_issued[s]!);
    const e1 = Math.abs(sn.alpha_issued[s]! - sn.alpha_recycled[s]! - issuance);
    const out = held[s]! + sn.owner_alpha[s]! + sn.pending_server_alpha[s]! + sn.pending_validator_alpha[s]! + sn.pending_root_alpha[s]! + sn.pending_owner_alpha[s]! + sn.protocol_alpha[s]! + sn.unassigned_alpha[s]!;
    const e2 = Math.abs(out - sn.alpha_out[s]!);
    worst = Math.max(worst, e1 / scale, e2 / scale);
  }
  return worst;
}

/** dTAO: validator i's root pool and alpha pools at spot prices (0 in the 2023 eras). */
export function dtaoStakeTao(st: SimState, i: number): number {
  const v = st.validators;
  const sn = st.subnets;
  const S = sn.n;
  let x = v.root_tao[i]!;
  for (let s = 0; s < S; s++) {
    const a = v.hotkey_alpha[i * S + s]!;
    if (a === 0 || !(sn.pool_alpha[s]! > 0)) continue;
    const w = sn.pool_weight[s]!;
    x += a * ((1 - w) / w) * (sn.pool_tao[s]! / sn.pool_alpha[s]!);
  }
  return x;
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

/** Relative conservation error: |issuance − Σ holdings| / issuance (dTAO: root stake and pool reserves included). */
export function conservationError(st: SimState): number {
  const n = st.network;
  const held = n.liquid_tao + stakedTao(st) + pendingTao(st) + n.unassigned_tao + n.root_stake_tao + sum(st.subnets.pool_tao);
  const issuance = st.compiled.initial_issuance_tao + n.emitted_tao - n.recycled_tao;
  return Math.max(Math.abs(held - issuance), Math.abs(issuance - n.supply.issuance_tao)) / Math.max(1, issuance);
}
