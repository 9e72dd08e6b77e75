/**
 * Network table column registry: the one place where a column name meets the state. CSV and
 * Parquet headers, plot labels and the README table all read from here.
 */
import { conservationError, pendingTao, stakedTao, sum, type SimState } from "../state/state.js";
import { BLOCKS_PER_DAY } from "../units.js";
import { gini, nakamoto, spearman } from "../metrics/inequality.js";
import type { ColumnDef } from "../table.js";

/** A network column recorded from the state. */
export interface NetworkColumn extends ColumnDef {
  /** Value at the current state (not used for the date column, derived from `block`). */
  get(st: SimState, priceUsd: number): number;
}

const col = (name: string, unit: string, kind: ColumnDef["kind"], doc: string, get: NetworkColumn["get"]): NetworkColumn => ({ name, unit, kind, doc, get });

export const NETWORK_COLUMNS: readonly NetworkColumn[] = [
  col("block", "block", "int", "chain block height", (st) => st.network.block),
  col("date", "YYYY-MM-DD", "date", "calendar date of the block (UTC, 12 s blocks)", () => NaN),
  col("day", "days", "float", "days since the start", (st) => (st.network.block - st.compiled.start_block) / BLOCKS_PER_DAY),
  col("issuance_tao", "TAO", "float", "TotalIssuance: initial + emitted − recycled", (st) => st.network.supply.issuance_tao),
  col("block_emission_tao", "TAO/block", "float", "gross emission per block at this issuance (halving rule)", (st) => st.network.supply.block_emission_tao),
  col("emitted_tao", "TAO", "float", "cumulative gross emission since the start", (st) => st.network.emitted_tao),
  col("recycled_tao", "TAO", "float", "cumulative TAO recycled out of issuance since the start", (st) => st.network.recycled_tao),
  col("staked_tao", "TAO", "float", "stake held by modelled miners, validators and nominators", (st) => stakedTao(st)),
  col("liquid_tao", "TAO", "float", "TAO not staked: free initial supply, owner cuts, withdrawn rewards", (st) => st.network.liquid_tao),
  col("pending_tao", "TAO", "float", "emitted but not yet paid out (subnet pending + hotkey pending)", (st) => pendingTao(st)),
  col("unassigned_tao", "TAO", "float", "emission paid to holders the scenario does not model", (st) => st.network.unassigned_tao),
  col("owner_cut_tao", "TAO", "float", "cumulative subnet-owner cut", (st) => st.network.owner_cut_tao),
  col("staking_ratio_frac", "fraction", "float", "staked_tao / issuance_tao", (st) => stakedTao(st) / Math.max(1e-300, st.network.supply.issuance_tao)),
  col("price_usd", "USD/TAO", "float", "TAO price from the price process", (_st, p) => p),
  col("market_cap_usd", "USD", "float", "issuance_tao × price_usd", (st, p) => st.network.supply.issuance_tao * p),
  col("apr_gross_frac", "fraction/year", "float", "validator dividends paid out over the interval (take included) / validator stake at its start, annualised", (st) =>
    annualised(st, sum(st.validators.interval_owner_reward_tao) + sum(st.validators.interval_nominator_reward_tao), st.network.interval_validator_stake_tao)),
  col("apr_network_frac", "fraction/year", "float", "staking yield net of the delegate take: (owners' pro-rata share + nominators' rewards) / validator stake, annualised", (st) =>
    annualised(st, sum(st.validators.interval_owner_reward_tao) - sum(st.validators.interval_take_tao) + sum(st.validators.interval_nominator_reward_tao), st.network.interval_validator_stake_tao)),
  col("apr_nominator_frac", "fraction/year", "float", "nominators' rewards (net of take) over the interval / their stake at its start, annualised", (st) =>
    annualised(st, sum(st.stakers.interval_reward_tao), st.network.interval_staker_stake_tao)),
  col("validators_active", "count", "int", "validators that set weights within the activity cutoff", (st) => {
    const cut = st.network.block - st.compiled.hyper.activity_cutoff_blocks;
    let k = 0;
    for (const b of st.validators.last_weights_block) if (b >= cut) k++;
    return k;
  }),
  col("miners_active", "count", "int", "miners paid in the interval", (st) => {
    let k = 0;
    for (const e of st.miners.interval_earned_tao) if (e > 0) k++;
    return k;
  }),
  col("miners_registered", "count", "int", "miners holding a uid", (st) => {
    let k = 0;
    for (const x of st.miners.slot) if (x >= 0) k++;
    return k;
  }),
  col("miners_serving", "count", "int", "registered miners still serving their model", (st) => {
    let k = 0;
    for (let j = 0; j < st.miners.n; j++) if (st.miners.slot[j]! >= 0 && st.miners.serving[j]) k++;
    return k;
  }),
  col("registrations", "count", "int", "neuron registrations in the interval", (st) => st.network.interval_registrations),
  col("registration_burn_tao", "TAO", "float", "registration burns in the interval (recycled)", (st) => st.network.interval_burn_tao),
  col("burn_price_tao_mean", "TAO", "float", "mean registration burn price over subnets", (st) => {
    const b = st.subnets.burn_tao;
    let sum = 0;
    for (let s = 0; s < b.length; s++) sum += b[s]!;
    return b.length > 0 ? sum / b.length : NaN;
  }),
  col("sybil_uid_frac", "fraction", "float", "share of registered miner uids held by sybil models (empty: none)", (st) =>
    flaggedShare([[Float64Array.from(st.miners.slot, (k) => (k >= 0 ? 1 : 0)), st.miners.sybil]])),
  col("sybil_emission_frac", "fraction", "float", "share of the interval's miner emission paid to sybil uids (empty: none)", (st) =>
    flaggedShare([[st.miners.interval_earned_tao, st.miners.sybil]])),
  col("cartel_stake_frac", "fraction", "float", "cartel validators' stake / all validator stake (empty: no cartel)", (st) =>
    flaggedShare([[validatorStake(st), st.validators.cartel]])),
  col("cartel_emission_frac", "fraction", "float", "cartel validators' dividends + cartel miners' incentive / all paid in the interval", (st) =>
    flaggedShare([
      [st.validators.interval_dividends_tao, st.validators.cartel],
      [st.miners.interval_earned_tao, st.miners.cartel],
    ])),
  col("copier_dividend_ratio", "ratio", "float", "dividends per TAO staked of copiers / of validators outside the cartel that evaluate (empty: no copier)", (st) => {
    const v = st.validators;
    let cd = 0;
    let cs = 0;
    let hd = 0;
    let hs = 0;
    for (let i = 0; i < v.n; i++) {
      const s = v.self_stake_tao[i]! + v.nominated_tao[i]!;
      if (v.copier[i]) (cd += v.interval_dividends_tao[i]!), (cs += s);
      else if (!v.cartel[i]) (hd += v.interval_dividends_tao[i]!), (hs += s);
    }
    return cs > 0 && hs > 0 && hd > 0 ? cd / cs / (hd / hs) : NaN;
  }),
  col("gini_stake_frac", "fraction", "float", "Gini coefficient of validator stake (self + nominated)", (st) => gini(validatorStake(st))),
  col("nakamoto_stake", "count", "float", "fewest validators holding > 50 % of validator stake", (st) => nakamoto(validatorStake(st))),
  col("gini_emission_frac", "fraction", "float", "Gini coefficient of the interval's emission over validators and miners", (st) => gini(intervalEmission(st))),
  col("nakamoto_emission", "count", "float", "fewest agents receiving > 50 % of the interval's emission", (st) => nakamoto(intervalEmission(st))),
  col("tasks_per_day", "tasks/day", "float", "users' task demand over all subnets", (st) => {
    let d = 0;
    for (const x of st.compiled.task_demand_per_day) d += x;
    return d;
  }),
  col("served_quality_mean", "quality", "float", "mean true quality of the miners serving users' tasks: tasks routed ∝ each subnet's last incentive, weighted by demand", (st) => {
    const sn = st.subnets;
    const dem = st.compiled.task_demand_per_day;
    let acc = 0;
    let total = 0;
    for (let s = 0; s < sn.n; s++) {
      let q = 0;
      let w = 0;
      for (let k = s * sn.slots; k < (s + 1) * sn.slots; k++) {
        const j = sn.slot_miner[k]!;
        if (j < 0) continue;
        const inc = st.miners.last_incentive_frac[j]!;
        if (!(inc > 0)) continue;
        w += inc;
        q += inc * (st.miners.serving[j] ? st.miners.quality[j]! : 0);
      }
      if (w > 0) {
        acc += dem[s]! * (q / w);
        total += dem[s]!;
      }
    }
    return total > 0 ? acc / total : NaN;
  }),
  col("incentive_quality_spearman", "correlation", "float", "rank correlation of miners' last incentive with their true quality, mean over subnets (Yuma only)", (st) => {
    const sn = st.subnets;
    let acc = 0;
    let k = 0;
    for (let s = 0; s < sn.n; s++) {
      const idx = Array.from(sn.slot_miner.subarray(s * sn.slots, (s + 1) * sn.slots)).filter((j) => j >= 0);
      const inc = Array.from(idx, (j) => st.miners.last_incentive_frac[j]!);
      if (inc.length < 2 || inc.some((x) => Number.isNaN(x))) continue;
      const r = spearman(inc, Array.from(idx, (j) => st.miners.quality[j]!));
      if (!Number.isNaN(r)) (acc += r), k++;
    }
    return k > 0 ? acc / k : NaN;
  }),
  col("conservation_error_frac", "fraction", "float", "abs(issuance − Σ holdings) / issuance; a check, ~1e-16", (st) => conservationError(st)),
];

/** amount/base over the interval, scaled to a year of blocks; NaN for an empty interval or base. */
function annualised(st: SimState, amount: number, base: number): number {
  const blocks = st.network.block - st.network.interval_start_block;
  return blocks > 0 && base > 0 ? (amount / base) * ((365 * BLOCKS_PER_DAY) / blocks) : NaN;
}

function validatorStake(st: SimState): Float64Array {
  const v = st.validators;
  return Float64Array.from({ length: v.n }, (_, i) => v.self_stake_tao[i]! + v.nominated_tao[i]!);
}

function intervalEmission(st: SimState): Float64Array {
  const out = new Float64Array(st.validators.n + st.miners.n);
  out.set(st.validators.interval_dividends_tao);
  out.set(st.miners.interval_earned_tao, st.validators.n);
  return out;
}

/**
 * Σ of the flagged values / Σ of all values over the (values, flags) pairs; NaN when nothing is
 * flagged (the group does not exist) or the total is 0.
 */
function flaggedShare(pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[]): number {
  let part = 0;
  let total = 0;
  let any = false;
  for (const [values, flags] of pairs) {
    for (let i = 0; i < values.length; i++) {
      total += values[i]!;
      if (flags[i]) {
        part += values[i]!;
        any = true;
      }
    }
  }
  return any && total > 0 ? part / total : NaN;
}
