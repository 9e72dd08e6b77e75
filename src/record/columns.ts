/**
 * The recorded network columns: the one place where a network column name meets the state. The
 * analysis metrics (shares, yields, stake concentration) are not recorded here: metrics/post.ts
 * computes them after the run from these columns (the `internal` raw sums and counts at the end
 * are kept for it and dropped after) and from the validators table. network-columns.ts gives the
 * table's final columns in order (CSV and Parquet headers, plot labels, the README table).
 *
 * Recorded metrics: gini_emission_frac and nakamoto_emission need every agent's emission over the
 * interval and incentive_quality_spearman every uid's incentive and quality; no table keeps those
 * vectors (a miners table would cost miners × rows floats), so they are computed here.
 */
import { conservationError, pendingTao, stakedTao, sum, type SimState } from "../state/state.js";
import { BLOCKS_PER_DAY } from "../units.js";
import { giniSorted, nakamotoSorted, spearman } from "../stats.js";
import type { ColumnDef } from "../table.js";

/** A network column recorded from the state. */
export interface NetworkColumn extends ColumnDef {
  /** Value at the current state (not used for the date column, derived from `block`). */
  get(st: SimState, priceUsd: number): number;
}

const col = (name: string, unit: string, kind: ColumnDef["kind"], doc: string, get: NetworkColumn["get"]): NetworkColumn => ({ name, unit, kind, doc, get });
/** A raw value kept for metrics/post.ts only (never written). */
const raw = (name: string, unit: string, doc: string, get: NetworkColumn["get"]): NetworkColumn => ({ name, unit, kind: "float", doc, get, internal: true });

export const RECORDED_NETWORK_COLUMNS: readonly NetworkColumn[] = [
  col("block", "block", "int", "chain block height", (st) => st.network.block),
  col("date", "YYYY-MM-DD", "date", "calendar date of the block (UTC, 12 s blocks)", () => NaN),
  col("day", "days", "float", "days since the start", (st) => (st.network.block - st.compiled.start_block) / BLOCKS_PER_DAY),
  col("issuance_tao", "TAO", "float", "TotalIssuance: initial + emitted − recycled", (st) => st.network.supply.issuance_tao),
  col("block_emission_tao", "TAO/block", "float", "gross emission per block at this issuance (halving rule)", (st) => st.network.supply.block_emission_tao),
  col("emitted_tao", "TAO", "float", "cumulative gross emission since the start", (st) => st.network.emitted_tao),
  col("recycled_tao", "TAO", "float", "cumulative TAO recycled out of issuance since the start", (st) => st.network.recycled_tao),
  col("staked_tao", "TAO", "float", "stake held by modelled miners, validators and nominators", (st) => stakedTao(st) + st.network.root_stake_tao + stakedAlphaValueTao(st)),
  col("liquid_tao", "TAO", "float", "TAO not staked: free initial supply, owner cuts, withdrawn rewards", (st) => st.network.liquid_tao),
  col("pending_tao", "TAO", "float", "emitted but not yet paid out (subnet pending + hotkey pending)", (st) => pendingTao(st)),
  col("unassigned_tao", "TAO", "float", "emission paid to holders the scenario does not model", (st) => st.network.unassigned_tao),
  col("owner_cut_tao", "TAO", "float", "cumulative subnet-owner cut", (st) => st.network.owner_cut_tao),
  col("price_usd", "USD/TAO", "float", "TAO price from the price process", (_st, p) => p),
  col("market_cap_usd", "USD", "float", "issuance_tao × price_usd", (st, p) => st.network.supply.issuance_tao * p),
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
  col("gini_emission_frac", "fraction", "float", "Gini coefficient of the interval's emission over validators and miners", (st) => giniSorted(sortedIntervalEmission(st))),
  col("nakamoto_emission", "count", "float", "fewest agents receiving > 50 % of the interval's emission", (st) => nakamotoSorted(sortedIntervalEmission(st))),
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
    const inc = new Float64Array(sn.slots);
    const qual = new Float64Array(sn.slots);
    let acc = 0;
    let k = 0;
    for (let s = 0; s < sn.n; s++) {
      let n = 0;
      let nan = false;
      for (let a = s * sn.slots; a < (s + 1) * sn.slots; a++) {
        const j = sn.slot_miner[a]!;
        if (j < 0) continue;
        const x = st.miners.last_incentive_frac[j]!;
        nan ||= Number.isNaN(x);
        inc[n] = x;
        qual[n++] = st.miners.quality[j]!;
      }
      if (n < 2 || nan) continue;
      const r = spearman(inc.subarray(0, n), qual.subarray(0, n));
      if (!Number.isNaN(r)) (acc += r), k++;
    }
    return k > 0 ? acc / k : NaN;
  }),
  col("conservation_error_frac", "fraction", "float", "abs(issuance − Σ holdings) / issuance; a check, ~1e-16", (st) => conservationError(st)),
  // Raw values for metrics/post.ts (staking yields, sybil and cartel shares).
  raw("interval_start_block", "block", "block the interval since the previous row started at", (st) => st.network.interval_start_block),
  raw("interval_validator_stake_tao", "TAO", "validator stake (self + nominated) at the interval start", (st) => st.network.interval_validator_stake_tao),
  raw("interval_staker_stake_tao", "TAO", "nominators' stake at the interval start", (st) => st.network.interval_staker_stake_tao),
  raw("interval_owner_reward_tao", "TAO", "Σ validators' owner rewards (take included) in the interval", (st) => sum(st.validators.interval_owner_reward_tao)),
  raw("interval_take_tao", "TAO", "Σ validators' delegate take in the interval", (st) => sum(st.validators.interval_take_tao)),
  raw("interval_nominator_reward_tao", "TAO", "Σ validators' rewards to nominated stake (net of take) in the interval", (st) => sum(st.validators.interval_nominator_reward_tao)),
  raw("interval_staker_reward_tao", "TAO", "Σ nominators' rewards in the interval", (st) => sum(st.stakers.interval_reward_tao)),
  raw("sybil_miners", "count", "miners of sybil models (registered or not)", (st) => count(st.miners.sybil)),
  raw("sybil_uids", "count", "registered miners of sybil models", (st) => {
    let k = 0;
    for (let j = 0; j < st.miners.n; j++) if (st.miners.slot[j]! >= 0 && st.miners.sybil[j]) k++;
    return k;
  }),
  raw("interval_miner_emission_tao", "TAO", "Σ miners' emission in the interval (miner order)", (st) => sum(st.miners.interval_earned_tao)),
  raw("interval_sybil_emission_tao", "TAO", "Σ sybil miners' emission in the interval (miner order)", (st) => flaggedSums([[st.miners.interval_earned_tao, st.miners.sybil]]).part),
  raw("cartel_members", "count", "cartel validators and miners", (st) => count(st.validators.cartel) + count(st.miners.cartel)),
  raw("interval_paid_tao", "TAO", "Σ validators' dividends then miners' emission in the interval", (st) => cartelPaid(st).total),
  raw("interval_cartel_paid_tao", "TAO", "the cartel's part of interval_paid_tao (same order)", (st) => cartelPaid(st).part),
];

/** dTAO: alpha in validators' pools valued at spot prices (0 in the 2023 eras); staked_tao adds it and the root stake in the dTAO eras. */
function stakedAlphaValueTao(st: SimState): number {
  const sn = st.subnets;
  const S = sn.n;
  const v = st.validators;
  let x = 0;
  for (let s = 0; s < S; s++) {
    if (!sn.active[s]) continue;
    let a = 0;
    for (let i = 0; i < v.n; i++) a += v.hotkey_alpha[i * S + s]!;
    const w = sn.pool_weight[s]!;
    x += sn.pool_alpha[s]! > 0 ? a * ((1 - w) / w) * (sn.pool_tao[s]! / sn.pool_alpha[s]!) : 0;
  }
  return x;
}

function count(flags: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i]) k++;
  return k;
}

function cartelPaid(st: SimState): { part: number; total: number } {
  return flaggedSums([
    [st.validators.interval_dividends_tao, st.validators.cartel],
    [st.miners.interval_earned_tao, st.miners.cartel],
  ]);
}

function intervalEmission(st: SimState): Float64Array {
  const out = new Float64Array(st.validators.n + st.miners.n);
  out.set(st.validators.interval_dividends_tao);
  out.set(st.miners.interval_earned_tao, st.validators.n);
  return out;
}

/**
 * intervalEmission sorted ascending, sorted once for the two columns that need it: the last sort
 * is reused when the values are the same (checked element by element, cheaper than a sort).
 */
const sortedCache = new WeakMap<SimState, { raw: Float64Array; sorted: Float64Array }>();
function sortedIntervalEmission(st: SimState): Float64Array {
  const raw = intervalEmission(st);
  const hit = sortedCache.get(st);
  if (hit && hit.raw.length === raw.length) {
    let same = true;
    for (let i = 0; i < raw.length && same; i++) same = Object.is(raw[i], hit.raw[i]);
    if (same) return hit.sorted;
  }
  const sorted = Float64Array.from(raw).sort();
  sortedCache.set(st, { raw, sorted });
  return sorted;
}

/** Σ of all values and Σ of the flagged ones over the (values, flags) pairs, each summed in order. */
function flaggedSums(pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[]): { part: number; total: number } {
  let part = 0;
  let total = 0;
  for (const [values, flags] of pairs) {
    for (let i = 0; i < values.length; i++) {
      total += values[i]!;
      if (flags[i]) part += values[i]!;
    }
  }
  return { part, total };
}
