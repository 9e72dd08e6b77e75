/**
 * The mechanism pipeline, in the order they run at every event block (spec §14.1, era B):
 *   subnet shares → emission → epoch (consensus + payout) → drain (dividends to nominators)
 *   → restake (yield-chasing stakers re-delegate).
 * Registration (burn price, entry, exit, pruning) runs between emission and epoch.
 */
import type { CompiledScenario } from "../scenario/compile.js";
import type { Mechanism } from "./mechanism.js";
import { emission } from "./emission.js";
import { epoch } from "./epoch.js";
import { drain } from "./drain.js";
import { restake } from "./restake.js";
import { registration } from "./registration.js";
import { findSubnetShareFunction } from "./subnet-shares.js";

export function pipelineFor(c: CompiledScenario): Mechanism[] {
  const shares = findSubnetShareFunction(c.subnet_emission);
  if (!shares) throw new Error(`no subnet emission function "${c.subnet_emission}"`);
  return [shares.mechanism, emission, registration, epoch, drain, restake];
}

export type { Mechanism } from "./mechanism.js";
