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
 *           (0..V−1, global stake) and the subnet's miners (V.., their own stake). Before every
 *           epoch each validator holding a permit sets weights as its strategy says
 *           (agents/weights.ts: honest with noise, stale, copier, cartel); with commit-reveal
 *           (`commit_reveal_epochs` = d > 0) a set takes effect d epochs later, with last_update
 *           at the commit block (spec §13). A uid's share is its emission share (I_i + D_i)/Σ,
 *           or the chain's stake fallback when Σ = 0.
 */
import type { SimState } from "../state/state.js";
import { YumaSubnet } from "../yuma/subnet.js";
import { findStrategy, type WeightSetter, type WeightView } from "../agents/registry.js";
import { NormalStream } from "../rng.js";
import { createNormalFeed, type NormalFeed } from "../kernels/noise-feed.js";
import { normalizeInPlace } from "../kernels/normalize.js";

export interface ConsensusModel {
  name: string;
  doc: string;
  /** Per-run preparation (optional). */
  init?(st: SimState): void;
  /** Release per-run resources (optional). */
  close?(st: SimState): void;
  /**
   * Fill `minerShare` (one entry per miner slot of subnet s, 0 for an empty slot) and
   * `validatorShare` (one entry per validator) with shares of the epoch's emission that sum to 1
   * over both, or leave all zero when nobody can be paid. `permit` = validators holding a permit.
   */
  shares(st: SimState, s: number, block: number, permit: Uint8Array, minerShare: Float64Array, validatorShare: Float64Array): void;
}


const ideal: ConsensusModel = {
  name: "ideal",
  doc: "honest, noiseless validators and converged bonds: miners paid by true quality, validators by stake",
  shares(st, s, block, permit, minerShare, validatorShare) {
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

interface YumaSubnetRun {
  sub: YumaSubnet;
  stake: Float64Array;
  dests: Int32Array;
  values: Float64Array;
  quality: Float64Array;
  cartelMiner: Uint8Array;
  /** Registration block of the miner last seen in each slot. */
  regBlock: Float64Array;
  /** Epochs run so far. */
  epoch: number;
  /** Ring of the last H consensus vectors on the miners (newest at (epoch − 1) mod H). */
  history: Float64Array[];
  /** Commit-reveal: weight sets waiting to be revealed, by the epoch they take effect. */
  pending: { due: number; validator: number; block: number; values: Float64Array }[];
  /** What validators see (one object per subnet, updated every epoch). */
  view: WeightView;
  /** Group slot of the validator setting weights now. */
  group: number;
}

interface YumaRun {
  subnets: YumaSubnetRun[];
  setters: WeightSetter[];
  /** Each group's observation noise: the normal draws of its stream behaviour/validators/<group>. */
  feeds: NormalFeed[];
  /** Group slot (index into setters/feeds) of each validator. */
  slot: Int32Array;
  reveal: number;
  /** Per group, this subnet-epoch: draws staged (0: none yet), where, and how many used. */
  stagedCount: Int32Array;
  stagedAt: Int32Array;
  used: Int32Array;
  /** Permit holders per group this subnet-epoch. */
  holders: Int32Array;
}

/**
 * Draw the noise of a run's observations on a worker thread when the run may use one and is
 * long enough to repay starting it (the draws are the same either way).
 */
const THREADED_DRAWS = 20_000_000;
const yumaRuns = new WeakMap<SimState, YumaRun>();

const yuma: ConsensusModel = {
  name: "yuma",
  doc: "the chain's Yuma Consensus epoch (classic or Yuma3 bonds, liquid alpha); validators set weights by their strategy",
  init(st) {
    const c = st.compiled;
    const hp = c.hyper;
    const V = st.validators.n;
    // One weight setter and one random stream per validator group (behaviour/validators/<group>).
    const setters: WeightSetter[] = [];
    const streams: NormalStream[] = [];
    let maxLag = 1;
    for (const g of c.populations.groups) {
      if (g.kind !== "validators") continue;
      const def = findStrategy("validators", g.strategy);
      if (!def?.weights) throw new Error(`validator strategy "${g.strategy}" cannot set weights`);
      setters.push(def.weights(g.params as never));
      streams.push(new NormalStream(c.seed, `behaviour/validators/${g.name}`));
      maxLag = Math.max(maxLag, Number((g.params as Record<string, unknown>).lag_epochs ?? 1));
    }
    const slotOfGroup = new Int32Array(c.populations.groups.length).fill(-1);
    let k = 0;
    c.populations.groups.forEach((g, gi) => {
      if (g.kind === "validators") slotOfGroup[gi] = k++;
    });
    const slot = Int32Array.from(st.validators.group, (gi) => slotOfGroup[gi]!);
    const draws = (c.horizon_blocks / (hp.tempo + 1)) * st.subnets.n * V * st.subnets.slots;
    const threaded = st.runtime.threads >= 2 && draws >= THREADED_DRAWS;
    const feeds = streams.map((x) => createNormalFeed(x, threaded));
    st.runtime.workers_started = (st.runtime.workers_started ?? 0) + feeds.filter((f) => f.threaded).length;
    const G = streams.length;
    const run: YumaRun = {
      subnets: [],
      setters,
      feeds,
      slot,
      reveal: hp.commit_reveal_epochs,
      stagedCount: new Int32Array(G),
      stagedAt: new Int32Array(G),
      used: new Int32Array(G),
      holders: new Int32Array(G),
    };
    for (let s = 0; s < st.subnets.n; s++) {
      const m = st.subnets.slots;
      const a = s * m;
      const n = Math.max(1, V + m);
      const sub = new YumaSubnet(
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
      );
      const cartelMiner = new Uint8Array(m);
      for (let k = 0; k < m; k++) {
        const j = st.subnets.slot_miner[a + k]!;
        cartelMiner[k] = j >= 0 ? st.miners.cartel[j]! : 0;
      }
      const r: YumaSubnetRun = {
        sub,
        stake: new Float64Array(n),
        dests: Int32Array.from({ length: m }, (_, k) => V + k),
        values: sub.weightScratch().subarray(0, m),
        quality: sub.qualityScratch().subarray(0, m),
        cartelMiner,
        regBlock: Float64Array.from({ length: m }, (_, k) => {
          const j = st.subnets.slot_miner[a + k]!;
          return j >= 0 ? st.miners.registered_block[j]! : -Infinity;
        }),
        epoch: 0,
        history: Array.from({ length: maxLag }, () => new Float64Array(m)),
        pending: [],
        view: undefined as unknown as WeightView,
        group: 0,
      };
      r.view = {
        block: 0,
        epoch: 0,
        quality: r.quality,
        cartelMiner,
        consensus(lag) {
          const H = r.history.length;
          return lag >= 1 && lag <= H && lag <= r.epoch ? r.history[(r.epoch - lag) % H] : undefined;
        },
        observe(sigma, out) {
          const at = drawsFor(run, r.group, m, sub.stageScratch());
          // In the kernels when `out` is the subnet's weight scratch (the usual case), else here.
          if (out.buffer === r.values.buffer && out.byteOffset === r.values.byteOffset) sub.observe(at, m, sigma);
          else {
            const z = sub.stageScratch();
            for (let j = 0; j < m; j++) out[j] = r.quality[j]! * Math.max(0, 1 + sigma * z[at + j]!);
          }
        },
      };
      run.subnets.push(r);
    }
    yumaRuns.set(st, run);
  },
  close(st) {
    for (const f of yumaRuns.get(st)?.feeds ?? []) f.close();
  },
  shares(st, s, block, _permit, minerShare, validatorShare) {
    const run = yumaRuns.get(st)!;
    const r = run.subnets[s]!;
    const { sub, stake, values } = r;
    const V = st.validators.n;
    const v = st.validators;
    const sn = st.subnets;
    const m = sn.slots;
    const a = s * m;
    for (let i = 0; i < V; i++) stake[i] = v.total_stake_tao[i]!;
    for (let k = 0; k < m; k++) {
      const j = sn.slot_miner[a + k]!;
      stake[V + k] = j >= 0 ? st.miners.stake_tao[j]! : 0;
      r.quality[k] = servedQuality(st, j);
      r.cartelMiner[k] = j >= 0 ? st.miners.cartel[j]! : 0;
      // A new miner in the slot: the chain's replace_neuron (weights to the uid zeroed, bonds masked).
      if (j >= 0 && st.miners.registered_block[j]! > r.regBlock[k]!) {
        r.regBlock[k] = st.miners.registered_block[j]!;
        sub.register(V + k, r.regBlock[k]!);
      }
    }
    sub.setStake(stake);
    const epoch = r.epoch;
    const view = r.view;
    view.block = block;
    view.epoch = epoch;
    // Validators holding a permit set weights (the chain refuses others' non-self weights).
    if (m > 0) {
      run.holders.fill(0);
      for (let i = 0; i < V; i++) if (sub.permit[i]) run.holders[run.slot[i]!]!++;
      let at = 0;
      for (let g = 0; g < run.feeds.length; g++) {
        run.stagedAt[g] = at;
        run.stagedCount[g] = 0;
        run.used[g] = 0;
        at += Math.max(run.holders[g]!, 1) * m;
      }
      for (let i = 0; i < V; i++) {
        if (!sub.permit[i]) continue;
        const g = run.slot[i]!;
        r.group = g;
        if (!run.setters[g]!.set(i, view, values)) continue;
        v.last_weights_block[i] = block;
        if (run.reveal > 0) r.pending.push({ due: epoch + run.reveal, validator: i, block, values: values.slice() });
        else sub.setWeightsRange(i, V, m, block);
      }
      for (let g = 0; g < run.feeds.length; g++) run.feeds[g]!.consume(run.used[g]!);
      // Commit-reveal: sets committed `reveal` epochs ago take effect now (last_update = commit block).
      if (r.pending.length > 0) {
        let keep = 0;
        for (const p of r.pending) {
          if (p.due <= epoch) sub.setWeights(p.validator, r.dests, p.values, p.block);
          else r.pending[keep++] = p;
        }
        r.pending.length = keep;
      }
    }
    const out = sub.epoch(block);
    r.history[epoch % r.history.length]!.set(out.consensus.subarray(V, V + m));
    r.epoch = epoch + 1;
    for (let i = 0; i < V; i++) validatorShare[i] = out.emission[i]!;
    for (let k = 0; k < m; k++) {
      minerShare[k] = out.emission[V + k]!;
      const j = sn.slot_miner[a + k]!;
      if (j >= 0) st.miners.last_incentive_frac[j] = out.incentive[V + k]!;
    }
  },
};

/**
 * Where in the subnet's stage the next m draws of group g's noise are: the first call of the
 * subnet-epoch stages the group's expected draws (one observation per permit holder); a group
 * that draws more restages after consuming what it used.
 */
function drawsFor(run: YumaRun, g: number, m: number, stage: Float64Array): number {
  const cap = Math.max(run.holders[g]!, 1) * m;
  if (run.stagedCount[g] === 0 || run.used[g]! + m > run.stagedCount[g]!) {
    const feed = run.feeds[g]!;
    feed.consume(run.used[g]!);
    run.used[g] = 0;
    feed.peek(cap, stage, run.stagedAt[g]!);
    run.stagedCount[g] = cap;
  }
  const at = run.stagedAt[g]! + run.used[g]!;
  run.used[g] = run.used[g]! + m;
  return at;
}

/** The quality a validator observes from the miner (0 for an empty slot or a miner that quit). */
function servedQuality(st: SimState, j: number): number {
  return j >= 0 && st.miners.serving[j] ? st.miners.quality[j]! : 0;
}

export const CONSENSUS_MODELS: readonly ConsensusModel[] = [ideal, yuma];

export function findConsensusModel(name: string): ConsensusModel | undefined {
  return CONSENSUS_MODELS.find((m) => m.name === name);
}
