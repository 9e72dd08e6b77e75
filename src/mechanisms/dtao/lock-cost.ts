/**
 * Subnet registration ("lock") cost, spec §12.
 *
 * Mirrors subtensor `coinbase/root.rs :: get_network_lock_cost` and `get_lock_reduction_interval`
 * (commit 14bc6f9f5):
 *
 *     interval = NetworkLockReductionInterval · E / 1 TAO          (halves with every TAO halving)
 *     mult     = 2, or 1 if no subnet was ever registered          (chain: NetworkLastLockBlock == 0)
 *     cost     = max(min_lock, max(0, mult·last_lock − (last_lock/interval)·(now − last_lock_block)))
 *
 * Each registration doubles the cost; it then falls linearly by last_lock per interval, so it is back
 * at last_lock after `interval` blocks and at min_lock after at most 2·interval. On chain the slope
 * last_lock/interval is an integer division in rao (safe_div: interval 0 → slope 0, no decay) and
 * the interval is floored to whole blocks; this float layer keeps the real quotient.
 */

export interface LockCostInputs {
  /** NetworkMinLockCost (TAO). */
  min_lock_tao: number;
  /** NetworkLastLockCost: the lock paid by the last registration (TAO). */
  last_lock_tao: number;
  /** NetworkLastLockBlock. */
  last_lock_block: number;
  /** The current block. */
  now_block: number;
  /** NetworkLockReductionInterval before the halving scaling (57,600 after migration; runtime 100,800). */
  reduction_interval_blocks: number;
  /** The TAO block emission E now (1 before the first halving). */
  block_emission_tao: number;
  /** Whether any subnet was ever registered (false → mult 1). */
  ever_registered: boolean;
}

/** get_lock_reduction_interval: NetworkLockReductionInterval · E/1 TAO, floored to whole blocks. */
export function lockReductionIntervalBlocks(reduction_interval_blocks: number, block_emission_tao: number): number {
  return Math.floor(reduction_interval_blocks * block_emission_tao);
}

/** get_network_lock_cost in TAO. */
export function networkLockCostTao(p: LockCostInputs): number {
  const interval = lockReductionIntervalBlocks(p.reduction_interval_blocks, p.block_emission_tao);
  const mult = p.ever_registered ? 2 : 1;
  const slope_tao_per_block = interval > 0 ? p.last_lock_tao / interval : 0;
  const elapsed_blocks = Math.max(0, p.now_block - p.last_lock_block);
  const cost_tao = Math.max(0, mult * p.last_lock_tao - slope_tao_per_block * elapsed_blocks);
  return Math.max(p.min_lock_tao, cost_tao);
}
