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
 *           gain = (y_target − y_current)·h/365 − cost_round_trip(target, value)
 *       (y: the view's expected yields per year — for a subnet its alpha yield plus its price
 *       trend, so sell pressure counts —, h: its holding horizon in days) and moves to the
 *       best target if its gain exceeds θ (a fraction of the position)
 *   momentum(m, ι)
 *       follows price trends: at a review it moves to the subnet whose spot price is furthest above
 *       its EMA price (p/p̄ − 1 > m), and back to root when no subnet trends up by m
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

function bestByYield(view: PortfolioView, k: number, horizonDays: number, current: number): { target: number; gain: number } {
  const value = view.valueTao(k);
  const yCur = current === ROOT ? view.rootYield(0) : view.alphaYield(current, 0);
  let target = STAY;
  let gain = 0;
  const h = horizonDays / 365;
  for (let s = -1; s < view.active.length; s++) {
    if (s === current || (s >= 0 && !view.active[s])) continue;
    const y = s === ROOT ? view.rootYield(value) : view.alphaYield(s, value);
    if (!Number.isFinite(y)) continue;
    // Leaving an alpha position and entering a subnet each cost about half a round trip.
    const cost = (current >= 0 ? view.roundTripCostFrac(current, value) / 2 : 0) + (s >= 0 ? view.roundTripCostFrac(s, value) / 2 : 0);
    // Prices are expected to move half-way back to their EMA over the horizon: buying above the
    // EMA expects a loss, leaving a subnet priced above it gives that loss up.
    const g = (y - yCur) * h - cost + reversion(view, s) - reversion(view, current);
    if (g > gain) {
      gain = g;
      target = s;
    }
  }
  return { target, gain };
}

/** Expected price move of subnet s over the horizon, p → half-way to p̄: ½(p̄/p − 1) (0 for root). */
function reversion(view: PortfolioView, s: number): number {
  if (s < 0) return 0;
  const p = view.price[s]!;
  return p > 0 ? 0.5 * (view.movingPrice[s]! / p - 1) : 0;
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

export function momentum(margin: number, inertia: number, rng: NormalStream): PortfolioManager {
  const pick = (view: PortfolioView): number => {
    let best = ROOT;
    let trend = margin;
    for (let s = 0; s < view.active.length; s++) {
      if (!view.active[s] || !(view.movingPrice[s]! > 0)) continue;
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
