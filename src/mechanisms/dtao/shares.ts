/**
 * Subnet shares of the TAO block emission, spec §5.1; dtao.md §3.2, targets D11–D13, D17.
 * A registry of share functions (one per era or variant), each filling share_i for the first n
 * emitting subnets; the block's TAO to subnet i is then τ_i = E·share_i.
 *
 * Mirrors subtensor `coinbase/subnet_emissions.rs` (commit 14bc6f9f5):
 *
 *   price_ema            (eras C/D; `get_shares_price_ema`)       share_i = p̄_i / Σ p̄            (Σ p̄ = 0 → 0)
 *   price_ema_burn       (era F, the default; `get_shares`)       raw_i = p̄_i / Σ p̄
 *                                                                  w_i  = raw_i · (1 − min(MB_i, 1))
 *                                                                  share_i = w_i / Σ w,  raw if Σ w = 0
 *   price_ema_root_prop  (F, 22–30 Jun 2026, commit eaadb745a)     w_i  = raw_i · rp_i · (1 − min(MB_i, 1)), else as above
 *   flow                 (era E; `get_shares_flow`, dead code)   S_i  = ema_user_i, or with net_flow
 *                                                                  S_i  = ema_user_i − f·ema_prot_i   if ema_prot_i > 0
 *                                                                       = ema_user_i − ema_prot_i     otherwise
 *                                                                  f    = min(1, Σ⁺ema_user / Σ⁺ema_prot)  (0 if Σ⁺ema_prot = 0)
 *                                                                  L    = max(cutoff, min_i min(S_i, 0))
 *                                                                  z_i  = max(S_i − L, 0)
 *                                                                  share_i = z_i^p / Σ z^p   (`inplace_pow_normalize`)
 *
 * Then, for every function (`get_subnet_block_emissions`): subnets with SubnetEmissionEnabled =
 * false get 0 and the others are divided by the enabled sum (all 0 if that sum is 0). Everything
 * is float64; the chain uses U64F64/I64F64 and, for the flow exponent, a fixed-point exp/ln
 * (within 1 % per D12), which is numerics only.
 */

export interface ShareInputs {
  /** Number of emitting subnets (the first n entries of each array are read). */
  n: number;
  /** SubnetMovingPrice p̄ (TAO per alpha). */
  pbar: Float64Array;
  /** MinerBurned: fraction of last epoch's miner incentive burned/recycled by the owner. */
  minerBurned_frac: Float64Array;
  /** root_proportion rp = w_τ·R/(w_τ·R + A). */
  rootProp_frac: Float64Array;
  /** User TAO-flow EMA (SubnetEmaTaoFlow), TAO per block. */
  flowEma_tao: Float64Array;
  /** Protocol TAO-flow EMA (SubnetEmaProtocolFlow), TAO per block. */
  protocolFlowEma_tao: Float64Array;
  /** SubnetEmissionEnabled; 0 → share 0, renormalised onto the others. */
  enabled: Uint8Array;
}

export interface ShareParams {
  /** TaoFlowCutoff (TAO per block), the lowest allowed lower limit L. Default 0. */
  flow_cutoff_tao: number;
  /** FlowNormExponent p ≥ 1. Default 1. */
  flow_exponent: number;
  /** NetTaoFlowEnabled (from v3.4.0): net user flow against protocol flow. */
  net_flow: boolean;
}

export const DEFAULT_SHARE_PARAMS: Readonly<ShareParams> = Object.freeze({ flow_cutoff_tao: 0, flow_exponent: 1, net_flow: true });

export interface ShareFunction {
  /** True when the function reads the flow EMAs (era E): the engine then keeps the flow accumulators. */
  usesFlows?: boolean;
  name: string;
  doc: string;
  mirrors: string;
  /** Writes share_i into out[0..n): Σ = 1 over enabled subnets, or all 0. */
  shares(x: ShareInputs, p: ShareParams, out: Float64Array): void;
}

/**
 * x_i ← x_i^p / Σ x^p for the first n entries (x ≥ 0), scaled by max(x) first so large flows cannot
 * overflow (as the chain pre-scales). All zero stays all zero. Returns `x`.
 */
export function powNormalizeInPlace(x: Float64Array, p: number, n: number = x.length): Float64Array {
  let max = 0;
  for (let i = 0; i < n; i++) if (x[i]! > max) max = x[i]!;
  if (!(max > 0)) {
    for (let i = 0; i < n; i++) x[i] = 0;
    return x;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]! > 0 ? Math.pow(x[i]! / max, p) : 0;
    x[i] = v;
    sum += v;
  }
  for (let i = 0; i < n; i++) x[i] = x[i]! / sum;
  return x;
}

/** out_i ← out_i / Σ_enabled out for enabled subnets, 0 for disabled ones (a no-op when all are enabled). */
export function applyEmissionEnabledInPlace(out: Float64Array, enabled: Uint8Array, n: number): Float64Array {
  let anyDisabled = false;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (enabled[i]) sum += out[i]!;
    else anyDisabled = true;
  }
  if (!anyDisabled) return out;
  for (let i = 0; i < n; i++) out[i] = enabled[i] && sum > 0 ? out[i]! / sum : 0;
  return out;
}

/** raw_i = p̄_i / Σ p̄ (0 when Σ p̄ = 0). */
function priceShares(x: ShareInputs, out: Float64Array): void {
  let total = 0;
  for (let i = 0; i < x.n; i++) total += x.pbar[i]!;
  for (let i = 0; i < x.n; i++) out[i] = total > 0 ? x.pbar[i]! / total : 0;
}

/** out ← normalise(out_i · factor_i), or leave the raw shares when Σ out_i·factor_i = 0. */
function weightPriceShares(x: ShareInputs, out: Float64Array, factor: (i: number) => number): void {
  let total = 0;
  for (let i = 0; i < x.n; i++) total += out[i]! * factor(i);
  if (!(total > 0)) return; // fallback: the unweighted price shares
  for (let i = 0; i < x.n; i++) out[i] = (out[i]! * factor(i)) / total;
}

const clamp01 = (v: number) => (v > 1 ? 1 : v > 0 ? v : 0);

function defineShareFunction(def: { usesFlows?: boolean; name: string; doc: string; mirrors: string; raw(x: ShareInputs, p: ShareParams, out: Float64Array): void }): ShareFunction {
  return Object.freeze({
    usesFlows: def.usesFlows === true,
    name: def.name,
    doc: def.doc,
    mirrors: def.mirrors,
    shares(x: ShareInputs, p: ShareParams, out: Float64Array): void {
      def.raw(x, p, out);
      applyEmissionEnabledInPlace(out, x.enabled, x.n);
    },
  });
}

const priceEma = defineShareFunction({
  name: "price_ema",
  doc: "eras C/D: share ∝ EMA price p̄ (uncapped EMA in C, capped at 1 in D)",
  mirrors: "coinbase/subnet_emissions.rs :: get_shares_price_ema",
  raw: (x, _p, out) => priceShares(x, out),
});

const priceEmaBurn = defineShareFunction({
  name: "price_ema_burn",
  doc: "era F (default): share ∝ p̄·(1 − min(MinerBurned, 1)), unweighted price shares if that is all zero",
  mirrors: "coinbase/subnet_emissions.rs :: get_shares",
  raw: (x, _p, out) => {
    // priceShares then weightPriceShares with the factor 1 − min(MB, 1), fused: the two
    // normalisations collapse into one, share_i = p̄_i·(1 − MB_i) / Σ_j p̄_j·(1 − MB_j)
    // (every block, every subnet: two passes, one division).
    const n = x.n;
    const pbar = x.pbar;
    const mb = x.minerBurned_frac;
    let total = 0;
    let weighted = 0;
    for (let i = 0; i < n; i++) {
      const p = pbar[i]!;
      total += p;
      weighted += p * (1 - clamp01(mb[i]!));
    }
    if (weighted > 0 && total > 0) {
      const inv = 1 / weighted;
      for (let i = 0; i < n; i++) out[i] = pbar[i]! * (1 - clamp01(mb[i]!)) * inv;
    } else priceShares(x, out);
  },
});

const priceEmaRootProp = defineShareFunction({
  name: "price_ema_root_prop",
  doc: "era F one-week variant (22–30 Jun 2026): share ∝ p̄·rp·(1 − min(MinerBurned, 1)), favouring newer subnets",
  mirrors: "coinbase/subnet_emissions.rs :: get_shares at eaadb745a (removed by bb3591e71)",
  raw: (x, _p, out) => {
    priceShares(x, out);
    weightPriceShares(x, out, (i) => clamp01(x.rootProp_frac[i]!) * (1 - clamp01(x.minerBurned_frac[i]!)));
  },
});

const flow = defineShareFunction({
  usesFlows: true,
  name: "flow",
  doc: "era E (TaoFlow): share ∝ max(EMA net TAO flow − L, 0)^p, L = max(cutoff, min(min flow, 0))",
  mirrors: "coinbase/subnet_emissions.rs :: get_shares_flow, get_lower_limit, inplace_pow_normalize",
  raw: (x, p, out) => {
    const n = x.n;
    // S_i: user EMA, netted against the protocol EMA when net_flow
    let f = 0;
    if (p.net_flow) {
      let userPos = 0;
      let protPos = 0;
      for (let i = 0; i < n; i++) {
        userPos += Math.max(x.flowEma_tao[i]!, 0);
        protPos += Math.max(x.protocolFlowEma_tao[i]!, 0);
      }
      f = protPos > 0 ? Math.min(1, userPos / protPos) : 0;
    }
    for (let i = 0; i < n; i++) {
      const user = x.flowEma_tao[i]!;
      const prot = x.protocolFlowEma_tao[i]!;
      out[i] = p.net_flow ? user - (prot > 0 ? f * prot : prot) : user;
    }
    // L = max(cutoff, min_i min(S_i, 0)); z_i = max(S_i − L, 0)
    let lowest = 0;
    for (let i = 0; i < n; i++) if (out[i]! < lowest) lowest = out[i]!;
    const L = Math.max(p.flow_cutoff_tao, lowest);
    for (let i = 0; i < n; i++) out[i] = out[i]! > L ? out[i]! - L : 0;
    powNormalizeInPlace(out, p.flow_exponent, n);
  },
});

/** Every share function, by name. */
export const SHARE_FUNCTIONS: readonly ShareFunction[] = Object.freeze([priceEma, priceEmaBurn, priceEmaRootProp, flow]);

/** The share function called `name`, or undefined. */
export function findShareFunction(name: string): ShareFunction | undefined {
  return SHARE_FUNCTIONS.find((s) => s.name === name);
}
