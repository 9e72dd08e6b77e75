/**
 * dTAO stakers' portfolio behaviours (PortfolioManager hooks of src/intents.ts; the dtao_genesis
 * mechanism places the starting stake, dtao_staking applies each move as an unstake and a stake
 * through the pools, with fees and slippage).
 *
 *   stayOnRoot     (default, strategy `root`)  TAO on root, never moves
 *   holder(pick)   alpha on one subnet from the start (drawn ∝ pool TAO, or round-robin), never moves
 *   alphaYield(θ, ι, h)
 *       starts where the expected yield is best; at a review (probability 1 − ι, one uniform draw
 *       of the group's stream per staker) it scores every active subnet and root by
 *           gain = (end_target − end_stay)/value
 *       (end: the TAO the position would hold at the horizon h (days): on root grown by the root
 *       yield; on a subnet grown by its alpha yield, then sold into the pool once its price moved
 *       half-way back to the EMA along its invariant — for the target after paying the exit now
 *       and the buy, whose price impact counts; value: the position at spot) and moves to the
 *       best target if its gain exceeds θ (a fraction of the position)
 *   momentum(m, ι)
 *       follows price trends: at a review it moves to the subnet whose spot price is furthest above
 *       its EMA price (p/p̄ − 1 > m; subnets emitting for at least 30 days, whose EMA has warmed up),
 *       and back to root when no subnet trends up by m
 */
import type { NormalStream } from "../rng.js";
import { ROOT, STAY, type PortfolioManager, type PortfolioView } from "../intents.js";

export const stayOnRoot: PortfolioManager = {
  start: () => ROOT,
  review: () => STAY,
};

/** A subnet drawn ∝ pool TAO among the active ones (one uniform draw). */
function drawByPool(view: PortfolioView, u: number): number {
  let total = 0;
  for (let s = 0; s < view.active.length; s++) if (view.active[s]) total += view.poolTao[s]!;
  if (!(total > 0)) return ROOT;
  let x = u * total;
  let last = ROOT;
  for (let s = 0; s < view.active.length; s++) {
    if (!view.active[s]) continue;
    last = s;
    x -= view.poolTao[s]!;
    if (x < 0) return s;
  }
  return last;
}

export function holder(rng: NormalStream): PortfolioManager {
  return {
    start: (_k, view) => drawByPool(view, rng.uniform()),
    review: () => STAY,
  };
}

/** Prices are expected to move this fraction of the way back to their EMA over the horizon. */
const REVERSION_FRAC = 0.5;

function bestByYield(view: PortfolioView, k: number, horizonDays: number, current: number): { target: number; gain: number } {
  const value = view.valueTao(k);
  if (!(value > 0)) return { target: STAY, gain: 0 };
  const h = horizonDays / 365;
  // What each choice is worth in TAO at the horizon: root compounds its TAO yield; an alpha
  // position grows by its alpha yield and is then sold into its pool after the price moved
  // half-way back to the EMA — so an alpha yield cannot be worth more than the pool holds, and a
  // buy that lifts a thin pool far above its EMA expects to give most of that back.
  const stayTao =
    current === ROOT ? value * (1 + view.rootYield(0) * h) : view.expectedExitTao(current, view.alphaOf(k) * (1 + view.alphaYield(current, 0) * h), REVERSION_FRAC);
  const exitTao = view.exitTao(k);
  let target = STAY;
  let gain = 0;
  for (let s = -1; s < view.active.length; s++) {
    if (s === current || (s >= 0 && !view.active[s])) continue;
    const y = s === ROOT ? view.rootYield(value) : view.alphaYield(s, value);
    if (!Number.isFinite(y)) continue;
    const endTao = s === ROOT ? exitTao * (1 + y * h) : view.entryExpectedTao(s, exitTao, REVERSION_FRAC, 1 + y * h);
    const g = (endTao - stayTao) / value;
    if (g > gain) {
      gain = g;
      target = s;
    }
  }
  return { target, gain };
}

export function alphaYield(threshold: number, inertia: number, horizonDays: number, rng: NormalStream): PortfolioManager {
  return {
    start(k, view) {
      const { target } = bestByYield(view, k, horizonDays, ROOT);
      return target === STAY ? ROOT : target;
    },
    review(k, view) {
      if (rng.uniform() < inertia) return STAY;
      const { target, gain } = bestByYield(view, k, horizonDays, view.positionOf[k]!);
      return gain > threshold ? target : STAY;
    },
  };
}

/** Blocks of EMA history a subnet needs before momentum reads a trend from it (30 days). */
const TREND_MIN_AGE_BLOCKS = 30 * 7200;

export function momentum(margin: number, inertia: number, rng: NormalStream): PortfolioManager {
  const pick = (view: PortfolioView): number => {
    let best = ROOT;
    let trend = margin;
    for (let s = 0; s < view.active.length; s++) {
      // A subnet younger than a month has no trend yet: its EMA price is still warming up from 0.
      if (!view.active[s] || !(view.movingPrice[s]! > 0) || view.block - view.firstEmissionBlock[s]! < TREND_MIN_AGE_BLOCKS) continue;
      const x = view.price[s]! / view.movingPrice[s]! - 1;
      if (x > trend) {
        trend = x;
        best = s;
      }
    }
    return best;
  };
  return {
    start: (_k, view) => pick(view),
    review(k, view) {
      if (rng.uniform() < inertia) return STAY;
      const target = pick(view);
      return target === view.positionOf[k] ? STAY : target;
    },
  };
}
