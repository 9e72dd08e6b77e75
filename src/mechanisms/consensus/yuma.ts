/**
 * Consensus model `yuma`: the chain's epoch (yuma/subnet.ts) on a subnet whose uids are the
 * validators (0..V−1, global stake) and the subnet's miners (V.., their own stake). Before every
 * epoch each validator holding a permit sets weights through its strategy's WeightSetter hook
 * (agents/weights.ts: honest with noise, stale, copier, cartel), seeing the subnet through a
 * WeightView: true quality, noisy observations (observation-noise.ts), the consensus of past
 * epochs (weight-history.ts). With commit-reveal (`commit_reveal_epochs` = d > 0) a set takes
 * effect d epochs later, with last_update at the commit block (commit-reveal.ts, spec §13). A new
 * miner in a slot resets its uid (`replace_neuron`). A uid's share is its emission share
 * (I_i + D_i)/Σ, or the chain's stake fallback when Σ = 0.
 */
import type { SimState } from "../../state/state.js";
import type { WeightSetter, WeightView } from "../../intents.js";
import { YumaSubnet } from "../../yuma/subnet.js";
import { yumaSettingsFromHyperparameters } from "../../yuma/settings.js";
import { NormalStream } from "../../rng.js";
import { createNormalFeed } from "../../kernels/noise-feed.js";
import type { ConsensusModel } from "./index.js";
import { hyperparameterPaths, YUMA_PARAMS } from "../../params/hyperparameters.js";
import { servedQuality } from "./served-quality.js";
import { ObservationNoise } from "./observation-noise.js";
import { CommitRevealQueue } from "./commit-reveal.js";
import { WeightHistory } from "./weight-history.js";

interface YumaSubnetRun {
  sub: YumaSubnet;
  stake: Float64Array;
  dests: Int32Array;
  values: Float64Array;
  quality: Float64Array;
  /** Registration block of the miner last seen in each slot. */
  regBlock: Float64Array;
  /** The subnet's registration block when last seen (a new one: a subnet registered in the slot). */
  subnetRegistered: number;
  /** Epochs run so far. */
  epoch: number;
  history: WeightHistory;
  reveal: CommitRevealQueue;
  /** What validators see (one object per subnet, updated every epoch). */
  view: WeightView;
  /** Group slot of the validator setting weights now. */
  group: number;
}

export interface YumaRun {
  subnets: YumaSubnetRun[];
  /** Each validator group's weight hook, by group slot. */
  setters: WeightSetter[];
  noise: ObservationNoise;
  reveal: number;
}

/**
 * Draw the noise of a run's observations on a worker thread when the run may use one and is
 * long enough to repay starting it (the draws are the same either way).
 */
const THREADED_DRAWS = 20_000_000;

export const yuma: ConsensusModel<YumaRun> = {
  name: "yuma",
  doc: "the chain's Yuma Consensus epoch (classic or Yuma3 bonds, liquid alpha); validators set weights by their strategy",
  reads: ["validators.total_stake_tao", "validators.group", "subnets.slot_miner", "subnets.registered_block", "miners.quality", "miners.serving", "miners.stake_tao", "miners.registered_block"],
  writes: ["validators.last_weights_block", "miners.last_incentive_frac"],
  params: hyperparameterPaths(YUMA_PARAMS),
  // Liquid alpha exists only with the Yuma3 bond model (the chain ignores it under classic bonds).
  paramsUsed: (sc) => hyperparameterPaths(YUMA_PARAMS).filter((p) => sc.network.hyperparameters.bond_model === "yuma3" || !p.endsWith(".liquid_alpha")),
  init(st) {
    const c = st.compiled;
    const hp = c.hyper;
    const V = st.validators.n;
    // One weight hook and one random stream per validator group (behaviour/validators/<group>).
    const setters: WeightSetter[] = [];
    const streams: NormalStream[] = [];
    let maxLag = 1;
    const slotOfGroup = new Int32Array(c.populations.groups.length).fill(-1);
    c.populations.groups.forEach((g, gi) => {
      if (g.kind !== "validators") return;
      const setter = st.agents.groups[gi]!.weights!;
      slotOfGroup[gi] = setters.length;
      setters.push(setter);
      streams.push(new NormalStream(c.seed, `behaviour/validators/${g.name}`));
      maxLag = Math.max(maxLag, setter.historyEpochs ?? 1);
    });
    const slot = Int32Array.from(st.validators.group, (gi) => slotOfGroup[gi]!);
    const draws = (c.horizon_blocks / (hp.tempo + 1)) * st.subnets.n * V * st.subnets.slots;
    const threaded = st.runtime.threads >= 2 && draws >= THREADED_DRAWS;
    const feeds = streams.map((x) => createNormalFeed(x, threaded));
    st.runtime.workers_started = (st.runtime.workers_started ?? 0) + feeds.filter((f) => f.threaded).length;
    const settings = yumaSettingsFromHyperparameters(hp);
    const run: YumaRun = { subnets: [], setters, noise: new ObservationNoise(feeds, slot), reveal: hp.commit_reveal_epochs };
    for (let s = 0; s < st.subnets.n; s++) {
      const m = st.subnets.slots;
      const a = s * m;
      const n = Math.max(1, V + m);
      const sub = new YumaSubnet(
        n,
        settings,
        st.network.block,
      );
      const r: YumaSubnetRun = {
        sub,
        stake: new Float64Array(n),
        dests: Int32Array.from({ length: m }, (_, k) => V + k),
        values: sub.weightScratch().subarray(0, m),
        quality: sub.qualityScratch().subarray(0, m),
        regBlock: Float64Array.from({ length: m }, (_, k) => {
          const j = st.subnets.slot_miner[a + k]!;
          return j >= 0 ? st.miners.registered_block[j]! : -Infinity;
        }),
        subnetRegistered: st.subnets.registered_block[s]!,
        epoch: 0,
        history: new WeightHistory(maxLag, m),
        reveal: new CommitRevealQueue(hp.commit_reveal_epochs),
        view: undefined as unknown as WeightView,
        group: 0,
      };
      r.view = {
        block: 0,
        epoch: 0,
        quality: r.quality,
        slotMiner: st.subnets.slot_miner.subarray(a, a + m),
        consensus: (lag) => r.history.get(lag, r.epoch),
        observe(sigma, out) {
          const at = run.noise.drawsFor(r.group, m, sub.stageScratch());
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
    return run;
  },
  close(_st, run) {
    run.noise.close();
  },
  shares(st, run, s, block, _permit, minerShare, validatorShare) {
    const r = run.subnets[s]!;
    const { sub, stake, values } = r;
    const V = st.validators.n;
    const v = st.validators;
    const sn = st.subnets;
    const m = sn.slots;
    const a = s * m;
    // A subnet registered in the slot since the last epoch (dTAO subnet-registry.ts): every uid
    // starts afresh (weights, bonds, permits), with no consensus history or pending commits.
    const registered = sn.registered_block[s]!;
    if (registered !== r.subnetRegistered) {
      r.subnetRegistered = registered;
      for (let u = 0; u < sub.n; u++) sub.register(u, registered);
      r.regBlock.fill(registered);
      r.epoch = 0;
      r.reveal = new CommitRevealQueue(run.reveal);
    }
    for (let i = 0; i < V; i++) stake[i] = v.total_stake_tao[i]!;
    for (let k = 0; k < m; k++) {
      const j = sn.slot_miner[a + k]!;
      stake[V + k] = j >= 0 ? st.miners.stake_tao[j]! : 0;
      r.quality[k] = servedQuality(st, j);
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
      run.noise.begin(sub.permit, V, m);
      for (let i = 0; i < V; i++) {
        if (!sub.permit[i]) continue;
        const g = run.noise.slot[i]!;
        r.group = g;
        if (!run.setters[g]!.set(i, view, values)) continue;
        v.last_weights_block[i] = block;
        if (run.reveal > 0) r.reveal.commit(epoch, i, block, values);
        else sub.setWeightsRange(i, V, m, block);
      }
      run.noise.end();
      // Commit-reveal: sets committed `reveal` epochs ago take effect now (last_update = commit block).
      r.reveal.revealDue(epoch, (i, w, b) => sub.setWeights(i, r.dests, w, b));
    }
    const out = sub.epoch(block);
    r.history.push(epoch, out.consensus.subarray(V, V + m));
    r.epoch = epoch + 1;
    for (let i = 0; i < V; i++) validatorShare[i] = out.emission[i]!;
    for (let k = 0; k < m; k++) {
      minerShare[k] = out.emission[V + k]!;
      const j = sn.slot_miner[a + k]!;
      if (j >= 0) st.miners.last_incentive_frac[j] = out.incentive[V + k]!;
    }
  },
};
