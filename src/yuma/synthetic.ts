/**
 * Synthetic subnets for benchmarks and property tests: V validators (uids 0..V−1) with
 * log-normal stakes and M miners (uids V..V+M−1) with zero stake; every validator weights every
 * miner with true quality × (1 + σ·noise), clipped at 0. Deterministic from the seed.
 */
import { stream } from "../rng.js";
import { normal01 } from "../scenario/distributions.js";
import { YumaSubnet, type YumaSettings } from "./subnet.js";

export interface SyntheticOptions {
  validators: number;
  miners: number;
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
  const M = o.miners;
  const n = V + M;
  const rng = stream(o.seed ?? 0, "synthetic/yuma");
  const sigma = o.sigma ?? 0.2;
  const subnet = new YumaSubnet(n, o.settings ?? {}, 0);
  const stake = new Float64Array(n);
  for (let i = 0; i < V; i++) stake[i] = 1000 * Math.exp(normal01(rng));
  subnet.setStake(stake);
  const quality = Float64Array.from({ length: M }, () => rng());
  const dests = Int32Array.from({ length: M }, (_, k) => V + k);
  const values = new Float64Array(M);
  return {
    subnet,
    setWeights(block) {
      for (let i = 0; i < V; i++) {
        for (let k = 0; k < M; k++) values[k] = Math.max(0, Math.round(65535 * quality[k]! * (1 + sigma * normal01(rng))));
        subnet.setWeights(i, dests, values, block);
      }
    },
  };
}
