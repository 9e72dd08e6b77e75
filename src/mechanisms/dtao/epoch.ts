/**
 * A dTAO subnet's epoch: drain the pending alpha, run the consensus model, pay miners, validators,
 * their nominators, root stakers and the owner (spec §4.5, §7.1–7.6, §13; subtensor
 * `run_coinbase.rs :: drain_pending, should_run_epoch, distribute_emission,
 * calculate_dividend_distribution, distribute_dividends_and_incentives`).
 *
 * Schedule: every `tempo` blocks (era F; tempo + 1 before), staggered by netuid; at most
 * `max_epochs_per_block` per block, the rest wait a block.
 * Stake weight of validator v on subnet s: S_v = α_{v,s} + w_τ·R_v (its alpha pool's value plus
 * w_τ × its root pool); permits = top-k of S_v. The consensus model (../consensus/) returns
 * incentive I (miner slots) and dividends D (validators), Σ I + Σ D = 1.
 *   E = P_srv + P_val + P_root
 *   miner j           gets P_srv·I_j/ΣI (ΣD = 0: all of E by I; ΣI = 0: validators get P_val + P_srv);
 *                     the chain pays E·I_j/(ΣI + ΣD), the same when the root sell flag is up (I and
 *                     D each sum to 1); while root alpha is recycled that would pay out more alpha
 *                     than was minted, so P_srv is used (alpha is conserved here);
 *                     the owner-controlled share MB of it is recycled (MinerBurned); the miner sells
 *                     sell_frac of what it gets at once, keeps the rest as alpha on its hotkey
 *   validator v       d_v = D_v/ΣD, rs_v = w_τR_v/(α_{v,s} + w_τR_v)
 *                     alpha pay = P_val·d_v(1 − rs_v)/Σ d(1 − rs),  root pay = P_root·d_v·rs_v/Σ d·rs
 *                     take = pay·take_v → the owner's new shares (sell_frac of it sold at once);
 *                     alpha rest → V_{v,s} += rest (every nominator gains pro-rata)
 *                     root rest → eras C/D: sold through the pool without fee at once (claim
 *                     type Swap; all validators' as one order, the TAO shared by their amounts),
 *                     the TAO added to v's root pool (every root nominator of v gains pro-rata);
 *                     eras E, F (claimable_root): added to what v's root stakers are owed,
 *                     c_{v,s} += rest (RootClaimable), and the auto-claim's share of it is sold
 *                     as above: run_auto_claim_root_divs claims n_c = root_claims_per_block of N
 *                     root-staking coldkeys each block, so over the tempo's Δ blocks a coldkey is
 *                     claimed with probability φ = 1 − (1 − n_c/N)^Δ and the pool sells φ·c_{v,s}
 *                     (the expected claim; the rest stays owed, a holder of alpha_out)
 *   owner             P_owner → owner alpha (owner_sell_frac sold at once, none when the cut is
 *                     auto-locked: OwnerCutAutoLockEnabled, dtao.md §3.3)
 *   sales             everything sold at the epoch (owner, miners, validators' owners) is one order
 *                     at the end, after the root claims (the total TAO does not depend on the order)
 * Alpha no modelled holder can take stays outstanding as `unassigned_alpha`.
 * Gaps: claims are the auto-claim's expected share at each epoch (no coldkey is drawn, nobody
 * claims by hand), owed alpha belongs to the root pool (a staker leaving root leaves its part to
 * the others), and claim type Keep (the alpha credited as alpha stake) is not modelled: every
 * claim is a Swap.
 */
import { defineMechanism } from "../mechanism.js";
import { CONSENSUS_MODELS, findConsensusModel, type ConsensusModel } from "../consensus/index.js";
import type { ColumnKey } from "../../state/columns.js";
import type { SimState } from "../../state/state.js";
import { NormalStream } from "../../rng.js";
import { dtaoRules, type CoinbaseRules } from "./coinbase.js";
import { findDtaoEra } from "./eras.js";
import { addToPool, protocolSell, subnetPrice, unstakeFromSubnet } from "./swap.js";

interface EpochPrivate {
  rules: CoinbaseRules;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: ConsensusModel<any>;
  modelState: unknown;
  period: number;
  permit: Uint8Array;
  incentive: Float64Array;
  dividends: Float64Array;
  alphaPart: Float64Array;
  rootPart: Float64Array;
  order: Int32Array;
  due: Int32Array;
  /** Eras E, F: root dividends accrue as claimable alpha, φ of it claimed per epoch. */
  claimable: boolean;
  claimFrac: number;
  driftRng: (NormalStream | undefined)[];
}

function refreshPermits(st: SimState, s: number, P: EpochPrivate): void {
  const v = st.validators;
  const S = st.subnets.n;
  const tw = P.rules.params.tao_weight_frac;
  for (let i = 0; i < v.n; i++) v.total_stake_tao[i] = v.hotkey_alpha[i * S + s]! + tw * v.root_tao[i]!;
  const k = st.compiled.hyper.max_allowed_validators;
  P.permit.fill(0);
  if (v.n <= k) {
    for (let i = 0; i < v.n; i++) P.permit[i] = v.total_stake_tao[i]! > 0 ? 1 : 0;
    return;
  }
  for (let i = 0; i < v.n; i++) P.order[i] = i;
  P.order.sort((a, b) => v.total_stake_tao[b]! - v.total_stake_tao[a]! || a - b);
  for (let r = 0; r < k; r++) {
    const i = P.order[r]!;
    if (v.total_stake_tao[i]! > 0) P.permit[i] = 1;
  }
}

/**
 * The share of what root stakers are owed that the auto-claim takes over `blocks` blocks:
 * φ = 1 − (1 − n_c/N)^blocks (n_c ≥ N: all of it).
 */
export function autoClaimFraction(claimsPerBlock: number, coldkeys: number, blocks: number): number {
  const r = Math.min(1, claimsPerBlock / Math.max(1, coldkeys));
  return r >= 1 ? 1 : -Math.expm1(blocks * Math.log1p(-r));
}

/** Root positions in the run: stakers on root and validators whose owner holds root shares (at least 1). */
export function rootColdkeys(st: SimState): number {
  let n = 0;
  const k = st.stakers;
  for (let i = 0; i < k.n; i++) if (k.subnet[i] === -1 && k.shares[i]! > 0) n++;
  const v = st.validators;
  for (let i = 0; i < v.n; i++) if (v.owner_root_shares[i]! > 0) n++;
  return Math.max(1, n);
}

export function runDtaoEpoch(st: SimState, s: number, block: number, P: EpochPrivate): void {
  const sn = st.subnets;
  const v = st.validators;
  const mn = st.miners;
  const S = sn.n;
  const nV = v.n;
  const tw = P.rules.params.tao_weight_frac;
  const pSrv = sn.pending_server_alpha[s]!;
  let pVal = sn.pending_validator_alpha[s]!;
  let pRoot = sn.pending_root_alpha[s]!;
  const pOwner = sn.pending_owner_alpha[s]!;
  sn.pending_server_alpha[s] = 0;
  sn.pending_validator_alpha[s] = 0;
  sn.pending_root_alpha[s] = 0;
  sn.pending_owner_alpha[s] = 0;
  const price = subnetPrice(st, s);
  sn.interval_emission_tao[s]! += (pSrv + pVal + pRoot + pOwner) * price;
  // Owner cut.
  const ownerSold = P.rules.params.owner_cut_auto_lock ? 0 : pOwner * P.rules.params.owner_sell_frac;
  sn.owner_alpha[s]! += pOwner - ownerSold;
  // What the owner, miners and validators' owners sell at this epoch, sold as one order at the end
  // (the pool's curve makes the total TAO independent of the order of the sales).
  let toSell = ownerSold;
  st.network.owner_cut_tao += pOwner * price;
  let unassigned = 0;
  // Consensus.
  refreshPermits(st, s, P);
  const m = sn.slots;
  const a0 = s * m;
  for (let k = 0; k < m; k++) {
    const j = sn.slot_miner[a0 + k]!;
    if (j < 0 || mn.model[j] !== j) continue;
    const sigma = mn.quality_drift[j]!;
    if (sigma > 0) mn.quality[j] = mn.quality[j]! * Math.exp(sigma * P.driftRng[st.compiled.populations.miners.group[j]!]!.normal() - (sigma * sigma) / 2);
  }
  for (let k = 0; k < m; k++) {
    const j = sn.slot_miner[a0 + k]!;
    if (j >= 0 && mn.model[j] !== j) mn.quality[j] = mn.quality[mn.model[j]!]!;
  }
  P.incentive.fill(0);
  P.dividends.fill(0);
  P.model.shares(st, P.modelState, s, block, P.permit, P.incentive, P.dividends);
  let sumI = 0;
  let sumD = 0;
  for (let k = 0; k < m; k++) sumI += P.incentive[k]!;
  for (let i = 0; i < nV; i++) sumD += P.dividends[i]!;
  const E = pSrv + pVal + pRoot;
  let minerPot: number;
  if (sumI <= 0) {
    // No incentive: validators get the miners' part too (spec §7.1).
    pVal += pSrv;
    minerPot = 0;
  } else if (sumD <= 0) {
    minerPot = E;
    pVal = 0;
    pRoot = 0;
  } else minerPot = pSrv;
  // Miners.
  const burnFrac = Math.min(1, Math.max(0, sn.miner_burned_frac[s]!));
  let minerPaid = 0;
  let burned = 0;
  for (let k = 0; k < m; k++) {
    const j = sn.slot_miner[a0 + k]!;
    const inc = P.incentive[k]!;
    if (j < 0 || !(inc > 0)) {
      if (j >= 0) mn.last_epoch_tao[j] = 0;
      continue;
    }
    const gross = (minerPot * inc) / sumI;
    const own = gross * (1 - burnFrac);
    burned += gross - own;
    minerPaid += gross;
    const sold = own * mn.sell_frac[j]!;
    mn.alpha[j]! += own - sold;
    toSell += sold;
    mn.last_epoch_tao[j] = own * price;
    mn.earned_tao[j]! += own * price;
    mn.interval_earned_tao[j]! += own * price;
  }
  if (sumI > 0) unassigned += minerPot - minerPaid;
  if (burned > 0) {
    sn.alpha_out[s]! -= burned;
    sn.alpha_recycled[s]! += burned;
    sn.interval_recycled_alpha[s]! += burned;
  }
  // Validators: alpha and root parts.
  let sumA = 0;
  let sumR = 0;
  for (let i = 0; i < nV; i++) {
    const d = sumD > 0 ? P.dividends[i]! / sumD : 0;
    const A = v.hotkey_alpha[i * S + s]!;
    const R = tw * v.root_tao[i]!;
    const rs = A + R > 0 ? R / (A + R) : 0;
    P.alphaPart[i] = d * (1 - rs);
    P.rootPart[i] = d * rs;
    sumA += P.alphaPart[i]!;
    sumR += P.rootPart[i]!;
  }
  let rootAlpha = 0;
  let paidV = 0;
  for (let i = 0; i < nV; i++) {
    const alphaPay = sumA > 0 ? (pVal * P.alphaPart[i]!) / sumA : 0;
    const rootPay = sumR > 0 ? (pRoot * P.rootPart[i]!) / sumR : 0;
    if (alphaPay === 0 && rootPay === 0) {
      P.rootPart[i] = 0;
      continue;
    }
    paidV += alphaPay + rootPay;
    const q = i * S + s;
    const take = (alphaPay + rootPay) * v.take_frac[i]!;
    const alphaRest = alphaPay * (1 - v.take_frac[i]!);
    const rootRest = rootPay * (1 - v.take_frac[i]!);
    if (alphaRest > 0) {
      v.hotkey_alpha[q]! += alphaRest;
      sn.interval_alpha_dividends_alpha[s]! += alphaRest;
    }
    const sold = take * v.sell_frac[i]!;
    toSell += sold;
    v.owner_shares[q]! += addToPool(v.hotkey_alpha, v.hotkey_shares, q, take - sold);
    P.rootPart[i] = rootRest;
    rootAlpha += rootRest;
    const value = (alphaPay + rootPay) * price;
    v.earned_tao[i]! += value;
    v.interval_dividends_tao[i]! += value;
    v.interval_take_tao[i]! += take * price;
    v.interval_owner_reward_tao[i]! += take * price;
    // What the hotkey's nominators (the owner's own shares included) gained, in TAO at this price:
    // the alpha rest now; the root rest's TAO once the claims are sold below.
    v.interval_nominator_reward_tao[i]! += alphaRest * price;
  }
  unassigned += pVal + pRoot - paidV;
  if (P.claimable) {
    // The root rests join what each hotkey's root stakers are owed; the auto-claim takes φ of it.
    rootAlpha = 0;
    for (let i = 0; i < nV; i++) {
      const q = i * S + s;
      const owed = v.root_claimable_alpha[q]! + P.rootPart[i]!;
      if (!(owed > 0)) {
        P.rootPart[i] = 0;
        continue;
      }
      const claimed = owed * P.claimFrac;
      v.root_claimable_alpha[q] = owed - claimed;
      P.rootPart[i] = claimed;
      rootAlpha += claimed;
    }
  }
  // Root claims (Swap): the validators' root alpha sold as one order, the TAO shared by their amounts.
  const rootTao = protocolSell(st, s, rootAlpha);
  if (rootTao > 0)
    for (let i = 0; i < nV; i++) {
      if (!(P.rootPart[i]! > 0)) continue;
      const tao = (rootTao * P.rootPart[i]!) / rootAlpha;
      v.root_tao[i]! += tao;
      v.interval_nominator_reward_tao[i]! += tao;
    }
  if (toSell > 0) unstakeFromSubnet(st, s, toSell, P.rules.params.swap_fee_frac);
  st.network.root_stake_tao += rootTao;
  st.network.interval_root_dividends_tao += rootTao;
  if (unassigned > 1e-300) sn.unassigned_alpha[s]! += unassigned;
}

const EPOCH_WRITES: ColumnKey[] = [
  "subnets.pending_server_alpha", "subnets.pending_validator_alpha", "subnets.pending_root_alpha", "subnets.pending_owner_alpha",
  "subnets.interval_emission_tao", "subnets.owner_alpha", "subnets.unassigned_alpha", "subnets.alpha_out", "subnets.alpha_recycled",
  "subnets.interval_recycled_alpha", "subnets.interval_alpha_dividends_alpha", "subnets.pool_tao", "subnets.pool_alpha", "subnets.flow_tao", "subnets.protocol_flow_tao", "subnets.next_epoch_block",
  "miners.quality", "miners.alpha", "miners.last_epoch_tao", "miners.earned_tao", "miners.interval_earned_tao",
  "validators.total_stake_tao", "validators.hotkey_alpha", "validators.root_claimable_alpha", "validators.hotkey_shares", "validators.owner_shares", "validators.root_tao",
  "validators.earned_tao", "validators.interval_dividends_tao", "validators.interval_take_tao", "validators.interval_nominator_reward_tao", "validators.interval_owner_reward_tao",
  "network.owner_cut_tao", "network.root_stake_tao", "network.interval_root_dividends_tao", "network.liquid_tao", "network.fees_tao",
];

export const dtaoEpoch = defineMechanism<EpochPrivate>({
  name: "dtao_epoch",
  mirrors: "coinbase/run_coinbase.rs :: drain_pending, should_run_epoch, distribute_emission, calculate_dividend_distribution, distribute_dividends_and_incentives",
  reads: [...new Set<ColumnKey>(["stakers.subnet", "stakers.shares", "validators.owner_root_shares", "subnets.active", "subnets.slot_miner", "subnets.miner_burned_frac", "subnets.pool_weight", "miners.quality_drift", "miners.model", "miners.sell_frac", "validators.take_frac", "validators.sell_frac", ...CONSENSUS_MODELS.flatMap((c) => c.reads)])],
  writes: [...new Set<ColumnKey>([...EPOCH_WRITES, ...CONSENSUS_MODELS.flatMap((c) => c.writes)])],
  params: ["network.consensus", "network.hyperparameters.tempo", "network.dtao.tempo", "network.hyperparameters.max_allowed_validators", "network.dtao.max_epochs_per_block", "network.dtao.owner_sell_frac", "network.dtao.owner_cut_auto_lock", "network.dtao.tao_weight_frac", "network.dtao.swap_fee_frac", "network.dtao.claimable_root", "network.dtao.root_claims_per_block", "network.dtao.root_claim_coldkeys"],
  private: "the consensus model and its state, permits, payout scratch, the quality-drift streams",
  init(st) {
    const model = findConsensusModel(st.compiled.consensus);
    if (!model) throw new Error(`no consensus model "${st.compiled.consensus}"`);
    const era = findDtaoEra(st.compiled.era)!;
    const rules = dtaoRules(st);
    const tempo = rules.params.tempo ?? st.compiled.hyper.tempo;
    const nV = st.validators.n;
    const period = era.tempo_plus_one ? tempo + 1 : tempo;
    const P: EpochPrivate = {
      rules,
      model,
      modelState: undefined,
      period,
      permit: new Uint8Array(nV),
      incentive: new Float64Array(st.subnets.slots),
      dividends: new Float64Array(nV),
      alphaPart: new Float64Array(nV),
      rootPart: new Float64Array(nV),
      order: new Int32Array(nV),
      due: new Int32Array(st.subnets.n),
      claimable: rules.params.claimable_root,
      claimFrac: autoClaimFraction(rules.params.root_claims_per_block, rules.params.root_claim_coldkeys ?? rootColdkeys(st), period),
      driftRng: st.compiled.populations.groups.map((g) => (g.kind === "miners" ? new NormalStream(st.compiled.seed, `behaviour/miners/${g.name}`) : undefined)),
    };
    P.modelState = model.init?.(st);
    const sn = st.subnets;
    const b = st.network.block;
    for (let s = 0; s < sn.n; s++) {
      if (!sn.active[s]) continue;
      // Staggered by netuid (s + 1): the first block after the start with (block − netuid) ≡ 0 mod period.
      const r = (((b - (s + 1)) % P.period) + P.period) % P.period;
      sn.next_epoch_block[s] = b + (P.period - r);
    }
    return P;
  },
  close(st, P) {
    P.model.close?.(st, P.modelState);
  },
  nextBlock(st) {
    let t = Infinity;
    const nb = st.subnets.next_epoch_block;
    for (let s = 0; s < nb.length; s++) if (nb[s]! < t) t = nb[s]!;
    return t;
  },
  step(st, t, P) {
    const nb = st.subnets.next_epoch_block;
    let ran = 0;
    const max = P.rules.params.max_epochs_per_block;
    for (let s = 0; s < nb.length; s++) {
      if (!(nb[s]! <= t)) continue;
      if (ran >= max) {
        nb[s] = t + 1;
        continue;
      }
      runDtaoEpoch(st, s, t, P);
      ran++;
      nb[s] = t + P.period;
    }
  },
});
