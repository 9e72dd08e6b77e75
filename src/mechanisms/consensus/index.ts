/**
 * Consensus models: how one subnet's epoch turns its participants into emission shares for its
 * miners and its validators. A registry keyed by `network.consensus`; the epoch mechanism
 * (../epoch.ts) calls whichever the scenario names and never tests the name.
 *
 *   ideal   (ideal.ts) the outcome Yuma Consensus reaches with honest, noiseless validators and
 *           converged bonds: miners paid by true quality, validators by stake
 *   yuma    (yuma.ts) the chain's Yuma Consensus epoch on the subnet, validators setting weights
 *           through their strategies' hooks; its parts: observation noise (observation-noise.ts),
 *           the commit-reveal queue (commit-reveal.ts) and the consensus history copiers read
 *           (weight-history.ts)
 */
import type { SimState } from "../../state/state.js";
import type { ColumnKey } from "../../state/columns.js";
import type { ResolvedScenario } from "../../state/compiled.js";
import { ideal } from "./ideal.js";
import { yuma } from "./yuma.js";

export interface ConsensusModel<P = unknown> {
  name: string;
  doc: string;
  /** Columns it writes beyond the epoch's payout (the epoch declares them too; model-lint checks). */
  writes: readonly ColumnKey[];
  reads: readonly ColumnKey[];
  /** Scenario parameters it reads (see Mechanism.params), and the subset it reads under a scenario. */
  params: readonly string[];
  paramsUsed?(sc: ResolvedScenario): readonly string[];
  /** Private per-run state (held by the epoch mechanism for the run). */
  init?(st: SimState): P;
  /** Release per-run resources (worker threads). */
  close?(st: SimState, p: P): void;
  /**
   * Fill `minerShare` (one entry per miner slot of subnet s, 0 for an empty slot) and
   * `validatorShare` (one entry per validator) with shares of the epoch's emission that sum to 1
   * over both, or leave all zero when nobody can be paid. `permit` = validators holding a permit.
   */
  shares(st: SimState, p: P, s: number, block: number, permit: Uint8Array, minerShare: Float64Array, validatorShare: Float64Array): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const CONSENSUS_MODELS: readonly ConsensusModel<any>[] = [ideal, yuma];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function findConsensusModel(name: string): ConsensusModel<any> | undefined {
  return CONSENSUS_MODELS.find((m) => m.name === name);
}
