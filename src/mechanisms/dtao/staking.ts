/**
 * dTAO stakers' portfolio reviews (spec §8; subtensor `staking/move_stake.rs` across subnets =
 * unstake + stake through both pools). Every `decision_interval_blocks`, each staker's strategy
 * (PortfolioManager.review, src/intents.ts) names where its whole position should be: root, a
 * subnet, or stay. A move is applied as
 *     leave: root → TAO 1:1 (no fee);  subnet s → unstake its alpha through s's pool (fee, slippage)
 *     enter: root → TAO 1:1 into its validator's root pool;  subnet s' → stake through s' (fee, slippage)
 * always through the same validator (stakers.validator). User TAO flows are recorded for the
 * TaoFlow share rule.
 *
 * Before the reviews, users outside the modelled populations trade at each review:
 *     buy   X·interval/7200 TAO in all, subnet s getting ∝ d_s·q̄_s (task demand × the mean true
 *           quality of its registered miners): what users' demand for a subnet's service does to
 *           its price and, under TaoFlow, to its emission (X = user_buy_tao_per_day)
 *     sell  a share u·interval/7200 of the unmodelled holders' alpha (u = user_sell_frac_per_day)
 * Their alpha is `unassigned_alpha` (outstanding, no modelled holder).
 */
import { defineMechanism, nextMultiple } from "../mechanism.js";
import { ROOT, STAY } from "../../intents.js";
import { dtaoRules, type CoinbaseRules } from "./coinbase.js";
import { portfolioView, type ViewScratch } from "./portfolio-view.js";
import { addToPool, removeFromPool, stakeIntoSubnet, unstakeFromSubnet } from "./swap.js";
import type { SimState } from "../../state/state.js";

interface StakingPrivate {
  rules: CoinbaseRules;
  view: ViewScratch;
  weights: Float64Array;
}

export function moveStaker(st: SimState, k: number, target: number, feeFrac: number): void {
  const ks = st.stakers;
  const v = st.validators;
  const S = st.subnets.n;
  const val = ks.validator[k]!;
  const from = ks.subnet[k]!;
  let tao: number;
  if (from === ROOT) {
    tao = removeFromPool(v.root_tao, v.root_shares, val, ks.shares[k]!);
    st.network.root_stake_tao -= tao;
    st.network.liquid_tao += tao;
  } else {
    const alpha = removeFromPool(v.hotkey_alpha, v.hotkey_shares, val * S + from, ks.shares[k]!);
    tao = unstakeFromSubnet(st, from, alpha, feeFrac);
  }
  ks.shares[k] = 0;
  ks.subnet[k] = target;
  ks.moves[k]!++;
  if (target === ROOT) {
    st.network.liquid_tao -= tao;
    st.network.root_stake_tao += tao;
    ks.shares[k] = addToPool(v.root_tao, v.root_shares, val, tao);
  } else {
    const alpha = stakeIntoSubnet(st, target, tao, feeFrac);
    ks.shares[k] = addToPool(v.hotkey_alpha, v.hotkey_shares, val * S + target, alpha);
  }
  st.network.stake_version++;
}

function userTrades(st: SimState, P: StakingPrivate): void {
  const d = P.rules.params;
  const days = d.decision_interval_blocks / 7200;
  const sn = st.subnets;
  const fee = d.swap_fee_frac;
  const sellFrac = Math.min(1, d.user_sell_frac_per_day * days);
  if (sellFrac > 0) {
    for (let s = 0; s < sn.n; s++) {
      if (!sn.active[s]) continue;
      const alpha = sn.unassigned_alpha[s]! * sellFrac;
      if (!(alpha > 0)) continue;
      sn.unassigned_alpha[s]! -= alpha;
      unstakeFromSubnet(st, s, alpha, fee);
    }
  }
  const buy = d.user_buy_tao_per_day * days;
  if (!(buy > 0)) return;
  const w = P.weights;
  let total = 0;
  for (let s = 0; s < sn.n; s++) {
    w[s] = sn.active[s] ? st.compiled.task_demand_per_day[s]! * meanQuality(st, s) : 0;
    total += w[s]!;
  }
  if (!(total > 0)) return;
  const spend = Math.min(buy, Math.max(0, st.network.liquid_tao));
  for (let s = 0; s < sn.n; s++) {
    if (!(w[s]! > 0)) continue;
    sn.unassigned_alpha[s]! += stakeIntoSubnet(st, s, (spend * w[s]!) / total, fee);
  }
}

/** Mean true quality of the models registered on subnet s (0 when none). */
function meanQuality(st: SimState, s: number): number {
  const sn = st.subnets;
  let q = 0;
  let k = 0;
  for (let x = s * sn.slots; x < (s + 1) * sn.slots; x++) {
    const j = sn.slot_miner[x]!;
    if (j < 0 || !st.miners.serving[j]) continue;
    q += st.miners.quality[j]!;
    k++;
  }
  return k > 0 ? q / k : 0;
}

export const dtaoStaking = defineMechanism<StakingPrivate>({
  name: "dtao_staking",
  mirrors: "staking/add_stake.rs, remove_stake.rs, move_stake.rs (stake moved between root and subnets through the pools)",
  reads: ["miners.quality", "miners.serving", "subnets.slot_miner", "subnets.pool_weight", "subnets.active", "subnets.moving_price", "subnets.first_emission_block", "subnets.root_prop_frac", "validators.take_frac", "network.root_sell_flag", "stakers.validator"],
  writes: ["subnets.unassigned_alpha", "stakers.subnet", "stakers.shares", "stakers.moves", "validators.root_tao", "validators.root_shares", "validators.hotkey_alpha", "validators.hotkey_shares", "subnets.pool_tao", "subnets.pool_alpha", "subnets.alpha_out", "subnets.flow_tao", "network.root_stake_tao", "network.liquid_tao", "network.fees_tao", "network.stake_version"],
  params: ["network.dtao.decision_interval_blocks", "network.dtao.swap_fee_frac", "network.dtao.user_buy_tao_per_day", "network.dtao.user_sell_frac_per_day", "network.task_demand_per_day"],
  private: "the era's rules and the stakers' view",
  init(st) {
    const rules = dtaoRules(st);
    return { rules, view: portfolioView(st, rules.params), weights: new Float64Array(st.subnets.n) };
  },
  nextBlock(st, P) {
    return nextMultiple(st.network.block, P.rules.params.decision_interval_blocks);
  },
  step(st, t, P) {
    if (t % P.rules.params.decision_interval_blocks !== 0) return;
    userTrades(st, P);
    const view = P.view;
    view.refresh();
    view.view.block = t;
    const groups = st.compiled.populations.groups;
    const fee = P.rules.params.swap_fee_frac;
    for (let g = 0; g < groups.length; g++) {
      const grp = groups[g]!;
      if (grp.kind !== "stakers") continue;
      const hook = st.agents.groups[g]!.portfolio;
      if (!hook) continue;
      for (let k = grp.start; k < grp.end; k++) {
        const target = hook.review(k, view.view);
        if (target === STAY || target === st.stakers.subnet[k]) continue;
        if (target !== ROOT && !(target >= 0 && target < st.subnets.n && st.subnets.active[target])) continue;
        const from = st.stakers.subnet[k]!;
        moveStaker(st, k, target, fee);
        view.touch(from);
        view.touch(target);
      }
    }
  },
});
