/**
 * Staker behaviours at the daily review (Restaker hooks; the restake mechanism applies the move).
 *
 *   yield_chasing(threshold θ, inertia ι)
 *       reviews with probability 1 − ι (one uniform draw of the group's stream
 *       behaviour/stakers/<group> per chasing staker per day); moves its whole stake from its
 *       validator c to b = the best smoothed yield net of take if y_b > y_c·(1 + θ)
 *       (a validator with no yield yet counts as 0).
 */
import type { NormalStream } from "../rng.js";
import type { Restaker } from "../intents.js";

export function yieldChasing(threshold: number, inertia: number, rng: NormalStream): Restaker {
  return {
    review(k, view) {
      const review = rng.uniform() >= inertia;
      if (!review) return -1;
      const c = view.validatorOf[k]!;
      if (c === view.best) return -1;
      const yc = view.yieldEma[c]!;
      if (!(view.bestYield > (Number.isNaN(yc) ? 0 : yc) * (1 + threshold))) return -1;
      return view.best;
    },
  };
}
