/**
 * Halving calculator: from an issuance and a date, when does each coming halving happen?
 * Uses SupplyClock (exact block of each threshold crossing, with recycling) and 12 s blocks.
 */
import { SupplyClock } from "./supply.js";
import { BLOCK_SECONDS, isoDate, parseIsoDate } from "../units.js";

export interface HalvingEvent {
  /** 1 for the first halving (10.5M), 2 for the second, … */
  halving: number;
  /** Issuance threshold crossed (TAO). */
  issuance_tao: number;
  /** Block emission after the halving (TAO/block). */
  block_emission_tao: number;
  /** Blocks from the start until the first block paid at the new rate. */
  blocks_from_start: number;
  /** Absolute block number (start block + blocks_from_start). */
  block: number;
  /** ISO date of that block (UTC, 12 s blocks). */
  date: string;
  days_from_start: number;
}

export interface HalvingSchedule {
  start_date: string;
  start_block: number;
  issuance_tao: number;
  recycle_frac: number;
  block_emission_tao: number;
  net_emission_tao_per_day: number;
  halvings: HalvingEvent[];
}

export interface HalvingQuery {
  issuance_tao: number;
  date: string;
  recycle_frac?: number;
  /** Stop after this date (default: 40 years after start). */
  until?: string;
  start_block?: number;
  /** Upper bound on the number of halvings listed. */
  max_halvings?: number;
}

export function halvingSchedule(q: HalvingQuery): HalvingSchedule {
  const startMs = parseIsoDate(q.date);
  if (Number.isNaN(startMs)) throw new RangeError(`not a date (YYYY-MM-DD): ${q.date}`);
  const untilMs = q.until === undefined ? startMs + 40 * 365.25 * 86_400_000 : parseIsoDate(q.until);
  if (Number.isNaN(untilMs)) throw new RangeError(`not a date (YYYY-MM-DD): ${q.until}`);
  const f = q.recycle_frac ?? 0;
  const startBlock = q.start_block ?? 0;
  const clock = new SupplyClock(q.issuance_tao, f);
  const e0 = clock.block_emission_tao;
  const halvings: HalvingEvent[] = [];
  let blocks = 0;
  const maxH = q.max_halvings ?? 64;
  while (halvings.length < maxH) {
    const step = clock.blocksToNextHalving();
    if (!Number.isFinite(step)) break;
    const ms = startMs + (blocks + step) * BLOCK_SECONDS * 1000;
    if (ms > untilMs) break;
    const threshold = clock.next_threshold_tao;
    clock.advance(step);
    blocks += step;
    halvings.push({
      halving: 0,
      issuance_tao: threshold,
      block_emission_tao: clock.block_emission_tao,
      blocks_from_start: blocks,
      block: startBlock + blocks,
      date: isoDate(ms),
      days_from_start: (blocks * BLOCK_SECONDS) / 86_400,
    });
  }
  // Number halvings absolutely: 1 TAO → 0.5 is the first.
  for (const h of halvings) h.halving = Math.round(Math.log2(1 / h.block_emission_tao));
  return {
    start_date: q.date,
    start_block: startBlock,
    issuance_tao: q.issuance_tao,
    recycle_frac: f,
    block_emission_tao: e0,
    net_emission_tao_per_day: e0 * (1 - f) * 7200,
    halvings,
  };
}
