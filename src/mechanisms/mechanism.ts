/**
 * A mechanism is one module: a formula header naming the subtensor function it mirrors, the state
 * columns it reads and writes, its private per-run state, when it next has work, and a step. The
 * engine runs the ordered pipeline of the scenario's era (mechanisms/index.ts) at every event block
 * and never tests a mechanism's name.
 *
 * ── The mutation contract ────────────────────────────────────────────────────────────────────
 * Who may change what, and when (checked by test/model-lint.test.ts and, at run time, by
 * TAOSIM_CHECK=1, which compares every column around each mechanism call):
 *
 * 1. The compiled scenario is frozen. Nothing changes it after compile.
 * 2. State columns (state/columns.ts) are typed arrays and scalars mutated in place. During a run
 *    a column changes only
 *      - inside `init`/`step` of a mechanism that lists it in `writes`, or
 *      - in the engine: `network.block` after each event, and the `interval` columns, which the
 *        engine resets after each recorded row (state.ts :: startInterval).
 *    `input` and `label` columns never change; no mechanism reads a `label` column.
 * 3. A mechanism reads only the columns in `reads` ∪ `writes`, plus the entity counts (`n`,
 *    `subnets.slots`) and the frozen compiled scenario.
 * 4. Agents never write state. They decide through the hooks of src/intents.ts (weights, root
 *    votes, re-delegation, quitting and registering): a hook sees read-only views and returns its
 *    decision or writes its `out` argument; the mechanism that called it applies the decision.
 * 5. Private state — caches, scratch buffers, random streams, queues, worker threads — is what
 *    `init` returns. The engine keeps it for the run and hands it to `nextBlock`, `step` and
 *    `close`; no other code sees it, and nothing is kept at module level (a module may be used by
 *    many runs at once).
 * 6. The recorder only reads. It copies values out and never keeps a live array.
 * 7. Randomness comes only from named streams of the run's seed (rng.ts), created in `init` (or by
 *    the agents' hooks), so the order of the pipeline fixes every draw.
 * Cost: columns are mutated in place (no copies per step); the checks of TAOSIM_CHECK=1 copy
 * every column around every mechanism call and are for debugging only.
 */
import type { SimState } from "../state/state.js";
import type { ColumnKey } from "../state/columns.js";
import type { ResolvedScenario } from "../state/compiled.js";

export interface Mechanism<P = unknown> {
  name: string;
  /** subtensor path and function this follows (documentation; shown in the manifest). */
  mirrors: string;
  /** Columns it reads (beyond those it writes). */
  reads: readonly ColumnKey[];
  /** Columns it writes (and may read). */
  writes: readonly ColumnKey[];
  /**
   * Scenario parameters it reads (dotted paths; the schemas are in src/params/). A parameter that
   * no component of the chosen configuration reads is a validation warning (scenario/warnings.ts).
   */
  params?: readonly string[];
  /** The subset of `params` it reads under this scenario (default: all), e.g. none but `enabled` while disabled. */
  paramsUsed?(sc: ResolvedScenario): readonly string[];
  /** What its private per-run state holds (documentation). */
  private?: string;
  /** Create the private per-run state (called once, before the first event). */
  init?(st: SimState): P;
  /** First block after `st.network.block` at which this mechanism must run (Infinity: only when called). */
  nextBlock(st: SimState, p: P): number;
  /** Bring the mechanism to block `t` (> previous event). Mechanisms run in pipeline order. */
  step(st: SimState, t: number, p: P): void;
  /** Release per-run resources (worker threads), after the last event or on an error. */
  close?(st: SimState, p: P): void;
}

/** A mechanism of any private-state type (pipelines hold several). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMechanism = Mechanism<any>;

export function defineMechanism<P = undefined>(m: Mechanism<P>): Mechanism<P> {
  return Object.freeze(m);
}

/** The first multiple of `period` after block `after` (daily drains, registration rounds). */
export function nextMultiple(after: number, period: number): number {
  return (Math.floor(after / period) + 1) * period;
}
