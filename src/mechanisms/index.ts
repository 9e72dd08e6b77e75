/**
 * The eras: each a registry entry naming its mechanism pipeline, in the order the mechanisms run
 * at every event block (the engine never tests the era's name).
 *
 * Era 2023 (B), spec §14.1:
 *   subnet shares → emission → registration (burn price, entry, exit, pruning) → epoch (consensus
 *   + payout) → drain (dividends to nominators) → restake (stakers' re-delegation).
 * Era whitepaper-2020: the legacy trust model alone (whitepaper-2020/).
 * Eras dtao-2025, taoflow, dtao-2026 (C/D, E, F; dtao/): alpha pools, emission by price or flow,
 *   root and alpha staking (dtao/index.ts).
 *
 * Adding an era: a folder with its mechanisms, its parameter section and its EraDef (see
 * whitepaper-2020/index.ts), and one entry in ERAS. The scenario schema takes the era names and
 * their sections from here.
 */
import type { CompiledScenario } from "../state/compiled.js";
import type { AnyMechanism } from "./mechanism.js";
import { emission } from "./emission.js";
import { epoch } from "./epoch.js";
import { drain } from "./drain.js";
import { restake } from "./restake.js";
import { registration } from "./registration.js";
import { findSubnetShareFunction, SUBNET_SHARE_FUNCTIONS } from "./subnet-shares.js";
import { whitepaper2020 } from "./whitepaper-2020/index.js";
import { DTAO_ERA_DEFS } from "./dtao/index.js";
import type { ZodType } from "zod";
import type { NetworkColumn } from "../record/columns.js";
import type { EntityColumn } from "../record/validators.js";

export interface EraDef {
  name: string;
  doc: string;
  /** The era's own section of `network` (key and schema), if it has parameters of its own. */
  section?: { key: string; schema: ZodType };
  /** Every mechanism the era may run (for model-lint), and the pipeline for a scenario. */
  mechanisms: readonly AnyMechanism[];
  pipeline(c: Pick<CompiledScenario, "subnet_emission">): AnyMechanism[];
  /** What the era records beyond the common tables: network columns, and a per-subnet `pools` table. */
  record?: { network: readonly NetworkColumn[]; pools?: readonly EntityColumn[] };
}

export const ERAS: readonly EraDef[] = [
  {
    name: "2023",
    doc: "pre-dTAO Yuma network (era B): global TAO stake, subnet emission by the root network or equal, nominators' dividends",
    mechanisms: [...SUBNET_SHARE_FUNCTIONS.map((f) => f.mechanism), emission, registration, epoch, drain, restake],
    pipeline(c) {
      const shares = findSubnetShareFunction(c.subnet_emission);
      if (!shares) throw new Error(`no subnet emission function "${c.subnet_emission}"`);
      return [shares.mechanism, emission, registration, epoch, drain, restake];
    },
  },
  whitepaper2020,
  ...DTAO_ERA_DEFS,
];

export function findEra(name: string): EraDef | undefined {
  return ERAS.find((e) => e.name === name);
}

export function pipelineFor(c: CompiledScenario): AnyMechanism[] {
  const era = findEra(c.era);
  if (!era) throw new Error(`no mechanism era "${c.era}"`);
  return era.pipeline(c);
}

/** The mechanisms a run uses: of its one era, or of each era of its `network.eras` (each once, in order). */
export function runMechanisms(c: CompiledScenario): AnyMechanism[] {
  const eras = c.eras && c.eras.length > 0 ? c.eras.map((e) => e.era) : [c.era];
  return [...new Set(eras.flatMap((era) => pipelineFor({ ...c, era })))];
}

/** Every mechanism of every era (each once). */
export function allMechanisms(): AnyMechanism[] {
  return [...new Set(ERAS.flatMap((e) => e.mechanisms))];
}

export type { Mechanism, AnyMechanism } from "./mechanism.js";
