/**
 * Staking yield summaries of a run, and the 2023 rule of thumb they are compared with.
 *
 *   rule of thumb (targets.md T6):  APR ≈ f·(1 − take)·E_day·365 / S
 *     f = validators' share of emission (0.41 with the 18 % owner cut, 0.5 before it),
 *     E_day = TAO emitted per day, S = total TAO staked.
 *   realised return over a run:     R_TAO = Π_i (1 + apr_i·Δt_i / 365) − 1   (the recorded
 *     interval APRs compounded), R_USD = (1 + R_TAO)·P_end / P_start − 1, both also annualised.
 */
import { numericColumn as col, textColumn, type Table } from "../table.js";

export interface RuleOfThumbQuery {
  total_stake_tao: number;
  take_frac: number;
  /** Validators' share of emission f (default 0.41). */
  validator_frac?: number;
  /** Default 7,200 TAO/day. */
  emission_tao_per_day?: number;
}

/** Nominators' APR by the T6 rule of thumb (a fraction per year). */
export function aprRuleOfThumb(q: RuleOfThumbQuery): number {
  const f = q.validator_frac ?? 0.41;
  const e = q.emission_tao_per_day ?? 7200;
  return (f * (1 - q.take_frac) * e * 365) / q.total_stake_tao;
}

export interface StakingReturns {
  days: number;
  /** Nominators' return in TAO over the run, and annualised. */
  tao_return_frac: number;
  tao_apr_frac: number;
  /** TAO price change over the run. */
  price_change_frac: number;
  /** The same stake valued in USD: return over the run, and annualised. */
  usd_return_frac: number;
  usd_apr_frac: number;
}

/** What a compounding nominator earned over a run, in TAO and in USD (network table). */
export function stakingReturns(src: Table | { tables: { network: Table } }): StakingReturns {
  const t = "tables" in src ? src.tables.network : src;
  const day = col(t, "day");
  const apr = col(t, "apr_nominator_frac");
  const price = col(t, "price_usd");
  const n = t.rows;
  let growth = 1;
  for (let i = 1; i < n; i++) {
    const a = apr[i]!;
    if (Number.isFinite(a)) growth *= 1 + (a * (day[i]! - day[i - 1]!)) / 365;
  }
  const days = day[n - 1]! - day[0]!;
  const years = days / 365;
  const priceChange = price[n - 1]! / price[0]! - 1;
  const usd = growth * (1 + priceChange);
  return {
    days,
    tao_return_frac: growth - 1,
    tao_apr_frac: growth ** (1 / years) - 1,
    price_change_frac: priceChange,
    usd_return_frac: usd - 1,
    usd_apr_frac: usd ** (1 / years) - 1,
  };
}

export interface ValidatorApr {
  validator: number;
  group: string;
  take_frac: number;
  stake_start_tao: number;
  stake_end_tao: number;
  /** Nominators' yield on this validator net of take over the run, compounded and annualised. */
  apr_nominator_frac: number;
}

/** Per validator: take, stake at the start and end, and the nominators' net APR (validators table). */
export function validatorAprs(src: Table | { tables: { validators: Table } }): ValidatorApr[] {
  const t = "tables" in src ? src.tables.validators : src;
  const v = col(t, "validator");
  const block = col(t, "block");
  const take = col(t, "take_frac");
  const stake = col(t, "stake_tao");
  const apr = col(t, "apr_nominator_frac");
  const group = textColumn(t, "group");
  const by = new Map<number, ValidatorApr & { growth: number; first: number; last: number }>();
  for (let r = 0; r < t.rows; r++) {
    const i = v[r]!;
    let e = by.get(i);
    if (!e) {
      e = { validator: i, group: group[r]!, take_frac: take[r]!, stake_start_tao: stake[r]!, stake_end_tao: stake[r]!, apr_nominator_frac: NaN, growth: 1, first: block[r]!, last: block[r]! };
      by.set(i, e);
      continue;
    }
    const dtDays = (block[r]! - e.last) / 7200;
    if (Number.isFinite(apr[r]!)) e.growth *= 1 + (apr[r]! * dtDays) / 365;
    e.last = block[r]!;
    e.stake_end_tao = stake[r]!;
    e.take_frac = take[r]!;
  }
  return [...by.values()]
    .map(({ growth, first, last, ...e }) => ({ ...e, apr_nominator_frac: last > first ? growth ** (365 / ((last - first) / 7200)) - 1 : NaN }))
    .sort((a, b) => b.stake_end_tao - a.stake_end_tao);
}
