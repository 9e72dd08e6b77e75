/**
 * Subnet emission shares (`EmissionValues` in era A/B): which fraction of each block's emission a
 * subnet accrues. A registry keyed by the scenario's `network.subnet_emission`.
 *
 *   equal   share_s = 1/S                      (era A: values set by sudo; a neutral default)
 *   root    the era-B root network (v1.2.4 `coinbase/root.rs :: root_epoch`, spec §14): every
 *           root_tempo + 1 blocks, at (block + 1) mod (root_tempo + 1) = 0,
 *             members  = the root_max_validators validators with the most TAO stake
 *             S_i      = member stake / Σ member stake
 *             W_ij     = member i's vote over the subnets (its strategy's RootVoter hook,
 *                        agents/weights.ts), each row normalised by its total. Every member sees subnet j's
 *                        value as its miners' mean true quality × max(0, 1 + σz) (σ =
 *                        root_noise_sigma, stream behaviour/root, drawn member by member in stake
 *                        order); an honest member weights by that view, a cartel member puts W_C
 *                        of its row on the subnets where cartel miners hold uids
 *             R_j = Σ_i S_i W_ij;  T_j = Σ_i S_i·[W_ij > 0];  C_j = 1/(1 + e^(−ρ(T_j − κ)))
 *             share_j  = C_j·R_j / Σ_k C_k·R_k
 *           The new shares apply from the root epoch's own block (an event is placed at the
 *           block before, so emission up to it accrues at the old shares). Netuid 0 (root) gets
 *           no weight here, so no emission is left unpaid.
 */
import { defineMechanism, type AnyMechanism } from "./mechanism.js";
import type { RootView, RootVoter } from "../intents.js";
import { hyperparameterPaths, ROOT_PARAMS } from "../params/hyperparameters.js";
import { NormalStream } from "../rng.js";
import type { SimState } from "../state/state.js";

export interface SubnetShareFunction {
  name: string;
  doc: string;
  mechanism: AnyMechanism;
}

const equal: SubnetShareFunction = {
  name: "equal",
  doc: "every subnet gets 1/S of the emission",
  mechanism: defineMechanism({
    name: "subnet_shares/equal",
    mirrors: "era A: EmissionValues set by sudo (equal split)",
    reads: [],
    writes: ["subnets.emission_share_frac"],
    init(st) {
      st.subnets.emission_share_frac.fill(st.subnets.n > 0 ? 1 / st.subnets.n : 0);
    },
    nextBlock: () => Infinity,
    step() {},
  }),
};

interface RootCache {
  rng: NormalStream;
  order: Int32Array;
  members: Int32Array;
  stake: Float64Array;
  /** Descending by stake, ties by index (made once). */
  byStake: (a: number, b: number) => number;
  /** Each validator's root vote hook (its strategy's). */
  voters: RootVoter[];
  view: RootView;
  row: Float64Array;
  rank: Float64Array;
  trust: Float64Array;
}

/** First block > `after` with (block + 1) mod period = 0. */
function nextRootEpoch(after: number, period: number): number {
  const r = (after + 1) % period;
  return after + (r === 0 ? period : period - r);
}

function rootEpoch(st: SimState, c: RootCache): void {
  const hp = st.compiled.hyper;
  const v = st.validators;
  const sn = st.subnets;
  const S = sn.n;
  // Members: the top root_max_validators by total TAO stake (ties: the lower index).
  for (let i = 0; i < v.n; i++) {
    c.order[i] = i;
    c.stake[i] = v.self_stake_tao[i]! + v.nominated_tao[i]!;
  }
  c.order.sort(c.byStake);
  let nMembers = 0;
  let total = 0;
  for (let q = 0; q < Math.min(v.n, hp.root_max_validators); q++) {
    const i = c.order[q]!;
    if (c.stake[i]! > 0) {
      c.members[nMembers++] = i;
      total += c.stake[i]!;
    }
  }
  // Subnet value seen by an honest member: the mean true quality of its miners.
  const value = c.view.value;
  for (let s = 0; s < S; s++) {
    let q = 0;
    let cnt = 0;
    for (let k = s * sn.slots; k < (s + 1) * sn.slots; k++) {
      const j = sn.slot_miner[k]!;
      if (j < 0) continue;
      cnt++;
      if (st.miners.serving[j]) q += st.miners.quality[j]!;
    }
    value[s] = cnt > 0 ? q / cnt : 0;
  }
  c.view.block = st.network.block;
  c.rank.fill(0);
  c.trust.fill(0);
  for (let q = 0; q < nMembers; q++) {
    const i = c.members[q]!;
    const si = c.stake[i]! / total;
    // The member votes (its strategy's hook): a row over the subnets and its total (≤ 0: no vote).
    const rowSum = c.voters[i]!.vote(i, c.view, c.row);
    if (!(rowSum > 0)) continue;
    for (let s = 0; s < S; s++) {
      const w = c.row[s]! / rowSum;
      c.rank[s]! += si * w;
      if (w > 0) c.trust[s]! += si;
    }
  }
  let sum = 0;
  for (let s = 0; s < S; s++) {
    const cons = 1 / (1 + Math.exp(-hp.root_rho * (c.trust[s]! - hp.root_kappa)));
    const x = cons * c.rank[s]!;
    sn.emission_share_frac[s] = x;
    sum += x;
  }
  // No member or no weight: keep the equal split (the chain would pay nothing; see the README).
  for (let s = 0; s < S; s++) sn.emission_share_frac[s] = sum > 0 ? sn.emission_share_frac[s]! / sum : 1 / S;
}

const root: SubnetShareFunction = {
  name: "root",
  doc: "era-B root network: the top validators by stake weight subnets; share ∝ sigmoid(ρ(trust − κ))·rank",
  mechanism: defineMechanism<RootCache>({
    name: "subnet_shares/root",
    mirrors: "v1.2.4 coinbase/root.rs :: root_epoch, get_root_weights (EmissionValues)",
    reads: ["validators.self_stake_tao", "validators.nominated_tao", "validators.group", "miners.quality", "miners.serving", "subnets.slot_miner"],
    writes: ["subnets.emission_share_frac"],
    params: hyperparameterPaths(ROOT_PARAMS),
    private: "the root noise stream, each validator's vote hook, the members' view and scratch rows",
    init(st) {
      const S = st.subnets.n;
      const stake = new Float64Array(st.validators.n);
      const rng = new NormalStream(st.compiled.seed, "behaviour/root");
      const sigma = st.compiled.hyper.root_noise_sigma;
      const value = new Float64Array(S);
      const c: RootCache = {
        rng,
        order: new Int32Array(st.validators.n),
        members: new Int32Array(st.validators.n),
        stake,
        byStake: (a, b) => stake[b]! - stake[a]! || a - b,
        voters: Array.from(st.validators.group, (g) => st.agents.groups[g]!.rootVote!),
        view: {
          block: st.network.block,
          value,
          slots: st.subnets.slots,
          slotMiner: st.subnets.slot_miner,
          // What a member sees of subnet s: its value with relative noise σ (stream behaviour/root).
          observe(out) {
            let total = 0;
            for (let s = 0; s < S; s++) {
              const w = value[s]! * (sigma > 0 ? Math.max(0, 1 + sigma * rng.normal()) : 1);
              out[s] = w;
              total += w;
            }
            return total;
          },
        },
        row: new Float64Array(S),
        rank: new Float64Array(S),
        trust: new Float64Array(S),
      };
      if (S > 0) rootEpoch(st, c);
      return c;
    },
    nextBlock(st) {
      const period = st.compiled.hyper.root_tempo + 1;
      const next = nextRootEpoch(st.network.block, period);
      // The block before a root epoch is an event too: emission up to it accrues at the old shares.
      return next - 1 > st.network.block ? next - 1 : next;
    },
    step(st, t, c) {
      if (st.subnets.n === 0) return;
      const period = st.compiled.hyper.root_tempo + 1;
      if ((t + 1) % period === 0) rootEpoch(st, c);
    },
  }),
};

export const SUBNET_SHARE_FUNCTIONS: readonly SubnetShareFunction[] = [equal, root];

export function findSubnetShareFunction(name: string): SubnetShareFunction | undefined {
  return SUBNET_SHARE_FUNCTIONS.find((f) => f.name === name);
}
