/** What a validator observes of a miner's work. */
import type { SimState } from "../../state/state.js";

/** The quality a validator observes from miner j (0 for an empty slot, j = −1, or a miner that quit). */
export function servedQuality(st: SimState, j: number): number {
  return j >= 0 && st.miners.serving[j] ? st.miners.quality[j]! : 0;
}
