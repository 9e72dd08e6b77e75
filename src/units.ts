/**
 * Units and conversions. Simulator arithmetic is float64 TAO; rao (1e-9 TAO) appears only at the
 * edges, as bigint, where the chain's integer rules must hold exactly (block emission, T1).
 */

export const RAO_PER_TAO = 1_000_000_000n;
export const RAO_PER_TAO_NUM = 1e9;
/** 12 s blocks: `MILLISECS_PER_BLOCK = 12000` in subtensor `common/src/lib.rs`. */
export const BLOCK_SECONDS = 12;
export const BLOCKS_PER_DAY = 7200;

/** amount/base earned over `blocks`, scaled to a year (365 days); NaN for an empty interval or a zero base. */
export function annualised(amount: number, base: number, blocks: number): number {
  return blocks > 0 && base > 0 ? (amount / base) * ((365 * BLOCKS_PER_DAY) / blocks) : NaN;
}
export const DAYS_PER_YEAR = 365;
export const BLOCKS_PER_YEAR = BLOCKS_PER_DAY * DAYS_PER_YEAR;
export const MS_PER_DAY = 86_400_000;
/** u16 proportions on chain are x / 65535. */
export const U16_MAX = 65535;

/** TAO (float) → rao (bigint), rounded to the nearest rao. */
export function taoToRao(tao: number): bigint {
  if (!Number.isFinite(tao)) throw new RangeError(`taoToRao: not a finite amount: ${tao}`);
  // Split to keep full precision for amounts above 2^53 rao (≈ 9M TAO).
  const whole = Math.trunc(tao);
  const frac = tao - whole;
  return BigInt(whole) * RAO_PER_TAO + BigInt(Math.round(frac * RAO_PER_TAO_NUM));
}

/** rao (bigint) → TAO (float). */
export function raoToTao(rao: bigint): number {
  const whole = rao / RAO_PER_TAO;
  const rest = rao % RAO_PER_TAO;
  return Number(whole) + Number(rest) / RAO_PER_TAO_NUM;
}

/** ISO date (YYYY-MM-DD, UTC) → epoch milliseconds. */
export function parseIsoDate(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms).toISOString().slice(0, 10);
  return back === s ? ms : NaN;
}

/** Epoch milliseconds → ISO date YYYY-MM-DD (UTC). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Date of a block, given an anchor (block, ms) and 12 s blocks. */
export function blockToMs(block: number, anchorBlock: number, anchorMs: number): number {
  return anchorMs + (block - anchorBlock) * BLOCK_SECONDS * 1000;
}
