/**
 * Miner behaviours at each registration round (MinerEconomics hooks; the registration mechanism
 * computes the market and applies the decisions).
 *
 *   profit-seeking (every miner strategy today)
 *       quits   once its smoothed reward has stayed below its running cost for patience_days
 *               (`belowCostBlocks` ≥ patience_days · 7,200)
 *       enters  when profit = expected reward − cost > 0 and profit · payback_days ≥ burn
 */
import type { MinerEconomics } from "../intents.js";
import { BLOCKS_PER_DAY } from "../units.js";

export function profitSeeking(paybackDays: number, patienceDays: number): MinerEconomics {
  return {
    quits(_j, _reward, _cost, belowCostBlocks) {
      return belowCostBlocks >= patienceDays * BLOCKS_PER_DAY;
    },
    enters(_j, reward, cost, burn) {
      const profit = reward - cost;
      return profit > 0 && profit * paybackDays >= burn;
    },
  };
}
