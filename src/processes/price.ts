/**
 * TAO/USD price processes, as daily paths (index = day, day 0 = the start date), and the price on
 * a block's day. Pure math over numbers and a seeded stream: reading the scenario's price spec,
 * its CSV file or its expression is the compile stage's work (scenario/price-path.ts), which
 * builds the whole path once from the `process/price` stream, so the recording interval never
 * changes the draws.
 *
 *   constant   P_d = P_0
 *   gbm        P_{d+1} = P_d · exp((μ − σ²/2)·Δ + σ·√Δ·Z_d),  Δ = 1/365 year, Z_d ~ N(0,1)
 *   step       P_d = price of the last point with date ≤ day d (the first point before it)  (csv)
 *   expr       P_d = f(day = d, year = d/365, block = start_block + 7200·d)
 */
import { BLOCKS_PER_DAY, MS_PER_DAY } from "../units.js";
import { normal01, type Rng } from "../rng.js";

/** A constant path: days + 1 values of `initialUsd`. */
export function constantPricePath(days: number, initialUsd: number): Float64Array {
  return new Float64Array(days + 1).fill(initialUsd);
}

/** A geometric Brownian motion path (days + 1 values), one normal01 draw of `rng` per day. */
export function gbmPricePath(days: number, initialUsd: number, driftPerYear: number, volatilityPerYear: number, rng: Rng): Float64Array {
  const out = new Float64Array(days + 1);
  const dt = 1 / 365;
  const mu = driftPerYear;
  const sig = volatilityPerYear;
  out[0] = initialUsd;
  for (let d = 1; d <= days; d++) {
    out[d] = out[d - 1]! * Math.exp((mu - 0.5 * sig * sig) * dt + sig * Math.sqrt(dt) * normal01(rng));
  }
  return out;
}

/**
 * A step path (days + 1 values) from dated points [ms since the epoch, price], dates increasing,
 * at least one: day d takes the last point dated ≤ startMs + d days, or the first point.
 */
export function stepPricePath(points: readonly (readonly [number, number])[], startMs: number, days: number): Float64Array {
  const out = new Float64Array(days + 1);
  let k = 0;
  for (let d = 0; d <= days; d++) {
    const ms = startMs + d * MS_PER_DAY;
    while (k + 1 < points.length && points[k + 1]![0] <= ms) k++;
    out[d] = points[k]![1];
  }
  return out;
}

/** The time symbols of a price expression on day d. */
export function priceTimeOfDay(d: number, startBlock: number): { day: number; year: number; block: number } {
  return { day: d, year: d / 365, block: startBlock + BLOCKS_PER_DAY * d };
}

/** A daily price path and the block of its day 0 (a CompiledScenario is one). */
export interface DailyPrice {
  /** Price per day from the start date (index = day). */
  readonly price_usd_by_day: Float64Array;
  readonly start_block: number;
}

/** The TAO price (USD) on the day of `block` (clamped to the price path). */
export function priceAtBlock(c: DailyPrice, block: number): number {
  const p = c.price_usd_by_day;
  const d = Math.min(p.length - 1, Math.max(0, Math.floor((block - c.start_block) / BLOCKS_PER_DAY)));
  return p[d]!;
}
