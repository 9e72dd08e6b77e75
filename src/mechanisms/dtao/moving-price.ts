/**
 * Subnet EMA price p̄ (`SubnetMovingPrice`), spec §10.
 *
 * Mirrors subtensor `staking/stake_utils.rs :: update_moving_price` (commit 14bc6f9f5), run once per
 * block for every emitting subnet after the coinbase:
 *
 *     b  = current_block − (FirstEmissionBlockNumber − 1)     blocks since `start_call` (b = 1 on the first emission block)
 *     a  = m · b / (b + h)                                    m = SubnetMovingAlpha (3e-6), h = EMAPriceHalvingBlocks (201,600)
 *     p̄ ← a · min(p, 1) + (1 − a) · p̄                         p = spot price (TAO per alpha)
 *
 * The chain divides with `safe_div` (x/0 = 0), so b + h = 0 gives a = 0. The factor b/(b + h) is
 * the warm-up of era D: for b ≪ h the EMA barely moves; for b ≫ h, a → m (half-life ln2/m ≈ 231k blocks).
 *
 * Eras (spec §1):
 *   - D/E/F: warm-up and the cap: `updateMovingPrice(p̄, p, movingPriceAlpha(b), true)`;
 *   - C (v2.0.0): a plain EMA with constant a = m and no cap: `updateMovingPrice(p̄, p, m, false)`.
 *     In the `advance*` functions era C is `{ halvingBlocks: 0, capAtOne: false }`: with h = 0 the
 *     factor b/(b + 0) is 1 for every b ≥ 1, so a = m.
 *
 * Constant spot price over a span (for event-driven stepping): with c = min(p, 1) (or p) and
 * Π = ∏_{b=b0}^{b0+n−1} (1 − a_b),   p̄_n = c + (p̄_0 − c) · Π.
 * Each factor is 1 − m·b/(b+h) = (1 − m)·(b + h′)/(b + h) with h′ = h/(1 − m), so
 *
 *     ln Π = n·ln(1 − m) + [lnΓ(b0 + h′ + n) − lnΓ(b0 + h′)] − [lnΓ(b0 + h + n) − lnΓ(b0 + h)]
 *
 * which `advanceMovingPriceClosedForm` evaluates in O(1) with a Stirling series, written so that
 * the two nearly equal log-gamma differences are subtracted analytically (no cancellation).
 * The chain stores p̄ in I96F32 (resolution 2.3e-10); this module is float64.
 */

/** Mainnet `SubnetMovingAlpha` (3e-6). */
export const SUBNET_MOVING_ALPHA = 3e-6;
/** `EMAPriceHalvingBlocks` default: 201,600 blocks (4 weeks). */
export const EMA_PRICE_HALVING_BLOCKS = 201_600;

/** Per-block EMA weight a = movingAlpha · b/(b + h), with safe_div (b + h = 0 → 0). */
export function movingPriceAlpha(blocksSinceStart: number, movingAlpha = SUBNET_MOVING_ALPHA, halvingBlocks = EMA_PRICE_HALVING_BLOCKS): number {
  const b = Math.max(0, blocksSinceStart);
  const den = b + halvingBlocks;
  return den > 0 ? (movingAlpha * b) / den : 0;
}

/** One block of the EMA: p̄ ← a·min(p, 1) + (1 − a)·p̄ (the min only when capAtOne). */
export function updateMovingPrice(pbar: number, spot: number, a: number, capAtOne: boolean): number {
  const p = capAtOne ? Math.min(spot, 1) : spot;
  return a * p + (1 - a) * pbar;
}

export interface MovingPriceOptions {
  /** SubnetMovingAlpha m (default 3e-6). */
  movingAlpha?: number;
  /** EMAPriceHalvingBlocks h (default 201,600); 0 = no warm-up (era C). */
  halvingBlocks?: number;
  /** Cap the spot at 1.0 before averaging (eras D–F: true; era C: false). Default true. */
  capAtOne?: boolean;
}

/** b for a given block: current_block − (FirstEmissionBlockNumber − 1), saturating at 0 as on chain. */
export function blocksSinceStart(block: number, firstEmissionBlock: number): number {
  return Math.max(0, block - Math.max(0, firstEmissionBlock - 1));
}

/**
 * The exact per-block loop: `blocks` updates at blocks fromBlock, fromBlock+1, … with a constant
 * spot price. Returns p̄ after the last one.
 */
export function advanceMovingPrice(pbar: number, spot: number, firstBlock: number, fromBlock: number, blocks: number, opts: MovingPriceOptions = {}): number {
  const m = opts.movingAlpha ?? SUBNET_MOVING_ALPHA;
  const h = opts.halvingBlocks ?? EMA_PRICE_HALVING_BLOCKS;
  const cap = opts.capAtOne ?? true;
  let x = pbar;
  for (let k = 0; k < blocks; k++) {
    const a = movingPriceAlpha(blocksSinceStart(fromBlock + k, firstBlock), m, h);
    x = updateMovingPrice(x, spot, a, cap);
  }
  return x;
}

/** lnΓ(z + n) − lnΓ(z) − [lnΓ(w + n) − lnΓ(w)] for z = w + d, w ≥ 30, d ≥ 0 (Stirling, difference taken term by term). */
function lnGammaRatioDiff(w: number, d: number, n: number): number {
  const z = w + d;
  // (z − ½)ln(1 + n/z) − (w − ½)ln(1 + n/w)  =  d·ln(1 + n/z) + (w − ½)·ln[(1 + n/z)/(1 + n/w)]
  const t1 = d * Math.log1p(n / z) + (w - 0.5) * Math.log1p((-n * d) / (z * (w + n)));
  // n·ln(z + n) − n·ln(w + n)
  const t2 = n * Math.log1p(d / (w + n));
  // Stirling tail s(x) = 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷)
  const s = (x: number) => {
    const r = 1 / x;
    const r2 = r * r;
    return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
  };
  return t1 + t2 + (s(z + n) - s(z)) - (s(w + n) - s(w));
}

/** ln ∏_{b=b0}^{b0+n−1} (1 − m·b/(b + h)) in O(1) (O(30) for the first blocks of a short warm-up). */
export function logDecayProduct(b0: number, n: number, movingAlpha: number, halvingBlocks: number): number {
  const m = movingAlpha;
  const h = halvingBlocks;
  let L = 0;
  let b = Math.max(0, b0);
  let left = n;
  if (h === 0) {
    if (b === 0 && left > 0) {
      b = 1; // a = 0 at b = 0 (safe_div)
      left--;
    }
    return L + left * Math.log1p(-m);
  }
  // Step the first few blocks while b + h is too small for the asymptotic series.
  while (left > 0 && b + h < 30) {
    L += Math.log1p(-movingPriceAlpha(b, m, h));
    b++;
    left--;
  }
  if (left === 0) return L;
  // h′ − h = h·m/(1 − m), computed directly: as hp − h it would lose ~11 digits to cancellation.
  return L + left * Math.log1p(-m) + lnGammaRatioDiff(b + h, (h * m) / (1 - m), left);
}

/**
 * The same result as `advanceMovingPrice` in O(1): p̄_n = p̄_0·Π + c·(1 − Π), with 1 − Π from expm1
 * so tiny moves (b ≪ h) keep full relative precision. Falls back to the loop when m ≥ 1.
 */
export function advanceMovingPriceClosedForm(pbar: number, spot: number, firstBlock: number, fromBlock: number, blocks: number, opts: MovingPriceOptions = {}): number {
  const m = opts.movingAlpha ?? SUBNET_MOVING_ALPHA;
  const h = opts.halvingBlocks ?? EMA_PRICE_HALVING_BLOCKS;
  const cap = opts.capAtOne ?? true;
  if (blocks <= 0) return pbar;
  if (!(m < 1) || m < 0 || h < 0) return advanceMovingPrice(pbar, spot, firstBlock, fromBlock, blocks, opts);
  const c = cap ? Math.min(spot, 1) : spot;
  // Blocks before start_call saturate to b = 0 (a = 0): they leave p̄ unchanged.
  const start = Math.max(0, firstBlock - 1);
  const skip = Math.min(blocks, Math.max(0, start - fromBlock));
  const L = logDecayProduct(blocksSinceStart(fromBlock + skip, firstBlock), blocks - skip, m, h);
  return pbar * Math.exp(L) - c * Math.expm1(L);
}
