/**
 * Era-E (TaoFlow) flow bookkeeping, spec §5.1 E and dtao.md §3.6.
 *
 * Mirrors subtensor `coinbase/subnet_emissions.rs :: get_ema_flow, update_ema_protocol_flow`
 * (commit 14bc6f9f5; dead code at HEAD, live v3.2.11–v3.4.7). Once per block, per emitting subnet:
 *
 *     ema_i ← (1 − a)·ema_i + a·flow_i ,   then flow_i ← 0
 *     a = FlowEmaSmoothingFactor / i64::MAX = 29,597,889,189,277 / (2^63 − 1) ≈ 3.209e-6
 *         (half-life ln2/a ≈ 216,000 blocks ≈ 30 days)
 *
 * flow_i is the block's accumulator (`SubnetTaoFlow`: + user stake TAO in, − unstake TAO out;
 * `SubnetProtocolFlow`: + tao_in, + excess TAO, − root-sell TAO). The same update serves both.
 * n blocks with no flow: ema ← ema·(1 − a)^n. The chain keeps the EMAs in I64F64; this is float64.
 */

/** FlowEmaSmoothingFactor / i64::MAX. (2^63 − 1 rounds to 2^63 in float64; the difference is 1e-19 relative.) */
export const FLOW_EMA_ALPHA = 29_597_889_189_277 / (2 ** 63 - 1);

/** One block for the first n subnets: ema ← (1 − a)·ema + a·flow, then flow ← 0 (both arrays mutated). */
export function updateFlowEma(ema: Float64Array, flow: Float64Array, a: number, n: number): void {
  const keep = 1 - a;
  for (let i = 0; i < n; i++) {
    ema[i] = keep * ema[i]! + a * flow[i]!;
    flow[i] = 0;
  }
}

/** The factor (1 − a)^blocks, as exp(blocks·ln(1 − a)). */
export function flowEmaIdleFactor(a: number, blocks: number): number {
  return blocks <= 0 ? 1 : Math.exp(blocks * Math.log1p(-a));
}

/** One EMA after `blocks` blocks of zero flow: ema·(1 − a)^blocks. */
export function flowEmaAfterIdle(ema_tao: number, a: number, blocks: number): number {
  return ema_tao * flowEmaIdleFactor(a, blocks);
}

/** `blocks` blocks of zero flow for the first n subnets, in place; returns `ema`. */
export function decayFlowEmaInPlace(ema: Float64Array, a: number, blocks: number, n: number): Float64Array {
  const f = flowEmaIdleFactor(a, blocks);
  for (let i = 0; i < n; i++) ema[i] = ema[i]! * f;
  return ema;
}
