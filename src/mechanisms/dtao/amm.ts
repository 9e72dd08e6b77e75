/**
 * The subnet pool (dTAO AMM), spec §9; swap pallet `pallets/swap/src/pallet/balancer.rs ::
 * calculate_price, update_weights_for_added_liquidity`, `swap_step.rs :: convert_deltas`.
 *
 * A pool holds T TAO and A alpha with quote (TAO-side) weight w; the invariant is A^(1−w)·T^w:
 *     price        p = ((1−w)/w)·T/A                       TAO per alpha (w = ½: T/A)
 *     buy  (TAO in, dT after the fee)    α_out = A·(1 − (T/(T+dT))^(w/(1−w)))     (½: A·dT/(T+dT))
 *     sell (alpha in, dA after the fee)  τ_out = T·(1 − (A/(A+dA))^((1−w)/w))     (½: T·dA/(A+dA))
 *     fee          on the input, fee_frac·x, paid to the block author (not the pool)
 * Emission injection (τ_in, α_in):
 *     balancer  re-weights so the price is unchanged:  w' = T'/(A'·p + T')   (valid w' ∈ [0.01, 0.99];
 *               outside it nothing is injected)
 *     cpmm      w stays ½; an injection off the pool's ratio moves the price (eras C–E: swap v3's
 *               full-range protocol position behaves as x·y = k)
 * Curves are a registry (`network.dtao.amm`); the coinbase and the staking mechanisms call them.
 */

export interface PoolCurve {
  name: string;
  doc: string;
  /** Injections re-weight the pool (a price-preserving injection at w = ½ leaves it as it is). */
  reweights: boolean;
  /** Add (tao, alpha) as emission liquidity to pool s; returns false if refused (nothing added). */
  inject(T: Float64Array, A: Float64Array, W: Float64Array, s: number, tao: number, alpha: number): boolean;
}

export const MIN_POOL_WEIGHT = 0.01;
export const MAX_POOL_WEIGHT = 0.99;

/** Spot price (TAO per alpha). */
export function spotPrice(T: number, A: number, w: number): number {
  if (!(A > 0)) return 0;
  return w === 0.5 ? T / A : ((1 - w) / w) * (T / A);
}

/** Alpha out for `dT` TAO in (after the fee). */
export function alphaForTao(T: number, A: number, w: number, dT: number): number {
  if (!(dT > 0)) return 0;
  if (w === 0.5) return (A * dT) / (T + dT);
  return A * -Math.expm1((w / (1 - w)) * Math.log(T / (T + dT)));
}

/** TAO out for `dA` alpha in (after the fee). */
export function taoForAlpha(T: number, A: number, w: number, dA: number): number {
  if (!(dA > 0)) return 0;
  if (w === 0.5) return (T * dA) / (A + dA);
  return T * -Math.expm1(((1 - w) / w) * Math.log(A / (A + dA)));
}

/** TAO needed (after the fee) to take `alpha` alpha out of the pool (inverse of alphaForTao). */
export function taoForAlphaOut(T: number, A: number, w: number, alpha: number): number {
  if (!(alpha > 0)) return 0;
  if (!(alpha < A)) return Infinity;
  if (w === 0.5) return (T * alpha) / (A - alpha);
  return T * Math.expm1(((1 - w) / w) * -Math.log1p(-alpha / A));
}

export const balancer: PoolCurve = {
  name: "balancer",
  doc: "weighted pool A^(1−w)·T^w; emission injections re-weight it at an unchanged price (era F)",
  reweights: true,
  inject(T, A, W, s, tao, alpha) {
    const t = T[s]! + tao;
    const a = A[s]! + alpha;
    const p = spotPrice(T[s]!, A[s]!, W[s]!);
    // At w = ½ an injection at the pool's own price (τ = α·p, the coinbase's always) keeps w = ½
    // exactly: w' = (T + αp)/(T/w + 2αp) = ½; only float rounding would move it.
    if (W[s] === 0.5 && Math.abs(tao - alpha * p) <= 1e-12 * Math.max(tao, 1e-300)) {
      T[s] = t;
      A[s] = a;
      return true;
    }
    const w = p > 0 ? t / (a * p + t) : 0.5;
    if (!(w >= MIN_POOL_WEIGHT && w <= MAX_POOL_WEIGHT)) return false;
    T[s] = t;
    A[s] = a;
    W[s] = w;
    return true;
  },
};

export const cpmm: PoolCurve = {
  name: "cpmm",
  doc: "constant product x·y = k (w = ½); an injection off the pool's ratio moves the price (eras C–E)",
  reweights: false,
  inject(T, A, _W, s, tao, alpha) {
    T[s] = T[s]! + tao;
    A[s] = A[s]! + alpha;
    return true;
  },
};

export const POOL_CURVES: readonly PoolCurve[] = [cpmm, balancer];

export function findPoolCurve(name: string): PoolCurve | undefined {
  return POOL_CURVES.find((c) => c.name === name);
}
