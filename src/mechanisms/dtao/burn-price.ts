/**
 * Neuron registration burn price, the Jan-2026 rule (spec §11.1).
 *
 * Mirrors subtensor (commit 14bc6f9f5)
 *   `subnets/registration.rs :: update_registration_prices_for_networks`   (every block, in block_step)
 *   `subnets/registration.rs :: bump_registration_price_after_registration` (after each registration)
 *   `utils/misc.rs :: decay_factor_q32, pow_q32, mul_by_q32`                (the fixed-point decay factor)
 *
 * Per block (skipped on chain at block ≤ 1):   burn ← clamp(burn · f, MinBurn, MaxBurn),   f^h = ½
 * After a registration:                        burn ← clamp(burn · max(mult, 1), MinBurn, MaxBurn)
 * h = BurnHalfLife (u16, default 360; 0 = no decay), mult = BurnIncreaseMult (U64F64, default 1.26).
 *
 * Chain arithmetic (the exact layer, rao as bigint):
 *   - Q32: 1.0 = 2^32. mul_q32(v, f) = min(⌊v·f / 2^32⌋, 2^64 − 1).
 *   - pow_q32(f, e): square-and-multiply, every product floored by mul_q32.
 *   - f = decay_factor_q32(h): the largest Q32 value f in [0, 2^32) with pow_q32(f, h) ≤ 2^31 (binary
 *     search). Because f is rounded down and each step floors, a burn does not land on exact halves:
 *     1,024 with h = 2 gives 511 after 2 blocks, not 512 (D8).
 *   - bump: U64F64 (64 fractional bits); burn · mult is exact for an integer burn, then floored to u64.
 *
 * Float layer (the simulator, TAO): burn_n = burn_0 · 2^(−n/h), clamped. Once below MaxBurn the
 * decay never meets it again and once at MinBurn it stays there, so n blocks collapse to
 * clamp(clamp(burn_0·f)·f^(n−1)) exactly as the per-block loop (in real arithmetic).
 */

const Q32_ONE = 1n << 32n;
const Q32_HALF = 1n << 31n;
const U64_MAX = (1n << 64n) - 1n;

/** mul_by_q32: ⌊value · factor / 2^32⌋, saturated to u64. */
export function mulByQ32(value: bigint, factorQ32: bigint): bigint {
  const shifted = (value * factorQ32) >> 32n;
  return shifted > U64_MAX ? U64_MAX : shifted;
}

/** pow_q32: base^exp in Q32 by square-and-multiply, each product floored (mul_by_q32). */
export function powQ32(baseQ32: bigint, exp: number): bigint {
  let result = Q32_ONE;
  let factor = baseQ32;
  let power = exp;
  while (power > 0) {
    if ((power & 1) === 1) result = mulByQ32(result, factor);
    power >>>= 1;
    if (power > 0) factor = mulByQ32(factor, factor);
  }
  return result;
}

function assertU16(name: string, x: number): void {
  if (!Number.isInteger(x) || x < 0 || x > 65535) throw new RangeError(`${name} must be a u16 integer, got ${x}`);
}

const factorCache = new Map<number, bigint>();

/** decay_factor_q32(h): the largest Q32 f < 1 with pow_q32(f, h) ≤ ½; h = 0 → 1.0 (no decay). */
export function decayFactorQ32(halfLifeBlocks: number): bigint {
  assertU16("halfLifeBlocks", halfLifeBlocks);
  if (halfLifeBlocks === 0) return Q32_ONE;
  const hit = factorCache.get(halfLifeBlocks);
  if (hit !== undefined) return hit;
  let lo = 0n;
  let hi = Q32_ONE;
  while (lo + 1n < hi) {
    const mid = lo + ((hi - lo) >> 1n);
    if (powQ32(mid, halfLifeBlocks) > Q32_HALF) hi = mid;
    else lo = mid;
  }
  factorCache.set(halfLifeBlocks, lo);
  return lo;
}

/** One block of decay (no clamp): ⌊burn · f_Q32 / 2^32⌋. */
export function decayBurnRao(burnRao: bigint, halfLifeBlocks: number): bigint {
  return mulByQ32(burnRao, decayFactorQ32(halfLifeBlocks));
}

/** BurnIncreaseMult as U64F64 raw bits: mult · 2^64 (exact for mult ≥ 1, where a float64 has ≤ 52 fractional bits, like U64F64::from_num(1.26) on chain), floored at 1.0 as `.max(1)` on chain. */
export function multToU64F64(mult: number): bigint {
  if (!Number.isFinite(mult) || mult < 0) throw new RangeError(`mult must be a finite non-negative number, got ${mult}`);
  const raw = BigInt(Math.floor(mult * 2 ** 64));
  return raw < 1n << 64n ? 1n << 64n : raw;
}

/** The registration bump (no clamp): ⌊burn · max(mult, 1)⌋ in U64F64, saturated to u64. */
export function bumpBurnRao(burnRao: bigint, mult: number): bigint {
  const out = (burnRao * multToU64F64(mult)) >> 64n;
  return out > U64_MAX ? U64_MAX : out;
}

/** Clamp to [MinBurn, MaxBurn]: the min test first, then the max (as the chain does). */
export function clampBurnRao(burnRao: bigint, minRao: bigint, maxRao: bigint): bigint {
  let b = burnRao;
  if (b < minRao) b = minRao;
  if (b > maxRao) b = maxRao;
  return b;
}

/**
 * One block of `update_registration_prices_for_networks` for one subnet: decay (only when
 * currentBlock > 1 and h > 0), then clamp.
 */
export function stepBurnRao(burnRao: bigint, halfLifeBlocks: number, minRao: bigint, maxRao: bigint, currentBlock = 2): bigint {
  const decayed = halfLifeBlocks > 0 && currentBlock > 1 ? decayBurnRao(burnRao, halfLifeBlocks) : burnRao;
  return clampBurnRao(decayed, minRao, maxRao);
}

/** `bump_registration_price_after_registration`: bump, then clamp. */
export function registerBurnRao(burnRao: bigint, mult: number, minRao: bigint, maxRao: bigint): bigint {
  return clampBurnRao(bumpBurnRao(burnRao, mult), minRao, maxRao);
}

// ---- float layer (TAO) ----------------------------------------------------------------------

/** Runtime defaults: BurnHalfLife 360, BurnIncreaseMult 1.26, MinBurn 0.0005 TAO, MaxBurn 100 TAO, new subnet 1 TAO. */
export const BURN_DEFAULTS = Object.freeze({ half_life_blocks: 360, increase_mult: 1.26, min_burn_tao: 0.0005, max_burn_tao: 100, initial_burn_tao: 1 });

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Float per-block factor f = 2^(−1/h); 1 when h = 0. */
export function burnDecayFactor(halfLifeBlocks: number): number {
  return halfLifeBlocks > 0 ? Math.pow(2, -1 / halfLifeBlocks) : 1;
}

/** One float block: clamp(burn · 2^(−1/h)). */
export function stepBurn(burn_tao: number, halfLifeBlocks: number, min_tao: number, max_tao: number): number {
  return clamp(burn_tao * burnDecayFactor(halfLifeBlocks), min_tao, max_tao);
}

/** n float blocks in closed form: the first block's clamp, then burn·2^(−(n−1)/h), clamped. */
export function burnAfterBlocks(burn_tao: number, blocks: number, halfLifeBlocks: number, min_tao: number, max_tao: number): number {
  return burnAfterBlocksWith(burn_tao, burnDecayFactors(blocks, halfLifeBlocks), min_tao, max_tao);
}

/** The factors of burnAfterBlocks for n blocks (the same for every subnet: computed once per event). */
export interface BurnDecayFactors {
  blocks: number;
  /** 2^(−1/h), the first block's factor (1 when h = 0). */
  first: number;
  /** 2^(−(n−1)/h), the rest's (1 when n ≤ 1 or h = 0). */
  rest: number;
}

export function burnDecayFactors(blocks: number, halfLifeBlocks: number): BurnDecayFactors {
  const first = burnDecayFactor(halfLifeBlocks);
  const rest = blocks > 1 && halfLifeBlocks > 0 ? Math.pow(2, -(blocks - 1) / halfLifeBlocks) : 1;
  return { blocks, first, rest };
}

export function burnAfterBlocksWith(burn_tao: number, f: BurnDecayFactors, min_tao: number, max_tao: number): number {
  if (f.blocks <= 0) return burn_tao;
  const first = clamp(burn_tao * f.first, min_tao, max_tao);
  if (f.blocks === 1 || f.rest === 1) return first;
  return clamp(first * f.rest, min_tao, max_tao);
}

/** Float registration bump: clamp(burn · max(mult, 1)). */
export function bumpBurn(burn_tao: number, mult: number, min_tao: number, max_tao: number): number {
  return clamp(burn_tao * Math.max(mult, 1), min_tao, max_tao);
}
