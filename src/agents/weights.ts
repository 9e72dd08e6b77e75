/**
 * Validator weight-setting behaviours (the `weights` of validator strategies). Each returns the
 * raw weights of one validator on one subnet's miners; the chain max-upscales them to u16.
 *
 *   honest(σ, k)   every k epochs: w_j = q_j · max(0, 1 + σ·z_j), z ~ N(0, 1)  (observed quality)
 *   copier(L)      w = the subnet's consensus L epochs ago (what anyone can read from the chain);
 *                  before any consensus exists it sets nothing
 *   cartel(W_C, σ) honest view h (noise σ), then W_C of the weight on cartel miners (∝ their h, or
 *                  evenly if the cartel has no quality) and 1 − W_C on the others (∝ h)
 */
import type { NormalStream } from "../rng.js";
import type { WeightSetter, WeightView } from "./registry.js";

function observe(view: WeightView, sigma: number, out: Float64Array): void {
  if (sigma === 0) out.set(view.quality);
  else view.observe(sigma, out);
}

/** WeightView.observe in JavaScript: q·max(0, 1 + σ·z) with z from `rng` (tests and small tools). */
export function observeInJs(quality: Float64Array, rng: NormalStream, sigma: number, out: Float64Array): void {
  for (let j = 0; j < quality.length; j++) out[j] = quality[j]! * Math.max(0, 1 + sigma * rng.normal());
}

export function honestWeights(sigma: number, every: number): WeightSetter {
  return {
    set(i, view, out) {
      // Validator i sets on epochs ≡ i (mod k), so a stale group does not move in lockstep.
      if (every > 1 && (view.epoch + i) % every !== 0) return false;
      observe(view, sigma, out);
      return true;
    },
  };
}

export function copierWeights(lag: number): WeightSetter {
  return {
    set(_i, view, out) {
      const c = view.consensus(lag);
      if (!c) return false;
      let any = false;
      for (let j = 0; j < out.length; j++) {
        out[j] = c[j]!;
        if (c[j]! > 0) any = true;
      }
      return any;
    },
  };
}

export function cartelWeights(wc: number, sigma: number): WeightSetter {
  return {
    set(_i, view, out) {
      observe(view, sigma, out);
      const m = out.length;
      let own = 0;
      let rest = 0;
      let nOwn = 0;
      for (let j = 0; j < m; j++) {
        if (view.cartelMiner[j]) {
          own += out[j]!;
          nOwn++;
        } else rest += out[j]!;
      }
      if (nOwn === 0) return true;
      for (let j = 0; j < m; j++) {
        if (view.cartelMiner[j]) out[j] = own > 0 ? (wc * out[j]!) / own : wc / nOwn;
        else out[j] = rest > 0 ? ((1 - wc) * out[j]!) / rest : 0;
      }
      return true;
    },
  };
}
