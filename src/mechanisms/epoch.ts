/**
 * Subnet epoch and payout (era 2023 / B).
 *
 * Mirrors v1.2.4 `coinbase/run_coinbase.rs` (epoch schedule, owner cut) and `epoch/run_epoch.rs ::
 * epoch` (emission split, spec §6.11, §7.7, §14.1):
 *     fires when (block + netuid + 1) mod (tempo + 1) = 0            netuid = s + 1 (0 is root)
 *     P      = PendingEmission_s;  PendingEmission_s ← 0
 *     owner  = P · owner_cut                                     → liquid TAO of the owner coldkey
 *     E      = P − owner
 *     shares = consensus model (mechanisms/consensus.ts): (I_j, D_i)/Σ(I + D), summing to 1
 *     miner j      += E · share_j     (stake on its own hotkey)
 *     validator i  += E · share_i     (PendingdHotkeyEmission, drained to nominators later)
 *     shares all 0 (no consensus) → E is `unassigned` (no modelled holder).
 * Before the shares, the true quality of the subnet's miners with a drift σ > 0 takes one step of
 * a log-normal random walk, q ← q·exp(σz − σ²/2) (mean-preserving), from the miner group's stream.
 * If ΣD = 0 the miners receive all of E, if ΣI = 0 the validators do (spec §7.1). Validator permits
 * (used by the ideal model) are the top `max_allowed_validators` by stake (global TAO stake in
 * this era), recomputed when stakes change.
 */
import { defineMechanism } from "./mechanism.js";
import { CONSENSUS_MODELS, findConsensusModel, type ConsensusModel } from "./consensus/index.js";
import type { ColumnKey } from "../state/columns.js";
import { EPOCH_PARAMS, hyperparameterPaths } from "../params/hyperparameters.js";

function union(...lists: (readonly ColumnKey[])[]): ColumnKey[] {
  return [...new Set(lists.flat())];
}
import type { SimState } from "../state/state.js";
import { NormalStream } from "../rng.js";

interface EpochCache {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: ConsensusModel<any>;
  /** The consensus model's private state. */
  modelState: unknown;
  period: number;
  permit: Uint8Array;
  permitStakeVersion: number;
  incentive: Float64Array;
  dividends: Float64Array;
  order: Int32Array;
  /** Quality-drift stream of each group (indexed by group; miners' groups only). */
  driftRng: (NormalStream | undefined)[];
}


/** First block > `after` with (block + netuid + 1) mod period = 0. */
export function nextEpochBlock(after: number, netuid: number, period: number): number {
  const r = (after + netuid + 1) % period;
  return after + (r === 0 ? period : period - r);
}

function refreshPermits(st: SimState, c: EpochCache): void {
  const v = st.validators;
  for (let i = 0; i < v.n; i++) v.total_stake_tao[i] = v.self_stake_tao[i]! + v.nominated_tao[i]!;
  const k = st.compiled.hyper.max_allowed_validators;
  c.permit.fill(0);
  if (v.n <= k) {
    for (let i = 0; i < v.n; i++) c.permit[i] = v.total_stake_tao[i]! > 0 ? 1 : 0;
  } else {
    for (let i = 0; i < v.n; i++) c.order[i] = i;
    // Highest stake first; on equal stake the lower index wins.
    c.order.sort((a, b) => v.total_stake_tao[b]! - v.total_stake_tao[a]! || a - b);
    for (let r = 0; r < k; r++) {
      const i = c.order[r]!;
      if (v.total_stake_tao[i]! > 0) c.permit[i] = 1;
    }
  }
  c.permitStakeVersion = st.network.stake_version;
}

function runEpoch(st: SimState, s: number, block: number, c: EpochCache): void {
  const sn = st.subnets;
  const net = st.network;
  const P = sn.pending_tao[s]!;
  sn.pending_tao[s] = 0;
  sn.interval_emission_tao[s]! += P;
  const owner = P * st.compiled.hyper.owner_cut_frac;
  net.liquid_tao += owner;
  net.owner_cut_tao += owner;
  const E = P - owner;
  if (st.network.stake_version !== c.permitStakeVersion) refreshPermits(st, c);
  const m = sn.slots;
  const a = s * m;
  const nV = st.validators.n;
  const mn = st.miners;
  for (let k = 0; k < m; k++) {
    const j = sn.slot_miner[a + k]!;
    if (j < 0 || mn.model[j] !== j) continue;
    const sigma = mn.quality_drift[j]!;
    if (sigma > 0) mn.quality[j] = mn.quality[j]! * Math.exp(sigma * c.driftRng[st.compiled.populations.miners.group[j]!]!.normal() - (sigma * sigma) / 2);
  }
  // A sybil model's other uids serve the same model.
  for (let k = 0; k < m; k++) {
    const j = sn.slot_miner[a + k]!;
    if (j >= 0 && mn.model[j] !== j) mn.quality[j] = mn.quality[mn.model[j]!]!;
  }
  c.incentive.fill(0);
  c.dividends.fill(0);
  c.model.shares(st, c.modelState, s, block, c.permit, c.incentive, c.dividends);
  let paid = 0;
  for (let k = 0; k < m; k++) {
    const j = sn.slot_miner[a + k]!;
    if (j < 0) continue;
    const amount = E * c.incentive[k]!;
    mn.last_epoch_tao[j] = amount;
    if (amount === 0) continue;
    mn.stake_tao[j]! += amount;
    mn.earned_tao[j]! += amount;
    mn.interval_earned_tao[j]! += amount;
    paid += amount;
  }
  const v = st.validators;
  for (let i = 0; i < nV; i++) {
    const amount = E * c.dividends[i]!;
    if (amount === 0) continue;
    v.pending_dividends_tao[i]! += amount;
    v.earned_tao[i]! += amount;
    v.interval_dividends_tao[i]! += amount;
    paid += amount;
  }
  // Shares sum to 1 or 0: what is not paid (no consensus, float dust) has no modelled holder.
  net.unassigned_tao += E - paid;
}

export const epoch = defineMechanism<EpochCache>({
  name: "epoch",
  mirrors: "v1.2.4 epoch/run_epoch.rs :: epoch; coinbase/run_coinbase.rs (owner cut, schedule)",
  // Its own columns and those of every consensus model it may call (model-lint checks both).
  reads: union(["subnets.pending_tao", "subnets.slot_miner", "miners.quality_drift", "miners.model", "validators.self_stake_tao", "validators.nominated_tao", "network.stake_version"], ...CONSENSUS_MODELS.map((m) => m.reads)),
  writes: union(["miners.quality", "subnets.pending_tao", "subnets.interval_emission_tao", "miners.last_epoch_tao", "subnets.next_epoch_block", "network.liquid_tao", "network.owner_cut_tao", "network.unassigned_tao", "miners.stake_tao", "miners.earned_tao", "miners.interval_earned_tao", "validators.pending_dividends_tao", "validators.earned_tao", "validators.interval_dividends_tao", "validators.total_stake_tao"], ...CONSENSUS_MODELS.map((m) => m.writes)),
  params: ["network.consensus", ...hyperparameterPaths(EPOCH_PARAMS)],
  // Its own parameters (the choice of consensus model among them) and those of the model chosen.
  paramsUsed: (sc) => {
    const model = findConsensusModel(sc.network.consensus);
    return ["network.consensus", ...hyperparameterPaths(EPOCH_PARAMS), ...(model ? (model.paramsUsed?.(sc) ?? model.params) : [])];
  },
  private: "the consensus model and its private state, validator permits (recomputed when network.stake_version moves), payout scratch, the quality-drift streams",
  init(st) {
    const model = findConsensusModel(st.compiled.consensus);
    if (!model) throw new Error(`no consensus model "${st.compiled.consensus}"`);
    let maxMiners = 0;
    maxMiners = st.subnets.slots;
    const c: EpochCache = {
      model,
      modelState: undefined,
      period: st.compiled.hyper.tempo + 1,
      permit: new Uint8Array(st.validators.n),
      permitStakeVersion: -1,
      incentive: new Float64Array(maxMiners),
      dividends: new Float64Array(st.validators.n),
      order: new Int32Array(st.validators.n),
      driftRng: st.compiled.populations.groups.map((g) => (g.kind === "miners" ? new NormalStream(st.compiled.seed, `behaviour/miners/${g.name}`) : undefined)),
    };
    c.modelState = model.init?.(st);
    for (let s = 0; s < st.subnets.n; s++) st.subnets.next_epoch_block[s] = nextEpochBlock(st.network.block, s + 1, c.period);
    return c;
  },
  close(st, c) {
    c.model.close?.(st, c.modelState);
  },
  nextBlock(st) {
    let t = Infinity;
    const nb = st.subnets.next_epoch_block;
    for (let s = 0; s < nb.length; s++) if (nb[s]! < t) t = nb[s]!;
    return t;
  },
  step(st, t, c) {
    const nb = st.subnets.next_epoch_block;
    for (let s = 0; s < nb.length; s++) {
      if (nb[s] === t) {
        runEpoch(st, s, t, c);
        nb[s] = t + c.period;
      }
    }
  },
});
