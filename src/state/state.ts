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
}

export interface SubnetState {
  n: number;
  /** Share of block emission (sums to 1 over subnets). */
  emission_share_frac: Float64Array;
  /** TAO accrued since the subnet's last epoch (`PendingEmission`). */
  pending_tao: Float64Array;
  /** Next block at which the subnet's epoch runs. */
  next_epoch_block: Float64Array;
  /** Miner indices grouped by subnet: miners of subnet s are minerIndex[minerStart[s] .. minerStart[s+1]). */
  miner_start: Int32Array;
  miner_index: Int32Array;
}

export interface MinerState {
  n: number;
  subnet: Int32Array;
  quality: Float64Array;
  /** Stake on the miner's own hotkey (mining emission is credited here). */
  stake_tao: Float64Array;
  /** Cumulative emission received. */
  earned_tao: Float64Array;
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
}

export interface StakerState {
  n: number;
  validator: Int32Array;
  compound: Uint8Array;
  stake_tao: Float64Array;
  /** Cumulative rewards received (restaked or withdrawn). */
  earned_tao: Float64Array;
}

export interface SimState {
  readonly compiled: CompiledScenario;
  network: NetworkState;
  subnets: SubnetState;
  miners: MinerState;
  validators: ValidatorState;
  stakers: StakerState;
}

export function createState(c: CompiledScenario): SimState {
  const P = c.populations;
  const S = c.subnets;
  // Group miners by subnet (counting sort, stable in miner index).
  const minerStart = new Int32Array(S + 1);
  for (let i = 0; i < P.miners.n; i++) minerStart[P.miners.subnet[i]! + 1]!++;
  for (let s = 0; s < S; s++) minerStart[s + 1]! += minerStart[s]!;
  const fill = minerStart.slice(0, S);
  const minerIndex = new Int32Array(P.miners.n);
  for (let i = 0; i < P.miners.n; i++) minerIndex[fill[P.miners.subnet[i]!]!++] = i;

  const nominated = new Float64Array(P.validators.n);
  for (let k = 0; k < P.stakers.n; k++) nominated[P.stakers.validator[k]!]! += P.stakers.stake_tao[k]!;
  let staked = 0;
  for (const a of [P.miners.stake_tao, P.validators.stake_tao, P.stakers.stake_tao]) for (let i = 0; i < a.length; i++) staked += a[i]!;

  return {
    compiled: c,
    network: {
      block: c.start_block,
      supply: new SupplyClock(c.initial_issuance_tao, c.recycle_frac),
      emitted_tao: 0,
      recycled_tao: 0,
      liquid_tao: c.initial_issuance_tao - staked,
      unassigned_tao: 0,
      owner_cut_tao: 0,
    },
    subnets: {
      n: S,
      emission_share_frac: new Float64Array(S),
      pending_tao: new Float64Array(S),
      next_epoch_block: new Float64Array(S).fill(Infinity),
      miner_start: minerStart,
      miner_index: minerIndex,
    },
    miners: {
      n: P.miners.n,
      subnet: P.miners.subnet.slice(),
      quality: P.miners.quality.slice(),
      stake_tao: P.miners.stake_tao.slice(),
      earned_tao: new Float64Array(P.miners.n),
    },
    validators: {
      n: P.validators.n,
      take_frac: P.validators.take_frac.slice(),
      self_stake_tao: P.validators.stake_tao.slice(),
      nominated_tao: nominated,
      pending_dividends_tao: new Float64Array(P.validators.n),
      earned_tao: new Float64Array(P.validators.n),
      total_stake_tao: new Float64Array(P.validators.n),
    },
    stakers: {
      n: P.stakers.n,
      validator: P.stakers.validator.slice(),
      compound: P.stakers.compound.slice(),
      stake_tao: P.stakers.stake_tao.slice(),
      earned_tao: new Float64Array(P.stakers.n),
    },
  };
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
