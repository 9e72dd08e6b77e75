/**
 * Validator dividends to nominators (era B, spec §7.7; v1.2.x `coinbase/run_coinbase.rs ::
 * drain_hotkey_emission`).
 *     every hotkey_emission_tempo blocks, for each validator hotkey v with pending P_v:
 *       take_v   = P_v · take_frac_v                        → owner's stake on v
 *       rest_v   = P_v − take_v, split pro-rata to stake held on v:
 *                  owner   += rest_v · self_v / total_v
 *                  staker k += rest_v · stake_k / total_v   (restaked, or withdrawn when compound = 0)
 * The chain drains each hotkey on its own hash slot within the period; here every hotkey drains at
 * block multiples of the period (same amounts, at most one period apart in timing).
 */
import { defineMechanism, nextMultiple } from "./mechanism.js";
import { DRAIN_PARAMS, hyperparameterPaths } from "../params/hyperparameters.js";

/** Weight of the newest drain in the yield EMA (≈ a 5-drain memory). */
export const YIELD_EMA_WEIGHT = 0.2;

export const drain = defineMechanism({
  name: "drain",
  mirrors: "v1.2.x coinbase/run_coinbase.rs :: drain_hotkey_emission (HotkeyEmissionTempo)",
  reads: ["validators.pending_dividends_tao", "validators.take_frac", "stakers.validator", "stakers.compound"],
  writes: ["validators.pending_dividends_tao", "validators.self_stake_tao", "validators.nominated_tao", "validators.yield_ema", "stakers.stake_tao", "stakers.earned_tao", "stakers.interval_reward_tao", "validators.interval_owner_reward_tao", "validators.interval_take_tao", "validators.interval_nominator_reward_tao", "network.liquid_tao", "network.stake_version"],
  params: hyperparameterPaths(DRAIN_PARAMS),
  nextBlock(st) {
    return nextMultiple(st.network.block, st.compiled.hyper.hotkey_emission_tempo_blocks);
  },
  step(st, t) {
    const p = st.compiled.hyper.hotkey_emission_tempo_blocks;
    if (t % p !== 0) return;
    const v = st.validators;
    const sk = st.stakers;
    // Per-validator pay rate for nominators: rest / total stake, computed before any stake moves.
    const rate = new Float64Array(v.n);
    let any = false;
    for (let i = 0; i < v.n; i++) {
      const P = v.pending_dividends_tao[i]!;
      if (P === 0) continue;
      any = true;
      v.pending_dividends_tao[i] = 0;
      const take = P * v.take_frac[i]!;
      const rest = P - take;
      const total = v.self_stake_tao[i]! + v.nominated_tao[i]!;
      if (total > 0) {
        rate[i] = rest / total;
        const own = take + rest * (v.self_stake_tao[i]! / total);
        v.self_stake_tao[i]! += own;
        v.interval_owner_reward_tao[i]! += own;
        v.interval_take_tao[i]! += take;
      } else {
        v.self_stake_tao[i]! += P;
        v.interval_owner_reward_tao[i]! += P;
        v.interval_take_tao[i]! += P;
      }
    }
    // Yield per TAO staked, net of take, smoothed over drains (what yield-chasing stakers compare).
    for (let i = 0; i < v.n; i++) {
      const y = v.self_stake_tao[i]! + v.nominated_tao[i]! > 0 ? rate[i]! : 0;
      const e = v.yield_ema[i]!;
      v.yield_ema[i] = Number.isNaN(e) ? y : YIELD_EMA_WEIGHT * y + (1 - YIELD_EMA_WEIGHT) * e;
    }
    if (!any) return;
    for (let k = 0; k < sk.n; k++) {
      const i = sk.validator[k]!;
      const r = rate[i]!;
      if (r === 0) continue;
      const reward = sk.stake_tao[k]! * r;
      sk.earned_tao[k]! += reward;
      sk.interval_reward_tao[k]! += reward;
      v.interval_nominator_reward_tao[i]! += reward;
      if (sk.compound[k]) {
        sk.stake_tao[k]! += reward;
        v.nominated_tao[i]! += reward;
      } else {
        st.network.liquid_tao += reward;
      }
    }
    st.network.stake_version++;
  },
});
