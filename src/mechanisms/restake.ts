/**
 * Re-delegation by yield-chasing stakers (era B: stake is plain TAO on a hotkey; moving it is an
 * unstake + stake with no swap and no fee, `do_remove_stake` / `do_add_stake` v1.2.x; spec §8).
 *
 * Once per day (at the drain), each staker with `chase` = 1 reviews with probability
 * 1 − inertia. It compares y_v = the validator's smoothed yield per TAO net of take
 * (validators.yield_ema, from the drain) and moves its whole stake from its validator c to
 * b = argmax_v y_v (ties: the lowest index) if y_b > y_c·(1 + switch_threshold). Draws come from
 * the staker group's stream `behaviour/stakers/<group>`, one per chasing staker per day.
 */
import { defineMechanism, nextMultiple } from "./mechanism.js";
import { markStakeChanged } from "./epoch.js";
import { NormalStream } from "../rng.js";
import type { SimState } from "../state/state.js";

const streams = new WeakMap<SimState, (NormalStream | undefined)[]>();

export const restake = defineMechanism({
  name: "restake",
  mirrors: "v1.2.x staking/remove_stake.rs + add_stake.rs (era B: TAO moved 1:1 between hotkeys)",
  reads: ["validators.yield_ema", "stakers.chase", "stakers.switch_threshold", "stakers.inertia"],
  writes: ["stakers.validator", "stakers.moves", "validators.nominated_tao"],
  init(st) {
    const c = st.compiled;
    streams.set(
      st,
      c.populations.groups.map((g) => (g.kind === "stakers" ? new NormalStream(c.seed, `behaviour/stakers/${g.name}`) : undefined)),
    );
  },
  nextBlock(st) {
    return nextMultiple(st.network.block, st.compiled.hyper.hotkey_emission_tempo_blocks);
  },
  step(st, t) {
    const p = st.compiled.hyper.hotkey_emission_tempo_blocks;
    if (t % p !== 0) return;
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
    const rngs = streams.get(st)!;
    const groups = st.compiled.populations.stakers.group;
    let moved = false;
    for (let k = 0; k < sk.n; k++) {
      if (!sk.chase[k]) continue;
      const review = rngs[groups[k]!]!.uniform() >= sk.inertia[k]!;
      if (!review) continue;
      const c = sk.validator[k]!;
      if (c === best) continue;
      const yc = v.yield_ema[c]!;
      if (!(bestYield > (Number.isNaN(yc) ? 0 : yc) * (1 + sk.switch_threshold[k]!))) continue;
      const s = sk.stake_tao[k]!;
      v.nominated_tao[c] = v.nominated_tao[c]! - s;
      v.nominated_tao[best] = v.nominated_tao[best]! + s;
      sk.validator[k] = best;
      sk.moves[k]!++;
      moved = true;
    }
    if (moved) markStakeChanged(st);
  },
});
