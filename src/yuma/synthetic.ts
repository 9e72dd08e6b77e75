/**
 * Synthetic subnets for benchmarks: n uids of which the first V are validators with log-normal
 * stakes (the rest have zero stake); every validator weights every other uid with its true
 * quality × (1 + σ·noise), clipped at 0 — a dense V × n weight matrix. Deterministic from the seed.
 */
import { stream } from "../rng.js";
import { normal01 } from "../scenario/distributions.js";
import { YumaSubnet, type YumaSettings } from "./subnet.js";

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
  const values = new Float64Array(n - 1);
  const dests = new Int32Array(n - 1);
  return {
    subnet,
    setWeights(block) {
      for (let i = 0; i < V; i++) {
        let k = 0;
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          dests[k] = j;
          values[k++] = Math.max(0, Math.round(65535 * quality[j]! * (1 + sigma * normal01(rng))));
        }
        subnet.setWeights(i, dests, values, block);
      }
    },
  };
}
