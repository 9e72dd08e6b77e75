/**
 * Supply projection: issuance and emission sampled every `every_days` from a start issuance and
 * date, under a constant recycled fraction (SupplyClock: exact at each halving). Columnar output
 * for tables and charts.
 */
import { SupplyClock } from "./supply.js";
import { BLOCKS_PER_DAY, isoDate, MS_PER_DAY, parseIsoDate } from "../units.js";

export interface SupplyPathQuery {
  issuance_tao: number;
  /** Start date (YYYY-MM-DD). */
  date: string;
  /** End date (YYYY-MM-DD, inclusive of the last whole step). */
  until: string;
  recycle_frac?: number;
  every_days?: number;
}

export interface SupplyPath {
  date: string[];
  days: number[];
  issuance_tao: number[];
  /** Gross block emission at the sample (TAO/block). */
  block_emission_tao: number[];
  /** Net new issuance over the step before the sample (TAO/day; NaN at the start). */
  net_issuance_tao_per_day: number[];
  /** Cumulative TAO recycled since the start. */
  recycled_tao: number[];
}

export function supplyPath(q: SupplyPathQuery): SupplyPath {
  const start = parseIsoDate(q.date);
  const end = parseIsoDate(q.until);
  if (Number.isNaN(start)) throw new RangeError(`not a date (YYYY-MM-DD): ${q.date}`);
  if (Number.isNaN(end) || end <= start) throw new RangeError(`until must be a date after ${q.date}: ${q.until}`);
  const every = q.every_days ?? 30;
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`every_days must be an integer ≥ 1: ${every}`);
  const clock = new SupplyClock(q.issuance_tao, q.recycle_frac ?? 0);
  const out: SupplyPath = { date: [], days: [], issuance_tao: [], block_emission_tao: [], net_issuance_tao_per_day: [], recycled_tao: [] };
  let recycled = 0;
  const push = (day: number, perDay: number) => {
    out.date.push(isoDate(start + day * MS_PER_DAY));
    out.days.push(day);
    out.issuance_tao.push(clock.issuance_tao);
    out.block_emission_tao.push(clock.block_emission_tao);
    out.net_issuance_tao_per_day.push(perDay);
    out.recycled_tao.push(recycled);
  };
  push(0, NaN);
  const totalDays = Math.floor((end - start) / MS_PER_DAY);
  for (let day = every; day <= totalDays; day += every) {
    const before = clock.issuance_tao;
    recycled += clock.advance(every * BLOCKS_PER_DAY).recycled_tao;
    push(day, (clock.issuance_tao - before) / every);
  }
  return out;
}
