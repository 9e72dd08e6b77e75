/**
 * Validator behaviours: the weights a validator sets on one subnet's miners (WeightSetter) and its
 * vote on the root network (RootVoter). The chain max-upscales weights to u16; root rows are
 * normalised here.
 *
 *   honest(σ, k)   every k epochs: w_j = q_j · max(0, 1 + σ·z_j), z ~ N(0, 1)  (observed quality)
 *   copier(L)      w = the subnet's consensus L epochs ago (what anyone can read from the chain);
 *                  before any consensus exists it sets nothing
 *   cartel(W_C, σ) honest view h (noise σ), then W_C of the weight on cartel miners (∝ their h, or
 *                  evenly if the cartel has no quality) and 1 − W_C on the others (∝ h)
 *   root votes     honest: w_s = v_s·max(0, 1 + σ_root·z_s) (v_s = the subnet's mean miner
 *                  quality); cartel: the same view, then W_C on the subnets where cartel miners
 *                  hold uids and 1 − W_C on the others (each ∝ the view), when both sides have value
 */
import type { NormalStream } from "../rng.js";
import type { RootView, RootVoter, WeightSetter, WeightView } from "../intents.js";

function observe(view: WeightView, sigma: number, out: Float64Array): void {
  if (sigma === 0) out.set(view.quality);
  else view.observe(sigma, out);
}

/** WeightView.observe in JavaScript: q·max(0, 1 + σ·z) with z from `rng` (tests and small tools). */
export function observeInJs(quality: Float64Array, rng: NormalStream, sigma: number, out: Float64Array): void {
  for (let j = 0; j < quality.length; j++) out[j] = quality[j]! * Math.max(0, 1 + sigma * rng.normal());
}

/**
 * The cartel's weight split, in place: entries with mask[j] = 1 get W_C·x_j/own (or W_C/n_own
 * when own = 0), the others (1 − W_C)·x_j/rest (or 0 when rest = 0). `own` and `rest` are the
 * totals of the two sides as the caller summed them.
 */
export function splitCartelInPlace(out: Float64Array, mask: Uint8Array, wc: number, own: number, rest: number, nOwn: number): Float64Array {
  for (let j = 0; j < out.length; j++) {
    if (mask[j]) out[j] = own > 0 ? (wc * out[j]!) / own : wc / nOwn;
    else out[j] = rest > 0 ? ((1 - wc) * out[j]!) / rest : 0;
  }
  return out;
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
    historyEpochs: lag,
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

export function cartelWeights(wc: number, sigma: number, minerCartel: Uint8Array): WeightSetter {
  let mask = new Uint8Array(0);
  return {
    set(_i, view, out) {
      observe(view, sigma, out);
      const m = out.length;
      if (mask.length < m) mask = new Uint8Array(m);
      const own_ = mask.subarray(0, m);
      let own = 0;
      let rest = 0;
      let nOwn = 0;
      for (let j = 0; j < m; j++) {
        const miner = view.slotMiner[j]!;
        own_[j] = miner >= 0 ? minerCartel[miner]! : 0;
        if (own_[j]) {
          own += out[j]!;
          nOwn++;
        } else rest += out[j]!;
      }
      if (nOwn === 0) return true;
      splitCartelInPlace(out, own_, wc, own, rest, nOwn);
      return true;
    },
  };
}

export const honestRootVote: RootVoter = {
  vote(_i, view, out) {
    return view.observe(out);
  },
};

/** A cartel member's root vote: W_C on the subnets where cartel miners hold uids. */
export function cartelRootVote(wc: number, minerCartel: Uint8Array): RootVoter {
  let net = new Uint8Array(0);
  let netBlock = NaN;
  return {
    vote(_i, view, out) {
      const rowSum = view.observe(out);
      if (!(rowSum > 0)) return rowSum;
      const S = out.length;
      if (netBlock !== view.block || net.length !== S) {
        // The subnets where the cartel mines (once per root epoch).
        if (net.length !== S) net = new Uint8Array(S);
        for (let s = 0; s < S; s++) {
          let has = 0;
          for (let k = s * view.slots; k < (s + 1) * view.slots; k++) {
            const j = view.slotMiner[k]!;
            if (j >= 0 && minerCartel[j]) has = 1;
          }
          net[s] = has;
        }
        netBlock = view.block;
      }
      let own = 0;
      for (let s = 0; s < S; s++) if (net[s]) own += out[s]!;
      const rest = rowSum - own;
      if (own > 0 && rest > 0) {
        // The split row sums to 1 by construction.
        splitCartelInPlace(out, net, wc, own, rest, 1);
        return 1;
      }
      return rowSum;
    },
  };
}
