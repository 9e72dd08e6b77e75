/**
 * The strategies available to populations. Each file of agent behaviour registers here; this list
 * is what the scenario schema accepts.
 *
 * Era-2023 foundation set. Under the `ideal` consensus model (mechanisms/consensus-ideal.ts) an
 * honest miner is paid by its true quality and honest validators by their stake, so these strategies
 * carry no per-step decision yet; weight-setting, copying and cartel strategies plug in with Yuma.
 */
import { z } from "zod";
import { defineStrategy } from "./registry.js";

export const honestMiner = defineStrategy({
  kind: "miners",
  name: "honest",
  doc: "serves the subnet's task at its true quality; paid by incentive",
  params: {},
});

export const honestValidator = defineStrategy({
  kind: "validators",
  name: "honest",
  doc: "scores miners by their observed quality and sets weights every tempo",
  params: {},
});

export const passiveStaker = defineStrategy({
  kind: "stakers",
  name: "passive",
  doc: "delegates once and stays; rewards compound as stake unless compound is false",
  params: {
    compound: z.boolean().default(true).describe("restake rewards (true) or withdraw them as liquid TAO (false)"),
  },
  columns: (p) => ({ compound: p.compound ? 1 : 0 }),
});
