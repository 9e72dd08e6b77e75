/**
 * The dTAO coinbase, per block (spec §4, §5; dtao.md §3.1, §3.4–3.6). Mirrors subtensor
 * `coinbase/run_coinbase.rs :: run_coinbase, get_subnet_terms, inject_and_maybe_swap,
 * emit_to_subnets` and `staking/stake_utils.rs :: update_moving_price`.
 *
 * For each block b, with E the block emission at TotalIssuance, f = token.recycle_frac (a share of
 * E recycled at once), R the TAO staked on root and w_τ = tao_weight:
 *     emit    = active subnets whose first emission block ≤ b
 *     share   = share function over emit (p̄, MinerBurned, root_prop, flow EMAs; SubnetEmissionEnabled
 *               = 0 → 0 and renormalised)                                        (shares.ts)
 *     sell    = Σ_emit p̄ > 1                                                     (root sell flag)
 *     per subnet i ∈ emit:
 *       A_i   = alpha_in + alpha_out;  α_em = alpha block emission at A_i       (alpha-issuance.ts)
 *       τ_i   = E(1 − f)·share_i;  p = spot price;  rp⁻ = w_τR/(w_τR + A_i)     (before the mint)
 *       (τ_in, α_in, excess) = injection rule (τ_i, p, α_em, rp⁻)             (injection.ts)
 *       inject (τ_in, α_in) through the pool curve (amm.ts), then buy alpha with the excess (no
 *       fee) → protocol alpha, or recycled under era E's rule
 *       alpha_out += α_em;  owner = α_em·owner_cut;  α' = α_em − owner
 *       rp    = w_τR/(w_τR + alpha_in + alpha_out)                                (after the mint)
 *       pending: owner += owner; server += α'/2; validator += α'/2 − rp·α'/2;
 *                root += rp·α'/2 if sell, else recycled
 *     TAO issued = Σ (τ_in + excess): credit nobody can take is never issued
 *     flow EMAs: ema ← (1 − a)·ema + a·flow per block (users' and the protocol's), flows reset
 *     then, after the block's epochs and trades (the mechanism `moving_prices` for the event
 *     block itself): p̄ ← a_b·min(p, 1) + (1 − a_b)·p̄ with a_b = α·b'/(b' + h), b' = blocks since
 *     the first emission (era C: no cap, a constant)
 * The pending accumulators are drained at each subnet's epoch (epoch.ts). Nothing trades between
 * events, but prices, EMA prices, injections and the root proportion change every block, so the
 * coinbase steps block by block. A run's blocks go through the WebAssembly kernel of this loop
 * (kernels/wasm/coinbase.as.ts; ≈ 22 ns instead of ≈ 33 ns per pool-block) when its state's columns live in the kernel's memory
 * (simulate places them); coinbaseBlock below is the reference the kernel is tested against byte
 * for byte (test/mechanisms/dtao/coinbase-kernel.test.ts) and the fallback.
 */
import { defineMechanism } from "../mechanism.js";
import type { SimState } from "../../state/state.js";
import { DTAO_PATHS, resolveDtao, type DtaoParams } from "../../params/dtao.js";
import { findDtaoEra } from "./eras.js";
import { findShareFunction, type ShareFunction, type ShareInputs, type ShareParams } from "./shares.js";
import { findInjectionRule, type InjectionRule } from "./injection.js";
import { alphaForTao, findPoolCurve, spotPrice, type PoolCurve } from "./amm.js";
import { alphaBlockEmission } from "./alpha-issuance.js";
import { updateFlowEma } from "./flows.js";
import { blocksSinceStart, movingPriceAlpha, updateMovingPrice } from "./moving-price.js";
import { kernelOf, KERNEL_CURVES, KERNEL_SHARE_FUNCTIONS, type CoinbaseKernel } from "./coinbase-kernel.js";

const FIRST_ALPHA_HALVING = 10_500_000;

export interface CoinbaseRules {
  params: DtaoParams;
  share: ShareFunction;
  shareParams: ShareParams;
  injection: InjectionRule;
  curve: PoolCurve;
  owner_cut_frac: number;
  recycle_frac: number;
}

export interface CoinbasePrivate {
  rules: CoinbaseRules;
  emit: Int32Array;
  inputs: ShareInputs;
  /** The state's own columns as share inputs (when every subnet emits). */
  direct: ShareInputs;
  usesFlows: boolean;
  shareOut: Float64Array;
  /** The WebAssembly kernel that runs the block loop, when the state's columns live in it and it knows the rules. */
  kernel?: CoinbaseKernel;
}

/** The rules a run's dTAO mechanisms follow: the era's defaults under `network.dtao`. */
export function dtaoRules(st: SimState): CoinbaseRules {
  const c = st.compiled;
  const era = findDtaoEra(c.era);
  if (!era) throw new Error(`era "${c.era}" is not a dTAO era`);
  const params = resolveDtao(c.scenario.network.dtao, era.rules, c.subnets);
  const share = findShareFunction(params.share_function);
  const injection = findInjectionRule(params.injection);
  const curve = findPoolCurve(params.amm);
  if (!share || !injection || !curve) throw new Error(`unknown dTAO rule: share ${params.share_function}, injection ${params.injection}, amm ${params.amm}`);
  return {
    params,
    share,
    shareParams: { flow_cutoff_tao: params.flow_cutoff_tao, flow_exponent: params.flow_exponent, net_flow: params.net_flow },
    injection,
    curve,
    owner_cut_frac: c.hyper.owner_cut_frac,
    recycle_frac: c.recycle_frac,
  };
}

export function coinbasePrivate(st: SimState): CoinbasePrivate {
  const S = st.subnets.n;
  const sn = st.subnets;
  const f = () => new Float64Array(S);
  const rules = dtaoRules(st);
  return {
    rules,
    usesFlows: (rules.share as { usesFlows?: boolean }).usesFlows === true,
    direct: { n: S, pbar: sn.moving_price, minerBurned_frac: sn.miner_burned_frac, rootProp_frac: sn.root_prop_frac, flowEma_tao: sn.flow_ema_tao, protocolFlowEma_tao: sn.protocol_flow_ema_tao, enabled: sn.emission_enabled },
    emit: new Int32Array(S),
    inputs: { n: 0, pbar: f(), minerBurned_frac: f(), rootProp_frac: f(), flowEma_tao: f(), protocolFlowEma_tao: f(), enabled: new Uint8Array(S) },
    shareOut: f(),
    kernel: kernelFor(st, rules),
  };
}

/** The run's coinbase kernel if it can run these rules on this state (else the TypeScript loop runs). */
function kernelFor(st: SimState, rules: CoinbaseRules): CoinbaseKernel | undefined {
  const k = kernelOf(st.subnets);
  if (!k) return undefined;
  if (!(rules.share.name in KERNEL_SHARE_FUNCTIONS) || !KERNEL_CURVES.includes(rules.curve.name)) return undefined;
  return k;
}

function setKernelRules(k: CoinbaseKernel, P: CoinbasePrivate): void {
  const R = P.rules;
  const p = R.params;
  const b = (x: boolean) => (x ? 1 : 0);
  k.exports.setRules(KERNEL_SHARE_FUNCTIONS[R.share.name]!, b(R.injection.cap_by_root_prop), b(R.injection.buys_excess), b(R.injection.recycle_bought), b(R.curve.reweights), b(P.usesFlows), b(R.shareParams.net_flow), R.owner_cut_frac, R.recycle_frac, p.moving_price_alpha, p.ema_price_halving_blocks, b(p.cap_moving_price), R.shareParams.flow_cutoff_tao, R.shareParams.flow_exponent, p.flow_ema_alpha);
  k.rulesOwner = P;
}

/**
 * Blocks from the state's block + 1 to t in the kernel (each block as coinbaseBlock, the EMA price
 * update for blocks before t). The network's totals and the issuance go in and out of the kernel,
 * which adds to them in coinbaseBlock's order; it stops where issuance reaches a halving threshold,
 * and the supply's block emission is refreshed before it goes on.
 */
function kernelStep(st: SimState, t: number, P: CoinbasePrivate, k: CoinbaseKernel): void {
  if (k.rulesOwner !== P) setKernelRules(k, P);
  const net = st.network;
  const supply = net.supply;
  const S = st.subnets.n;
  const twR = P.rules.params.tao_weight_frac * net.root_stake_tao;
  const x = k.net;
  let b = net.block + 1;
  while (b <= t) {
    x[0] = net.emitted_tao;
    x[1] = net.recycled_tao;
    x[2] = net.chain_buy_tao;
    x[3] = net.interval_chain_buy_tao;
    x[4] = supply.issuance_tao;
    x[5] = net.root_sell_flag;
    b += k.exports.run(S, b, t, supply.block_emission_tao, twR, supply.next_threshold_tao);
    net.emitted_tao = x[0]!;
    net.recycled_tao = x[1]!;
    net.chain_buy_tao = x[2]!;
    net.interval_chain_buy_tao = x[3]!;
    net.root_sell_flag = x[5]!;
    supply.issuance_tao = x[4]!;
    supply.issue(0); // the rate follows a threshold crossed in the last block
  }
}

/** Root proportion w_τR/(w_τR + A), 0 when both are 0. */
export function rootProportion(taoWeightedRoot: number, alphaIssuance: number): number {
  const d = taoWeightedRoot + alphaIssuance;
  return d > 0 ? taoWeightedRoot / d : 0;
}

/** One block of the coinbase (everything but the EMA price update, which runs after the block's trades). */
export function coinbaseBlock(st: SimState, b: number, P: CoinbasePrivate, blockEmissionTao = st.network.supply.block_emission_tao, updatePrices = false): void {
  const sn = st.subnets;
  const net = st.network;
  const R = P.rules;
  const S = sn.n;
  // The emitting set; when it is every subnet (the common case) the share function reads the
  // state's columns directly, otherwise a compact copy.
  let m = 0;
  for (let s = 0; s < S; s++) if (sn.active[s] && sn.first_emission_block[s]! <= b) P.emit[m++] = s;
  let x = P.inputs;
  if (m === S) x = P.direct;
  else {
    for (let k = 0; k < m; k++) {
      const s = P.emit[k]!;
      x.pbar[k] = sn.moving_price[s]!;
      x.minerBurned_frac[k] = sn.miner_burned_frac[s]!;
      x.rootProp_frac[k] = sn.root_prop_frac[s]!;
      x.flowEma_tao[k] = sn.flow_ema_tao[s]!;
      x.protocolFlowEma_tao[k] = sn.protocol_flow_ema_tao[s]!;
      x.enabled[k] = sn.emission_enabled[s]!;
    }
    x.n = m;
  }
  const E = blockEmissionTao;
  const recycledNow = E * R.recycle_frac;
  const Enet = E - recycledNow;
  let spent = 0;
  // Network totals are summed in locals and stored once per block: a number field of the network
  // object written inside the subnet loop costs a heap-number store per subnet.
  let chainBuy = 0;
  if (m > 0) {
    R.share.shares(x, R.shareParams, P.shareOut);
    let sumP = 0;
    for (let k = 0; k < m; k++) sumP += x.pbar[k]!;
    const sell = sumP > 1;
    net.root_sell_flag = sell ? 1 : 0;
    const twR = R.params.tao_weight_frac * net.root_stake_tao;
    const T = sn.pool_tao;
    const A = sn.pool_alpha;
    const W = sn.pool_weight;
    const out = sn.alpha_out;
    const ownerCut = R.owner_cut_frac;
    const injection = R.injection;
    const curve = R.curve;
    const recycleBought = injection.recycle_bought;
    const capByRootProp = injection.cap_by_root_prop;
    const buysExcess = injection.buys_excess;
    const reweights = curve.reweights;
    const usesFlows = P.usesFlows;
    const pbar = sn.moving_price;
    const first = sn.first_emission_block;
    const mAlpha = R.params.moving_price_alpha;
    const hEma = R.params.ema_price_halving_blocks;
    const capEma = R.params.cap_moving_price;
    // The EMA weight a_b depends on the subnet only through its first emission block: computed
    // once for each run of subnets that share it (all of them, on a network started together).
    let aFirst = NaN;
    let aNow = 0;
    for (let k = 0; k < m; k++) {
      const s = P.emit[k]!;
      const share = P.shareOut[k]!;
      sn.emission_share_frac[s] = share;
      const Ts = T[s]!;
      const As = A[s]!;
      const ws = W[s]!;
      const issuance = As + out[s]!;
      const aem = issuance < FIRST_ALPHA_HALVING ? 1 : issuance >= 21e6 ? 0 : alphaBlockEmission(issuance);
      const tau = Enet * share;
      const p = !(As > 0) ? 0 : ws === 0.5 ? Ts / As : spotPrice(Ts, As, ws);
      // Injection terms (injection.ts, the rule's data inlined): α_in ≤ cap.
      const d0 = twR + issuance;
      const cap = capByRootProp ? (d0 > 0 ? (twR / d0) * aem : 0) : aem;
      const want = p > 0 ? tau / p : 0;
      let alphaIn: number;
      let taoIn: number;
      let excess = 0;
      if (want > cap) {
        alphaIn = cap;
        if (buysExcess) {
          taoIn = cap * p;
          excess = tau - taoIn;
        } else taoIn = tau;
      } else {
        alphaIn = want;
        taoIn = p > 0 ? tau : 0;
        if (buysExcess) excess = tau - taoIn;
      }
      if (taoIn > 0 || alphaIn > 0) {
        if (!reweights || (W[s] === 0.5 && Math.abs(taoIn - alphaIn * p) <= 1e-12 * taoIn)) {
          T[s] = Ts + taoIn;
          A[s] = As + alphaIn;
        } else if (!curve.inject(T, A, W, s, taoIn, alphaIn)) {
          // Re-weighting refused: nothing injected, that credit is not issued.
          taoIn = 0;
          alphaIn = 0;
        }
      }
      if (excess > 0) {
        const t1 = T[s]!;
        const a1 = A[s]!;
        const w1 = W[s]!;
        const bought = w1 === 0.5 ? (a1 * excess) / (t1 + excess) : alphaForTao(t1, a1, w1, excess);
        T[s] = t1 + excess;
        A[s] = a1 - bought;
        if (recycleBought) {
          sn.alpha_recycled[s]! += bought;
          sn.interval_recycled_alpha[s]! += bought;
        } else {
          out[s]! += bought;
          sn.protocol_alpha[s]! += bought;
        }
        sn.interval_chain_buy_tao[s]! += excess;
        chainBuy += excess;
      }
      const emitted = taoIn + excess;
      spent += emitted;
      if (usesFlows) sn.protocol_flow_tao[s]! += emitted;
      sn.interval_tao_in_tao[s]! += taoIn;
      sn.interval_alpha_in_alpha[s]! += alphaIn;
      sn.alpha_issued[s]! += alphaIn + aem;
      sn.interval_alpha_out_alpha[s]! += aem;
      // Alpha out and the pending split (rp after the mint: dtao.md §3.1).
      const owner = aem * ownerCut;
      const half = 0.5 * (aem - owner);
      const d1 = twR + A[s]! + out[s]! + aem;
      const rp = d1 > 0 ? twR / d1 : 0;
      sn.root_prop_frac[s] = rp;
      const root = half * rp;
      sn.pending_owner_alpha[s]! += owner;
      sn.pending_server_alpha[s]! += half;
      sn.pending_validator_alpha[s]! += half - root;
      if (sell) {
        sn.pending_root_alpha[s]! += root;
        out[s]! += aem;
      } else {
        out[s]! += aem - root;
        sn.alpha_recycled[s]! += root;
        sn.interval_recycled_alpha[s]! += root;
      }
      // The block's EMA price update, when no trade can follow in this block: moving-price.ts's
      // update inlined (test/mechanisms/dtao/coinbase.test.ts checks it against that module); the
      // share function above already read this block's p̄ values.
      if (updatePrices) {
        const fs = first[s]!;
        if (fs !== aFirst) {
          const age = b - (fs - 1);
          aFirst = fs;
          aNow = hEma > 0 ? (mAlpha * age) / (age + hEma) : mAlpha;
        }
        const a = aNow;
        const t2 = T[s]!;
        const a2 = A[s]!;
        const w2 = W[s]!;
        const p2 = !(a2 > 0) ? 0 : w2 === 0.5 ? t2 / a2 : spotPrice(t2, a2, w2);
        pbar[s] = a * (capEma ? Math.min(p2, 1) : p2) + (1 - a) * pbar[s]!;
      }
    }
  }
  if (chainBuy !== 0) {
    net.chain_buy_tao += chainBuy;
    net.interval_chain_buy_tao += chainBuy;
  }
  net.emitted_tao += spent + recycledNow;
  net.recycled_tao += recycledNow;
  net.supply.issue(spent);
  // Flow EMAs, while a flow rule is in force (dtao.md §3.6: the chain keeps the bookkeeping in
  // every era; the EMAs matter only to a flow rule, and a flow era starts them from what is stored).
  if (!P.usesFlows) {
    sn.flow_tao.fill(0);
    return;
  }
  updateFlowEma(sn.flow_ema_tao, sn.flow_tao, R.params.flow_ema_alpha, S);
  updateFlowEma(sn.protocol_flow_ema_tao, sn.protocol_flow_tao, R.params.flow_ema_alpha, S);
}

/** The EMA price update of block b for every emitting subnet (after the block's trades). */
export function movingPriceBlock(st: SimState, b: number, params: DtaoParams): void {
  const sn = st.subnets;
  const alpha = params.moving_price_alpha;
  const h = params.ema_price_halving_blocks;
  const cap = params.cap_moving_price;
  for (let s = 0; s < sn.n; s++) {
    const first = sn.first_emission_block[s]!;
    if (!sn.active[s] || !(first <= b)) continue;
    const a = h > 0 ? movingPriceAlpha(blocksSinceStart(b, first), alpha, h) : alpha;
    sn.moving_price[s] = updateMovingPrice(sn.moving_price[s]!, spotPrice(sn.pool_tao[s]!, sn.pool_alpha[s]!, sn.pool_weight[s]!), a, cap);
  }
}

const POOL_WRITES = [
  "subnets.pool_tao",
  "subnets.pool_alpha",
  "subnets.pool_weight",
  "subnets.alpha_out",
  "subnets.protocol_alpha",
  "subnets.alpha_issued",
  "subnets.alpha_recycled",
  "subnets.emission_share_frac",
  "subnets.root_prop_frac",
  "subnets.pending_owner_alpha",
  "subnets.pending_server_alpha",
  "subnets.pending_validator_alpha",
  "subnets.pending_root_alpha",
  "subnets.flow_tao",
  "subnets.flow_ema_tao",
  "subnets.protocol_flow_tao",
  "subnets.protocol_flow_ema_tao",
  "subnets.interval_chain_buy_tao",
  "subnets.interval_tao_in_tao",
  "subnets.interval_alpha_in_alpha",
  "subnets.interval_alpha_out_alpha",
  "subnets.interval_recycled_alpha",
  "network.emitted_tao",
  "network.recycled_tao",
  "network.supply",
  "network.chain_buy_tao",
  "network.interval_chain_buy_tao",
  "network.root_sell_flag",
  "subnets.moving_price",
] as const;

export const dtaoCoinbase = defineMechanism<CoinbasePrivate>({
  name: "dtao_coinbase",
  mirrors: "coinbase/run_coinbase.rs :: run_coinbase, get_subnet_terms, inject_and_maybe_swap, emit_to_subnets; staking/stake_utils.rs :: update_moving_price",
  reads: ["subnets.active", "subnets.first_emission_block", "subnets.miner_burned_frac", "subnets.emission_enabled", "network.root_stake_tao"],
  writes: POOL_WRITES,
  params: ["network.dtao.share_function", "network.dtao.injection", "network.dtao.amm", "network.dtao.tao_weight_frac", "network.dtao.moving_price_alpha", "network.dtao.ema_price_halving_blocks", "network.dtao.cap_moving_price", "network.dtao.flow_cutoff_tao", "network.dtao.flow_exponent", "network.dtao.net_flow", "network.dtao.flow_ema_alpha", "network.hyperparameters.owner_cut_frac"],
  private: "the era's rules (share function, injection cap, pool curve) and per-block scratch",
  init: coinbasePrivate,
  nextBlock: () => Infinity,
  step(st, t, P) {
    // Blocks before the event block in full; the event block's EMA price update runs after its
    // epochs and trades (mechanism moving_prices, last in the pipeline).
    if (P.kernel) return kernelStep(st, t, P, P.kernel);
    const supply = st.network.supply;
    for (let b = st.network.block + 1; b <= t; b++) coinbaseBlock(st, b, P, supply.block_emission_tao, b < t);
  },
});

interface MovingPricesPrivate {
  params: DtaoParams;
  kernel?: CoinbaseKernel;
}

export const dtaoMovingPrices = defineMechanism<MovingPricesPrivate>({
  name: "moving_prices",
  mirrors: "staking/stake_utils.rs :: update_moving_price (for the event block, after its epochs and trades)",
  reads: ["subnets.active", "subnets.first_emission_block", "subnets.pool_tao", "subnets.pool_alpha", "subnets.pool_weight"],
  writes: ["subnets.moving_price"],
  params: ["network.dtao.moving_price_alpha", "network.dtao.ema_price_halving_blocks", "network.dtao.cap_moving_price"],
  init: (st) => {
    const rules = dtaoRules(st);
    return { params: rules.params, kernel: kernelFor(st, rules) };
  },
  nextBlock: () => Infinity,
  step(st, t, { params, kernel }) {
    if (kernel) kernel.exports.movingPrices(st.subnets.n, t, params.moving_price_alpha, params.ema_price_halving_blocks, params.cap_moving_price ? 1 : 0);
    else movingPriceBlock(st, t, params);
  },
});

export { DTAO_PATHS };
