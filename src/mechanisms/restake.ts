/**
 * Re-delegation (era B: stake is plain TAO on a hotkey; moving it is an unstake + stake with no
 * swap and no fee, `do_remove_stake` / `do_add_stake` v1.2.x; spec §8).
 *
 * Once per day (at the drain), every staker whose strategy re-delegates (a Restaker hook,
 * src/intents.ts) reviews, in staker order, seeing each validator's smoothed yield per TAO net of
 * take (validators.yield_ema, from the drain) and the best one b = argmax_v y_v (ties: the lowest
 * index). When a staker decides to move to validator b, its whole stake moves:
 *     nominated_c −= stake_k;  nominated_b += stake_k;  validator_k ← b;  moves_k += 1
 * What a staker decides, and with which draws, is its strategy's (agents/stakers.ts).
 */
import { defineMechanism, nextMultiple } from "./mechanism.js";
import type { RestakeView, Restaker } from "../intents.js";
import { DRAIN_PARAMS, hyperparameterPaths } from "../params/hyperparameters.js";

interface Private {
  /** Each staker's hook (undefined: its strategy never re-delegates). */
  byStaker: (Restaker | undefined)[];
  any: boolean;
  view: RestakeView;
}

export const restake = defineMechanism<Private>({
  name: "restake",
  mirrors: "v1.2.x staking/remove_stake.rs + add_stake.rs (era B: TAO moved 1:1 between hotkeys)",
  reads: ["validators.yield_ema", "stakers.stake_tao"],
  writes: ["stakers.validator", "stakers.moves", "validators.nominated_tao", "network.stake_version"],
  params: hyperparameterPaths(DRAIN_PARAMS),
  private: "each staker's Restaker hook and the view handed to it",
  init(st) {
    const groups = st.compiled.populations.stakers.group;
    const byStaker = Array.from(groups, (g) => st.agents.groups[g]?.restake);
    return {
      byStaker,
      any: byStaker.some((h) => h !== undefined),
      view: { yieldEma: st.validators.yield_ema, best: -1, bestYield: -Infinity, validatorOf: st.stakers.validator },
    };
  },
  nextBlock(st) {
    return nextMultiple(st.network.block, st.compiled.hyper.hotkey_emission_tempo_blocks);
  },
  step(st, t, p) {
    const period = st.compiled.hyper.hotkey_emission_tempo_blocks;
    if (!p.any || t % period !== 0) return;
    const sk = st.stakers;
    const v = st.validators;
    let best = -1;
    let bestYield = -Infinity;
    for (let i = 0; i < v.n; i++) {
      const y = v.yield_ema[i]!;
      if (y > bestYield) {
        bestYield = y;
        best = i;
      }
    }
    if (best < 0) return;
    const view = p.view;
    view.best = best;
    view.bestYield = bestYield;
    let moved = false;
    for (let k = 0; k < sk.n; k++) {
      const hook = p.byStaker[k];
      if (!hook) continue;
      const to = hook.review(k, view);
      if (to < 0) continue;
      const c = sk.validator[k]!;
      const s = sk.stake_tao[k]!;
      v.nominated_tao[c] = v.nominated_tao[c]! - s;
      v.nominated_tao[to] = v.nominated_tao[to]! + s;
      sk.validator[k] = to;
      sk.moves[k]!++;
      moved = true;
    }
    if (moved) st.network.stake_version++;
  },
});
