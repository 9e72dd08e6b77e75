/**
 * The mechanism pipeline of each era (a registry: the engine never tests the era's name).
 *
 * Era 2023 (B), in the order they run at every event block (spec §14.1):
 *   subnet shares → emission → epoch (consensus + payout) → drain (dividends to nominators)
 *   → restake (yield-chasing stakers re-delegate).
 * Registration (burn price, entry, exit, pruning) runs between emission and epoch.
 * Era whitepaper-2020: the legacy trust model alone (legacy-trust.ts).
 */
import type { CompiledScenario } from "../scenario/compile.js";
import type { Mechanism } from "./mechanism.js";
import { emission } from "./emission.js";
import { epoch } from "./epoch.js";
import { drain } from "./drain.js";
import { restake } from "./restake.js";
import { registration } from "./registration.js";
import { findSubnetShareFunction } from "./subnet-shares.js";
import { legacyTrust } from "./legacy-trust.js";

const ERAS: Record<string, (c: CompiledScenario) => Mechanism[]> = {
  "2023": (c) => {
    const shares = findSubnetShareFunction(c.subnet_emission);
    if (!shares) throw new Error(`no subnet emission function "${c.subnet_emission}"`);
    return [shares.mechanism, emission, registration, epoch, drain, restake];
  },
  "whitepaper-2020": () => [legacyTrust],
};

export function pipelineFor(c: CompiledScenario): Mechanism[] {
  const era = ERAS[c.era];
  if (!era) throw new Error(`no mechanism era "${c.era}"`);
  return era(c);
}

export type { Mechanism } from "./mechanism.js";
