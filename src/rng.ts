/**
 * Seeded random streams. One root seed per run; every consumer draws from its own named stream
 * `alea("<seed>/<name>")`, so adding a new agent class or process leaves the draws of the others
 * unchanged. Nothing draws from the unseeded global generator.
 */
import seedrandom from "seedrandom";

export type Rng = () => number;

/** A named stream for a run seed, e.g. stream(42, "agents/validators/honest"). */
export function stream(seed: number, name: string): Rng {
  const prng = seedrandom.alea(`${seed}/${name}`);
  return () => prng();
}
