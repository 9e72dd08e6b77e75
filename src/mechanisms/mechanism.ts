/**
 * A mechanism is one module: a formula header naming the subtensor function it mirrors, the state
 * columns it reads and writes, when it next has work, and a step. The engine runs the ordered
 * pipeline in mechanisms/index.ts at every event block and never tests a mechanism's name.
 */
import type { SimState } from "../state/state.js";

export interface Mechanism {
  name: string;
  /** subtensor path and function this follows (documentation; shown in the manifest). */
  mirrors: string;
  reads: readonly string[];
  writes: readonly string[];
  /** Prepare per-run caches (called once, before the first event). */
  init?(st: SimState): void;
  /** First block after `st.network.block` at which this mechanism must run (Infinity: only when called). */
  nextBlock(st: SimState): number;
  /** Bring the mechanism to block `t` (> previous event). Mechanisms run in pipeline order. */
  step(st: SimState, t: number): void;
  /** Release per-run resources (worker threads), after the last event or on an error. */
  close?(st: SimState): void;
}

export function defineMechanism(m: Mechanism): Mechanism {
  return Object.freeze(m);
}

/** The first multiple of `period` after block `after` (daily drains, registration rounds). */
export function nextMultiple(after: number, period: number): number {
  return (Math.floor(after / period) + 1) * period;
}
