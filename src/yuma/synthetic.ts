/**
 * Synthetic subnets for benchmarks: n uids of which the first V are validators with log-normal
 * stakes (the rest are miners with zero stake). Every validator weights every miner (every other
 * uid when all uids are validators) with its true quality × (1 + σ·noise), noise redrawn at each
 * call, clipped at 0. Deterministic from the seed.
 */
import { normal01, stream } from "../rng.js";
import { YumaSubnet } from "./subnet.js";
import type { YumaSettings } from "./settings.js";

export interface SyntheticOptions {
  validators: number;
  /** Total uids (validators included). */
  uids: number;
  seed?: number;
  /** Relative noise of each validator's view of quality. */
  sigma?: number;
  settings?: Partial<YumaSettings>;
}

export interface SyntheticSubnet {
  subnet: YumaSubnet;
  /** Re-draw and set every validator's weights at `block` (u16 values). */
  setWeights(block: number): void;
}

export function syntheticSubnet(o: SyntheticOptions): SyntheticSubnet {
  const V = o.validators;
  const n = o.uids;
  if (V > n) throw new RangeError("more validators than uids");
  const rng = stream(o.seed ?? 0, "synthetic/yuma");
  const sigma = o.sigma ?? 0.2;
  const subnet = new YumaSubnet(n, o.settings ?? {}, 0);
  const stake = new Float64Array(n);
  for (let i = 0; i < V; i++) stake[i] = 1000 * Math.exp(normal01(rng));
  subnet.setStake(stake);
  const quality = Float64Array.from({ length: n }, () => rng());
  const firstTarget = V < n ? V : 0;
  const values = new Float64Array(n - firstTarget);
  const dests = new Int32Array(n - firstTarget);
  return {
    subnet,
    setWeights(block) {
      for (let i = 0; i < V; i++) {
        let k = 0;
        for (let j = firstTarget; j < n; j++) {
          if (j === i) continue;
          dests[k] = j;
          values[k++] = Math.max(0, Math.round(65535 * quality[j]! * (1 + sigma * normal01(rng))));
        }
        subnet.setWeights(i, dests.subarray(0, k), values.subarray(0, k), block);
      }
    },
  };
}
